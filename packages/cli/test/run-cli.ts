// Runs the `toolrec` command in-process and captures what it prints (console and stdout).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { vi } from "vitest";
import { openDatabase, seedCatalog, type Database } from "@toolrec/db";
import { main } from "../src/main.js";

export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    const code = await main(args);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
}

/** A fresh embedded database with the seeded catalog in a temp folder that the CLI will join. */
export async function seededDatabase(prefix: string): Promise<{ db: Database; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.env.TOOLREC_DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const db = await openDatabase({ dataDir: dir });
  await seedCatalog(db.prisma);
  const close = db.close;
  // The folder holds a whole PostgreSQL cluster (about 50 MB): remove it with the database.
  db.close = async () => {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { db, dir };
}
