import { describe, expect, it } from "vitest";
import { scoreRankings as evaluate, ndcgAtK, recallAtK, reciprocalRank, summarize } from "../src/metrics.js";
import type { DevsetItem } from "../src/metrics.js";
import { parseDevset } from "../src/eval/data.js";

describe("recallAtK", () => {
  it("is the fraction of relevant ids in the top k", () => {
    expect(recallAtK(["a", "b", "c"], ["b"], 1)).toBe(0);
    expect(recallAtK(["a", "b", "c"], ["b"], 2)).toBe(1);
    expect(recallAtK(["a", "b", "c"], ["a", "c", "z"], 3)).toBeCloseTo(2 / 3);
    expect(recallAtK(["a", "a"], ["a", "b"], 2)).toBe(0.5);
  });
  it("is 0 with no relevant ids or k <= 0", () => {
    expect(recallAtK(["a"], [], 5)).toBe(0);
    expect(recallAtK(["a"], ["a"], 0)).toBe(0);
  });
});

describe("ndcgAtK", () => {
  it("uses binary gains and a log2(rank + 1) discount", () => {
    expect(ndcgAtK(["a", "b"], ["a"], 5)).toBe(1);
    expect(ndcgAtK(["x", "a"], ["a"], 5)).toBeCloseTo(1 / Math.log2(3));
    // two relevant at ranks 1 and 3: (1 + 1/2) / (1 + 1/log2(3))
    expect(ndcgAtK(["a", "x", "b"], ["a", "b"], 5)).toBeCloseTo((1 + 0.5) / (1 + 1 / Math.log2(3)));
    expect(ndcgAtK(["x", "y", "a"], ["a"], 2)).toBe(0);
  });
  it("caps the ideal DCG at k relevant documents", () => {
    expect(ndcgAtK(["a"], ["a", "b", "c"], 1)).toBe(1);
  });
  it("counts a repeated id once", () => {
    expect(ndcgAtK(["a", "a"], ["a", "b"], 2)).toBeCloseTo(1 / (1 + 1 / Math.log2(3)));
  });
});

describe("reciprocalRank", () => {
  it("is 1 / rank of the first relevant id, 0 when absent", () => {
    expect(reciprocalRank(["a", "b"], ["a"])).toBe(1);
    expect(reciprocalRank(["x", "y", "b", "a"], ["a", "b"])).toBeCloseTo(1 / 3);
    expect(reciprocalRank(["x"], ["a"])).toBe(0);
  });
});

describe("evaluate", () => {
  const d = (id: string, category: string, kind: string, relevant: string[]): DevsetItem => ({
    id,
    category,
    kind,
    dialogue: { userQuery: id },
    relevant,
  });
  const devset = [d("1", "network", "direct", ["a"]), d("2", "network", "indirect", ["b"]), d("3", "battery", "direct", ["c"])];

  it("averages overall, per category and per kind", () => {
    const results = new Map([
      ["1", ["a", "x"]],
      ["2", ["x", "b"]],
      ["3", ["x", "y", "z", "w", "v", "c"]],
    ]);
    const e = evaluate(results, devset);
    expect(e.overall.n).toBe(3);
    expect(e.overall.recallAt1).toBeCloseTo(1 / 3);
    expect(e.overall.recallAt5).toBeCloseTo(2 / 3);
    expect(e.overall.recallAt10).toBe(1);
    expect(e.overall.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 6) / 3);
    expect(e.overall.ndcgAt5).toBeCloseTo((1 + 1 / Math.log2(3) + 0) / 3);
    expect(Object.keys(e.byCategory)).toEqual(["battery", "network"]);
    expect(e.byCategory.network).toMatchObject({ n: 2, recallAt1: 0.5, recallAt5: 1 });
    expect(e.byKind.direct).toMatchObject({ n: 2, recallAt1: 0.5, recallAt5: 0.5, recallAt10: 1 });
    expect(e.items[2]?.top).toEqual(["x", "y", "z", "w", "v", "c"]);
    expect(e.missing).toEqual([]);
  });

  it("accepts a plain object and counts missing rankings as zeros", () => {
    const e = evaluate({ "1": ["a"] }, devset);
    expect(e.overall.recallAt1).toBeCloseTo(1 / 3);
    expect(e.missing).toEqual(["2", "3"]);
  });

  it("summarize of nothing is zeros", () => {
    expect(summarize([])).toEqual({ n: 0, recallAt1: 0, recallAt5: 0, recallAt10: 0, ndcgAt5: 0, mrr: 0 });
  });
});

describe("parseDevset", () => {
  it("reads JSONL lines and normalises the dialogue", () => {
    const text = [
      JSON.stringify({ id: "d1", category: "network", kind: "direct", dialogue: { userQuery: "wifi off" }, relevant: ["network.turn_off_wifi"] }),
      "",
      JSON.stringify({
        id: "d2",
        category: "battery",
        kind: "contextual",
        dialogue: { userQuery: "do it", assistantResponse: "ok", history: [{ role: "user", content: "battery low" }] },
        relevant: ["battery.turn_on_battery_saver"],
      }),
    ].join("\n");
    const items = parseDevset(text);
    expect(items).toHaveLength(2);
    expect(items[0]?.dialogue).toEqual({ userQuery: "wifi off", assistantResponse: null, history: [] });
    expect(items[1]?.dialogue.history).toEqual([{ role: "USER", content: "battery low" }]);
  });
  it("rejects malformed lines with the line number", () => {
    expect(() => parseDevset(JSON.stringify({ id: "x", dialogue: { userQuery: "q" }, relevant: "a" }))).toThrow(/line 1/);
    expect(() => parseDevset(JSON.stringify({ id: "x", dialogue: {}, relevant: [] }))).toThrow(/userQuery/);
  });
});
