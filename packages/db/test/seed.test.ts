// Seeding the catalog into a real embedded database: a database seeded before tools had
// situations gets the catalog's situations once, without touching a curator's own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listTools, loadCatalog, openDatabase, seedCatalog, updateTool, type Database } from "../src/index.js";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ databaseUrl: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-seed-test-")) });
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe("seedCatalog", () => {
  it("seeds situations, and backfills them once on a database from before situations, keeping a curator's", async () => {
    const catalog = loadCatalog();
    const first = await seedCatalog(db.prisma);
    expect(first.tools?.created).toBe(708);
    const speaker = await db.prisma.tool.findUniqueOrThrow({ where: { id: "sound.clean_speaker" } });
    expect(speaker.situations).toEqual(catalog.tools.find((t) => t.id === "sound.clean_speaker")!.situations);

    // What a database seeded before the migration looks like: every tool without situations...
    await db.prisma.$executeRaw`UPDATE tools SET situations = '{}'`;
    expect(await db.prisma.tool.count({ where: { situations: { isEmpty: false } } })).toBe(0);
    // ...except one a curator has since written situations for.
    const curated = await db.prisma.tool.findUniqueOrThrow({ where: { id: "display.max_brightness" } });
    await updateTool(db.prisma, curated.id, curated.version, { situations: ["the lighthouse lamp is broken again"] }, "curator");

    const second = await seedCatalog(db.prisma);
    expect(second.tools).toBeNull();
    expect(second.situationsBackfilled).toBe(707);
    const refilled = await db.prisma.tool.findUniqueOrThrow({ where: { id: "sound.clean_speaker" } });
    expect(refilled.situations).toEqual(speaker.situations);
    expect(refilled.version).toBe(speaker.version + 1);
    const revision = await db.prisma.toolRevision.findFirstOrThrow({ where: { toolId: "sound.clean_speaker" }, orderBy: { version: "desc" } });
    expect(revision).toMatchObject({ action: "UPDATE", actor: "seed", version: refilled.version });
    expect((await db.prisma.tool.findUniqueOrThrow({ where: { id: "display.max_brightness" } })).situations).toEqual(["the lighthouse lamp is broken again"]);
    // The search vector follows: a word only a situation uses finds its tool again.
    expect((await listTools(db.prisma, { search: "tent" })).tools.map((t) => t.id)).toContain("display.min_brightness");

    const third = await seedCatalog(db.prisma);
    expect(third.situationsBackfilled).toBe(0);
  }, 300_000);
});
