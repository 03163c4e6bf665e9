// Evaluating retrieval pipelines on the labelled dev set: the public API behind
// `npm run eval:retrieval` (scripts/run-eval.ts) and `toolrec eval retrieval` (the CLI).
//
// The dev set is split once into a tune part (weights may be chosen on it) and a held-out
// test part (devset/README.md); every figure is reported per part, and the test part is the
// one the README and the floor test quote.

import { performance } from "node:perf_hooks";
import { HybridRetriever, runRetrieval } from "./fusion.js";
import type { RetrievalPipelineConfig } from "./fusion.js";
import { scoreRankings } from "./metrics.js";
import type { DevsetItem, Evaluation, MetricSummary } from "./metrics.js";
import type { ToolDocument } from "./types.js";

export interface NamedPipeline {
  label: string;
  config: RetrievalPipelineConfig;
}

export type DevsetPart = "all" | "tune" | "test";

export interface RetrieverResult {
  label: string;
  retriever: string;
  /** Per dev-set part ("all" always; "tune" and "test" when the dev set is split). */
  parts: Partial<Record<DevsetPart, Evaluation>> & { all: Evaluation };
  latencyMs: { p50: number; p95: number; mean: number };
}

/** The current BM25 (whole-tool, MiniSearch) and the embedded default, for before/after tables. */
export const BASELINE_PIPELINES: readonly NamedPipeline[] = Object.freeze([
  { label: "utterance (default)", config: { lexical: true } },
  { label: "bm25 (before)", config: { lexical: { engine: "bm25" } } },
]);

/** The default with one part switched off (`--ablation`: information only, weights are chosen on the tune part). */
export const ABLATION_PIPELINES: readonly NamedPipeline[] = Object.freeze([
  { label: "utterance no-classifier", config: { lexical: { classifier: false } } },
  // The classifier's training seed (the default is 1): how much its figures move between trainings.
  { label: "utterance classifier seed 2", config: { lexical: { classifierTraining: { seed: 2 } } } },
  { label: "utterance classifier seed 3", config: { lexical: { classifierTraining: { seed: 3 } } } },
  { label: "utterance no-context", config: { lexical: { context: false } } },
  { label: "utterance no-prior", config: { lexical: { prior: false } } },
  { label: "utterance max (tau 0)", config: { lexical: { temperature: 0 } } },
  { label: "utterance no-discrimination (gamma 0)", config: { lexical: { discrimination: 0 } } },
  { label: "utterance no-situations", config: { lexical: { unitWeights: { situation: 0 } } } },
  { label: "utterance no-direction-pairs", config: { lexical: { particleWeight: 0 } } },
  { label: "utterance no-synonyms", config: { lexical: { synonyms: false } } },
]);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** Runs one pipeline over the dev set (top 10 per dialogue) and scores it per part. */
export async function evaluatePipeline(docs: ToolDocument[], devset: DevsetItem[], p: NamedPipeline): Promise<RetrieverResult> {
  const pipeline = new HybridRetriever(docs, p.config);
  const ranked = new Map<string, string[]>();
  const times: number[] = [];
  for (const item of devset) {
    const t = performance.now();
    const run = await runRetrieval(pipeline, item.dialogue, 10);
    times.push(performance.now() - t);
    ranked.set(item.id, run.tools.map((x) => x.id));
  }
  times.sort((a, b) => a - b);
  const parts: RetrieverResult["parts"] = { all: scoreRankings(ranked, devset) };
  for (const part of ["tune", "test"] as const) {
    const items = devset.filter((d) => d.split === part);
    if (items.length > 0) parts[part] = scoreRankings(ranked, items);
  }
  return {
    label: p.label,
    retriever: pipeline.name,
    parts,
    latencyMs: { p50: percentile(times, 50), p95: percentile(times, 95), mean: times.reduce((s, x) => s + x, 0) / Math.max(1, times.length) },
  };
}

/** Evaluates each pipeline in turn (`onResult` sees each as it finishes, for progress). */
export async function evaluate(
  docs: ToolDocument[],
  devset: DevsetItem[],
  pipelines: readonly NamedPipeline[],
  onResult?: (r: RetrieverResult, index: number) => void,
): Promise<RetrieverResult[]> {
  const out: RetrieverResult[] = [];
  for (const p of pipelines) {
    const r = await evaluatePipeline(docs, devset, p);
    out.push(r);
    onResult?.(r, out.length - 1);
  }
  return out;
}

const f3 = (x: number): string => x.toFixed(3);

function row(label: string, m: MetricSummary, width: number): string {
  return `${label.padEnd(width)} ${String(m.n).padStart(5)}  ${f3(m.recallAt1)}  ${f3(m.recallAt5)}  ${f3(m.recallAt10)}  ${f3(m.ndcgAt5)}  ${f3(m.mrr)}`;
}

/** The console table of one retriever: per part overall and per kind, then per category on the test part. */
export function formatResult(r: RetrieverResult): string {
  const w = 28;
  const lines = [
    `== ${r.label}  [${r.retriever}]  p50 ${r.latencyMs.p50.toFixed(3)} ms, p95 ${r.latencyMs.p95.toFixed(3)} ms per dialogue`,
    `${"".padEnd(w)} ${"n".padStart(5)}  R@1    R@5    R@10   nDCG@5 MRR`,
  ];
  for (const part of ["test", "tune", "all"] as const) {
    const e = r.parts[part];
    if (!e) continue;
    lines.push(row(`${part} part${part === "test" ? " (held out)" : part === "all" ? " (whole dev set)" : ""}`, e.overall, w));
    for (const [k, m] of Object.entries(e.byKind)) lines.push(row(`  ${k}`, m, w));
  }
  const cat = (r.parts.test ?? r.parts.all).byCategory;
  lines.push(`by category (${r.parts.test ? "test part" : "whole dev set"}):`);
  for (const [c, m] of Object.entries(cat)) lines.push(row(`  ${c}`, m, w));
  return lines.join("\n");
}

/** One line per retriever and part. */
export function formatSummary(results: readonly RetrieverResult[]): string {
  const w = Math.max(24, ...results.map((r) => r.label.length + 8));
  const lines = [`${"retriever / part".padEnd(w)} ${"n".padStart(5)}  R@1    R@5    R@10   nDCG@5 MRR    ind.R@5 p95 ms`];
  for (const r of results) {
    for (const part of ["test", "tune"] as const) {
      const e = r.parts[part];
      if (!e) continue;
      lines.push(`${row(`${r.label} ${part}`, e.overall, w)}  ${f3(e.byKind.indirect?.recallAt5 ?? 0)}   ${r.latencyMs.p95.toFixed(3)}`);
    }
    if (!r.parts.test) lines.push(`${row(r.label, r.parts.all.overall, w)}  ${f3(r.parts.all.byKind.indirect?.recallAt5 ?? 0)}   ${r.latencyMs.p95.toFixed(3)}`);
  }
  return lines.join("\n");
}

/**
 * The evaluation file the console's Retrieval page shows (.data/eval/retrieval-latest.json).
 * Top-level `overall`/`byCategory`/`byKind` of each retriever are the TEST part's (the held-out
 * figures), with every part under `parts`.
 */
export function evaluationFile(results: readonly RetrieverResult[], meta: { catalogSource: string; tools: number; devsetPath: string; dialogues: number; unknownRelevantIds?: string[] }) {
  return {
    generatedAt: new Date().toISOString(),
    catalog: { source: meta.catalogSource, tools: meta.tools },
    devset: { path: meta.devsetPath, dialogues: meta.dialogues, unknownRelevantIds: meta.unknownRelevantIds ?? [] },
    metrics: ["recallAt1", "recallAt5", "recallAt10", "ndcgAt5", "mrr"],
    retrievers: results.map((r, i) => {
      const main = r.parts.test ?? r.parts.all;
      return {
        label: r.label,
        retriever: r.retriever,
        default: i === 0,
        part: r.parts.test ? "test" : "all",
        latencyMs: r.latencyMs,
        overall: main.overall,
        byCategory: main.byCategory,
        byKind: main.byKind,
        parts: Object.fromEntries(Object.entries(r.parts).map(([k, e]) => [k, { overall: e.overall, byKind: e.byKind }])),
        items: main.items,
      };
    }),
  };
}
