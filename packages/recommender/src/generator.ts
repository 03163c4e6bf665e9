/**
 * The one interface every suggestion generator implements (Eq. 1: dialogue and retrieved
 * tools in, K candidate queries out), and the shapes the API logs from it.
 */

import { ValidationError, buildToolMatcher, normalizeText, resolveSuggestionTool, type ToolMatcher } from "@toolrec/core";
import { memoByTool } from "./tool-memo";
import { MAX_K } from "./parse";
import type { PromptDialogue, PromptTool } from "./prompt";

/** Contract defaults: K generated, N exposed, and the tools put in the prompt (a server setting). */
export const DEFAULT_K = 6;
export const DEFAULT_N = 3;
export const DEFAULT_PROMPT_TOOLS = 5;

/** One retrieved tool as a generator sees it. */
export interface GeneratorTool extends PromptTool {
  readonly id: string;
  /** 1-based retrieval rank. */
  readonly rank: number;
  /** The retriever's score (fused RRF by default): only its order among these tools matters. */
  readonly score: number;
  readonly utterances: readonly string[];
  /** Eq. 7's p of the tool (frequency percentile among enabled tools), null when unknown. */
  readonly frequencyPercentile: number | null;
}

export interface GenerationInput {
  readonly dialogue: PromptDialogue;
  /** K, 1..MAX_K. */
  readonly k: number;
  /** The top retrieved tools, best first (what the prompt shows). */
  readonly tools: readonly GeneratorTool[];
  /**
   * The catalog-wide matcher over enabled tools (core's buildToolMatcher). A suggestion that
   * is not one of the retrieved tools' queries resolves through it; absent, only the
   * retrieved tools can be resolved.
   */
  readonly matcher?: ToolMatcher | null;
}

export interface Candidate {
  readonly text: string;
  /** The enabled tool it invokes (a retrieved tool, or the matcher's answer), else null. */
  readonly toolId: string | null;
  /** "model" for a model's suggestion; "grounded" when the grounded generator wrote it (the whole answer, a fallback, or filling a short model answer). */
  readonly source: "model" | "grounded";
}

/** Why an OpenAI-compatible generator handed over to the grounded one; also the Prometheus label. */
export type FallbackReason = "timeout" | "connection" | "http_status" | "bad_response" | "unparseable" | "no_api_key";

export interface Fallback {
  /** The generator that failed, e.g. "openai:my-model". */
  readonly from: string;
  readonly reason: FallbackReason;
  /** One line for people (status code, error), never the API key. */
  readonly detail: string;
}

export interface GenerationTimings {
  /** Whole generate() call. */
  readonly totalMs: number;
  /** Time waiting for the model server (all attempts); null when no model was called. */
  readonly modelMs: number | null;
  /** HTTP attempts made (0 for grounded). */
  readonly attempts: number;
}

export interface GenerationResult {
  /** Exactly K candidates, in generated order, distinct after normalizeText. */
  readonly candidates: Candidate[];
  /** What produced them: "grounded", "openai:my-model", or "openai:my-model→grounded (timeout)" after a fallback. */
  readonly generator: string;
  readonly fallback: Fallback | null;
  /** The Eq. 1 prompt (renderPrompt); for grounded, what a model would have been given. */
  readonly prompt: string;
  readonly promptTemplateVersion: string;
  /** The model's raw output text; null when no model answered. */
  readonly rawOutput: string | null;
  readonly timings: GenerationTimings;
}

/** Something worth counting in /metrics. */
export type GeneratorEvent =
  | { readonly type: "fallback"; readonly generator: string; readonly reason: FallbackReason }
  /** The model answered but no usable suggestion could be read from it (counted with the "unparseable" fallback). */
  | { readonly type: "parse_failure"; readonly generator: string }
  /** One retry after a connection error. */
  | { readonly type: "retry"; readonly generator: string; readonly detail: string }
  /** Fewer than K usable suggestions; the grounded generator filled `missing` places. */
  | { readonly type: "short_output"; readonly generator: string; readonly missing: number };

export type GeneratorEventHook = (event: GeneratorEvent) => void;

export interface SuggestionGenerator {
  /** "grounded" or "openai:<model>". */
  readonly name: string;
  /** Never rejects for a model failure (it falls back); throws ValidationError for a bad K. */
  generate(input: GenerationInput): Promise<GenerationResult>;
}

/** K and N with the contract's defaults; 1 ≤ N ≤ K ≤ MAX_K, else a ValidationError naming "k" or "n". */
export function resolveSuggestionCounts(k?: number | null, n?: number | null): { k: number; n: number } {
  const kk = k ?? DEFAULT_K;
  checkK(kk);
  const nn = n ?? Math.min(DEFAULT_N, kk);
  if (!Number.isInteger(nn) || nn < 1 || nn > kk) throw new ValidationError("n", `n must be an integer from 1 to k (${kk})`);
  return { k: kk, n: nn };
}

/** K must be an integer from 1 to MAX_K (ValidationError on "k"). */
export function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > MAX_K) throw new ValidationError("k", `k must be an integer from 1 to ${MAX_K}`);
}

/** Normalised canonical query and utterances of a tool (memoised per tool). */
const toolKeys = memoByTool((tool) => [normalizeText(tool.canonicalQuery), ...tool.utterances.map(normalizeText)]);

/**
 * Resolves a suggestion to the tool it invokes: a tool id the output proposed when it is one
 * of the retrieved tools; else the retrieved tools' canonical queries and utterances (core's
 * matcher over them); else the catalog-wide matcher; else null (a general query). The matcher
 * over the retrieved tools is only built when a text's key is one of theirs.
 */
export function createToolResolver(
  tools: readonly GeneratorTool[],
  catalogMatcher?: ToolMatcher | null,
): (text: string, proposedToolId?: string | null) => string | null {
  const ids = new Set(tools.map((t) => t.id));
  // A handful of texts per request against a handful of tools: scanning the memoised keys beats building a set of them.
  const isRetrievedKey = (key: string) => tools.some((t) => toolKeys(t).includes(key));
  let retrieved: ToolMatcher | null = null;
  const matcher: ToolMatcher = {
    get size() {
      return new Set(tools.flatMap(toolKeys)).size + (catalogMatcher?.size ?? 0);
    },
    match(text) {
      if (isRetrievedKey(normalizeText(text))) {
        retrieved ??= buildToolMatcher(tools);
        const id = retrieved.match(text);
        if (id !== null) return id;
      }
      return catalogMatcher?.match(text) ?? null;
    },
  };
  return (text, proposedToolId) => resolveSuggestionTool(text, proposedToolId, (id) => ids.has(id), matcher).toolId;
}
