import { describe, expect, it } from "vitest";
import { KtoInputError, mismatchedKlPairs, weightedKtoLoss, type WeightedKtoInput } from "../src/index";
import { KTO_VECTORS } from "../test-support";

// Test vectors from docs/definitions.md, in the golden file the Python trainer's tests read too.
const vector = (name: string) => KTO_VECTORS.vectors.find((v) => v.name === name)!;
const TV1: WeightedKtoInput = vector("TV1").input;
const TV2: WeightedKtoInput = vector("TV2").input;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

describe("weightedKtoLoss", () => {
  it.each(KTO_VECTORS.vectors)("$name: z and L as in definitions.md (golden file)", ({ input, expected }) => {
    const r = weightedKtoLoss(input);
    expect(Math.abs(r.z - expected.z)).toBeLessThanOrEqual(KTO_VECTORS.tolerance);
    expect(Math.abs(r.loss - expected.loss)).toBeLessThanOrEqual(KTO_VECTORS.tolerance);
  });

  it("TV1: z = 0.0325, L = 0.478143", () => {
    // KL diffs 0.5, 0.2, 0.1, 0.5 -> mean 0.325 -> z = 0.1 * 0.325 = 0.0325
    // r = 1, -0.5, 1, -1 -> beta*r = 0.1, -0.05, 0.1, -0.1
    // losses: 1 - s(0.1 - 0.0325) = 0.483131, 1 - s(0.0325 + 0.05) = 0.479387,
    //         0.483131, 1 - s(0.0325 + 0.1) = 0.466923 -> sum 1.912573 / 4 = 0.478143
    const r = weightedKtoLoss(TV1);
    expect(r.z).toBeCloseTo(0.0325, 6);
    expect(r.loss).toBeCloseTo(0.478143, 6);
    expect(r.kl).toBeCloseTo(0.325, 12);
    expect(r.losses[0]).toBeCloseTo(1 - sigmoid(0.1 - 0.0325), 12);
    expect(r.losses[1]).toBeCloseTo(1 - sigmoid(0.0325 - -0.05), 12);
    // rewards/chosen = mean(0.1, 0.1); rewards/rejected = mean(-0.05, -0.1)
    expect(r.rewardsChosen).toBeCloseTo(0.1, 12);
    expect(r.rewardsRejected).toBeCloseTo(-0.075, 12);
    expect(r.rewardsMargins).toBeCloseTo(0.175, 12);
    expect(r.logpsChosen).toBe(-9);
    expect(r.logpsRejected).toBe(-13.5);
    expect(r.nanRows).toBe(0);
  });

  it("TV2: z = 0.05, L = 0.718422 (weights and lambda_D = 1.33)", () => {
    // KL diffs 1, 0.5, -1, 1, 1 -> mean 0.5 -> z = 0.05
    // L = (0.5*1.33*(1-s(0.1-0.05)) + 2*1.33*(1-s(-0.1-0.05)) + 1*(1-s(0.05-0.05))
    //      + 1.5*(1-s(0.05+0.2)) + 1*1.33*(1-s(0-0.05))) / 5
    //   = (0.324189 + 1.429563 + 0.5 + 0.656735 + 0.681622) / 5 = 3.592109 / 5 = 0.718422
    const r = weightedKtoLoss(TV2);
    expect(r.z).toBeCloseTo(0.05, 6);
    expect(r.loss).toBeCloseTo(0.718422, 6);
    const manual =
      (0.5 * 1.33 * (1 - sigmoid(0.05)) +
        2 * 1.33 * (1 - sigmoid(-0.15)) +
        1 * (1 - sigmoid(0)) +
        1.5 * (1 - sigmoid(0.25)) +
        1 * 1.33 * (1 - sigmoid(-0.05))) /
      5;
    expect(r.loss).toBeCloseTo(manual, 12);
    expect(r.weightedLosses.reduce((a, b) => a + b, 0) / 5).toBeCloseTo(r.loss, 12);
  });

  it("z is clamped at 0 and unweighted", () => {
    const r = weightedKtoLoss({ ...TV1, klPolicyLogps: [-14, -12, -13, -11] });
    expect(r.z).toBe(0);
    expect(r.kl).toBe(0);
    const w = weightedKtoLoss({ ...TV1, weights: [0, 0, 5, 5] });
    expect(w.z).toBeCloseTo(0.0325, 12);
  });

  it("weight 0 masks an example but N stays the batch size", () => {
    const base = weightedKtoLoss(TV1);
    const r = weightedKtoLoss({ ...TV1, weights: [1, 0, 1, 1] });
    expect(r.weightedLosses[1]).toBe(0);
    expect(r.loss).toBeCloseTo((base.losses[0]! + base.losses[2]! + base.losses[3]!) / 4, 12);
  });

  it("NaN rows are masked before weighting", () => {
    const r = weightedKtoLoss({ ...TV1, policyLogps: [-10, Number.NaN, -8, -15], weights: [1, 0, 1, 1] });
    expect(r.loss).toBeCloseTo(weightedKtoLoss({ ...TV1, weights: [1, 0, 1, 1] }).loss, 12);
    expect(r.nanRows).toBe(1);
    expect(r.losses[1]).toBeNaN();
    expect(r.weightedLosses[1]).toBe(0);
    // a NaN weight also masks the row
    const rw = weightedKtoLoss({ ...TV1, weights: [1, Number.NaN, 1, 1] });
    expect(rw.loss).toBeCloseTo(r.loss, 12);
    // a NaN KL pair is left out of z's mean: diffs 0.5, 0.1, 0.5 -> mean 1.1/3
    const rk = weightedKtoLoss({ ...TV1, klPolicyLogps: [-13, Number.NaN, -12, -9.5] });
    expect(rk.z).toBeCloseTo((0.1 * 1.1) / 3, 12);
  });

  it("weights default to 1 and lambdas to 1", () => {
    const { weights: _w, lambdaD: _d, lambdaU: _u, ...rest } = TV1;
    expect(weightedKtoLoss(rest).loss).toBeCloseTo(0.478143, 6);
  });

  it.each([
    [{ policyLogps: [-1] , referenceLogps: [-1], klPolicyLogps: [-1], klReferenceLogps: [-1], labels: [true], weights: [1] }, "policyLogps"],
    [{ referenceLogps: [-11, -11.5, -9] }, "referenceLogps"],
    [{ klPolicyLogps: [-13, -11, -12] }, "klPolicyLogps"],
    [{ klReferenceLogps: [-13.5] }, "klReferenceLogps"],
    [{ labels: [true, false] }, "labels"],
    [{ weights: [1, 1, 1] }, "weights"],
    [{ weights: [1, -1, 1, 1] }, "weights"],
    [{ beta: 0 }, "beta"],
    [{ lambdaD: -1 }, "lambdaD"],
    [{ lambdaU: Number.NaN }, "lambdaU"],
  ])("rejects bad input %# naming field %s", (patch, field) => {
    try {
      weightedKtoLoss({ ...TV1, ...(patch as Partial<WeightedKtoInput>) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(KtoInputError);
      expect((e as KtoInputError).field).toBe(field);
    }
  });
});

describe("mismatchedKlPairs", () => {
  it("pairs prompt j with completion (j - 1 mod N)", () => {
    expect(mismatchedKlPairs(4)).toEqual([3, 0, 1, 2]);
    expect(mismatchedKlPairs(2)).toEqual([1, 0]);
    expect(mismatchedKlPairs(0)).toEqual([]);
    expect(() => mismatchedKlPairs(-1)).toThrow(RangeError);
  });
});
