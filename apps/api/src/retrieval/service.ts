// The API's retrieval (issues #5, #12): the enabled tools as retrieval documents and the
// configured pipelines over them, created once in startApi and shared by every request. The
// parts live in their own modules:
//   catalog-sync.ts     documents and click pairs kept in step with the database (polling)
//   pipelines.ts        one pipeline per stage combination; which stages a request runs
//   models.ts           the optional dense stage and reranker (local model folders)
//   status.ts           what retrievalStatus reports
//   evaluation-file.ts  the latest dev-set evaluation the console shows
// This file composes them and answers previews.

import { performance } from "node:perf_hooks";
import path from "node:path";
import {
  DEVSET_PATH,
  buildRetrievalQuery,
  devsetExists,
  loadDevset,
  resolveModelsDir,
  type Dialogue,
  type DevsetItem,
  type LexicalStageOptions,
  type PhraseClassifier,
  type RetrievalMiss,
  listMisses,
  recallAtK,
  type UtteranceRetriever,
  type RetrievalRun,
  type ToolDocument,
} from "@toolrec/retrieval";
import { ValidationError } from "@toolrec/core";
import { dataDir, type Db, type Tool } from "@toolrec/db";
import { CatalogSync } from "./catalog-sync.js";
import { readEvaluationFile } from "./evaluation-file.js";
import { loadRetrievalModels, type RetrievalModels } from "./models.js";
import { PipelineRegistry, type StageKey, type StageToggles, type StagesUsed } from "./pipelines.js";
import { stageStatuses, type RetrievalStatusView } from "./status.js";

export { toolDocument } from "@toolrec/retrieval";
export type { StageKey, StageToggles, StagesUsed } from "./pipelines.js";
export type { StageStatus } from "./status.js";

export interface RetrievalServiceOptions {
  log?: (line: string) => void;
  /** Poll interval for changes made outside this API; 0 turns polling off. Default TOOLREC_RETRIEVAL_POLL_MS or 3000. */
  pollMs?: number;
  /** Local model folder id/name of the dense stage. Default TOOLREC_RETRIEVAL_DENSE_MODEL. */
  denseModel?: string | null;
  /** Local model folder id/name of the reranker. Default TOOLREC_RETRIEVAL_RERANK_MODEL. */
  rerankModel?: string | null;
  /** Default TOOLREC_MODELS_DIR or <repo>/.models. */
  modelsDir?: string;
  /** The evaluation file the console shows. Default TOOLREC_RETRIEVAL_EVAL_PATH or <repo>/.data/eval/retrieval-latest.json. */
  evalPath?: string;
  /** The labelled dev set used by toolEditImpact. Default TOOLREC_RETRIEVAL_DEVSET or packages/retrieval/devset/dialogues.jsonl. */
  devsetPath?: string;
  /** How many fused candidates the reranker sees. Default 20. */
  rerankTopM?: number;
  /**
   * The lexical stage's engine and settings. Default the utterance engine with its defaults; the
   * API trains its phrase classifier in the background (classifierBackground) unless told not to.
   */
  lexical?: LexicalStageOptions;
}

type StageScoreKey = StageKey | "utterance" | "context" | "prior" | "clicks" | "classifier" | "fused";

export interface PreviewTool {
  id: string;
  rank: number;
  score: number;
  stages: Partial<Record<StageScoreKey, { rank: number; score: number }>>;
  matchedTerms: string[];
}

export interface PreviewResult {
  retriever: string;
  query: RetrievalRun["query"];
  tools: PreviewTool[];
  latencyMs: RetrievalRun["latencyMs"];
  stagesUsed: StagesUsed;
}

/** How deep the work list looks for a missed tool's rank (beyond it: "not in the top 50"). */
const MISS_DEPTH = 50;

const envOr = (name: string): string | null => {
  const v = process.env[name]?.trim();
  return v ? v : null;
};

const NO_MODELS: RetrievalModels = { dense: null, denseView: null, embedder: null, reranker: null, denseModelId: null, rerankModelId: null, denseError: null, rerankError: null };

export class RetrievalService {
  readonly modelsDir: string;
  readonly pollMs: number;
  readonly evalPath: string;
  readonly devsetPath: string;
  private readonly log: (line: string) => void;
  private readonly rerankTopM: number;
  private readonly lexical: true | LexicalStageOptions;
  private readonly catalog: CatalogSync;
  private models: RetrievalModels = NO_MODELS;
  private registry: PipelineRegistry;
  /** Moves whenever an enabled tool's row changes (suggestion serving rebuilds its tool snapshot then). */
  generation = 0;
  private timer: NodeJS.Timeout | null = null;
  private devset: DevsetItem[] | null = null;

  private constructor(db: Db, options: RetrievalServiceOptions) {
    this.log = options.log ?? ((line) => console.log(`[retrieval] ${line}`));
    this.modelsDir = options.modelsDir ?? resolveModelsDir();
    const poll = options.pollMs ?? Number(process.env.TOOLREC_RETRIEVAL_POLL_MS ?? 3000);
    this.pollMs = Number.isFinite(poll) && poll > 0 ? Math.max(50, Math.floor(poll)) : 0;
    this.evalPath = options.evalPath ?? envOr("TOOLREC_RETRIEVAL_EVAL_PATH") ?? path.join(dataDir(), "eval", "retrieval-latest.json");
    this.devsetPath = options.devsetPath ?? envOr("TOOLREC_RETRIEVAL_DEVSET") ?? DEVSET_PATH;
    this.rerankTopM = options.rerankTopM ?? 20;
    // A catalog edit must not stop every request for the classifier's training (about 1.5 s):
    // the previous model serves until the new one is trained between requests.
    const lexical = options.lexical ?? {};
    this.lexical = lexical.engine === "bm25" ? lexical : { classifierBackground: true, ...lexical };
    this.registry = this.newRegistry();
    this.catalog = new CatalogSync(
      db,
      {
        onCatalogChange: (change, docs) => {
          this.generation++;
          if (change.upserts.length === 0 && change.removed.length === 0) return; // rows only: nothing to re-index
          this.registry.apply(change);
          // Rebuild the default index and start the classifier's training now, not on the next request.
          if (this.registry.size > 0) void this.defaultUtterance()?.classifierReady();
          if (this.models.dense) {
            // Removed tools leave at once; changed texts keep their old vector until the new one is in.
            void this.models.dense.refresh([...docs.values()]).catch((e: unknown) => this.log(`dense refresh failed: ${(e as Error).message}`));
          }
          if (this.registry.size > 0) this.log(`catalog changed: ${change.upserts.length} tools re-indexed, ${change.removed.length} removed (${docs.size} enabled)`);
        },
        onClickPairs: (pairs) => this.registry.setClickPairs(pairs),
      },
      this.log,
    );
  }

  private newRegistry(): PipelineRegistry {
    return new PipelineRegistry(() => this.catalog.docs.values(), {
      denseView: this.models.denseView,
      reranker: this.models.reranker,
      rerankTopM: this.rerankTopM,
      lexical: this.lexical,
      denseError: this.models.denseError,
      rerankError: this.models.rerankError,
    });
  }

  /** Loads the enabled tools and click pairs, the configured models, builds the default pipeline and starts polling. */
  static async start(db: Db, options: RetrievalServiceOptions = {}): Promise<RetrievalService> {
    const service = new RetrievalService(db, options);
    await service.catalog.sync(true);
    const pairs = service.catalog.clickPairs;
    service.models = await loadRetrievalModels(
      db,
      service.modelsDir,
      options.denseModel === undefined ? envOr("TOOLREC_RETRIEVAL_DENSE_MODEL") : options.denseModel,
      options.rerankModel === undefined ? envOr("TOOLREC_RETRIEVAL_RERANK_MODEL") : options.rerankModel,
      () => service.documents(),
      service.log,
    );
    service.registry = service.newRegistry();
    // The registry was replaced: read the click pairs into it again.
    await service.catalog.reloadClickPairs();
    // Build the default pipeline's index now (with the phrase classifier's training, about
    // 1.5 s for 708 tools) rather than on the first request.
    // classifierReady builds the index at once, then waits for the first model (trained in slices).
    const warmStart = performance.now();
    const utterance = service.defaultUtterance();
    const firstModel = utterance?.classifierReady();
    const warmMs = performance.now() - warmStart;
    await firstModel;
    const trainMs = utterance?.classifierStatus().trainingMs;
    if (service.pollMs > 0) {
      service.timer = setInterval(() => void service.catalog.requestSync(false), service.pollMs);
      service.timer.unref();
    }
    const stages = service.status().stages.filter((s) => s.configured).map((s) => s.retriever);
    service.log(`retrieval over ${service.catalog.docs.size} enabled tools: ${stages.join(", ")}; ${pairs} click pairs; index built in ${warmMs.toFixed(0)} ms${trainMs != null ? `, phrase classifier trained in ${trainMs.toFixed(0)} ms` : ""}${service.pollMs ? `; polling every ${service.pollMs} ms` : ""}`);
    return service;
  }

  /** The default pipeline's utterance engine (null when the lexical stage is BM25). */
  private defaultUtterance(): UtteranceRetriever | null {
    return this.registry.get(this.registry.resolve()).utterance;
  }

  /** The phrase classifier the default pipeline serves now (the edit-impact preview uses it on both sides). */
  servingClassifier(): PhraseClassifier | null {
    return this.defaultUtterance()?.classifier ?? null;
  }

  /** The enabled tools' rows as of the last sync (the ones the index ranked), by id. */
  toolRows(): ReadonlyMap<string, Tool> {
    return this.catalog.rows;
  }

  /** The enabled tools as the index sees them. */
  documents(): ToolDocument[] {
    return [...this.catalog.docs.values()];
  }

  /** Which stages exist. */
  configured(): Record<StageKey, boolean> {
    return this.registry.configured();
  }

  /** The tools (or the click log) changed: sync now (the next request waits for it). */
  markStale(): void {
    this.catalog.force();
    void this.catalog.requestSync(true);
  }

  /** Resolves once the index reflects every change signalled so far. */
  async settled(): Promise<void> {
    await this.catalog.settled();
  }

  /** Waits for the dense stage's background embedding (tests, status). */
  async denseIdle(): Promise<void> {
    await this.models.dense?.idle();
  }

  /** The stages a request runs: its toggles over the configured defaults. */
  resolveStages(toggles: StageToggles = {}): StagesUsed {
    return this.registry.resolve(toggles);
  }

  /** Validates and runs one preview. */
  async preview(dialogue: Dialogue, topN: number, toggles: StageToggles = {}): Promise<PreviewResult> {
    if (typeof dialogue.userQuery !== "string" || dialogue.userQuery.trim() === "") {
      throw new ValidationError("dialogue.userQuery", "the user query must not be empty");
    }
    if (dialogue.userQuery.length > 4000) throw new ValidationError("dialogue.userQuery", "the user query is longer than 4000 characters");
    if ((dialogue.history?.length ?? 0) > 100) throw new ValidationError("dialogue.history", "at most 100 earlier turns");
    if (!Number.isInteger(topN) || topN < 1 || topN > 50) throw new ValidationError("topN", "topN must be an integer from 1 to 50");
    const stages = this.resolveStages(toggles);
    await this.settled();
    const pipeline = this.registry.get(stages);

    const t0 = performance.now();
    const query = buildRetrievalQuery(dialogue, pipeline.config.query);
    const tq = performance.now() - t0;
    // With a reranker, ask for the whole reranked head so each tool's fused rank can be told.
    const depth = stages.rerank ? Math.max(topN, this.rerankTopM) : topN;
    const run = await pipeline.retrieve(query, depth, { context: stages.context, prior: stages.prior, clicks: stages.clicks, classifier: stages.classifier });
    const fusedOrder = [...run.tools].sort((a, b) => {
      const best = (t: typeof a) => Math.min(t.stages.lexical?.rank ?? Infinity, t.stages.dense?.rank ?? Infinity);
      return b.score - a.score || best(a) - best(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    });
    const fusedRank = new Map(fusedOrder.map((t, i) => [t.id, i + 1]));
    const tools: PreviewTool[] = run.tools.slice(0, topN).map((t) => ({
      id: t.id,
      rank: t.rank,
      score: t.score,
      stages: { ...t.stages, fused: { rank: fusedRank.get(t.id) ?? t.rank, score: t.score } },
      matchedTerms: t.matchedTerms,
    }));
    return {
      retriever: run.retriever,
      query,
      tools,
      latencyMs: { query: tq, ...run.latencyMs, total: run.latencyMs.total + tq },
      stagesUsed: stages,
    };
  }

  /**
   * The serving path (issue 10): the default stages' top tools, nothing else (no per-stage
   * ranks, no explanations). Waits for a pending sync like preview does.
   */
  async retrieve(dialogue: Dialogue, topN: number): Promise<{ retriever: string; tools: { id: string; rank: number; score: number }[]; ms: number }> {
    const stages = this.resolveStages();
    await this.settled();
    const pipeline = this.registry.get(stages);
    const t0 = performance.now();
    const query = buildRetrievalQuery(dialogue, pipeline.config.query);
    const run = await pipeline.retrieve(query, topN, { context: stages.context, prior: stages.prior, clicks: stages.clicks, classifier: stages.classifier }, { explain: false });
    return { retriever: run.retriever, tools: run.tools.slice(0, topN).map((t) => ({ id: t.id, rank: t.rank, score: t.score })), ms: performance.now() - t0 };
  }

  /** The labelled dev set (read once), or [] when there is none. */
  loadDevset(): DevsetItem[] {
    if (!this.devset) this.devset = devsetExists(this.devsetPath) ? loadDevset(this.devsetPath) : [];
    return this.devset;
  }

  /**
   * The dialogues curators may look at while they write phrases: the tune part (rows without a
   * split count as tune). The test part is held out (issue 12): it is only counted.
   */
  tuneDevset(): { items: DevsetItem[]; heldOut: number } {
    const all = this.loadDevset();
    const items = all.filter((d) => d.split !== "test");
    return { items, heldOut: all.length - items.length };
  }

  /**
   * The curators' work list: tune-part dialogues (optionally of one category, or labelled with
   * one tool) whose relevant tools the default stages do not all rank in the top k, with the
   * mean Recall@k over the dialogues scored.
   */
  async misses(k: number, filter: { category?: string | null; toolId?: string | null } = {}): Promise<{ dialogues: number; heldOut: number; recallAtK: number; misses: RetrievalMiss[] }> {
    const { items, heldOut } = this.tuneDevset();
    if (filter.category && !items.some((d) => d.category === filter.category)) {
      throw new ValidationError("category", `no tune-part dialogue has the category "${filter.category}"`);
    }
    const chosen = items.filter((d) => (!filter.category || d.category === filter.category) && (!filter.toolId || d.relevant.includes(filter.toolId)));
    await this.settled();
    const pipeline = this.registry.get(this.resolveStages());
    const ranked = new Map<string, string[]>();
    for (const item of chosen) {
      const run = await pipeline.retrieve(buildRetrievalQuery(item.dialogue, pipeline.config.query), MISS_DEPTH, {}, { explain: false });
      ranked.set(item.id, run.tools.map((t) => t.id));
    }
    const rankOf = (item: DevsetItem) => ranked.get(item.id) ?? [];
    const recall = chosen.reduce((sum, item) => sum + recallAtK(rankOf(item), item.relevant, k), 0);
    return { dialogues: chosen.length, heldOut, recallAtK: chosen.length ? recall / chosen.length : 0, misses: listMisses(chosen, rankOf, k) };
  }

  status(): RetrievalStatusView {
    return {
      documents: this.catalog.docs.size,
      modelsDir: this.modelsDir,
      pollMs: this.pollMs,
      lastSyncAt: this.catalog.lastSyncAt,
      lastSyncError: this.catalog.lastSyncError,
      defaultRetriever: this.registry.defaultName() ?? "utterance",
      clickPairs: this.catalog.clickPairs,
      stages: stageStatuses(this.catalog.docs.size, this.models),
      classifier: this.defaultUtterance()?.classifierStatus() ?? null,
    };
  }

  /** The latest `npm run eval:retrieval` output, parsed; null when there is none. */
  readEvaluation(): unknown {
    return readEvaluationFile(this.evalPath);
  }

  async close(): Promise<void> {
    this.catalog.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settled();
    await this.models.dense?.idle();
    await this.models.embedder?.dispose().catch(() => undefined);
    await this.models.reranker?.dispose().catch(() => undefined);
  }
}
