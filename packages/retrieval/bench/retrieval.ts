// `npx tsx packages/retrieval/src/bench.ts [--rounds N]`
//
// Latency of the embedded default retriever (runRetrieval with the lexical pipeline, query
// building included, top 5) over the catalog (708 tools), on the dev-set dialogues (or, when
// the dev set is absent, on the catalog's utterances as one-turn dialogues). A naive baseline
// runs in the same process on the same queries: a linear scan scoring every tool by the number
// of query tokens it shares with the tool's text (tokens precomputed per tool). Prints
// p50/p95/p99 of both and the ratio default/baseline, over all calls and over each query's
// median call (the latter is steadier on a shared machine). Writes .data/bench/retrieval-latest.json.

import { performance } from "node:perf_hooks";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { tokenize } from "@toolrec/core";
import { createDefaultPipeline, runRetrieval } from "./fusion.js";
import { buildRetrievalQuery } from "./query.js";
import type { Dialogue, ToolDocument } from "./types.js";
import { REPO_ROOT, devsetExists, loadDevset, loadToolDocuments } from "./eval/data.js";

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function latencyStats(samples: number[]): LatencyStats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number): number => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? 0;
  return { n: s.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length) };
}

/** The baseline: score = |query tokens ∩ tool tokens|, full scan, sort, top k. */
export function createOverlapScan(docs: ToolDocument[]): (dialogue: Dialogue, k: number) => string[] {
  const index = docs.map((d) => ({
    id: d.id,
    tokens: new Set(tokenize([d.name, d.canonicalQuery, d.description, ...d.utterances].join(" "))),
  }));
  return (dialogue, k) => {
    const q = new Set(tokenize(buildRetrievalQuery(dialogue).text));
    const scored = index.map((d) => {
      let s = 0;
      for (const t of q) if (d.tokens.has(t)) s++;
      return { id: d.id, s };
    });
    scored.sort((a, b) => b.s - a.s);
    return scored.slice(0, k).map((x) => x.id);
  };
}

async function main(args = process.argv.slice(2)): Promise<void> {
  const roundsArg = args.indexOf("--rounds");
  const rounds = roundsArg >= 0 ? Number(args[roundsArg + 1]) : 20;
  const { docs, source } = await loadToolDocuments();
  const dialogues: Dialogue[] = devsetExists()
    ? loadDevset().map((d) => d.dialogue)
    : docs.flatMap((d) => d.utterances.map((u) => ({ userQuery: u })));
  const querySource = devsetExists() ? "dev-set dialogues" : "catalog utterances (no dev set yet)";

  const pipeline = createDefaultPipeline(docs);
  const scan = createOverlapScan(docs);

  // Warm up both (JIT, lazy structures).
  for (const d of dialogues) {
    await runRetrieval(pipeline, d, 5);
    scan(d, 5);
  }
  const def: number[][] = dialogues.map(() => []);
  const base: number[][] = dialogues.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < dialogues.length; i++) {
      const d = dialogues[i] as Dialogue;
      let t = performance.now();
      await runRetrieval(pipeline, d, 5);
      def[i]?.push(performance.now() - t);
      t = performance.now();
      scan(d, 5);
      base[i]?.push(performance.now() - t);
    }
  }
  // All calls, and (less sensitive to other load on the machine) each query's median call.
  const a = latencyStats(def.flat());
  const b = latencyStats(base.flat());
  const median = (xs: number[]): number => latencyStats(xs).p50;
  const am = latencyStats(def.map(median));
  const bm = latencyStats(base.map(median));
  const fmt = (s: LatencyStats): string =>
    `p50 ${s.p50.toFixed(3)} ms  p95 ${s.p95.toFixed(3)} ms  p99 ${s.p99.toFixed(3)} ms  mean ${s.mean.toFixed(3)} ms  (n=${s.n})`;
  console.log(`catalog: ${docs.length} tools (${source}); queries: ${dialogues.length} ${querySource} x ${rounds} rounds; node ${process.version}`);
  const ratio = (x: LatencyStats, y: LatencyStats): string =>
    `p50 ${(x.p50 / y.p50).toFixed(2)}x  p95 ${(x.p95 / y.p95).toFixed(2)}x  p99 ${(x.p99 / y.p99).toFixed(2)}x`;
  console.log("all calls:");
  console.log(`  default  [${pipeline.name}]        ${fmt(a)}`);
  console.log(`  baseline [token-overlap scan]  ${fmt(b)}`);
  console.log(`  ratio default/baseline: ${ratio(a, b)}`);
  console.log(`per-query median of ${rounds} rounds:`);
  console.log(`  default  [${pipeline.name}]        ${fmt(am)}`);
  console.log(`  baseline [token-overlap scan]  ${fmt(bm)}`);
  console.log(`  ratio default/baseline: ${ratio(am, bm)}`);
  const out = join(REPO_ROOT, ".data/bench/retrieval-latest.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ generatedAt: new Date().toISOString(), tools: docs.length, queries: dialogues.length, querySource, rounds, node: process.version, default: { retriever: pipeline.name, ...a, perQueryMedian: am }, baseline: { retriever: "token-overlap scan", ...b, perQueryMedian: bm }, ratioP95: a.p95 / b.p95, ratioP95PerQueryMedian: am.p95 / bm.p95 }, null, 2)}\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
