// Suggestion serving (issue 10): the request path of `suggestions` and `recordClick`.
//
// Per request: pick the model version (an explicit one, else the running experiment's arm for
// the user, else the default), retrieve the top tools with the shared in-memory retriever,
// generate K candidates in one pass (packages/recommender), commit the impression with all K
// (N exposed) through the group-commit writer, answer. Nothing on this path reads the catalog
// from the database: enabled tools (full rows, their p of Eq. 7 and the catalog-wide matcher)
// are a snapshot of the retrieval sync's rows, rebuilt only when they change, and the registry
// (versions, default, running experiment) is cached for a second and dropped at once by this
// API's own registry mutations.
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { buildToolMatcher, frequencyPercentile, NotFoundError, sortedInvocationCounts, ValidationError, type ToolMatcher } from "@toolrec/core";
import type { Db, Experiment, ExperimentArm, ModelVersion, Tool } from "@toolrec/db";
import {
  assignArm,
  createGenerator,
  DEFAULT_PROMPT_TOOLS,
  resolveSuggestionCounts,
  validateModelVersionSettings,
  type GenerationResult,
  type GeneratorEvent,
  type GeneratorTool,
  type SuggestionGenerator,
} from "@toolrec/recommender";
import type { RetrievalService } from "../retrieval/service.js";
import { GroupCommitWriter, pgExecutor, storableText, type ServedImpressionRow } from "./group-commit.js";

export const MAX_PROMPT_TOOLS = 20;

export interface DialogueArg {
  userQuery: string;
  assistantResponse?: string | null;
  history?: { role: "USER" | "ASSISTANT"; content: string }[] | null;
}

export interface SuggestArgs {
  userId?: string | null;
  dialogue: DialogueArg;
  k?: number | null;
  n?: number | null;
  modelVersionId?: string | null;
  promptTools?: number | null;
  playground?: boolean | null;
}

export type ExperimentWithArms = Experiment & { arms: ExperimentArm[] };

export interface Registry {
  versions: Map<string, ModelVersion>;
  defaultVersion: ModelVersion;
  running: ExperimentWithArms | null;
}

interface ToolSnapshot {
  generation: number;
  tools: Map<string, Tool>;
  percentile: Map<string, number>;
  matcher: ToolMatcher;
}

export interface ServedSuggestion {
  position: number;
  text: string;
  isToolInvoking: boolean;
  tool: Tool | null;
  toolId: string | null;
  exposed: boolean;
  source: string;
}

export interface ServedResult {
  impressionId: string;
  generator: string;
  suggestions: ServedSuggestion[];
  notExposed: ServedSuggestion[];
  tools: { rank: number; score: number; tool: Tool; stages: Record<string, null>; matchedTerms: string[] }[];
  k: number;
  n: number;
  modelVersion: ModelVersion;
  experiment: ExperimentWithArms | null;
  fallback: GenerationResult["fallback"];
  prompt: string;
  promptTemplateVersion: string;
  promptTools: number;
  rawOutput: string | null;
  timings: { retrievalMs: number; generationMs: number; modelMs: number | null; loggingMs: number; totalMs: number; attempts: number };
}

export interface ServingOptions {
  /** Tools in the prompt when a request does not say (TOOLREC_PROMPT_TOOLS, default 5). */
  promptTools?: number;
  onGeneratorEvent?: (event: GeneratorEvent) => void;
  onCommit?: (size: number) => void;
  /** Group-commit window (TOOLREC_GROUP_COMMIT_MS, default 2). */
  groupCommitMs?: number;
  registryTtlMs?: number;
  /** Commit through a node-postgres pool of the writer's own on this database (server.ts); absent: through Prisma. */
  databaseUrl?: string;
}

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v.trim() === "") return undefined;
  const n = Number(v);
  return Number.isInteger(n) ? n : undefined;
}

export function checkDialogue(d: DialogueArg): void {
  if (typeof d.userQuery !== "string" || d.userQuery.trim() === "") throw new ValidationError("dialogue.userQuery", "the user query must not be empty");
  if (d.userQuery.length > 4000) throw new ValidationError("dialogue.userQuery", "the user query is longer than 4000 characters");
  if ((d.assistantResponse?.length ?? 0) > 20_000) throw new ValidationError("dialogue.assistantResponse", "the assistant response is longer than 20000 characters");
  if ((d.history?.length ?? 0) > 100) throw new ValidationError("dialogue.history", "at most 100 earlier turns");
}

export class ServingService {
  readonly writer: GroupCommitWriter;
  readonly defaultPromptTools: number;
  private snapshot: ToolSnapshot | null = null;
  private registry: { at: number; value: Promise<Registry> } | null = null;
  private readonly registryTtlMs: number;
  private readonly generators = new Map<string, { key: string; generator: SuggestionGenerator }>();
  private readonly generatorByRow = new WeakMap<ModelVersion, SuggestionGenerator>();
  private readonly commitPool: ReturnType<typeof pgExecutor> | null;

  constructor(
    private readonly db: Db,
    private readonly retrieval: RetrievalService,
    private readonly options: ServingOptions = {},
  ) {
    const pt = options.promptTools ?? envInt("TOOLREC_PROMPT_TOOLS") ?? DEFAULT_PROMPT_TOOLS;
    if (!Number.isInteger(pt) || pt < 1 || pt > MAX_PROMPT_TOOLS) throw new Error(`TOOLREC_PROMPT_TOOLS must be an integer from 1 to ${MAX_PROMPT_TOOLS}`);
    this.defaultPromptTools = pt;
    this.registryTtlMs = options.registryTtlMs ?? 1000;
    const maxInFlight = envInt("TOOLREC_GROUP_COMMIT_IN_FLIGHT") ?? 2;
    this.commitPool = options.databaseUrl ? pgExecutor(options.databaseUrl, maxInFlight) : null;
    this.writer = new GroupCommitWriter(db, {
      windowMs: options.groupCommitMs ?? envInt("TOOLREC_GROUP_COMMIT_MS") ?? 2,
      maxInFlight,
      onCommit: options.onCommit,
      execute: this.commitPool?.execute,
    });
  }

  // ---------------------------------------------------------------------------
  // Caches
  // ---------------------------------------------------------------------------

  /** The enabled tools as the retrieval index has them now (rebuilt from its rows only after a change). */
  private tools(): ToolSnapshot {
    const generation = this.retrieval.generation;
    if (this.snapshot && this.snapshot.generation === generation) return this.snapshot;
    const rows = [...this.retrieval.toolRows().values()];
    const counts = sortedInvocationCounts(rows);
    this.snapshot = {
      generation,
      tools: new Map(rows.map((t) => [t.id, t])),
      percentile: new Map(rows.map((t) => [t.id, frequencyPercentile(t.invocationCount, counts)])),
      matcher: buildToolMatcher(rows),
    };
    return this.snapshot;
  }

  /** Versions, the default and the running experiment (cached registryTtlMs). */
  current(): Promise<Registry> {
    if (!this.registry || Date.now() - this.registry.at > this.registryTtlMs) {
      const value = (async () => {
        const [versions, running] = await Promise.all([
          this.db.modelVersion.findMany(),
          this.db.experiment.findFirst({ where: { status: "RUNNING" }, include: { arms: { orderBy: { position: "asc" } } } }),
        ]);
        const defaultVersion = versions.find((v) => v.isDefault);
        if (!defaultVersion) throw new Error("no default model version (the serving migration creates one)");
        return { versions: new Map(versions.map((v) => [v.id, v])), defaultVersion, running };
      })();
      value.catch(() => (this.registry = null));
      this.registry = { at: Date.now(), value };
    }
    return this.registry.value;
  }

  /** Drops the registry cache (this API changed a version or an experiment). */
  invalidate(): void {
    this.registry = null;
  }

  /** A ranker version's view of the catalog (category, p), read from the current tool snapshot. */
  private readonly rankerToolInfo = (id: string) => {
    const snap = this.tools();
    const t = snap.tools.get(id);
    return t ? { category: t.categoryId, p: snap.percentile.get(id) ?? null } : undefined;
  };

  private generatorFor(version: ModelVersion): SuggestionGenerator {
    // The registry hands the same row object until it is re-read (every registryTtlMs).
    const same = this.generatorByRow.get(version);
    if (same) return same;
    const generator = this.generatorForSettings(version);
    this.generatorByRow.set(version, generator);
    return generator;
  }

  private generatorForSettings(version: ModelVersion): SuggestionGenerator {
    const key = JSON.stringify(version.settings);
    const held = this.generators.get(version.id);
    if (held && held.key === key) return held.generator;
    const settings = validateModelVersionSettings(version.settings);
    const generator = createGenerator(settings, { label: version.name, onEvent: this.options.onGeneratorEvent, toolInfo: this.rankerToolInfo });
    this.generators.set(version.id, { key, generator });
    return generator;
  }

  // ---------------------------------------------------------------------------
  // suggestions
  // ---------------------------------------------------------------------------

  async suggest(args: SuggestArgs): Promise<ServedResult> {
    const t0 = performance.now();
    const { k, n } = resolveSuggestionCounts(args.k, args.n);
    const promptTools = args.promptTools ?? this.defaultPromptTools;
    if (!Number.isInteger(promptTools) || promptTools < 1 || promptTools > MAX_PROMPT_TOOLS) {
      throw new ValidationError("promptTools", `promptTools must be an integer from 1 to ${MAX_PROMPT_TOOLS}`);
    }
    checkDialogue(args.dialogue);
    const userId = args.userId?.trim() ? args.userId.trim() : null;
    if (userId && userId.length > 200) throw new ValidationError("userId", "userId is longer than 200 characters");

    const registry = await this.current();
    let version = registry.defaultVersion;
    let experiment: ExperimentWithArms | null = null;
    if (args.modelVersionId) {
      const v = registry.versions.get(args.modelVersionId) ?? (await this.db.modelVersion.findUnique({ where: { id: args.modelVersionId } }));
      if (!v) throw new ValidationError("modelVersionId", `no model version ${args.modelVersionId}`);
      version = v;
    } else if (registry.running && !args.playground) {
      const arm = assignArm({ id: registry.running.id, arms: registry.running.arms }, userId);
      const v = arm ? registry.versions.get(arm.modelVersionId) : undefined;
      if (v) {
        version = v;
        experiment = registry.running;
      }
    }

    const dialogue = { userQuery: args.dialogue.userQuery, assistantResponse: args.dialogue.assistantResponse ?? null, history: args.dialogue.history ?? [] };
    const tr = performance.now();
    const retrieved = await this.retrieval.retrieve(dialogue, promptTools);
    const snapshot = this.tools(); // after retrieve: the rows of the sync it ranked with
    // A tool disabled since the index last synced is left out.
    const tools: GeneratorTool[] = [];
    for (const r of retrieved.tools) {
      const t = snapshot.tools.get(r.id);
      if (!t) continue;
      tools.push({
        id: t.id, rank: tools.length + 1, score: r.score, name: t.name, canonicalQuery: t.canonicalQuery, description: t.description,
        utterances: t.utterances, frequencyPercentile: snapshot.percentile.get(t.id) ?? null,
      });
    }
    const retrievalMs = performance.now() - tr;

    const tg = performance.now();
    const generated = await this.generatorFor(version).generate({ dialogue, k, tools, matcher: snapshot.matcher });
    const generationMs = performance.now() - tg;
    const candidates = generated.candidates.map((c) => ({ ...c, text: storableText(c.text) }));

    const impressionId = crypto.randomUUID();
    const row: ServedImpressionRow = {
      id: impressionId,
      // Anonymous requests get a user of their own: calibration's u-CTR is per user.
      userId: userId ?? `anonymous:${impressionId}`,
      timestamp: new Date(),
      userQuery: dialogue.userQuery,
      assistantResponse: dialogue.assistantResponse,
      history: dialogue.history,
      source: args.playground ? "playground" : "served",
      generator: generated.generator,
      modelVersionId: version.id,
      experimentId: experiment?.id ?? null,
      promptTemplateVersion: generated.promptTemplateVersion,
      retrievedTools: tools.map((t) => ({ toolId: t.id, rank: t.rank, score: t.score })),
      fallbackReason: generated.fallback?.reason ?? null,
      suggestions: candidates.map((c, position) => ({ position, text: c.text, toolId: c.toolId, exposed: position < n, origin: c.source })),
    };
    const tl = performance.now();
    await this.writer.write(row);
    const loggingMs = performance.now() - tl;

    const all: ServedSuggestion[] = candidates.map((c, position) => {
      const tool = c.toolId ? (snapshot.tools.get(c.toolId) ?? null) : null;
      return { position, text: c.text, isToolInvoking: tool !== null, tool, toolId: tool?.id ?? null, exposed: position < n, source: c.source };
    });
    const empty = { lexical: null, dense: null, rerank: null, fused: null };
    return {
      impressionId,
      generator: generated.generator,
      suggestions: all.slice(0, n),
      notExposed: all.slice(n),
      tools: tools.map((t) => ({ rank: t.rank, score: t.score, tool: snapshot.tools.get(t.id)!, stages: empty, matchedTerms: [] })),
      k,
      n,
      modelVersion: version,
      experiment,
      fallback: generated.fallback,
      // Read only when asked for (the Playground): the grounded generator renders it then.
      get prompt() {
        return generated.prompt;
      },
      promptTemplateVersion: generated.promptTemplateVersion,
      promptTools,
      rawOutput: generated.rawOutput,
      timings: { retrievalMs, generationMs, modelMs: generated.timings.modelMs, loggingMs, totalMs: performance.now() - t0, attempts: generated.timings.attempts },
    };
  }

  // ---------------------------------------------------------------------------
  // recordClick
  // ---------------------------------------------------------------------------

  /**
   * Marks an exposed suggestion clicked and the impression desirable, in one statement (one
   * transaction), committed before it returns. Clicking twice changes nothing the second time.
   */
  async recordClick(impressionId: string, position: number): Promise<boolean> {
    if (!Number.isInteger(position) || position < 0) throw new ValidationError("position", "position must be an integer ≥ 0");
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      WITH upd AS (
        UPDATE impression_suggestions SET clicked = true
        WHERE impression_id = ${impressionId} AND position = ${position} AND exposed
        RETURNING impression_id
      )
      UPDATE impressions SET desirable = true WHERE id IN (SELECT impression_id FROM upd) RETURNING id`;
    if (rows.length > 0) return true;
    const imp = await this.db.impression.findUnique({ where: { id: impressionId }, select: { id: true, suggestions: { where: { exposed: true }, select: { position: true } } } });
    if (!imp) throw new NotFoundError("impression", impressionId);
    const exposed = imp.suggestions.map((s) => s.position).sort((a, b) => a - b);
    throw new ValidationError("position", `position ${position} was not exposed in impression ${impressionId} (exposed: ${exposed.join(", ") || "none"})`);
  }

  async close(): Promise<void> {
    await this.writer.close();
    await this.commitPool?.close();
  }
}
