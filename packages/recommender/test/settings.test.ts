import { describe, expect, it } from "vitest";
import { ValidationError } from "@toolrec/core";
import { OPENAI_DEFAULTS, resolveSuggestionCounts, validateModelVersionSettings } from "../src/index";

function fieldsOf(fn: () => unknown): { field: string; details: string[] } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    const e = err as ValidationError;
    expect(e.code).toBe("BAD_USER_INPUT");
    return { field: e.field, details: (e.details ?? [{ field: e.field, message: e.message }]).map((d) => d.field) };
  }
  throw new Error("expected a ValidationError");
}

describe("validateModelVersionSettings", () => {
  it("accepts the grounded generator, with no settings", () => {
    expect(validateModelVersionSettings({ kind: "grounded" })).toEqual({ kind: "grounded" });
    expect(fieldsOf(() => validateModelVersionSettings({ kind: "grounded", model: "x" })).field).toBe("settings.model");
  });

  it("fills an OpenAI-compatible version's defaults (deadline 1.5 s) and normalises the base URL", () => {
    expect(validateModelVersionSettings({ kind: "openai", baseUrl: " http://127.0.0.1:8000/v1/ ", model: " toolrec-lora " })).toEqual({
      kind: "openai",
      baseUrl: "http://127.0.0.1:8000/v1",
      model: "toolrec-lora",
      ...OPENAI_DEFAULTS,
    });
    expect(OPENAI_DEFAULTS.timeoutMs).toBe(1500);
    const full = { kind: "openai", baseUrl: "https://models.internal/v1", model: "m", api: "completions", apiKeyEnv: "VLLM_KEY", temperature: 0, maxTokens: 128, timeoutMs: 800 };
    expect(validateModelVersionSettings(full)).toEqual(full);
    // What is stored validates to itself.
    expect(validateModelVersionSettings(validateModelVersionSettings(full))).toEqual(full);
  });

  it.each([
    [null, "settings"],
    [{ kind: "llama" }, "settings.kind"],
    [{ kind: "openai", model: "m" }, "settings.baseUrl"],
    [{ kind: "openai", baseUrl: "not a url", model: "m" }, "settings.baseUrl"],
    [{ kind: "openai", baseUrl: "ftp://host/v1", model: "m" }, "settings.baseUrl"],
    [{ kind: "openai", baseUrl: "http://user:pw@host/v1", model: "m" }, "settings.baseUrl"],
    [{ kind: "openai", baseUrl: "http://host/v1?key=1", model: "m" }, "settings.baseUrl"],
    [{ kind: "openai", baseUrl: "http://host/v1", model: "" }, "settings.model"],
    [{ kind: "openai", baseUrl: "http://host/v1", model: "m", api: "responses" }, "settings.api"],
    [{ kind: "openai", baseUrl: "http://host/v1", model: "m", apiKeyEnv: "MY-KEY" }, "settings.apiKeyEnv"],
    [{ kind: "openai", baseUrl: "http://host/v1", model: "m", temperature: 3 }, "settings.temperature"],
    [{ kind: "openai", baseUrl: "http://host/v1", model: "m", maxTokens: 10.5 }, "settings.maxTokens"],
    [{ kind: "openai", baseUrl: "http://host/v1", model: "m", timeoutMs: 50 }, "settings.timeoutMs"],
    [{ kind: "openai", baseUrl: "http://host/v1", model: "m", timeout: 500 }, "settings.timeout"],
  ])("rejects %j on %s", (raw, field) => {
    expect(fieldsOf(() => validateModelVersionSettings(raw)).field).toBe(field);
  });

  it("refuses to store an API key, pointing to apiKeyEnv", () => {
    try {
      validateModelVersionSettings({ kind: "openai", baseUrl: "http://host/v1", model: "m", apiKey: "sk-1" });
      throw new Error("accepted");
    } catch (err) {
      expect((err as ValidationError).field).toBe("settings.apiKey");
      expect((err as Error).message).toMatch(/apiKeyEnv/);
      expect((err as Error).message).not.toContain("sk-1");
    }
  });

  it("reports every problem, under the caller's field name", () => {
    const { field, details } = fieldsOf(() => validateModelVersionSettings({ kind: "openai", baseUrl: "x", model: "", temperature: -1 }, "input.settings"));
    expect(field).toBe("input.settings.baseUrl");
    expect(details).toEqual(["input.settings.baseUrl", "input.settings.model", "input.settings.temperature"]);
  });
});

describe("resolveSuggestionCounts", () => {
  it("defaults to K = 6, N = 3 and checks 1 ≤ N ≤ K ≤ 12", () => {
    expect(resolveSuggestionCounts()).toEqual({ k: 6, n: 3 });
    expect(resolveSuggestionCounts(12, 12)).toEqual({ k: 12, n: 12 });
    expect(resolveSuggestionCounts(2)).toEqual({ k: 2, n: 2 });
    expect(fieldsOf(() => resolveSuggestionCounts(13)).field).toBe("k");
    expect(fieldsOf(() => resolveSuggestionCounts(0, 1)).field).toBe("k");
    expect(fieldsOf(() => resolveSuggestionCounts(4, 5)).field).toBe("n");
    expect(fieldsOf(() => resolveSuggestionCounts(4, 0)).field).toBe("n");
    expect(fieldsOf(() => resolveSuggestionCounts(6, 1.5)).field).toBe("n");
  });
});
