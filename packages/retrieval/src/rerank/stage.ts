// A rerank stage: takes the top candidates of a first-stage retriever and orders them by a
// reranker's relevance score.

import type { Retriever, RetrievalQuery, StageHit, ToolDocument } from "../types.js";
import type { ModelReranker } from "./reranker.js";
import { rerankDocumentText } from "./text.js";

export interface RerankRetrieverOptions {
  reranker: ModelReranker;
  /** The stage whose candidates are reranked (dense, lexical or a fusion). */
  first: Retriever;
  documents: Iterable<ToolDocument>;
  /** Candidates taken from the first stage; default 20 (at least topK). */
  candidates?: number;
  documentText?: (doc: ToolDocument) => string;
  /** Default the reranker's name (`rerank:<folder>`). */
  name?: string;
}

export class RerankRetriever implements Retriever {
  readonly name: string;
  readonly reranker: ModelReranker;
  readonly first: Retriever;
  private readonly candidates: number;
  private readonly documentText: (doc: ToolDocument) => string;
  private texts = new Map<string, string>();

  constructor(options: RerankRetrieverOptions) {
    this.reranker = options.reranker;
    this.first = options.first;
    this.candidates = Math.max(1, options.candidates ?? 20);
    this.documentText = options.documentText ?? rerankDocumentText;
    this.name = options.name ?? options.reranker.name;
    this.setDocuments(options.documents);
  }

  /** Replaces the tool texts the reranker sees (the first stage follows its own refresh). */
  setDocuments(documents: Iterable<ToolDocument>): void {
    const next = new Map<string, string>();
    for (const doc of documents) next.set(doc.id, this.documentText(doc));
    this.texts = next;
  }

  async search(query: RetrievalQuery, topK: number): Promise<StageHit[]> {
    if (topK <= 0) return [];
    const hits = (await this.first.search(query, Math.max(this.candidates, topK))).filter((h) => this.texts.has(h.id));
    if (hits.length === 0) return [];
    const scores = await this.reranker.score(
      query.text,
      hits.map((h) => this.texts.get(h.id)!),
    );
    return hits
      .map((h, i) => ({ id: h.id, score: scores[i] ?? 0, firstRank: h.rank }))
      .sort((a, b) => b.score - a.score || a.firstRank - b.firstRank)
      .slice(0, topK)
      .map((h, r) => ({ id: h.id, rank: r + 1, score: h.score }));
  }
}
