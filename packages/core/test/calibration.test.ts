import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calibrate,
  calibrateColumns,
  CalibrationConfigError,
  CalibrationInputError,
  combinedWeight,
  DEFAULT_CALIBRATION_CONFIG,
  frequencyPercentiles,
  histogram,
  populationStd,
  resolveCalibrationConfig,
  resolveMuAndS,
  systemSideWeight,
  TABLE2_VARIANTS,
  upperQuartile,
  userCtr,
  userSideWeight,
  type CalibrationImpression,
  type SystemSideMode,
} from "../src/index";

const TANH_1 = 0.7615941559557649; // tanh(1)

describe("resolveCalibrationConfig", () => {
  it("fills the paper's defaults", () => {
    expect(resolveCalibrationConfig()).toEqual({
      alpha: 0.25,
      gamma: 1.25,
      k: 3,
      mu: 0.07,
      muMode: "FIXED",
      userSide: true,
      systemSide: "DYNAMIC",
    });
    expect(resolveCalibrationConfig({ s: 0.1, systemSide: "STATIC" })).toMatchObject({ s: 0.1, systemSide: "STATIC" });
    expect(resolveCalibrationConfig({ s: null })).not.toHaveProperty("s");
  });

  it.each([
    [{ alpha: -0.1 }, "alpha"],
    [{ alpha: 1.5 }, "alpha"],
    [{ gamma: -1 }, "gamma"],
    [{ k: 0 }, "k"],
    [{ k: Number.NaN }, "k"],
    [{ mu: 2 }, "mu"],
    [{ s: -0.01 }, "s"],
    [{ muMode: "MEDIAN" }, "muMode"],
    [{ systemSide: "ON" }, "systemSide"],
    [{ userSide: "yes" }, "userSide"],
    [{ alhpa: 0.3 }, "alhpa"],
  ])("rejects %j naming field %s", (partial, field) => {
    try {
      resolveCalibrationConfig(partial as never);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalibrationConfigError);
      expect((e as CalibrationConfigError).field).toBe(field);
    }
  });

  it("accepts the boundaries alpha 0 and 1, gamma 0, mu 0 and 1, s 0", () => {
    expect(() => resolveCalibrationConfig({ alpha: 0, gamma: 0, mu: 0, s: 0 })).not.toThrow();
    expect(() => resolveCalibrationConfig({ alpha: 1, mu: 1 })).not.toThrow();
  });
});

describe("user activity statistics", () => {
  it("userCtr = desirable / all impressions per user", () => {
    const ctr = userCtr([
      { userId: "u1", desirable: true },
      { userId: "u2", desirable: false },
      { userId: "u1", desirable: false },
      { userId: "u1", desirable: true },
    ]);
    // u1: 2 of 3; u2: 0 of 1
    expect(ctr.get("u1")).toBeCloseTo(2 / 3, 15);
    expect(ctr.get("u2")).toBe(0);
  });

  it("upperQuartile interpolates linearly like numpy.quantile(x, 0.75)", () => {
    // [1,2,3,4]: h = 3 * 0.75 = 2.25 -> x[2] + 0.25 * (x[3] - x[2]) = 3.25
    expect(upperQuartile([4, 1, 3, 2])).toBe(3.25);
    // [0.1,0.2,0.4,0.5,0.9]: h = 4 * 0.75 = 3 -> x[3] = 0.5
    expect(upperQuartile([0.1, 0.4, 0.2, 0.9, 0.5])).toBe(0.5);
    // [0, 1/2, 2/3]: h = 1.5 -> 0.5 + 0.5 * (2/3 - 1/2) = 7/12
    expect(upperQuartile([2 / 3, 0.5, 0])).toBeCloseTo(7 / 12, 15);
    expect(upperQuartile([0.3])).toBe(0.3);
    expect(upperQuartile([])).toBeNaN();
  });

  it("populationStd divides by n", () => {
    // [2,4,4,4,5,5,7,9]: mean 5, squared deviations sum 32, 32 / 8 = 4 -> 2
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    // [2/3, 1/2, 0]: mean 7/18, deviations 5/18, 2/18, -7/18 -> (25 + 4 + 49) / 324 / 3 -> sqrt(26)/18
    expect(populationStd([2 / 3, 0.5, 0])).toBeCloseTo(Math.sqrt(26) / 18, 15);
    expect(populationStd([0.1, 0.1, 0.1])).toBe(0);
    expect(populationStd([])).toBeNaN();
  });

  it("resolveMuAndS: fixed or upper-quartile mu; given or population s", () => {
    const ctrs = [2 / 3, 0.5, 0];
    expect(resolveMuAndS(ctrs, { mu: 0.07, muMode: "FIXED" })).toEqual({ mu: 0.07, s: populationStd(ctrs) });
    expect(resolveMuAndS(ctrs, { mu: 0.07, muMode: "UPPER_QUARTILE", s: 0.3 })).toEqual({ mu: upperQuartile(ctrs), s: 0.3 });
    expect(resolveMuAndS(new Map([["u", 0.2]]), { mu: 0.07, muMode: "FIXED" })).toEqual({ mu: 0.07, s: 0 });
    expect(resolveMuAndS([], { mu: 0.07, muMode: "UPPER_QUARTILE" })).toEqual({ mu: 0.07, s: 0 });
  });
});

describe("Eq. 6 userSideWeight", () => {
  it("hand-computed: uctr 0.2, mu 0.07, s 0.13, alpha 0.25", () => {
    // t = tanh((0.2 - 0.07) / 0.13) = tanh(1) = 0.761594...
    // desirable: 1 - 0.25 * 0.761594 = 0.809601; undesirable: 1 + 0.25 * 0.761594 = 1.190399
    expect(userSideWeight(true, 0.2, 0.07, 0.13, 0.25)).toBeCloseTo(1 - 0.25 * TANH_1, 12);
    expect(userSideWeight(false, 0.2, 0.07, 0.13, 0.25)).toBeCloseTo(1 + 0.25 * TANH_1, 12);
  });
  it("inactive user (uctr < mu) up-weights clicks and discounts non-clicks", () => {
    // t = tanh((0.0 - 0.1) / 0.1) = tanh(-1) -> desirable 1 + 0.25 * 0.761594 = 1.190399
    expect(userSideWeight(true, 0, 0.1, 0.1, 0.25)).toBeCloseTo(1 + 0.25 * TANH_1, 12);
    expect(userSideWeight(false, 0, 0.1, 0.1, 0.25)).toBeCloseTo(1 - 0.25 * TANH_1, 12);
  });
  it("uctr == mu gives 1; s == 0 gives 1", () => {
    expect(userSideWeight(true, 0.07, 0.07, 0.2, 0.25)).toBe(1);
    expect(userSideWeight(false, 0.9, 0.07, 0, 0.25)).toBe(1);
  });
  it("property: w_u within [1 - alpha, 1 + alpha]", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (desirable, uctr, mu, s, alpha) => {
          const w = userSideWeight(desirable, uctr, mu, s, alpha);
          expect(w).toBeGreaterThanOrEqual(1 - alpha);
          expect(w).toBeLessThanOrEqual(1 + alpha);
        },
      ),
    );
  });
});

describe("Eq. 7 systemSideWeight", () => {
  it("DYNAMIC hand-computed: (1 + 1.25)^(p^3)", () => {
    // p = 0.5: 0.5^3 = 0.125, 2.25^0.125 = exp(0.125 * ln 2.25) = exp(0.101366) = 1.106682
    expect(systemSideWeight(true, true, 0.5, 1.25, 3, "DYNAMIC")).toBeCloseTo(1.1066819197003215, 12);
    // p = 1: 2.25^1 = 2.25 (the maximum 1 + gamma)
    expect(systemSideWeight(true, true, 1, 1.25, 3, "DYNAMIC")).toBe(2.25);
    // p = 0: 2.25^0 = 1
    expect(systemSideWeight(true, true, 0, 1.25, 3, "DYNAMIC")).toBe(1);
  });
  it("undesirable tool-invoking is masked (0); not tool-invoking is 1", () => {
    expect(systemSideWeight(false, true, 0.9, 1.25, 3, "DYNAMIC")).toBe(0);
    expect(systemSideWeight(false, true, 0.9, 1.25, 3, "STATIC")).toBe(0);
    expect(systemSideWeight(true, false, null, 1.25, 3, "DYNAMIC")).toBe(1);
    expect(systemSideWeight(false, false, null, 1.25, 3, "STATIC")).toBe(1);
  });
  it("STATIC uses 1 + gamma regardless of p; OFF is always 1", () => {
    expect(systemSideWeight(true, true, 0, 1.25, 3, "STATIC")).toBe(2.25);
    expect(systemSideWeight(true, true, null, 1.25, 3, "STATIC")).toBe(2.25);
    expect(systemSideWeight(false, true, 0.9, 1.25, 3, "OFF")).toBe(1);
    expect(systemSideWeight(true, true, 0.9, 1.25, 3, "OFF")).toBe(1);
  });
  it("DYNAMIC needs p for a desirable tool-invoking impression", () => {
    expect(() => systemSideWeight(true, true, null, 1.25, 3, "DYNAMIC")).toThrow(RangeError);
  });
  it("property: desirable tool-invoking w_s within [1, 1 + gamma], monotone in p", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: Math.fround(0.1), max: 10, noNaN: true }),
        (p1, p2, gamma, k) => {
          const w1 = systemSideWeight(true, true, p1, gamma, k, "DYNAMIC");
          const w2 = systemSideWeight(true, true, p2, gamma, k, "DYNAMIC");
          expect(w1).toBeGreaterThanOrEqual(1);
          expect(w1).toBeLessThanOrEqual(1 + gamma + 1e-12);
          if (p1 <= p2) expect(w1).toBeLessThanOrEqual(w2);
        },
      ),
    );
  });
  it("property: undesirable tool-invoking impressions are masked under DYNAMIC and STATIC", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<SystemSideMode>("DYNAMIC", "STATIC"),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (p, mode, wU, userSide) => {
          const wS = systemSideWeight(false, true, p, 1.25, 3, mode);
          expect(wS).toBe(0);
          expect(combinedWeight(false, userSide ? 1 + wU : 1, wS, userSide, mode)).toBe(0);
        },
      ),
    );
  });
});

describe("Eq. 9 combinedWeight", () => {
  it("both sides: desirable max, undesirable min", () => {
    // desirable: max(0.8, 1.5) = 1.5; undesirable: min(1.2, 0) = 0
    expect(combinedWeight(true, 0.8, 1.5, true, "DYNAMIC")).toBe(1.5);
    expect(combinedWeight(false, 1.2, 0, true, "DYNAMIC")).toBe(0);
    expect(combinedWeight(false, 1.2, 1, true, true)).toBe(1);
  });
  it("one side: that side's weight; neither: 1", () => {
    expect(combinedWeight(true, 0.8, 1.5, true, "OFF")).toBe(0.8);
    expect(combinedWeight(true, 0.8, 1.5, false, "STATIC")).toBe(1.5);
    expect(combinedWeight(false, 0.8, 0, false, false)).toBe(1);
  });
  it("property: max/min rules", () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (desirable, wU, wS) => {
          const w = combinedWeight(desirable, wU, wS, true, "DYNAMIC");
          if (desirable) {
            expect(w).toBeGreaterThanOrEqual(wU);
            expect(w).toBeGreaterThanOrEqual(wS);
          } else {
            expect(w).toBeLessThanOrEqual(wU);
            expect(w).toBeLessThanOrEqual(wS);
          }
          expect([wU, wS]).toContain(w);
        },
      ),
    );
  });
});

describe("histogram", () => {
  it("bins like numpy.histogram (last bin closed) and counts out-of-range values", () => {
    // edges 0, 0.5, 1, 1.5, 2: 0 and 0.49 -> bin 0; 0.5 -> bin 1; 2 -> bin 3 (closed); -1 below; 3 above
    const h = histogram([0, 0.49, 0.5, 2, -1, 3, Number.NaN], 4, 0, 2);
    expect(h.edges).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(h.counts).toEqual([2, 1, 0, 1]);
    expect([h.below, h.above, h.nan]).toEqual([1, 1, 1]);
  });
  it("rejects bad ranges", () => {
    expect(() => histogram([1], 0, 0, 1)).toThrow(RangeError);
    expect(() => histogram([1], 3, 1, 1)).toThrow(RangeError);
  });
});

describe("calibrate", () => {
  // Tools: counts 10, 50, 50, 100 -> p(a.x) = 0, p(a.y) = p(a.z) = 1/3, p(b.w) = 1.
  const percentiles = frequencyPercentiles([
    { id: "a.x", invocationCount: 10 },
    { id: "a.y", invocationCount: 50 },
    { id: "a.z", invocationCount: 50 },
    { id: "b.w", invocationCount: 100 },
  ]);
  const sg = (toolId: string | null, exposed: boolean, clicked: boolean) => ({ toolId, exposed, clicked });
  const impressions: CalibrationImpression[] = [
    // desirable, clicked a.y -> tool-invoking, p = 1/3
    { id: "i1", userId: "u1", suggestions: [sg("a.y", true, true), sg("b.w", true, false), sg(null, false, false)] },
    // desirable, clicked a general query -> not tool-invoking (exposed b.w does not count)
    { id: "i2", userId: "u1", suggestions: [sg(null, true, true), sg("b.w", true, false)] },
    // undesirable, exposed a.x and b.w -> tool-invoking, deciding tool b.w (p = 1)
    { id: "i3", userId: "u1", suggestions: [sg("a.x", true, false), sg("b.w", true, false), sg("a.y", false, false)] },
    // undesirable, b.w not exposed -> not tool-invoking
    { id: "i4", userId: "u2", suggestions: [sg(null, true, false), sg("b.w", false, false)] },
    // desirable, clicked b.w (p = 1) and a.x (p = 0) -> deciding b.w
    { id: "i5", userId: "u2", suggestions: [sg("b.w", true, true), sg("a.x", true, true)] },
    { id: "i6", userId: "u3", suggestions: [sg(null, true, false)] },
    // clicked but never exposed -> undesirable, not tool-invoking
    { id: "i7", userId: "u3", suggestions: [sg("a.z", false, true)] },
  ];
  // uctr: u1 2/3, u2 1/2, u3 0. s = populationStd([2/3, 1/2, 0]) = sqrt(26)/18 = 0.283279.
  // mu = 0.07 (FIXED). w_u = 1 -/+ 0.25 * tanh((uctr - 0.07) / 0.283279):
  //   u1: tanh(2.106366) = 0.970816 -> desirable 0.757296, undesirable 1.242704
  //   u2: tanh(1.518925) = 0.908338 -> desirable 0.772916, undesirable 1.227084
  //   u3: tanh(-0.247106) = -0.242197 -> undesirable 0.939451
  // w_s (DYNAMIC): i1 2.25^((1/3)^3) = 2.25^(1/27) = 1.030490; i3 0; i5 2.25^1 = 2.25; others 1.
  // Eq. 9: i1 max(0.757296, 1.030490) = 1.030490; i2 max(0.757296, 1) = 1; i3 min(1.242704, 0) = 0;
  //   i4 min(1.227084, 1) = 1; i5 max(0.772916, 2.25) = 2.25; i6, i7 min(0.939451, 1) = 0.939451.
  const expected = [
    { id: "i1", d: true, uctr: 2 / 3, ti: true, tool: "a.y", p: 1 / 3, wU: 0.757296055737146, wS: 1.0304900362509237, w: 1.0304900362509237 },
    { id: "i2", d: true, uctr: 2 / 3, ti: false, tool: null, p: null, wU: 0.757296055737146, wS: 1, w: 1 },
    { id: "i3", d: false, uctr: 2 / 3, ti: true, tool: "b.w", p: 1, wU: 1.242703944262854, wS: 0, w: 0 },
    { id: "i4", d: false, uctr: 0.5, ti: false, tool: null, p: null, wU: 1.2270844493902786, wS: 1, w: 1 },
    { id: "i5", d: true, uctr: 0.5, ti: true, tool: "b.w", p: 1, wU: 0.7729155506097214, wS: 2.25, w: 2.25 },
    { id: "i6", d: false, uctr: 0, ti: false, tool: null, p: null, wU: 0.9394508379093574, wS: 1, w: 0.9394508379093574 },
    { id: "i7", d: false, uctr: 0, ti: false, tool: null, p: null, wU: 0.9394508379093574, wS: 1, w: 0.9394508379093574 },
  ];

  it("ToolRec (user side + DYNAMIC): per-sample values match the hand computation", () => {
    const { samples, aggregates } = calibrate(impressions, percentiles);
    expect(samples).toHaveLength(7);
    samples.forEach((sample, i) => {
      const e = expected[i]!;
      expect(sample.impressionId).toBe(e.id);
      expect(sample.desirable).toBe(e.d);
      expect(sample.uctr).toBeCloseTo(e.uctr, 12);
      expect(sample.toolInvoking).toBe(e.ti);
      expect(sample.toolId).toBe(e.tool);
      if (e.p === null) expect(sample.frequencyPercentile).toBeNull();
      else expect(sample.frequencyPercentile).toBeCloseTo(e.p, 12);
      expect(sample.wU).toBeCloseTo(e.wU, 12);
      expect(sample.wS).toBeCloseTo(e.wS, 12);
      expect(sample.weight).toBeCloseTo(e.w, 12);
      expect(sample.masked).toBe(e.w === 0);
    });
    expect(aggregates.mu).toBe(0.07);
    expect(aggregates.s).toBeCloseTo(Math.sqrt(26) / 18, 14);
    expect(aggregates.users).toBe(3);
    expect(aggregates.counts).toEqual({ total: 7, desirable: 3, undesirable: 4, masked: 1, toolInvoking: 3 });
    const ws = expected.map((e) => e.w);
    const sum = ws.reduce((a, b) => a + b, 0);
    const sum2 = ws.reduce((a, b) => a + b * b, 0);
    expect(aggregates.weightSum).toBeCloseTo(sum, 12);
    expect(aggregates.effectiveSampleSize).toBeCloseTo((sum * sum) / sum2, 12);
    const h = aggregates.histograms;
    const total = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
    expect(total(h.weight.desirable.counts)).toBe(3);
    expect(total(h.weight.undesirable.counts)).toBe(4);
    expect(total(h.wU.desirable.counts) + total(h.wU.undesirable.counts)).toBe(7);
    expect(h.wS.undesirable.counts[0]).toBe(1); // the masked i3
    expect(h.weight.desirable.edges.at(-1)).toBe(2.25);
  });

  it("Table 2 variants: sides that are off report 1", () => {
    const vanilla = calibrate(impressions, percentiles, TABLE2_VARIANTS["1"]).samples;
    expect(vanilla.map((s) => [s.wU, s.wS, s.weight])).toEqual(vanilla.map(() => [1, 1, 1]));

    const userOnly = calibrate(impressions, percentiles, TABLE2_VARIANTS["2"]).samples;
    userOnly.forEach((s, i) => {
      expect(s.wS).toBe(1);
      expect(s.weight).toBeCloseTo(expected[i]!.wU, 12);
    });

    // STATIC only: desirable tool-invoking 2.25 (i1, i5), undesirable tool-invoking 0 (i3), else 1.
    const staticOnly = calibrate(impressions, percentiles, TABLE2_VARIANTS["3"]).samples;
    expect(staticOnly.map((s) => s.weight)).toEqual([2.25, 1, 0, 1, 2.25, 1, 1]);
    expect(staticOnly.every((s) => s.wU === 1)).toBe(true);

    // user + STATIC: i1 max(0.757296, 2.25) = 2.25; others as ToolRec except i1.
    const variant4 = calibrate(impressions, percentiles, TABLE2_VARIANTS["4"]).samples;
    expect(variant4[0]!.weight).toBe(2.25);
    expect(variant4[3]!.weight).toBe(1);
    expect(variant4[5]!.weight).toBeCloseTo(0.9394508379093574, 12);
  });

  it("UPPER_QUARTILE mu and explicit s", () => {
    // mu = upperQuartile([2/3, 1/2, 0]) = 7/12; s = 0.5 given.
    // i1: t = tanh((2/3 - 7/12) / 0.5) = tanh(1/6) = 0.165140 -> w_u = 1 - 0.25 * 0.165140 = 0.958715
    const { samples, aggregates } = calibrate(impressions, percentiles, { muMode: "UPPER_QUARTILE", s: 0.5 });
    expect(aggregates.mu).toBeCloseTo(7 / 12, 14);
    expect(aggregates.s).toBe(0.5);
    expect(samples[0]!.wU).toBeCloseTo(1 - 0.25 * Math.tanh(1 / 6), 12);
  });

  it("accepts a lookup function and rejects unknown tools", () => {
    const viaFn = calibrate(impressions, (id) => percentiles.get(id));
    expect(viaFn.samples.map((s) => s.weight)).toEqual(calibrate(impressions, percentiles).samples.map((s) => s.weight));
    const bad: CalibrationImpression[] = [
      { id: "x", userId: "u", suggestions: [sg(null, true, false)] },
      { id: "y", userId: "u", suggestions: [sg("nope.tool", true, false)] },
    ];
    try {
      calibrate(bad, percentiles);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalibrationInputError);
      expect((e as CalibrationInputError).field).toBe("impressions[1]");
    }
  });

  it("handles an empty window", () => {
    const { samples, aggregates } = calibrate([], percentiles, { muMode: "UPPER_QUARTILE" });
    expect(samples).toEqual([]);
    expect(aggregates.mu).toBe(DEFAULT_CALIBRATION_CONFIG.mu);
    expect(aggregates.effectiveSampleSize).toBe(0);
  });

  const impressionsArb = fc.array(
    fc.record({
      userId: fc.constantFrom("u1", "u2", "u3", "u4"),
      suggestions: fc.array(
        fc.record({
          toolId: fc.constantFrom(null, "a.x", "a.y", "a.z", "b.w"),
          exposed: fc.boolean(),
          clicked: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
    }),
    { maxLength: 40 },
  );

  it("property: bounds and masking hold on random windows, columns agree with samples", () => {
    fc.assert(
      fc.property(impressionsArb, fc.constantFrom<SystemSideMode>("OFF", "STATIC", "DYNAMIC"), fc.boolean(), (raw, mode, userSide) => {
        const imps = raw.map((r, i) => ({ id: `i${i}`, ...r }));
        const cfg = { systemSide: mode, userSide };
        const { samples, aggregates } = calibrate(imps, percentiles, cfg);
        const columns = calibrateColumns(imps, percentiles, cfg);
        let masked = 0;
        samples.forEach((s, i) => {
          expect(s.wU).toBeGreaterThanOrEqual(0.75);
          expect(s.wU).toBeLessThanOrEqual(1.25);
          if (!userSide) expect(s.wU).toBe(1);
          if (mode === "OFF") expect(s.wS).toBe(1);
          if (mode !== "OFF" && s.toolInvoking && !s.desirable) expect(s.masked).toBe(true);
          if (mode === "DYNAMIC" && s.toolInvoking && s.desirable) {
            expect(s.wS).toBeGreaterThanOrEqual(1);
            expect(s.wS).toBeLessThanOrEqual(2.25);
          }
          expect(s.toolInvoking).toBe(s.toolId !== null);
          expect(s.weight).toBe(columns.weight[i]);
          if (s.masked) masked++;
        });
        expect(aggregates.counts.masked).toBe(masked);
        expect(aggregates.effectiveSampleSize).toBeLessThanOrEqual(samples.length + 1e-9);
      }),
    );
  });
});
