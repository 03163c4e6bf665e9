// The serving path of offline experiments, in-process: the API's default retrieval (BM25 over
// the enabled tools, top DEFAULT_PROMPT_TOOLS) feeds the same @toolrec/recommender generators
// the API builds for a model version (grounded, ranker). One retrieval per impression, shared
// by every arm (arms see the same dialogue).
import { buildToolMatcher, createRng, frequencyPercentiles, type OfflineArm, type OfflineDialogue, type OfflineRequest, type SimulationTool, type ToolMatcher } from "@toolrec/core";
import { loadCatalog } from "@toolrec/db";
import {
  createGroundedGenerator,
  createRankerGenerator,
  DEFAULT_PROMPT_TOOLS,
  rankerCandidates,
  referenceRankerWeights,
  type GenerationInput,
  type GeneratorTool,
  type RankerToolInfo,
  type RankerWeights,
  type SuggestionGenerator,
} from "@toolrec/recommender";
import { createDefaultPipeline, runRetrieval, type HybridRetriever } from "@toolrec/retrieval";

export interface ServingTool extends SimulationTool {
  readonly description: string;
  readonly categoryId: string;
}

export interface ServingContext {
  readonly tools: readonly ServingTool[];
  readonly percentiles: ReadonlyMap<string, number>;
  readonly toolInfo: RankerToolInfo;
  readonly matcher: ToolMatcher;
  /** The generation input of one impression (retrieval cached for the impression being served). */
  input(request: OfflineRequest): Promise<GenerationInput>;
}

/** The seed catalog's enabled tools (prisma/catalog, no database). */
export function catalogServingTools(): ServingTool[] {
  return loadCatalog().tools.filter((t) => (t as { enabled?: boolean }).enabled !== false).map((t) => ({ ...t, utterances: [...t.utterances] }));
}

export function createServingContext(tools: readonly ServingTool[]): ServingContext {
  const percentiles = frequencyPercentiles(tools);
  const byId = new Map(tools.map((t) => [t.id, t]));
  const pipeline: HybridRetriever = createDefaultPipeline(tools.map((t) => ({ id: t.id, name: t.name, description: t.description, canonicalQuery: t.canonicalQuery, utterances: [...t.utterances], categoryId: t.categoryId })));
  const matcher = buildToolMatcher(tools);
  let cached: { index: number; seed: string; input: Promise<GenerationInput> } | null = null;
  const toolInfo: RankerToolInfo = (id) => {
    const t = byId.get(id);
    return t ? { category: t.categoryId, p: percentiles.get(id) ?? null } : undefined;
  };
  return {
    tools,
    percentiles,
    toolInfo,
    matcher,
    input(request) {
      if (cached && cached.index === request.index && cached.seed === request.impressionId) return cached.input;
      const input = generationInput(pipeline, byId, percentiles, matcher, request.dialogue, request.k);
      cached = { index: request.index, seed: request.impressionId, input };
      return input;
    },
  };
}

async function generationInput(
  pipeline: HybridRetriever,
  byId: ReadonlyMap<string, ServingTool>,
  percentiles: ReadonlyMap<string, number>,
  matcher: ToolMatcher,
  dialogue: OfflineDialogue,
  k: number,
): Promise<GenerationInput> {
  const run = await runRetrieval(pipeline, { userQuery: dialogue.userQuery, assistantResponse: dialogue.assistantResponse, history: dialogue.history.map((t) => ({ ...t })) }, DEFAULT_PROMPT_TOOLS);
  const tools: GeneratorTool[] = run.tools.flatMap((r) => {
    const t = byId.get(r.id);
    return t
      ? [{ id: t.id, name: t.name, description: t.description, canonicalQuery: t.canonicalQuery, utterances: t.utterances, rank: r.rank, score: r.score, frequencyPercentile: percentiles.get(t.id) ?? null }]
      : [];
  });
  return { dialogue: { userQuery: dialogue.userQuery, assistantResponse: dialogue.assistantResponse, history: dialogue.history }, k, tools, matcher };
}

/** An experiment arm that serves through a generator, as the API would for a model version. */
export function generatorArm(name: string, generator: SuggestionGenerator, ctx: ServingContext): OfflineArm {
  return {
    name,
    async suggest(request) {
      const result = await generator.generate(await ctx.input(request));
      return result.candidates.map((c) => ({ text: c.text, toolId: c.toolId }));
    },
  };
}

export const groundedArm = (ctx: ServingContext, name = "grounded") => generatorArm(name, createGroundedGenerator(), ctx);
export const rankerArm = (ctx: ServingContext, name: string, weights: RankerWeights) =>
  generatorArm(name, createRankerGenerator({ weights, toolInfo: ctx.toolInfo, label: name }), ctx);

/**
 * The grounded default as a stochastic logging policy: each impression's list is a
 * Plackett-Luce sample of the reference ranker (whose mode is the grounded answer), seeded per
 * impression. A deterministic log shows one list per dialogue, so clicks cannot say which other
 * list would have done better; a sampling policy (as an LLM is) can.
 */
export function sampledGroundedArm(ctx: ServingContext, seed: number, name = "grounded-sampled"): OfflineArm {
  const weights = referenceRankerWeights();
  return {
    name,
    async suggest(request) {
      const uniform = createRng((Math.imul(seed + 1, 0x9e3779b1) ^ Math.imul(request.index + 1, 0x85ebca6b)) >>> 0);
      return rankerCandidates(await ctx.input(request), weights, ctx.toolInfo, uniform).map((c) => ({ text: c.text, toolId: c.toolId }));
    },
  };
}
