// GraphQL documents and response shapes of the Retrieval page and the impact panel
// (apps/api/src/schema/retrieval.graphql).

export type { DialogueTurn, DialogueValue, TurnRole } from "@/components/dialogue/dialogue";
export { SAMPLE_DIALOGUES, toDialogueInput } from "@/components/dialogue/dialogue";

export interface StageConfig {
  lexical: boolean;
  dense: boolean;
  rerank: boolean;
  /** Parts of the lexical (utterance) stage. */
  context: boolean;
  prior: boolean;
  clicks: boolean;
  /** The phrase classifier trained on the catalog's own phrases. */
  classifier: boolean;
}

export type StageKey = keyof StageConfig;

export interface StageScore {
  rank: number;
  score: number;
}

export interface RetrievedToolView {
  rank: number;
  score: number;
  matchedTerms: string[];
  tool: { id: string; name: string; canonicalQuery: string; category: { id: string; name: string } };
  stages: {
    lexical: StageScore | null;
    utterance: StageScore | null;
    context: StageScore | null;
    prior: StageScore | null;
    clicks: StageScore | null;
    /** μ · ln(T · p(tool | dialogue)): below 0 where the classifier finds the tool less likely than chance. */
    classifier: StageScore | null;
    dense: StageScore | null;
    rerank: StageScore | null;
    fused: StageScore | null;
  };
}

export interface RetrievalResultView {
  retriever: string;
  tools: RetrievedToolView[];
  latencyMs: { total: number; query: number | null; lexical: number | null; dense: number | null; fuse: number | null; rerank: number | null };
  query: { text: string; segments: { text: string; weight: number; source: string }[] };
  stagesUsed: StageConfig;
}

export const RETRIEVAL_PREVIEW_QUERY = `query RetrievalPreview($dialogue: DialogueInput!, $topN: Int, $config: RetrievalConfigInput) {
  retrievalPreview(dialogue: $dialogue, topN: $topN, config: $config) {
    retriever
    tools {
      rank score matchedTerms
      tool { id name canonicalQuery category { id name } }
      stages {
        lexical { rank score } utterance { rank score } context { rank score } prior { rank score } clicks { rank score } classifier { rank score }
        dense { rank score } rerank { rank score } fused { rank score }
      }
    }
    latencyMs { total query lexical dense fuse rerank }
    query { text segments { text weight source } }
    stagesUsed { lexical dense rerank context prior clicks classifier }
  }
}`;

export interface RetrievalStatusView {
  documents: number;
  defaultRetriever: string;
  modelsDir: string;
  pollMs: number;
  lastSyncAt: string | null;
  clickPairs: number;
  stages: { name: "LEXICAL" | "DENSE" | "RERANK"; configured: boolean; retriever: string | null; model: string | null; ready: boolean; indexed: number | null; error: string | null }[];
  /** The phrase classifier (null with the BM25 engine): retrained in the background after an edit. */
  classifier: { state: "OFF" | "READY" | "TRAINING" | "STALE"; progress: number; tools: number; trainingMs: number | null } | null;
}

export const RETRIEVAL_STATUS_QUERY = `query RetrievalStatus {
  retrievalStatus {
    documents defaultRetriever modelsDir pollMs lastSyncAt clickPairs
    stages { name configured retriever model ready indexed error }
    classifier { state progress tools trainingMs }
  }
}`;

export interface Metrics {
  n: number;
  recallAt1: number;
  recallAt5: number;
  recallAt10: number;
  ndcgAt5: number;
  mrr: number;
}

export interface GroupMetrics {
  name: string;
  metrics: Metrics;
}

export interface RetrieverEvaluationView {
  label: string;
  retriever: string;
  isDefault: boolean;
  latencyMs: { p50: number; p95: number; mean: number };
  overall: Metrics;
  byCategory: GroupMetrics[];
  byKind: GroupMetrics[];
}

export interface RetrievalEvaluationView {
  generatedAt: string;
  catalogTools: number;
  catalogSource: string;
  devsetDialogues: number;
  devsetPath: string;
  retrievers: RetrieverEvaluationView[];
}

const METRICS = "n recallAt1 recallAt5 recallAt10 ndcgAt5 mrr";

export const RETRIEVAL_EVALUATION_QUERY = `query RetrievalEvaluation {
  retrievalEvaluation {
    generatedAt catalogTools catalogSource devsetDialogues devsetPath
    retrievers {
      label retriever isDefault
      latencyMs { p50 p95 mean }
      overall { ${METRICS} }
      byCategory { name metrics { ${METRICS} } }
      byKind { name metrics { ${METRICS} } }
    }
  }
}`;

export interface ImpactDialogueView {
  id: string;
  category: string;
  kind: string;
  userQuery: string;
  assistantResponse: string | null;
  relevant: string[];
  toolRelevant: boolean;
  before: string[];
  after: string[];
  gained: string[];
  lost: string[];
}

export interface ToolEditImpactView {
  toolId: string;
  k: number;
  dialogues: number;
  /** Test-part dialogues left out (held out from writing phrases). */
  heldOut: number;
  recallBefore: number;
  recallAfter: number;
  improved: number;
  worsened: number;
  gained: ImpactDialogueView[];
  lost: ImpactDialogueView[];
  changed: ImpactDialogueView[];
}

const IMPACT_DIALOGUE = "id category kind userQuery assistantResponse relevant toolRelevant before after gained lost";

export const TOOL_EDIT_IMPACT_QUERY = `query ToolEditImpact($id: ID!, $input: UpdateToolInput!) {
  toolEditImpact(id: $id, input: $input) {
    toolId k dialogues heldOut recallBefore recallAfter improved worsened
    gained { ${IMPACT_DIALOGUE} }
    lost { ${IMPACT_DIALOGUE} }
    changed { id }
  }
}`;

/** One tune-part dialogue the default retriever misses (retrievalMisses). */
export interface RetrievalMissView {
  id: string;
  category: string;
  kind: string;
  userQuery: string;
  assistantResponse: string | null;
  history: { role: "USER" | "ASSISTANT"; content: string }[];
  relevant: { toolId: string; rank: number | null }[];
  top: string[];
}

export interface RetrievalMissesView {
  k: number;
  dialogues: number;
  heldOut: number;
  recallAtK: number;
  total: number;
  items: RetrievalMissView[];
}

const MISS_FIELDS = "id category kind userQuery assistantResponse history { role content } relevant { toolId rank } top";

export const RETRIEVAL_MISSES_QUERY = `query RetrievalMisses($category: String, $first: Int) {
  retrievalMisses(k: 5, category: $category) {
    k dialogues heldOut recallAtK total
    items(first: $first) { ${MISS_FIELDS} }
  }
}`;

/** The tune-part misses of dialogues labelled with one tool (the tool editor's "missed in" list). */
export const TOOL_MISSES_QUERY = `query ToolMisses($toolId: ID!) {
  retrievalMisses(k: 5, toolId: $toolId) {
    k dialogues total
    items(first: 200) { ${MISS_FIELDS} }
  }
}`;
