// Suggestion serving throughput (issue 10), once per database backend (the embedded
// PostgreSQL server, and the PostgreSQL on 127.0.0.1:5432 when it answers), against one API in
// one run:
//   1. autocannon, 32 connections, `seconds` each: the trivial query `{ __typename }` (the
//      baseline), then `suggestions` with the grounded generator (K = 6, N = 3, dialogues
//      cycling through a set). req/s, p50, p99 and the ratio suggestions / baseline; also this
//      process's CPU time per request and the ratio it implies (steadier on a shared machine).
//   2. Impressions: every impression id a successful response returned is looked up in the
//      database (all must be there), and the served impressions counted: equal to the
//      successful responses plus those whose response autocannon cut off at the stop.
//   3. The API's overhead around an OpenAI-compatible generator that answers in a fixed 50 ms
//      (packages/recommender's stand-in for vLLM): one client, sequential; p50 of the
//      generator alone (in process) vs p50 of `suggestions` through the API with that version.
// Usage: npx tsx apps/api/bench/serving.ts [seconds per load run, default 10]
import "../src/production-env.js"; // first: graphql-js and express as the API runs them (main.ts)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { availableBackends, scratchPostgresDatabase, type Backend } from "@toolrec/db/test-support";
import { createGenerator, validateModelVersionSettings } from "@toolrec/recommender";
import { retrieved, startOpenAiStandIn } from "@toolrec/recommender/test-support";
import { startApi } from "../src/server.js";

const seconds = Number(process.argv[2] ?? 10);
const CONNECTIONS = 32;
const DIALOGUES = [
  { userQuery: "Why is my phone lagging?", assistantResponse: "Clearing the cache and closing background apps usually helps." },
  { userQuery: "Turn on dark mode", assistantResponse: "Dark mode is in Display settings." },
  { userQuery: "My battery drains fast", assistantResponse: "Battery saver and lower screen brightness help." },
  { userQuery: "How do I share my wifi password?", assistantResponse: "You can share it with a QR code from the Wi-Fi settings." },
  { userQuery: "It's too loud in here", assistantResponse: "You could turn on noise cancellation or lower the volume." },
  { userQuery: "Set an alarm for 7 tomorrow", assistantResponse: "Done, your alarm is set for 7:00." },
];
const SUGGEST = "query($input: SuggestionInput!) { suggestions(input: $input) { impressionId generator suggestions { position text isToolInvoking tool { id name } } tools { rank tool { id } } } }";

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function bench(backend: Backend) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-bench-serving-"));
  const scratch = backend === "postgres" ? await scratchPostgresDatabase() : null;
  process.env.TOOLREC_SEED_DEMO = "0";
  const api = await startApi({ port: 0, dataDir, databaseUrl: scratch?.url ?? null, log: () => undefined });
  const headers = { "content-type": "application/json", authorization: `Bearer ${api.adminApiKey}` };
  const db = api.database.prisma;
  const standIn = await startOpenAiStandIn({ delayMs: 50 });
  try {
    console.log(`\n${backend} (database: ${api.database.kind})`);
    let n = 0;
    const suggestBody = (extra: Record<string, unknown> = {}) => () =>
      JSON.stringify({ query: SUGGEST, variables: { input: { userId: `bench-${n % 500}`, dialogue: DIALOGUES[n++ % DIALOGUES.length], ...extra } } });

    async function load(title: string, body: () => string, ids?: Set<string>) {
      let ok = 0;
      let bad = 0;
      const cpu0 = process.cpuUsage();
      const result = await autocannon({
        url: api.url,
        connections: CONNECTIONS,
        duration: seconds,
        method: "POST",
        headers,
        requests: [
          {
            setupRequest: (req) => ({ ...req, body: body() }),
            onResponse: (status, resBody) => {
              if (status !== 200 || resBody.includes('"errors"')) return void bad++;
              ok++;
              if (ids) {
                const m = /"impressionId":"([^"]+)"/.exec(resBody);
                if (m) ids.add(m[1]!);
              }
            },
          },
        ],
      });
      const cpu = process.cpuUsage(cpu0);
      // CPU time of this process (API and load generator) per answered request: what throughput
      // comes to when the process is CPU-bound, and much less disturbed by other work on the
      // machine than req/s.
      const cpuMs = (cpu.user + cpu.system) / 1000 / Math.max(1, ok + bad);
      const { p50, p99 } = result.latency as unknown as { p50: number; p99: number };
      const rps = ok / seconds;
      console.log(`  ${CONNECTIONS} connections, ${seconds}s  ${title.padEnd(30)} ${Math.round(rps).toString().padStart(6)} req/s  p50 ${String(p50).padStart(5)} ms  p99 ${String(p99).padStart(5)} ms  CPU ${cpuMs.toFixed(2)} ms/request  (${ok} ok, ${bad} failed)`);
      return { rps, p50, p99, ok, bad, cpuMs };
    }

    // Warm-up, not measured: pool, plans, V8.
    await autocannon({ url: api.url, connections: CONNECTIONS, duration: 3, method: "POST", headers, requests: [{ setupRequest: (req) => ({ ...req, body: suggestBody()() }) }] });
    await new Promise((r) => setTimeout(r, 500)); // the warm-up's cut-off requests finish committing
    const before = await db.impression.count({ where: { source: "served" } });
    const trivial = await load("{ __typename } (baseline)", () => JSON.stringify({ query: "{ __typename }" }));
    const ids = new Set<string>();
    const grounded = await load("suggestions (grounded)", suggestBody(), ids);
    console.log(`  suggestions / baseline: throughput ${(grounded.rps / trivial.rps).toFixed(2)}x, p50 ${(grounded.p50 / Math.max(trivial.p50, 1)).toFixed(1)}x, p99 ${(grounded.p99 / Math.max(trivial.p99, 1)).toFixed(1)}x; by CPU per request ${(trivial.cpuMs / grounded.cpuMs).toFixed(2)}x`);

    await new Promise((r) => setTimeout(r, 500)); // requests autocannon cut off at the stop finish committing
    const served = (await db.impression.count({ where: { source: "served" } })) - before;
    let found = 0;
    const list = [...ids];
    for (let i = 0; i < list.length; i += 5000) found += await db.impression.count({ where: { id: { in: list.slice(i, i + 5000) } } });
    console.log(`  impressions: ${found} of ${ids.size} returned impression ids are in the database; served impressions counted ${served} (= ${grounded.ok} successful responses + ${served - grounded.ok} cut off at the stop, at most ${CONNECTIONS})`);
    if (found !== ids.size || served < grounded.ok) throw new Error("an impression whose response was returned is missing");

    // 3. Overhead around a 50 ms OpenAI-compatible generator.
    const settings = validateModelVersionSettings({ kind: "openai", baseUrl: standIn.url, model: "bench-50ms", timeoutMs: 5000 });
    const version = await db.modelVersion.create({ data: { id: "mv_bench_50ms", name: "bench-50ms", kind: "openai", settings: settings as object, createdBy: "bench" } });
    const gen = createGenerator(settings);
    const input = { dialogue: { userQuery: DIALOGUES[0]!.userQuery, assistantResponse: DIALOGUES[0]!.assistantResponse, history: [] }, k: 6, tools: retrieved(["storage.clear_cache", "apps.close_recent_apps"]) };
    const direct: number[] = [];
    const through: number[] = [];
    for (let i = 0; i < 5; i++) await gen.generate(input);
    for (let i = 0; i < 60; i++) {
      const t0 = performance.now();
      await gen.generate(input);
      direct.push(performance.now() - t0);
    }
    const body = suggestBody({ modelVersionId: version.id });
    for (let i = 0; i < 65; i++) {
      const t0 = performance.now();
      const res = await fetch(api.url, { method: "POST", headers, body: body() });
      const json = (await res.json()) as { data?: { suggestions?: { generator: string } } };
      if (!json.data?.suggestions?.generator.startsWith("openai:")) throw new Error(`the 50 ms generator did not answer: ${JSON.stringify(json)}`);
      if (i >= 5) through.push(performance.now() - t0);
    }
    direct.sort((a, b) => a - b);
    through.sort((a, b) => a - b);
    const d50 = quantile(direct, 0.5);
    const t50 = quantile(through, 0.5);
    console.log(`  50 ms generator, 1 client: alone p50 ${d50.toFixed(1)} ms, through suggestions p50 ${t50.toFixed(1)} ms (p99 ${quantile(through, 0.99).toFixed(1)} ms): API overhead ${(t50 - d50).toFixed(1)} ms`);
    const stub = await load("suggestions (50 ms generator)", suggestBody({ modelVersionId: version.id }));
    return { backend, trivial, grounded, served, stub, overheadMs: t50 - d50 };
  } finally {
    await standIn.close();
    await api.close();
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`suggestion serving through the API; ${CONNECTIONS} connections, ${seconds}s per load run`);
for (const backend of await availableBackends()) await bench(backend);
