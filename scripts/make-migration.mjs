// Writes prisma/migrations/<timestamp>_<name>/migration.sql: the SQL that takes the schema of
// the previous migration (its snapshot) to prisma/schema.prisma. No project database is used.
// Usage: npm run db:migrations -- NAME   (runs under tsx: it uses @toolrec/db's embedded server)
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openEmbeddedServer } from "@toolrec/db";
import { prismaEnv } from "./prisma-env.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migrations -- NAME");
  process.exit(2);
}
const dir = `${root}prisma/migrations`;
const previous = readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort().at(-1);
const from = previous ? ["--from-schema-datamodel", `${dir}/${previous}/schema.prisma`] : ["--from-empty"];
// The CLI's driver adapter connects even for a pure diff: give it a throwaway embedded
// PostgreSQL (a temporary cluster, removed afterwards).
const scratchDir = mkdtempSync(path.join(os.tmpdir(), "toolrec-migration-diff-"));
let sql;
try {
  const scratch = await openEmbeddedServer({ dataDir: scratchDir });
  try {
    ({ stdout: sql } = await promisify(execFile)(
      process.execPath,
      [`${root}node_modules/prisma/build/index.js`, "migrate", "diff", ...from, "--to-schema-datamodel", `${root}prisma/schema.prisma`, "--script"],
      { cwd: root, env: prismaEnv({ ...process.env, DATABASE_URL: scratch.url }), encoding: "utf8" },
    ));
  } finally {
    await scratch.close();
  }
} finally {
  rmSync(scratchDir, { recursive: true, force: true });
}
if (!/\b(CREATE|ALTER|DROP)\b/.test(sql)) {
  console.log("schema unchanged since the last migration; nothing written");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = `${dir}/${stamp}_${name}`;
if (existsSync(target)) throw new Error(`${target} exists`);
mkdirSync(target);
writeFileSync(`${target}/migration.sql`, sql);
copyFileSync(`${root}prisma/schema.prisma`, `${target}/schema.prisma`);
console.log(`wrote ${target}/migration.sql (append hand-written SQL such as triggers below the generated part)`);
