// The optional model stages of the API's retrieval: a dense stage (TOOLREC_RETRIEVAL_DENSE_MODEL)
// and a reranker (TOOLREC_RETRIEVAL_RERANK_MODEL), loaded from local model folders. Dense
// vectors persist in tool_embeddings; the catalog is embedded in the background, never on the
// request path.
import { performance } from "node:perf_hooks";
import {
  DenseRetriever,
  createEmbedder,
  createReranker,
  findLocalModel,
  type Embedder,
  type ModelReranker,
  type Retriever,
  type ToolDocument,
} from "@toolrec/retrieval";
import { PostgresEmbeddingStore, type Db } from "@toolrec/db";

export interface RetrievalModels {
  dense: DenseRetriever | null;
  /** Read-only view of the dense stage for the pipelines (the service refreshes the index itself). */
  denseView: Retriever | null;
  embedder: Embedder | null;
  reranker: ModelReranker | null;
  denseModelId: string | null;
  rerankModelId: string | null;
  denseError: string | null;
  rerankError: string | null;
}

export async function loadRetrievalModels(
  db: Db,
  modelsDir: string,
  denseModel: string | null,
  rerankModel: string | null,
  docs: () => ToolDocument[],
  log: (line: string) => void,
): Promise<RetrievalModels> {
  const m: RetrievalModels = { dense: null, denseView: null, embedder: null, reranker: null, denseModelId: null, rerankModelId: null, denseError: null, rerankError: null };
  if (denseModel) {
    try {
      const model = await findLocalModel(denseModel, modelsDir);
      if (model.role !== "embedder") throw new Error(`${model.id} is a ${model.family} model, not an embedder`);
      m.embedder = await createEmbedder(model.dir, { modelId: model.id });
      m.denseModelId = model.id;
      const dense = new DenseRetriever({
        embedder: m.embedder,
        store: new PostgresEmbeddingStore(db),
        onError: (e) => log(`dense refresh failed: ${(e as Error).message}`),
      });
      m.dense = dense;
      m.denseView = { name: dense.name, search: (q, k) => dense.search(q, k) };
      const t = performance.now();
      void dense.refresh(docs()).then(
        (s) => log(`${dense.name}: ${s.total} tools indexed (${s.fromStore} vectors from tool_embeddings, ${s.embedded} embedded) in ${Math.round(performance.now() - t)} ms`),
        (e: unknown) => {
          m.denseError = `indexing failed: ${(e as Error).message}`;
          log(`${dense.name}: ${m.denseError}`);
        },
      );
    } catch (e) {
      m.denseError = (e as Error).message;
      log(`dense stage not available (TOOLREC_RETRIEVAL_DENSE_MODEL=${denseModel}): ${m.denseError}`);
    }
  }
  if (rerankModel) {
    try {
      const model = await findLocalModel(rerankModel, modelsDir);
      if (model.role !== "reranker") throw new Error(`${model.id} is a ${model.family} model, not a reranker`);
      m.reranker = await createReranker(model.dir, { modelId: model.id });
      m.rerankModelId = model.id;
    } catch (e) {
      m.rerankError = (e as Error).message;
      log(`rerank stage not available (TOOLREC_RETRIEVAL_RERANK_MODEL=${rerankModel}): ${m.rerankError}`);
    }
  }
  return m;
}
