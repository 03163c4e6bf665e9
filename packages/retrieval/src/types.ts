// Shared shapes of the retrieval stages. Every stage ranks the same documents (enabled tools)
// for one query and reports its own score, so the fused result can explain itself.

/** The text of one tool that retrieval indexes. */
export interface ToolDocument {
  id: string;
  name: string;
  description: string;
  canonicalQuery: string;
  utterances: string[];
  categoryId: string;
  /** Situations a user describes without naming the tool ("I'm at the cinema"). */
  situations?: string[];
  /** How often people invoke the tool (the paper's frequency p); the prior stage reads it. */
  invocationCount?: number;
}

export type TurnRole = "USER" | "ASSISTANT";

/** The paper's dialogue x: user query q_u, assistant response A, earlier turns C. */
export interface Dialogue {
  userQuery: string;
  assistantResponse?: string | null;
  history?: { role: TurnRole; content: string }[] | null;
}

/** One ranked tool from one stage. rank is 1-based. */
export interface StageHit {
  id: string;
  rank: number;
  score: number;
  /** Query terms that matched this document (lexical stage only). */
  matchedTerms?: string[];
}

/** A retrieval stage over a fixed set of documents. */
export interface Retriever {
  /** Stable name, e.g. "bm25", "dense:all-MiniLM-L6-v2", "rerank:Qwen3-Reranker-0.6B". */
  readonly name: string;
  /** Ranked hits, best first, at most topK. */
  search(query: RetrievalQuery, topK: number): Promise<StageHit[]>;
}

/** What the stages search with, built from a Dialogue (see query.ts). */
export interface RetrievalQuery {
  /** Weighted text segments, most recent/most important first. */
  segments: { text: string; weight: number; source: "userQuery" | "assistantResponse" | "history" }[];
  /** The segments flattened into one string for stages that take a single text (dense, rerank). */
  text: string;
}
