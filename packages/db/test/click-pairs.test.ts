// Click pairs for retrieval's click stage: clicked, tool-invoking suggestions of served and
// ingested impressions, one pair per (dialogue, tool) with its click count; unclicked or
// non-tool suggestions and disabled tools give none.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestImpressions, loadClickPairs, openDatabase, seedCatalog, type Database } from "../src/index.js";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ databaseUrl: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-db-clicks-")) });
  await seedCatalog(db.prisma);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const impression = (id: string, userQuery: string, suggestions: { text: string; toolId?: string; clicked: boolean }[], extra: Record<string, unknown> = {}) => ({
  id,
  userId: "u-clicks",
  timestamp: `2026-04-21T10:00:0${id.slice(-1)}Z`,
  dialogue: { userQuery, assistantResponse: "Sure.", history: [{ role: "USER", content: "earlier" }] },
  suggestions,
  ...extra,
});

describe("loadClickPairs", () => {
  it("pairs each clicked tool-invoking suggestion's dialogue with its tool, counting repeats", async () => {
    const report = await ingestImpressions(db.prisma, [
      impression("c-1", "grandkids are visiting", [{ text: "Turn on the flashlight", toolId: "camera.turn_on_flashlight", clicked: true }, { text: "Tell me a joke", clicked: false }]),
      impression("c-2", "grandkids are visiting", [{ text: "Turn on the flashlight", toolId: "camera.turn_on_flashlight", clicked: true }]),
      impression("c-3", "something else", [{ text: "Turn on Wi-Fi", toolId: "network.turn_on_wifi", clicked: false }, { text: "Tell me a joke", clicked: true }]),
    ]);
    expect(report.accepted).toBe(3);
    const pairs = await loadClickPairs(db.prisma);
    expect(pairs).toEqual([
      {
        dialogue: { userQuery: "grandkids are visiting", assistantResponse: "Sure.", history: [{ role: "USER", content: "earlier" }] },
        toolId: "camera.turn_on_flashlight",
        count: 2,
      },
    ]);
  });

  it("leaves out tools that are disabled now", async () => {
    await db.prisma.tool.update({ where: { id: "camera.turn_on_flashlight" }, data: { enabled: false } });
    try {
      expect(await loadClickPairs(db.prisma)).toEqual([]);
    } finally {
      await db.prisma.tool.update({ where: { id: "camera.turn_on_flashlight" }, data: { enabled: true } });
    }
  });
});
