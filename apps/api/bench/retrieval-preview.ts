// Throughput of `retrievalPreview` over HTTP (top 5 with each tool's name and category), as a
// ratio of the trivial `{ __typename }` on the same server in the same run (32 connections,
// autocannon), on the embedded PostgreSQL: first the embedded default (the utterance stage with
// context, prior and clicks), then the earlier whole-tool BM25 engine (issue 12's "before"),
// each on its own fresh API started in this process, one after the other. The dialogues cycle
// through the first 50 of the dev set.
// Usage: npx tsx apps/api/bench/retrieval-preview.ts [seconds per load run, default 10]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { loadDevset, type LexicalStageOptions } from "@toolrec/retrieval";
import { startApi } from "../src/server.js";

const seconds = Number(process.argv[2] ?? 10);
const CONNECTIONS = 32;
const PREVIEW = `query P($d: DialogueInput!) { retrievalPreview(dialogue: $d, topN: 5) { retriever tools { rank score tool { id name category { id name } } } } }`;
const bodies = loadDevset()
  .slice(0, 50)
  .map((d) => JSON.stringify({ query: PREVIEW, variables: { d: { userQuery: d.dialogue.userQuery, assistantResponse: d.dialogue.assistantResponse ?? null, history: d.dialogue.history ?? [] } } }));
const trivial = JSON.stringify({ query: "{ __typename }" });

interface Figures { base: number; preview: number }

async function measure(label: string, lexical: LexicalStageOptions | undefined): Promise<Figures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-bench-"));
  const api = await startApi({ port: 0, dataDir, databaseUrl: null, log: () => undefined, retrieval: lexical ? { lexical } : {} });
  const headers = { "content-type": "application/json", authorization: `Bearer ${api.adminApiKey}` };
  try {
    const check = await fetch(api.url, { method: "POST", headers, body: bodies[0] });
    const json = (await check.json()) as { data?: { retrievalPreview?: { retriever: string } }; errors?: unknown };
    if (!json.data?.retrievalPreview) throw new Error(`retrievalPreview failed: ${JSON.stringify(json.errors)}`);
    console.log(`\n${label}: retriever ${json.data.retrievalPreview.retriever}, database ${api.database.kind}`);
    const load = async (title: string, requests: string[]) => {
      const result = await autocannon({
        url: api.url,
        connections: CONNECTIONS,
        duration: seconds,
        requests: requests.map((body) => ({ method: "POST" as const, headers, body })),
      });
      if (result.non2xx || result.errors) throw new Error(`${title}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
      const { p50, p99 } = result.latency as unknown as { p50: number; p99: number };
      console.log(`  ${title.padEnd(28)} p50 ${String(p50).padStart(5)} ms  p99 ${String(p99).padStart(5)} ms  ${Math.round(result.requests.average)} req/s`);
      return result.requests.average;
    };
    // Warm-up, not measured.
    await autocannon({ url: api.url, connections: CONNECTIONS, duration: 3, requests: bodies.map((body) => ({ method: "POST" as const, headers, body })) });
    const base = await load("{ __typename } (baseline)", [trivial]);
    const preview = await load("retrievalPreview (top 5)", bodies);
    console.log(`  retrievalPreview / { __typename } throughput: ${(preview / base).toFixed(2)}x`);
    return { base, preview };
  } finally {
    await api.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`retrievalPreview through the API, ${CONNECTIONS} connections, ${seconds}s per run`);
const current = await measure("embedded default", undefined);
const before = await measure("earlier BM25 (before)", { engine: "bm25" });
console.log(
  `\nembedded default vs earlier BM25, same run: ratio to { __typename } ${(current.preview / current.base).toFixed(2)}x vs ${(before.preview / before.base).toFixed(2)}x; ` +
    `preview throughput ${(current.preview / before.preview).toFixed(2)}x of BM25's`,
);
