/**
 * The serving path of offline experiments (issue 13), in-process: a retriever feeds the same
 * generators the API builds for a model version (createGenerator over the stored settings), one
 * retrieval per impression shared by every arm (arms see the same dialogue and tools). The
 * retriever is the caller's: the API passes its live retrieval service, the CLI the default
 * pipeline over the seed catalog (packages/cli experiment-serving.ts), so this module needs
 * neither the database nor @toolrec/retrieval.
 */

import {
  buildToolMatcher,
  createRng,
  frequencyPercentiles,
  type OfflineArm,
  type OfflineDialogue,
  type OfflineRequest,
  type SimulationTool,
  type ToolMatcher,
  ValidationError,
} from "@toolrec/core";
import { createGenerator, type CreateGeneratorOptions } from "./factory";
import { DEFAULT_PROMPT_TOOLS, type FallbackReason, type GenerationInput, type GeneratorTool, type SuggestionGenerator } from "./generator";
import { createGroundedGenerator } from "./grounded/index";
import { createRankerGenerator, rankerCandidates, referenceRankerWeights, type RankerToolInfo, type RankerWeights } from "./ranker/index";
import { validateModelVersionSettings, type ModelVersionSettings } from "./settings";

export interface ServingTool extends SimulationTool {
  readonly description: string;
  readonly categoryId: string;
}

/** The top retrieved tools for a dialogue, best first (ids and scores; unknown ids are skipped). */
export type OfflineRetriever = (dialogue: OfflineDialogue, topN: number) => Promise<readonly { readonly id: string; readonly score: number }[]>;

export interface ServingContext {
  readonly tools: readonly ServingTool[];
  readonly percentiles: ReadonlyMap<string, number>;
  readonly toolInfo: RankerToolInfo;
  readonly matcher: ToolMatcher;
  /** The generation input of one impression (retrieval cached for the impression being served). */
  input(request: OfflineRequest): Promise<GenerationInput>;
}

export interface ServingContextOptions {
  /** Tools in the prompt (the API's TOOLREC_PROMPT_TOOLS); default DEFAULT_PROMPT_TOOLS. */
  readonly promptTools?: number;
}

export function createServingContext(tools: readonly ServingTool[], retrieve: OfflineRetriever, options: ServingContextOptions = {}): ServingContext {
  const percentiles = frequencyPercentiles(tools);
  const byId = new Map(tools.map((t) => [t.id, t]));
  const matcher = buildToolMatcher(tools);
  const promptTools = options.promptTools ?? DEFAULT_PROMPT_TOOLS;
  let cached: { index: number; id: string; input: Promise<GenerationInput> } | null = null;
  const toolInfo: RankerToolInfo = (id) => {
    const t = byId.get(id);
    return t ? { category: t.categoryId, p: percentiles.get(id) ?? null } : undefined;
  };
  const generationInput = async (dialogue: OfflineDialogue, k: number): Promise<GenerationInput> => {
    const retrieved = await retrieve(dialogue, promptTools);
    // As the API serves: a tool the snapshot does not know is left out, ranks stay dense.
    const out: GeneratorTool[] = [];
    for (const r of retrieved) {
      const t = byId.get(r.id);
      if (!t) continue;
      out.push({ id: t.id, name: t.name, description: t.description, canonicalQuery: t.canonicalQuery, utterances: t.utterances, rank: out.length + 1, score: r.score, frequencyPercentile: percentiles.get(t.id) ?? null });
    }
    return { dialogue: { userQuery: dialogue.userQuery, assistantResponse: dialogue.assistantResponse, history: dialogue.history }, k, tools: out, matcher };
  };
  return {
    tools,
    percentiles,
    toolInfo,
    matcher,
    input(request) {
      if (cached && cached.index === request.index && cached.id === request.impressionId) return cached.input;
      const input = generationInput(request.dialogue, request.k);
      cached = { index: request.index, id: request.impressionId, input };
      return input;
    },
  };
}

/** Fallbacks per reason, for an arm whose generator may hand over to grounded (openai). */
export type FallbackCounts = Partial<Record<FallbackReason, number>>;

export interface GeneratorArm extends OfflineArm {
  /** Impressions whose generator fell back to grounded, by reason. */
  readonly fallbacks: FallbackCounts;
}

/**
 * Fallback reasons that mean the version cannot serve at all (no server, no key): the
 * experiment would silently measure grounded under its name, so the arm fails instead.
 */
const FATAL_FALLBACKS: ReadonlySet<FallbackReason> = new Set(["connection", "no_api_key"]);

/** Thrown when an arm's version cannot serve offline (its model server is unreachable, its key unset). */
export class ArmUnavailableError extends Error {
  constructor(readonly arm: string, message: string) {
    super(message);
    this.name = "ArmUnavailableError";
  }
}

/** An experiment arm that serves through a generator, as the API would for a model version. */
export function generatorArm(name: string, generator: SuggestionGenerator, ctx: ServingContext): GeneratorArm {
  const fallbacks: FallbackCounts = {};
  return {
    name,
    fallbacks,
    async suggest(request) {
      const result = await generator.generate(await ctx.input(request));
      if (result.fallback) {
        const reason = result.fallback.reason;
        if (FATAL_FALLBACKS.has(reason)) throw new ArmUnavailableError(name, `arm ${name} cannot serve: ${result.fallback.from} failed (${reason}: ${result.fallback.detail})`);
        fallbacks[reason] = (fallbacks[reason] ?? 0) + 1;
      }
      return result.candidates.map((c) => ({ text: c.text, toolId: c.toolId }));
    },
  };
}

export const groundedArm = (ctx: ServingContext, name = "grounded") => generatorArm(name, createGroundedGenerator(), ctx);
export const rankerArm = (ctx: ServingContext, name: string, weights: RankerWeights) =>
  generatorArm(name, createRankerGenerator({ weights, toolInfo: ctx.toolInfo, label: name }), ctx);

/**
 * A model version as an arm: its generator from the stored settings through createGenerator,
 * so every kind the registry knows serves offline as it serves live. Throws ValidationError
 * (on `field`) for settings this build cannot run.
 */
export function modelVersionArm(ctx: ServingContext, version: { readonly name: string; readonly settings: unknown }, field = "settings", options: Omit<CreateGeneratorOptions, "label"> = {}): GeneratorArm {
  const settings = validateModelVersionSettings(version.settings, field);
  // toolInfo: what a ranker version knows of the catalog (kinds that do not use it ignore it).
  const generatorOptions = { ...options, label: version.name, toolInfo: ctx.toolInfo };
  return generatorArm(version.name, createGenerator(settings, generatorOptions), ctx);
}

/**
 * Why a version cannot serve offline, or null when it can: an OpenAI-compatible version needs
 * its key's environment variable set and its server answering GET {baseUrl}/models within
 * `timeoutMs`. Other kinds run in-process.
 */
export async function offlineServingProblem(settings: ModelVersionSettings, env: Readonly<Record<string, string | undefined>> = process.env, timeoutMs = 3000): Promise<string | null> {
  if (settings.kind !== "openai") return null;
  if (settings.apiKeyEnv && !env[settings.apiKeyEnv]) return `its API key variable ${settings.apiKeyEnv} is not set on the API's machine`;
  const url = `${settings.baseUrl}/models`;
  try {
    const res = await fetch(url, { headers: settings.apiKeyEnv ? { authorization: `Bearer ${env[settings.apiKeyEnv]}` } : {}, signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    if (!res.ok) return `its model server answered ${res.status} at ${url}`;
    return null;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return `its model server at ${settings.baseUrl} is not reachable (${cause}); start it (e.g. vLLM) or leave the version out`;
  }
}

/**
 * The grounded default as a stochastic logging policy: each impression's list is a
 * Plackett-Luce sample of the reference ranker (whose mode is the grounded answer), seeded per
 * impression. A deterministic log shows one list per dialogue, so clicks cannot say which other
 * list would have done better; a sampling policy (as an LLM is) can. `temperature` T samples from
 * softmax(s / T) (the same as scaling the Gumbel noise by T): 1 is the reference policy itself,
 * higher explores more (more lists without a tool-invoking suggestion), lower tends to the mode.
 */
export function sampledGroundedArm(ctx: ServingContext, seed: number, name = "grounded-sampled", temperature = 1): OfflineArm {
  if (!(Number.isFinite(temperature) && temperature > 0)) throw new ValidationError("temperature", "the log policy's temperature must be a number > 0");
  const reference = referenceRankerWeights();
  // T = 1 keeps the reference weights bit for bit (the default log is unchanged).
  const weights = temperature === 1 ? reference : { ...reference, weights: reference.weights.map((w) => w / temperature) };
  return {
    name,
    async suggest(request) {
      const uniform = createRng((Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(request.index + 1, 0x85ebca6b)) >>> 0);
      return rankerCandidates(await ctx.input(request), weights, ctx.toolInfo, uniform).map((c) => ({ text: c.text, toolId: c.toolId }));
    },
  };
}

