// Latency of `tools(first: 50)` against the running API, once per database backend: the
// embedded PostgreSQL server (fresh data folder) and the PostgreSQL on 127.0.0.1:5432 when it
// answers (a scratch database). Per backend:
//   - after a 3 s warm-up under load, per query, one client, sequential: a Prisma `SELECT 1`
//     (one round trip through the driver adapter) and one `tools(first: 50)` over HTTP;
//     median and p99;
//   - under load (autocannon, 10 connections): GET /health, which does one `SELECT 1`
//     through the same pool (the baseline of the same run), then `tools(first: 50)`;
//     p50/p99 and requests/s, and the ratio to the baseline.
// Usage: npx tsx apps/api/bench/tools-list.ts [seconds per load run, default 10]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { availableBackends, scratchPostgresDatabase, type Backend } from "@toolrec/db/test-support";
import { startApi } from "../src/server.js";

const seconds = Number(process.argv[2] ?? 10);
const SEQUENTIAL = 300;
const query = JSON.stringify({ query: "{ tools(first: 50) { totalCount edges { node { id name canonicalQuery invocationCount frequencyPercentile enabled category { id name } } } } }" });

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const ms = (v: number) => `${v.toFixed(2).padStart(6)} ms`;

async function sequential(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 20; i++) await run(); // warm-up: pool connections, plans, JIT
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

async function bench(backend: Backend) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-bench-"));
  const scratch = backend === "postgres" ? await scratchPostgresDatabase() : null;
  const api = await startApi({ port: 0, dataDir, databaseUrl: scratch?.url ?? null, log: () => undefined });
  const headers = { "content-type": "application/json", authorization: `Bearer ${api.adminApiKey}` };
  try {
    console.log(`\n${backend} (database: ${api.database.kind})`);
    // Warm-up, not measured: pool connections, query plans, and V8's optimised code for the
    // API itself (shared by the backends measured after the first one in this process).
    await autocannon({ url: api.url, connections: 10, duration: 3, method: "POST", headers, body: query });
    const select1 = await sequential(() => api.database.prisma.$queryRaw`SELECT 1`);
    console.log(`  per query, 1 client   Prisma SELECT 1        p50 ${ms(select1.p50)}  p99 ${ms(select1.p99)}`);
    const one = await sequential(async () => {
      const res = await fetch(api.url, { method: "POST", headers, body: query });
      if (!res.ok) throw new Error(`tools(first: 50): HTTP ${res.status}`);
      await res.arrayBuffer();
    });
    console.log(`  per query, 1 client   tools(first: 50)       p50 ${ms(one.p50)}  p99 ${ms(one.p99)}`);

    async function load(title: string, route: string, opts: Partial<autocannon.Options> = {}) {
      const result = await autocannon({ url: `${api.origin}${route}`, connections: 10, duration: seconds, ...opts });
      if (result.non2xx || result.errors) throw new Error(`${title}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
      const { p50, p99 } = result.latency as unknown as { p50: number; p99: number };
      console.log(`  10 connections, ${seconds}s  ${title.padEnd(22)} p50 ${String(p50).padStart(6)} ms  p99 ${String(p99).padStart(6)} ms  ${Math.round(result.requests.average)} req/s`);
      return { p50, p99, rps: result.requests.average };
    }
    const health = await load("GET /health (baseline)", "/health");
    const tools = await load("tools(first: 50)", "/graphql", { method: "POST", headers, body: query });
    console.log(`  tools(first: 50) / baseline: p50 ${(tools.p50 / Math.max(health.p50, 1)).toFixed(1)}x, p99 ${(tools.p99 / Math.max(health.p99, 1)).toFixed(1)}x, throughput ${(tools.rps / health.rps).toFixed(2)}x`);
    return { backend, select1, one, health, tools };
  } finally {
    await api.close();
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`tools(first: 50) through the API; ${SEQUENTIAL} sequential queries, then ${seconds}s under load per run`);
const results = [];
for (const backend of await availableBackends()) results.push(await bench(backend));
const [embedded, postgres] = results;
if (embedded && postgres) {
  console.log(
    `\nembedded / PostgreSQL at 5432: SELECT 1 p50 ${(embedded.select1.p50 / postgres.select1.p50).toFixed(2)}x, ` +
      `tools(first: 50) p50 ${(embedded.one.p50 / postgres.one.p50).toFixed(2)}x, throughput ${(embedded.tools.rps / postgres.tools.rps).toFixed(2)}x`,
  );
}
