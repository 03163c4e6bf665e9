// The embedded default's lexical stage: utterance-level BM25 with discriminative context, a
// frequency prior and an optional click stage, over one precomputed index (issue 12).
//
// Units. Every tool contributes several short documents ("units"): its name, its canonical
// query, each utterance, each situation and its description. A unit is scored on its own, so
// one close paraphrase beats many weak word hits spread over a long concatenation.
//
// Per tool d and dialogue x = (q_u, A, C) (definitions.md, Retrieval), with analysed terms t:
//
//   idf(t)       = ln(1 + (N - n_t + 0.5) / (n_t + 0.5))              N tools, n_t tools using t
//   bm25(t, u)   = f_u · tf·(k1+1) / (tf + k1·(1 - b + b·|u| / avg|u|))   f_u the unit's field weight
//   s(u)         = Σ_{t ∈ q_u} w_t · idf(t) · bm25(t, u)                (w_t: segment weight, query.ts)
//   utterance(d) = τ · ln Σ_{u ∈ d, s(u) > 0} exp(s(u) / τ)             soft-max over d's units   (U)
//   δ(t)         = (idf(t) / idf_max)^γ                                 how much t discriminates
//   context(d)   = λ_c · Σ_{t ∈ A ∪ C, t ∉ q_u} w_t · δ(t) · idf(t) · bm25(t, d)   over d's whole text  (C)
//   prior(d)     = β · ln(1 + p_d) / ln(1 + max p)                      p_d = invocation count      (P)
//   clicks(d)    = λ_k · max_{(x', d) ∈ clicks} cos-free BM25(x, x')    clicked dialogues x' → d   (K)
//   score(d)     = U + C + K, plus P for tools with U + C + K > 0
//
// δ(t) is what keeps generic context words ("off", "settings", "phone") from dominating: a word
// that many tools use has a low idf, and raising its ratio to the largest idf to the power γ
// shrinks it further, while "dry", "boarding" or "muffled" keep most of their weight. The prior
// only reorders tools that matched something; on its own it never retrieves a tool.
//
// Everything the scoring needs is computed when the index is built (postings with their BM25
// factors per term, idf per term, the prior per tool); a query only walks the postings of its
// own terms. Edits (upsert/remove) mark the index stale; it is rebuilt on the next search.

import { createAnalyzer } from "./text-analysis.js";
import type { AnalyzedTerm, AnalyzerOptions } from "./text-analysis.js";
import type { Dialogue, Retriever, RetrievalQuery, StageHit, ToolDocument } from "./types.js";
import { buildRetrievalQuery } from "./query.js";

export type UnitField = "name" | "canonicalQuery" | "utterance" | "situation" | "description";

/** The sub-stages of the utterance retriever, each reported with its own score. */
export type UtteranceSubStage = "utterance" | "context" | "prior" | "clicks";

export interface UtteranceOptions extends AnalyzerOptions {
  /** Stage name reported in results. Default "utterance". */
  name?: string;
  /** Weight of each unit kind (f_u). Default DEFAULT_UNIT_WEIGHTS. */
  unitWeights?: Partial<Record<UnitField, number>>;
  /** BM25 saturation k1. Default 1.2. */
  k1?: number;
  /** BM25 length normalisation b. Default 0.5 (units are short and similar in length). */
  b?: number;
  /** Soft-max temperature τ; 0 takes the plain max. Default 1. */
  temperature?: number;
  /** The context sub-stage (assistant response, earlier turns). Default true. */
  context?: boolean;
  /** λ_c. Default 1.5. */
  contextWeight?: number;
  /** γ, the discrimination exponent. Default 0.5. */
  discrimination?: number;
  /** The frequency prior. Default true. */
  prior?: boolean;
  /** β. Default 2. */
  priorWeight?: number;
  /** The click stage (needs click pairs, see setClickPairs). Default true when pairs are given. */
  clicks?: boolean;
  /** λ_k. Default 0.5. */
  clickWeight?: number;
  /** α: context terms also join the unit soft-max at α times their weight. Default 0. */
  contextInUnits?: boolean | number;
  /** Score context terms on the tool's units (soft-max) instead of its whole text. Default false. */
  contextOnUnits?: boolean;
  /** λ_w: the user query also scored on each tool's whole text, added to U. Default 0. */
  wholeWeight?: number;
}

/** A dialogue whose suggestion invoking `toolId` was clicked (from served and ingested impressions). */
export interface ClickPair {
  dialogue: Dialogue;
  toolId: string;
  /** How many times this pair was clicked. Default 1. */
  count?: number;
}

/**
 * Chosen on the tune part of the dev set (scripts/tune-utterance.ts), never on the test part.
 * Situations and utterances are what people say; the description is the curator's prose.
 */
export const DEFAULT_UNIT_WEIGHTS: Readonly<Record<UnitField, number>> = Object.freeze({
  name: 1,
  canonicalQuery: 1,
  utterance: 1,
  situation: 1,
  description: 0.6,
});

export const DEFAULT_UTTERANCE_OPTIONS = Object.freeze({
  k1: 1.2,
  b: 0.5,
  temperature: 1,
  contextWeight: 1.5,
  discrimination: 0.5,
  priorWeight: 2,
  clickWeight: 0.5,
  contextInUnits: 0 as boolean | number,
  wholeWeight: 0,
  contextOnUnits: false,
});

/** One tool's score per sub-stage (0 when the sub-stage gave it nothing or is off). */
export type SubStageScores = Record<UtteranceSubStage, number>;

export interface UtteranceHit extends StageHit {
  /** Each sub-stage's contribution; `score` is their sum. */
  parts: SubStageScores;
}

export interface UtteranceRetriever extends Retriever {
  upsert(doc: ToolDocument): void;
  remove(id: string): boolean;
  has(id: string): boolean;
  readonly size: number;
  /** Replaces the click pairs (an empty list turns the click stage's evidence off). */
  setClickPairs(pairs: readonly ClickPair[]): void;
  /** How many click pairs the click stage holds. */
  readonly clickPairs: number;
  searchSync(query: RetrievalQuery, topK: number, overrides?: SubStageToggles): UtteranceHit[];
  analyze(text: string): string[];
}

/** Per-search switches of the sub-stages (the A/B compare). */
export type SubStageToggles = Partial<Record<"context" | "prior" | "clicks", boolean>>;

/** Postings of one term: which units use it and their BM25 factor (without idf). */
interface Postings {
  units: Int32Array;
  factors: Float32Array;
}

/** A compiled set of units (tool units, or click units) with postings per term. */
interface UnitIndex {
  postings: Map<string, Postings>;
  /** unit -> tool index */
  owner: Int32Array;
  size: number;
}

interface BuiltIndex {
  ids: string[];
  docs: ToolDocument[];
  idf: Map<string, number>;
  idfMax: number;
  units: UnitIndex;
  /** Each tool's whole text as one unit, for the context sub-stage. */
  whole: UnitIndex;
  clicks: UnitIndex | null;
  /** P per tool (before β). */
  prior: Float64Array;
  /** Surface form per term as seen in the catalog (for matchedTerms fallbacks). */
}

interface RawUnit {
  owner: number;
  weight: number;
  terms: string[];
}

/** Compiles units into postings with their BM25 factors (the formula in the header). */
function compileUnits(units: RawUnit[], k1: number, b: number): UnitIndex {
  let total = 0;
  for (const u of units) total += u.terms.length;
  const avg = units.length > 0 ? Math.max(1, total / units.length) : 1;
  const acc = new Map<string, { units: number[]; factors: number[] }>();
  units.forEach((u, i) => {
    const tf = new Map<string, number>();
    for (const t of u.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const norm = k1 * (1 - b + (b * u.terms.length) / avg);
    for (const [t, n] of tf) {
      let p = acc.get(t);
      if (!p) acc.set(t, (p = { units: [], factors: [] }));
      p.units.push(i);
      p.factors.push((u.weight * (n * (k1 + 1))) / (n + norm));
    }
  });
  const postings = new Map<string, Postings>();
  for (const [t, p] of acc) postings.set(t, { units: Int32Array.from(p.units), factors: Float32Array.from(p.factors) });
  return { postings, owner: Int32Array.from(units.map((u) => u.owner)), size: units.length };
}

interface WeightedTerm {
  term: string;
  surface: string;
  weight: number;
}

export function createUtteranceRetriever(initial: Iterable<ToolDocument>, options: UtteranceOptions = {}): UtteranceRetriever {
  const o = { ...DEFAULT_UTTERANCE_OPTIONS, ...stripUndefined(options) };
  const unitWeights = { ...DEFAULT_UNIT_WEIGHTS, ...options.unitWeights };
  const analyzeWithSurface = createAnalyzer(options);
  const analyze = (text: string): string[] => analyzeWithSurface(text).map((x) => x.term);
  const byId = new Map<string, ToolDocument>();
  for (const d of initial) byId.set(d.id, d);
  let pairs: readonly ClickPair[] = [];
  let built: BuiltIndex | null = null;

  const build = (): BuiltIndex => {
    const docs = [...byId.values()];
    const ids = docs.map((d) => d.id);
    const units: RawUnit[] = [];
    const whole: RawUnit[] = [];
    const df = new Map<string, number>();
    docs.forEach((d, i) => {
      const add = (text: string, field: UnitField): string[] => {
        const terms = analyze(text);
        const w = unitWeights[field];
        if (terms.length > 0 && w > 0) units.push({ owner: i, weight: w, terms });
        return terms;
      };
      const all: string[] = [];
      all.push(...add(d.name, "name"), ...add(d.canonicalQuery, "canonicalQuery"));
      for (const u of d.utterances) all.push(...add(u, "utterance"));
      for (const s of d.situations ?? []) all.push(...add(s, "situation"));
      all.push(...add(d.description, "description"));
      whole.push({ owner: i, weight: 1, terms: all });
      for (const t of new Set(all)) df.set(t, (df.get(t) ?? 0) + 1);
    });
    const n = docs.length;
    const idf = new Map<string, number>();
    let idfMax = 0;
    for (const [t, k] of df) {
      const v = Math.log(1 + (n - k + 0.5) / (k + 0.5));
      idf.set(t, v);
      if (v > idfMax) idfMax = v;
    }
    let maxCount = 0;
    for (const d of docs) maxCount = Math.max(maxCount, d.invocationCount ?? 0);
    const prior = Float64Array.from(docs, (d) => (maxCount > 0 ? Math.log1p(Math.max(0, d.invocationCount ?? 0)) / Math.log1p(maxCount) : 0));
    const index = new Map(ids.map((id, i) => [id, i]));
    const clickUnits: RawUnit[] = [];
    for (const p of pairs) {
      const owner = index.get(p.toolId);
      if (owner === undefined) continue;
      const q = buildRetrievalQuery(p.dialogue);
      const terms = analyze(q.segments.filter((s) => s.source === "userQuery").map((s) => s.text).join("\n"));
      if (terms.length > 0) clickUnits.push({ owner, weight: Math.min(2, 1 + Math.log10(Math.max(1, p.count ?? 1))), terms });
    }
    return {
      ids,
      docs,
      idf,
      idfMax: idfMax || 1,
      units: compileUnits(units, o.k1, o.b),
      whole: compileUnits(whole, o.k1, 0.75),
      clicks: clickUnits.length > 0 ? compileUnits(clickUnits, o.k1, o.b) : null,
      prior,
    };
  };
  const index = (): BuiltIndex => (built ??= build());

  // Scratch buffers reused across searches (a search is synchronous).
  let unitScore = new Float64Array(0);
  let toolScore = new Float64Array(0);
  const grow = (a: Float64Array, n: number): Float64Array => (a.length >= n ? a : new Float64Array(Math.max(n, a.length * 2)));

  /** Σ_t weight_t · idf_t · factor(t, u) into `scores`, returning the touched units. */
  const scoreUnits = (ix: BuiltIndex, units: UnitIndex, terms: WeightedTerm[], scores: Float64Array, touched: number[], matched: Map<number, Set<string>> | null): void => {
    for (const qt of terms) {
      const p = units.postings.get(qt.term);
      if (!p) continue;
      const w = qt.weight * (ix.idf.get(qt.term) ?? 0);
      if (w <= 0) continue;
      const { units: us, factors } = p;
      for (let j = 0; j < us.length; j++) {
        const u = us[j] as number;
        if (scores[u] === 0) touched.push(u);
        scores[u] += w * (factors[j] as number);
        if (matched) {
          const owner = units.owner[u] as number;
          let set = matched.get(owner);
          if (!set) matched.set(owner, (set = new Set()));
          set.add(qt.surface);
        }
      }
    }
  };

  const searchSync = (query: RetrievalQuery, topK: number, overrides: SubStageToggles = {}): UtteranceHit[] => {
    if (topK <= 0) return [];
    const ix = index();
    const nTools = ix.ids.length;
    const useContext = overrides.context ?? options.context ?? true;
    const usePrior = overrides.prior ?? options.prior ?? true;
    const useClicks = (overrides.clicks ?? options.clicks ?? true) && ix.clicks !== null;

    // Query terms: the user query's at its segment weight; context terms at segment weight · δ(t).
    const segments = query.segments.length > 0 ? query.segments : [{ text: query.text, weight: 1, source: "userQuery" as const }];
    const user = new Map<string, WeightedTerm>();
    const context = new Map<string, WeightedTerm>();
    for (const seg of segments) {
      const target = seg.source === "userQuery" ? user : context;
      for (const { term, surface } of analyzeWithSurface(seg.text) as AnalyzedTerm[]) {
        const prev = target.get(term);
        if (!prev) target.set(term, { term, surface, weight: seg.weight });
        else if (seg.weight > prev.weight) prev.weight = seg.weight;
      }
    }
    const userTerms = [...user.values()];
    const contextTerms: WeightedTerm[] = [];
    if (useContext) {
      for (const t of context.values()) {
        if (user.has(t.term)) continue;
        const idf = ix.idf.get(t.term);
        if (idf === undefined) continue;
        const delta = Math.pow(idf / ix.idfMax, o.discrimination);
        contextTerms.push({ ...t, weight: t.weight * delta });
      }
    }

    const parts = new Map<number, SubStageScores>();
    const part = (tool: number): SubStageScores => {
      let p = parts.get(tool);
      if (!p) parts.set(tool, (p = { utterance: 0, context: 0, prior: 0, clicks: 0 }));
      return p;
    };
    const matched = new Map<number, Set<string>>();

    // U: soft-max over each tool's units.
    unitScore = grow(unitScore, Math.max(ix.units.size, ix.whole.size, ix.clicks?.size ?? 0));
    toolScore = grow(toolScore, nTools);
    const softmax = (units: UnitIndex, terms: WeightedTerm[], key: "utterance" | "context" | "clicks", weight: number): void => {
      const touched: number[] = [];
      scoreUnits(ix, units, terms, unitScore, touched, key !== "clicks" ? matched : null);
      const tau = o.temperature;
      const tools: number[] = [];
      for (const u of touched) {
        const owner = units.owner[u] as number;
        const s = unitScore[u] as number;
        unitScore[u] = 0;
        if (toolScore[owner] === 0) tools.push(owner);
        // τ = 0: the plain max; else Σ exp(s/τ), turned into τ·ln(...) below.
        toolScore[owner] = tau > 0 ? (toolScore[owner] as number) + Math.exp(s / tau) : Math.max(toolScore[owner] as number, s);
      }
      for (const t of tools) {
        const v = tau > 0 ? tau * Math.log(toolScore[t] as number) : (toolScore[t] as number);
        toolScore[t] = 0;
        part(t)[key] = weight * v;
      }
    };
    const alpha = typeof o.contextInUnits === "number" ? o.contextInUnits : o.contextInUnits ? 1 : 0;
    softmax(ix.units, alpha > 0 ? [...userTerms, ...contextTerms.map((t) => ({ ...t, weight: alpha * t.weight }))] : userTerms, "utterance", 1);
    if (o.wholeWeight > 0 && userTerms.length > 0) {
      const touched: number[] = [];
      scoreUnits(ix, ix.whole, userTerms, unitScore, touched, null);
      for (const u of touched) {
        part(ix.whole.owner[u] as number).utterance += o.wholeWeight * (unitScore[u] as number);
        unitScore[u] = 0;
      }
    }

    // C: the context's discriminative terms over each tool's whole text.
    if (contextTerms.length > 0 && o.contextOnUnits) {
      softmax(ix.units, contextTerms, "context", o.contextWeight);
    } else if (contextTerms.length > 0) {
      const touched: number[] = [];
      scoreUnits(ix, ix.whole, contextTerms, unitScore, touched, matched);
      for (const u of touched) {
        part(ix.whole.owner[u] as number).context = o.contextWeight * (unitScore[u] as number);
        unitScore[u] = 0;
      }
    }

    // K: the dialogue against clicked dialogues (user query and context alike).
    if (useClicks && ix.clicks) {
      const all = [...userTerms, ...contextTerms.filter((t) => !user.has(t.term))];
      softmax(ix.clicks, all, "clicks", o.clickWeight);
    }

    // P, then the sum, for tools that matched something.
    const hits: UtteranceHit[] = [];
    for (const [tool, p] of parts) {
      if (p.utterance + p.context + p.clicks <= 0) continue;
      if (usePrior) p.prior = o.priorWeight * (ix.prior[tool] as number);
      hits.push({
        id: ix.ids[tool] as string,
        rank: 0,
        score: p.utterance + p.context + p.clicks + p.prior,
        parts: p,
        matchedTerms: [...(matched.get(tool) ?? [])],
      });
    }
    hits.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const top = hits.slice(0, topK);
    top.forEach((h, i) => (h.rank = i + 1));
    return top;
  };

  return {
    name: options.name ?? "utterance",
    async search(query, topK) {
      return searchSync(query, topK);
    },
    searchSync,
    analyze,
    upsert(doc) {
      byId.set(doc.id, doc);
      built = null;
    },
    remove(id) {
      const had = byId.delete(id);
      if (had) built = null;
      return had;
    },
    has(id) {
      return byId.has(id);
    },
    get size() {
      return byId.size;
    },
    setClickPairs(next) {
      pairs = [...next];
      built = null;
    },
    get clickPairs() {
      return pairs.length;
    },
  };
}

function stripUndefined<T extends object>(x: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(x)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
