// The pipeline registry: one HybridRetriever per combination of first stages and reranker,
// built on first use over the current documents and kept in step with catalog changes and
// click pairs. Which stages a request runs is resolved here (its toggles over the defaults).
import { HybridRetriever, type ClickPair, type LexicalStageOptions, type ModelReranker, type Retriever, type ToolDocument } from "@toolrec/retrieval";
import { ValidationError } from "@toolrec/core";
import type { CatalogChange } from "./catalog-sync.js";

export type StageKey = "lexical" | "dense" | "rerank";
/** The lexical stage's parts a request may switch off (the A/B compare). */
export type PartKey = "context" | "prior" | "clicks" | "classifier";
export type StageToggles = Partial<Record<StageKey | PartKey, boolean | null | undefined>>;
export type StagesUsed = Record<StageKey | PartKey, boolean>;

export interface PipelineSources {
  denseView: Retriever | null;
  reranker: ModelReranker | null;
  rerankTopM: number;
  /** The lexical stage when it runs (true: the default utterance engine). */
  lexical: true | LexicalStageOptions;
  denseError: string | null;
  rerankError: string | null;
}

export class PipelineRegistry {
  private readonly pipelines = new Map<string, HybridRetriever>();
  private clicks: ClickPair[] = [];

  constructor(
    private readonly docs: () => Iterable<ToolDocument>,
    private readonly sources: PipelineSources,
  ) {}

  get size(): number {
    return this.pipelines.size;
  }

  configured(): Record<StageKey, boolean> {
    return { lexical: true, dense: this.sources.denseView !== null, rerank: this.sources.reranker !== null };
  }

  /** The stages a request runs: its toggles over the configured defaults (every configured stage and part on). */
  resolve(toggles: StageToggles = {}): StagesUsed {
    const have = this.configured();
    const out: StagesUsed = { ...have, context: true, prior: true, clicks: true, classifier: true };
    for (const key of ["lexical", "dense", "rerank"] as const) {
      const want = toggles[key];
      if (want === undefined || want === null) continue;
      if (want && !have[key]) {
        const env = key === "dense" ? "TOOLREC_RETRIEVAL_DENSE_MODEL" : "TOOLREC_RETRIEVAL_RERANK_MODEL";
        const why = (key === "dense" ? this.sources.denseError : this.sources.rerankError) ?? `${env} is not set`;
        throw new ValidationError(`config.${key}`, `the ${key} stage is not configured on this API (${why})`);
      }
      out[key] = want;
    }
    for (const key of ["context", "prior", "clicks", "classifier"] as const) {
      const want = toggles[key];
      if (want !== undefined && want !== null) out[key] = want;
    }
    if (!out.lexical && !out.dense) throw new ValidationError("config", "turn on at least one first stage (lexical or dense)");
    if (!out.lexical) {
      out.context = false;
      out.prior = false;
      out.clicks = false;
      out.classifier = false;
    }
    return out;
  }

  get(stages: Pick<StagesUsed, StageKey>): HybridRetriever {
    const key = `${+stages.lexical}${+stages.dense}${+stages.rerank}`;
    let p = this.pipelines.get(key);
    if (!p) {
      p = new HybridRetriever(this.docs(), {
        lexical: stages.lexical ? this.sources.lexical : false,
        dense: stages.dense ? this.sources.denseView : null,
        rerank: stages.rerank ? this.sources.reranker : null,
        rerankTopM: this.sources.rerankTopM,
        clicks: this.clicks,
      });
      this.pipelines.set(key, p);
    }
    return p;
  }

  /** The name of the pipeline a request without config runs, once built. */
  defaultName(): string | null {
    const c = this.configured();
    return this.pipelines.get(`1${+c.dense}${+c.rerank}`)?.name ?? null;
  }

  apply(change: CatalogChange): void {
    for (const p of this.pipelines.values()) {
      for (const id of change.removed) p.remove(id);
      for (const doc of change.upserts) p.upsert(doc);
    }
  }

  setClickPairs(pairs: ClickPair[]): void {
    this.clicks = pairs;
    for (const p of this.pipelines.values()) p.setClickPairs(pairs);
  }
}
