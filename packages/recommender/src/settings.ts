/**
 * Model-version settings: which generator a model version uses and its settings, as the
 * registry stores them (JSON). validateModelVersionSettings normalises (defaults filled in),
 * so what is stored is what runs. API keys are never stored: a version names the environment
 * variable that holds its key.
 */

import { ValidationError, type FieldError } from "@toolrec/core";
import { FEATURE_NAMES } from "./ranker/features";

export type GeneratorKind = "grounded" | "openai" | "ranker";

export interface GroundedSettings {
  readonly kind: "grounded";
}

/**
 * Any server speaking the OpenAI protocol: vLLM, SGLang, llama.cpp's server, Ollama,
 * `transformers serve`. `api: "chat"` posts the prompt as the one user message to
 * {baseUrl}/chat/completions (the server applies its chat template); `api: "completions"`
 * posts the raw prompt to {baseUrl}/completions, exactly the text a LoRA adapter trained by
 * apps/trainer saw (its prompts are not wrapped in a chat template).
 */
export interface OpenAiSettings {
  readonly kind: "openai";
  /** Up to and including the version path, e.g. "http://127.0.0.1:8000/v1". */
  readonly baseUrl: string;
  /** The served model name; for vLLM a LoRA adapter's name from `--lora-modules name=path`. */
  readonly model: string;
  readonly api: "chat" | "completions";
  /** The environment variable holding the API key, or null for none (local servers). */
  readonly apiKeyEnv: string | null;
  readonly temperature: number;
  readonly maxTokens: number;
  /** The deadline for the model's answer, retry included; past it the grounded generator answers. */
  readonly timeoutMs: number;
}

/**
 * The linear policy `toolrec/ranker` (ranker/index.ts), its weights inline: ten numbers, so the
 * stored settings are the whole model (a version keeps serving when its run's artifacts are
 * deleted, and anything that reads the registry, offline experiments included, can build it
 * without the artifact store). `features` names the weights in order and must be this build's
 * FEATURE_NAMES (a version trained for other features is refused, not served wrongly).
 */
export interface RankerSettings {
  readonly kind: "ranker";
  readonly features: readonly string[];
  readonly weights: readonly number[];
}

export type ModelVersionSettings = GroundedSettings | OpenAiSettings | RankerSettings;

/** Largest |weight| a ranker version takes: far beyond any trained one, and exp() stays finite. */
export const RANKER_MAX_WEIGHT = 1e6;
const RANKER_FIELDS = new Set(["kind", "features", "weights"]);

export const OPENAI_DEFAULTS = Object.freeze({
  api: "chat" as const,
  apiKeyEnv: null,
  temperature: 0.7,
  /** K = 12 suggestions of about 15 tokens each fit. */
  maxTokens: 256,
  timeoutMs: 1500,
});

export const OPENAI_LIMITS = Object.freeze({
  baseUrlLength: 2000,
  modelLength: 256,
  temperature: { min: 0, max: 2 },
  maxTokens: { min: 16, max: 4096 },
  timeoutMs: { min: 100, max: 60_000 },
});

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/u;
const OPENAI_FIELDS = new Set(["kind", "baseUrl", "model", "api", "apiKeyEnv", "temperature", "maxTokens", "timeoutMs"]);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Checks and normalises a version's settings: `{kind: "grounded"}` or `{kind: "openai",
 * baseUrl, model, api?, apiKeyEnv?, temperature?, maxTokens?, timeoutMs?}`. Every problem is
 * reported (ValidationError with `details`), each on `<field>.<name>`; the first names the
 * error's field. Unknown fields are rejected (a typo must not silently fall back to a default),
 * and so is an `apiKey`: keys live in the environment, never in the registry.
 */
export function validateModelVersionSettings(raw: unknown, field = "settings"): ModelVersionSettings {
  const errors: FieldError[] = [];
  const fail = (name: string, message: string) => errors.push({ field: name ? `${field}.${name}` : field, message });
  if (!isRecord(raw)) throw new ValidationError(field, "settings must be an object with a kind");
  const kind = raw.kind;
  if (kind === "grounded") {
    for (const k of Object.keys(raw)) if (k !== "kind") fail(k, "the grounded generator has no settings");
    if (errors.length) throw ValidationError.fromFieldErrors(errors);
    return { kind: "grounded" };
  }
  if (kind === "ranker") return validateRankerSettings(raw, field);
  if (kind !== "openai") throw new ValidationError(`${field}.kind`, 'kind must be "grounded", "openai" or "ranker"');

  for (const k of Object.keys(raw)) {
    if (k === "apiKey" || k === "api_key") fail(k, "API keys are never stored; put the key in an environment variable and name it in apiKeyEnv");
    else if (!OPENAI_FIELDS.has(k)) fail(k, `unknown setting; expected one of ${[...OPENAI_FIELDS].join(", ")}`);
  }

  let baseUrl = "";
  if (typeof raw.baseUrl !== "string" || raw.baseUrl.trim() === "") fail("baseUrl", "baseUrl is required, e.g. http://127.0.0.1:8000/v1");
  else if (raw.baseUrl.length > OPENAI_LIMITS.baseUrlLength) fail("baseUrl", `baseUrl is longer than ${OPENAI_LIMITS.baseUrlLength} characters`);
  else {
    let url: URL | null = null;
    try {
      url = new URL(raw.baseUrl.trim());
    } catch {
      fail("baseUrl", `"${raw.baseUrl}" is not a URL`);
    }
    if (url) {
      if (url.protocol !== "http:" && url.protocol !== "https:") fail("baseUrl", "baseUrl must be http:// or https://");
      else if (url.username || url.password) fail("baseUrl", "baseUrl must not carry credentials; name the key's environment variable in apiKeyEnv");
      else if (url.search || url.hash) fail("baseUrl", "baseUrl must not have a query or fragment");
      else baseUrl = url.href.replace(/\/+$/u, "");
    }
  }

  let model = "";
  if (typeof raw.model !== "string" || raw.model.trim() === "") fail("model", "model is required (the served model or LoRA adapter name)");
  else if (raw.model.length > OPENAI_LIMITS.modelLength) fail("model", `model is longer than ${OPENAI_LIMITS.modelLength} characters`);
  else if (/[\u0000-\u001f]/u.test(raw.model)) fail("model", "model must not contain control characters");
  else model = raw.model.trim();

  let api: OpenAiSettings["api"] = OPENAI_DEFAULTS.api;
  if (raw.api !== undefined && raw.api !== null) {
    if (raw.api !== "chat" && raw.api !== "completions") fail("api", 'api must be "chat" or "completions"');
    else api = raw.api;
  }

  let apiKeyEnv: string | null = OPENAI_DEFAULTS.apiKeyEnv;
  if (raw.apiKeyEnv !== undefined && raw.apiKeyEnv !== null && raw.apiKeyEnv !== "") {
    if (typeof raw.apiKeyEnv !== "string" || !ENV_NAME.test(raw.apiKeyEnv)) fail("apiKeyEnv", "apiKeyEnv must be an environment variable name (letters, digits, underscores)");
    else apiKeyEnv = raw.apiKeyEnv;
  }

  const number = (name: "temperature" | "maxTokens" | "timeoutMs", integer: boolean, fallback: number): number => {
    const v = raw[name];
    if (v === undefined || v === null) return fallback;
    const { min, max } = OPENAI_LIMITS[name];
    if (typeof v !== "number" || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
      fail(name, `${name} must be ${integer ? "an integer" : "a number"} from ${min} to ${max}`);
      return fallback;
    }
    return v;
  };
  const temperature = number("temperature", false, OPENAI_DEFAULTS.temperature);
  const maxTokens = number("maxTokens", true, OPENAI_DEFAULTS.maxTokens);
  const timeoutMs = number("timeoutMs", true, OPENAI_DEFAULTS.timeoutMs);

  if (errors.length) throw ValidationError.fromFieldErrors(errors);
  return { kind: "openai", baseUrl, model, api, apiKeyEnv, temperature, maxTokens, timeoutMs };
}

/**
 * `{kind: "ranker", weights, features?}`: weights are FEATURE_NAMES.length finite numbers (at
 * most RANKER_MAX_WEIGHT in size), or an object {featureName: weight} (missing ones 0);
 * features, when given, must be this build's FEATURE_NAMES in order. A `ranker.json` the
 * trainer wrote (its `format`, `model`, `reference`, ... fields) is accepted and reduced to
 * these fields, so its contents can be pasted as they are.
 */
function validateRankerSettings(raw: Record<string, unknown>, field: string): RankerSettings {
  const errors: FieldError[] = [];
  const fail = (name: string, message: string) => errors.push({ field: `${field}.${name}`, message });
  const fromFile = raw.format === "toolrec-ranker-v1";
  if (!fromFile) for (const k of Object.keys(raw)) if (!RANKER_FIELDS.has(k)) fail(k, `unknown setting; expected one of ${[...RANKER_FIELDS].join(", ")}`);
  if (raw.features !== undefined && raw.features !== null) {
    if (!Array.isArray(raw.features) || raw.features.join(",") !== FEATURE_NAMES.join(",")) {
      fail("features", `the weights are for features [${Array.isArray(raw.features) ? raw.features.join(", ") : String(raw.features)}]; this build's ranker has [${FEATURE_NAMES.join(", ")}]`);
    }
  }
  const ok = (x: unknown): x is number => typeof x === "number" && Number.isFinite(x) && Math.abs(x) <= RANKER_MAX_WEIGHT;
  let weights: number[] = [];
  const w = raw.weights;
  if (Array.isArray(w)) {
    if (w.length !== FEATURE_NAMES.length) fail("weights", `weights must be ${FEATURE_NAMES.length} numbers, one per feature (${FEATURE_NAMES.join(", ")}); got ${w.length}`);
    else if (!w.every(ok)) fail("weights", `weights must be finite numbers of size at most ${RANKER_MAX_WEIGHT}`);
    else weights = [...w];
  } else if (isRecord(w)) {
    const unknown = Object.keys(w).filter((k) => !(FEATURE_NAMES as readonly string[]).includes(k));
    if (unknown.length) fail("weights", `unknown features ${unknown.join(", ")}; expected some of ${FEATURE_NAMES.join(", ")}`);
    else if (!Object.values(w).every(ok)) fail("weights", `weights must be finite numbers of size at most ${RANKER_MAX_WEIGHT}`);
    else weights = FEATURE_NAMES.map((name) => (w[name] as number | undefined) ?? 0);
  } else {
    fail("weights", `weights are required: ${FEATURE_NAMES.length} numbers (${FEATURE_NAMES.join(", ")}) or an object {feature: weight}`);
  }
  if (errors.length) throw ValidationError.fromFieldErrors(errors);
  return { kind: "ranker", features: [...FEATURE_NAMES], weights };
}
