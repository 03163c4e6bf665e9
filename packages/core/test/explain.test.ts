import { describe, expect, it } from "vitest";
import { explainWeight, resolveCalibrationConfig } from "../src/index";

describe("explainWeight (Eq. 6, 7, 9 terms)", () => {
  const cfg = resolveCalibrationConfig({});
  it("a desirable tool-invoking sample under the paper's defaults", () => {
    const b = explainWeight({ desirable: true, uctr: 0.02, toolInvoking: true, toolId: "t", p: 0.8 }, cfg, 0.07, 0.05);
    expect(b.t).toBeCloseTo(Math.tanh((0.02 - 0.07) / 0.05), 12);
    expect(b.wU).toBeCloseTo(1 - 0.25 * Math.tanh(-1), 12);
    expect(b.pToTheK).toBeCloseTo(0.512, 12);
    expect(b.dynamicBoost).toBeCloseTo(Math.pow(2.25, 0.512), 12);
    expect(b.wS).toBeCloseTo(Math.pow(2.25, 0.512), 12);
    expect(b.combination).toBe("MAX");
    expect(b.weight).toBeCloseTo(Math.max(b.wU, b.wS), 12);
    expect(b.steps).toHaveLength(4);
  });
  it("an undesirable tool-invoking sample is masked (min with wS = 0)", () => {
    const b = explainWeight({ desirable: false, uctr: 0.2, toolInvoking: true, toolId: "t", p: 0.3 }, cfg, 0.07, 0.05);
    expect(b.wS).toBe(0);
    expect(b.combination).toBe("MIN");
    expect(b.weight).toBe(0);
    expect(b.masked).toBe(true);
  });
  it("s = 0 gives wU = 1 and no t", () => {
    const b = explainWeight({ desirable: true, uctr: 0.2, toolInvoking: false, toolId: null, p: null }, resolveCalibrationConfig({ systemSide: "OFF" }), 0.07, 0);
    expect(b.t).toBeNull();
    expect(b.wU).toBe(1);
    expect(b.combination).toBe("USER_SIDE_ONLY");
  });
});
