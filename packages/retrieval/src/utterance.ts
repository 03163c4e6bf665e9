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
import type { AnalyzerOptions } from "./text-analysis.js";
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
  /** BM25 saturation k1. Default 1.6. */
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
  /** Weight of a joined pair of query words ("wi fi" -> wifi) relative to a single word. Default 0.25. */
  compoundWeight?: number;
  /** Weight of a direction pair ("off~data", text-analysis.ts) relative to a single word. Default 0.5; 0 turns them off. */
  particleWeight?: number;
  /** γ_u: discrimination exponent applied to the user query's own terms. Default 0.5. */
  userDiscrimination?: number;
  /** η: context evidence for a tool the user query did not match at all is scaled by η. Default 1. */
  contextOnlyFactor?: number;
  /** The frequency prior. Default true. */
  prior?: boolean;
  /** β. Default 3. */
  priorWeight?: number;
  /** The click stage (needs click pairs, see setClickPairs). Default true when pairs are given. */
  clicks?: boolean;
  /** λ_k. Default 0.5. */
  clickWeight?: number;
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
  k1: 1.6,
  b: 0.5,
  temperature: 1,
  contextWeight: 1.5,
  discrimination: 0.5,
  priorWeight: 3,
  clickWeight: 0.5,
  compoundWeight: 0.25,
  particleWeight: 0.5,
  userDiscrimination: 0.5,
  contextOnlyFactor: 1,
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
  /** Each tool's analysed terms (for matchedTerms of the returned tools). */
  termsOf: Set<string>[];
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
  const analyzeWithSurface = createAnalyzer({ particlePairs: (options.particleWeight ?? DEFAULT_UTTERANCE_OPTIONS.particleWeight) > 0, ...options });
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
    const termsOf: Set<string>[] = [];
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
      termsOf.push(new Set(all));
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
      termsOf,
    };
  };
  const index = (): BuiltIndex => (built ??= build());

  // Scratch buffers reused across searches (a search is synchronous): per-unit sums, and per
  // tool the soft-max accumulator and each part's score, with the touched entries listed so
  // only those are reset.
  let unitScore = new Float64Array(0);
  let unitTouched = new Int32Array(0);
  let acc = new Float64Array(0);
  let partU = new Float64Array(0);
  let partC = new Float64Array(0);
  let partK = new Float64Array(0);
  let seen = new Uint8Array(0);
  let toolList = new Int32Array(0);

  const ensure = (ix: BuiltIndex): void => {
    const nUnits = Math.max(ix.units.size, ix.whole.size, ix.clicks?.size ?? 0);
    if (unitScore.length < nUnits) {
      unitScore = new Float64Array(nUnits);
      unitTouched = new Int32Array(nUnits);
    }
    const n = ix.ids.length;
    if (acc.length < n) {
      acc = new Float64Array(n);
      partU = new Float64Array(n);
      partC = new Float64Array(n);
      partK = new Float64Array(n);
      seen = new Uint8Array(n);
      toolList = new Int32Array(n);
    }
  };

  /** Σ_t w_t · idf_t · factor(t, u) into unitScore; returns how many units it touched (listed in unitTouched). */
  const scoreUnits = (ix: BuiltIndex, units: UnitIndex, terms: readonly WeightedTerm[], unseenIdf = 0): number => {
    let n = 0;
    for (const qt of terms) {
      const p = units.postings.get(qt.term);
      if (!p) continue;
      const w = qt.weight * (ix.idf.get(qt.term) ?? unseenIdf);
      if (w <= 0) continue;
      const us = p.units;
      const factors = p.factors;
      for (let j = 0; j < us.length; j++) {
        const u = us[j] as number;
        if (unitScore[u] === 0) unitTouched[n++] = u;
        unitScore[u] = (unitScore[u] as number) + w * (factors[j] as number);
      }
    }
    return n;
  };

  let nListed = 0;
  const list = (tool: number): void => {
    if (seen[tool] === 0) {
      seen[tool] = 1;
      toolList[nListed++] = tool;
    }
  };

  /** Per tool, τ·ln Σ exp(s(u)/τ) over its touched units (τ = 0: the max), times `weight`, into `out`. */
  const softmax = (ix: BuiltIndex, units: UnitIndex, terms: readonly WeightedTerm[], out: Float64Array, weight: number, unseenIdf = 0): void => {
    const n = scoreUnits(ix, units, terms, unseenIdf);
    const tau = o.temperature;
    const owners: number[] = [];
    for (let i = 0; i < n; i++) {
      const u = unitTouched[i] as number;
      const owner = units.owner[u] as number;
      const s = unitScore[u] as number;
      unitScore[u] = 0;
      if (acc[owner] === 0) owners.push(owner);
      acc[owner] = tau > 0 ? (acc[owner] as number) + Math.exp(s / tau) : Math.max(acc[owner] as number, s);
    }
    for (const t of owners) {
      out[t] = weight * (tau > 0 ? tau * Math.log(acc[t] as number) : (acc[t] as number));
      acc[t] = 0;
      list(t);
    }
  };

  const searchSync = (query: RetrievalQuery, topK: number, overrides: SubStageToggles = {}): UtteranceHit[] => {
    if (topK <= 0) return [];
    const ix = index();
    ensure(ix);
    const useContext = overrides.context ?? options.context ?? true;
    const usePrior = overrides.prior ?? options.prior ?? true;
    const useClicks = (overrides.clicks ?? options.clicks ?? true) && ix.clicks !== null;

    // Query terms: the user query's at its segment weight; context terms at segment weight · δ(t).
    const segments = query.segments.length > 0 ? query.segments : [{ text: query.text, weight: 1, source: "userQuery" as const }];
    const user = new Map<string, WeightedTerm>();
    const context = new Map<string, WeightedTerm>();
    for (const seg of segments) {
      const target = seg.source === "userQuery" ? user : context;
      for (const { term, surface } of analyzeWithSurface(seg.text)) {
        const prev = target.get(term);
        const w = term.includes("~") ? seg.weight * o.particleWeight : surface.includes(" ") ? seg.weight * o.compoundWeight : seg.weight;
        if (!prev) target.set(term, { term, surface, weight: w });
        else if (w > prev.weight) prev.weight = w;
      }
    }
    const userTerms = [...user.values()];
    if (o.userDiscrimination > 0) {
      for (const t of userTerms) t.weight *= Math.pow((ix.idf.get(t.term) ?? ix.idfMax) / ix.idfMax, o.userDiscrimination);
    }
    const contextTerms: WeightedTerm[] = [];
    if (useContext) {
      for (const t of context.values()) {
        if (user.has(t.term)) continue;
        const idf = ix.idf.get(t.term);
        if (idf === undefined) continue;
        // δ(t) = (idf / idf_max)^γ
        contextTerms.push({ ...t, weight: t.weight * Math.pow(idf / ix.idfMax, o.discrimination) });
      }
    }

    nListed = 0;
    // U: soft-max over each tool's units.
    softmax(ix, ix.units, userTerms, partU, 1);
    // C: the context's discriminative terms over each tool's whole text.
    if (contextTerms.length > 0) {
      const n = scoreUnits(ix, ix.whole, contextTerms);
      for (let i = 0; i < n; i++) {
        const u = unitTouched[i] as number;
        const tool = ix.whole.owner[u] as number;
        partC[tool] = o.contextWeight * (unitScore[u] as number);
        unitScore[u] = 0;
        list(tool);
      }
    }
    // K: the dialogue against clicked dialogues.
    // Words no tool uses (only clicked dialogues do) count as the rarest catalog word would.
    if (useClicks && ix.clicks) softmax(ix, ix.clicks, userTerms.concat(contextTerms), partK, o.clickWeight, ix.idfMax);

    // P, then the sum, for the tools that matched something; the top K are selected without
    // building an object per candidate (a bounded insertion into a sorted array of K).
    const k = Math.min(topK, nListed);
    const topTools: number[] = [];
    const topScores: number[] = [];
    for (let i = 0; i < nListed; i++) {
      const tool = toolList[i] as number;
      const score = (partU[tool] as number) + (partC[tool] as number) + (partK[tool] as number) + (usePrior ? o.priorWeight * (ix.prior[tool] as number) : 0);
      if (topTools.length === k) {
        const last = topScores[k - 1] as number;
        if (score < last || (score === last && tool > (topTools[k - 1] as number))) continue;
        topTools.pop();
        topScores.pop();
      }
      let j = topTools.length;
      while (j > 0 && ((topScores[j - 1] as number) < score || ((topScores[j - 1] as number) === score && (topTools[j - 1] as number) > tool))) j--;
      topTools.splice(j, 0, tool);
      topScores.splice(j, 0, score);
    }
    const queryTerms = userTerms.concat(contextTerms);
    const hits: UtteranceHit[] = topTools.map((tool, i) => {
      const terms = ix.termsOf[tool] as Set<string>;
      return {
        id: ix.ids[tool] as string,
        rank: i + 1,
        score: topScores[i] as number,
        parts: {
          utterance: partU[tool] as number,
          context: partC[tool] as number,
          clicks: partK[tool] as number,
          prior: usePrior ? o.priorWeight * (ix.prior[tool] as number) : 0,
        },
        matchedTerms: queryTerms.filter((t) => terms.has(t.term)).map((t) => t.surface),
      };
    });
    // Reset the per-tool buffers for the next search.
    for (let i = 0; i < nListed; i++) {
      const tool = toolList[i] as number;
      partU[tool] = 0;
      partC[tool] = 0;
      partK[tool] = 0;
      seen[tool] = 0;
    }
    return hits;
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
