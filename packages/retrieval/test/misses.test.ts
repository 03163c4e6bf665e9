// The curators' work list (src/misses.ts): which dialogues a ranking misses at k, and where
// each relevant tool ranked.
import { describe, expect, it } from "vitest";
import { isMiss, listMisses, relevantRanks } from "../src/misses.js";
import type { DevsetItem } from "../src/metrics.js";

const item = (id: string, relevant: string[]): DevsetItem => ({ id, category: "display", kind: "direct", dialogue: { userQuery: id }, relevant });

describe("misses", () => {
  it("ranks each relevant tool (null when the ranking does not hold it), in the dev set's order", () => {
    expect(relevantRanks(item("d1", ["b", "z", "a"]), ["a", "b", "c"])).toEqual([
      { toolId: "b", rank: 2 },
      { toolId: "z", rank: null },
      { toolId: "a", rank: 1 },
    ]);
  });

  it("is a miss when any relevant tool is below k or absent, not when all are within k", () => {
    expect(isMiss([{ toolId: "a", rank: 1 }, { toolId: "b", rank: 5 }], 5)).toBe(false);
    expect(isMiss([{ toolId: "a", rank: 1 }, { toolId: "b", rank: 6 }], 5)).toBe(true);
    expect(isMiss([{ toolId: "a", rank: null }], 5)).toBe(true);
  });

  it("lists the missed dialogues in order with the top k, and a wider k lists fewer", () => {
    const rankings: Record<string, string[]> = { d1: ["a", "b", "c"], d2: ["c", "a", "b"], d3: ["x", "y", "z"] };
    const items = [item("d1", ["a"]), item("d2", ["b"]), item("d3", ["z", "q"])];
    const at2 = listMisses(items, (d) => rankings[d.id] ?? [], 2);
    expect(at2.map((m) => m.item.id)).toEqual(["d2", "d3"]);
    expect(at2[0]).toMatchObject({ relevant: [{ toolId: "b", rank: 3 }], top: ["c", "a"] });
    expect(listMisses(items, (d) => rankings[d.id] ?? [], 3).map((m) => m.item.id)).toEqual(["d3"]);
  });
});
