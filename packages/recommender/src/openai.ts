/**
 * The `openai` generator: one POST to a server speaking the OpenAI protocol (vLLM, SGLang,
 * llama.cpp's server, Ollama, `transformers serve`) with the Eq. 1 prompt, its answer parsed
 * (parse.ts) and resolved to tools. It never fails the request: past the deadline, on a
 * connection error that a single retry did not cure, on an HTTP error, a malformed answer or
 * an answer with no usable suggestion, the grounded generator answers instead and the result
 * says so (`openai:<label>→grounded (<reason>)`). Every fallback, parse failure, retry and
 * short answer is reported through `onEvent`, which the API connects to Prometheus.
 */

import { performance } from "node:perf_hooks";
import { normalizeText } from "@toolrec/core";
import {
  checkK,
  createToolResolver,
  type Candidate,
  type FallbackReason,
  type GenerationInput,
  type GenerationResult,
  type GeneratorEventHook,
  type SuggestionGenerator,
} from "./generator";
import { groundedCandidates, groundedResult } from "./grounded/index";
import { MAX_K, parseSuggestions } from "./parse";
import { PROMPT_TEMPLATE_VERSION, renderPrompt } from "./prompt";
import type { OpenAiSettings } from "./settings";

export interface OpenAiGeneratorOptions {
  readonly settings: OpenAiSettings;
  /** What `generator` names it after "openai:" (the model version's name); default settings.model. */
  readonly label?: string;
  readonly onEvent?: GeneratorEventHook;
  /** Where apiKeyEnv is looked up; default process.env (read on every request, so a rotated key is picked up). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Pause before the one retry after a connection error; default 50 ms (within the deadline). */
  readonly retryDelayMs?: number;
}

/** At most this much of a failed answer is kept as rawOutput (for the Playground). */
const RAW_KEEP = 4000;

class Failure extends Error {
  /** HTTP attempts made before it. */
  attempts = 0;
  constructor(readonly reason: FallbackReason, readonly detail: string, readonly raw: string | null = null) {
    super(detail);
  }
}

const DEADLINE = Symbol("deadline");

/** A network-level failure: connection refused or reset, socket closed, DNS. */
function connectionDetail(err: unknown): string | null {
  if (!(err instanceof Error)) return null;
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: string }).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return err.name === "TypeError" ? err.message : null;
}

/** The text of the first choice, for both protocols; content may be a string or a list of text parts. */
function choiceText(body: unknown, api: OpenAiSettings["api"]): { text: string; truncated: boolean } {
  if (typeof body !== "object" || body === null) throw new Failure("bad_response", "the answer is not a JSON object");
  const choices = (body as { choices?: unknown }).choices;
  if (!Array.isArray(choices) || choices.length === 0) throw new Failure("bad_response", "the answer has no choices");
  const choice = choices[0] as Record<string, unknown> | null;
  if (typeof choice !== "object" || choice === null) throw new Failure("bad_response", "the first choice is not an object");
  const truncated = choice.finish_reason === "length";
  let content: unknown = api === "chat" ? (choice.message as Record<string, unknown> | undefined)?.content : choice.text;
  if (Array.isArray(content)) {
    content = content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : "")).join("");
  }
  if (typeof content !== "string") throw new Failure("bad_response", api === "chat" ? "the first choice has no message content" : "the first choice has no text");
  return { text: content, truncated };
}

export function createOpenAiGenerator(options: OpenAiGeneratorOptions): SuggestionGenerator {
  const s = options.settings;
  const name = `openai:${options.label ?? s.model}`;
  const url = `${s.baseUrl}/${s.api === "chat" ? "chat/completions" : "completions"}`;
  const emit: GeneratorEventHook = (e) => {
    try {
      options.onEvent?.(e);
    } catch {
      // a metrics hook must never break serving
    }
  };
  const retryDelayMs = options.retryDelayMs ?? 50;

  async function call(prompt: string, deadline: number): Promise<{ body: string; attempts: number }> {
    const env = options.env ?? process.env;
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (s.apiKeyEnv) {
      const key = env[s.apiKeyEnv];
      if (!key) throw new Failure("no_api_key", `environment variable ${s.apiKeyEnv} is not set`);
      headers.authorization = `Bearer ${key}`;
    }
    const payload =
      s.api === "chat"
        ? { model: s.model, messages: [{ role: "user", content: prompt }], temperature: s.temperature, max_tokens: s.maxTokens, n: 1, stream: false }
        : { model: s.model, prompt, temperature: s.temperature, max_tokens: s.maxTokens, n: 1, stream: false };
    const body = JSON.stringify(payload);
    for (let attempt = 1; ; attempt++) {
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new Failure("timeout", `no answer within ${s.timeoutMs} ms`);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(DEADLINE), remaining);
      try {
        const res = await fetch(url, { method: "POST", headers, body, signal: controller.signal });
        const text = await res.text();
        if (!res.ok) throw new Failure("http_status", `HTTP ${res.status}`, text);
        return { body: text, attempts: attempt };
      } catch (err) {
        let failure: Failure;
        if (err instanceof Failure) failure = err;
        else if (controller.signal.aborted) failure = new Failure("timeout", `no answer within ${s.timeoutMs} ms`);
        else {
          const detail = connectionDetail(err) ?? String(err);
          if (attempt === 1 && deadline - performance.now() > retryDelayMs) {
            emit({ type: "retry", generator: name, detail });
            await new Promise((r) => setTimeout(r, retryDelayMs));
            continue;
          }
          failure = new Failure("connection", detail);
        }
        failure.attempts = attempt;
        throw failure;
      } finally {
        clearTimeout(timer);
      }
    }
  }

  return {
    name,
    async generate(input: GenerationInput): Promise<GenerationResult> {
      checkK(input.k);
      const start = performance.now();
      const prompt = renderPrompt({ dialogue: input.dialogue, k: input.k, tools: input.tools });
      let attempts = 0;
      let modelMs: number | null = null;
      let raw: string | null = null;
      try {
        const t0 = performance.now();
        let answer: { body: string; attempts: number };
        try {
          answer = await call(prompt, start + s.timeoutMs);
        } finally {
          modelMs = performance.now() - t0;
        }
        attempts = answer.attempts;
        let json: unknown;
        try {
          json = JSON.parse(answer.body);
        } catch {
          throw new Failure("bad_response", "the answer is not JSON", answer.body);
        }
        let choice: { text: string; truncated: boolean };
        try {
          choice = choiceText(json, s.api);
        } catch (err) {
          throw err instanceof Failure ? new Failure(err.reason, err.detail, answer.body) : err;
        }
        raw = choice.text;
        const parsed = parseSuggestions(choice.text, { maxCount: input.k, truncated: choice.truncated });
        if (parsed.suggestions.length === 0) {
          emit({ type: "parse_failure", generator: name });
          throw new Failure("unparseable", "no usable suggestion in the answer", choice.text);
        }
        const resolve = createToolResolver(input.tools, input.matcher);
        const candidates: Candidate[] = parsed.suggestions.map((p) => ({ text: p.text, toolId: resolve(p.text, p.toolId), source: "model" }));
        if (candidates.length < input.k) {
          // Fill the missing places from the grounded generator, skipping what the model already said.
          const have = new Set(candidates.map((c) => normalizeText(c.text)));
          const fill = groundedCandidates({ ...input, k: MAX_K }).filter((c) => !have.has(normalizeText(c.text)));
          const missing = input.k - candidates.length;
          candidates.push(...fill.slice(0, missing));
          emit({ type: "short_output", generator: name, missing });
        }
        return {
          candidates,
          generator: name,
          fallback: null,
          prompt,
          promptTemplateVersion: PROMPT_TEMPLATE_VERSION,
          rawOutput: raw,
          timings: { totalMs: performance.now() - start, modelMs, attempts },
        };
      } catch (err) {
        if (!(err instanceof Failure)) throw err;
        attempts = Math.max(attempts, err.attempts);
        emit({ type: "fallback", generator: name, reason: err.reason });
        const grounded = groundedResult(input);
        return {
          ...grounded,
          generator: `${name}→grounded (${err.reason})`,
          fallback: { from: name, reason: err.reason, detail: err.detail },
          prompt,
          rawOutput: err.raw === null ? raw : err.raw.slice(0, RAW_KEEP),
          timings: { totalMs: performance.now() - start, modelMs, attempts },
        };
      }
    },
  };
}
