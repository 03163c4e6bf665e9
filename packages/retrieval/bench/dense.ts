// Dense retrieval overhead vs the lexical (BM25) retriever, in one process, over the catalog:
// per-query latency of search() (query embedding + cosine scan for dense), p50/p95 and the ratio.
//
//   npx tsx packages/retrieval/bench/dense.ts [--model fixture|synthetic-minilm|DIR_OR_ID] [--queries N] [--topk K] [--json]
//
// --model fixture (default) writes the fixture BERT model into a temporary folder: the overhead
// of the transformers.js + onnxruntime path itself. --model synthetic-minilm writes a random-weight
// encoder of all-MiniLM-L6-v2's shape: a realistic compute cost where no real model can be fetched.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createLexicalRetriever } from "../src/lexical.js";
import { queryFromText } from "../src/query.js";
import type { Retriever, ToolDocument } from "../src/types.js";
import { createEmbedder } from "../src/dense/embedder.js";
import { findLocalModel } from "../src/dense/models.js";
import { DenseRetriever } from "../src/dense/store.js";
import { catalogDocuments } from "../test-support/catalog.js";
import { writeFixtureModel } from "../test-support/dense-fixture.js";
import { MINILM_L6_SHAPE, writeSyntheticEncoder } from "../test-support/synthetic-encoder.js";

export interface LatencySummary {
  p50: number;
  p95: number;
  mean: number;
  max: number;
  n: number;
}

export interface DenseBenchResult {
  model: string;
  documents: number;
  queries: number;
  topK: number;
  /** Time to embed the whole catalog once (what refresh does in the background). */
  indexMs: number;
  dense: LatencySummary;
  lexical: LatencySummary;
  /** dense.p50 / lexical.p50 and dense.p95 / lexical.p95. */
  ratio: { p50: number; p95: number };
}

export interface DenseBenchOptions {
  /**
   * A model folder or local model id; "fixture" (default): the fixture BERT model in a temp
   * folder; "synthetic-minilm": a random-weight encoder of all-MiniLM-L6-v2's shape (synthetic.ts).
   */
  model?: string;
  documents?: ToolDocument[];
  /** Queries timed (catalog utterances, round-robin over tools); default 300. */
  queries?: number;
  topK?: number;
  /** Untimed warm-up queries per retriever; default 20. */
  warmup?: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
  return { p50: at(0.5), p95: at(0.95), mean, max: sorted[sorted.length - 1] ?? 0, n: sorted.length };
}

function benchQueries(docs: readonly ToolDocument[], n: number): string[] {
  const out: string[] = [];
  for (let round = 0; out.length < n && round < 50; round++) {
    for (const d of docs) {
      const u = d.utterances[round % Math.max(1, d.utterances.length)] ?? d.canonicalQuery;
      if (u) out.push(u);
      if (out.length >= n) break;
    }
  }
  return out;
}

async function time(retriever: Retriever, queries: readonly string[], topK: number, warmup: number): Promise<number[]> {
  for (const q of queries.slice(0, warmup)) await retriever.search(queryFromText(q), topK);
  const samples: number[] = [];
  for (const q of queries) {
    const rq = queryFromText(q);
    const t0 = performance.now();
    await retriever.search(rq, topK);
    samples.push(performance.now() - t0);
  }
  return samples;
}

export async function runDenseBench(options: DenseBenchOptions = {}): Promise<DenseBenchResult> {
  const docs = options.documents ?? (await catalogDocuments());
  const topK = options.topK ?? 10;
  const queries = benchQueries(docs, options.queries ?? 300);
  const warmup = options.warmup ?? 20;
  let tmp: string | undefined;
  let modelDir: string;
  const model = options.model ?? "fixture";
  if (model === "fixture" || model === "synthetic-minilm") {
    tmp = await mkdtemp(path.join(tmpdir(), "toolrec-bench-"));
    modelDir =
      model === "fixture"
        ? (await writeFixtureModel(path.join(tmp, "fixture-bert"), { kind: "bert" })).dir
        : (await writeSyntheticEncoder(path.join(tmp, "synthetic-minilm-l6"), MINILM_L6_SHAPE)).dir;
  } else {
    modelDir = (await findLocalModel(model)).dir;
  }
  try {
    const embedder = await createEmbedder(modelDir);
    const dense = new DenseRetriever({ embedder });
    const t0 = performance.now();
    await dense.refresh(docs);
    const indexMs = performance.now() - t0;
    const lexical = createLexicalRetriever(docs);
    // Interleave the two so machine noise hits both alike.
    const half = Math.ceil(queries.length / 2);
    const d1 = await time(dense, queries.slice(0, half), topK, warmup);
    const l1 = await time(lexical, queries.slice(0, half), topK, warmup);
    const l2 = await time(lexical, queries.slice(half), topK, 0);
    const d2 = await time(dense, queries.slice(half), topK, 0);
    await embedder.dispose();
    const denseSummary = summarize([...d1, ...d2]);
    const lexicalSummary = summarize([...l1, ...l2]);
    return {
      model: embedder.modelId,
      documents: docs.length,
      queries: queries.length,
      topK,
      indexMs,
      dense: denseSummary,
      lexical: lexicalSummary,
      ratio: {
        p50: denseSummary.p50 / Math.max(lexicalSummary.p50, 1e-6),
        p95: denseSummary.p95 / Math.max(lexicalSummary.p95, 1e-6),
      },
    };
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

export function formatDenseBench(r: DenseBenchResult): string {
  const f = (x: number) => x.toFixed(3);
  return [
    `dense retrieval overhead: ${r.model}, ${r.documents} tools, ${r.queries} queries, top ${r.topK}`,
    `  catalog embedding (background refresh): ${r.indexMs.toFixed(0)} ms`,
    `  dense   p50 ${f(r.dense.p50)} ms  p95 ${f(r.dense.p95)} ms  mean ${f(r.dense.mean)} ms  max ${f(r.dense.max)} ms`,
    `  lexical p50 ${f(r.lexical.p50)} ms  p95 ${f(r.lexical.p95)} ms  mean ${f(r.lexical.mean)} ms  max ${f(r.lexical.max)} ms`,
    `  ratio dense/lexical: p50 ${r.ratio.p50.toFixed(1)}x  p95 ${r.ratio.p95.toFixed(1)}x`,
  ].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      model: { type: "string" },
      queries: { type: "string" },
      topk: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const result = await runDenseBench({
    model: values.model,
    queries: values.queries ? Number(values.queries) : undefined,
    topK: values.topk ? Number(values.topk) : undefined,
  });
  console.log(values.json ? JSON.stringify(result, null, 2) : formatDenseBench(result));
}
