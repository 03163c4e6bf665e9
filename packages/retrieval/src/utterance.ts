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
//                  (times η when U(d) = 0; bare numbers in A ∪ C are skipped, see contextNumbers)
//   prior(d)     = β · ln(1 + p_d) / ln(1 + max p)                      p_d = invocation count      (P)
//   clicks(d)    = λ_k · max_{(x', d) ∈ clicks} cos-free BM25(x, x')    clicked dialogues x' → d   (K)
//   classifier(d)= μ · ln(T · p(d | x))                                  the phrase classifier      (L)
//   score(d)     = U + C + K + L + P, for the tools U, C or K matched
//
// The classifier (classifier.ts) is a bag-of-words model the retriever trains on the catalog's
// own phrases when the index is built; x's terms enter it with the user query at weight 1 and
// the context at share ρ. Where the lexical parts count shared words, it has learned which words
// tell a tool from its neighbours, so it finds tools whose phrases use other words of the same
// need, and it lowers tools whose match is only on words that say little (ln(T·p) < 0).
//
// δ(t) is what keeps generic context words ("off", "settings", "phone") from dominating: a word
// that many tools use has a low idf, and raising its ratio to the largest idf to the power γ
// shrinks it further, while "dry", "boarding" or "muffled" keep most of their weight. The prior
// only reorders tools that matched something; on its own it never retrieves a tool.
//
// Everything the scoring needs is computed when the index is built (postings with their BM25
// factors per term, idf per term, the prior per tool); a query only walks the postings of its
// own terms. Edits (upsert/remove) mark the index stale; it is rebuilt on the next search (each
// text's analysis is kept, so only changed texts are analysed again). With classifierBackground
// (the API) the classifier is retrained in slices between searches while the previous one serves.

import { createAnalyzer, createTermVisitor, TermKind } from "./text-analysis.js";
import type { AnalyzerOptions } from "./text-analysis.js";
import type { Dialogue, Retriever, RetrievalQuery, StageHit, ToolDocument } from "./types.js";
import { buildRetrievalQuery } from "./query.js";
import { documentPhrases } from "./documents.js";
import { trainPhraseClassifier, trainPhraseClassifierInSlices, type ClassifierOptions, type PhraseClassifier } from "./classifier.js";
import { createHash } from "node:crypto";

export type UnitField = "name" | "canonicalQuery" | "utterance" | "situation" | "description";

/** The sub-stages of the utterance retriever, each reported with its own score. */
export type UtteranceSubStage = "utterance" | "context" | "prior" | "clicks" | "classifier";

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
  /** λ_c. Default 1.25. */
  contextWeight?: number;
  /** γ, the discrimination exponent. Default 0.5. */
  discrimination?: number;
  /** Weight of a joined pair of query words ("wi fi" -> wifi) relative to a single word. Default 0.25. */
  compoundWeight?: number;
  /** Weight of a direction pair ("off~data", text-analysis.ts) relative to a single word. Default 0.5; 0 turns them off. */
  particleWeight?: number;
  /** γ_u: discrimination exponent applied to the user query's own terms. Default 0.25. */
  userDiscrimination?: number;
  /**
   * Whether bare numbers in the assistant response and earlier turns count as context terms.
   * Default false: there they mostly report a result ("35 minutes", "12:30", "15%") rather than
   * name the need, and a number's idf is high, so it pulled in timers and brightness.
   */
  contextNumbers?: boolean;
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
  /** The phrase classifier sub-stage (trained on the catalog when the index is built). Default true. */
  classifier?: boolean;
  /** μ. Default 0.75. */
  classifierWeight?: number;
  /** ρ: the context's share in the classifier's input (the user query counts 1). Default 0.3. */
  classifierContextShare?: number;
  /** How the classifier is trained (classifier.ts). */
  classifierTraining?: ClassifierOptions;
  /**
   * A trained classifier to use instead of training one (tools it does not know get 0). The
   * edit-impact preview passes the "before" side's, so the preview shows what the edit changes
   * and not the differences between two trainings.
   */
  classifierModel?: PhraseClassifier;
  /**
   * Train the classifier off the search path (a server): when the catalog changes, the rebuilt
   * index keeps serving the previous model (a tool it does not know gets 0 from it) while the
   * new one trains in slices between requests (trainPhraseClassifierInSlices); it is swapped in
   * when done. Default false: the first search after a change trains at once (scripts, tests).
   */
  classifierBackground?: boolean;
}

/** Where the phrase classifier stands (the API's retrievalStatus shows it). */
export interface ClassifierStatus {
  /**
   * off: the sub-stage is off. ready: the model matches the catalog. training: a model for the
   * current catalog is being trained (the previous one serves meanwhile). stale: the catalog
   * changed since the last search; the next search (or classifierReady) rebuilds the index.
   */
  state: "off" | "ready" | "training" | "stale";
  /** Fraction of the current training done (1 when ready). */
  progress: number;
  /** Tools the serving model knows (0 when there is none yet). */
  tools: number;
  /** How long the serving model's training took, ms (PhraseClassifier.trainingMs; null without a model). */
  trainingMs: number | null;
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
  // λ_c and γ_u chosen on the tune part after it grew by 139 dialogues written after the catalog
  // (scripts/tune-utterance.ts --from d693): both the whole tune part and the new rows gained.
  contextWeight: 1.25,
  discrimination: 0.5,
  priorWeight: 3,
  clickWeight: 0.5,
  compoundWeight: 0.25,
  particleWeight: 0.5,
  userDiscrimination: 0.25,
  contextOnlyFactor: 1,
  // Chosen on the tune part: R@1 0.744 -> 0.753 (whole), 0.656 -> 0.667 (rows from d693).
  contextNumbers: false,
  // μ and ρ chosen on the tune part (scripts/tune-utterance.ts); see classifier.ts.
  classifierWeight: 0.75,
  classifierContextShare: 0.3,
});

/** A term that is only digits (numbers are not stemmed, so "35" stays "35"). */
const DIGITS = /^\d+$/u;

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
  /** The phrase classifier the index uses (trained on first use; null when off). */
  readonly classifier: PhraseClassifier | null;
  /** Builds the index if stale and resolves once its classifier matches the catalog (at once unless training in the background). */
  classifierReady(): Promise<void>;
  /** Where the classifier stands; builds nothing. */
  classifierStatus(): ClassifierStatus;
  /** `explain: false` (the serving path) leaves each hit's matchedTerms empty. */
  searchSync(query: RetrievalQuery, topK: number, overrides?: SubStageToggles, options?: SearchOptions): UtteranceHit[];
  analyze(text: string): string[];
}

/** Per-search switches of the sub-stages (the A/B compare). */
export type SubStageToggles = Partial<Record<"context" | "prior" | "clicks" | "classifier", boolean>>;

/** What a search reports besides the ranking. */
export interface SearchOptions {
  /**
   * Whether to report why each tool ranked where it did (matchedTerms; in fusion.ts also each
   * sub-stage's rank): the preview shows it, the serving path reads only ids and scores.
   * Ranks and scores are the same either way. Default true.
   */
  explain?: boolean;
}

/**
 * A compiled set of units (tool units, whole texts, or click units): postings per term id in
 * one flat array (CSR: the postings of term t are start[t] .. start[t+1]), so a search walks
 * typed arrays and builds no objects.
 */
interface UnitIndex {
  start: Int32Array;
  units: Int32Array;
  /** The BM25 factor of each posting (without idf). */
  factors: Float32Array;
  /** unit -> tool index */
  owner: Int32Array;
  size: number;
}

interface BuiltIndex {
  ids: string[];
  /**
   * Term -> id, kept from one build to the next so a rebuild maps only changed texts (ids of
   * terms no text uses any more stay until the table is renewed); ids at or above nTerms are
   * from a later build.
   */
  termId: Map<string, number>;
  nTerms: number;
  /** Per term id: 1 where the catalog uses the term (0: only click dialogues, or no text now). */
  catalogTerm: Uint8Array;
  /** Terms some text of this index uses (the catalog's and the click dialogues'). */
  live: number;
  /** Per term id: idf · (idf/idf_max)^γu, the user query's weight per unit of segment weight. */
  userFactor: Float64Array;
  /** Per term id: idf · (idf/idf_max)^γ = idf · δ(t), the context's weight per unit of segment weight. */
  contextFactor: Float64Array;
  /** Per term id: idf, as the click stage weighs it (click-only terms: idf_max). */
  clickIdf: Float64Array;
  units: UnitIndex;
  /** Each tool's whole text as one unit, for the context sub-stage. */
  whole: UnitIndex;
  clicks: UnitIndex | null;
  /** P per tool (before β). */
  prior: Float64Array;
  /** Each tool's distinct term ids (for matchedTerms of the returned tools). */
  termsOf: Int32Array[];
  /** The phrase classifier (null when off), per term id its classifier term and per tool its classifier tool (-1: none). */
  classifier: PhraseClassifier | null;
  classifierTerm: Int32Array;
  classifierTool: Int32Array;
}

interface RawUnit {
  owner: number;
  weight: number;
  terms: ArrayLike<number>;
}

/** Compiles units (term ids) into CSR postings with their BM25 factors (the formula in the header). */
function compileUnits(units: RawUnit[], nTerms: number, k1: number, b: number): UnitIndex {
  let total = 0;
  for (const u of units) total += u.terms.length;
  const avg = units.length > 0 ? Math.max(1, total / units.length) : 1;
  // A unit's term counts in one scratch array (reset after each unit) instead of a Map per unit.
  const tf = new Int32Array(nTerms);
  const start = new Int32Array(nTerms + 1);
  for (const { terms } of units) {
    for (let i = 0; i < terms.length; i++) if ((tf[terms[i] as number] as number)++ === 0) (start[(terms[i] as number) + 1] as number)++;
    for (let i = 0; i < terms.length; i++) tf[terms[i] as number] = 0;
  }
  for (let t = 0; t < nTerms; t++) start[t + 1] = (start[t + 1] as number) + (start[t] as number);
  const fill = start.slice(0, nTerms);
  const postUnits = new Int32Array(start[nTerms] as number);
  const factors = new Float32Array(start[nTerms] as number);
  units.forEach(({ terms, weight }, unit) => {
    const norm = k1 * (1 - b + (b * terms.length) / avg);
    for (let i = 0; i < terms.length; i++) (tf[terms[i] as number] as number)++;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i] as number;
      const n = tf[t] as number;
      if (n === 0) continue; // a repeat, posted at its first occurrence
      const j = (fill[t] as number)++;
      postUnits[j] = unit;
      factors[j] = (weight * (n * (k1 + 1))) / (n + norm);
      tf[t] = 0;
    }
  });
  return { start, units: postUnits, factors, owner: Int32Array.from(units, (u) => u.owner), size: units.length };
}

export function createUtteranceRetriever(initial: Iterable<ToolDocument>, options: UtteranceOptions = {}): UtteranceRetriever {
  const o = { ...DEFAULT_UTTERANCE_OPTIONS, ...stripUndefined(options) };
  const unitWeights = { ...DEFAULT_UNIT_WEIGHTS, ...options.unitWeights };
  const visitTerms = createTermVisitor({ particlePairs: o.particleWeight > 0, ...options });
  const analyzeWithSurface = createAnalyzer({ particlePairs: o.particleWeight > 0, ...options });
  const analyze = (text: string): string[] => analyzeWithSurface(text).map((x) => x.term);
  // The classifier reads words and joined pairs; direction pairs are the lexical parts' business.
  const classifierTerms = (text: string): string[] => {
    const out: string[] = [];
    visitTerms(text, (term, _first, _second, kind) => {
      if (kind !== TermKind.Direction) out.push(term);
    });
    return out;
  };
  // The catalog's texts analysed once, as term ids of a table kept between builds: a rebuild
  // after an edit analyses and maps only the texts that changed.
  let termId = new Map<string, number>();
  const idOf = (t: string): number => {
    let id = termId.get(t);
    if (id === undefined) termId.set(t, (id = termId.size));
    return id;
  };
  let unitTerms = textMemo((text) => Int32Array.from(analyze(text), idOf));
  const trainingTerms = textMemo(classifierTerms);
  const byId = new Map<string, ToolDocument>();
  for (const d of initial) byId.set(d.id, d);
  let pairs: readonly ClickPair[] = [];
  let built: BuiltIndex | null = null;

  const build = (): BuiltIndex => {
    const docs = [...byId.values()];
    const ids = docs.map((d) => d.id);
    // Renew the term table once terms no text uses outnumber the rest (edits leave them behind).
    if (built && termId.size > 2 * built.live + 1024) {
      termId = new Map();
      unitTerms = textMemo((text) => Int32Array.from(analyze(text), idOf));
    }
    const units: RawUnit[] = [];
    const whole: RawUnit[] = [];
    const termsOf: Int32Array[] = [];
    // Per term, the last tool (index + 1) that listed it among its distinct terms.
    let lastTool = new Int32Array(termId.size + 1024);
    const distinct: number[] = [];
    docs.forEach((d, i) => {
      const all: number[] = [];
      distinct.length = 0;
      const add = (text: string, field: UnitField): void => {
        const terms = unitTerms.terms(text);
        const w = unitWeights[field];
        if (terms.length > 0 && w > 0) units.push({ owner: i, weight: w, terms });
        for (let j = 0; j < terms.length; j++) {
          const t = terms[j] as number;
          all.push(t);
          if (t >= lastTool.length) {
            const grown = new Int32Array(2 * t + 1);
            grown.set(lastTool);
            lastTool = grown; // a text analysed for the first time brought new terms
          }
          if (lastTool[t] !== i + 1) {
            lastTool[t] = i + 1;
            distinct.push(t);
          }
        }
      };
      add(d.name, "name");
      add(d.canonicalQuery, "canonicalQuery");
      for (const u of d.utterances) add(u, "utterance");
      for (const s of d.situations ?? []) add(s, "situation");
      add(d.description, "description");
      whole.push({ owner: i, weight: 1, terms: all });
      termsOf.push(Int32Array.from(distinct));
    });
    const df = new Int32Array(termId.size);
    for (const t of termsOf) for (const x of t) (df[x] as number)++;
    const n = docs.length;
    const idf = Float64Array.from(df, (k) => Math.log(1 + (n - k + 0.5) / (k + 0.5)));
    let idfMax = 0;
    for (let t = 0; t < idf.length; t++) if (df[t] !== 0 && (idf[t] as number) > idfMax) idfMax = idf[t] as number; // terms in use only
    idfMax ||= 1;
    let maxCount = 0;
    for (const d of docs) maxCount = Math.max(maxCount, d.invocationCount ?? 0);
    const prior = Float64Array.from(docs, (d) => (maxCount > 0 ? Math.log1p(Math.max(0, d.invocationCount ?? 0)) / Math.log1p(maxCount) : 0));
    const index = new Map(ids.map((id, i) => [id, i]));
    const clickUnits: RawUnit[] = [];
    for (const p of pairs) {
      const owner = index.get(p.toolId);
      if (owner === undefined) continue;
      const q = buildRetrievalQuery(p.dialogue);
      const terms = analyze(q.segments.filter((s) => s.source === "userQuery").map((s) => s.text).join("\n")).map(idOf);
      if (terms.length > 0) clickUnits.push({ owner, weight: Math.min(2, 1 + Math.log10(Math.max(1, p.count ?? 1))), terms });
    }
    const nTerms = termId.size;
    const catalogTerm = new Uint8Array(nTerms);
    const userFactor = new Float64Array(nTerms);
    const contextFactor = new Float64Array(nTerms);
    // A word no tool uses (only clicked dialogues do) weighs as the rarest catalog word would.
    const clickIdf = new Float64Array(nTerms).fill(idfMax);
    let live = 0;
    for (let t = 0; t < df.length; t++) {
      if (df[t] === 0) continue;
      const v = idf[t] as number;
      catalogTerm[t] = 1;
      live++;
      userFactor[t] = v * Math.pow(v / idfMax, o.userDiscrimination);
      contextFactor[t] = v * Math.pow(v / idfMax, o.discrimination);
      clickIdf[t] = v;
    }
    const classifier = (options.classifier ?? true) && docs.length > 1 ? chooseClassifier(docs) : null;
    const { classifierTerm, classifierTool } = classifierMaps(classifier, termId, ids);
    unitTerms.keepUsed();
    trainingTerms.keepUsed();
    return {
      ids,
      termId,
      nTerms,
      catalogTerm,
      live: live + (nTerms - df.length),
      userFactor,
      contextFactor,
      clickIdf,
      units: compileUnits(units, nTerms, o.k1, o.b),
      whole: compileUnits(whole, nTerms, o.k1, 0.75),
      clicks: clickUnits.length > 0 ? compileUnits(clickUnits, nTerms, o.k1, o.b) : null,
      prior,
      termsOf,
      classifier,
      classifierTerm,
      classifierTool,
    };
  };
  const index = (): BuiltIndex => (built ??= build());

  // The classifier: the given model, else a trained one for this catalog (shared per process by
  // a hash of the texts), else (classifierBackground) the previous model while a new one trains.
  let serving: PhraseClassifier | null = null;
  let pending: { key: string; job: TrainingJob; done: Promise<void> } | null = null;
  // This retriever no longer waits for its pending training (cancelled if no other retriever does).
  const drop = (): void => {
    if (pending) releaseJob(pending.key, pending.job);
    pending = null;
  };
  // A custom stop-word or synonym table cannot be keyed by value: such a retriever keys its models by itself.
  const ownKey = options.stopWords !== undefined || options.synonyms !== undefined ? `own:${++retrieversWithOwnTables}` : null;
  const chooseClassifier = (docs: ToolDocument[]): PhraseClassifier | null => {
    if (options.classifierModel) return options.classifierModel;
    const key = classifierKey(docs, options.classifierTraining, options, ownKey);
    const cached = trained.get(key);
    if (cached) {
      drop();
      return (serving = cached);
    }
    if (!o.classifierBackground) {
      const model = trainPhraseClassifier(docs, trainingTerms.terms, options.classifierTraining);
      remember(key, model);
      drop();
      return (serving = model);
    }
    if (pending?.key !== key) {
      drop(); // a burst of edits trains for the last one only
      const job = trainingJob(key, (onProgress, signal) => trainPhraseClassifierInSlices(docs, trainingTerms.terms, options.classifierTraining, { onProgress, signal }));
      const mine = {
        key,
        job,
        done: job.promise.then(
          (model) => {
            if (pending !== mine) return; // the catalog changed again: a newer training serves
            pending = null;
            serving = model;
            // Swap the model into the current index (cheap) instead of rebuilding it.
            if (built) Object.assign(built, { classifier: model }, classifierMaps(model, built.termId, built.ids));
          },
          () => {
            if (pending === mine) pending = null; // keep serving the previous model
          },
        ),
      };
      pending = mine;
    }
    return serving;
  };

  // Scratch buffers reused across searches (a search is synchronous): per-unit sums, per tool
  // the soft-max accumulator and each part's score, per term the query's weights; each with the
  // touched entries listed so only those are reset.
  let unitScore = new Float64Array(0);
  let unitTouched = new Int32Array(0);
  let acc = new Float64Array(0);
  let owners = new Int32Array(0);
  let partU = new Float64Array(0);
  let partC = new Float64Array(0);
  let partK = new Float64Array(0);
  let partL = new Float64Array(0);
  let seen = new Uint8Array(0);
  let toolList = new Int32Array(0);
  let userW = new Float64Array(0);
  let contextW = new Float64Array(0);
  let termMark = new Uint8Array(0);
  let surfaceOf: string[] = [];
  const userIds: number[] = [];
  const contextIds: number[] = [];
  // The classifier's input: each term occurrence (classifier term id) and its weight.
  const classifierIds: number[] = [];
  const classifierW: number[] = [];
  let classifierOut = new Float64Array(0);
  // Query terms as (id, weight) lists for one sub-stage walk.
  let walkIds = new Int32Array(0);
  let walkW = new Float64Array(0);

  const ensure = (ix: BuiltIndex): void => {
    const nUnits = Math.max(ix.units.size, ix.whole.size, ix.clicks?.size ?? 0);
    if (unitScore.length < nUnits) {
      unitScore = new Float64Array(nUnits);
      unitTouched = new Int32Array(nUnits);
    }
    const n = ix.ids.length;
    if (acc.length < n) {
      acc = new Float64Array(n);
      owners = new Int32Array(n);
      partU = new Float64Array(n);
      partC = new Float64Array(n);
      partK = new Float64Array(n);
      partL = new Float64Array(n);
      seen = new Uint8Array(n);
      toolList = new Int32Array(n);
    }
    const nTerms = ix.nTerms;
    if (userW.length < nTerms) {
      userW = new Float64Array(nTerms);
      contextW = new Float64Array(nTerms);
      termMark = new Uint8Array(nTerms);
      surfaceOf = new Array<string>(nTerms).fill("");
      walkIds = new Int32Array(nTerms * 2);
      walkW = new Float64Array(nTerms * 2);
    }
  };

  /** Σ_t w_t · factor(t, u) into unitScore for the first `nq` walk terms; returns how many units it touched (listed in unitTouched). */
  const scoreUnits = (units: UnitIndex, nq: number): number => {
    let n = 0;
    const { start, units: us, factors } = units;
    for (let q = 0; q < nq; q++) {
      const t = walkIds[q] as number;
      const w = walkW[q] as number;
      const end = start[t + 1] as number;
      for (let j = start[t] as number; j < end; j++) {
        const u = us[j] as number;
        const prev = unitScore[u] as number;
        if (prev === 0) unitTouched[n++] = u;
        unitScore[u] = prev + w * (factors[j] as number);
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
  const softmax = (units: UnitIndex, nq: number, out: Float64Array, weight: number): void => {
    const n = scoreUnits(units, nq);
    const tau = o.temperature;
    let nOwners = 0;
    for (let i = 0; i < n; i++) {
      const u = unitTouched[i] as number;
      const owner = units.owner[u] as number;
      const s = unitScore[u] as number;
      unitScore[u] = 0;
      if (acc[owner] === 0) owners[nOwners++] = owner;
      acc[owner] = tau > 0 ? (acc[owner] as number) + Math.exp(s / tau) : Math.max(acc[owner] as number, s);
    }
    for (let i = 0; i < nOwners; i++) {
      const t = owners[i] as number;
      out[t] = weight * (tau > 0 ? tau * Math.log(acc[t] as number) : (acc[t] as number));
      acc[t] = 0;
      list(t);
    }
  };

  const searchSync = (query: RetrievalQuery, topK: number, overrides: SubStageToggles = {}, search: SearchOptions = {}): UtteranceHit[] => {
    if (topK <= 0) return [];
    const explain = search.explain ?? true;
    const ix = index();
    ensure(ix);
    const useContext = overrides.context ?? options.context ?? true;
    const usePrior = overrides.prior ?? options.prior ?? true;
    const useClicks = (overrides.clicks ?? options.clicks ?? true) && ix.clicks !== null;
    const useClassifier = (overrides.classifier ?? true) && ix.classifier !== null;

    // Query terms by id: the user query's at its segment weight, context terms at segment
    // weight (δ comes with contextFactor); each term keeps its largest weight. Words neither
    // the catalog nor a clicked dialogue uses match nothing and are skipped.
    const segments = query.segments.length > 0 ? query.segments : [{ text: query.text, weight: 1, source: "userQuery" as const }];
    userIds.length = 0;
    contextIds.length = 0;
    classifierIds.length = 0;
    classifierW.length = 0;
    for (const seg of segments) {
      const isUser = seg.source === "userQuery";
      if (!isUser && !useContext) continue;
      const weights = isUser ? userW : contextW;
      const ids = isUser ? userIds : contextIds;
      visitTerms(seg.text, (term, first, second, kind) => {
        const t = ix.termId.get(term);
        if (t === undefined || t >= ix.nTerms) return;
        if (!isUser && !o.contextNumbers && DIGITS.test(term)) return;
        if (useClassifier && kind !== TermKind.Direction && (ix.classifierTerm[t] as number) >= 0) {
          classifierIds.push(ix.classifierTerm[t] as number);
          classifierW.push(seg.weight * (isUser ? 1 : o.classifierContextShare));
        }
        const w = seg.weight * (kind === TermKind.Direction ? o.particleWeight : kind === TermKind.Compound ? o.compoundWeight : 1);
        const prev = weights[t] as number;
        if (prev === 0) {
          if (w <= 0) return;
          ids.push(t);
          // The surface shown in matchedTerms: the user query's wording wins.
          if (explain && (isUser || userW[t] === 0)) surfaceOf[t] = second === "" ? first : `${first} ${second}`;
          weights[t] = w;
        } else if (w > prev) weights[t] = w;
      });
    }

    nListed = 0;
    // U: soft-max over each tool's units (catalog terms only have unit postings).
    let nq = 0;
    for (const t of userIds) {
      if (ix.catalogTerm[t] === 0) continue;
      walkIds[nq] = t;
      walkW[nq++] = (userW[t] as number) * (ix.userFactor[t] as number);
    }
    softmax(ix.units, nq, partU, 1);
    // C: the context's discriminative terms (not in the user query) over each tool's whole text.
    let nc = 0;
    for (const t of contextIds) {
      if (ix.catalogTerm[t] === 0 || userW[t] !== 0) continue;
      walkIds[nc] = t;
      walkW[nc++] = (contextW[t] as number) * (ix.contextFactor[t] as number);
    }
    if (nc > 0) {
      const n = scoreUnits(ix.whole, nc);
      for (let i = 0; i < n; i++) {
        const u = unitTouched[i] as number;
        const tool = ix.whole.owner[u] as number;
        partC[tool] = o.contextWeight * (unitScore[u] as number);
        unitScore[u] = 0;
        list(tool);
      }
    }
    // K: the dialogue against clicked dialogues: the user query's terms (click-only words at
    // idf_max) and the context's discriminative ones.
    if (useClicks && ix.clicks) {
      let nk = 0;
      for (const t of userIds) {
        walkIds[nk] = t;
        walkW[nk++] = (userW[t] as number) * (ix.catalogTerm[t] === 1 ? (ix.userFactor[t] as number) : ix.clickIdf[t] as number);
      }
      for (const t of contextIds) {
        if (ix.catalogTerm[t] === 0 || userW[t] !== 0) continue;
        walkIds[nk] = t;
        walkW[nk++] = (contextW[t] as number) * (ix.contextFactor[t] as number);
      }
      softmax(ix.clicks, nk, partK, o.clickWeight);
    }

    // L: the classifier's ln(T·p) for the tools the other parts matched. (Letting its own best
    // tools join the candidates changed nothing on the tune part: its vocabulary is the
    // catalog's, so a tool it favours has matched some word already.)
    if (classifierOut.length < (ix.classifier?.ids.length ?? 0)) classifierOut = new Float64Array(ix.classifier!.ids.length);
    if (useClassifier && ix.classifier && ix.classifier.score(classifierIds, classifierW, classifierIds.length, classifierOut)) {
      for (let i = 0; i < nListed; i++) {
        const tool = toolList[i] as number;
        const c = ix.classifierTool[tool] as number;
        partL[tool] = c < 0 ? 0 : o.classifierWeight * (classifierOut[c] as number);
      }
    } else {
      for (let i = 0; i < nListed; i++) partL[toolList[i] as number] = 0;
    }

    // P, then the sum, for the tools that matched something; the top K are selected without
    // building an object per candidate (a bounded insertion into a sorted array of K).
    const k = Math.min(topK, nListed);
    const topTools: number[] = [];
    const topScores: number[] = [];
    for (let i = 0; i < nListed; i++) {
      const tool = toolList[i] as number;
      // η: context alone (the user query matched none of the tool's units) is weaker evidence.
      if (partU[tool] === 0) partC[tool] = (partC[tool] as number) * o.contextOnlyFactor;
      const score = (partU[tool] as number) + (partC[tool] as number) + (partK[tool] as number) + (partL[tool] as number) + (usePrior ? o.priorWeight * (ix.prior[tool] as number) : 0);
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
    const hits: UtteranceHit[] = topTools.map((tool, i) => {
      const matchedTerms: string[] = [];
      if (explain) {
        // matchedTerms: mark the tool's terms, read the query's (user first, then context).
        const terms = ix.termsOf[tool] as Int32Array;
        for (let j = 0; j < terms.length; j++) termMark[terms[j] as number] = 1;
        for (const t of userIds) if (termMark[t] === 1) matchedTerms.push(surfaceOf[t] as string);
        if (useContext) for (const t of contextIds) if (termMark[t] === 1 && userW[t] === 0) matchedTerms.push(surfaceOf[t] as string);
        for (let j = 0; j < terms.length; j++) termMark[terms[j] as number] = 0;
      }
      return {
        id: ix.ids[tool] as string,
        rank: i + 1,
        score: topScores[i] as number,
        parts: {
          utterance: partU[tool] as number,
          context: partC[tool] as number,
          clicks: partK[tool] as number,
          classifier: partL[tool] as number,
          prior: usePrior ? o.priorWeight * (ix.prior[tool] as number) : 0,
        },
        matchedTerms,
      };
    });
    // Reset the per-tool and per-term buffers for the next search.
    for (let i = 0; i < nListed; i++) {
      const tool = toolList[i] as number;
      partU[tool] = 0;
      partC[tool] = 0;
      partK[tool] = 0;
      seen[tool] = 0;
    }
    for (const t of userIds) userW[t] = 0;
    for (const t of contextIds) contextW[t] = 0;
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
    get classifier() {
      return index().classifier;
    },
    async classifierReady() {
      index();
      // Until the training for the current catalog is done (an edit meanwhile starts a newer one).
      while (pending) await pending.done;
    },
    classifierStatus() {
      const off = !(options.classifier ?? true);
      return {
        state: off ? "off" : pending ? "training" : built === null ? "stale" : "ready",
        progress: off ? 0 : pending ? pending.job.progress : 1,
        tools: (built?.classifier ?? serving)?.ids.length ?? 0,
        trainingMs: (built?.classifier ?? serving)?.trainingMs ?? null,
      };
    },
  };
}

/** `analyze` with its results kept per text from one index build to the next (texts no longer used are dropped). */
function textMemo<T>(analyze: (text: string) => T): { terms: (text: string) => T; keepUsed: () => void } {
  let kept = new Map<string, T>();
  let used = new Map<string, T>();
  return {
    terms(text) {
      let t = used.get(text);
      if (!t) used.set(text, (t = kept.get(text) ?? analyze(text)));
      return t;
    },
    keepUsed() {
      kept = used;
      used = new Map();
    },
  };
}

/** Per term id its classifier term, per tool its classifier tool (-1: the model does not know it). */
function classifierMaps(classifier: PhraseClassifier | null, termId: ReadonlyMap<string, number>, ids: readonly string[]): { classifierTerm: Int32Array; classifierTool: Int32Array } {
  const classifierTerm = new Int32Array(termId.size).fill(-1);
  const classifierTool = new Int32Array(ids.length).fill(-1);
  if (classifier) {
    for (const [term, t] of termId) classifierTerm[t] = classifier.vocabulary.get(term) ?? -1;
    const at = new Map(classifier.ids.map((id, i) => [id, i]));
    ids.forEach((id, i) => (classifierTool[i] = at.get(id) ?? -1));
  }
  return { classifierTerm, classifierTool };
}

function stripUndefined<T extends object>(x: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(x)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * Trained classifiers by what they were trained on (tool ids, texts, training options), so
 * retrievers over the same catalog (the API's pipelines, tests, scripts) train once per process.
 */
const trained = new Map<string, PhraseClassifier>();
const TRAINED_KEPT = 4;

function remember(key: string, model: PhraseClassifier): void {
  trained.set(key, model);
  if (trained.size > TRAINED_KEPT) trained.delete(trained.keys().next().value as string);
}

let retrieversWithOwnTables = 0;

/** What the classifier is trained on, as a hash (prefixed with `own` for a retriever whose analyzer tables are its own). */
function classifierKey(docs: readonly ToolDocument[], training: ClassifierOptions | undefined, analyzer: AnalyzerOptions, own: string | null): string {
  const h = createHash("sha256");
  h.update(JSON.stringify([training ?? {}, analyzer.stemming ?? true, analyzer.compounds ?? true]));
  for (const d of docs) {
    h.update(`\u0001${d.id}`);
    for (const text of documentPhrases(d)) h.update(`\u0000${text}`);
  }
  return own === null ? h.digest("hex") : `${own}:${h.digest("hex")}`;
}

/** A background training in progress; retrievers waiting for the same catalog share one. */
interface TrainingJob {
  promise: Promise<PhraseClassifier>;
  progress: number;
  /** Retrievers waiting for it; the last one to drop it cancels it. */
  waiting: number;
  abort: AbortController;
}
const jobs = new Map<string, TrainingJob>();

function trainingJob(key: string, train: (onProgress: (fraction: number) => void, signal: AbortSignal) => Promise<PhraseClassifier>): TrainingJob {
  const running = jobs.get(key);
  if (running) {
    running.waiting++;
    return running;
  }
  const state = { progress: 0, waiting: 1, abort: new AbortController() };
  const promise = train((fraction) => (state.progress = fraction), state.abort.signal).then(
    (model) => {
      remember(key, model);
      if (jobs.get(key) === job) jobs.delete(key);
      return model;
    },
    (e: unknown) => {
      if (jobs.get(key) === job) jobs.delete(key);
      throw e;
    },
  );
  const job: TrainingJob = Object.assign(state, { promise });
  jobs.set(key, job);
  return job;
}

function releaseJob(key: string, job: TrainingJob): void {
  if (--job.waiting > 0 || job.abort.signal.aborted) return;
  job.abort.abort();
  if (jobs.get(key) === job) jobs.delete(key); // a new request for this catalog starts afresh
}
