// `npx tsx packages/db/bench/ingest.ts [--impressions N] [--batch-size 500] [--json]`
//
// Click-log ingestion throughput (issue #4) into the embedded PostgreSQL server and into the
// PostgreSQL on 127.0.0.1:5432 (skipped with a message when it does not answer), each on a fresh,
// migrated, catalog-seeded database. Ours: ImpressionIngestor over N simulated impressions
// (validation, tool resolution by the matcher, batched INSERT ... SELECT unnest, one
// transaction per batch). The floor: `COPY ... FROM STDIN` (pg-copy-streams, text format)
// of the very same rows, already validated and resolved, into the same empty tables (same
// indexes and foreign keys), in one transaction. Reports impressions/s, suggestion rows/s
// and ours / COPY. Target: at least 30% of COPY on PostgreSQL.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { resolveSuggestionTool, simulateImpressions, validateImpression, type SimulatedImpression } from "@toolrec/core";
import { ingestImpressions, loadCatalog, loadToolResolver, openDatabase, seedCatalog, type Database } from "../src/index.js";
import { availableBackends, PG_ADMIN_URL, scratchPostgresDatabase, type Backend } from "../test-support/index.js";

const { values } = parseArgs({ options: { impressions: { type: "string", default: "20000" }, "batch-size": { type: "string", default: "500" }, json: { type: "boolean" } } });
const N = Number(values.impressions);
const BATCH = Number(values["batch-size"]);

const rows = simulateImpressions(loadCatalog().tools, { users: Math.max(10, Math.round(N / 15)), impressions: N, seed: 1 });
const suggestionRows = rows.reduce((a, r) => a + r.suggestions.length, 0);

/** PostgreSQL COPY text format: \N for NULL; backslash, tab, newline and CR escaped. */
const esc = (v: string | null) => (v === null ? "\\N" : v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!));
const line = (cells: (string | null)[]) => `${cells.map(esc).join("\t")}\n`;

/** The rows, validated and resolved before any clock starts: the floor is the write alone. */
async function prepareRows(db: Database, data: SimulatedImpression[]) {
  const tools = await loadToolResolver(db.prisma);
  return data.map((raw) => {
    const check = validateImpression(raw, tools.exists);
    if (!check.ok) throw new Error(check.message);
    const r = check.value;
    return { r, resolved: r.suggestions.map((s) => resolveSuggestionTool(s.text, s.toolId, tools.isEnabled, tools.matcher)) };
  });
}
type Prepared = Awaited<ReturnType<typeof prepareRows>>;

const COPY_IMPRESSIONS = `COPY impressions (id, user_id, "timestamp", user_query, assistant_response, history, desirable, source, ingested_at)`;
const COPY_SUGGESTIONS = `COPY impression_suggestions (impression_id, position, text, logged_tool_id, resolved_tool_id, resolution, exposed, clicked)`;

/** COPY text for both tables (built inside the timed section: serialising is part of the write). */
function copyText(prepared: Prepared): { impressions: string; suggestions: string } {
  const now = new Date().toISOString();
  const imp: string[] = [];
  const sug: string[] = [];
  for (const { r, resolved } of prepared) {
    imp.push(line([r.id, r.userId, r.timestamp.toISOString(), r.userQuery, r.assistantResponse, JSON.stringify(r.history), r.desirable ? "t" : "f", "ingest", now]));
    for (let j = 0; j < r.suggestions.length; j++) {
      const s = r.suggestions[j]!;
      sug.push(line([r.id, String(j), s.text, s.toolId, resolved[j]!.toolId, resolved[j]!.resolution, s.exposed ? "t" : "f", s.clicked ? "t" : "f"]));
    }
  }
  return { impressions: imp.join(""), suggestions: sug.join("") };
}

/** COPY ... FROM STDIN over the wire protocol (pg-copy-streams), both tables in one transaction. */
async function copyOverWire(url: string, prepared: Prepared): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    const t0 = performance.now();
    const text = copyText(prepared);
    await client.query("BEGIN");
    for (const [sql, data] of [[COPY_IMPRESSIONS, text.impressions], [COPY_SUGGESTIONS, text.suggestions]] as const) {
      const stream = client.query(copyFrom(`${sql} FROM STDIN`));
      const done = new Promise<void>((resolve, reject) => { stream.on("finish", resolve); stream.on("error", reject); });
      for (let at = 0; at < data.length; at += 1 << 20) {
        if (!stream.write(data.slice(at, at + (1 << 20)))) await new Promise((r) => stream.once("drain", r));
      }
      stream.end();
      await done;
    }
    await client.query("COMMIT");
    return performance.now() - t0;
  } finally {
    await client.end().catch(() => undefined);
  }
}

interface BackendResult {
  backend: string;
  skipped?: string;
  ours?: { ms: number; impressionsPerSecond: number; suggestionRowsPerSecond: number };
  copy?: { ms: number; impressionsPerSecond: number; suggestionRowsPerSecond: number } | { error: string };
  ratio?: number | null;
}

const rate = (ms: number) => ({ ms, impressionsPerSecond: N / (ms / 1000), suggestionRowsPerSecond: suggestionRows / (ms / 1000) });

async function benchBackend(backend: Backend): Promise<BackendResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-bench-ingest-"));
  if (backend === "postgres" && !(await availableBackends()).includes("postgres")) return { backend, skipped: `no PostgreSQL answers at ${PG_ADMIN_URL}` };
  const scratch = backend === "postgres" ? await scratchPostgresDatabase() : null;
  const databaseUrl = scratch?.url ?? null;
  const drop = scratch?.drop;
  const db = await openDatabase({ databaseUrl, dataDir });
  try {
    await seedCatalog(db.prisma);
    const t0 = performance.now();
    const report = await ingestImpressions(db.prisma, rows, { batchSize: BATCH });
    const oursMs = performance.now() - t0;
    if (report.accepted !== N) throw new Error(`ingest accepted ${report.accepted} of ${N}`);
    await db.prisma.$executeRawUnsafe("TRUNCATE impressions CASCADE");
    let copy: BackendResult["copy"];
    try {
      const prepared = await prepareRows(db, rows);
      copy = rate(await copyOverWire(db.url, prepared));
      const n = (await db.prisma.$queryRawUnsafe<{ n: bigint }[]>("SELECT count(*) AS n FROM impression_suggestions"))[0]?.n;
      if (Number(n) !== suggestionRows) throw new Error(`COPY wrote ${String(n)} suggestion rows, expected ${suggestionRows}`);
    } catch (err) {
      copy = { error: (err as Error).message };
    }
    const ours = rate(oursMs);
    return { backend, ours, copy, ratio: "ms" in copy ? copy.ms / oursMs : null };
  } finally {
    await db.close();
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const results = [await benchBackend("embedded"), await benchBackend("postgres")];
if (values.json) console.log(JSON.stringify({ bench: "ingest", impressions: N, suggestionRows, batchSize: BATCH, results }));
else {
  console.log(`ingestion, ${N.toLocaleString("en")} simulated impressions (${suggestionRows.toLocaleString("en")} suggestion rows), batches of ${BATCH}`);
  const fmt = (r: { impressionsPerSecond: number; suggestionRowsPerSecond: number; ms: number }) =>
    `${Math.round(r.impressionsPerSecond).toLocaleString("en")} impressions/s (${Math.round(r.suggestionRowsPerSecond).toLocaleString("en")} suggestion rows/s, ${(r.ms / 1000).toFixed(2)} s)`;
  for (const r of results) {
    if (r.skipped) {
      console.log(`  ${r.backend}: skipped (${r.skipped})`);
      continue;
    }
    console.log(`  ${r.backend}: ours ${fmt(r.ours!)}`);
    if (r.copy && "ms" in r.copy) {
      console.log(`  ${r.backend}: COPY ${fmt(r.copy)}`);
      const target = r.backend === "postgres" ? (r.ratio! >= 0.3 ? " (target >= 30%: met)" : " (target >= 30%: NOT met)") : "";
      console.log(`  ${r.backend}: ours / COPY = ${(r.ratio! * 100).toFixed(0)}%${target}`);
    } else console.log(`  ${r.backend}: COPY failed (${(r.copy as { error: string }).error})`);
  }
}
