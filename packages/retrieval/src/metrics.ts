// Ranking metrics with binary relevance, and their aggregation over a labelled dev set.
//
//   Recall@k = |relevant ∩ top k| / |relevant|
//   nDCG@k   = DCG@k / IDCG@k, DCG@k = sum over ranks r <= k of rel(r) / log2(r + 1),
//              IDCG@k = the DCG of a ranking with all relevant documents first
//   RR       = 1 / rank of the first relevant document (0 when none is retrieved)
// Each is averaged over dialogues (MRR = mean RR). A dialogue without relevant tools scores 0.

import type { Dialogue } from "./types.js";

/** One labelled dev-set dialogue (a line of devset/dialogues.jsonl). */
export interface DevsetItem {
  id: string;
  category: string;
  kind: string;
  dialogue: Dialogue;
  /** Ids of the relevant tools. */
  relevant: string[];
  /** The dev set's part: "tune" (weights may be chosen on it) or "test" (held out). */
  split?: "tune" | "test";
}

function relevantSet(relevant: Iterable<string>): Set<string> {
  return relevant instanceof Set ? (relevant as Set<string>) : new Set(relevant);
}

/** Fraction of the relevant ids found in the first k of `ranked`. */
export function recallAtK(ranked: readonly string[], relevant: Iterable<string>, k: number): number {
  const rel = relevantSet(relevant);
  if (rel.size === 0 || k <= 0) return 0;
  const found = new Set<string>();
  for (const id of ranked.slice(0, k)) if (rel.has(id)) found.add(id);
  return found.size / rel.size;
}

/** Normalised discounted cumulative gain at k, binary relevance, log2(rank + 1) discount. */
export function ndcgAtK(ranked: readonly string[], relevant: Iterable<string>, k: number): number {
  const rel = relevantSet(relevant);
  if (rel.size === 0 || k <= 0) return 0;
  let dcg = 0;
  const seen = new Set<string>();
  ranked.slice(0, k).forEach((id, i) => {
    if (rel.has(id) && !seen.has(id)) {
      seen.add(id);
      dcg += 1 / Math.log2(i + 2);
    }
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(rel.size, k); i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
}

/** 1 / (1-based rank of the first relevant id), or 0 when none appears. */
export function reciprocalRank(ranked: readonly string[], relevant: Iterable<string>): number {
  const rel = relevantSet(relevant);
  const i = ranked.findIndex((id) => rel.has(id));
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface MetricSummary {
  /** Number of dialogues averaged. */
  n: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  ndcgAt5: number;
  mrr: number;
}

export interface ItemScore extends Omit<MetricSummary, "n"> {
  id: string;
  category: string;
  kind: string;
  relevant: string[];
  /** The first 10 ranked ids. */
  top: string[];
}

export interface Evaluation {
  overall: MetricSummary;
  byCategory: Record<string, MetricSummary>;
  byKind: Record<string, MetricSummary>;
  items: ItemScore[];
  /** Dev-set items with no ranking in `results` (counted as all zeros). */
  missing: string[];
}

function scoreItem(ranked: readonly string[], item: DevsetItem): ItemScore {
  const rel = new Set(item.relevant);
  return {
    id: item.id,
    category: item.category,
    kind: item.kind,
    relevant: item.relevant,
    top: ranked.slice(0, 10),
    recallAt1: recallAtK(ranked, rel, 1),
    recallAt5: recallAtK(ranked, rel, 5),
    recallAt10: recallAtK(ranked, rel, 10),
    ndcgAt5: ndcgAtK(ranked, rel, 5),
    mrr: reciprocalRank(ranked, rel),
  };
}

/** Averages item scores. */
export function summarize(items: readonly Omit<MetricSummary, "n">[]): MetricSummary {
  const n = items.length;
  const mean = (f: (x: Omit<MetricSummary, "n">) => number): number => (n === 0 ? 0 : items.reduce((s, x) => s + f(x), 0) / n);
  return {
    n,
    recallAt1: mean((x) => x.recallAt1),
    recallAt5: mean((x) => x.recallAt5),
    recallAt10: mean((x) => x.recallAt10),
    ndcgAt5: mean((x) => x.ndcgAt5),
    mrr: mean((x) => x.mrr),
  };
}

function groupBy(items: ItemScore[], key: (x: ItemScore) => string): Record<string, MetricSummary> {
  const groups = new Map<string, ItemScore[]>();
  for (const x of items) {
    const k = key(x);
    const g = groups.get(k);
    if (g) g.push(x);
    else groups.set(k, [x]);
  }
  const out: Record<string, MetricSummary> = {};
  for (const k of [...groups.keys()].sort()) out[k] = summarize(groups.get(k) ?? []);
  return out;
}

/**
 * Scores rankings against the dev set: `results` maps a dev-set item id to its ranked tool
 * ids (best first). Returns the averages overall, per category and per kind.
 */
export function scoreRankings(
  results: ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>,
  devset: readonly DevsetItem[],
): Evaluation {
  const get = (id: string): readonly string[] | undefined =>
    results instanceof Map ? results.get(id) : (results as Readonly<Record<string, readonly string[]>>)[id];
  const missing: string[] = [];
  const items = devset.map((item) => {
    const ranked = get(item.id);
    if (!ranked) missing.push(item.id);
    return scoreItem(ranked ?? [], item);
  });
  return {
    overall: summarize(items),
    byCategory: groupBy(items, (x) => x.category),
    byKind: groupBy(items, (x) => x.kind),
    items,
    missing,
  };
}
