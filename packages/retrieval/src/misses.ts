// The curators' work list (issue 12): dev-set dialogues of the tune part whose relevant tools the
// default ranks below k, each with where those tools did rank and what ranked above them. Pure:
// the caller ranks (the API with the index it serves, scripts/tune-misses.ts with its own).
// Callers pass the tune part only: the test part is held out from writing phrases.

import type { DevsetItem } from "./metrics.js";

export interface RelevantRank {
  toolId: string;
  /** 1-based rank in the ranking, null when the ranking (its depth) does not hold it. */
  rank: number | null;
}

export interface RetrievalMiss {
  item: DevsetItem;
  /** Every relevant tool with its rank, in the dev set's order. */
  relevant: RelevantRank[];
  /** The first k of the ranking. */
  top: string[];
}

/** Where each relevant tool of `item` ranks in `ranked`. */
export function relevantRanks(item: DevsetItem, ranked: readonly string[]): RelevantRank[] {
  return item.relevant.map((toolId) => {
    const i = ranked.indexOf(toolId);
    return { toolId, rank: i < 0 ? null : i + 1 };
  });
}

/** Whether a relevant tool is missing from the first k. */
export function isMiss(ranks: readonly RelevantRank[], k: number): boolean {
  return ranks.some((r) => r.rank === null || r.rank > k);
}

/** The items of `items` with a relevant tool below k, in the dev set's order; `rank` gives each item's ranking (best first, any depth ≥ k). */
export function listMisses(items: readonly DevsetItem[], rank: (item: DevsetItem) => readonly string[], k: number): RetrievalMiss[] {
  const out: RetrievalMiss[] = [];
  for (const item of items) {
    const ranked = rank(item);
    const relevant = relevantRanks(item, ranked);
    if (isMiss(relevant, k)) out.push({ item, relevant, top: ranked.slice(0, k) });
  }
  return out;
}
