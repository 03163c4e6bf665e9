import { describe, expect, it } from "vitest";
import { ValidationError } from "@toolrec/core";
import { armHash, assignArm, validateExperimentArms, type ExperimentAllocation } from "../src/index";

const ids = (n: number, prefix = "user-") => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const experiment = (id: string, arms: [string, number][]): ExperimentAllocation => ({ id, arms: arms.map(([modelVersionId, percent]) => ({ modelVersionId, percent })) });
const arm = (e: ExperimentAllocation, user: string) => assignArm(e, user)?.modelVersionId;

describe("assignArm", () => {
  const e = experiment("exp-1", [["grounded", 50], ["toolrec-v2", 30], ["kto-v1", 20]]);

  it("is sticky: a user gets the same arm every time", () => {
    for (const u of ids(500)) expect(arm(e, u)).toBe(arm({ ...e, arms: [...e.arms] }, u));
  });

  it("splits 100,000 users by the percentages (within 1 point)", () => {
    const counts = new Map<string, number>();
    for (const u of ids(100_000)) {
      const a = arm(e, u)!;
      counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    // Binomial sd at n = 100k is at most 0.16 points: 1 point is over 6 sd.
    expect(Math.abs(counts.get("grounded")! / 1000 - 50)).toBeLessThan(1);
    expect(Math.abs(counts.get("toolrec-v2")! / 1000 - 30)).toBeLessThan(1);
    expect(Math.abs(counts.get("kto-v1")! / 1000 - 20)).toBeLessThan(1);
  });

  it("does not depend on the order the arms are listed in", () => {
    const reversed = { ...e, arms: [...e.arms].reverse() };
    for (const u of ids(2000)) expect(arm(reversed, u)).toBe(arm(e, u));
  });

  it("is salted by the experiment id: another experiment reshuffles users", () => {
    const a = experiment("exp-a", [["grounded", 50], ["v2", 50]]);
    const b = experiment("exp-b", [["grounded", 50], ["v2", 50]]);
    const users = ids(20_000);
    const moved = users.filter((u) => arm(a, u) !== arm(b, u)).length / users.length;
    expect(moved).toBeGreaterThan(0.45); // independent 50/50 assignments disagree half the time
    expect(moved).toBeLessThan(0.55);
  });

  it("ramping one arm up only moves users into it", () => {
    const users = ids(20_000);
    const ramps: [[string, number][], [string, number][]][] = [
      [[["grounded", 90], ["v2", 10]], [["grounded", 50], ["v2", 50]]],
      // v2 grows; grounded and v3 keep their 1:1 proportion.
      [[["grounded", 45], ["v2", 10], ["v3", 45]], [["grounded", 40], ["v2", 20], ["v3", 40]]],
    ];
    for (const [from, to] of ramps) {
      const before = experiment("exp-r", from);
      const after = experiment("exp-r", to);
      const moved = users.filter((u) => arm(before, u) !== arm(after, u));
      expect(moved.length).toBeGreaterThan(0);
      for (const u of moved) expect(arm(after, u)).toBe("v2");
    }
  });

  it("leaves anonymous requests out (the caller serves the default version)", () => {
    expect(assignArm(e, null)).toBeNull();
    expect(assignArm(e, undefined)).toBeNull();
    expect(assignArm(e, "")).toBeNull();
  });

  it("hashes into (0, 1), uniformly", () => {
    const hs = ids(20_000).map((u) => armHash("exp", "arm", u));
    expect(Math.min(...hs)).toBeGreaterThan(0);
    expect(Math.max(...hs)).toBeLessThan(1);
    const deciles = new Array(10).fill(0);
    for (const h of hs) deciles[Math.floor(h * 10)]++;
    for (const d of deciles) expect(Math.abs(d - 2000)).toBeLessThan(200); // sd ≈ 42
  });
});

describe("validateExperimentArms", () => {
  it("accepts integer percentages summing to 100", () => {
    expect(validateExperimentArms([{ modelVersionId: "a", percent: 95 }, { modelVersionId: "b", percent: 5 }])).toEqual([
      { modelVersionId: "a", percent: 95 },
      { modelVersionId: "b", percent: 5 },
    ]);
  });

  it.each([
    ["not a list", "arms", "a"],
    ["one arm", "arms", [{ modelVersionId: "a", percent: 100 }]],
    ["a sum of 90", "arms", [{ modelVersionId: "a", percent: 50 }, { modelVersionId: "b", percent: 40 }]],
    ["a fraction", "arms[1].percent", [{ modelVersionId: "a", percent: 50 }, { modelVersionId: "b", percent: 49.5 }]],
    ["a zero share", "arms[1].percent", [{ modelVersionId: "a", percent: 99 }, { modelVersionId: "b", percent: 0 }]],
    ["a 100% arm", "arms[0].percent", [{ modelVersionId: "a", percent: 100 }, { modelVersionId: "b", percent: 1 }]],
    ["a version twice", "arms[1].modelVersionId", [{ modelVersionId: "a", percent: 50 }, { modelVersionId: "a", percent: 50 }]],
    ["a missing version", "arms[0].modelVersionId", [{ percent: 50 }, { modelVersionId: "a", percent: 50 }]],
  ])("rejects %s on %s", (_what, field, raw) => {
    try {
      validateExperimentArms(raw);
      throw new Error("accepted");
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).field).toBe(field);
    }
  });
});
