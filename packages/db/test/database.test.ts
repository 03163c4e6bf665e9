// The embedded database and the migration runner, on real PGlite files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { listMigrations, migrationsDir, openDatabase, runMigrations, startEmbeddedPostgres, type Database } from "../src/index.js";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-db-test-"));
const open: Database[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("embedded PGlite", () => {
  it("serves PostgreSQL on loopback, applies migrations once, and keeps data across restarts", async () => {
    const dir = tmp();
    const db = await openDatabase({ databaseUrl: null, dataDir: dir });
    expect(db.kind).toBe("embedded");
    expect(db.url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\//);
    await db.prisma.category.create({ data: { id: "display", code: "DISP", name: "Display" } });
    expect((await runMigrations(db.url)).applied).toEqual([]); // nothing left to apply
    await db.close();

    const again = await openDatabase({ databaseUrl: null, dataDir: dir });
    open.push(again);
    expect(await again.prisma.category.findMany({ select: { id: true } })).toEqual([{ id: "display" }]);
    const rows = await query(again.url, "SELECT count(*)::int AS n FROM _toolrec_migrations");
    expect(rows[0].n).toBe(listMigrations().length);
  });

  it("joins the server already running on a data folder instead of opening its files twice", async () => {
    const dir = tmp();
    const first = await openDatabase({ databaseUrl: null, dataDir: dir });
    open.push(first);
    const second = await openDatabase({ databaseUrl: null, dataDir: dir });
    open.push(second);
    expect(second.kind).toBe("embedded-shared");
    expect(second.url).toBe(first.url);
    await first.prisma.category.create({ data: { id: "sound", code: "SND", name: "Sound" } });
    expect(await second.prisma.category.count()).toBe(1);
  });

  it("refuses to open a data folder that another live process serves", async () => {
    const dir = path.join(tmp(), "pglite");
    const server = await startEmbeddedPostgres({ dir });
    try {
      await expect(startEmbeddedPostgres({ dir })).rejects.toThrow(/already served by process/);
    } finally {
      await server.close();
    }
    // A lock file left by a live process (here: our parent) that answers on its port.
    const other = await startEmbeddedPostgres({ dir: path.join(tmp(), "pglite") });
    fs.writeFileSync(path.join(dir, "server.json"), JSON.stringify({ pid: process.ppid, port: other.port, url: other.url }));
    try {
      await expect(startEmbeddedPostgres({ dir })).rejects.toThrow(new RegExp(`already served by process ${process.ppid}`));
    } finally {
      await other.close();
    }
  });

  it("rolls back a failing migration and refuses one edited after it was applied", async () => {
    const server = await startEmbeddedPostgres({ dir: tmp() });
    try {
      const migrations = path.join(tmp(), "migrations");
      fs.cpSync(migrationsDir, migrations, { recursive: true });
      fs.mkdirSync(path.join(migrations, "29990101000000_broken"));
      fs.writeFileSync(path.join(migrations, "29990101000000_broken", "migration.sql"), "CREATE TABLE half_done (id int); SELECT no_such_function();");
      await expect(runMigrations(server.url, migrations)).rejects.toThrow(/29990101000000_broken failed/);
      const rows = await query(server.url, "SELECT to_regclass('half_done') AS t, (SELECT count(*)::int FROM _toolrec_migrations) AS n");
      expect(rows[0].t).toBeNull(); // the broken migration left nothing behind
      expect(rows[0].n).toBe(listMigrations().length); // the good ones before it stay applied

      fs.rmSync(path.join(migrations, "29990101000000_broken"), { recursive: true });
      const first = listMigrations(migrations)[0]!;
      fs.appendFileSync(path.join(migrations, first.name, "migration.sql"), "\n-- edited\n");
      await expect(runMigrations(server.url, migrations)).rejects.toThrow(/was edited after it was applied/);
    } finally {
      await server.close();
    }
  });
});
