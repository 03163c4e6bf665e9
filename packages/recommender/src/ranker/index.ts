/**
 * The `ranker` generator: the linear policy `toolrec/ranker` (apps/trainer, ranker.py) served
 * from its weights file. It scores the grounded generator's candidate pool for the input
 * (grounded candidates for K = MAX_K, then the retrieved tools' canonical queries it left out)
 * with s(x, y) = w . phi(x, y) (features.ts) and returns the top K, best first: the mode of the
 * Plackett-Luce policy the trainer trains.
 *
 * Linear, so serving is a dot product per candidate in TypeScript: no ONNX file or runtime.
 * With the reference weights (GROUNDED_SCALE on `grounded`) it returns the grounded answer.
 */

import { ValidationError, normalizeText } from "@toolrec/core";
import { checkK, type Candidate, type GenerationInput, type GenerationResult, type SuggestionGenerator } from "../generator";
import { groundedCandidates } from "../grounded/index";
import { MAX_K } from "../parse";
import { PROMPT_TEMPLATE_VERSION, renderPrompt } from "../prompt";
import { FEATURE_NAMES, candidateKey, dialogueText, rankerContext, rankerFeatures, referenceWeights, type RankerCandidate, type RankerContextInput } from "./features";

export * from "./features";

export const RANKER_WEIGHTS_FORMAT = "toolrec-ranker-v1";

/** ranker.json as the trainer writes it (only the fields serving needs are required). */
export interface RankerWeights {
  readonly format: typeof RANKER_WEIGHTS_FORMAT;
  readonly features: readonly string[];
  readonly weights: readonly number[];
}

/** The reference policy as a weights document. */
export function referenceRankerWeights(): RankerWeights {
  return { format: RANKER_WEIGHTS_FORMAT, features: [...FEATURE_NAMES], weights: referenceWeights() };
}

/** Checks a parsed ranker.json: its format and that its features are this build's, in order. */
export function parseRankerWeights(doc: unknown): RankerWeights {
  const d = doc as Partial<RankerWeights> | null;
  if (!d || typeof d !== "object" || d.format !== RANKER_WEIGHTS_FORMAT) throw new ValidationError("weights", `not a ranker weights file (format ${RANKER_WEIGHTS_FORMAT})`);
  if (!Array.isArray(d.features) || d.features.join(",") !== FEATURE_NAMES.join(",")) {
    throw new ValidationError("weights", `the weights are for features [${String(d.features)}], this build has [${FEATURE_NAMES.join(", ")}]`);
  }
  if (!Array.isArray(d.weights) || d.weights.length !== FEATURE_NAMES.length || !d.weights.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw new ValidationError("weights", `weights must be ${FEATURE_NAMES.length} finite numbers`);
  }
  return { format: RANKER_WEIGHTS_FORMAT, features: [...d.features], weights: [...d.weights] };
}

/** What the ranker knows of a tool beyond the retrieved list: its category and p. */
export type RankerToolInfo = (toolId: string) => { readonly category: string | null; readonly p: number | null } | undefined;

function toRankerCandidate(c: { text: string; toolId: string | null }, input: GenerationInput, info?: RankerToolInfo): RankerCandidate {
  if (!c.toolId) return { text: c.text, toolId: null, p: null, category: null };
  const known = info?.(c.toolId);
  const retrieved = input.tools.find((t) => t.id === c.toolId);
  return { text: c.text, toolId: c.toolId, p: known?.p ?? retrieved?.frequencyPercentile ?? null, category: known?.category ?? null };
}

/**
 * The ranker's view of an input: the dialogue text, the retrieved tools and the candidate pool
 * (grounded candidates for K = MAX_K, then the retrieved tools' canonical queries not among
 * them). This is also what a dataset row's `ranker` object carries (without `list`).
 */
export function rankerInput(input: GenerationInput, info?: RankerToolInfo): RankerContextInput {
  const grounded = groundedCandidates({ ...input, k: MAX_K });
  const pool: RankerCandidate[] = grounded.map((c) => toRankerCandidate(c, input, info));
  const keys = new Set(pool.map((c) => candidateKey(c.text)));
  for (const t of input.tools) {
    const text = t.canonicalQuery.trim();
    const key = candidateKey(text);
    if (key === "" || keys.has(key)) continue;
    keys.add(key);
    pool.push(toRankerCandidate({ text, toolId: t.id }, input, info));
  }
  return {
    dialogue: dialogueText(input.dialogue),
    retrieved: input.tools.map((t) => ({ toolId: t.id, rank: t.rank, score: t.score, category: info?.(t.id)?.category ?? null })),
    pool,
  };
}

/** A dataset row's `ranker` object: the ranker's view of the input and the logged list Y. */
export interface RankerRow extends RankerContextInput {
  /** The impression's suggestions in logged order (all K, exposed or not). */
  readonly list: readonly RankerCandidate[];
}

/**
 * The `ranker` object of one dataset row, what `toolrec/ranker` trains on (apps/trainer
 * ranker.py reads `pool` and `list`): rankerInput for the impression's dialogue and retrieved
 * tools, and its logged suggestions. The one builder of it: the API's run export
 * (@toolrec/db ranker-export.ts) and `toolrec experiment table2` both call it.
 */
export function rankerRow(input: GenerationInput, list: readonly { readonly text: string; readonly toolId: string | null }[], info?: RankerToolInfo): RankerRow {
  return { ...rankerInput(input, info), list: list.map((c) => toRankerCandidate(c, input, info)) };
}

/**
 * The top K of the pool under the weights (ties keep the pool's order). With `uniform` (a
 * source of uniforms in (0, 1)) each score gets Gumbel noise -log(-log u) first, which makes the
 * order a sample of the Plackett-Luce policy instead of its mode (Gumbel-max trick): a
 * stochastic logging policy, as an LLM sampling its answer is.
 */
export function rankerCandidates(input: GenerationInput, weights: RankerWeights, info?: RankerToolInfo, uniform?: () => number): Candidate[] {
  checkK(input.k);
  const view = rankerInput(input, info);
  const ctx = rankerContext(view);
  const w = weights.weights;
  const scored = view.pool.map((c, i) => {
    const f = rankerFeatures(ctx, c);
    let s = 0;
    for (let j = 0; j < f.length; j++) s += (w[j] as number) * (f[j] as number);
    if (uniform) s += -Math.log(-Math.log(Math.min(1 - 1e-12, Math.max(1e-12, uniform()))));
    return { c, i, s };
  });
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const { c } of scored) {
    if (out.length >= input.k) break;
    const k = normalizeText(c.text);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ text: c.text, toolId: c.toolId, source: "model" });
  }
  return out;
}

export interface RankerGeneratorOptions {
  readonly weights: RankerWeights;
  /** Categories and percentiles of tools (from the catalog); without it p comes from the retrieved tools. */
  readonly toolInfo?: RankerToolInfo;
  /** generator reads "ranker:<label>" (default "ranker"). */
  readonly label?: string;
}

/** A SuggestionGenerator over ranker weights (build once per model version). */
export function createRankerGenerator(options: RankerGeneratorOptions): SuggestionGenerator {
  const weights = parseRankerWeights(options.weights);
  const name = options.label ? `ranker:${options.label}` : "ranker";
  return {
    name,
    async generate(input: GenerationInput): Promise<GenerationResult> {
      const start = performance.now();
      const candidates = rankerCandidates(input, weights, options.toolInfo);
      return {
        candidates,
        generator: name,
        fallback: null,
        prompt: renderPrompt({ dialogue: input.dialogue, k: input.k, tools: input.tools }),
        promptTemplateVersion: PROMPT_TEMPLATE_VERSION,
        rawOutput: null,
        timings: { totalMs: performance.now() - start, modelMs: null, attempts: 0 },
      };
    },
  };
}
