/**
 * Text similarity for the catalog gates: TF-IDF cosine between descriptions (near-duplicate
 * descriptions) and word-set overlap between short phrases (a situation that copies an
 * utterance or a dev-set query).
 */

import { tokenize } from "@toolrec/core";
import type { CatalogTool } from "./load.js";

// ---------------------------------------------------------------------------
// Near-duplicate descriptions: TF-IDF cosine
// ---------------------------------------------------------------------------

/** English function words dropped before TF-IDF (they carry no capability meaning). */
export const DESCRIPTION_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each either else etc even ever every few for " +
    "from further get gets had has have having he her here hers herself him himself his how i if in into is it " +
    "its itself just let lets may me might more most much must my myself no nor not now of off on once one only " +
    "or other our ours ourselves out over own per same she should so some such than that the their theirs them " +
    "themselves then there these they this those through thus to too under until up upon us very via was we " +
    "were what whatever when whenever where whether which while who whom whose why will with within without " +
    "would yet you your yours yourself yourselves"
  ).split(" "),
);

export interface SimilarPair {
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
}

/** Terms of a description for the similarity check: `tokenize`, minus stop-words. */
export function descriptionTerms(description: string): string[] {
  return tokenize(description).filter((t) => !DESCRIPTION_STOP_WORDS.has(t));
}

/**
 * Pairwise cosine similarity of the tools' descriptions as TF-IDF vectors over
 * `descriptionTerms`: raw term frequency x smoothed idf, idf(t) = ln((1 + N) / (1 + df(t))) + 1
 * (N = number of tools, df = tools whose description has t), vectors L2-normalised.
 * Returns every pair with similarity >= `minSimilarity`, most similar first.
 */
export function descriptionSimilarities(
  tools: readonly Pick<CatalogTool, "id" | "description">[],
  minSimilarity = 0,
): SimilarPair[] {
  const termLists = tools.map((t) => descriptionTerms(typeof t.description === "string" ? t.description : ""));
  const df = new Map<string, number>();
  for (const terms of termLists) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = tools.length;
  const vectors = termLists.map((terms) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, f] of tf) {
      const w = f * (Math.log((1 + n) / (1 + df.get(t)!)) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });

  // Dot products through an inverted index (term -> tools with it), so only pairs that share a
  // term are touched; the sum per pair is the same cosine as comparing the vectors one by one.
  const postings = new Map<string, { doc: number; w: number }[]>();
  vectors.forEach((v, doc) => {
    for (const [t, w] of v) (postings.get(t) ?? postings.set(t, []).get(t)!).push({ doc, w });
  });
  const pairs: SimilarPair[] = [];
  const dots = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const touched: number[] = [];
    for (const [t, w] of vectors[i]!) {
      for (const p of postings.get(t)!) {
        if (p.doc <= i) continue;
        if (dots[p.doc] === 0) touched.push(p.doc);
        dots[p.doc] = dots[p.doc]! + w * p.w;
      }
    }
    for (const j of touched) {
      const dot = dots[j]!;
      dots[j] = 0;
      if (dot >= minSimilarity && dot > 0) pairs.push({ a: tools[i]!.id, b: tools[j]!.id, similarity: dot });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

/**
 * Threshold above which two descriptions are near-duplicates (TF-IDF cosine, as above).
 *
 * Chosen from this catalog's own distribution (708 tools, 250,278 pairs, measured when
 * the gate was introduced):
 *  - distinct capabilities sit far below it: a tool's most similar other description
 *    has median similarity 0.26 (p90 0.40, p95 0.47, p99 0.54); the most similar pair
 *    in the whole catalog is 0.58 (storage.move_files_to_sd_card ~ move_app_to_sd_card,
 *    two different tools), only 8 pairs exceed 0.5 and none exceeds 0.6;
 *  - the legitimately close pairs are on/off variants of one capability (61 pairs such
 *    as turn_on_x/turn_off_x, enable/disable, show/hide): they share the object words but
 *    each says what that direction does, and score median 0.20, max 0.54
 *    (battery.show/hide_battery_percentage);
 *  - near-identical text scores far above: copying a description and swapping one
 *    content word for another gives > 0.7 in 99.9% of the catalog's descriptions
 *    (median 0.91), swapping two words > 0.7 in 95% (median 0.82). "on", "off" and other
 *    function words are stop-words, so two descriptions that differ only in on/off
 *    score 1.0 and are flagged, as they should be.
 * 0.7 leaves a 0.12 margin over the most similar legitimate pair while catching almost
 * every copy-paste with one or two words changed; a higher value (0.8) would let a third
 * of the two-word edits through, a lower one (0.6) would sit right on the real pairs.
 */
export const DESCRIPTION_SIMILARITY_THRESHOLD = 0.7;

// ---------------------------------------------------------------------------
// Near-copied phrases: word-set Jaccard
// ---------------------------------------------------------------------------

/** The distinct words of a phrase after `normalizeText` (function words kept: copies share them too). */
export function phraseWords(phrase: string): Set<string> {
  return new Set(tokenize(phrase));
}

/** Jaccard overlap |A ∩ B| / |A ∪ B| of two word sets; 0 when both are empty. */
export function wordJaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/**
 * Word-set Jaccard at or above which two phrases count as a near copy (one is the other with a
 * word or two added, dropped or swapped).
 *
 * Chosen from the catalog's own phrases (measured when the situation gates were introduced,
 * 1,446 situations, 498 dev-set user turns):
 *  - copies score high: on the 984 situations of 6 to 12 words, swapping one word for another
 *    gives 0.67..0.92 (median 0.82), dropping one 0.80..0.92, adding one 0.83..0.92, swapping
 *    two 0.50..0.83 (median 0.67, 93% at or above 0.6);
 *  - independent writing about the same need scores low: the dev set's user turns against the
 *    catalog's utterances, p99 0.50 (its few higher pairs are short generic turns such as
 *    "any new texts?" inside multi-turn histories: those 25 utterances at or above 0.6 were
 *    removed when the utterance-devset-copy gate came in); situations against their own tool's
 *    utterances median 0.17, p99 0.50, max 0.58, and against the dev set median 0.23, max 0.58
 *    (while the situations were written, 11 drafts scored 0.60..0.73, 9 against their own
 *    utterances and 2 against the dev set, and were rewritten).
 * 0.6 catches every one-word edit and almost every two-word edit of a phrase of usual length
 * and sits above the legitimate pairs; 0.5 would flag genuinely different phrasings of one need.
 */
export const NEAR_COPY_THRESHOLD = 0.6;

/**
 * Near copies between two sets of phrases: for each `query` phrase, the `corpus` phrase with the
 * highest word-set Jaccard at or above `threshold`, or none. Counts shared words through an
 * inverted index (word -> corpus phrases), so only phrases sharing a word are scored.
 */
export function nearestCopies(
  queries: readonly string[],
  corpus: readonly string[],
  threshold: number,
): ({ index: number; jaccard: number } | null)[] {
  const corpusWords = corpus.map(phraseWords);
  const postings = new Map<string, number[]>();
  corpusWords.forEach((words, i) => {
    for (const w of words) (postings.get(w) ?? postings.set(w, []).get(w)!).push(i);
  });
  const shared = new Int32Array(corpus.length);
  return queries.map((q) => {
    const words = phraseWords(q);
    const touched: number[] = [];
    for (const w of words) {
      for (const i of postings.get(w) ?? []) {
        if (shared[i] === 0) touched.push(i);
        shared[i] = shared[i]! + 1;
      }
    }
    let best: { index: number; jaccard: number } | null = null;
    for (const i of touched) {
      const k = shared[i]!;
      shared[i] = 0;
      const jaccard = k / (words.size + corpusWords[i]!.size - k);
      if (jaccard >= threshold && (best === null || jaccard > best.jaccard)) best = { index: i, jaccard };
    }
    return best;
  });
}
