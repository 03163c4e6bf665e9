import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frequencyPercentile, frequencyPercentiles, sortedInvocationCounts } from "../src/index";

describe("frequencyPercentiles", () => {
  it("counts tools with a strictly smaller count over n - 1", () => {
    // counts 10, 50, 50, 100 (n = 4, n - 1 = 3):
    // a: 0 smaller -> 0/3; b, c: 1 smaller (10) -> 1/3 each (tie); d: 3 smaller -> 3/3.
    const p = frequencyPercentiles([
      { id: "x.a", invocationCount: 10 },
      { id: "x.b", invocationCount: 50 },
      { id: "x.d", invocationCount: 100 },
      { id: "x.c", invocationCount: 50 },
    ]);
    expect(p.get("x.a")).toBe(0);
    expect(p.get("x.b")).toBeCloseTo(1 / 3, 15);
    expect(p.get("x.c")).toBe(p.get("x.b"));
    expect(p.get("x.d")).toBe(1);
  });

  it("gives all tied tools the same p (all equal -> 0)", () => {
    const p = frequencyPercentiles([
      { id: "x.a", invocationCount: 5 },
      { id: "x.b", invocationCount: 5 },
      { id: "x.c", invocationCount: 5 },
    ]);
    expect([...p.values()]).toEqual([0, 0, 0]);
  });

  it("ties at the top share p < 1", () => {
    // counts 1, 7, 7: the 7s have 1 smaller -> 1/2.
    const p = frequencyPercentiles([
      { id: "x.a", invocationCount: 1 },
      { id: "x.b", invocationCount: 7 },
      { id: "x.c", invocationCount: 7 },
    ]);
    expect(p.get("x.b")).toBe(0.5);
    expect(p.get("x.c")).toBe(0.5);
  });

  it("n = 1 gives p = 1; n = 0 gives an empty map", () => {
    expect(frequencyPercentiles([{ id: "x.only", invocationCount: 0 }]).get("x.only")).toBe(1);
    expect(frequencyPercentiles([]).size).toBe(0);
  });

  it("rejects duplicate ids and non-finite counts", () => {
    expect(() =>
      frequencyPercentiles([
        { id: "x.a", invocationCount: 1 },
        { id: "x.a", invocationCount: 2 },
      ]),
    ).toThrow(/duplicate/);
    expect(() => frequencyPercentiles([{ id: "x.a", invocationCount: Number.NaN }])).toThrow(RangeError);
  });

  it("agrees with frequencyPercentile for one tool", () => {
    const tools = [3, 1, 4, 1, 5, 9, 2, 6].map((c, i) => ({ id: `t.t${i}`, invocationCount: c }));
    const sorted = sortedInvocationCounts(tools);
    expect(Array.from(sorted)).toEqual([1, 1, 2, 3, 4, 5, 6, 9]);
    const all = frequencyPercentiles(tools);
    for (const t of tools) expect(frequencyPercentile(t.invocationCount, sorted)).toBe(all.get(t.id));
    // count 4: 1, 1, 2, 3 are smaller -> 4/7.
    expect(frequencyPercentile(4, sorted)).toBe(4 / 7);
    expect(frequencyPercentile(4, [4])).toBe(1);
    expect(() => frequencyPercentile(4, [])).toThrow(RangeError);
  });

  it("handles the 708-tool catalog size", () => {
    const tools = Array.from({ length: 708 }, (_, i) => ({ id: `c.t${i}`, invocationCount: (i * 7919) % 1000 }));
    const p = frequencyPercentiles(tools);
    expect(p.size).toBe(708);
  });

  const toolsArb = fc
    .array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 60 })
    .map((counts) => counts.map((c, i) => ({ id: `t.t${i}`, invocationCount: c })));

  it("property: p in [0, 1], equals the brute-force definition, monotone in count", () => {
    fc.assert(
      fc.property(toolsArb, (tools) => {
        const p = frequencyPercentiles(tools);
        const n = tools.length;
        for (const a of tools) {
          const pa = p.get(a.id)!;
          expect(pa).toBeGreaterThanOrEqual(0);
          expect(pa).toBeLessThanOrEqual(1);
          const smaller = tools.filter((t) => t.invocationCount < a.invocationCount).length;
          expect(pa).toBe(n === 1 ? 1 : smaller / (n - 1));
          for (const b of tools) {
            const pb = p.get(b.id)!;
            if (a.invocationCount < b.invocationCount) expect(pa).toBeLessThan(pb);
            if (a.invocationCount === b.invocationCount) expect(pa).toBe(pb);
          }
        }
      }),
    );
  });
});
