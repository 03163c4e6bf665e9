// The phrase classifier: a small model the retriever trains itself on the catalog's own phrases
// (no downloaded weights), used as the utterance stage's "classifier" sub-stage.
//
// Every catalog phrase (name, canonical query, utterances, situations, description) is a labelled
// example: phrase -> its tool. The model is a bag of words (fastText-style):
//
//   h(x)     = Σ_t a_t · E[t]                     E: |V| × D word vectors, a_t the term's share of x
//   z(x)     = W · h(x) + b                       W: T × D, one row per tool
//   p(d | x) = softmax(z(x))_d
//
// trained with cross-entropy (each phrase against its tool and 64 sampled others: sampled
// softmax, so a step costs 65 tool rows instead of T), Adam and word dropout. Unlike the lexical
// units, which count how well the words of the dialogue match a tool's words, the classifier
// learns which words tell a tool apart from its neighbours ("squint" says brightness, "gigs"
// says data limit), from the whole catalog at once. Its score for tool d is ln(T · p(d | x)): 0
// for a tool it is unsure about (p = 1/T), positive for tools it favours.
//
// Training is deterministic (seeded) and pure. It is the costly part (about 1.5 s for the 708
// tools here, see bench/retrieval.ts): the retriever trains once per catalog version, and a
// server trains in slices between requests (trainPhraseClassifierInSlices, the same steps).

import { performance } from "node:perf_hooks";
import { createRng } from "@toolrec/core";
import { documentPhrases } from "./documents.js";
import type { ToolDocument } from "./types.js";

export interface ClassifierOptions {
  /** Word-vector size D. Default 32. */
  dimensions?: number;
  /** Passes over the phrases. Default 5. */
  epochs?: number;
  /** Adam step size. Default 0.01. */
  learningRate?: number;
  /** Chance that a word is left out of a training phrase (so shorter matches still count). Default 0.2. */
  wordDropout?: number;
  /** Phrases per Adam step. Default 64. */
  batchSize?: number;
  /** Seed of the initial weights, the shuffles, the dropout and the sampled tools. Default 1. */
  seed?: number;
  /** Other tools each training phrase is contrasted with per step (sampled softmax). Default 64. */
  sampledTools?: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: Readonly<Required<ClassifierOptions>> = Object.freeze({
  dimensions: 32,
  epochs: 5,
  learningRate: 0.01,
  wordDropout: 0.2,
  batchSize: 64,
  seed: 1,
  sampledTools: 64,
});

/** A trained classifier over the tools it was trained on (ids in training order). */
export interface PhraseClassifier {
  readonly ids: readonly string[];
  /** The term ids the model knows (terms it never saw in training are ignored). */
  readonly vocabulary: ReadonlyMap<string, number>;
  /**
   * ln(T · p(d | x)) for every tool d, into `out` (length T), for the weighted terms of x
   * (term id, weight); returns false (and leaves `out` alone) when no term is known.
   */
  score(termIds: ArrayLike<number>, weights: ArrayLike<number>, count: number, out: Float64Array): boolean;
  /** Wall-clock time from the first training step to the model, ms (sliced: with the work done between slices). */
  readonly trainingMs: number;
}

/**
 * Σ_j w[base + j] · h[j] for j < n, with four running sums (the scorer's hot loop: about a third
 * faster than one sum over the 708 × 32 weights); the tail past a multiple of 4 is added after.
 */
export function rowDot(w: Float64Array, base: number, h: Float64Array, n: number): number {
  const n4 = n - (n % 4);
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  let j = 0;
  for (; j < n4; j += 4) {
    s0 += (w[base + j] as number) * (h[j] as number);
    s1 += (w[base + j + 1] as number) * (h[j + 1] as number);
    s2 += (w[base + j + 2] as number) * (h[j + 2] as number);
    s3 += (w[base + j + 3] as number) * (h[j + 3] as number);
  }
  for (; j < n; j++) s0 += (w[base + j] as number) * (h[j] as number);
  return s0 + s1 + s2 + s3;
}

/** Turns one text into its terms (the retriever passes its analyzer: words and compounds). */
export type Terms = (text: string) => string[];

/** The labelled phrases of the catalog: every text of a tool, labelled with the tool's index. */
function phrasesOf(docs: readonly ToolDocument[], terms: Terms, vocabulary: Map<string, number>): { ids: Int32Array; label: number }[] {
  const out: { ids: Int32Array; label: number }[] = [];
  docs.forEach((d, label) => {
    for (const text of documentPhrases(d)) {
      const ids: number[] = [];
      for (const t of terms(text)) {
        let id = vocabulary.get(t);
        if (id === undefined) vocabulary.set(t, (id = vocabulary.size));
        ids.push(id);
      }
      if (ids.length > 0) out.push({ ids: Int32Array.from(ids), label });
    }
  });
  return out;
}

/** Trains the classifier on the catalog's phrases (formula in the header). Deterministic for a seed. */
export function trainPhraseClassifier(docs: readonly ToolDocument[], terms: Terms, options: ClassifierOptions = {}): PhraseClassifier {
  const steps = classifierTrainingSteps(docs, terms, options);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

export interface SlicedTrainingOptions {
  /** Longest stretch of training between two yields to the event loop, in ms. Default 10. */
  sliceMs?: number;
  /** Called after each slice with the fraction of steps done (0..1). */
  onProgress?: (fraction: number) => void;
  /** Stops the training between two slices (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/**
 * The same training (same steps, same model for a seed), run in slices of about `sliceMs` with
 * the event loop free in between, so a server keeps answering while a catalog edit retrains the
 * classifier (about 1.5 s of work for 708 tools).
 */
export async function trainPhraseClassifierInSlices(
  docs: readonly ToolDocument[],
  terms: Terms,
  options: ClassifierOptions = {},
  slicing: SlicedTrainingOptions = {},
): Promise<PhraseClassifier> {
  const sliceMs = slicing.sliceMs ?? 10;
  const steps = classifierTrainingSteps(docs, terms, options);
  // Start on a later turn of the event loop: the caller (an index rebuild inside a request)
  // returns first, and the set-up runs as a slice of its own (the generator yields after it).
  const yieldTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
  await yieldTurn();
  for (;;) {
    slicing.signal?.throwIfAborted();
    const until = performance.now() + sliceMs;
    let next = steps.next();
    while (!next.done && performance.now() < until) next = steps.next();
    if (next.done) {
      slicing.onProgress?.(1);
      return next.value;
    }
    slicing.onProgress?.(next.value);
    await yieldTurn();
  }
}

/** The training as a sequence of Adam steps: yields the fraction of steps done after each, returns the model. */
export function* classifierTrainingSteps(docs: readonly ToolDocument[], terms: Terms, options: ClassifierOptions = {}): Generator<number, PhraseClassifier, void> {
  const o = { ...DEFAULT_CLASSIFIER_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const started = performance.now();
  const D = o.dimensions;
  const T = docs.length;
  const vocabulary = new Map<string, number>();
  const phrases = phrasesOf(docs, terms, vocabulary);
  yield 0; // the phrases read; the set-up pauses here too, so no slice holds all of it
  const V = vocabulary.size;
  const rng = createRng(o.seed);

  // Weights, as PyTorch initialises an embedding bag and a linear layer (small uniform values).
  const E = new Float64Array(V * D);
  for (let i = 0; i < E.length; i++) E[i] = (rng() * 2 - 1) * 0.05;
  const W = new Float64Array(T * D);
  const bound = 1 / Math.sqrt(D);
  for (let i = 0; i < W.length; i++) W[i] = (rng() * 2 - 1) * bound;
  const b = new Float64Array(T);
  for (let i = 0; i < T; i++) b[i] = (rng() * 2 - 1) * bound;

  // Adam moments: dense for W and b, lazy per row for E (only the rows a batch touched step).
  const mW = new Float64Array(W.length), vW = new Float64Array(W.length);
  const mB = new Float64Array(T), vB = new Float64Array(T);
  const mE = new Float64Array(E.length), vE = new Float64Array(E.length);
  const gW = new Float64Array(W.length), gB = new Float64Array(T);
  const gE = new Float64Array(E.length);
  const touched = new Uint8Array(V);
  const touchedList: number[] = [];
  const beta1 = 0.9, beta2 = 0.999, eps = 1e-8;

  const h = new Float64Array(D);
  const dh = new Float64Array(D);
  const z = new Float64Array(T);
  const cand = new Int32Array(T);
  const kept: number[] = [];
  const order = Array.from(phrases.keys());
  let step = 0;
  const totalSteps = Math.max(1, o.epochs * Math.ceil(order.length / o.batchSize));
  yield 0; // set up, no step yet: a sliced run may pause here

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    // Fisher-Yates with the seeded generator.
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (let start = 0; start < order.length; start += o.batchSize) {
      const end = Math.min(order.length, start + o.batchSize);
      const n = end - start;
      for (let k = start; k < end; k++) {
        const ph = phrases[order[k] as number]!;
        kept.length = 0;
        for (let i = 0; i < ph.ids.length; i++) if (rng() >= o.wordDropout) kept.push(ph.ids[i] as number);
        if (kept.length === 0) for (let i = 0; i < ph.ids.length; i++) kept.push(ph.ids[i] as number);
        const share = 1 / kept.length;
        // Forward: h = mean of the kept words' vectors, z = W h + b, p = softmax(z).
        h.fill(0);
        for (const t of kept) for (let j = 0, base = t * D; j < D; j++) h[j] = (h[j] as number) + share * (E[base + j] as number);
        // The tools this phrase is scored against: its own and K sampled others (sampled
        // softmax: each step costs K + 1 tool rows instead of T; the score uses all T).
        const K = Math.min(o.sampledTools, T - 1);
        cand[0] = ph.label;
        for (let c = 1; c <= K; c++) {
          let d = Math.floor(rng() * (T - 1));
          if (d >= ph.label) d++;
          cand[c] = d;
        }
        let max = -Infinity;
        for (let c = 0; c <= K; c++) {
          const d = cand[c] as number;
          let s = b[d] as number;
          for (let j = 0, base = d * D; j < D; j++) s += (W[base + j] as number) * (h[j] as number);
          z[c] = s;
          if (s > max) max = s;
        }
        let sum = 0;
        for (let c = 0; c <= K; c++) sum += (z[c] = Math.exp((z[c] as number) - max));
        // Backward of the mean cross-entropy over the batch: dz = (p - y) / n.
        dh.fill(0);
        for (let c = 0; c <= K; c++) {
          const d = cand[c] as number;
          const g = ((z[c] as number) / sum - (c === 0 ? 1 : 0)) / n;
          gB[d] = (gB[d] as number) + g;
          for (let j = 0, base = d * D; j < D; j++) {
            gW[base + j] = (gW[base + j] as number) + g * (h[j] as number);
            dh[j] = (dh[j] as number) + g * (W[base + j] as number);
          }
        }
        for (const t of kept) {
          if (touched[t] === 0) {
            touched[t] = 1;
            touchedList.push(t);
          }
          for (let j = 0, base = t * D; j < D; j++) gE[base + j] = (gE[base + j] as number) + share * (dh[j] as number);
        }
      }
      // Adam.
      step++;
      const c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
      const lr = o.learningRate;
      const adam = (p: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, i: number): void => {
        const gi = g[i] as number;
        const mi = (m[i] = beta1 * (m[i] as number) + (1 - beta1) * gi);
        const vi = (v[i] = beta2 * (v[i] as number) + (1 - beta2) * gi * gi);
        p[i] = (p[i] as number) - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
        g[i] = 0;
      };
      for (let i = 0; i < W.length; i++) adam(W, gW, mW, vW, i);
      for (let i = 0; i < T; i++) adam(b, gB, mB, vB, i);
      for (const t of touchedList) {
        for (let j = 0, base = t * D; j < D; j++) adam(E, gE, mE, vE, base + j);
        touched[t] = 0;
      }
      touchedList.length = 0;
      yield step / totalSteps;
    }
  }

  const ids = docs.map((d) => d.id);
  const lnT = Math.log(T);
  return {
    ids,
    vocabulary,
    trainingMs: performance.now() - started,
    score(termIds, weights, count, out) {
      let total = 0;
      for (let i = 0; i < count; i++) if ((termIds[i] as number) >= 0) total += weights[i] as number;
      if (!(total > 0)) return false;
      h.fill(0);
      for (let i = 0; i < count; i++) {
        const t = termIds[i] as number;
        if (t < 0) continue;
        const a = (weights[i] as number) / total;
        for (let j = 0, base = t * D; j < D; j++) h[j] = (h[j] as number) + a * (E[base + j] as number);
      }
      let max = -Infinity;
      for (let d = 0; d < T; d++) {
        const s = (b[d] as number) + rowDot(W, d * D, h, D);
        out[d] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let d = 0; d < T; d++) sum += Math.exp((out[d] as number) - max);
      const logZ = max + Math.log(sum);
      for (let d = 0; d < T; d++) out[d] = (out[d] as number) - logZ + lnT;
      return true;
    },
  };
}
