import { describe, expect, it } from "vitest";
import { abReport, countArmOutcomes, newcombeDifference, wilsonInterval, Z_95, type ArmCounts } from "../src/index";

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
const ends = (i: { lower: number; upper: number } | null) => i && [round4(i.lower), round4(i.upper)];

describe("wilsonInterval", () => {
  it("matches a hand computation (5/10 at z = 2)", () => {
    // centre = (0.5 + 4/20) / (1 + 4/10) = 0.5; half = (2 / 1.4) · √(0.25/10 + 4/400) = 1.428571 · √0.035 = 0.267261
    const i = wilsonInterval(5, 10, 2)!;
    expect(i.estimate).toBe(0.5);
    expect(i.lower).toBeCloseTo(0.5 - 0.267261, 6);
    expect(i.upper).toBeCloseTo(0.5 + 0.267261, 6);
  });

  it.each([
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3 (score, no correction).
    [81, 263, [0.2553, 0.3662]],
    [15, 148, [0.0624, 0.1605]],
    [0, 20, [0, 0.1611]],
    [1, 29, [0.0061, 0.1718]],
  ])("matches the published 95%% interval for %i/%i", (x, n, expected) => {
    expect(ends(wilsonInterval(x, n))).toEqual(expected);
  });

  it("stays inside [0, 1], exactly at the ends, and has no interval without trials", () => {
    expect(wilsonInterval(0, 7)!.lower).toBe(0);
    expect(wilsonInterval(7, 7)!.upper).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(Z_95).toBeCloseTo(1.959964, 6);
  });

  it("rejects counts that cannot be", () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});

describe("newcombeDifference", () => {
  it.each([
    // Newcombe (1998), "Interval estimation for the difference between independent proportions", Table II, method 10.
    [56, 70, 48, 80, [0.0524, 0.3339]],
    [9, 10, 3, 10, [0.1705, 0.809]],
    [5, 56, 0, 29, [-0.0381, 0.1926]],
    [0, 10, 0, 20, [-0.1611, 0.2775]],
    [10, 10, 0, 20, [0.6791, 1]],
  ])("matches the published interval for %i/%i − %i/%i", (x1, n1, x0, n0, expected) => {
    const d = newcombeDifference(x1, n1, x0, n0)!;
    expect(d.difference).toBeCloseTo(x1 / n1 - x0 / n0, 12);
    expect(ends(d)).toEqual(expected);
  });

  it("is antisymmetric and has no interval when a side has no trials", () => {
    const ab = newcombeDifference(30, 200, 20, 210)!;
    const ba = newcombeDifference(20, 210, 30, 200)!;
    expect(ba.difference).toBeCloseTo(-ab.difference, 12);
    expect(ba.lower).toBeCloseTo(-ab.upper, 12);
    expect(ba.upper).toBeCloseTo(-ab.lower, 12);
    expect(newcombeDifference(1, 0 + 1, 0, 0)).toBeNull();
  });
});

describe("countArmOutcomes", () => {
  it("counts impressions, clicks and tool-invoking suggestions as defined", () => {
    const s = (exposed: boolean, clicked: boolean, toolInvoking: boolean) => ({ exposed, clicked, toolInvoking });
    const counts = countArmOutcomes([
      // clicked a tool chip: counts for CTR and tool-invoking CTR
      { suggestions: [s(true, true, true), s(true, false, false), s(true, false, true), s(false, false, true)] },
      // clicked a chat follow-up while a tool chip was shown: CTR only
      { suggestions: [s(true, false, true), s(true, true, false), s(true, false, false)] },
      // no click
      { suggestions: [s(true, false, false), s(true, false, false), s(false, false, true)] },
    ]);
    expect(counts).toEqual({
      impressions: 3,
      clickedImpressions: 2,
      toolClickedImpressions: 1,
      exposedSuggestions: 8, // 3 + 3 + 2: not-exposed ones never count
      clickedSuggestions: 2,
      exposedToolSuggestions: 3,
    });
  });
});

describe("abReport", () => {
  const control: ArmCounts = { impressions: 1000, clickedImpressions: 70, toolClickedImpressions: 30, exposedSuggestions: 3000, clickedSuggestions: 75, exposedToolSuggestions: 900 };
  const treatment: ArmCounts = { impressions: 1000, clickedImpressions: 95, toolClickedImpressions: 55, exposedSuggestions: 3000, clickedSuggestions: 102, exposedToolSuggestions: 1200 };

  it("gives each arm its four proportions with Wilson intervals and the difference against control", () => {
    const [c, t] = abReport([{ arm: "grounded", counts: control }, { arm: "toolrec", counts: treatment }], "grounded");
    expect(c!.control).toBe(true);
    expect(c!.metrics.ctr.difference).toBeNull();
    expect(c!.metrics.ctr.relativeLift).toBeNull();
    expect(c!.metrics.ctr.value).toEqual(wilsonInterval(70, 1000));
    expect(t!.metrics.ctr).toMatchObject({ successes: 95, trials: 1000 });
    expect(t!.metrics.ctr.difference).toEqual(newcombeDifference(95, 1000, 70, 1000));
    expect(t!.metrics.ctr.relativeLift).toBeCloseTo((0.095 - 0.07) / 0.07, 12);
    expect(t!.metrics.toolCtr).toMatchObject({ successes: 55, trials: 1000 });
    expect(t!.metrics.toolCtr.difference!.lower).toBeGreaterThan(0); // 5.5% vs 3.0%: clearly better
    expect(t!.metrics.clicksPerExposed).toMatchObject({ successes: 102, trials: 3000 });
    expect(t!.metrics.toolShareExposed).toMatchObject({ successes: 1200, trials: 3000 });
    expect(t!.metrics.toolShareExposed.value!.estimate).toBe(0.4);
  });

  it("reports no difference where an arm has nothing yet, and rejects a missing control or impossible counts", () => {
    const empty: ArmCounts = { impressions: 0, clickedImpressions: 0, toolClickedImpressions: 0, exposedSuggestions: 0, clickedSuggestions: 0, exposedToolSuggestions: 0 };
    const [, e] = abReport([{ arm: "a", counts: control }, { arm: "b", counts: empty }], "a");
    expect(e!.metrics.ctr.value).toBeNull();
    expect(e!.metrics.ctr.difference).toBeNull();
    expect(() => abReport([{ arm: "a", counts: control }], "b")).toThrow(RangeError);
    expect(() => abReport([{ arm: "a", counts: { ...control, clickedImpressions: 1001 } }], "a")).toThrow(/clickedImpressions/);
    expect(() => abReport([{ arm: "a", counts: { ...control, toolClickedImpressions: 71 } }], "a")).toThrow(/toolClickedImpressions/);
  });
});
