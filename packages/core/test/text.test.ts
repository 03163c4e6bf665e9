import { describe, expect, it } from "vitest";
import { normalizeText, tokenize } from "../src/index";

describe("normalizeText", () => {
  it("lowercases, strips punctuation and collapses whitespace", () => {
    expect(normalizeText("  Turn ON the Wi-Fi,   please! ")).toBe("turn on the wi fi please");
  });
  it("strips diacritics", () => {
    expect(normalizeText("Café crème BRÛLÉE")).toBe("cafe creme brulee");
  });
  it("joins words across apostrophes", () => {
    expect(normalizeText("Don't   stop")).toBe("dont stop");
    expect(normalizeText("Don\u2019t stop")).toBe("dont stop");
  });
  it("treats underscores, symbols and tabs/newlines as separators", () => {
    expect(normalizeText("clear_cache\t+\nnow")).toBe("clear cache now");
  });
  it("keeps digits and non-Latin letters", () => {
    expect(normalizeText("Set alarm 7:30")).toBe("set alarm 7 30");
    expect(normalizeText("打开 蓝牙!")).toBe("打开 蓝牙");
  });
  it("maps punctuation-only text to the empty string", () => {
    expect(normalizeText("?!...")).toBe("");
  });
  it("gives ASCII text (its fast path) the same result as the Unicode rules", () => {
    // Every ASCII character, alone and between letters, against the general rules spelled out.
    const general = (s: string) => s.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/['\u2018\u2019\u02bc\uff07]/gu, "").replace(/[\p{P}\p{S}]+/gu, " ").replace(/\s+/gu, " ").trim();
    for (let c = 0; c < 128; c++) {
      for (const s of [String.fromCharCode(c), `Ab${String.fromCharCode(c)}cD`, ` x ${String.fromCharCode(c)}${String.fromCharCode(c)} y `]) expect(normalizeText(s)).toBe(general(s));
    }
    expect(normalizeText("Don't   stop_NOW!! (ok)")).toBe(general("Don't   stop_NOW!! (ok)"));
  });
  it("is idempotent", () => {
    const once = normalizeText("Ça   va? Wi-Fi's ON");
    expect(normalizeText(once)).toBe(once);
  });
});

describe("tokenize", () => {
  it("splits normalised text into words", () => {
    expect(tokenize("Clear the device-cache!")).toEqual(["clear", "the", "device", "cache"]);
  });
  it("returns [] for blank input", () => {
    expect(tokenize("   ")).toEqual([]);
    expect(tokenize("")).toEqual([]);
  });
});

describe("jsonEqual", () => {
  it("ignores object key order, as jsonb does, but not array order", async () => {
    const { jsonEqual } = await import("../src/json");
    expect(jsonEqual({ source: "oem", reason: "x" }, { reason: "x", source: "oem" })).toBe(true);
    expect(jsonEqual([{ a: 1, b: [1, 2] }], [{ b: [1, 2], a: 1 }])).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual({ a: null }, { a: undefined })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
