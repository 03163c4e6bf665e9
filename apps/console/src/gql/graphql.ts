/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ApiRole =
  | 'ADMIN'
  | 'CURATOR'
  | 'ENGINEER'
  | 'SERVICE'
  /** A training worker: claims runs, reports, uploads artifacts, reads its run's dataset; nothing else. */
  | 'WORKER';

export type CalibrationConfigInput = {
  alpha?: number | null | undefined;
  gamma?: number | null | undefined;
  k?: number | null | undefined;
  mu?: number | null | undefined;
  muMode?: MuMode | null | undefined;
  s?: number | null | undefined;
  systemSide?: SystemSideMode | null | undefined;
  userSide?: boolean | null | undefined;
};

export type CreateToolInput = {
  actionType: ToolActionType;
  canonicalQuery: string;
  categoryId: string | number;
  description: string;
  enabled?: boolean | null | undefined;
  id: string | number;
  invocationCount?: number | null | undefined;
  name: string;
  parameters?: unknown;
  situations?: Array<string> | null | undefined;
  utterances: Array<string>;
};

export type DialogueInput = {
  assistantResponse?: string | null | undefined;
  history?: Array<TurnInput> | null | undefined;
  userQuery: string;
};

export type ExperimentArmInput = {
  modelVersionId: string | number;
  percent: number;
};

export type ExperimentStatus =
  | 'RUNNING'
  | 'STOPPED';

/** Which generator a model version runs (packages/recommender). */
export type GeneratorKind =
  /** The embedded non-LLM baseline: candidates built from the retrieved tools plus general follow-ups. */
  | 'GROUNDED'
  /** Any server speaking the OpenAI protocol (vLLM, SGLang, llama.cpp, Ollama, transformers serve). */
  | 'OPENAI'
  /**
   * The linear policy toolrec/ranker: the grounded generator's candidate pool re-ordered by
   * s(x, y) = w . phi(x, y), served from its weights inside the API (no model server).
   */
  | 'RANKER';

/** All conditions must hold. Ordered newest first (timestamp, then id). */
export type ImpressionFilter = {
  desirable?: boolean | null | undefined;
  /** timestamp >= from */
  from?: string | null | undefined;
  /** Case-insensitive substring of the user query, the assistant response or a suggestion. */
  search?: string | null | undefined;
  source?: string | null | undefined;
  starred?: boolean | null | undefined;
  /** timestamp < to */
  to?: string | null | undefined;
  /** Some suggestion resolved to this tool. */
  toolId?: string | number | null | undefined;
  toolInvoking?: boolean | null | undefined;
  userId?: string | number | null | undefined;
};

/**
 * A succeeded training run as a model version: its adapter as kind OPENAI (model = the adapter
 * name), or, for a toolrec/ranker run, its ranker.json weights as kind RANKER (then the server
 * fields below must be left out: BAD_USER_INPUT on input.<field>).
 */
export type ModelVersionFromTrainingRunInput = {
  activate?: boolean | null | undefined;
  /** completions (default: the raw prompt, exactly what the trainer saw) or chat. */
  api?: string | null | undefined;
  apiKeyEnv?: string | null | undefined;
  /** The OpenAI-compatible server; default the API's TOOLREC_VLLM_BASE_URL (http://127.0.0.1:8000/v1). */
  baseUrl?: string | null | undefined;
  maxTokens?: number | null | undefined;
  /** The version's name, also the adapter's served name (vLLM --lora-modules NAME=PATH). */
  name: string;
  notes?: string | null | undefined;
  runId: string | number;
  temperature?: number | null | undefined;
  timeoutMs?: number | null | undefined;
};

export type ModelVersionInput = {
  /** Make it the default at once (default false). */
  activate?: boolean | null | undefined;
  name: string;
  notes?: string | null | undefined;
  /**
   * See ModelVersion.settings; unknown fields and API keys are rejected (BAD_USER_INPUT on
   * settings.<name>). A ranker's weights: a list of one number per feature, an object
   * {feature: weight}, or a ranker.json the trainer wrote (BAD_USER_INPUT on settings.weights or
   * settings.features when they do not fit this build's features).
   */
  settings: unknown;
  trainingRunId?: string | number | null | undefined;
};

export type MuMode =
  | 'FIXED'
  | 'UPPER_QUARTILE';

export type OfflineExperimentStatus =
  /** Stopped with error set (an arm that cannot serve, the API stopping). */
  | 'FAILED'
  /** Being simulated; progress says how far (0..1). */
  | 'RUNNING'
  /** Done: rows holds the table. */
  | 'SUCCEEDED';

/** Any field left out takes its default (OfflineUserModel); out of range: BAD_USER_INPUT on userModel.<name>. */
export type OfflineUserModelInput = {
  /** (0, 0.9], default 0.03. */
  clickRateMedian?: number | null | undefined;
  /** 0..5, default 1. */
  clickRateSigma?: number | null | undefined;
  /** 0..1, default 0.1. */
  relevanceOther?: number | null | undefined;
  /** 0..1, default 0.5. */
  relevanceSameCategory?: number | null | undefined;
  /** (0, 100], default 3. */
  toolPreference?: number | null | undefined;
  /** 1..1000000, default 400. */
  users?: number | null | undefined;
  /** 0..5, default 1. */
  zipfExponent?: number | null | undefined;
};

export type PreferenceDatasetInput = {
  config?: CalibrationConfigInput | null | undefined;
  from?: string | null | undefined;
  name: string;
  to?: string | null | undefined;
};

/**
 * A dataset is built off the request path (issue 8 §5): createPreferenceDataset returns it
 * BUILDING (progress 0, counts 0) and it becomes READY (progress 1, every field filled) or FAILED
 * (with `error`). Poll preferenceDataset(id) { status progress } to follow it.
 */
export type PreferenceDatasetStatus =
  | 'BUILDING'
  | 'FAILED'
  | 'READY';

/** Filters for a dataset's (or a preview's) samples; all conditions must hold. */
export type PreferenceSampleFilter = {
  /** The KTO label: true = desirable, false = undesirable. */
  label?: boolean | null | undefined;
  /** weight == 0 */
  masked?: boolean | null | undefined;
  toolInvoking?: boolean | null | undefined;
  userId?: string | number | null | undefined;
};

export type PreferenceUserOrder =
  | 'IMPRESSIONS_DESC'
  | 'MEAN_WEIGHT_ASC'
  | 'MEAN_WEIGHT_DESC'
  | 'UCTR_ASC'
  | 'UCTR_DESC'
  | 'USER_ID';

export type RevisionAction =
  | 'CREATE'
  | 'DELETE'
  | 'UPDATE';

export type Role =
  | 'ASSISTANT'
  | 'USER';

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type StartExperimentInput = {
  /** 2..10 arms, distinct versions, percentages summing to 100 (BAD_USER_INPUT on arms[i].percent ...). */
  arms: Array<ExperimentArmInput>;
  /** The control arm's version (default: the current default version when it is an arm, else the first arm). */
  controlModelVersionId?: string | number | null | undefined;
  name: string;
  notes?: string | null | undefined;
};

export type StartOfflineExperimentInput = {
  /** 2..6 distinct model version ids (BAD_USER_INPUT on arms[i] for an unknown one, or one that cannot serve offline: an OpenAI-compatible server that does not answer). */
  arms: Array<string | number>;
  /** The arm every other arm is compared with (default: the first). */
  controlModelVersionId?: string | number | null | undefined;
  /** Impressions per arm, 100..100000 (default 5000). */
  impressions?: number | null | undefined;
  /** Suggestions generated per impression, 1..12 (default 5). */
  k?: number | null | undefined;
  /** 1..200 characters. */
  name: string;
  /** 0..2147483647 (default 1). */
  seed?: number | null | undefined;
  userModel?: OfflineUserModelInput | null | undefined;
};

export type SuggestionInput = {
  dialogue: DialogueInput;
  k?: number | null | undefined;
  /** Serve with this version (ENGINEER, ADMIN; default: the experiment's arm for userId, else the default version). */
  modelVersionId?: string | number | null | undefined;
  n?: number | null | undefined;
  /**
   * The Playground's requests: logged with source "playground" (shown in Impressions, left out of
   * abReport and preference datasets). ENGINEER, ADMIN.
   */
  playground?: boolean | null | undefined;
  /** Tools put in the prompt, 1..20 (default: the server setting TOOLREC_PROMPT_TOOLS, 5). */
  promptTools?: number | null | undefined;
  userId?: string | number | null | undefined;
};

/** How a logged suggestion's tool was resolved at ingest time. */
export type SuggestionResolution =
  /** The logged toolId, an enabled tool. */
  | 'LOGGED'
  /** The tool matcher: the text equals an enabled tool's canonical query or an utterance, after normalizeText. */
  | 'MATCHER'
  /** A general (not tool-invoking) query. */
  | 'NONE';

export type SystemSideMode =
  | 'DYNAMIC'
  | 'OFF'
  | 'STATIC';

/** A time window [from, to); a missing bound is open. */
export type TimeWindowInput = {
  from?: string | null | undefined;
  to?: string | null | undefined;
};

export type ToolActionType =
  | 'EXECUTE'
  | 'LAUNCH'
  | 'OPEN_SETTINGS'
  | 'QUERY_STATUS'
  | 'SET_VALUE'
  | 'TOGGLE';

export type ToolFilter = {
  categoryId?: string | number | null | undefined;
  enabled?: boolean | null | undefined;
  search?: string | null | undefined;
};

export type ToolOrder = {
  direction?: SortDirection | null | undefined;
  field: ToolOrderField;
};

export type ToolOrderField =
  | 'INVOCATION_COUNT'
  | 'NAME'
  | 'RELEVANCE'
  | 'UPDATED_AT';

export type TrainingRunFilter = {
  datasetId?: string | number | null | undefined;
  status?: TrainingRunStatus | null | undefined;
};

export type TrainingRunInput = {
  baseModel: string;
  datasetId: string | number;
  hyperparameters?: unknown;
};

export type TrainingRunStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type TurnInput = {
  content: string;
  role: Role;
};

export type UpdateToolInput = {
  actionType?: ToolActionType | null | undefined;
  canonicalQuery?: string | null | undefined;
  categoryId?: string | number | null | undefined;
  description?: string | null | undefined;
  enabled?: boolean | null | undefined;
  invocationCount?: number | null | undefined;
  name?: string | null | undefined;
  parameters?: unknown;
  situations?: Array<string> | null | undefined;
  utterances?: Array<string> | null | undefined;
};

/** How Eq. 9 combined the two sides. */
export type WeightCombination =
  /** Both sides on, desirable: max(wU, wS). */
  | 'MAX'
  /** Both sides on, undesirable: min(wU, wS). */
  | 'MIN'
  /** Only the system side on: w = wS. */
  | 'SYSTEM_SIDE_ONLY'
  /** Only the user side on: w = wU. */
  | 'USER_SIDE_ONLY'
  /** Neither side on (vanilla KTO): w = 1. */
  | 'VANILLA';

export type CalibrationConfigFieldsFragment = { alpha: number, gamma: number, k: number, mu: number, muMode: MuMode, s: number | null, userSide: boolean, systemSide: SystemSideMode };

export type CalibrationDefaultsQueryVariables = Exact<{ [key: string]: never; }>;


export type CalibrationDefaultsQuery = { calibrationDefaults: { alpha: number, gamma: number, k: number, mu: number, muMode: MuMode, s: number | null, userSide: boolean, systemSide: SystemSideMode } };

export type HistogramFieldsFragment = { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number };

export type LabelHistogramsFieldsFragment = { desirable: { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number }, undesirable: { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number } };

export type CalibrationBreakdownFieldsFragment = { desirable: boolean, userSide: boolean, uctr: number, mu: number, s: number, z: number | null, t: number | null, alpha: number, wU: number, systemSide: SystemSideMode, toolInvoking: boolean, toolId: string | null, p: number | null, gamma: number, k: number, pToTheK: number | null, dynamicBoost: number | null, staticBoost: number, wS: number, combination: WeightCombination, weight: number, masked: boolean, steps: Array<string> };

export type CalibrationPreviewQueryVariables = Exact<{
  window?: TimeWindowInput | null | undefined;
  config?: CalibrationConfigInput | null | undefined;
}>;


export type CalibrationPreviewQuery = { calibrationPreview: { from: string | null, to: string | null, sampleCount: number, desirableCount: number, undesirableCount: number, maskedCount: number, toolInvokingCount: number, userCount: number, mu: number, s: number, weightSum: number, effectiveSampleSize: number, cached: boolean, computeMs: number, config: { alpha: number, gamma: number, k: number, mu: number, muMode: MuMode, s: number | null, userSide: boolean, systemSide: SystemSideMode }, histograms: { wU: { desirable: { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number }, undesirable: { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number } }, wS: { desirable: { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number }, undesirable: { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number } }, weight: { desirable: { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number }, undesirable: { min: number, max: number, edges: Array<number>, counts: Array<number>, below: number, above: number, nan: number } } } } };

export type CalibrationPreviewSamplesQueryVariables = Exact<{
  window?: TimeWindowInput | null | undefined;
  config?: CalibrationConfigInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: PreferenceSampleFilter | null | undefined;
}>;


export type CalibrationPreviewSamplesQuery = { calibrationPreview: { samples: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { index: number, impressionId: string, userId: string, label: boolean, masked: boolean, uctr: number, toolInvoking: boolean, toolId: string | null, frequencyPercentile: number | null, wU: number, wS: number, weight: number, breakdown: { desirable: boolean, userSide: boolean, uctr: number, mu: number, s: number, z: number | null, t: number | null, alpha: number, wU: number, systemSide: SystemSideMode, toolInvoking: boolean, toolId: string | null, p: number | null, gamma: number, k: number, pToTheK: number | null, dynamicBoost: number | null, staticBoost: number, wS: number, combination: WeightCombination, weight: number, masked: boolean, steps: Array<string> } } }> } } };

export type CalibrationPreviewUsersQueryVariables = Exact<{
  window?: TimeWindowInput | null | undefined;
  config?: CalibrationConfigInput | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  orderBy?: PreferenceUserOrder | null | undefined;
}>;


export type CalibrationPreviewUsersQuery = { calibrationPreview: { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { userId: string, impressions: number, desirable: number, uctr: number, meanWeight: number, masked: number } }> } } };

export type DatasetFieldsFragment = { id: string, name: string, createdAt: string, createdBy: string, status: PreferenceDatasetStatus, progress: number, error: string | null, from: string | null, to: string | null, sampleCount: number, desirableCount: number, undesirableCount: number, maskedCount: number, toolInvokingCount: number, userCount: number, mu: number, s: number, weightSum: number, effectiveSampleSize: number, checksum: string, config: { alpha: number, gamma: number, k: number, mu: number, muMode: MuMode, s: number | null, userSide: boolean, systemSide: SystemSideMode }, exportPaths: { jsonl: string, parquet: string, metadata: string } };

export type PreferenceDatasetsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PreferenceDatasetsQuery = { preferenceDatasets: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, createdAt: string, createdBy: string, status: PreferenceDatasetStatus, progress: number, error: string | null, from: string | null, to: string | null, sampleCount: number, desirableCount: number, undesirableCount: number, maskedCount: number, toolInvokingCount: number, userCount: number, mu: number, s: number, weightSum: number, effectiveSampleSize: number, checksum: string, config: { alpha: number, gamma: number, k: number, mu: number, muMode: MuMode, s: number | null, userSide: boolean, systemSide: SystemSideMode }, exportPaths: { jsonl: string, parquet: string, metadata: string } } }> } };

export type CreatePreferenceDatasetMutationVariables = Exact<{
  input: PreferenceDatasetInput;
}>;


export type CreatePreferenceDatasetMutation = { createPreferenceDataset: { id: string, name: string, createdAt: string, createdBy: string, status: PreferenceDatasetStatus, progress: number, error: string | null, from: string | null, to: string | null, sampleCount: number, desirableCount: number, undesirableCount: number, maskedCount: number, toolInvokingCount: number, userCount: number, mu: number, s: number, weightSum: number, effectiveSampleSize: number, checksum: string, config: { alpha: number, gamma: number, k: number, mu: number, muMode: MuMode, s: number | null, userSide: boolean, systemSide: SystemSideMode }, exportPaths: { jsonl: string, parquet: string, metadata: string } } };

export type PreferenceDatasetBuildQueryVariables = Exact<{
  id: string | number;
}>;


export type PreferenceDatasetBuildQuery = { preferenceDataset: { id: string, name: string, createdAt: string, createdBy: string, status: PreferenceDatasetStatus, progress: number, error: string | null, from: string | null, to: string | null, sampleCount: number, desirableCount: number, undesirableCount: number, maskedCount: number, toolInvokingCount: number, userCount: number, mu: number, s: number, weightSum: number, effectiveSampleSize: number, checksum: string, config: { alpha: number, gamma: number, k: number, mu: number, muMode: MuMode, s: number | null, userSide: boolean, systemSide: SystemSideMode }, exportPaths: { jsonl: string, parquet: string, metadata: string } } | null };

export type DeletePreferenceDatasetMutationVariables = Exact<{
  id: string | number;
}>;


export type DeletePreferenceDatasetMutation = { deletePreferenceDataset: boolean };

export type CaseStudyRefFieldsFragment = { id: string, title: string, note: string, createdBy: string, createdAt: string, updatedAt: string };

export type ImpressionFieldsFragment = { id: string, userId: string, timestamp: string, userQuery: string, assistantResponse: string | null, desirable: boolean, toolInvoking: boolean, source: string, generator: string | null, ingestedAt: string, history: Array<{ role: Role, content: string }>, suggestions: Array<{ position: number, text: string, loggedToolId: string | null, resolvedToolId: string | null, resolution: SuggestionResolution, isToolInvoking: boolean, exposed: boolean, clicked: boolean, tool: { id: string, name: string, canonicalQuery: string, enabled: boolean, category: { id: string, name: string } } | null }>, caseStudy: { id: string, title: string, note: string, createdBy: string, createdAt: string, updatedAt: string } | null };

export type ImpressionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ImpressionFilter | null | undefined;
}>;


export type ImpressionsQuery = { impressions: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, userId: string, timestamp: string, userQuery: string, assistantResponse: string | null, desirable: boolean, toolInvoking: boolean, source: string, generator: string | null, ingestedAt: string, history: Array<{ role: Role, content: string }>, suggestions: Array<{ position: number, text: string, loggedToolId: string | null, resolvedToolId: string | null, resolution: SuggestionResolution, isToolInvoking: boolean, exposed: boolean, clicked: boolean, tool: { id: string, name: string, canonicalQuery: string, enabled: boolean, category: { id: string, name: string } } | null }>, caseStudy: { id: string, title: string, note: string, createdBy: string, createdAt: string, updatedAt: string } | null } }> } };

export type ImpressionQueryVariables = Exact<{
  id: string | number;
}>;


export type ImpressionQuery = { impression: { id: string, userId: string, timestamp: string, userQuery: string, assistantResponse: string | null, desirable: boolean, toolInvoking: boolean, source: string, generator: string | null, ingestedAt: string, history: Array<{ role: Role, content: string }>, suggestions: Array<{ position: number, text: string, loggedToolId: string | null, resolvedToolId: string | null, resolution: SuggestionResolution, isToolInvoking: boolean, exposed: boolean, clicked: boolean, tool: { id: string, name: string, canonicalQuery: string, enabled: boolean, category: { id: string, name: string } } | null }>, caseStudy: { id: string, title: string, note: string, createdBy: string, createdAt: string, updatedAt: string } | null } | null };

export type ImpressionStatsQueryVariables = Exact<{
  window?: TimeWindowInput | null | undefined;
}>;


export type ImpressionStatsQuery = { impressionStats: { impressions: number, users: number, desirable: number, toolInvoking: number, firstTimestamp: string | null, lastTimestamp: string | null, toolInvokingSuggestions: { exposed: number, clicked: number, ctr: number }, generalSuggestions: { exposed: number, clicked: number, ctr: number } } };

export type CaseStudiesQueryVariables = Exact<{ [key: string]: never; }>;


export type CaseStudiesQuery = { caseStudies: Array<{ id: string, title: string, note: string, createdBy: string, createdAt: string, updatedAt: string, impression: { id: string, userId: string, timestamp: string, userQuery: string, assistantResponse: string | null, desirable: boolean, toolInvoking: boolean, source: string, generator: string | null, ingestedAt: string, history: Array<{ role: Role, content: string }>, suggestions: Array<{ position: number, text: string, loggedToolId: string | null, resolvedToolId: string | null, resolution: SuggestionResolution, isToolInvoking: boolean, exposed: boolean, clicked: boolean, tool: { id: string, name: string, canonicalQuery: string, enabled: boolean, category: { id: string, name: string } } | null }>, caseStudy: { id: string, title: string, note: string, createdBy: string, createdAt: string, updatedAt: string } | null } }> };

export type StarImpressionMutationVariables = Exact<{
  impressionId: string | number;
  title: string;
  note?: string | null | undefined;
}>;


export type StarImpressionMutation = { starImpression: { id: string, title: string, note: string, createdBy: string, createdAt: string, updatedAt: string } };

export type UpdateCaseStudyMutationVariables = Exact<{
  id: string | number;
  title?: string | null | undefined;
  note?: string | null | undefined;
}>;


export type UpdateCaseStudyMutation = { updateCaseStudy: { id: string, title: string, note: string, createdBy: string, createdAt: string, updatedAt: string } };

export type UnstarImpressionMutationVariables = Exact<{
  impressionId: string | number;
}>;


export type UnstarImpressionMutation = { unstarImpression: boolean };

export type ImpressionInDatasetsQueryVariables = Exact<{
  impressionId: string | number;
}>;


export type ImpressionInDatasetsQuery = { preferenceDatasets: { totalCount: number, edges: Array<{ node: { id: string, name: string, createdAt: string, from: string | null, to: string | null, config: { alpha: number, gamma: number, k: number, mu: number, muMode: MuMode, s: number | null, userSide: boolean, systemSide: SystemSideMode }, sample: { index: number, weight: number, breakdown: { desirable: boolean, userSide: boolean, uctr: number, mu: number, s: number, z: number | null, t: number | null, alpha: number, wU: number, systemSide: SystemSideMode, toolInvoking: boolean, toolId: string | null, p: number | null, gamma: number, k: number, pToTheK: number | null, dynamicBoost: number | null, staticBoost: number, wS: number, combination: WeightCombination, weight: number, masked: boolean, steps: Array<string> } } | null } }> } };

export type OfflineExperimentSummaryFragment = { id: string, name: string, seed: number, impressions: number, k: number, status: OfflineExperimentStatus, progress: number, error: string | null, durationMs: number | null, createdBy: string, createdAt: string, finishedAt: string | null, userModel: { users: number, zipfExponent: number, clickRateMedian: number, clickRateSigma: number, toolPreference: number, relevanceSameCategory: number, relevanceOther: number }, arms: Array<{ modelVersionId: string, name: string, kind: GeneratorKind, isControl: boolean }> };

export type OfflineExperimentFieldsFragment = { id: string, name: string, seed: number, impressions: number, k: number, status: OfflineExperimentStatus, progress: number, error: string | null, durationMs: number | null, createdBy: string, createdAt: string, finishedAt: string | null, rows: Array<{ isControl: boolean, impressions: number, fallbacks: number, arm: { modelVersionId: string, name: string, kind: GeneratorKind }, ctr: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, toolInvokingCtr: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, clicksPerExposedSuggestion: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, toolInvokingExposedShare: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null } }> | null, userModel: { users: number, zipfExponent: number, clickRateMedian: number, clickRateSigma: number, toolPreference: number, relevanceSameCategory: number, relevanceOther: number }, arms: Array<{ modelVersionId: string, name: string, kind: GeneratorKind, isControl: boolean }> };

export type OfflineExperimentsQueryVariables = Exact<{ [key: string]: never; }>;


export type OfflineExperimentsQuery = { offlineExperiments: Array<{ id: string, name: string, seed: number, impressions: number, k: number, status: OfflineExperimentStatus, progress: number, error: string | null, durationMs: number | null, createdBy: string, createdAt: string, finishedAt: string | null, userModel: { users: number, zipfExponent: number, clickRateMedian: number, clickRateSigma: number, toolPreference: number, relevanceSameCategory: number, relevanceOther: number }, arms: Array<{ modelVersionId: string, name: string, kind: GeneratorKind, isControl: boolean }> }>, modelVersions: Array<{ id: string, name: string, kind: GeneratorKind, isDefault: boolean }> };

export type OfflineExperimentQueryVariables = Exact<{
  id: string | number;
}>;


export type OfflineExperimentQuery = { offlineExperiment: { id: string, name: string, seed: number, impressions: number, k: number, status: OfflineExperimentStatus, progress: number, error: string | null, durationMs: number | null, createdBy: string, createdAt: string, finishedAt: string | null, rows: Array<{ isControl: boolean, impressions: number, fallbacks: number, arm: { modelVersionId: string, name: string, kind: GeneratorKind }, ctr: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, toolInvokingCtr: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, clicksPerExposedSuggestion: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, toolInvokingExposedShare: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null } }> | null, userModel: { users: number, zipfExponent: number, clickRateMedian: number, clickRateSigma: number, toolPreference: number, relevanceSameCategory: number, relevanceOther: number }, arms: Array<{ modelVersionId: string, name: string, kind: GeneratorKind, isControl: boolean }> } | null };

export type StartOfflineExperimentMutationVariables = Exact<{
  input: StartOfflineExperimentInput;
}>;


export type StartOfflineExperimentMutation = { startOfflineExperiment: { id: string, status: OfflineExperimentStatus } };

export type DeleteOfflineExperimentMutationVariables = Exact<{
  id: string | number;
}>;


export type DeleteOfflineExperimentMutation = { deleteOfflineExperiment: boolean };

export type RunRowFragment = { id: string, status: TrainingRunStatus, datasetId: string, baseModel: string, hyperparameters: unknown, progress: number, step: number, totalSteps: number | null, cancelRequested: boolean, attempts: number, createdAt: string, createdBy: string, finishedAt: string | null, dataset: { id: string, name: string } | null, worker: { id: string, name: string } | null };

export type ConsoleWorkersQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWorkersQuery = { workers: Array<{ id: string, name: string, hostname: string, gpuCount: number, models: Array<string>, lastSeenAt: string, connected: boolean, gpus: Array<{ name: string, memoryMb: number | null }>, currentRun: { id: string } | null }> };

export type ConsoleRunsQueryVariables = Exact<{
  filter?: TrainingRunFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleRunsQuery = { trainingRuns: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, status: TrainingRunStatus, datasetId: string, baseModel: string, hyperparameters: unknown, progress: number, step: number, totalSteps: number | null, cancelRequested: boolean, attempts: number, createdAt: string, createdBy: string, finishedAt: string | null, dataset: { id: string, name: string } | null, worker: { id: string, name: string } | null } }> } };

export type ConsoleRunQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRunQuery = { trainingRun: { error: string | null, metrics: unknown, requeues: number, resumedFromStep: number | null, startedAt: string | null, leaseExpiresAt: string | null, logTail: Array<string>, id: string, status: TrainingRunStatus, datasetId: string, baseModel: string, hyperparameters: unknown, progress: number, step: number, totalSteps: number | null, cancelRequested: boolean, attempts: number, createdAt: string, createdBy: string, finishedAt: string | null, checkpoint: { step: number } | null, metricSeries: Array<{ step: number, loss: number | null, kl: number | null, rewardsChosen: number | null, rewardsRejected: number | null, rewardsMargins: number | null, lr: number | null, tokensPerS: number | null, memoryMb: number | null }>, artifacts: Array<{ path: string, kind: string, bytes: number, sha256: string, downloadPath: string }>, modelVersions: Array<{ id: string, name: string, generator: string, baseModel: string, adapterPath: string, loraModules: string, status: string, createdAt: string, createdBy: string, modelVersion: { id: string, isDefault: boolean } }>, dataset: { id: string, name: string } | null, worker: { id: string, name: string } | null } | null };

export type ConsoleCreateRunFormQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCreateRunFormQuery = { trainingHyperparameters: Array<{ name: string, type: string, nullable: boolean, default: unknown, minimum: number | null, maximum: number | null, exclusiveMinimum: number | null, exclusiveMaximum: number | null, description: string }>, trainingBaseModels: Array<{ name: string, builtIn: boolean, requires: Array<string>, description: string, connectedWorkers: number }>, preferenceDatasets: { edges: Array<{ node: { id: string, name: string, sampleCount: number, createdAt: string, status: PreferenceDatasetStatus } }> } };

export type ConsoleCreateRunMutationVariables = Exact<{
  input: TrainingRunInput;
}>;


export type ConsoleCreateRunMutation = { createTrainingRun: { id: string, status: TrainingRunStatus } };

export type ConsoleCancelRunMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleCancelRunMutation = { cancelTrainingRun: { id: string, status: TrainingRunStatus, cancelRequested: boolean } };

export type ConsoleRegisterModelVersionMutationVariables = Exact<{
  runId: string | number;
  name: string;
}>;


export type ConsoleRegisterModelVersionMutation = { registerTrainingRunAsModelVersion: { id: string, name: string, loraModules: string, modelVersion: { id: string } } };

export type ModelVersionFieldsFragment = { id: string, name: string, kind: GeneratorKind, settings: unknown, trainingRunId: string | null, baseModel: string | null, adapterPath: string | null, loraModules: string | null, notes: string | null, createdBy: string, createdAt: string, isDefault: boolean, activatedAt: string | null, impressionCount: number, trainingRun: { id: string, status: TrainingRunStatus } | null };

export type ExperimentFieldsFragment = { id: string, name: string, status: ExperimentStatus, notes: string | null, createdBy: string, startedAt: string, stoppedAt: string | null, stoppedBy: string | null, impressionCount: number, arms: Array<{ modelVersionId: string, percent: number, isControl: boolean, modelVersion: { id: string, name: string, kind: GeneratorKind } }> };

export type ModelVersionOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelVersionOptionsQuery = { modelVersions: Array<{ id: string, name: string, kind: GeneratorKind, isDefault: boolean }> };

export type ModelsPageQueryVariables = Exact<{ [key: string]: never; }>;


export type ModelsPageQuery = { modelVersions: Array<{ id: string, name: string, kind: GeneratorKind, settings: unknown, trainingRunId: string | null, baseModel: string | null, adapterPath: string | null, loraModules: string | null, notes: string | null, createdBy: string, createdAt: string, isDefault: boolean, activatedAt: string | null, impressionCount: number, trainingRun: { id: string, status: TrainingRunStatus } | null }>, runningExperiment: { id: string, name: string, status: ExperimentStatus, notes: string | null, createdBy: string, startedAt: string, stoppedAt: string | null, stoppedBy: string | null, impressionCount: number, arms: Array<{ modelVersionId: string, percent: number, isControl: boolean, modelVersion: { id: string, name: string, kind: GeneratorKind } }> } | null, experiments: Array<{ id: string, name: string, status: ExperimentStatus, notes: string | null, createdBy: string, startedAt: string, stoppedAt: string | null, stoppedBy: string | null, impressionCount: number, arms: Array<{ modelVersionId: string, percent: number, isControl: boolean, modelVersion: { id: string, name: string, kind: GeneratorKind } }> }> };

export type SucceededRunsQueryVariables = Exact<{ [key: string]: never; }>;


export type SucceededRunsQuery = { trainingRuns: { edges: Array<{ node: { id: string, baseModel: string, finishedAt: string | null, dataset: { id: string, name: string } | null } }> } };

export type AbRateFieldsFragment = { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null };

export type AbReportQueryVariables = Exact<{
  experimentId?: string | number | null | undefined;
  window?: TimeWindowInput | null | undefined;
  bucketSeconds?: number | null | undefined;
}>;


export type AbReportQuery = { abReport: { from: string | null, to: string | null, bucketSeconds: number, controlModelVersionId: string | null, experiment: { id: string, name: string, status: ExperimentStatus, startedAt: string, stoppedAt: string | null } | null, rows: Array<{ percent: number | null, isControl: boolean, impressions: number, users: number, fallbacks: number, modelVersion: { id: string, name: string, kind: GeneratorKind }, ctr: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, toolInvokingCtr: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, clicksPerExposedSuggestion: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, toolInvokingExposedShare: { value: number | null, successes: number, trials: number, lower: number | null, upper: number | null, difference: number | null, differenceLower: number | null, differenceUpper: number | null, relativeLift: number | null }, series: Array<{ start: string, impressions: number, ctr: number | null, toolInvokingCtr: number | null }> }> } };

export type CreateModelVersionMutationVariables = Exact<{
  input: ModelVersionInput;
}>;


export type CreateModelVersionMutation = { createModelVersion: { id: string, name: string, kind: GeneratorKind, settings: unknown, trainingRunId: string | null, baseModel: string | null, adapterPath: string | null, loraModules: string | null, notes: string | null, createdBy: string, createdAt: string, isDefault: boolean, activatedAt: string | null, impressionCount: number, trainingRun: { id: string, status: TrainingRunStatus } | null } };

export type CreateModelVersionFromRunMutationVariables = Exact<{
  input: ModelVersionFromTrainingRunInput;
}>;


export type CreateModelVersionFromRunMutation = { createModelVersionFromTrainingRun: { id: string, name: string, kind: GeneratorKind, settings: unknown, trainingRunId: string | null, baseModel: string | null, adapterPath: string | null, loraModules: string | null, notes: string | null, createdBy: string, createdAt: string, isDefault: boolean, activatedAt: string | null, impressionCount: number, trainingRun: { id: string, status: TrainingRunStatus } | null } };

export type UpdateModelVersionNotesMutationVariables = Exact<{
  id: string | number;
  notes?: string | null | undefined;
}>;


export type UpdateModelVersionNotesMutation = { updateModelVersionNotes: { id: string, notes: string | null } };

export type ActivateModelVersionMutationVariables = Exact<{
  id: string | number;
}>;


export type ActivateModelVersionMutation = { activateModelVersion: { id: string, name: string, isDefault: boolean } };

export type RollbackModelVersionMutationVariables = Exact<{ [key: string]: never; }>;


export type RollbackModelVersionMutation = { rollbackModelVersion: { id: string, name: string, isDefault: boolean } };

export type StartExperimentMutationVariables = Exact<{
  input: StartExperimentInput;
}>;


export type StartExperimentMutation = { startExperiment: { id: string, name: string, status: ExperimentStatus, notes: string | null, createdBy: string, startedAt: string, stoppedAt: string | null, stoppedBy: string | null, impressionCount: number, arms: Array<{ modelVersionId: string, percent: number, isControl: boolean, modelVersion: { id: string, name: string, kind: GeneratorKind } }> } };

export type StopExperimentMutationVariables = Exact<{
  id: string | number;
}>;


export type StopExperimentMutation = { stopExperiment: { id: string, name: string, status: ExperimentStatus, notes: string | null, createdBy: string, startedAt: string, stoppedAt: string | null, stoppedBy: string | null, impressionCount: number, arms: Array<{ modelVersionId: string, percent: number, isControl: boolean, modelVersion: { id: string, name: string, kind: GeneratorKind } }> } };

export type ServingSuggestionFieldsFragment = { position: number, text: string, isToolInvoking: boolean, exposed: boolean, source: string, toolId: string | null, tool: { id: string, name: string, category: { id: string, name: string } } | null };

export type PlaygroundSuggestionsQueryVariables = Exact<{
  input: SuggestionInput;
}>;


export type PlaygroundSuggestionsQuery = { suggestions: { impressionId: string, generator: string, k: number, n: number, promptTools: number, promptTemplateVersion: string, prompt: string, rawOutput: string | null, suggestions: Array<{ position: number, text: string, isToolInvoking: boolean, exposed: boolean, source: string, toolId: string | null, tool: { id: string, name: string, category: { id: string, name: string } } | null }>, notExposed: Array<{ position: number, text: string, isToolInvoking: boolean, exposed: boolean, source: string, toolId: string | null, tool: { id: string, name: string, category: { id: string, name: string } } | null }>, tools: Array<{ rank: number, score: number, tool: { id: string, name: string, canonicalQuery: string, category: { id: string, name: string } } }>, modelVersion: { id: string, name: string, kind: GeneratorKind }, experiment: { id: string, name: string } | null, fallback: { from: string, reason: string, detail: string } | null, timings: { retrievalMs: number, generationMs: number, modelMs: number | null, loggingMs: number, totalMs: number, attempts: number } } };

export type ToolRowFragment = { id: string, name: string, canonicalQuery: string, invocationCount: number, frequencyPercentile: number, enabled: boolean, category: { id: string, name: string } };

export type ToolFullFragment = { description: string, categoryId: string, utterances: Array<string>, situations: Array<string>, parameters: unknown, actionType: ToolActionType, version: number, updatedAt: string, createdAt: string, popularity: number | null, id: string, name: string, canonicalQuery: string, invocationCount: number, frequencyPercentile: number, enabled: boolean, grounding: Array<{ source: string, id: string | null, reason: string | null }>, category: { id: string, name: string } };

export type ConsoleToolsQueryVariables = Exact<{
  filter?: ToolFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  orderBy?: ToolOrder | null | undefined;
}>;


export type ConsoleToolsQuery = { tools: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, canonicalQuery: string, invocationCount: number, frequencyPercentile: number, enabled: boolean, category: { id: string, name: string } } }> } };

export type ConsoleCategoryOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleCategoryOptionsQuery = { categories: Array<{ id: string, name: string }> };

export type ConsoleCategoriesQueryVariables = Exact<{
  bins?: number | null | undefined;
}>;


export type ConsoleCategoriesQuery = { categories: Array<{ id: string, code: string, name: string, target: number, toolCount: number, enabledToolCount: number, invocationTotal: number }>, invocationHistogram: Array<{ lower: number, upper: number, count: number }> };

export type ConsoleToolQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleToolQuery = { tool: { description: string, categoryId: string, utterances: Array<string>, situations: Array<string>, parameters: unknown, actionType: ToolActionType, version: number, updatedAt: string, createdAt: string, popularity: number | null, id: string, name: string, canonicalQuery: string, invocationCount: number, frequencyPercentile: number, enabled: boolean, grounding: Array<{ source: string, id: string | null, reason: string | null }>, category: { id: string, name: string } } | null };

export type ConsoleToolVersionQueryVariables = Exact<{
  id: string | number;
}>;


export type ConsoleToolVersionQuery = { tool: { id: string, version: number } | null };

export type ConsoleToolRevisionsQueryVariables = Exact<{
  toolId: string | number;
}>;


export type ConsoleToolRevisionsQuery = { toolRevisions: Array<{ id: string, toolId: string, version: number, action: RevisionAction, actor: string, createdAt: string, changes: Array<{ field: string, before: unknown, after: unknown }> }> };

export type ConsoleUpdateToolMutationVariables = Exact<{
  id: string | number;
  version: number;
  input: UpdateToolInput;
}>;


export type ConsoleUpdateToolMutation = { updateTool: { description: string, categoryId: string, utterances: Array<string>, situations: Array<string>, parameters: unknown, actionType: ToolActionType, version: number, updatedAt: string, createdAt: string, popularity: number | null, id: string, name: string, canonicalQuery: string, invocationCount: number, frequencyPercentile: number, enabled: boolean, grounding: Array<{ source: string, id: string | null, reason: string | null }>, category: { id: string, name: string } } };

export type ConsoleCreateToolMutationVariables = Exact<{
  input: CreateToolInput;
}>;


export type ConsoleCreateToolMutation = { createTool: { description: string, categoryId: string, utterances: Array<string>, situations: Array<string>, parameters: unknown, actionType: ToolActionType, version: number, updatedAt: string, createdAt: string, popularity: number | null, id: string, name: string, canonicalQuery: string, invocationCount: number, frequencyPercentile: number, enabled: boolean, grounding: Array<{ source: string, id: string | null, reason: string | null }>, category: { id: string, name: string } } };

export type ConsoleDeleteToolMutationVariables = Exact<{
  id: string | number;
  version: number;
}>;


export type ConsoleDeleteToolMutation = { deleteTool: { id: string, deleted: boolean } };

export type ApiKeyFieldsFragment = { id: string, name: string, role: ApiRole, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null };

export type ConsoleApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleApiKeysQuery = { apiKeys: Array<{ id: string, name: string, role: ApiRole, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> };

export type ConsoleCreateApiKeyMutationVariables = Exact<{
  name: string;
  role: ApiRole;
}>;


export type ConsoleCreateApiKeyMutation = { createApiKey: { key: string, apiKey: { id: string, name: string, role: ApiRole, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } } };

export type ConsoleRevokeApiKeyMutationVariables = Exact<{
  id: string | number;
}>;


export type ConsoleRevokeApiKeyMutation = { revokeApiKey: { id: string, name: string, role: ApiRole, prefix: string, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } };

export type ConsoleViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleViewerQuery = { viewer: { id: string, name: string, role: ApiRole } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const HistogramFieldsFragmentDoc = new TypedDocumentString(`
    fragment HistogramFields on WeightHistogram {
  min
  max
  edges
  counts
  below
  above
  nan
}
    `, {"fragmentName":"HistogramFields"}) as unknown as TypedDocumentString<HistogramFieldsFragment, unknown>;
export const LabelHistogramsFieldsFragmentDoc = new TypedDocumentString(`
    fragment LabelHistogramsFields on LabelHistograms {
  desirable {
    ...HistogramFields
  }
  undesirable {
    ...HistogramFields
  }
}
    fragment HistogramFields on WeightHistogram {
  min
  max
  edges
  counts
  below
  above
  nan
}`, {"fragmentName":"LabelHistogramsFields"}) as unknown as TypedDocumentString<LabelHistogramsFieldsFragment, unknown>;
export const CalibrationBreakdownFieldsFragmentDoc = new TypedDocumentString(`
    fragment CalibrationBreakdownFields on CalibrationBreakdown {
  desirable
  userSide
  uctr
  mu
  s
  z
  t
  alpha
  wU
  systemSide
  toolInvoking
  toolId
  p
  gamma
  k
  pToTheK
  dynamicBoost
  staticBoost
  wS
  combination
  weight
  masked
  steps
}
    `, {"fragmentName":"CalibrationBreakdownFields"}) as unknown as TypedDocumentString<CalibrationBreakdownFieldsFragment, unknown>;
export const CalibrationConfigFieldsFragmentDoc = new TypedDocumentString(`
    fragment CalibrationConfigFields on CalibrationConfig {
  alpha
  gamma
  k
  mu
  muMode
  s
  userSide
  systemSide
}
    `, {"fragmentName":"CalibrationConfigFields"}) as unknown as TypedDocumentString<CalibrationConfigFieldsFragment, unknown>;
export const DatasetFieldsFragmentDoc = new TypedDocumentString(`
    fragment DatasetFields on PreferenceDataset {
  id
  name
  createdAt
  createdBy
  status
  progress
  error
  from
  to
  config {
    ...CalibrationConfigFields
  }
  sampleCount
  desirableCount
  undesirableCount
  maskedCount
  toolInvokingCount
  userCount
  mu
  s
  weightSum
  effectiveSampleSize
  checksum
  exportPaths {
    jsonl
    parquet
    metadata
  }
}
    fragment CalibrationConfigFields on CalibrationConfig {
  alpha
  gamma
  k
  mu
  muMode
  s
  userSide
  systemSide
}`, {"fragmentName":"DatasetFields"}) as unknown as TypedDocumentString<DatasetFieldsFragment, unknown>;
export const CaseStudyRefFieldsFragmentDoc = new TypedDocumentString(`
    fragment CaseStudyRefFields on CaseStudy {
  id
  title
  note
  createdBy
  createdAt
  updatedAt
}
    `, {"fragmentName":"CaseStudyRefFields"}) as unknown as TypedDocumentString<CaseStudyRefFieldsFragment, unknown>;
export const ImpressionFieldsFragmentDoc = new TypedDocumentString(`
    fragment ImpressionFields on Impression {
  id
  userId
  timestamp
  userQuery
  assistantResponse
  history {
    role
    content
  }
  desirable
  toolInvoking
  source
  generator
  ingestedAt
  suggestions {
    position
    text
    loggedToolId
    resolvedToolId
    resolution
    isToolInvoking
    exposed
    clicked
    tool {
      id
      name
      canonicalQuery
      enabled
      category {
        id
        name
      }
    }
  }
  caseStudy {
    ...CaseStudyRefFields
  }
}
    fragment CaseStudyRefFields on CaseStudy {
  id
  title
  note
  createdBy
  createdAt
  updatedAt
}`, {"fragmentName":"ImpressionFields"}) as unknown as TypedDocumentString<ImpressionFieldsFragment, unknown>;
export const OfflineExperimentSummaryFragmentDoc = new TypedDocumentString(`
    fragment OfflineExperimentSummary on OfflineExperiment {
  id
  name
  seed
  impressions
  k
  status
  progress
  error
  durationMs
  createdBy
  createdAt
  finishedAt
  userModel {
    users
    zipfExponent
    clickRateMedian
    clickRateSigma
    toolPreference
    relevanceSameCategory
    relevanceOther
  }
  arms {
    modelVersionId
    name
    kind
    isControl
  }
}
    `, {"fragmentName":"OfflineExperimentSummary"}) as unknown as TypedDocumentString<OfflineExperimentSummaryFragment, unknown>;
export const AbRateFieldsFragmentDoc = new TypedDocumentString(`
    fragment AbRateFields on AbRate {
  value
  successes
  trials
  lower
  upper
  difference
  differenceLower
  differenceUpper
  relativeLift
}
    `, {"fragmentName":"AbRateFields"}) as unknown as TypedDocumentString<AbRateFieldsFragment, unknown>;
export const OfflineExperimentFieldsFragmentDoc = new TypedDocumentString(`
    fragment OfflineExperimentFields on OfflineExperiment {
  ...OfflineExperimentSummary
  rows {
    arm {
      modelVersionId
      name
      kind
    }
    isControl
    impressions
    fallbacks
    ctr {
      ...AbRateFields
    }
    toolInvokingCtr {
      ...AbRateFields
    }
    clicksPerExposedSuggestion {
      ...AbRateFields
    }
    toolInvokingExposedShare {
      ...AbRateFields
    }
  }
}
    fragment OfflineExperimentSummary on OfflineExperiment {
  id
  name
  seed
  impressions
  k
  status
  progress
  error
  durationMs
  createdBy
  createdAt
  finishedAt
  userModel {
    users
    zipfExponent
    clickRateMedian
    clickRateSigma
    toolPreference
    relevanceSameCategory
    relevanceOther
  }
  arms {
    modelVersionId
    name
    kind
    isControl
  }
}
fragment AbRateFields on AbRate {
  value
  successes
  trials
  lower
  upper
  difference
  differenceLower
  differenceUpper
  relativeLift
}`, {"fragmentName":"OfflineExperimentFields"}) as unknown as TypedDocumentString<OfflineExperimentFieldsFragment, unknown>;
export const RunRowFragmentDoc = new TypedDocumentString(`
    fragment RunRow on TrainingRun {
  id
  status
  datasetId
  baseModel
  hyperparameters
  progress
  step
  totalSteps
  cancelRequested
  attempts
  createdAt
  createdBy
  finishedAt
  dataset {
    id
    name
  }
  worker {
    id
    name
  }
}
    `, {"fragmentName":"RunRow"}) as unknown as TypedDocumentString<RunRowFragment, unknown>;
export const ModelVersionFieldsFragmentDoc = new TypedDocumentString(`
    fragment ModelVersionFields on ModelVersion {
  id
  name
  kind
  settings
  trainingRunId
  baseModel
  adapterPath
  loraModules
  notes
  createdBy
  createdAt
  isDefault
  activatedAt
  impressionCount
  trainingRun {
    id
    status
  }
}
    `, {"fragmentName":"ModelVersionFields"}) as unknown as TypedDocumentString<ModelVersionFieldsFragment, unknown>;
export const ExperimentFieldsFragmentDoc = new TypedDocumentString(`
    fragment ExperimentFields on Experiment {
  id
  name
  status
  notes
  createdBy
  startedAt
  stoppedAt
  stoppedBy
  impressionCount
  arms {
    modelVersionId
    percent
    isControl
    modelVersion {
      id
      name
      kind
    }
  }
}
    `, {"fragmentName":"ExperimentFields"}) as unknown as TypedDocumentString<ExperimentFieldsFragment, unknown>;
export const ServingSuggestionFieldsFragmentDoc = new TypedDocumentString(`
    fragment ServingSuggestionFields on Suggestion {
  position
  text
  isToolInvoking
  exposed
  source
  toolId
  tool {
    id
    name
    category {
      id
      name
    }
  }
}
    `, {"fragmentName":"ServingSuggestionFields"}) as unknown as TypedDocumentString<ServingSuggestionFieldsFragment, unknown>;
export const ToolRowFragmentDoc = new TypedDocumentString(`
    fragment ToolRow on Tool {
  id
  name
  canonicalQuery
  invocationCount
  frequencyPercentile
  enabled
  category {
    id
    name
  }
}
    `, {"fragmentName":"ToolRow"}) as unknown as TypedDocumentString<ToolRowFragment, unknown>;
export const ToolFullFragmentDoc = new TypedDocumentString(`
    fragment ToolFull on Tool {
  ...ToolRow
  description
  categoryId
  utterances
  situations
  parameters
  actionType
  version
  updatedAt
  createdAt
  popularity
  grounding {
    source
    id
    reason
  }
}
    fragment ToolRow on Tool {
  id
  name
  canonicalQuery
  invocationCount
  frequencyPercentile
  enabled
  category {
    id
    name
  }
}`, {"fragmentName":"ToolFull"}) as unknown as TypedDocumentString<ToolFullFragment, unknown>;
export const ApiKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiKeyFields on ApiKey {
  id
  name
  role
  prefix
  createdAt
  lastUsedAt
  revokedAt
}
    `, {"fragmentName":"ApiKeyFields"}) as unknown as TypedDocumentString<ApiKeyFieldsFragment, unknown>;
export const CalibrationDefaultsDocument = new TypedDocumentString(`
    query CalibrationDefaults {
  calibrationDefaults {
    ...CalibrationConfigFields
  }
}
    fragment CalibrationConfigFields on CalibrationConfig {
  alpha
  gamma
  k
  mu
  muMode
  s
  userSide
  systemSide
}`) as unknown as TypedDocumentString<CalibrationDefaultsQuery, CalibrationDefaultsQueryVariables>;
export const CalibrationPreviewDocument = new TypedDocumentString(`
    query CalibrationPreview($window: TimeWindowInput, $config: CalibrationConfigInput) {
  calibrationPreview(window: $window, config: $config) {
    from
    to
    config {
      ...CalibrationConfigFields
    }
    sampleCount
    desirableCount
    undesirableCount
    maskedCount
    toolInvokingCount
    userCount
    mu
    s
    weightSum
    effectiveSampleSize
    cached
    computeMs
    histograms {
      wU {
        ...LabelHistogramsFields
      }
      wS {
        ...LabelHistogramsFields
      }
      weight {
        ...LabelHistogramsFields
      }
    }
  }
}
    fragment CalibrationConfigFields on CalibrationConfig {
  alpha
  gamma
  k
  mu
  muMode
  s
  userSide
  systemSide
}
fragment HistogramFields on WeightHistogram {
  min
  max
  edges
  counts
  below
  above
  nan
}
fragment LabelHistogramsFields on LabelHistograms {
  desirable {
    ...HistogramFields
  }
  undesirable {
    ...HistogramFields
  }
}`) as unknown as TypedDocumentString<CalibrationPreviewQuery, CalibrationPreviewQueryVariables>;
export const CalibrationPreviewSamplesDocument = new TypedDocumentString(`
    query CalibrationPreviewSamples($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $filter: PreferenceSampleFilter) {
  calibrationPreview(window: $window, config: $config) {
    samples(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          index
          impressionId
          userId
          label
          masked
          uctr
          toolInvoking
          toolId
          frequencyPercentile
          wU
          wS
          weight
          breakdown {
            ...CalibrationBreakdownFields
          }
        }
      }
    }
  }
}
    fragment CalibrationBreakdownFields on CalibrationBreakdown {
  desirable
  userSide
  uctr
  mu
  s
  z
  t
  alpha
  wU
  systemSide
  toolInvoking
  toolId
  p
  gamma
  k
  pToTheK
  dynamicBoost
  staticBoost
  wS
  combination
  weight
  masked
  steps
}`) as unknown as TypedDocumentString<CalibrationPreviewSamplesQuery, CalibrationPreviewSamplesQueryVariables>;
export const CalibrationPreviewUsersDocument = new TypedDocumentString(`
    query CalibrationPreviewUsers($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $orderBy: PreferenceUserOrder) {
  calibrationPreview(window: $window, config: $config) {
    users(first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          userId
          impressions
          desirable
          uctr
          meanWeight
          masked
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CalibrationPreviewUsersQuery, CalibrationPreviewUsersQueryVariables>;
export const PreferenceDatasetsDocument = new TypedDocumentString(`
    query PreferenceDatasets($first: Int, $after: String) {
  preferenceDatasets(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...DatasetFields
      }
    }
  }
}
    fragment CalibrationConfigFields on CalibrationConfig {
  alpha
  gamma
  k
  mu
  muMode
  s
  userSide
  systemSide
}
fragment DatasetFields on PreferenceDataset {
  id
  name
  createdAt
  createdBy
  status
  progress
  error
  from
  to
  config {
    ...CalibrationConfigFields
  }
  sampleCount
  desirableCount
  undesirableCount
  maskedCount
  toolInvokingCount
  userCount
  mu
  s
  weightSum
  effectiveSampleSize
  checksum
  exportPaths {
    jsonl
    parquet
    metadata
  }
}`) as unknown as TypedDocumentString<PreferenceDatasetsQuery, PreferenceDatasetsQueryVariables>;
export const CreatePreferenceDatasetDocument = new TypedDocumentString(`
    mutation CreatePreferenceDataset($input: PreferenceDatasetInput!) {
  createPreferenceDataset(input: $input) {
    ...DatasetFields
  }
}
    fragment CalibrationConfigFields on CalibrationConfig {
  alpha
  gamma
  k
  mu
  muMode
  s
  userSide
  systemSide
}
fragment DatasetFields on PreferenceDataset {
  id
  name
  createdAt
  createdBy
  status
  progress
  error
  from
  to
  config {
    ...CalibrationConfigFields
  }
  sampleCount
  desirableCount
  undesirableCount
  maskedCount
  toolInvokingCount
  userCount
  mu
  s
  weightSum
  effectiveSampleSize
  checksum
  exportPaths {
    jsonl
    parquet
    metadata
  }
}`) as unknown as TypedDocumentString<CreatePreferenceDatasetMutation, CreatePreferenceDatasetMutationVariables>;
export const PreferenceDatasetBuildDocument = new TypedDocumentString(`
    query PreferenceDatasetBuild($id: ID!) {
  preferenceDataset(id: $id) {
    ...DatasetFields
  }
}
    fragment CalibrationConfigFields on CalibrationConfig {
  alpha
  gamma
  k
  mu
  muMode
  s
  userSide
  systemSide
}
fragment DatasetFields on PreferenceDataset {
  id
  name
  createdAt
  createdBy
  status
  progress
  error
  from
  to
  config {
    ...CalibrationConfigFields
  }
  sampleCount
  desirableCount
  undesirableCount
  maskedCount
  toolInvokingCount
  userCount
  mu
  s
  weightSum
  effectiveSampleSize
  checksum
  exportPaths {
    jsonl
    parquet
    metadata
  }
}`) as unknown as TypedDocumentString<PreferenceDatasetBuildQuery, PreferenceDatasetBuildQueryVariables>;
export const DeletePreferenceDatasetDocument = new TypedDocumentString(`
    mutation DeletePreferenceDataset($id: ID!) {
  deletePreferenceDataset(id: $id)
}
    `) as unknown as TypedDocumentString<DeletePreferenceDatasetMutation, DeletePreferenceDatasetMutationVariables>;
export const ImpressionsDocument = new TypedDocumentString(`
    query Impressions($first: Int, $after: String, $filter: ImpressionFilter) {
  impressions(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...ImpressionFields
      }
    }
  }
}
    fragment CaseStudyRefFields on CaseStudy {
  id
  title
  note
  createdBy
  createdAt
  updatedAt
}
fragment ImpressionFields on Impression {
  id
  userId
  timestamp
  userQuery
  assistantResponse
  history {
    role
    content
  }
  desirable
  toolInvoking
  source
  generator
  ingestedAt
  suggestions {
    position
    text
    loggedToolId
    resolvedToolId
    resolution
    isToolInvoking
    exposed
    clicked
    tool {
      id
      name
      canonicalQuery
      enabled
      category {
        id
        name
      }
    }
  }
  caseStudy {
    ...CaseStudyRefFields
  }
}`) as unknown as TypedDocumentString<ImpressionsQuery, ImpressionsQueryVariables>;
export const ImpressionDocument = new TypedDocumentString(`
    query Impression($id: ID!) {
  impression(id: $id) {
    ...ImpressionFields
  }
}
    fragment CaseStudyRefFields on CaseStudy {
  id
  title
  note
  createdBy
  createdAt
  updatedAt
}
fragment ImpressionFields on Impression {
  id
  userId
  timestamp
  userQuery
  assistantResponse
  history {
    role
    content
  }
  desirable
  toolInvoking
  source
  generator
  ingestedAt
  suggestions {
    position
    text
    loggedToolId
    resolvedToolId
    resolution
    isToolInvoking
    exposed
    clicked
    tool {
      id
      name
      canonicalQuery
      enabled
      category {
        id
        name
      }
    }
  }
  caseStudy {
    ...CaseStudyRefFields
  }
}`) as unknown as TypedDocumentString<ImpressionQuery, ImpressionQueryVariables>;
export const ImpressionStatsDocument = new TypedDocumentString(`
    query ImpressionStats($window: TimeWindowInput) {
  impressionStats(window: $window) {
    impressions
    users
    desirable
    toolInvoking
    firstTimestamp
    lastTimestamp
    toolInvokingSuggestions {
      exposed
      clicked
      ctr
    }
    generalSuggestions {
      exposed
      clicked
      ctr
    }
  }
}
    `) as unknown as TypedDocumentString<ImpressionStatsQuery, ImpressionStatsQueryVariables>;
export const CaseStudiesDocument = new TypedDocumentString(`
    query CaseStudies {
  caseStudies {
    ...CaseStudyRefFields
    impression {
      ...ImpressionFields
    }
  }
}
    fragment CaseStudyRefFields on CaseStudy {
  id
  title
  note
  createdBy
  createdAt
  updatedAt
}
fragment ImpressionFields on Impression {
  id
  userId
  timestamp
  userQuery
  assistantResponse
  history {
    role
    content
  }
  desirable
  toolInvoking
  source
  generator
  ingestedAt
  suggestions {
    position
    text
    loggedToolId
    resolvedToolId
    resolution
    isToolInvoking
    exposed
    clicked
    tool {
      id
      name
      canonicalQuery
      enabled
      category {
        id
        name
      }
    }
  }
  caseStudy {
    ...CaseStudyRefFields
  }
}`) as unknown as TypedDocumentString<CaseStudiesQuery, CaseStudiesQueryVariables>;
export const StarImpressionDocument = new TypedDocumentString(`
    mutation StarImpression($impressionId: ID!, $title: String!, $note: String) {
  starImpression(impressionId: $impressionId, title: $title, note: $note) {
    ...CaseStudyRefFields
  }
}
    fragment CaseStudyRefFields on CaseStudy {
  id
  title
  note
  createdBy
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<StarImpressionMutation, StarImpressionMutationVariables>;
export const UpdateCaseStudyDocument = new TypedDocumentString(`
    mutation UpdateCaseStudy($id: ID!, $title: String, $note: String) {
  updateCaseStudy(id: $id, title: $title, note: $note) {
    ...CaseStudyRefFields
  }
}
    fragment CaseStudyRefFields on CaseStudy {
  id
  title
  note
  createdBy
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateCaseStudyMutation, UpdateCaseStudyMutationVariables>;
export const UnstarImpressionDocument = new TypedDocumentString(`
    mutation UnstarImpression($impressionId: ID!) {
  unstarImpression(impressionId: $impressionId)
}
    `) as unknown as TypedDocumentString<UnstarImpressionMutation, UnstarImpressionMutationVariables>;
export const ImpressionInDatasetsDocument = new TypedDocumentString(`
    query ImpressionInDatasets($impressionId: ID!) {
  preferenceDatasets(first: 20) {
    totalCount
    edges {
      node {
        id
        name
        createdAt
        from
        to
        config {
          ...CalibrationConfigFields
        }
        sample(impressionId: $impressionId) {
          index
          weight
          breakdown {
            ...CalibrationBreakdownFields
          }
        }
      }
    }
  }
}
    fragment CalibrationConfigFields on CalibrationConfig {
  alpha
  gamma
  k
  mu
  muMode
  s
  userSide
  systemSide
}
fragment CalibrationBreakdownFields on CalibrationBreakdown {
  desirable
  userSide
  uctr
  mu
  s
  z
  t
  alpha
  wU
  systemSide
  toolInvoking
  toolId
  p
  gamma
  k
  pToTheK
  dynamicBoost
  staticBoost
  wS
  combination
  weight
  masked
  steps
}`) as unknown as TypedDocumentString<ImpressionInDatasetsQuery, ImpressionInDatasetsQueryVariables>;
export const OfflineExperimentsDocument = new TypedDocumentString(`
    query OfflineExperiments {
  offlineExperiments(first: 50) {
    ...OfflineExperimentSummary
  }
  modelVersions {
    id
    name
    kind
    isDefault
  }
}
    fragment OfflineExperimentSummary on OfflineExperiment {
  id
  name
  seed
  impressions
  k
  status
  progress
  error
  durationMs
  createdBy
  createdAt
  finishedAt
  userModel {
    users
    zipfExponent
    clickRateMedian
    clickRateSigma
    toolPreference
    relevanceSameCategory
    relevanceOther
  }
  arms {
    modelVersionId
    name
    kind
    isControl
  }
}`) as unknown as TypedDocumentString<OfflineExperimentsQuery, OfflineExperimentsQueryVariables>;
export const OfflineExperimentDocument = new TypedDocumentString(`
    query OfflineExperiment($id: ID!) {
  offlineExperiment(id: $id) {
    ...OfflineExperimentFields
  }
}
    fragment OfflineExperimentSummary on OfflineExperiment {
  id
  name
  seed
  impressions
  k
  status
  progress
  error
  durationMs
  createdBy
  createdAt
  finishedAt
  userModel {
    users
    zipfExponent
    clickRateMedian
    clickRateSigma
    toolPreference
    relevanceSameCategory
    relevanceOther
  }
  arms {
    modelVersionId
    name
    kind
    isControl
  }
}
fragment OfflineExperimentFields on OfflineExperiment {
  ...OfflineExperimentSummary
  rows {
    arm {
      modelVersionId
      name
      kind
    }
    isControl
    impressions
    fallbacks
    ctr {
      ...AbRateFields
    }
    toolInvokingCtr {
      ...AbRateFields
    }
    clicksPerExposedSuggestion {
      ...AbRateFields
    }
    toolInvokingExposedShare {
      ...AbRateFields
    }
  }
}
fragment AbRateFields on AbRate {
  value
  successes
  trials
  lower
  upper
  difference
  differenceLower
  differenceUpper
  relativeLift
}`) as unknown as TypedDocumentString<OfflineExperimentQuery, OfflineExperimentQueryVariables>;
export const StartOfflineExperimentDocument = new TypedDocumentString(`
    mutation StartOfflineExperiment($input: StartOfflineExperimentInput!) {
  startOfflineExperiment(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<StartOfflineExperimentMutation, StartOfflineExperimentMutationVariables>;
export const DeleteOfflineExperimentDocument = new TypedDocumentString(`
    mutation DeleteOfflineExperiment($id: ID!) {
  deleteOfflineExperiment(id: $id)
}
    `) as unknown as TypedDocumentString<DeleteOfflineExperimentMutation, DeleteOfflineExperimentMutationVariables>;
export const ConsoleWorkersDocument = new TypedDocumentString(`
    query ConsoleWorkers {
  workers {
    id
    name
    hostname
    gpuCount
    gpus {
      name
      memoryMb
    }
    models
    lastSeenAt
    connected
    currentRun {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleWorkersQuery, ConsoleWorkersQueryVariables>;
export const ConsoleRunsDocument = new TypedDocumentString(`
    query ConsoleRuns($filter: TrainingRunFilter, $first: Int, $after: String) {
  trainingRuns(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...RunRow
      }
    }
  }
}
    fragment RunRow on TrainingRun {
  id
  status
  datasetId
  baseModel
  hyperparameters
  progress
  step
  totalSteps
  cancelRequested
  attempts
  createdAt
  createdBy
  finishedAt
  dataset {
    id
    name
  }
  worker {
    id
    name
  }
}`) as unknown as TypedDocumentString<ConsoleRunsQuery, ConsoleRunsQueryVariables>;
export const ConsoleRunDocument = new TypedDocumentString(`
    query ConsoleRun($id: ID!) {
  trainingRun(id: $id) {
    ...RunRow
    error
    metrics
    requeues
    resumedFromStep
    startedAt
    leaseExpiresAt
    logTail
    checkpoint {
      step
    }
    metricSeries(maxPoints: 1000) {
      step
      loss
      kl
      rewardsChosen
      rewardsRejected
      rewardsMargins
      lr
      tokensPerS
      memoryMb
    }
    artifacts {
      path
      kind
      bytes
      sha256
      downloadPath
    }
    modelVersions {
      id
      name
      generator
      baseModel
      adapterPath
      loraModules
      status
      createdAt
      createdBy
      modelVersion {
        id
        isDefault
      }
    }
  }
}
    fragment RunRow on TrainingRun {
  id
  status
  datasetId
  baseModel
  hyperparameters
  progress
  step
  totalSteps
  cancelRequested
  attempts
  createdAt
  createdBy
  finishedAt
  dataset {
    id
    name
  }
  worker {
    id
    name
  }
}`) as unknown as TypedDocumentString<ConsoleRunQuery, ConsoleRunQueryVariables>;
export const ConsoleCreateRunFormDocument = new TypedDocumentString(`
    query ConsoleCreateRunForm {
  trainingHyperparameters {
    name
    type
    nullable
    default
    minimum
    maximum
    exclusiveMinimum
    exclusiveMaximum
    description
  }
  trainingBaseModels {
    name
    builtIn
    requires
    description
    connectedWorkers
  }
  preferenceDatasets(first: 100) {
    edges {
      node {
        id
        name
        sampleCount
        createdAt
        status
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateRunFormQuery, ConsoleCreateRunFormQueryVariables>;
export const ConsoleCreateRunDocument = new TypedDocumentString(`
    mutation ConsoleCreateRun($input: TrainingRunInput!) {
  createTrainingRun(input: $input) {
    id
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateRunMutation, ConsoleCreateRunMutationVariables>;
export const ConsoleCancelRunDocument = new TypedDocumentString(`
    mutation ConsoleCancelRun($id: ID!) {
  cancelTrainingRun(id: $id) {
    id
    status
    cancelRequested
  }
}
    `) as unknown as TypedDocumentString<ConsoleCancelRunMutation, ConsoleCancelRunMutationVariables>;
export const ConsoleRegisterModelVersionDocument = new TypedDocumentString(`
    mutation ConsoleRegisterModelVersion($runId: ID!, $name: String!) {
  registerTrainingRunAsModelVersion(runId: $runId, name: $name) {
    id
    name
    loraModules
    modelVersion {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleRegisterModelVersionMutation, ConsoleRegisterModelVersionMutationVariables>;
export const ModelVersionOptionsDocument = new TypedDocumentString(`
    query ModelVersionOptions {
  modelVersions {
    id
    name
    kind
    isDefault
  }
}
    `) as unknown as TypedDocumentString<ModelVersionOptionsQuery, ModelVersionOptionsQueryVariables>;
export const ModelsPageDocument = new TypedDocumentString(`
    query ModelsPage {
  modelVersions {
    ...ModelVersionFields
  }
  runningExperiment {
    ...ExperimentFields
  }
  experiments(first: 20) {
    ...ExperimentFields
  }
}
    fragment ModelVersionFields on ModelVersion {
  id
  name
  kind
  settings
  trainingRunId
  baseModel
  adapterPath
  loraModules
  notes
  createdBy
  createdAt
  isDefault
  activatedAt
  impressionCount
  trainingRun {
    id
    status
  }
}
fragment ExperimentFields on Experiment {
  id
  name
  status
  notes
  createdBy
  startedAt
  stoppedAt
  stoppedBy
  impressionCount
  arms {
    modelVersionId
    percent
    isControl
    modelVersion {
      id
      name
      kind
    }
  }
}`) as unknown as TypedDocumentString<ModelsPageQuery, ModelsPageQueryVariables>;
export const SucceededRunsDocument = new TypedDocumentString(`
    query SucceededRuns {
  trainingRuns(filter: {status: SUCCEEDED}, first: 50) {
    edges {
      node {
        id
        baseModel
        finishedAt
        dataset {
          id
          name
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SucceededRunsQuery, SucceededRunsQueryVariables>;
export const AbReportDocument = new TypedDocumentString(`
    query AbReport($experimentId: ID, $window: TimeWindowInput, $bucketSeconds: Int) {
  abReport(
    experimentId: $experimentId
    window: $window
    bucketSeconds: $bucketSeconds
  ) {
    experiment {
      id
      name
      status
      startedAt
      stoppedAt
    }
    from
    to
    bucketSeconds
    controlModelVersionId
    rows {
      modelVersion {
        id
        name
        kind
      }
      percent
      isControl
      impressions
      users
      fallbacks
      ctr {
        ...AbRateFields
      }
      toolInvokingCtr {
        ...AbRateFields
      }
      clicksPerExposedSuggestion {
        ...AbRateFields
      }
      toolInvokingExposedShare {
        ...AbRateFields
      }
      series {
        start
        impressions
        ctr
        toolInvokingCtr
      }
    }
  }
}
    fragment AbRateFields on AbRate {
  value
  successes
  trials
  lower
  upper
  difference
  differenceLower
  differenceUpper
  relativeLift
}`) as unknown as TypedDocumentString<AbReportQuery, AbReportQueryVariables>;
export const CreateModelVersionDocument = new TypedDocumentString(`
    mutation CreateModelVersion($input: ModelVersionInput!) {
  createModelVersion(input: $input) {
    ...ModelVersionFields
  }
}
    fragment ModelVersionFields on ModelVersion {
  id
  name
  kind
  settings
  trainingRunId
  baseModel
  adapterPath
  loraModules
  notes
  createdBy
  createdAt
  isDefault
  activatedAt
  impressionCount
  trainingRun {
    id
    status
  }
}`) as unknown as TypedDocumentString<CreateModelVersionMutation, CreateModelVersionMutationVariables>;
export const CreateModelVersionFromRunDocument = new TypedDocumentString(`
    mutation CreateModelVersionFromRun($input: ModelVersionFromTrainingRunInput!) {
  createModelVersionFromTrainingRun(input: $input) {
    ...ModelVersionFields
  }
}
    fragment ModelVersionFields on ModelVersion {
  id
  name
  kind
  settings
  trainingRunId
  baseModel
  adapterPath
  loraModules
  notes
  createdBy
  createdAt
  isDefault
  activatedAt
  impressionCount
  trainingRun {
    id
    status
  }
}`) as unknown as TypedDocumentString<CreateModelVersionFromRunMutation, CreateModelVersionFromRunMutationVariables>;
export const UpdateModelVersionNotesDocument = new TypedDocumentString(`
    mutation UpdateModelVersionNotes($id: ID!, $notes: String) {
  updateModelVersionNotes(id: $id, notes: $notes) {
    id
    notes
  }
}
    `) as unknown as TypedDocumentString<UpdateModelVersionNotesMutation, UpdateModelVersionNotesMutationVariables>;
export const ActivateModelVersionDocument = new TypedDocumentString(`
    mutation ActivateModelVersion($id: ID!) {
  activateModelVersion(id: $id) {
    id
    name
    isDefault
  }
}
    `) as unknown as TypedDocumentString<ActivateModelVersionMutation, ActivateModelVersionMutationVariables>;
export const RollbackModelVersionDocument = new TypedDocumentString(`
    mutation RollbackModelVersion {
  rollbackModelVersion {
    id
    name
    isDefault
  }
}
    `) as unknown as TypedDocumentString<RollbackModelVersionMutation, RollbackModelVersionMutationVariables>;
export const StartExperimentDocument = new TypedDocumentString(`
    mutation StartExperiment($input: StartExperimentInput!) {
  startExperiment(input: $input) {
    ...ExperimentFields
  }
}
    fragment ExperimentFields on Experiment {
  id
  name
  status
  notes
  createdBy
  startedAt
  stoppedAt
  stoppedBy
  impressionCount
  arms {
    modelVersionId
    percent
    isControl
    modelVersion {
      id
      name
      kind
    }
  }
}`) as unknown as TypedDocumentString<StartExperimentMutation, StartExperimentMutationVariables>;
export const StopExperimentDocument = new TypedDocumentString(`
    mutation StopExperiment($id: ID!) {
  stopExperiment(id: $id) {
    ...ExperimentFields
  }
}
    fragment ExperimentFields on Experiment {
  id
  name
  status
  notes
  createdBy
  startedAt
  stoppedAt
  stoppedBy
  impressionCount
  arms {
    modelVersionId
    percent
    isControl
    modelVersion {
      id
      name
      kind
    }
  }
}`) as unknown as TypedDocumentString<StopExperimentMutation, StopExperimentMutationVariables>;
export const PlaygroundSuggestionsDocument = new TypedDocumentString(`
    query PlaygroundSuggestions($input: SuggestionInput!) {
  suggestions(input: $input) {
    impressionId
    generator
    k
    n
    promptTools
    promptTemplateVersion
    prompt
    rawOutput
    suggestions {
      ...ServingSuggestionFields
    }
    notExposed {
      ...ServingSuggestionFields
    }
    tools {
      rank
      score
      tool {
        id
        name
        canonicalQuery
        category {
          id
          name
        }
      }
    }
    modelVersion {
      id
      name
      kind
    }
    experiment {
      id
      name
    }
    fallback {
      from
      reason
      detail
    }
    timings {
      retrievalMs
      generationMs
      modelMs
      loggingMs
      totalMs
      attempts
    }
  }
}
    fragment ServingSuggestionFields on Suggestion {
  position
  text
  isToolInvoking
  exposed
  source
  toolId
  tool {
    id
    name
    category {
      id
      name
    }
  }
}`) as unknown as TypedDocumentString<PlaygroundSuggestionsQuery, PlaygroundSuggestionsQueryVariables>;
export const ConsoleToolsDocument = new TypedDocumentString(`
    query ConsoleTools($filter: ToolFilter, $first: Int, $after: String, $orderBy: ToolOrder) {
  tools(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...ToolRow
      }
    }
  }
}
    fragment ToolRow on Tool {
  id
  name
  canonicalQuery
  invocationCount
  frequencyPercentile
  enabled
  category {
    id
    name
  }
}`) as unknown as TypedDocumentString<ConsoleToolsQuery, ConsoleToolsQueryVariables>;
export const ConsoleCategoryOptionsDocument = new TypedDocumentString(`
    query ConsoleCategoryOptions {
  categories {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleCategoryOptionsQuery, ConsoleCategoryOptionsQueryVariables>;
export const ConsoleCategoriesDocument = new TypedDocumentString(`
    query ConsoleCategories($bins: Int) {
  categories {
    id
    code
    name
    target
    toolCount
    enabledToolCount
    invocationTotal
  }
  invocationHistogram(bins: $bins) {
    lower
    upper
    count
  }
}
    `) as unknown as TypedDocumentString<ConsoleCategoriesQuery, ConsoleCategoriesQueryVariables>;
export const ConsoleToolDocument = new TypedDocumentString(`
    query ConsoleTool($id: ID!) {
  tool(id: $id) {
    ...ToolFull
  }
}
    fragment ToolRow on Tool {
  id
  name
  canonicalQuery
  invocationCount
  frequencyPercentile
  enabled
  category {
    id
    name
  }
}
fragment ToolFull on Tool {
  ...ToolRow
  description
  categoryId
  utterances
  situations
  parameters
  actionType
  version
  updatedAt
  createdAt
  popularity
  grounding {
    source
    id
    reason
  }
}`) as unknown as TypedDocumentString<ConsoleToolQuery, ConsoleToolQueryVariables>;
export const ConsoleToolVersionDocument = new TypedDocumentString(`
    query ConsoleToolVersion($id: ID!) {
  tool(id: $id) {
    id
    version
  }
}
    `) as unknown as TypedDocumentString<ConsoleToolVersionQuery, ConsoleToolVersionQueryVariables>;
export const ConsoleToolRevisionsDocument = new TypedDocumentString(`
    query ConsoleToolRevisions($toolId: ID!) {
  toolRevisions(toolId: $toolId) {
    id
    toolId
    version
    action
    actor
    createdAt
    changes {
      field
      before
      after
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleToolRevisionsQuery, ConsoleToolRevisionsQueryVariables>;
export const ConsoleUpdateToolDocument = new TypedDocumentString(`
    mutation ConsoleUpdateTool($id: ID!, $version: Int!, $input: UpdateToolInput!) {
  updateTool(id: $id, version: $version, input: $input) {
    ...ToolFull
  }
}
    fragment ToolRow on Tool {
  id
  name
  canonicalQuery
  invocationCount
  frequencyPercentile
  enabled
  category {
    id
    name
  }
}
fragment ToolFull on Tool {
  ...ToolRow
  description
  categoryId
  utterances
  situations
  parameters
  actionType
  version
  updatedAt
  createdAt
  popularity
  grounding {
    source
    id
    reason
  }
}`) as unknown as TypedDocumentString<ConsoleUpdateToolMutation, ConsoleUpdateToolMutationVariables>;
export const ConsoleCreateToolDocument = new TypedDocumentString(`
    mutation ConsoleCreateTool($input: CreateToolInput!) {
  createTool(input: $input) {
    ...ToolFull
  }
}
    fragment ToolRow on Tool {
  id
  name
  canonicalQuery
  invocationCount
  frequencyPercentile
  enabled
  category {
    id
    name
  }
}
fragment ToolFull on Tool {
  ...ToolRow
  description
  categoryId
  utterances
  situations
  parameters
  actionType
  version
  updatedAt
  createdAt
  popularity
  grounding {
    source
    id
    reason
  }
}`) as unknown as TypedDocumentString<ConsoleCreateToolMutation, ConsoleCreateToolMutationVariables>;
export const ConsoleDeleteToolDocument = new TypedDocumentString(`
    mutation ConsoleDeleteTool($id: ID!, $version: Int!) {
  deleteTool(id: $id, version: $version) {
    id
    deleted
  }
}
    `) as unknown as TypedDocumentString<ConsoleDeleteToolMutation, ConsoleDeleteToolMutationVariables>;
export const ConsoleApiKeysDocument = new TypedDocumentString(`
    query ConsoleApiKeys {
  apiKeys {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  role
  prefix
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<ConsoleApiKeysQuery, ConsoleApiKeysQueryVariables>;
export const ConsoleCreateApiKeyDocument = new TypedDocumentString(`
    mutation ConsoleCreateApiKey($name: String!, $role: ApiRole!) {
  createApiKey(name: $name, role: $role) {
    key
    apiKey {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  role
  prefix
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<ConsoleCreateApiKeyMutation, ConsoleCreateApiKeyMutationVariables>;
export const ConsoleRevokeApiKeyDocument = new TypedDocumentString(`
    mutation ConsoleRevokeApiKey($id: ID!) {
  revokeApiKey(id: $id) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  name
  role
  prefix
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<ConsoleRevokeApiKeyMutation, ConsoleRevokeApiKeyMutationVariables>;
export const ConsoleViewerDocument = new TypedDocumentString(`
    query ConsoleViewer {
  viewer {
    id
    name
    role
  }
}
    `) as unknown as TypedDocumentString<ConsoleViewerQuery, ConsoleViewerQueryVariables>;