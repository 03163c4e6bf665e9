// Latency of `tools(first: 50)` under load (autocannon, 10 connections), against the running
// API on a fresh embedded database (or DATABASE_URL). Baseline in the same run: GET /health,
// which does one `SELECT 1` through the same pool, so the ratio isolates the query's own cost.
// Usage: npx tsx apps/api/bench/tools-list.ts [seconds]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startApi } from "../src/server.js";

const seconds = Number(process.argv[2] ?? 10);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-bench-"));
const api = await startApi({ port: 0, dataDir, log: () => undefined });
const query = JSON.stringify({ query: "{ tools(first: 50) { totalCount edges { node { id name canonicalQuery invocationCount frequencyPercentile enabled category { id name } } } } }" });

async function load(title: string, route: string, opts: Partial<autocannon.Options> = {}) {
  const result = await autocannon({ url: `${api.origin}${route}`, connections: 10, duration: seconds, ...opts });
  if (result.non2xx || result.errors) throw new Error(`${title}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  const { p50, p99 } = result.latency as unknown as { p50: number; p99: number };
  console.log(`${title.padEnd(34)} p50 ${String(p50).padStart(5)} ms  p99 ${String(p99).padStart(5)} ms  ${Math.round(result.requests.average)} req/s  `);
  return { p50, p99, rps: result.requests.average };
}

try {
  console.log(`database: ${api.database.kind}; ${seconds}s per run, 10 connections`);
  const health = await load("baseline GET /health", "/health");
  const tools = await load("POST /graphql tools(first: 50)", "/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${api.adminApiKey}` },
    body: query,
  });
  console.log(`tools(first: 50) / baseline: p50 ${(tools.p50 / Math.max(health.p50, 1)).toFixed(1)}x, p99 ${(tools.p99 / Math.max(health.p99, 1)).toFixed(1)}x`);
} finally {
  await api.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
