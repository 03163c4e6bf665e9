// `npm run eval:retrieval [-- --ablation] [-- --devset PATH] [-- --out PATH]`
//
// Loads the catalog and the labelled dev set, runs each configured retriever on every dev-set
// dialogue, prints Recall@1/5/10, nDCG@5 and MRR overall, per category and per kind, and writes
// the results to .data/eval/retrieval-latest.json (the console shows the latest evaluation).
//
// Retrievers: the embedded default (lexical BM25) always; with --ablation also lexical
// variants (stemming, stop-words, compounds, segment mode, field boosts, query weights), for
// information: settings are chosen on the tuning split (tune-split.ts), never on the dev set. Dense, hybrid and
// reranked pipelines run when TOOLREC_MODELS_DIR is set and src/dense/index.ts exists; that
// module is imported dynamically and asked for its stages through `evalStages(docs, modelsDir)`
// (or `createDenseRetrievers` / `createDenseRetriever` and `createRerankers` / `createReranker`).

import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { HybridRetriever, runRetrieval } from "../fusion.js";
import type { Reranker, RetrievalPipelineConfig } from "../fusion.js";
import { evaluate } from "../metrics.js";
import type { DevsetItem, Evaluation, MetricSummary } from "../metrics.js";
import type { Retriever, ToolDocument } from "../types.js";
import { DEVSET_PATH, REPO_ROOT, loadDevset, loadToolDocuments } from "./data.js";

export interface NamedPipeline {
  label: string;
  config: RetrievalPipelineConfig;
}

export interface RetrieverResult {
  label: string;
  retriever: string;
  evaluation: Evaluation;
  latencyMs: { p50: number; p95: number; mean: number };
}

/** The lexical default and, for --ablation, variants of its general settings. */
export function lexicalPipelines(ablation: boolean): NamedPipeline[] {
  const list: NamedPipeline[] = [{ label: "bm25 (default)", config: { lexical: true } }];
  if (!ablation) return list;
  // Reported for information only: the defaults were fixed on the tuning split
  // (tune-split.ts) and the dev set is held out (devset/README.md), so do not pick settings
  // from these rows.
  list.push(
    { label: "bm25 no-stemming", config: { lexical: { stemming: false } } },
    { label: "bm25 no-stopwords", config: { lexical: { stopWords: false } } },
    { label: "bm25 no-compounds", config: { lexical: { compounds: false } } },
    { label: "bm25 per-segment", config: { lexical: { segmentMode: "perSegment" } } },
    { label: "bm25 boosts 3/3/2/1", config: { lexical: { fieldBoosts: { name: 3, canonicalQuery: 3, utterances: 2, description: 1 } } } },
    { label: "bm25 flat boosts", config: { lexical: { fieldBoosts: { name: 1, canonicalQuery: 1, utterances: 1, description: 1 } } } },
    { label: "bm25 user query only", config: { lexical: true, query: { assistantWeight: 0, historyWeight: 0 } } },
    { label: "bm25 no history", config: { lexical: true, query: { historyWeight: 0 } } },
    { label: "bm25 flat segment weights", config: { lexical: true, query: { assistantWeight: 1, historyWeight: 1, decay: 1, historyAssistantFactor: 1 } } },
  );
  return list;
}

interface DenseModule {
  evalStages?: (docs: ToolDocument[], modelsDir: string) => Promise<{ dense?: Retriever[]; rerankers?: Reranker[] }>;
  createDenseRetrievers?: (docs: ToolDocument[], opts: { modelsDir: string }) => Promise<Retriever[]>;
  createDenseRetriever?: (docs: ToolDocument[], opts: { modelsDir: string }) => Promise<Retriever>;
  createRerankers?: (opts: { modelsDir: string }) => Promise<Reranker[]>;
  createReranker?: (opts: { modelsDir: string }) => Promise<Reranker>;
}

/** Dense and rerank pipelines, when a models directory and src/dense/index.ts are present. */
export async function modelPipelines(docs: ToolDocument[], log: (s: string) => void): Promise<NamedPipeline[]> {
  const modelsDir = process.env.TOOLREC_MODELS_DIR;
  if (!modelsDir) {
    log("dense/hybrid: skipped (TOOLREC_MODELS_DIR is not set)");
    return [];
  }
  if (!existsSync(modelsDir)) {
    log(`dense/hybrid: skipped (TOOLREC_MODELS_DIR=${modelsDir} does not exist)`);
    return [];
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const densePath = ["../dense/index.ts", "../dense/index.js"].map((p) => resolve(here, p)).find((p) => existsSync(p));
  if (!densePath) {
    log("dense/hybrid: skipped (src/dense/index.ts does not exist)");
    return [];
  }
  const mod = (await import(pathToFileURL(densePath).href)) as DenseModule;
  let dense: Retriever[] = [];
  let rerankers: Reranker[] = [];
  if (mod.evalStages) {
    const s = await mod.evalStages(docs, modelsDir);
    dense = s.dense ?? [];
    rerankers = s.rerankers ?? [];
  } else {
    if (mod.createDenseRetrievers) dense = await mod.createDenseRetrievers(docs, { modelsDir });
    else if (mod.createDenseRetriever) dense = [await mod.createDenseRetriever(docs, { modelsDir })];
    if (mod.createRerankers) rerankers = await mod.createRerankers({ modelsDir });
    else if (mod.createReranker) rerankers = [await mod.createReranker({ modelsDir })];
  }
  if (dense.length === 0 && rerankers.length === 0) {
    log("dense/hybrid: src/dense/index.ts offers no stages for this models directory");
  }
  const out: NamedPipeline[] = [];
  for (const d of dense) {
    out.push({ label: d.name, config: { lexical: false, dense: d } });
    out.push({ label: `rrf(bm25+${d.name})`, config: { lexical: true, dense: d } });
    for (const r of rerankers) out.push({ label: `rrf(bm25+${d.name})>${r.name}`, config: { lexical: true, dense: d, rerank: r } });
  }
  for (const r of rerankers) out.push({ label: `bm25>${r.name}`, config: { lexical: true, rerank: r } });
  return out;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? 0;
}

/** Runs one pipeline over the dev set (top 10 per dialogue) and scores it. */
export async function evaluatePipeline(
  docs: ToolDocument[],
  devset: DevsetItem[],
  p: NamedPipeline,
): Promise<RetrieverResult> {
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
  return {
    label: p.label,
    retriever: pipeline.name,
    evaluation: evaluate(ranked, devset),
    latencyMs: {
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      mean: times.reduce((s, x) => s + x, 0) / Math.max(1, times.length),
    },
  };
}

const f3 = (x: number): string => x.toFixed(3);

function row(label: string, m: MetricSummary, width: number): string {
  return `${label.padEnd(width)} ${String(m.n).padStart(5)}  ${f3(m.recallAt1)}  ${f3(m.recallAt5)}  ${f3(m.recallAt10)}  ${f3(m.ndcgAt5)}  ${f3(m.mrr)}`;
}

/** The console table of one retriever: overall, per category, per kind. */
export function formatResult(r: RetrieverResult): string {
  const e = r.evaluation;
  const labels = ["overall", ...Object.keys(e.byCategory).map((c) => `  ${c}`), ...Object.keys(e.byKind).map((k) => `  ${k}`)];
  const w = Math.max(24, ...labels.map((l) => l.length + 2));
  const lines = [
    `== ${r.label}  [${r.retriever}]  p50 ${r.latencyMs.p50.toFixed(2)} ms, p95 ${r.latencyMs.p95.toFixed(2)} ms per dialogue`,
    `${"".padEnd(w)} ${"n".padStart(5)}  R@1    R@5    R@10   nDCG@5 MRR`,
    row("overall", e.overall, w),
    "by category:",
    ...Object.entries(e.byCategory).map(([c, m]) => row(`  ${c}`, m, w)),
    "by kind:",
    ...Object.entries(e.byKind).map(([k, m]) => row(`  ${k}`, m, w)),
  ];
  return lines.join("\n");
}

/** A one-line-per-retriever summary table. */
export function formatSummary(results: RetrieverResult[]): string {
  const w = Math.max(24, ...results.map((r) => r.label.length + 1));
  return [
    `${"retriever".padEnd(w)} ${"n".padStart(5)}  R@1    R@5    R@10   nDCG@5 MRR    p95 ms`,
    ...results.map((r) => `${row(r.label, r.evaluation.overall, w)}  ${r.latencyMs.p95.toFixed(2)}`),
  ].join("\n");
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function main(args = process.argv.slice(2)): Promise<number> {
  const log = (s: string): void => console.log(s);
  const devsetPath = resolve(argValue(args, "--devset") ?? DEVSET_PATH);
  const outPath = resolve(argValue(args, "--out") ?? join(process.env.TOOLREC_DATA_DIR ?? join(REPO_ROOT, ".data"), "eval/retrieval-latest.json"));
  if (!existsSync(devsetPath)) {
    console.error(`no dev set at ${devsetPath}`);
    return 1;
  }
  const { docs, source } = await loadToolDocuments();
  const devset = loadDevset(devsetPath);
  log(`catalog: ${docs.length} tools (${source}); dev set: ${devset.length} dialogues (${relative(REPO_ROOT, devsetPath)})`);
  const known = new Set(docs.map((d) => d.id));
  const unknown = [...new Set(devset.flatMap((d) => d.relevant).filter((id) => !known.has(id)))];
  if (unknown.length > 0) log(`warning: ${unknown.length} relevant ids are not in the catalog: ${unknown.slice(0, 10).join(", ")}`);

  const pipelines = [...lexicalPipelines(args.includes("--ablation")), ...(await modelPipelines(docs, log))];
  const results: RetrieverResult[] = [];
  for (const p of pipelines) {
    const r = await evaluatePipeline(docs, devset, p);
    results.push(r);
    if (!args.includes("--summary")) log(`\n${formatResult(r)}`);
  }
  log(`\n${formatSummary(results)}`);

  mkdirSync(dirname(outPath), { recursive: true });
  const json = {
    generatedAt: new Date().toISOString(),
    catalog: { source, tools: docs.length },
    devset: { path: relative(REPO_ROOT, devsetPath), dialogues: devset.length, unknownRelevantIds: unknown },
    metrics: ["recallAt1", "recallAt5", "recallAt10", "ndcgAt5", "mrr"],
    retrievers: results.map((r) => ({
      label: r.label,
      retriever: r.retriever,
      default: r === results[0],
      latencyMs: r.latencyMs,
      overall: r.evaluation.overall,
      byCategory: r.evaluation.byCategory,
      byKind: r.evaluation.byKind,
      items: r.evaluation.items,
    })),
  };
  writeFileSync(outPath, `${JSON.stringify(json, null, 2)}\n`);
  log(`\nwrote ${relative(process.cwd(), outPath) || outPath}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
