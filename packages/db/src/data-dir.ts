// The data folder (.data) holds secrets and the database: nobody else may read it. It is
// 0711 because the embedded server may run as another system user (PostgreSQL refuses root)
// that must traverse it to reach its own 0700 cluster folder; every entry directly inside
// is then made private (0700 folders, 0600 files), which closes everything below.
import fs from "node:fs";

export const DATA_DIR_MODE = 0o711;

export function securePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  const uid = process.getuid?.();
  const own = (st: fs.Stats) => uid === undefined || uid === 0 || st.uid === uid;
  const st = fs.statSync(dir);
  if (own(st) && (st.mode & 0o777) !== DATA_DIR_MODE) fs.chmodSync(dir, DATA_DIR_MODE);
  for (const entry of fs.readdirSync(dir)) {
    const p = `${dir}/${entry}`;
    let e: fs.Stats;
    try {
      e = fs.lstatSync(p);
    } catch {
      continue; // removed meanwhile (a temporary file of another process)
    }
    if (e.isSymbolicLink() || !own(e) || (e.mode & 0o077) === 0) continue;
    try {
      fs.chmodSync(p, e.mode & 0o7700);
    } catch {
      // removed meanwhile
    }
  }
}
