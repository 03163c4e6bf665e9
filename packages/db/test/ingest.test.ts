// Ingestion keeps the good rows even when the database refuses one that validation let
// through (here: a rule an operator added to the impressions table), batch or not.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestImpressions, openDatabase, type Database } from "../src/index.js";

let db: Database;
beforeAll(async () => {
  db = await openDatabase({ databaseUrl: null, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-db-ingest-")) });
  await db.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_marked() RETURNS trigger AS $$
    BEGIN IF NEW.user_query = 'refuse me' THEN RAISE EXCEPTION 'refused by a table rule' USING ERRCODE = '23514'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
  await db.prisma.$executeRawUnsafe(`CREATE TRIGGER refuse_marked BEFORE INSERT ON impressions FOR EACH ROW EXECUTE FUNCTION refuse_marked()`);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const impression = (id: string, userQuery: string) => ({
  id,
  userId: "u-refused",
  timestamp: "2026-04-21T10:00:00Z",
  dialogue: { userQuery },
  suggestions: [{ text: "Tell me a joke", clicked: true }],
});

describe("ImpressionIngestor", () => {
  it("stores every row the database accepts when it refuses one of a batch, and reports that one", async () => {
    const rows = [impression("r-1", "fine"), impression("r-2", "refuse me"), impression("r-3", "also fine"), impression("r-1", "fine")];
    const report = await ingestImpressions(db.prisma, rows, { batchSize: 10 });
    expect(report).toEqual({
      accepted: 2,
      duplicates: 1,
      rejected: 1,
      errors: [{ index: 1, id: "r-2", message: "the database refused this impression (SQLSTATE 23514)" }],
    });
    const stored = await db.prisma.impression.findMany({ orderBy: { id: "asc" }, include: { suggestions: true } });
    expect(stored.map((i) => [i.id, i.suggestions.length])).toEqual([["r-1", 1], ["r-3", 1]]);
    // Re-ingesting changes nothing: both good rows are duplicates now.
    expect(await ingestImpressions(db.prisma, rows.slice(0, 3), { batchSize: 10 })).toMatchObject({ accepted: 0, duplicates: 2, rejected: 1 });
  });
});
