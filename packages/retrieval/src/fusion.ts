// Reciprocal rank fusion and the configurable retrieval pipeline.
//
// RRF (Cormack et al., 2009): score(d) = sum over lists i of weight_i / (k + rank_i(d)), with
// k = 60 by default (definitions.md, Retrieval). A document missing from a list gets nothing
// from it. Which stages run is configuration (RetrievalPipelineConfig): the lexical stage
// (embedded default), an optional dense stage, and an optional reranker over the top M of
// the fused list.

import { performance } from "node:perf_hooks";
import { createLexicalRetriever } from "./lexical.js";
import type { LexicalOptions } from "./lexical.js";
import { createUtteranceRetriever } from "./utterance.js";
import type { ClickPair, SearchOptions, SubStageToggles, UtteranceHit, UtteranceOptions, UtteranceRetriever } from "./utterance.js";
import { buildRetrievalQuery } from "./query.js";
import type { QueryBuildOptions } from "./query.js";
import type { Dialogue, Retriever, RetrievalQuery, StageHit, ToolDocument } from "./types.js";

export const DEFAULT_RRF_K = 60;

/** A stage's own rank (1-based) and score for one document. */
export interface StageScore {
  rank: number;
  score: number;
}

/** One fused document: its RRF score and rank, and what each input list said about it. */
export interface FusedHit extends StageHit {
  /** Per input list (keyed by stage name), the rank and score it gave this document. */
  stages: Record<string, StageScore>;
}

export interface RrfOptions {
  /** The RRF constant k. Default 60. */
  k?: number;
  /** Weight per list (same order as the lists). Default 1 each. */
  weights?: number[];
  /** Names of the lists, used as keys of FusedHit.stages. Default "0", "1", ... */
  names?: string[];
  /** Keep at most this many fused hits. Default all. */
  topK?: number;
}

/**
 * Fuses ranked lists by reciprocal rank: score = sum_i weight_i / (k + rank_i). Ties are
 * broken by the best rank in any list, then by id, so the result is deterministic. Each
 * input hit's `rank` is used as given (1-based); matchedTerms of all lists are merged.
 */
export function reciprocalRankFusion(lists: StageHit[][], options: RrfOptions = {}): FusedHit[] {
  const k = options.k ?? DEFAULT_RRF_K;
  if (!(k >= 0)) throw new RangeError(`RRF k must be >= 0, got ${k}`);
  const weights = options.weights;
  if (weights && weights.length !== lists.length) {
    throw new RangeError(`RRF weights has ${weights.length} entries for ${lists.length} lists`);
  }
  const acc = new Map<string, { score: number; best: number; stages: Record<string, StageScore>; terms: string[] }>();
  lists.forEach((list, i) => {
    const w = weights?.[i] ?? 1;
    const name = options.names?.[i] ?? String(i);
    const seen = new Set<string>();
    for (const hit of list) {
      if (seen.has(hit.id)) continue; // a list names a document once; keep its best rank
      seen.add(hit.id);
      let e = acc.get(hit.id);
      if (!e) acc.set(hit.id, (e = { score: 0, best: Infinity, stages: {}, terms: [] }));
      e.score += w / (k + hit.rank);
      e.best = Math.min(e.best, hit.rank);
      e.stages[name] = { rank: hit.rank, score: hit.score };
      for (const t of hit.matchedTerms ?? []) if (!e.terms.includes(t)) e.terms.push(t);
    }
  });
  const fused = [...acc.entries()].sort(
    (a, b) => b[1].score - a[1].score || a[1].best - b[1].best || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
  );
  const limited = options.topK === undefined ? fused : fused.slice(0, Math.max(0, options.topK));
  return limited.map(([id, e], i) => ({ id, rank: i + 1, score: e.score, stages: e.stages, matchedTerms: e.terms }));
}

/** Scores documents for a query; higher is more relevant. One score per document, in order. */
export interface Reranker {
  readonly name: string;
  rerank(query: RetrievalQuery, docs: ToolDocument[]): Promise<number[]> | number[];
}

/** Which retrieval stages run, and how they are combined. */
export interface RetrievalPipelineConfig {
  /**
   * The lexical stage: true for the embedded default (utterance-level index with context,
   * prior and clicks, utterance.ts), `{ engine: "bm25", ... }` for the earlier whole-tool
   * BM25 (lexical.ts, kept as the baseline), false to skip. Default true.
   */
  lexical?: boolean | LexicalStageOptions;
  /** Click pairs for the utterance stage's click sub-stage. */
  clicks?: readonly ClickPair[];
  /** A dense stage over the same documents (e.g. from ./dense). */
  dense?: Retriever | null;
  /** A reranker applied to the top `rerankTopM` of the fused list. */
  rerank?: Reranker | null;
  /** How many fused candidates the reranker sees. Default 20. */
  rerankTopM?: number;
  /** Fusion method. Only reciprocal rank fusion is implemented. Default "rrf". */
  fuse?: "rrf";
  /** RRF constant. Default 60. */
  rrfK?: number;
  /** RRF weight per first-stage retriever. Default 1 each. */
  stageWeights?: { lexical?: number; dense?: number };
  /** How deep each first stage retrieves before fusion. Default 50. */
  candidateDepth?: number;
  /** Options of buildRetrievalQuery. */
  query?: QueryBuildOptions;
}

export type LexicalStageOptions = ({ engine?: "utterance" } & UtteranceOptions) | ({ engine: "bm25" } & LexicalOptions);

/** A lexical stage of either engine; the utterance engine also reports its sub-stages. */
export interface LexicalStage {
  readonly name: string;
  upsert(doc: ToolDocument): void;
  remove(id: string): unknown;
  searchSync(query: RetrievalQuery, topK: number, toggles?: SubStageToggles, options?: SearchOptions): (StageHit | UtteranceHit)[];
}

export type StageName = "lexical" | "dense" | "rerank" | "utterance" | "context" | "prior" | "clicks" | "classifier";
/** The utterance stage's parts, reported next to the stage totals. */
export const SUB_STAGES = ["utterance", "context", "prior", "clicks", "classifier"] as const;

/** One retrieved tool with the fused score and what each stage said about it. */
export interface RetrievedTool {
  id: string;
  /** Final rank, 1-based (the reranker's order within the top M when a reranker ran). */
  rank: number;
  /** The fused (RRF) score. */
  score: number;
  stages: Partial<Record<StageName, StageScore>>;
  /** Query terms the lexical stage matched in this tool. */
  matchedTerms: string[];
}

export interface RetrievalRun {
  /** The pipeline's name, e.g. "bm25" or "rrf(bm25+dense:x)>rerank:y". */
  retriever: string;
  query: RetrievalQuery;
  tools: RetrievedTool[];
  /** Wall-clock milliseconds per stage, and in total (query building included). */
  latencyMs: Partial<Record<"query" | StageName | "fuse", number>> & { total: number };
}

/** Per hit (same order), each utterance-stage part with a (non-zero) score, ranked among the hits by that part. */
function partRanks(hits: readonly StageHit[]): Partial<Record<StageName, StageScore>>[] {
  const out = hits.map((): Partial<Record<StageName, StageScore>> => ({}));
  const order: number[] = [];
  for (const sub of SUB_STAGES) {
    order.length = 0;
    hits.forEach((h, i) => {
      // Every part but the classifier is >= 0; the classifier's is below 0 where it found the tool less likely than chance.
      if ("parts" in h && (h as UtteranceHit).parts[sub] !== 0) order.push(i);
    });
    const score = (i: number) => (hits[i] as UtteranceHit).parts[sub];
    order.sort((a, b) => score(b) - score(a));
    order.forEach((i, r) => ((out[i] as Partial<Record<StageName, StageScore>>)[sub] = { rank: r + 1, score: score(i) }));
  }
  return out;
}

/** Something whose index follows tool edits. */
interface Updatable {
  upsert(doc: ToolDocument): unknown;
  remove(id: string): unknown;
}
function isUpdatable(x: unknown): x is Updatable {
  return (
    typeof x === "object" && x !== null &&
    typeof (x as Updatable).upsert === "function" && typeof (x as Updatable).remove === "function"
  );
}

/**
 * The configured stages over one set of documents. As a Retriever, `search` returns the
 * final ranking with the fused score; `retrieve` also reports per-stage ranks and latency.
 */
export class HybridRetriever implements Retriever {
  readonly name: string;
  readonly lexical: LexicalStage | null;
  /** The utterance engine when the lexical stage uses it (click pairs, sub-stages). */
  readonly utterance: UtteranceRetriever | null;
  readonly dense: Retriever | null;
  readonly reranker: Reranker | null;
  readonly config: Readonly<RetrievalPipelineConfig>;
  private readonly docs = new Map<string, ToolDocument>();

  constructor(docs: Iterable<ToolDocument>, config: RetrievalPipelineConfig = {}) {
    if ((config.fuse ?? "rrf") !== "rrf") throw new Error(`unknown fusion method: ${String(config.fuse)}`);
    for (const d of docs) this.docs.set(d.id, d);
    const lex = config.lexical ?? true;
    if (lex === false) {
      this.lexical = null;
      this.utterance = null;
    } else if (lex !== true && lex.engine === "bm25") {
      this.lexical = createLexicalRetriever(this.docs.values(), lex);
      this.utterance = null;
    } else {
      this.utterance = createUtteranceRetriever(this.docs.values(), lex === true ? {} : lex);
      if (config.clicks) this.utterance.setClickPairs(config.clicks);
      this.lexical = this.utterance;
    }
    this.dense = config.dense ?? null;
    this.reranker = config.rerank ?? null;
    if (!this.lexical && !this.dense) throw new Error("retrieval pipeline needs a lexical or a dense stage");
    this.config = config;
    const first = [this.lexical?.name, this.dense?.name].filter((n): n is string => !!n);
    const base = first.length > 1 ? `rrf(${first.join("+")})` : (first[0] ?? "");
    this.name = this.reranker ? `${base}>${this.reranker.name}` : base;
  }

  /** The documents the pipeline ranks. */
  documents(): ToolDocument[] {
    return [...this.docs.values()];
  }

  /** Adds or replaces a tool in every stage that keeps an index. */
  upsert(doc: ToolDocument): void {
    this.docs.set(doc.id, doc);
    this.lexical?.upsert(doc);
    if (isUpdatable(this.dense)) this.dense.upsert(doc);
  }

  /** Removes a tool (e.g. disabled) from every stage that keeps an index. */
  remove(id: string): boolean {
    const had = this.docs.delete(id);
    this.lexical?.remove(id);
    if (isUpdatable(this.dense)) this.dense.remove(id);
    return had;
  }

  async search(query: RetrievalQuery, topK: number): Promise<StageHit[]> {
    const run = await this.retrieve(query, topK);
    return run.tools.map((t) => ({ id: t.id, rank: t.rank, score: t.score, matchedTerms: t.matchedTerms }));
  }

  /** Replaces the click pairs of the utterance stage (no-op for other engines). */
  setClickPairs(pairs: readonly ClickPair[]): void {
    this.utterance?.setClickPairs(pairs);
  }

  /**
   * Runs the configured stages for a built query; `toggles` switch the utterance stage's parts.
   * With `explain: false` (the serving path) the tools come in the same order with the same
   * scores, but the explanation only the preview shows is not worked out: read only id, rank
   * and score then (matchedTerms of the lexical stage are empty, the utterance parts' ranks
   * are missing from `stages`, and so is a lone stage's own entry).
   */
  async retrieve(query: RetrievalQuery, topN: number, toggles: SubStageToggles = {}, options: SearchOptions = {}): Promise<RetrievalRun> {
    const explain = options.explain ?? true;
    const t0 = performance.now();
    const latencyMs: RetrievalRun["latencyMs"] = { total: 0 };
    // A single first stage without a reranker needs no candidates beyond topN (nothing to fuse).
    const single = !this.reranker && !(this.lexical && this.dense);
    const depth = single ? Math.max(0, topN) : Math.max(topN, this.config.candidateDepth ?? 50, this.reranker ? (this.config.rerankTopM ?? 20) : 0);

    const lists: StageHit[][] = [];
    // Per lexical hit (same order), its parts' scores with their ranks among the candidates.
    let lexicalParts: Partial<Record<StageName, StageScore>>[] = [];
    const names: StageName[] = [];
    const weights: number[] = [];
    if (this.lexical) {
      const t = performance.now();
      const hits = this.lexical.searchSync(query, depth, toggles, options);
      lists.push(hits);
      latencyMs.lexical = performance.now() - t;
      if (explain) lexicalParts = partRanks(hits);
      names.push("lexical");
      weights.push(this.config.stageWeights?.lexical ?? 1);
    }
    if (this.dense) {
      const t = performance.now();
      lists.push(await this.dense.search(query, depth));
      latencyMs.dense = performance.now() - t;
      names.push("dense");
      weights.push(this.config.stageWeights?.dense ?? 1);
    }

    let t = performance.now();
    // One first stage and no reranker: its own order and score (RRF of a single list would
    // only flatten the gaps between scores, which the preview wants to show), built directly.
    if (lists.length === 1 && !this.reranker) {
      const name = names[0] as StageName;
      const parts = name === "lexical" ? lexicalParts : [];
      const tools: RetrievedTool[] = [];
      const hits = lists[0] as StageHit[];
      for (let i = 0; i < hits.length && i < topN; i++) {
        const h = hits[i] as StageHit;
        const stages: Partial<Record<StageName, StageScore>> = parts[i] ?? {};
        if (explain) stages[name] = { rank: i + 1, score: h.score };
        tools.push({ id: h.id, rank: i + 1, score: h.score, stages, matchedTerms: h.matchedTerms ?? [] });
      }
      latencyMs.fuse = performance.now() - t;
      latencyMs.total = performance.now() - t0;
      return { retriever: this.name, query, tools, latencyMs };
    }
    const fused: FusedHit[] = reciprocalRankFusion(lists, { k: this.config.rrfK ?? DEFAULT_RRF_K, weights, names });
    latencyMs.fuse = performance.now() - t;

    const partsOf = new Map<string, Partial<Record<StageName, StageScore>>>();
    (lists[0] ?? []).forEach((h, i) => {
      if (this.lexical && lexicalParts[i]) partsOf.set(h.id, lexicalParts[i] as Partial<Record<StageName, StageScore>>);
    });
    let tools: RetrievedTool[] = fused.map((h) => ({
      id: h.id,
      rank: h.rank,
      score: h.score,
      stages: { ...(h.stages as Partial<Record<StageName, StageScore>>), ...partsOf.get(h.id) },
      matchedTerms: h.matchedTerms ?? [],
    }));

    if (this.reranker && tools.length > 0) {
      t = performance.now();
      const m = Math.min(tools.length, Math.max(1, this.config.rerankTopM ?? 20));
      const head = tools.slice(0, m).filter((x) => this.docs.has(x.id));
      const headIds = new Set(head.map((x) => x.id));
      const scores = await this.reranker.rerank(query, head.map((x) => this.docs.get(x.id) as ToolDocument));
      if (scores.length !== head.length) {
        throw new Error(`reranker ${this.reranker.name} returned ${scores.length} scores for ${head.length} documents`);
      }
      const order = head
        .map((x, i) => ({ x, s: scores[i] ?? -Infinity, i }))
        .sort((a, b) => b.s - a.s || a.i - b.i);
      order.forEach((o, i) => (o.x.stages.rerank = { rank: i + 1, score: o.s }));
      tools = [...order.map((o) => o.x), ...tools.filter((x) => !headIds.has(x.id))];
      latencyMs.rerank = performance.now() - t;
    }

    tools = tools.slice(0, Math.max(0, topN)).map((x, i) => ({ ...x, rank: i + 1 }));
    latencyMs.total = performance.now() - t0;
    return { retriever: this.name, query, tools, latencyMs };
  }
}

/** Builds the query of a dialogue with the pipeline's query options and runs the pipeline. */
export async function runRetrieval(pipeline: HybridRetriever, dialogue: Dialogue, topN = 5, toggles: SubStageToggles = {}): Promise<RetrievalRun> {
  const t0 = performance.now();
  const query = buildRetrievalQuery(dialogue, pipeline.config.query);
  const tq = performance.now() - t0;
  const run = await pipeline.retrieve(query, topN, toggles);
  return { ...run, latencyMs: { query: tq, ...run.latencyMs, total: run.latencyMs.total + tq } };
}

/** The embedded default: the lexical stage alone (the utterance engine with context, prior and clicks). */
export function createDefaultPipeline(docs: Iterable<ToolDocument>, config: RetrievalPipelineConfig = {}): HybridRetriever {
  return new HybridRetriever(docs, { lexical: true, ...config });
}
