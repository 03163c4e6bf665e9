// What the console's Retrieval page and `retrievalStatus` show about the index and its stages.
import type { ClassifierStatus } from "@toolrec/retrieval";
import type { RetrievalModels } from "./models.js";
import type { StageKey } from "./pipelines.js";

/** What a stage is: configured or not, and whether it is ready to serve. */
export interface StageStatus {
  name: StageKey;
  configured: boolean;
  /** The stage's retriever name (utterance, dense:<model>, rerank:<model>). */
  retriever: string | null;
  model: string | null;
  /** Dense: all enabled tools have vectors. Others: configured. */
  ready: boolean;
  /** Dense: tools with a vector in the index. */
  indexed: number | null;
  error: string | null;
}

export interface RetrievalStatusView {
  documents: number;
  modelsDir: string;
  pollMs: number;
  lastSyncAt: Date | null;
  lastSyncError: string | null;
  defaultRetriever: string;
  clickPairs: number;
  stages: StageStatus[];
  /** The lexical stage's phrase classifier (null when the lexical engine is BM25). */
  classifier: ClassifierStatus | null;
}

export function stageStatuses(documents: number, m: RetrievalModels): StageStatus[] {
  const dense = m.dense;
  return [
    { name: "lexical", configured: true, retriever: "utterance", model: null, ready: true, indexed: documents, error: null },
    {
      name: "dense",
      configured: dense !== null,
      retriever: dense?.name ?? null,
      model: m.denseModelId,
      ready: dense !== null && !dense.refreshing && dense.size === documents,
      indexed: dense?.size ?? null,
      error: m.denseError,
    },
    {
      name: "rerank",
      configured: m.reranker !== null,
      retriever: m.reranker?.name ?? null,
      model: m.rerankModelId,
      ready: m.reranker !== null,
      indexed: null,
      error: m.rerankError,
    },
  ];
}
