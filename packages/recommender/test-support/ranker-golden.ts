// The shared golden cases of the ranker's features and Plackett-Luce log-probabilities: built
// here from the seed catalog and the test dialogues, written to golden/ranker-features.json by
// scripts/ranker-golden.ts, and read by test/ranker.test.ts and apps/trainer/tests/test_ranker.py.
import { plackettLuceLogp, rankerContext, rankerFeatures, rankerInput, referenceWeights, type RankerCandidate, type RankerContextInput, type RankerToolInfo } from "../src/index";
import { catalogTools, retrieved } from "./catalog";
import { DIALOGUE_CASES } from "./dialogues";

export const RANKER_GOLDEN_FILE = new URL("./golden/ranker-features.json", import.meta.url);

export interface RankerGoldenCase {
  name: string;
  ranker: RankerContextInput;
  candidates: RankerCandidate[];
  features: number[][];
  /** Lists (candidate indices) with their log-probabilities under each weights vector. */
  lists: { items: number[]; logps: number[] }[];
}

export interface RankerGolden {
  weights: number[][];
  cases: RankerGoldenCase[];
}

/** Category = the id's prefix ("battery.turn_on_battery_saver" → "battery"), p = the catalog's. */
export const catalogToolInfo: RankerToolInfo = (id) => {
  const t = catalogTools().get(id);
  return t ? { category: id.split(".")[0] ?? null, p: t.frequencyPercentile } : undefined;
};

export function buildRankerGolden(): RankerGolden {
  const weights = [referenceWeights(), [1.5, -0.7, 2.25, 0.5, 1, 3, -0.4, 0.3, 4, 0.25]];
  const entries = Object.entries(DIALOGUE_CASES).slice(0, 6);
  const cases: RankerGoldenCase[] = [];
  entries.forEach(([name, c], idx) => {
    const input = { dialogue: c.dialogue, k: 5, tools: retrieved(c.tools) };
    const ranker = rankerInput(input, catalogToolInfo);
    // Another dialogue's list (a KL pair's completion) and awkward texts.
    const other = rankerInput({ dialogue: entries[(idx + 1) % entries.length]![1].dialogue, k: 5, tools: retrieved(entries[(idx + 1) % entries.length]![1].tools) }, catalogToolInfo);
    const extra: RankerCandidate[] = [
      ...other.pool.slice(0, 3),
      { text: "  Turn ON the Wi-Fi, please?? ", toolId: "connectivity.turn_on_wifi", p: null, category: "connectivity" },
      { text: "Café — naïve 24/7 check", toolId: null, p: null, category: null },
      { text: "a", toolId: null, p: null, category: null },
    ];
    const candidates = [...ranker.pool, ...extra];
    const ctx = rankerContext(ranker);
    const n = ranker.pool.length;
    const lists = [
      [0, 1, 2, 3, 4],
      [n - 1, 2, 0],
      [n, n + 1, n + 2, 1, 0], // mostly foreign items
      [n + 3, n + 4, n + 5],
    ];
    cases.push({
      name,
      ranker,
      candidates,
      features: candidates.map((cd) => rankerFeatures(ctx, cd)),
      lists: lists.map((items) => ({ items, logps: weights.map((w) => plackettLuceLogp(ctx, items.map((i) => candidates[i]!), w)) })),
    });
  });
  return { weights, cases };
}
