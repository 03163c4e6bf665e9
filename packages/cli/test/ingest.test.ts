// toolrec simulate / ingest / dataset against a real embedded database: deterministic
// simulation, idempotent re-ingestion, per-row rejections with line numbers, CSV, and
// dataset export files whose metadata checksum is the data file's sha256.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parquetReadObjects } from "hyparquet";
import type { Database } from "@toolrec/db";
import { cli, seededDatabase } from "./run-cli.js";

let db: Database;
let dir: string;


/** Everything stored about impressions, for before/after comparisons. */
async function snapshot() {
  const impressions = await db.prisma.impression.findMany({ orderBy: { id: "asc" }, include: { suggestions: { orderBy: { position: "asc" } } } });
  return impressions.map(({ ingestedAt: _t, ...rest }) => rest);
}

/** The text with its "@" written as the single byte 0xE9 (é in Latin-1, invalid in UTF-8). */
const latin1 = (text: string) => Buffer.concat(text.split("@").flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [Buffer.from([0xe9]), Buffer.from(part)])));

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

beforeAll(async () => {
  ({ db, dir } = await seededDatabase("toolrec-cli-ingest-"));
});
afterAll(async () => {
  await db?.close();
});

describe("toolrec simulate + ingest", () => {
  const file = () => path.join(dir, "sim.ndjson");

  it("simulates the same file for the same seed and end", async () => {
    const a = path.join(dir, "a.ndjson");
    const args = ["--users", "40", "--impressions", "700", "--seed", "5", "--end", "2026-05-01T00:00:00Z"];
    const first = await cli("simulate", ...args, "--out", file());
    expect(first.code).toBe(0);
    expect(first.err).toMatch(/simulated 700 impressions for 40 users/);
    expect((await cli("simulate", ...args, "--out", a)).code).toBe(0);
    expect(fs.readFileSync(a, "utf8")).toBe(fs.readFileSync(file(), "utf8"));
    const catalogOnly = path.join(dir, "b.ndjson");
    expect((await cli("simulate", ...args, "--from-catalog", "--out", catalogOnly)).code).toBe(0);
    expect(fs.readFileSync(catalogOnly, "utf8").split("\n").filter(Boolean)).toHaveLength(700);
  });

  it("ingests in batches, and re-ingesting the file changes nothing (duplicates reported)", async () => {
    const first = await cli("ingest", file(), "--batch-size", "64");
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/accepted 700, duplicates 0, rejected 0/);
    const before = await snapshot();
    expect(before).toHaveLength(700);
    const again = await cli("ingest", file(), "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual({ accepted: 0, duplicates: 700, rejected: 0, errors: [] });
    expect(await snapshot()).toEqual(before);
  });

  it("keeps the good rows of a file with bad ones and reports each bad one with its line, index and reason", async () => {
    const good = (id: string) => ({ id, userId: "u-bad-file", timestamp: "2026-04-21T10:00:00Z", dialogue: { userQuery: "hello" }, suggestions: [{ text: "Clean the speaker", clicked: true }] });
    const lines = [
      JSON.stringify(good("file-good-1")),
      "",
      "{ this is not json",
      JSON.stringify({ ...good("file-bad-ts"), timestamp: "2026-02-30T10:00:00Z" }),
      JSON.stringify({ ...good("file-bad-click"), suggestions: [{ text: "x", exposed: false, clicked: true }] }),
      JSON.stringify({ ...good("file-bad-tool"), suggestions: [{ text: "x", toolId: "sound.no_such_tool", clicked: false }] }),
      JSON.stringify({ ...good("file-bad-user"), userId: "" }),
      JSON.stringify({ ...good("file-bad-query"), dialogue: { assistantResponse: "no query" } }),
      JSON.stringify(good("file-good-2")),
      JSON.stringify(good("file-good-1")),
    ];
    const bad = path.join(dir, "bad.ndjson");
    fs.writeFileSync(bad, lines.join("\n") + "\n");
    const res = await cli("ingest", bad, "--json");
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out);
    expect(report).toMatchObject({ accepted: 2, duplicates: 1, rejected: 6 });
    expect(report.errors.map((e: any) => [e.line, e.index, e.id])).toEqual([
      [3, 1, null],
      [4, 2, "file-bad-ts"],
      [5, 3, "file-bad-click"],
      [6, 4, "file-bad-tool"],
      [7, 5, "file-bad-user"],
      [8, 6, "file-bad-query"],
    ]);
    const messages = report.errors.map((e: any) => e.message);
    expect(messages[0]).toMatch(/not valid JSON/);
    expect(messages[1]).toMatch(/timestamp: "2026-02-30T10:00:00Z" is not an ISO-8601 date-time/);
    expect(messages[2]).toMatch(/clicked but not exposed/);
    expect(messages[3]).toMatch(/unknown tool "sound\.no_such_tool"/);
    expect(messages[4]).toMatch(/userId: must not be empty/);
    expect(messages[5]).toMatch(/dialogue\.userQuery: is required/);
    const stored = await db.prisma.impression.findMany({ where: { userId: "u-bad-file" }, include: { suggestions: true } });
    expect(stored.map((i) => i.id).sort()).toEqual(["file-good-1", "file-good-2"]);
    // the matcher resolved the untagged "Clean the speaker" to the tool
    expect(stored[0]!.suggestions[0]).toMatchObject({ resolvedToolId: "sound.clean_speaker", resolution: "matcher" });
    const text = await cli("ingest", bad);
    expect(text.out).toMatch(/line 4, index 2 \(file-bad-ts\): timestamp/);
  });

  it("keeps the good rows of a batch whatever bytes the bad ones hold, reporting each with its line and reason", async () => {
    const good = (id: string, userQuery = "my speaker sounds muffled") =>
      JSON.stringify({ id, userId: "u-bytes", timestamp: "2026-04-23T10:00:00Z", dialogue: { userQuery }, suggestions: [{ text: "Clean the speaker", clicked: true }] });
    const lines: Buffer[] = [
      Buffer.from(good("bytes-good-1")),
      Buffer.from(good("bytes-nul-escape", "speaker\u0000muffled")),
      Buffer.from(good("bytes-raw-nul", "speaker\u0000muffled").replace("\\u0000", "\u0000")),
      Buffer.from(good("bytes-surrogate", "speaker \ud800 muffled")),
      latin1(good("bytes-latin1", "caf@")), // "café" written as Latin-1: 0xE9 alone
      Buffer.concat([Buffer.from('{"id":"bytes-overlong","note":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]),
      Buffer.from(good("bytes-bell", "ding\u0007")),
      Buffer.from(good("bytes-rtl", "\u202edelffum")),
      Buffer.from(good("bytes-huge", "q".repeat(3_000_000))),
      Buffer.from(good("bytes-good-2", "zwei Zeilen\nund ein Tab\t")),
    ];
    const file = path.join(dir, "bytes.ndjson");
    fs.writeFileSync(file, Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")])));
    const res = await cli("ingest", file, "--json", "--batch-size", "100");
    expect(res.code).toBe(1);
    const report = JSON.parse(res.out);
    expect(report).toMatchObject({ accepted: 2, duplicates: 0, rejected: 8 });
    expect(report.errors.map((e: any) => [e.line, e.message])).toEqual([
      [2, expect.stringMatching(/^dialogue\.userQuery: contains a NUL character/)],
      [3, expect.stringMatching(/not valid JSON/)],
      [4, expect.stringMatching(/^dialogue\.userQuery: contains an unpaired surrogate/)],
      [5, expect.stringMatching(/^line 5 is not valid UTF-8 \(byte \d+ of the line\)/)],
      [6, expect.stringMatching(/^line 6 is not valid UTF-8 \(byte 32 of the line\)/)],
      [7, expect.stringMatching(/control character U\+0007/)],
      [8, expect.stringMatching(/bidirectional control U\+202E/)],
      [9, expect.stringMatching(/^dialogue\.userQuery: is longer than 2000 characters/)],
    ]);
    const stored = await db.prisma.impression.findMany({ where: { userId: "u-bytes" }, orderBy: { id: "asc" } });
    expect(stored.map((i) => [i.id, i.userQuery])).toEqual([
      ["bytes-good-1", "my speaker sounds muffled"],
      ["bytes-good-2", "zwei Zeilen\nund ein Tab\t"],
    ]);
  });

  it("reads CSV with the same care: a group with invalid UTF-8 or a NUL is reported, the others stored", async () => {
    const header = "impression_id,user_id,timestamp,user_query,assistant_response,history,text,tool_id,exposed,clicked\n";
    const file = path.join(dir, "bytes.csv");
    fs.writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(header),
        Buffer.from("csvb-1,u-csv-bytes,2026-04-23T08:00:00Z,fine,,,Clean the speaker,,true,true\n"),
        latin1("csvb-2,u-csv-bytes,2026-04-23T08:00:00Z,caf@,,,Clean the speaker,,true,true\n"),
        Buffer.from("csvb-3,u-csv-bytes,2026-04-23T08:00:00Z,\"nul \u0000 inside\",,,Clean the speaker,,true,true\n"),
        Buffer.from("csvb-4,u-csv-bytes,2026-04-23T08:00:00Z,\"two\nlines\",,,Clean the speaker,,true,true\n"),
      ]),
    );
    const res = await cli("ingest", file, "--json");
    const report = JSON.parse(res.out);
    expect(report).toMatchObject({ accepted: 2, rejected: 2 });
    expect(report.errors.map((e: any) => [e.line, e.id, e.message])).toEqual([
      [3, "csvb-2", expect.stringMatching(/^line 3 is not valid UTF-8/)],
      [4, "csvb-3", expect.stringMatching(/^dialogue\.userQuery: contains a NUL character/)],
    ]);
    const stored = await db.prisma.impression.findMany({ where: { userId: "u-csv-bytes" }, orderBy: { id: "asc" } });
    expect(stored.map((i) => [i.id, i.userQuery])).toEqual([["csvb-1", "fine"], ["csvb-4", "two\nlines"]]);
  });

  it("reads CSV: one row per suggestion, grouped by impression_id", async () => {
    const csv = [
      "impression_id,user_id,timestamp,user_query,assistant_response,history,text,tool_id,exposed,clicked",
      `csv-1,u-csv,2026-04-22T08:00:00Z,my phone fell in water,Dry it first.,"[{""role"":""USER"",""content"":""hi""}]",Clean the speaker,sound.clean_speaker,true,true`,
      "csv-1,,,,,,Why does this happen?,,true,false",
      "csv-1,,,,,,Tell me more,,false,",
      "csv-2,u-csv,2026-04-22 09:00,battery drains fast,,,Check battery health,,1,0",
      "csv-3,u-csv,2026-04-22T10:00:00Z,q,,,a,,yes,no",
      "csv-3,u-other,,,,,b,,yes,no",
      "csv-4,u-csv,2026-04-22T11:00:00Z,q,,,a,,maybe,no",
    ].join("\n");
    const file = path.join(dir, "log.csv");
    fs.writeFileSync(file, csv + "\n");
    const res = await cli("ingest", file, "--json");
    const report = JSON.parse(res.out);
    expect(report).toMatchObject({ accepted: 2, duplicates: 0, rejected: 2 });
    expect(report.errors.map((e: any) => [e.index, e.id])).toEqual([[2, "csv-3"], [3, "csv-4"]]);
    expect(report.errors[0].message).toMatch(/user_id: rows of impression csv-3 disagree/);
    expect(report.errors[1].message).toMatch(/suggestions\[0\]\.exposed: must be true or false/);
    const one = await db.prisma.impression.findUniqueOrThrow({ where: { id: "csv-1" }, include: { suggestions: { orderBy: { position: "asc" } } } });
    expect(one).toMatchObject({ userId: "u-csv", userQuery: "my phone fell in water", desirable: true, history: [{ role: "USER", content: "hi" }] });
    expect(one.suggestions.map((s) => [s.text, s.resolution, s.exposed, s.clicked])).toEqual([
      ["Clean the speaker", "logged", true, true],
      ["Why does this happen?", "none", true, false],
      ["Tell me more", "none", false, false],
    ]);
    const two = await db.prisma.impression.findUniqueOrThrow({ where: { id: "csv-2" } });
    expect(two.timestamp.toISOString()).toBe("2026-04-22T09:00:00.000Z");
  });
});

describe("toolrec dataset", () => {
  it("creates a dataset and exports JSONL and Parquet with a metadata file holding the data file's sha256", async () => {
    const created = await cli("dataset", "create", "--name", "cli export", "--variant", "4", "--alpha", "0.3");
    expect(created.code).toBe(0);
    const id = /^([0-9a-f-]{36})\s/.exec(created.out)![1]!;
    const dataset = await db.prisma.preferenceDataset.findUniqueOrThrow({ where: { id } });
    expect(dataset.config).toMatchObject({ alpha: 0.3, userSide: true, systemSide: "STATIC" });
    const out = path.join(dir, "export");

    const jsonl = await cli("dataset", "export", id, "--format", "jsonl", "--out", out);
    expect(jsonl.code).toBe(0);
    const dataFile = path.join(out, `${id}.jsonl`);
    const meta = JSON.parse(fs.readFileSync(path.join(out, `${id}.metadata.json`), "utf8"));
    expect(meta.checksum).toBe(sha256(dataFile));
    expect(meta.checksum).toBe(dataset.checksum);
    expect(meta).toMatchObject({
      datasetId: id, format: "jsonl", file: `${id}.jsonl`, rows: dataset.sampleCount, columns: ["prompt", "completion", "label", "weight"],
      mu: dataset.mu, s: dataset.s, counts: { samples: dataset.sampleCount, desirable: dataset.desirableCount, masked: dataset.maskedCount },
      config: { alpha: 0.3, gamma: 1.25, k: 3, mu: 0.07, muMode: "FIXED", s: null, userSide: true, systemSide: "STATIC" },
      createdAt: dataset.createdAt.toISOString(),
      promptTemplate: "toolrec-suggest-v2",
    });
    const rows = fs.readFileSync(dataFile, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(rows).toHaveLength(dataset.sampleCount);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(["prompt", "completion", "label", "weight"]);
      expect(typeof r.label).toBe("boolean");
      expect(typeof r.weight).toBe("number");
      // The Eq. 1 prompt asks for as many queries as the completion has lines.
      const k = r.completion.split("\n").length;
      expect(r.prompt).toMatch(new RegExp(`suggest the ${k === 1 ? "1 query" : `${k} queries`} [\\s\\S]*### Suggested queries\\n$`));
    }

    const parquet = await cli("dataset", "export", id, "--format", "parquet", "--out", out);
    expect(parquet.code).toBe(0);
    const pFile = path.join(out, `${id}.parquet`);
    const pMeta = JSON.parse(fs.readFileSync(path.join(out, `${id}.metadata.json`), "utf8"));
    expect(pMeta).toMatchObject({ format: "parquet", file: `${id}.parquet`, checksum: sha256(pFile) });
    const buf = fs.readFileSync(pFile);
    const table = await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) });
    expect(table.map((r) => ({ ...r }))).toEqual(rows);

    expect((await cli("dataset", "export", id, "--format", "csv")).code).toBe(1);
    expect((await cli("dataset", "export", "no-such-id")).code).toBe(1);
    const list = await cli("dataset", "list");
    expect(list.out).toContain(id);
  });
});
