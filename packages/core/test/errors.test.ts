import { describe, expect, it } from "vitest";
import {
  boundJson, CalibrationConfigError, CalibrationInputError, ConflictError, KtoInputError, NotFoundError, parseTimestamp, resolveCalibrationConfig,
  storableText, ToolRecError, UnavailableError, ValidationError, weightedKtoLoss,
} from "../src/index";

describe("one error hierarchy", () => {
  it("makes every domain input error a ValidationError with a field (BAD_USER_INPUT)", () => {
    const errors = [new CalibrationConfigError("alpha", "must be in [0, 1]"), new CalibrationInputError("impressions[3]", "no percentile"), new KtoInputError("beta", "must be > 0")];
    for (const e of errors) {
      expect(e).toBeInstanceOf(ValidationError);
      expect(e).toBeInstanceOf(ToolRecError);
      expect(e.code).toBe("BAD_USER_INPUT");
    }
    expect(errors.map((e) => [e.name, e.field])).toEqual([["CalibrationConfigError", "alpha"], ["CalibrationInputError", "impressions[3]"], ["KtoInputError", "beta"]]);
  });

  it("is what the domain functions throw", () => {
    expect(() => resolveCalibrationConfig({ alpha: 2 })).toThrow(ValidationError);
    expect(() => weightedKtoLoss({ policyLogps: [0], referenceLogps: [0], klPolicyLogps: [0], klReferenceLogps: [0], labels: [true], weights: [1] } as never)).toThrow(ValidationError);
  });

  it("gives each class its code", () => {
    expect([new ConflictError("stale", 3).code, new NotFoundError("tool", "x").code, new UnavailableError("hub down").code]).toEqual(["CONFLICT", "NOT_FOUND", "UNAVAILABLE"]);
    expect(new UnavailableError("hub down").name).toBe("UnavailableError");
  });
});

describe("boundJson: what a log keeps of a client's value", () => {
  it("cuts a 1 MB string to its start and says how much more there was", () => {
    const bounded = boundJson({ input: { description: "d".repeat(1_000_000) } }) as { input: { description: string } };
    expect(bounded.input.description.startsWith("d".repeat(200))).toBe(true);
    expect(bounded.input.description).toMatch(/… \(\+999800 more characters\)$/);
    expect(JSON.stringify(bounded).length).toBeLessThan(400);
  });
  it("makes text storable, counts long lists, elides deep values and caps the size", () => {
    expect(storableText("a\u0000b\ud800c")).toBe("a\ufffdb\ufffdc");
    expect(boundJson({ list: Array.from({ length: 50 }, (_, i) => i) })).toEqual({ list: { items: 50 } });
    let deep: unknown = "x";
    for (let i = 0; i < 10; i++) deep = { a: deep };
    expect(JSON.stringify(boundJson(deep))).toBe('{"a":{"a":{"a":{"a":{"a":{"a":"…"}}}}}}');
    const wide = Object.fromEntries(Array.from({ length: 90 }, (_, i) => [`k${i}`, "v".repeat(150)]));
    expect(boundJson(wide)).toEqual({ truncated: true, bytes: expect.any(Number) });
  });
});

describe("parseTimestamp", () => {
  it("rejects impossible dates and, when asked, takes a plain date as midnight UTC", () => {
    expect(parseTimestamp("2026-02-30T00:00:00Z")).toBeNull();
    expect(parseTimestamp("2026-02-30", { allowDate: true })).toBeNull();
    expect(parseTimestamp("2026-02-28", { allowDate: true })?.toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(parseTimestamp("2026-02-28")).toBeNull();
    expect(parseTimestamp("2024-02-29T12:00:00+02:00")?.toISOString()).toBe("2024-02-29T10:00:00.000Z");
  });
});
