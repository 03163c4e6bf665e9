// Preference datasets and the calibration preview on the embedded PostgreSQL (a fresh data
// folder), the figures the API tests used to assert (issue 9 §9: speed lives here):
//   - the demo seed (6,000 impressions and a default dataset) on an empty database;
//   - calibrationPreview over 10k impressions: cold, then warm (cached window) under new
//     configs: median round trip and server computeMs;
//   - reads while a 10k-impression dataset builds in the background (issue 8 §5): the median
//     and max latency of `{ viewer { name } }` and `tools(first: 5)` during the build, against
//     the same reads with nothing running (the baseline of the same run), as a ratio.
// Usage: npx tsx apps/api/bench/preference.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simulateImpressions } from "@toolrec/core";
import { ingestImpressions, seedDemoImpressions } from "@toolrec/db";
import { startApi } from "../src/server.js";

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-bench-pref-"));
const prev = process.env.TOOLREC_SEED_DEMO;
process.env.TOOLREC_SEED_DEMO = "0"; // the seed is measured below, not at start
const api = await startApi({ port: 0, dataDir, databaseUrl: null, log: () => undefined });
if (prev === undefined) delete process.env.TOOLREC_SEED_DEMO;
else process.env.TOOLREC_SEED_DEMO = prev;
const headers = { "content-type": "application/json", authorization: `Bearer ${api.adminApiKey}` };
async function gql(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(api.url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data: any; errors?: { message: string }[] };
  if (body.errors) throw new Error(body.errors.map((e) => e.message).join("; "));
  return body.data;
}
async function timed<T>(run: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await run();
  return [performance.now() - t0, out];
}

try {
  delete process.env.TOOLREC_SEED_DEMO;
  const [seedMs] = await timed(() => seedDemoImpressions(api.database.prisma));
  console.log(`demo seed (6,000 impressions + default dataset)     ${ms(seedMs)}`);

  const tools = await api.database.prisma.tool.findMany({ where: { enabled: true } });
  await ingestImpressions(api.database.prisma, simulateImpressions(tools, { users: 300, impressions: 4000, seed: 3, idPrefix: "bench" }));
  const q = `query($c: CalibrationConfigInput) { calibrationPreview(config: $c) { sampleCount cached computeMs samples(first: 20) { edges { node { weight } } } } }`;
  const [coldMs, cold] = await timed(() => gql(q));
  console.log(`calibrationPreview 10k, cold                         ${ms(coldMs)}  (server ${ms(cold.calibrationPreview.computeMs)})`);
  const warm: number[] = [];
  const server: number[] = [];
  for (let i = 0; i < 15; i++) {
    const [t, d] = await timed(() => gql(q, { c: { alpha: 0.1 + i * 0.03 } }));
    warm.push(t);
    server.push(d.calibrationPreview.computeMs);
  }
  console.log(`calibrationPreview 10k, warm (15 configs) median     ${ms(quantile(warm, 0.5))}  (server ${ms(quantile(server, 0.5))})`);

  const reads = async () => {
    const [a] = await timed(() => gql(`{ viewer { name } }`));
    const [b] = await timed(() => gql(`{ tools(first: 5) { edges { node { id frequencyPercentile } } } }`));
    return [a, b];
  };
  const idle: number[] = [];
  for (let i = 0; i < 40; i++) idle.push(...(await reads()));
  const created = await gql(`mutation { createPreferenceDataset(input: { name: "bench build" }) { id } }`);
  const id = created.createPreferenceDataset.id;
  const during: number[] = [];
  const [buildMs] = await timed(async () => {
    for (;;) {
      during.push(...(await reads()));
      const d = await gql(`query($id: ID!) { preferenceDataset(id: $id) { status } }`, { id });
      if (d.preferenceDataset.status !== "BUILDING") return;
    }
  });
  console.log(`dataset build, 10k impressions (background)         ${ms(buildMs)}`);
  console.log(`reads, nothing running (baseline)   median ${ms(quantile(idle, 0.5))}  max ${ms(Math.max(...idle))}  (${idle.length} reads)`);
  console.log(`reads during the build              median ${ms(quantile(during, 0.5))}  max ${ms(Math.max(...during))}  (${during.length} reads)`);
  console.log(`during / baseline: median ${(quantile(during, 0.5) / quantile(idle, 0.5)).toFixed(1)}x, max ${(Math.max(...during) / Math.max(...idle)).toFixed(1)}x`);
} finally {
  await api.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
