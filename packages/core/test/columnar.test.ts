import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calibrateColumnar, calibrateColumns, calibratePrepared, encodeColumnarWindow, prepareColumnarWindow, type CalibrationConfigInput, type CalibrationImpression } from "../src/index";

const TOOLS = new Map([["a.x", 0], ["a.y", 0.5], ["a.z", 1], ["b.w", 0.5]]);
const suggestion = fc.record({
  toolId: fc.constantFrom(null, null, "a.x", "a.y", "a.z", "b.w"),
  exposed: fc.boolean(),
  clicked: fc.boolean(),
});
const impression = fc.record({ id: fc.string(), userId: fc.constantFrom("u1", "u2", "u3", "u4", "u5"), suggestions: fc.array(suggestion, { minLength: 1, maxLength: 6 }) });
const config: fc.Arbitrary<CalibrationConfigInput> = fc.record({
  // (an alpha so small that 1 - alpha == 1 + alpha makes calibrateColumns' wU histogram range empty: a known edge)
  alpha: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1, noNaN: true })),
  gamma: fc.double({ min: 0, max: 3, noNaN: true }),
  k: fc.double({ min: 0.1, max: 5, noNaN: true }),
  mu: fc.double({ min: 0, max: 1, noNaN: true }),
  muMode: fc.constantFrom("FIXED" as const, "UPPER_QUARTILE" as const),
  s: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
  userSide: fc.boolean(),
  systemSide: fc.constantFrom("OFF" as const, "STATIC" as const, "DYNAMIC" as const),
});

describe("calibrateColumnar", () => {
  it("equals calibrateColumns bit for bit (weights, labels, p, aggregates, histograms)", () => {
    fc.assert(
      fc.property(fc.array(impression, { maxLength: 40 }), config, (imps: CalibrationImpression[], cfg) => {
        const expected = calibrateColumns(imps, TOOLS, cfg);
        const got = calibrateColumnar(encodeColumnarWindow(imps, TOOLS), cfg);
        expect(Array.from(got.weight)).toEqual(Array.from(expected.weight));
        expect(Array.from(got.wU)).toEqual(Array.from(expected.wU));
        expect(Array.from(got.wS)).toEqual(Array.from(expected.wS));
        expect(Array.from(got.prepared.desirable)).toEqual(Array.from(expected.desirable));
        expect(Array.from(got.prepared.toolInvoking)).toEqual(Array.from(expected.toolInvoking));
        expect(Array.from(got.prepared.uctr)).toEqual(Array.from(expected.uctr));
        expect(Array.from(got.prepared.frequencyPercentile)).toEqual(Array.from(expected.frequencyPercentile));
        expect(got.aggregates).toEqual(expected.aggregates);
      }),
      { numRuns: 300 },
    );
  });

  it("reuses a prepared window across configs", () => {
    const imps: CalibrationImpression[] = [
      { id: "1", userId: "u1", suggestions: [{ toolId: "a.z", exposed: true, clicked: true }] },
      { id: "2", userId: "u1", suggestions: [{ toolId: "a.x", exposed: true, clicked: false }] },
      { id: "3", userId: "u2", suggestions: [{ toolId: null, exposed: true, clicked: false }] },
    ];
    const encoded = encodeColumnarWindow(imps, TOOLS);
    const prepared = prepareColumnarWindow(encoded);
    expect(encoded.users).toEqual(["u1", "u2"]);
    expect(Array.from(prepared.decidingSuggestion)).toEqual([0, 1, -1]);
    for (const cfg of [{}, { muMode: "UPPER_QUARTILE" as const }, { systemSide: "STATIC" as const, userSide: false }]) {
      expect(calibratePrepared(prepared, cfg).aggregates).toEqual(calibrateColumns(imps, TOOLS, cfg).aggregates);
    }
    expect(() => encodeColumnarWindow([{ userId: "u", suggestions: [{ toolId: "no.tool", exposed: true, clicked: false }] }], TOOLS)).toThrow(RangeError);
  });
});
