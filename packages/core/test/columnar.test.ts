import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  calibrateColumnar,
  calibrateColumns,
  calibratePrepared,
  CalibrationInputError,
  encodeColumnarWindow,
  histogram,
  prepareColumnarWindow,
  type CalibrationAggregates,
  type CalibrationConfigInput,
  type CalibrationImpression,
  type ColumnarWindow,
} from "../src/index";
import { calibrationOracle as reference } from "../test-support";

const TOOLS = new Map([["a.x", 0], ["a.y", 0.5], ["a.z", 1], ["b.w", 0.5]]);
const suggestion = fc.record({
  toolId: fc.constantFrom(null, null, "a.x", "a.y", "a.z", "b.w"),
  exposed: fc.boolean(),
  clicked: fc.boolean(),
});
const impression = fc.record({ id: fc.string(), userId: fc.constantFrom("u1", "u2", "u3", "u4", "u5"), suggestions: fc.array(suggestion, { minLength: 1, maxLength: 6 }) });
interface FullConfig {
  alpha: number;
  gamma: number;
  k: number;
  mu: number;
  muMode: "FIXED" | "UPPER_QUARTILE";
  s?: number;
  userSide: boolean;
  systemSide: "OFF" | "STATIC" | "DYNAMIC";
}
const config: fc.Arbitrary<FullConfig> = fc.record({
  // (an alpha so small that 1 - alpha == 1 + alpha makes the wU histogram range empty: a known edge)
  alpha: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })),
  gamma: fc.double({ min: 0, max: 3, noNaN: true }),
  k: fc.double({ min: 0.1, max: 5, noNaN: true }),
  mu: fc.double({ min: 0, max: 1, noNaN: true }),
  muMode: fc.constantFrom("FIXED" as const, "UPPER_QUARTILE" as const),
  s: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  userSide: fc.boolean(),
  systemSide: fc.constantFrom("OFF" as const, "STATIC" as const, "DYNAMIC" as const),
});

/**
 * A window with p filled in for every tool suggestion (as packages/db loads one), built
 * here rather than by encodeColumnarWindow, which leaves p out where it cannot count.
 */
function fullWindow(imps: readonly CalibrationImpression[], p: ReadonlyMap<string, number>): ColumnarWindow {
  const users = [...new Set(imps.map((imp) => imp.userId))];
  const all = imps.flatMap((imp) => imp.suggestions);
  const offsets = [0];
  for (const imp of imps) offsets.push(offsets.at(-1)! + imp.suggestions.length);
  return {
    length: imps.length,
    userIndex: Int32Array.from(imps, (imp) => users.indexOf(imp.userId)),
    userCount: users.length,
    offsets: Int32Array.from(offsets),
    toolP: Float64Array.from(all, (s) => (s.toolId === null ? Number.NaN : p.get(s.toolId)!)),
    exposed: Uint8Array.from(all, (s) => (s.exposed ? 1 : 0)),
    clicked: Uint8Array.from(all, (s) => (s.clicked ? 1 : 0)),
  };
}

const close = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));

/** Checks a calibration result (columns + aggregates) against the reference. */
function expectMatchesReference(
  got: { desirable: ArrayLike<number>; toolInvoking: ArrayLike<number>; uctr: ArrayLike<number>; frequencyPercentile: ArrayLike<number>; wU: ArrayLike<number>; wS: ArrayLike<number>; weight: ArrayLike<number>; aggregates: CalibrationAggregates },
  want: ReturnType<typeof reference>,
  cfg: FullConfig,
) {
  want.samples.forEach((e, i) => {
    expect(got.desirable[i]).toBe(e.desirable ? 1 : 0);
    expect(got.toolInvoking[i]).toBe(e.toolInvoking ? 1 : 0);
    expect(got.uctr[i]).toBe(e.uctr);
    if (e.p === null) expect(got.frequencyPercentile[i]).toBeNaN();
    else expect(got.frequencyPercentile[i]).toBe(e.p);
    close(got.wU[i]!, e.wU);
    close(got.wS[i]!, e.wS);
    close(got.weight[i]!, e.weight);
  });
  const a = got.aggregates;
  close(a.mu, want.mu);
  close(a.s, want.s);
  expect(a.users).toBe(want.users);
  expect(a.counts).toEqual(want.counts);
  close(a.weightSum, want.weightSum);
  close(a.effectiveSampleSize, want.ess);
  // Histograms: each label's values of each column, over the documented ranges.
  const byLabel = (col: ArrayLike<number>, d: boolean) => Array.from(col).filter((_, i) => want.samples[i]!.desirable === d);
  const ranges = {
    wU: cfg.alpha > 0 ? [1 - cfg.alpha, 1 + cfg.alpha] : [0, 2],
    wS: [0, 1 + cfg.gamma],
    weight: [0, Math.max(1 + cfg.alpha, 1 + cfg.gamma)],
  } as const;
  for (const col of ["wU", "wS", "weight"] as const) {
    const [min, max] = ranges[col];
    expect(a.histograms[col].desirable).toEqual(histogram(byLabel(got[col], true), 20, min!, max!));
    expect(a.histograms[col].undesirable).toEqual(histogram(byLabel(got[col], false), 20, min!, max!));
  }
}

describe("columnar calibration against an independent implementation of definitions.md", () => {
  it("calibrateColumnar and calibrateColumns match the reference (labels, p, uctr, weights, aggregates, histograms)", () => {
    fc.assert(
      fc.property(fc.array(impression, { maxLength: 40 }), config, fc.boolean(), (imps: CalibrationImpression[], cfg, viaFunction) => {
        const want = reference(imps, TOOLS, cfg);
        for (const window of [encodeColumnarWindow(imps, TOOLS), fullWindow(imps, TOOLS)]) {
          const columnar = calibrateColumnar(window, cfg);
          expectMatchesReference({ ...columnar.prepared, ...columnar }, want, cfg);
        }
        const columns = calibrateColumns(imps, viaFunction ? (id) => TOOLS.get(id) : TOOLS, cfg);
        expectMatchesReference(columns, want, cfg);
        expect(columns.toolIds).toEqual(want.samples.map((x) => x.toolId));
      }),
      { numRuns: 300 },
    );
  });

  it("reuses a prepared window across configs", () => {
    const imps: CalibrationImpression[] = [
      { id: "1", userId: "u1", suggestions: [{ toolId: "a.z", exposed: true, clicked: true }] },
      { id: "2", userId: "u1", suggestions: [{ toolId: "a.x", exposed: true, clicked: false }] },
      { id: "3", userId: "u2", suggestions: [{ toolId: null, exposed: true, clicked: false }] },
      { id: "4", userId: "u3", suggestions: [{ toolId: "a.y", exposed: true, clicked: true }] },
    ];
    const encoded = encodeColumnarWindow(imps, TOOLS);
    const prepared = prepareColumnarWindow(encoded);
    expect(encoded.users).toEqual(["u1", "u2", "u3"]);
    expect(Array.from(prepared.decidingSuggestion)).toEqual([0, 1, -1, 3]);
    const defaults: FullConfig = { alpha: 0.25, gamma: 1.25, k: 3, mu: 0.07, muMode: "FIXED", userSide: true, systemSide: "DYNAMIC" };
    for (const partial of [{}, { muMode: "UPPER_QUARTILE" as const }, { systemSide: "STATIC" as const, userSide: false }, { s: 0.2 }, {}]) {
      const cfg: FullConfig = { ...defaults, ...partial };
      const reused = calibratePrepared(prepared, partial);
      expectMatchesReference({ ...prepared, ...reused }, reference(imps, TOOLS, cfg), cfg);
      // the window statistics kept in `prepared.stats` give what a fresh window gives
      expect(reused.aggregates).toEqual(calibrateColumnar(encodeColumnarWindow(imps, TOOLS), partial).aggregates);
    }
  });

  it("asks only for the percentiles of tools that can decide p, and names the row of a missing one", () => {
    const asked: string[] = [];
    const lookup = (id: string) => (asked.push(id), TOOLS.get(id));
    // desirable: only the clicked a.y counts; unknown tools elsewhere are never asked for
    const ok: CalibrationImpression[] = [
      { id: "1", userId: "u", suggestions: [{ toolId: "no.a", exposed: true, clicked: false }, { toolId: "a.y", exposed: true, clicked: true }, { toolId: "no.b", exposed: false, clicked: true }] },
      { id: "2", userId: "u", suggestions: [{ toolId: "no.c", exposed: false, clicked: false }, { toolId: "a.z", exposed: true, clicked: false }] },
    ];
    const columns = calibrateColumns(ok, lookup);
    expect(asked).toEqual(["a.y", "a.z"]);
    expect(columns.toolIds).toEqual(["a.y", "a.z"]);
    expect(Array.from(columns.frequencyPercentile)).toEqual([0.5, 1]);

    const bad = [
      { userId: "u", suggestions: [{ toolId: null, exposed: true, clicked: false }] },
      { userId: "u", suggestions: [{ toolId: "no.tool", exposed: true, clicked: false }] },
    ];
    for (const run of [() => encodeColumnarWindow(bad, TOOLS), () => calibrateColumns(bad.map((b, i) => ({ id: `${i}`, ...b })), (id) => TOOLS.get(id))]) {
      try {
        run();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(CalibrationInputError);
        expect((e as CalibrationInputError).field).toBe("impressions[1]");
        expect((e as Error).message).toBe('impressions[1]: tool "no.tool" has no frequency percentile in [0, 1] (got undefined); pass only enabled tools');
      }
    }
    expect(() => calibrateColumns([{ id: "x", userId: "u", suggestions: [{ toolId: "a.x", exposed: true, clicked: true }] }], new Map([["a.x", 1.5]]))).toThrow(
      /tool "a.x" has no frequency percentile in \[0, 1\] \(got 1.5\)/,
    );
  });
});
