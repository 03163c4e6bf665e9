// The database under concurrent use and the migration runner, on every available backend:
// the embedded PostgreSQL server, and the PostgreSQL on 127.0.0.1:5432 when it answers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends, scratchPostgresDatabase } from "../test-support/index.js";
import { listMigrations, migrationsDir, openDatabase, runMigrations, type Database } from "../src/index.js";

const made: string[] = [];
const tmp = () => (made.push(fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-db-test-"))), made.at(-1)!);
afterAll(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.each(await availableBackends())("database on %s", (backend) => {
  let db: Database;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (backend === "postgres") {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      db = await openDatabase({ databaseUrl: scratch.url });
    } else {
      db = await openDatabase({ databaseUrl: null, dataDir: tmp() });
    }
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("keeps each client's parameters with its own statement under parallel load", async () => {
    // Different parameterised statements at once over the pool's connections, every other one
    // with a 300 kB parameter (PGlite's socket server bound one client's parameters to
    // another's statement here: "bind message supplies 2 parameters, but prepared statement
    // requires 1").
    const big = "x".repeat(300_000);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2
          ? db.prisma.$queryRaw<{ n: number }[]>`SELECT ${i}::int * 2 AS n`.then((r) => r[0]!.n === i * 2)
          : db.prisma.$queryRaw<{ n: number; i: number }[]>`SELECT length(${big + i}::text) AS n, ${i}::int AS i`.then(
              (r) => r[0]!.n === big.length + String(i).length && r[0]!.i === i,
            ),
      ),
    );
    expect(results.every(Boolean)).toBe(true);
  });

  it("applies every migration once", async () => {
    expect((await runMigrations(db.url)).applied).toEqual([]);
    const rows = await query(db.url, "SELECT count(*)::int AS n FROM _toolrec_migrations");
    expect(rows[0].n).toBe(listMigrations().length);
  });

  it("rolls back a failing migration and refuses one edited after it was applied", async () => {
    const migrations = path.join(tmp(), "migrations");
    fs.cpSync(migrationsDir, migrations, { recursive: true });
    fs.mkdirSync(path.join(migrations, "29990101000000_broken"));
    fs.writeFileSync(path.join(migrations, "29990101000000_broken", "migration.sql"), "CREATE TABLE half_done (id int); SELECT no_such_function();");
    await expect(runMigrations(db.url, migrations)).rejects.toThrow(/29990101000000_broken failed/);
    const rows = await query(db.url, "SELECT to_regclass('half_done') AS t, (SELECT count(*)::int FROM _toolrec_migrations) AS n");
    expect(rows[0].t).toBeNull(); // the broken migration left nothing behind
    expect(rows[0].n).toBe(listMigrations().length); // the good ones before it stay applied

    fs.rmSync(path.join(migrations, "29990101000000_broken"), { recursive: true });
    const first = listMigrations(migrations)[0]!;
    fs.appendFileSync(path.join(migrations, first.name, "migration.sql"), "\n-- edited\n");
    await expect(runMigrations(db.url, migrations)).rejects.toThrow(/was edited after it was applied/);
  });
});
