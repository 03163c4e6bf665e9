// The API's retrieval index (issue #5): the enabled tools as retrieval documents, and the
// configured pipeline over them (lexical BM25 always; a dense stage and a reranker when
// TOOLREC_RETRIEVAL_DENSE_MODEL / TOOLREC_RETRIEVAL_RERANK_MODEL name local model folders under
// TOOLREC_MODELS_DIR). Created once in startApi and shared by every request.
//
// Keeping in sync with the catalog, in the background:
//  - markStale(), called by the API's own tool mutations, starts a sync at once; the next
//    retrieval request waits for it, so an edit is visible to the very next preview;
//  - every pollMs (TOOLREC_RETRIEVAL_POLL_MS, default 3000) one aggregate query
//    (count, max(updated_at), sum(version) over tools) tells whether anything changed
//    elsewhere (a CLI import, another API process); only then are the tools' versions read
//    and only the changed documents re-read, upserted or removed.
// Dense vectors live in tool_embeddings (PostgresEmbeddingStore): a text is embedded once per
// model, in the background (DenseRetriever.refresh), never on the request path; a request only
// embeds its query.

import { performance } from "node:perf_hooks";
import fs from "node:fs";
import path from "node:path";
import {
  DenseRetriever,
  DEVSET_PATH,
  HybridRetriever,
  buildRetrievalQuery,
  createEmbedder,
  createReranker,
  devsetExists,
  findLocalModel,
  loadDevset,
  resolveModelsDir,
  type Dialogue,
  type DevsetItem,
  type Embedder,
  type ModelReranker,
  type RetrievalRun,
  type Retriever,
  type ToolDocument,
} from "@toolrec/retrieval";
import { ValidationError } from "@toolrec/core";
import { dataDir, PostgresEmbeddingStore, type Db } from "@toolrec/db";

export type StageKey = "lexical" | "dense" | "rerank";
export type StageToggles = Partial<Record<StageKey, boolean | null | undefined>>;

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
}

/** What a stage is: configured or not, and whether it is ready to serve. */
export interface StageStatus {
  name: StageKey;
  configured: boolean;
  /** The stage's retriever name (bm25, dense:<model>, rerank:<model>). */
  retriever: string | null;
  model: string | null;
  /** Dense: all enabled tools have vectors. Others: configured. */
  ready: boolean;
  /** Dense: tools with a vector in the index. */
  indexed: number | null;
  error: string | null;
}

export interface PreviewTool {
  id: string;
  rank: number;
  score: number;
  stages: Partial<Record<StageKey | "fused", { rank: number; score: number }>>;
  matchedTerms: string[];
}

export interface PreviewResult {
  retriever: string;
  query: RetrievalRun["query"];
  tools: PreviewTool[];
  latencyMs: RetrievalRun["latencyMs"];
  stagesUsed: Record<StageKey, boolean>;
}


function docEquals(a: ToolDocument, b: ToolDocument): boolean {
  return (
    a.name === b.name &&
    a.description === b.description &&
    a.canonicalQuery === b.canonicalQuery &&
    a.categoryId === b.categoryId &&
    a.utterances.length === b.utterances.length &&
    a.utterances.every((u, i) => u === b.utterances[i])
  );
}

export function toolDocument(t: { id: string; name: string; description: string; canonicalQuery: string; utterances: string[]; categoryId: string }): ToolDocument {
  return { id: t.id, name: t.name, description: t.description, canonicalQuery: t.canonicalQuery, utterances: [...t.utterances], categoryId: t.categoryId };
}

const envOr = (name: string): string | null => {
  const v = process.env[name]?.trim();
  return v ? v : null;
};

export class RetrievalService {
  readonly modelsDir: string;
  readonly pollMs: number;
  readonly evalPath: string;
  readonly devsetPath: string;
  private readonly log: (line: string) => void;
  private readonly rerankTopM: number;

  /** The enabled tools, by id, and the stamp (version + updatedAt) they were read at. */
  private readonly docs = new Map<string, ToolDocument>();
  private readonly stamps = new Map<string, string>();
  /** count:max(updated_at):sum(version) of the tools table at the last sync. */
  private signature: string | null = null;
  private lastSyncAt: Date | null = null;
  private lastSyncError: string | null = null;

  /** One pipeline per stage combination, built on first use and kept in sync. */
  private readonly pipelines = new Map<string, HybridRetriever>();
  private dense: DenseRetriever | null = null;
  private denseView: Retriever | null = null;
  private embedder: Embedder | null = null;
  private reranker: ModelReranker | null = null;
  private denseModelId: string | null = null;
  private rerankModelId: string | null = null;
  private denseError: string | null = null;
  private rerankError: string | null = null;

  /** Moves whenever the indexed tools change (suggestion serving re-reads its tool snapshot then). */
  generation = 0;
  private syncing: Promise<void> | null = null;
  private again = false;
  private forced = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private devset: DevsetItem[] | null = null;

  private constructor(private readonly db: Db, options: RetrievalServiceOptions) {
    this.log = options.log ?? ((line) => console.log(`[retrieval] ${line}`));
    this.modelsDir = options.modelsDir ?? resolveModelsDir();
    const poll = options.pollMs ?? Number(process.env.TOOLREC_RETRIEVAL_POLL_MS ?? 3000);
    this.pollMs = Number.isFinite(poll) && poll > 0 ? Math.max(50, Math.floor(poll)) : 0;
    this.evalPath = options.evalPath ?? envOr("TOOLREC_RETRIEVAL_EVAL_PATH") ?? path.join(dataDir(), "eval", "retrieval-latest.json");
    this.devsetPath = options.devsetPath ?? envOr("TOOLREC_RETRIEVAL_DEVSET") ?? DEVSET_PATH;
    this.rerankTopM = options.rerankTopM ?? 20;
  }

  /** Loads the enabled tools, the configured models, builds the default pipeline and starts polling. */
  static async start(db: Db, options: RetrievalServiceOptions = {}): Promise<RetrievalService> {
    const service = new RetrievalService(db, options);
    await service.sync(true);
    await service.loadModels(
      options.denseModel === undefined ? envOr("TOOLREC_RETRIEVAL_DENSE_MODEL") : options.denseModel,
      options.rerankModel === undefined ? envOr("TOOLREC_RETRIEVAL_RERANK_MODEL") : options.rerankModel,
    );
    service.pipeline(service.resolveStages());
    if (service.pollMs > 0) {
      service.timer = setInterval(() => void service.requestSync(false), service.pollMs);
      service.timer.unref();
    }
    const stages = service.status().stages.filter((s) => s.configured).map((s) => s.retriever);
    service.log(`retrieval over ${service.docs.size} enabled tools: ${stages.join(", ")}${service.pollMs ? `; polling every ${service.pollMs} ms` : ""}`);
    return service;
  }

  private async loadModels(denseModel: string | null, rerankModel: string | null): Promise<void> {
    if (denseModel) {
      try {
        const model = await findLocalModel(denseModel, this.modelsDir);
        if (model.role !== "embedder") throw new Error(`${model.id} is a ${model.family} model, not an embedder`);
        this.embedder = await createEmbedder(model.dir, { modelId: model.id });
        this.denseModelId = model.id;
        this.dense = new DenseRetriever({
          embedder: this.embedder,
          store: new PostgresEmbeddingStore(this.db),
          onError: (e) => this.log(`dense refresh failed: ${(e as Error).message}`),
        });
        const dense = this.dense;
        // Read-only view for the pipelines: the service refreshes the dense index itself, once per sync.
        this.denseView = { name: dense.name, search: (q, k) => dense.search(q, k) };
        const t = performance.now();
        void dense.refresh([...this.docs.values()]).then(
          (s) => this.log(`${dense.name}: ${s.total} tools indexed (${s.fromStore} vectors from tool_embeddings, ${s.embedded} embedded) in ${Math.round(performance.now() - t)} ms`),
          (e: unknown) => {
            this.denseError = `indexing failed: ${(e as Error).message}`;
            this.log(`${dense.name}: ${this.denseError}`);
          },
        );
      } catch (e) {
        this.denseError = (e as Error).message;
        this.log(`dense stage not available (TOOLREC_RETRIEVAL_DENSE_MODEL=${denseModel}): ${this.denseError}`);
      }
    }
    if (rerankModel) {
      try {
        const model = await findLocalModel(rerankModel, this.modelsDir);
        if (model.role !== "reranker") throw new Error(`${model.id} is a ${model.family} model, not a reranker`);
        this.reranker = await createReranker(model.dir, { modelId: model.id });
        this.rerankModelId = model.id;
      } catch (e) {
        this.rerankError = (e as Error).message;
        this.log(`rerank stage not available (TOOLREC_RETRIEVAL_RERANK_MODEL=${rerankModel}): ${this.rerankError}`);
      }
    }
  }

  /** The enabled tools as the index sees them. */
  documents(): ToolDocument[] {
    return [...this.docs.values()];
  }

  /** Which stages exist. */
  configured(): Record<StageKey, boolean> {
    return { lexical: true, dense: this.dense !== null, rerank: this.reranker !== null };
  }

  /** The tools changed: sync now (the next request waits for it). */
  markStale(): void {
    this.forced = true;
    void this.requestSync(true);
  }

  /** Resolves once the index reflects every change signalled so far. */
  async settled(): Promise<void> {
    while (this.syncing) await this.syncing.catch(() => undefined);
  }

  /** Waits for the dense stage's background embedding (tests, status). */
  async denseIdle(): Promise<void> {
    await this.dense?.idle();
  }

  private requestSync(force: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.syncing) {
      this.again = true;
      if (force) this.forced = true;
      return this.syncing;
    }
    const run = (async () => {
      try {
        do {
          this.again = false;
          const f = this.forced;
          this.forced = false;
          await this.sync(f || force);
          force = false;
        } while (this.again && !this.closed);
      } finally {
        this.syncing = null;
      }
    })();
    this.syncing = run.catch((e: unknown) => {
      const message = (e as Error).message;
      if (message !== this.lastSyncError) this.log(`catalog sync failed: ${message}`);
      this.lastSyncError = message;
    });
    return this.syncing;
  }

  /**
   * One sync: a cheap aggregate first; when it differs from the last one (or `force`), read
   * every tool's (id, version, updated_at, enabled), re-read only the changed enabled tools,
   * and upsert / remove them in every pipeline and the dense index.
   */
  private async sync(force: boolean): Promise<void> {
    const [agg] = await this.db.$queryRaw<{ n: number; latest: Date | null; versions: bigint | number | null }[]>`
      SELECT count(*)::int AS n, max(updated_at) AS latest, sum(version)::bigint AS versions FROM tools`;
    const signature = `${agg?.n ?? 0}:${agg?.latest ? new Date(agg.latest).getTime() : 0}:${String(agg?.versions ?? 0)}`;
    if (!force && signature === this.signature) return;

    const rows = await this.db.tool.findMany({ where: { enabled: true }, select: { id: true, version: true, updatedAt: true } });
    const wanted = new Map(rows.map((r) => [r.id, `${r.version}:${r.updatedAt.getTime()}`]));
    const changedIds = rows.filter((r) => this.stamps.get(r.id) !== wanted.get(r.id)).map((r) => r.id);
    const removed = [...this.docs.keys()].filter((id) => !wanted.has(id));

    const upserts: ToolDocument[] = [];
    for (let i = 0; i < changedIds.length; i += 1000) {
      const full = await this.db.tool.findMany({
        where: { id: { in: changedIds.slice(i, i + 1000) }, enabled: true },
        select: { id: true, name: true, description: true, canonicalQuery: true, utterances: true, categoryId: true, version: true, updatedAt: true },
      });
      for (const t of full) {
        const doc = toolDocument(t);
        const prev = this.docs.get(t.id);
        this.stamps.set(t.id, `${t.version}:${t.updatedAt.getTime()}`);
        if (!prev || !docEquals(prev, doc)) upserts.push(doc);
      }
    }
    for (const id of removed) {
      this.docs.delete(id);
      this.stamps.delete(id);
    }
    for (const doc of upserts) this.docs.set(doc.id, doc);
    for (const pipeline of this.pipelines.values()) {
      for (const id of removed) pipeline.remove(id);
      for (const doc of upserts) pipeline.upsert(doc);
    }
    if (this.dense && (removed.length > 0 || upserts.length > 0)) {
      // Removed tools leave at once; changed texts keep their old vector until the new one is in.
      void this.dense.refresh([...this.docs.values()]).catch((e: unknown) => this.log(`dense refresh failed: ${(e as Error).message}`));
    }
    if (removed.length > 0 || upserts.length > 0) this.generation++;
    this.signature = signature;
    this.lastSyncAt = new Date();
    this.lastSyncError = null;
    if (this.pipelines.size > 0 && (removed.length > 0 || upserts.length > 0)) {
      this.log(`catalog changed: ${upserts.length} tools re-indexed, ${removed.length} removed (${this.docs.size} enabled)`);
    }
  }

  /** The stages a request runs: its toggles over the configured defaults (every configured stage on). */
  resolveStages(toggles: StageToggles = {}): Record<StageKey, boolean> {
    const have = this.configured();
    const out = { ...have };
    for (const key of ["lexical", "dense", "rerank"] as const) {
      const want = toggles[key];
      if (want === undefined || want === null) continue;
      if (want && !have[key]) {
        const env = key === "dense" ? "TOOLREC_RETRIEVAL_DENSE_MODEL" : "TOOLREC_RETRIEVAL_RERANK_MODEL";
        const why = (key === "dense" ? this.denseError : this.rerankError) ?? `${env} is not set`;
        throw new ValidationError(`config.${key}`, `the ${key} stage is not configured on this API (${why})`);
      }
      out[key] = want;
    }
    if (!out.lexical && !out.dense) {
      throw new ValidationError("config", "turn on at least one first stage (lexical or dense)");
    }
    return out;
  }

  private pipeline(stages: Record<StageKey, boolean>): HybridRetriever {
    const key = `${+stages.lexical}${+stages.dense}${+stages.rerank}`;
    let p = this.pipelines.get(key);
    if (!p) {
      p = new HybridRetriever(this.docs.values(), {
        lexical: stages.lexical,
        dense: stages.dense ? this.denseView : null,
        rerank: stages.rerank ? this.reranker : null,
        rerankTopM: this.rerankTopM,
      });
      this.pipelines.set(key, p);
    }
    return p;
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
    const pipeline = this.pipeline(stages);

    const t0 = performance.now();
    const query = buildRetrievalQuery(dialogue, pipeline.config.query);
    const tq = performance.now() - t0;
    // With a reranker, ask for the whole reranked head so each tool's fused rank can be told.
    const depth = stages.rerank ? Math.max(topN, this.rerankTopM) : topN;
    const run = await pipeline.retrieve(query, depth);
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
    const pipeline = this.pipeline(stages);
    const t0 = performance.now();
    const query = buildRetrievalQuery(dialogue, pipeline.config.query);
    const run = await pipeline.retrieve(query, topN);
    return { retriever: run.retriever, tools: run.tools.slice(0, topN).map((t) => ({ id: t.id, rank: t.rank, score: t.score })), ms: performance.now() - t0 };
  }

  /** The labelled dev set (read once), or [] when there is none. */
  loadDevset(): DevsetItem[] {
    if (!this.devset) this.devset = devsetExists(this.devsetPath) ? loadDevset(this.devsetPath) : [];
    return this.devset;
  }

  status(): { documents: number; modelsDir: string; pollMs: number; lastSyncAt: Date | null; lastSyncError: string | null; defaultRetriever: string; stages: StageStatus[] } {
    const dense = this.dense;
    return {
      documents: this.docs.size,
      modelsDir: this.modelsDir,
      pollMs: this.pollMs,
      lastSyncAt: this.lastSyncAt,
      lastSyncError: this.lastSyncError,
      defaultRetriever: this.pipelines.get(`1${+!!this.dense}${+!!this.reranker}`)?.name ?? "bm25",
      stages: [
        { name: "lexical", configured: true, retriever: "bm25", model: null, ready: true, indexed: this.docs.size, error: null },
        {
          name: "dense",
          configured: dense !== null,
          retriever: dense?.name ?? null,
          model: this.denseModelId,
          ready: dense !== null && !dense.refreshing && dense.size === this.docs.size,
          indexed: dense?.size ?? null,
          error: this.denseError,
        },
        {
          name: "rerank",
          configured: this.reranker !== null,
          retriever: this.reranker?.name ?? null,
          model: this.rerankModelId,
          ready: this.reranker !== null,
          indexed: null,
          error: this.rerankError,
        },
      ],
    };
  }

  /** The latest `npm run eval:retrieval` output, parsed; null when there is none. */
  readEvaluation(): unknown {
    let text: string;
    try {
      text = fs.readFileSync(this.evalPath, "utf8");
    } catch {
      return null;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new Error(`${this.evalPath} is not valid JSON: ${(e as Error).message}`);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settled();
    await this.dense?.idle();
    await this.embedder?.dispose().catch(() => undefined);
    await this.reranker?.dispose().catch(() => undefined);
  }
}
