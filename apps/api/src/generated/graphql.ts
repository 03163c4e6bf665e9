import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Context } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date; output: Date | string; }
  JSON: { input: unknown; output: unknown; }
};

/** A proportion with its 95% Wilson score interval and, for a non-control row, the difference against control. */
export type AbRate = {
  __typename?: 'AbRate';
  /** value − control's value (null for the control or without trials on either side). */
  difference?: Maybe<Scalars['Float']['output']>;
  /** Newcombe 95% interval of the difference. */
  differenceLower?: Maybe<Scalars['Float']['output']>;
  differenceUpper?: Maybe<Scalars['Float']['output']>;
  /** Wilson 95% interval (null without trials). */
  lower?: Maybe<Scalars['Float']['output']>;
  /** difference / control's value (null when that is 0 or unknown). */
  relativeLift?: Maybe<Scalars['Float']['output']>;
  successes: Scalars['Int']['output'];
  trials: Scalars['Int']['output'];
  upper?: Maybe<Scalars['Float']['output']>;
  /** successes / trials (null without trials). */
  value?: Maybe<Scalars['Float']['output']>;
};

export type AbReport = {
  __typename?: 'AbReport';
  bucketSeconds: Scalars['Int']['output'];
  /** The control row's model version. */
  controlModelVersionId?: Maybe<Scalars['ID']['output']>;
  /** The experiment reported (null: per model version over all served traffic). */
  experiment?: Maybe<Experiment>;
  from?: Maybe<Scalars['DateTime']['output']>;
  rows: Array<AbReportRow>;
  to?: Maybe<Scalars['DateTime']['output']>;
};

/** One model version's (or arm's) numbers in the window. */
export type AbReportRow = {
  __typename?: 'AbReportRow';
  /** Clicked suggestions / exposed suggestions. */
  clicksPerExposedSuggestion: AbRate;
  /** Impressions with at least one click on an exposed suggestion / impressions. */
  ctr: AbRate;
  /** Impressions whose generator fell back to grounded. */
  fallbacks: Scalars['Int']['output'];
  impressions: Scalars['Int']['output'];
  isControl: Scalars['Boolean']['output'];
  modelVersion: ModelVersion;
  /** In an experiment's report: its percent (null in the per-version report). */
  percent?: Maybe<Scalars['Int']['output']>;
  series: Array<AbSeriesPoint>;
  /** Impressions with at least one click on an exposed tool-invoking suggestion / impressions. */
  toolInvokingCtr: AbRate;
  /** Exposed tool-invoking suggestions / exposed suggestions. */
  toolInvokingExposedShare: AbRate;
  users: Scalars['Int']['output'];
};

/** One time bucket of one row, for the chart. */
export type AbSeriesPoint = {
  __typename?: 'AbSeriesPoint';
  /** Share of impressions with a click (null when none). */
  ctr?: Maybe<Scalars['Float']['output']>;
  impressions: Scalars['Int']['output'];
  /** Bucket start; the bucket is [start, start + bucketSeconds). */
  start: Scalars['DateTime']['output'];
  /** Share of impressions with a click on a tool-invoking suggestion (null when none). */
  toolInvokingCtr?: Maybe<Scalars['Float']['output']>;
};

export type ApiKey = {
  __typename?: 'ApiKey';
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  prefix: Scalars['String']['output'];
  /** Null: no limit. */
  rateLimit?: Maybe<RateLimit>;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  role: ApiRole;
};

export type ApiRole =
  | 'ADMIN'
  | 'CURATOR'
  | 'ENGINEER'
  | 'SERVICE'
  /** A training worker: claims runs, reports, uploads artifacts, reads its run's dataset; nothing else. */
  | 'WORKER';

export type AuditConnection = {
  __typename?: 'AuditConnection';
  edges: Array<AuditEntryEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AuditEntry = {
  __typename?: 'AuditEntry';
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  details?: Maybe<Scalars['JSON']['output']>;
  id: Scalars['ID']['output'];
  target?: Maybe<Scalars['String']['output']>;
};

export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  cursor: Scalars['String']['output'];
  node: AuditEntry;
};

export type BulkUpdateReport = {
  __typename?: 'BulkUpdateReport';
  updated: Scalars['Int']['output'];
};

/** Every term of Eq. 6, 7 and 9 for one sample (definitions.md). */
export type CalibrationBreakdown = {
  __typename?: 'CalibrationBreakdown';
  alpha: Scalars['Float']['output'];
  combination: WeightCombination;
  desirable: Scalars['Boolean']['output'];
  /** (1 + gamma)^(p^k); null when not tool-invoking. */
  dynamicBoost?: Maybe<Scalars['Float']['output']>;
  gamma: Scalars['Float']['output'];
  k: Scalars['Float']['output'];
  /** weight == 0: the example contributes nothing to the loss. */
  masked: Scalars['Boolean']['output'];
  mu: Scalars['Float']['output'];
  p?: Maybe<Scalars['Float']['output']>;
  /** p^k; null when not tool-invoking. */
  pToTheK?: Maybe<Scalars['Float']['output']>;
  s: Scalars['Float']['output'];
  /** 1 + gamma (the STATIC variant's weight). */
  staticBoost: Scalars['Float']['output'];
  /** The computation as readable lines, one per equation step. */
  steps: Array<Scalars['String']['output']>;
  systemSide: SystemSideMode;
  /** tanh((uctr - mu) / s); null when s = 0 (then wU = 1). */
  t?: Maybe<Scalars['Float']['output']>;
  /** The deciding tool (largest p among the clicked, or for an undesirable impression the exposed, tool-invoking suggestions). */
  toolId?: Maybe<Scalars['ID']['output']>;
  toolInvoking: Scalars['Boolean']['output'];
  uctr: Scalars['Float']['output'];
  userSide: Scalars['Boolean']['output'];
  /** Eq. 7: DYNAMIC desirable tool-invoking (1+gamma)^(p^k), undesirable tool-invoking 0, else 1; STATIC 1+gamma in place of the boost; 1 when OFF. */
  wS: Scalars['Float']['output'];
  /** Eq. 6: desirable 1 - alpha*t, undesirable 1 + alpha*t; 1 when s = 0 or the user side is off. */
  wU: Scalars['Float']['output'];
  weight: Scalars['Float']['output'];
  /** (uctr - mu) / s; null when s = 0. */
  z?: Maybe<Scalars['Float']['output']>;
};

/** The resolved calibration config (CalibrationConfigInput with defaults filled). */
export type CalibrationConfig = {
  __typename?: 'CalibrationConfig';
  alpha: Scalars['Float']['output'];
  gamma: Scalars['Float']['output'];
  k: Scalars['Float']['output'];
  mu: Scalars['Float']['output'];
  muMode: MuMode;
  /** Null: s is derived from the window (population std of per-user uctr). */
  s?: Maybe<Scalars['Float']['output']>;
  systemSide: SystemSideMode;
  userSide: Scalars['Boolean']['output'];
};

export type CalibrationConfigInput = {
  alpha?: InputMaybe<Scalars['Float']['input']>;
  gamma?: InputMaybe<Scalars['Float']['input']>;
  k?: InputMaybe<Scalars['Float']['input']>;
  mu?: InputMaybe<Scalars['Float']['input']>;
  muMode?: InputMaybe<MuMode>;
  s?: InputMaybe<Scalars['Float']['input']>;
  systemSide?: InputMaybe<SystemSideMode>;
  userSide?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Histograms of wU (Eq. 6), wS (Eq. 7) and the combined weight (Eq. 9), by label. */
export type CalibrationHistograms = {
  __typename?: 'CalibrationHistograms';
  wS: LabelHistograms;
  wU: LabelHistograms;
  weight: LabelHistograms;
};

/** The same aggregates, histograms and samples as createPreferenceDataset, computed without storing. */
export type CalibrationPreview = {
  __typename?: 'CalibrationPreview';
  /** Whether the window's impressions came from the in-process cache. */
  cached: Scalars['Boolean']['output'];
  /** Server time to compute the preview (load, if not cached, plus calibration), milliseconds. */
  computeMs: Scalars['Float']['output'];
  config: CalibrationConfig;
  desirableCount: Scalars['Int']['output'];
  effectiveSampleSize: Scalars['Float']['output'];
  from?: Maybe<Scalars['DateTime']['output']>;
  histograms: CalibrationHistograms;
  maskedCount: Scalars['Int']['output'];
  mu: Scalars['Float']['output'];
  s: Scalars['Float']['output'];
  sampleCount: Scalars['Int']['output'];
  samples: PreferenceSampleConnection;
  to?: Maybe<Scalars['DateTime']['output']>;
  toolInvokingCount: Scalars['Int']['output'];
  undesirableCount: Scalars['Int']['output'];
  userCount: Scalars['Int']['output'];
  users: PreferenceUserStatsConnection;
  weightSum: Scalars['Float']['output'];
};


/** The same aggregates, histograms and samples as createPreferenceDataset, computed without storing. */
export type CalibrationPreviewSamplesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PreferenceSampleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** The same aggregates, histograms and samples as createPreferenceDataset, computed without storing. */
export type CalibrationPreviewUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PreferenceUserOrder>;
};

export type CaseStudy = {
  __typename?: 'CaseStudy';
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  impression: Impression;
  note: Scalars['String']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
};

export type Category = {
  __typename?: 'Category';
  code: Scalars['String']['output'];
  enabledToolCount: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  invocationTotal: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
  target: Scalars['Int']['output'];
  toolCount: Scalars['Int']['output'];
};

export type CreateToolInput = {
  actionType: ToolActionType;
  canonicalQuery: Scalars['String']['input'];
  categoryId: Scalars['ID']['input'];
  description: Scalars['String']['input'];
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
  invocationCount?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  parameters?: InputMaybe<Scalars['JSON']['input']>;
  situations?: InputMaybe<Array<Scalars['String']['input']>>;
  utterances: Array<Scalars['String']['input']>;
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  apiKey: ApiKey;
  /** Shown once; only its hash is stored. */
  key: Scalars['String']['output'];
};

export type DatasetExportPaths = {
  __typename?: 'DatasetExportPaths';
  jsonl: Scalars['String']['output'];
  metadata: Scalars['String']['output'];
  parquet: Scalars['String']['output'];
};

export type DeleteToolResult = {
  __typename?: 'DeleteToolResult';
  deleted: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
};

export type DialogueInput = {
  assistantResponse?: InputMaybe<Scalars['String']['input']>;
  history?: InputMaybe<Array<TurnInput>>;
  userQuery: Scalars['String']['input'];
};

export type DialogueTurn = {
  __typename?: 'DialogueTurn';
  content: Scalars['String']['output'];
  role: Role;
};

export type EvaluationLatency = {
  __typename?: 'EvaluationLatency';
  mean: Scalars['Float']['output'];
  p50: Scalars['Float']['output'];
  p95: Scalars['Float']['output'];
};

/**
 * At most one experiment runs at a time. While it runs, a request with a userId is served by the
 * user's arm; anonymous requests (no userId) get the default version and are in no arm.
 */
export type Experiment = {
  __typename?: 'Experiment';
  arms: Array<ExperimentArm>;
  control: ExperimentArm;
  createdBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Impressions served in its arms. */
  impressionCount: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  notes?: Maybe<Scalars['String']['output']>;
  startedAt: Scalars['DateTime']['output'];
  status: ExperimentStatus;
  stoppedAt?: Maybe<Scalars['DateTime']['output']>;
  stoppedBy?: Maybe<Scalars['String']['output']>;
};

/** One arm: a model version and its share of users (sticky: a stable hash of userId). */
export type ExperimentArm = {
  __typename?: 'ExperimentArm';
  /** The arm every other arm is compared with in abReport. */
  isControl: Scalars['Boolean']['output'];
  modelVersion: ModelVersion;
  modelVersionId: Scalars['ID']['output'];
  /** Integer percent of users, 1..99; an experiment's arms sum to 100. */
  percent: Scalars['Int']['output'];
};

export type ExperimentArmInput = {
  modelVersionId: Scalars['ID']['input'];
  percent: Scalars['Int']['input'];
};

export type ExperimentStatus =
  | 'RUNNING'
  | 'STOPPED';

export type FieldChange = {
  __typename?: 'FieldChange';
  after?: Maybe<Scalars['JSON']['output']>;
  before?: Maybe<Scalars['JSON']['output']>;
  field: Scalars['String']['output'];
};

export type GeneratorFallback = {
  __typename?: 'GeneratorFallback';
  detail: Scalars['String']['output'];
  /** The generator that failed, e.g. openai:kto-run-12. */
  from: Scalars['String']['output'];
  /** timeout, connection, http_status, bad_response, unparseable, no_api_key. */
  reason: Scalars['String']['output'];
};

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

/** Where a tool comes from: a real platform identifier, or `oem` with a reason. */
export type Grounding = {
  __typename?: 'Grounding';
  id?: Maybe<Scalars['String']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
};

export type GroupRetrievalMetrics = {
  __typename?: 'GroupRetrievalMetrics';
  metrics: RetrievalMetrics;
  name: Scalars['String']['output'];
};

export type HistogramBin = {
  __typename?: 'HistogramBin';
  count: Scalars['Int']['output'];
  lower: Scalars['Float']['output'];
  upper: Scalars['Float']['output'];
};

/** One dev-set dialogue whose top k changes with an edit. */
export type ImpactDialogue = {
  __typename?: 'ImpactDialogue';
  after: Array<Scalars['ID']['output']>;
  assistantResponse?: Maybe<Scalars['String']['output']>;
  /** Top k before and after the edit, best first. */
  before: Array<Scalars['ID']['output']>;
  category: Scalars['String']['output'];
  /** Tools that enter / leave the top k. */
  gained: Array<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  kind: Scalars['String']['output'];
  lost: Array<Scalars['ID']['output']>;
  /** The dialogue's relevant tools. */
  relevant: Array<Scalars['ID']['output']>;
  /** Whether the edited tool is one of them. */
  toolRelevant: Scalars['Boolean']['output'];
  userQuery: Scalars['String']['output'];
};

export type ImportReport = {
  __typename?: 'ImportReport';
  created: Scalars['Int']['output'];
  dryRun: Scalars['Boolean']['output'];
  errors: Array<ImportRowError>;
  skipped: Scalars['Int']['output'];
  unchanged: Scalars['Int']['output'];
  updated: Scalars['Int']['output'];
};

export type ImportRowError = {
  __typename?: 'ImportRowError';
  field?: Maybe<Scalars['String']['output']>;
  id?: Maybe<Scalars['String']['output']>;
  index: Scalars['Int']['output'];
  message: Scalars['String']['output'];
};

/** One recommendation event for one user (definitions.md, Entities). */
export type Impression = {
  __typename?: 'Impression';
  assistantResponse?: Maybe<Scalars['String']['output']>;
  /** Set when the impression is starred. */
  caseStudy?: Maybe<CaseStudy>;
  /** At least one exposed suggestion was clicked (Q_r^+). */
  desirable: Scalars['Boolean']['output'];
  experimentId?: Maybe<Scalars['ID']['output']>;
  generator?: Maybe<Scalars['String']['output']>;
  /** Earlier turns C, oldest first. */
  history: Array<DialogueTurn>;
  id: Scalars['ID']['output'];
  ingestedAt: Scalars['DateTime']['output'];
  modelVersion?: Maybe<ModelVersion>;
  promptTemplateVersion?: Maybe<Scalars['String']['output']>;
  /** The retrieved tools the prompt showed, with their ranks (served impressions). */
  retrievedTools: Array<RetrievedToolRef>;
  /** "ingest" for logs brought in from outside, "served" for suggestions this API generated. */
  source: Scalars['String']['output'];
  suggestions: Array<LoggedSuggestion>;
  timestamp: Scalars['DateTime']['output'];
  /** definitions.md: desirable, a clicked suggestion resolved to a tool; undesirable, an exposed one did. */
  toolInvoking: Scalars['Boolean']['output'];
  userId: Scalars['ID']['output'];
  userQuery: Scalars['String']['output'];
};

export type ImpressionConnection = {
  __typename?: 'ImpressionConnection';
  edges: Array<ImpressionEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ImpressionEdge = {
  __typename?: 'ImpressionEdge';
  cursor: Scalars['String']['output'];
  node: Impression;
};

/** All conditions must hold. Ordered newest first (timestamp, then id). */
export type ImpressionFilter = {
  desirable?: InputMaybe<Scalars['Boolean']['input']>;
  /** timestamp >= from */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Case-insensitive substring of the user query, the assistant response or a suggestion. */
  search?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<Scalars['String']['input']>;
  starred?: InputMaybe<Scalars['Boolean']['input']>;
  /** timestamp < to */
  to?: InputMaybe<Scalars['DateTime']['input']>;
  /** Some suggestion resolved to this tool. */
  toolId?: InputMaybe<Scalars['ID']['input']>;
  toolInvoking?: InputMaybe<Scalars['Boolean']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};

export type ImpressionInput = {
  dialogue: DialogueInput;
  id: Scalars['ID']['input'];
  /**
   * The tools retrieved for the prompt (at most 20, distinct), as served impressions record them.
   * A toolrec/ranker run's dataset export reads their ranks and scores (its retrieval features);
   * without them those features are empty.
   */
  retrievedTools?: InputMaybe<Array<RetrievedToolRefInput>>;
  suggestions: Array<LoggedSuggestionInput>;
  timestamp: Scalars['DateTime']['input'];
  userId: Scalars['ID']['input'];
};

export type ImpressionStats = {
  __typename?: 'ImpressionStats';
  desirable: Scalars['Int']['output'];
  firstTimestamp?: Maybe<Scalars['DateTime']['output']>;
  generalSuggestions: SuggestionCtr;
  impressions: Scalars['Int']['output'];
  lastTimestamp?: Maybe<Scalars['DateTime']['output']>;
  toolInvoking: Scalars['Int']['output'];
  /** Per exposed suggestion: tool-invoking ones (resolved to a tool) vs general ones. */
  toolInvokingSuggestions: SuggestionCtr;
  users: Scalars['Int']['output'];
};

export type IngestError = {
  __typename?: 'IngestError';
  id?: Maybe<Scalars['ID']['output']>;
  index: Scalars['Int']['output'];
  message: Scalars['String']['output'];
};

export type IngestReport = {
  __typename?: 'IngestReport';
  accepted: Scalars['Int']['output'];
  duplicates: Scalars['Int']['output'];
  errors: Array<IngestError>;
  rejected: Scalars['Int']['output'];
};

export type InvocationCountUpdate = {
  /** Added to the stored value. */
  increment?: InputMaybe<Scalars['Int']['input']>;
  /** Absolute value. */
  invocationCount?: InputMaybe<Scalars['Int']['input']>;
  toolId: Scalars['ID']['input'];
};

export type LabelHistograms = {
  __typename?: 'LabelHistograms';
  desirable: WeightHistogram;
  undesirable: WeightHistogram;
};

/** One of an impression's K generated suggestions (the paper's Q_r), in generated order. */
export type LoggedSuggestion = {
  __typename?: 'LoggedSuggestion';
  clicked: Scalars['Boolean']['output'];
  exposed: Scalars['Boolean']['output'];
  isToolInvoking: Scalars['Boolean']['output'];
  /** The toolId in the log, if any (may be a disabled tool). */
  loggedToolId?: Maybe<Scalars['ID']['output']>;
  /** 0-based, generated order. */
  position: Scalars['Int']['output'];
  resolution: SuggestionResolution;
  /** The enabled tool this suggestion invokes (logged, else the matcher's answer), resolved at ingest time. */
  resolvedToolId?: Maybe<Scalars['ID']['output']>;
  text: Scalars['String']['output'];
  /** The resolved tool. */
  tool?: Maybe<Tool>;
};

export type LoggedSuggestionInput = {
  clicked: Scalars['Boolean']['input'];
  exposed?: InputMaybe<Scalars['Boolean']['input']>;
  text: Scalars['String']['input'];
  toolId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * A model version: a named generator with its settings. Exactly one is the default (serves every
 * request that no running experiment assigns elsewhere).
 */
export type ModelVersion = {
  __typename?: 'ModelVersion';
  /** When it last became the default (null: never). */
  activatedAt?: Maybe<Scalars['DateTime']['output']>;
  /** For a version from a training run: where the adapter folder is (a ranker run: its ranker.json). */
  adapterPath?: Maybe<Scalars['String']['output']>;
  /** For a version from a training run: the run's base model (what vLLM serves). */
  baseModel?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Impressions it served (source served). */
  impressionCount: Scalars['Int']['output'];
  isDefault: Scalars['Boolean']['output'];
  kind: GeneratorKind;
  /** For an OPENAI version from a training run: vLLM's --lora-modules value NAME=PATH (null otherwise). */
  loraModules?: Maybe<Scalars['String']['output']>;
  /** Unique, e.g. grounded, kto-run-12. */
  name: Scalars['String']['output'];
  notes?: Maybe<Scalars['String']['output']>;
  /** Its arm in the running experiment, if any. */
  runningArm?: Maybe<ExperimentArm>;
  /**
   * The normalised settings as stored (packages/recommender settings.ts): {kind: "grounded"},
   * {kind: "openai", baseUrl, model, api, apiKeyEnv, temperature, maxTokens, timeoutMs} or
   * {kind: "ranker", features, weights} (the weights inline, one per feature). Never a key.
   */
  settings: Scalars['JSON']['output'];
  /** The training run whose adapter it serves (null when not from a run). */
  trainingRun?: Maybe<TrainingRun>;
  trainingRunId?: Maybe<Scalars['ID']['output']>;
};

/**
 * A succeeded training run as a model version: its adapter as kind OPENAI (model = the adapter
 * name), or, for a toolrec/ranker run, its ranker.json weights as kind RANKER (then the server
 * fields below must be left out: BAD_USER_INPUT on input.<field>).
 */
export type ModelVersionFromTrainingRunInput = {
  activate?: InputMaybe<Scalars['Boolean']['input']>;
  /** completions (default: the raw prompt, exactly what the trainer saw) or chat. */
  api?: InputMaybe<Scalars['String']['input']>;
  apiKeyEnv?: InputMaybe<Scalars['String']['input']>;
  /** The OpenAI-compatible server; default the API's TOOLREC_VLLM_BASE_URL (http://127.0.0.1:8000/v1). */
  baseUrl?: InputMaybe<Scalars['String']['input']>;
  maxTokens?: InputMaybe<Scalars['Int']['input']>;
  /** The version's name, also the adapter's served name (vLLM --lora-modules NAME=PATH). */
  name: Scalars['String']['input'];
  notes?: InputMaybe<Scalars['String']['input']>;
  runId: Scalars['ID']['input'];
  temperature?: InputMaybe<Scalars['Float']['input']>;
  timeoutMs?: InputMaybe<Scalars['Int']['input']>;
};

export type ModelVersionInput = {
  /** Make it the default at once (default false). */
  activate?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  notes?: InputMaybe<Scalars['String']['input']>;
  /**
   * See ModelVersion.settings; unknown fields and API keys are rejected (BAD_USER_INPUT on
   * settings.<name>). A ranker's weights: a list of one number per feature, an object
   * {feature: weight}, or a ranker.json the trainer wrote (BAD_USER_INPUT on settings.weights or
   * settings.features when they do not fit this build's features).
   */
  settings: Scalars['JSON']['input'];
  trainingRunId?: InputMaybe<Scalars['ID']['input']>;
};

/**
 * A succeeded run's adapter registered to be served (issue 10's serving registry turns it into a
 * model version: generator openai, the base model, the adapter name; vLLM loads it with
 * --lora-modules NAME=PATH). A toolrec/ranker run becomes a version of generator ranker with its
 * ranker.json weights inline in the settings (served inside the API, no model server).
 */
export type ModelVersionRegistration = {
  __typename?: 'ModelVersionRegistration';
  /** Where the adapter folder (a ranker run: its ranker.json) is: an absolute path on the API's machine, or an s3:// URL. */
  adapterPath: Scalars['String']['output'];
  baseModel: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** openai: an OpenAI-compatible server (vLLM) serving the base model with this adapter; ranker: the API serves the weights itself. */
  generator: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** The vLLM flag value: NAME=PATH (empty for a ranker version: nothing for vLLM to load). */
  loraModules: Scalars['String']['output'];
  /** The model version this registration is (the registry is one table: model versions from a run). */
  modelVersion: ModelVersion;
  /** The adapter's name (vLLM's --lora-modules NAME=...). */
  name: Scalars['String']['output'];
  run: TrainingRun;
  runId: Scalars['ID']['output'];
  /** REGISTERED, or DEFAULT when this version is the serving default (it is a model version: see modelVersion). */
  status: Scalars['String']['output'];
};

export type MuMode =
  | 'FIXED'
  | 'UPPER_QUARTILE';

export type Mutation = {
  __typename?: 'Mutation';
  /** Makes it the default. */
  activateModelVersion: ModelVersion;
  cancelTrainingRun: TrainingRun;
  /** Claims the oldest queued run this worker can do, under a lease; null when there is none. */
  claimTrainingRun?: Maybe<TrainingRunClaim>;
  createApiKey: CreatedApiKey;
  createModelVersion: ModelVersion;
  /** A succeeded run's adapter as an OPENAI version, a toolrec/ranker run's weights as a RANKER one (the same registry registerTrainingRunAsModelVersion writes). */
  createModelVersionFromTrainingRun: ModelVersion;
  createPreferenceDataset: PreferenceDataset;
  createTool: Tool;
  createTrainingRun: TrainingRun;
  /** False when there was none. A running one stops at its next progress step. */
  deleteOfflineExperiment: Scalars['Boolean']['output'];
  /** Deletes a dataset and its samples. */
  deletePreferenceDataset: Scalars['Boolean']['output'];
  deleteTool: DeleteToolResult;
  /** The run's end: SUCCEEDED, FAILED or CANCELLED. */
  finishTrainingRun: TrainingRun;
  /** Extends the lease; LEASE_LOST when it is no longer held. */
  heartbeatTrainingRun: TrainingRunLease;
  importTools: ImportReport;
  ingestImpressions: IngestReport;
  recordClick: Scalars['Boolean']['output'];
  /** Registers a succeeded run's adapter as a model version to serve (ENGINEER, ADMIN). */
  registerTrainingRunAsModelVersion: ModelVersionRegistration;
  /** Announces a worker and its capabilities; call again after a restart with the same id. */
  registerWorker: Worker;
  /** Gives a run back to the queue (the worker is shutting down); it resumes from its checkpoint. */
  releaseTrainingRun: TrainingRun;
  /** Metrics, progress, log lines, a checkpoint; extends the lease. */
  reportTrainingRun: TrainingRunLease;
  revokeApiKey: ApiKey;
  /** Makes the previous default the default again (NOT_FOUND when there was none). */
  rollbackModelVersion: ModelVersion;
  /** Null removes the limit (ADMIN). */
  setApiKeyRateLimit: ApiKey;
  starImpression: CaseStudy;
  /** CONFLICT when one is running already. */
  startExperiment: Experiment;
  /**
   * Checks the input, stores the experiment as RUNNING and answers at once; the simulation runs in
   * the background (poll offlineExperiment for progress). CONFLICT when this API already runs 2.
   */
  startOfflineExperiment: OfflineExperiment;
  stopExperiment: Experiment;
  /** Marks the worker stopped (clean shutdown). */
  stopWorker: Worker;
  /** True when a case study was removed, false when the impression was not starred. */
  unstarImpression: Scalars['Boolean']['output'];
  updateCaseStudy: CaseStudy;
  updateInvocationCounts: BulkUpdateReport;
  updateModelVersionNotes: ModelVersion;
  updateTool: Tool;
};


export type MutationActivateModelVersionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelTrainingRunArgs = {
  id: Scalars['ID']['input'];
};


export type MutationClaimTrainingRunArgs = {
  workerId: Scalars['ID']['input'];
};


export type MutationCreateApiKeyArgs = {
  name: Scalars['String']['input'];
  role: ApiRole;
};


export type MutationCreateModelVersionArgs = {
  input: ModelVersionInput;
};


export type MutationCreateModelVersionFromTrainingRunArgs = {
  input: ModelVersionFromTrainingRunInput;
};


export type MutationCreatePreferenceDatasetArgs = {
  input: PreferenceDatasetInput;
};


export type MutationCreateToolArgs = {
  input: CreateToolInput;
};


export type MutationCreateTrainingRunArgs = {
  input: TrainingRunInput;
};


export type MutationDeleteOfflineExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeletePreferenceDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteToolArgs = {
  id: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
};


export type MutationFinishTrainingRunArgs = {
  leaseId: Scalars['ID']['input'];
  result: TrainingRunResultInput;
  runId: Scalars['ID']['input'];
};


export type MutationHeartbeatTrainingRunArgs = {
  leaseId: Scalars['ID']['input'];
  runId: Scalars['ID']['input'];
};


export type MutationImportToolsArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  skipInvalid?: InputMaybe<Scalars['Boolean']['input']>;
  tools: Array<ToolImportInput>;
};


export type MutationIngestImpressionsArgs = {
  impressions: Array<ImpressionInput>;
};


export type MutationRecordClickArgs = {
  impressionId: Scalars['ID']['input'];
  position: Scalars['Int']['input'];
};


export type MutationRegisterTrainingRunAsModelVersionArgs = {
  name: Scalars['String']['input'];
  runId: Scalars['ID']['input'];
};


export type MutationRegisterWorkerArgs = {
  input: WorkerInput;
};


export type MutationReleaseTrainingRunArgs = {
  leaseId: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  runId: Scalars['ID']['input'];
};


export type MutationReportTrainingRunArgs = {
  leaseId: Scalars['ID']['input'];
  report: TrainingRunReportInput;
  runId: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationSetApiKeyRateLimitArgs = {
  id: Scalars['ID']['input'];
  rateLimit?: InputMaybe<RateLimitInput>;
};


export type MutationStarImpressionArgs = {
  impressionId: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
};


export type MutationStartExperimentArgs = {
  input: StartExperimentInput;
};


export type MutationStartOfflineExperimentArgs = {
  input: StartOfflineExperimentInput;
};


export type MutationStopExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationStopWorkerArgs = {
  workerId: Scalars['ID']['input'];
};


export type MutationUnstarImpressionArgs = {
  impressionId: Scalars['ID']['input'];
};


export type MutationUpdateCaseStudyArgs = {
  id: Scalars['ID']['input'];
  note?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateInvocationCountsArgs = {
  updates: Array<InvocationCountUpdate>;
};


export type MutationUpdateModelVersionNotesArgs = {
  id: Scalars['ID']['input'];
  notes?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateToolArgs = {
  id: Scalars['ID']['input'];
  input: UpdateToolInput;
  version: Scalars['Int']['input'];
};

export type OfflineExperiment = {
  __typename?: 'OfflineExperiment';
  /** In the order given. */
  arms: Array<OfflineExperimentArm>;
  control: OfflineExperimentArm;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** Wall time of the simulation (null while RUNNING). */
  durationMs?: Maybe<Scalars['Float']['output']>;
  /** Why it FAILED. */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Impressions per arm (every arm is served the same ones). */
  impressions: Scalars['Int']['output'];
  /** Suggestions generated per impression (users see the first 3 to 5). */
  k: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** 0..1 while RUNNING; 1 once SUCCEEDED. */
  progress: Scalars['Float']['output'];
  /** The table, control first (null until SUCCEEDED). */
  rows?: Maybe<Array<OfflineExperimentRow>>;
  /** The same seed, arms and catalog give the same table. */
  seed: Scalars['Int']['output'];
  status: OfflineExperimentStatus;
  userModel: OfflineUserModel;
};

/** An arm: a model version as it was when the experiment started. */
export type OfflineExperimentArm = {
  __typename?: 'OfflineExperimentArm';
  isControl: Scalars['Boolean']['output'];
  kind: GeneratorKind;
  /** The version now (null when it no longer exists). */
  modelVersion?: Maybe<ModelVersion>;
  modelVersionId: Scalars['ID']['output'];
  /** The version's name then. */
  name: Scalars['String']['output'];
  /** The settings it served with (packages/recommender settings.ts). */
  settings: Scalars['JSON']['output'];
};

/** One arm's row of the table: the paper's Table 1 metrics on simulated users. */
export type OfflineExperimentRow = {
  __typename?: 'OfflineExperimentRow';
  arm: OfflineExperimentArm;
  /** Clicked suggestions / exposed suggestions. */
  clicksPerExposedSuggestion: AbRate;
  /** Impressions with a click on an exposed suggestion / impressions. */
  ctr: AbRate;
  /** Impressions whose generator fell back to grounded (an OpenAI-compatible version's timeouts, unparseable answers). */
  fallbacks: Scalars['Int']['output'];
  impressions: Scalars['Int']['output'];
  isControl: Scalars['Boolean']['output'];
  /** Impressions with a click on an exposed tool-invoking suggestion / impressions. */
  toolInvokingCtr: AbRate;
  /** Exposed tool-invoking suggestions / exposed suggestions. */
  toolInvokingExposedShare: AbRate;
};

export type OfflineExperimentStatus =
  /** Stopped with error set (an arm that cannot serve, the API stopping). */
  | 'FAILED'
  /** Being simulated; progress says how far (0..1). */
  | 'RUNNING'
  /** Done: rows holds the table. */
  | 'SUCCEEDED';

/**
 * The simulated user population (README "Offline experiments"): activity, click propensity and how
 * much more a relevant tool-invoking suggestion is clicked than a general one.
 */
export type OfflineUserModel = {
  __typename?: 'OfflineUserModel';
  /** Median per-user click propensity d_u. */
  clickRateMedian: Scalars['Float']['output'];
  /** Log-normal sigma of d_u across users (0 = every user the same). */
  clickRateSigma: Scalars['Float']['output'];
  /** Relevance of any other tool. */
  relevanceOther: Scalars['Float']['output'];
  /** Relevance of a tool of the dialogue's topic category (the topic tool itself has 1). */
  relevanceSameCategory: Scalars['Float']['output'];
  /** How much more a relevant tool-invoking suggestion is clicked than a general one (1 = no preference for tools). */
  toolPreference: Scalars['Float']['output'];
  /** Users in the population. */
  users: Scalars['Int']['output'];
  /** Activity spread: impression i goes to user u with weight 1/rank(u)^zipfExponent (0 = every user equally active). */
  zipfExponent: Scalars['Float']['output'];
};

/** Any field left out takes its default (OfflineUserModel); out of range: BAD_USER_INPUT on userModel.<name>. */
export type OfflineUserModelInput = {
  /** (0, 0.9], default 0.03. */
  clickRateMedian?: InputMaybe<Scalars['Float']['input']>;
  /** 0..5, default 1. */
  clickRateSigma?: InputMaybe<Scalars['Float']['input']>;
  /** 0..1, default 0.1. */
  relevanceOther?: InputMaybe<Scalars['Float']['input']>;
  /** 0..1, default 0.5. */
  relevanceSameCategory?: InputMaybe<Scalars['Float']['input']>;
  /** (0, 100], default 3. */
  toolPreference?: InputMaybe<Scalars['Float']['input']>;
  /** 1..1000000, default 400. */
  users?: InputMaybe<Scalars['Int']['input']>;
  /** 0..5, default 1. */
  zipfExponent?: InputMaybe<Scalars['Float']['input']>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

export type PreferenceDataset = {
  __typename?: 'PreferenceDataset';
  /** sha256 (hex) of the JSONL export (prompt, completion, label, weight). */
  checksum: Scalars['String']['output'];
  config: CalibrationConfig;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  desirableCount: Scalars['Int']['output'];
  /** Kish's effective sample size (sum w)^2 / sum w^2. */
  effectiveSampleSize: Scalars['Float']['output'];
  /** Why the build failed (FAILED only). */
  error?: Maybe<Scalars['String']['output']>;
  /** Relative download paths on the API origin (GET with the same Bearer key). */
  exportPaths: DatasetExportPaths;
  /** Window start (inclusive); null = open. */
  from?: Maybe<Scalars['DateTime']['output']>;
  histograms: CalibrationHistograms;
  id: Scalars['ID']['output'];
  maskedCount: Scalars['Int']['output'];
  mu: Scalars['Float']['output'];
  name: Scalars['String']['output'];
  /** Fraction of the build done, 0..1 (1 once READY). */
  progress: Scalars['Float']['output'];
  s: Scalars['Float']['output'];
  /** One sample by index, or by impression id. */
  sample?: Maybe<PreferenceSample>;
  sampleCount: Scalars['Int']['output'];
  samples: PreferenceSampleConnection;
  status: PreferenceDatasetStatus;
  /** Window end (exclusive); null = open. */
  to?: Maybe<Scalars['DateTime']['output']>;
  toolInvokingCount: Scalars['Int']['output'];
  /** p per enabled tool when the dataset was built, highest first. */
  toolPercentiles: Array<ToolPercentile>;
  undesirableCount: Scalars['Int']['output'];
  userCount: Scalars['Int']['output'];
  /** Per-user statistics over the dataset's samples. */
  users: PreferenceUserStatsConnection;
  weightSum: Scalars['Float']['output'];
};


export type PreferenceDatasetSampleArgs = {
  impressionId?: InputMaybe<Scalars['ID']['input']>;
  index?: InputMaybe<Scalars['Int']['input']>;
};


export type PreferenceDatasetSamplesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<PreferenceSampleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type PreferenceDatasetUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<PreferenceUserOrder>;
};

export type PreferenceDatasetConnection = {
  __typename?: 'PreferenceDatasetConnection';
  edges: Array<PreferenceDatasetEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PreferenceDatasetEdge = {
  __typename?: 'PreferenceDatasetEdge';
  cursor: Scalars['String']['output'];
  node: PreferenceDataset;
};

export type PreferenceDatasetInput = {
  config?: InputMaybe<CalibrationConfigInput>;
  from?: InputMaybe<Scalars['DateTime']['input']>;
  name: Scalars['String']['input'];
  to?: InputMaybe<Scalars['DateTime']['input']>;
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

export type PreferenceSample = {
  __typename?: 'PreferenceSample';
  breakdown: CalibrationBreakdown;
  completion: Scalars['String']['output'];
  desirable: Scalars['Boolean']['output'];
  frequencyPercentile?: Maybe<Scalars['Float']['output']>;
  /** The logged impression (dialogue and suggestions). */
  impression?: Maybe<Impression>;
  impressionId: Scalars['ID']['output'];
  /** 0-based position in the dataset (impressions ordered by timestamp, then id). */
  index: Scalars['Int']['output'];
  /** KTO label (same as desirable). */
  label: Scalars['Boolean']['output'];
  masked: Scalars['Boolean']['output'];
  prompt: Scalars['String']['output'];
  toolId?: Maybe<Scalars['ID']['output']>;
  toolInvoking: Scalars['Boolean']['output'];
  uctr: Scalars['Float']['output'];
  userId: Scalars['ID']['output'];
  wS: Scalars['Float']['output'];
  wU: Scalars['Float']['output'];
  weight: Scalars['Float']['output'];
};

export type PreferenceSampleConnection = {
  __typename?: 'PreferenceSampleConnection';
  edges: Array<PreferenceSampleEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PreferenceSampleEdge = {
  __typename?: 'PreferenceSampleEdge';
  cursor: Scalars['String']['output'];
  node: PreferenceSample;
};

/** Filters for a dataset's (or a preview's) samples; all conditions must hold. */
export type PreferenceSampleFilter = {
  /** The KTO label: true = desirable, false = undesirable. */
  label?: InputMaybe<Scalars['Boolean']['input']>;
  /** weight == 0 */
  masked?: InputMaybe<Scalars['Boolean']['input']>;
  toolInvoking?: InputMaybe<Scalars['Boolean']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};

export type PreferenceUserOrder =
  | 'IMPRESSIONS_DESC'
  | 'MEAN_WEIGHT_ASC'
  | 'MEAN_WEIGHT_DESC'
  | 'UCTR_ASC'
  | 'UCTR_DESC'
  | 'USER_ID';

/** One user's impressions within a dataset or preview window. */
export type PreferenceUserStats = {
  __typename?: 'PreferenceUserStats';
  desirable: Scalars['Int']['output'];
  impressions: Scalars['Int']['output'];
  masked: Scalars['Int']['output'];
  meanWeight: Scalars['Float']['output'];
  /** desirable / impressions. */
  uctr: Scalars['Float']['output'];
  userId: Scalars['ID']['output'];
};

export type PreferenceUserStatsConnection = {
  __typename?: 'PreferenceUserStatsConnection';
  edges: Array<PreferenceUserStatsEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PreferenceUserStatsEdge = {
  __typename?: 'PreferenceUserStatsEdge';
  cursor: Scalars['String']['output'];
  node: PreferenceUserStats;
};

export type Query = {
  __typename?: 'Query';
  /**
   * Table 1 on served traffic in [from, to) (window open when missing). With experimentId: one row
   * per arm, control first, only that experiment's impressions. Without: the running experiment's
   * when one runs, else one row per model version that served in the window, the default as control.
   * bucketSeconds (60..86400, default: about 40 buckets over the window) sizes the series.
   */
  abReport: AbReport;
  apiKeys: Array<ApiKey>;
  auditLog: AuditConnection;
  /** The config an omitted CalibrationConfigInput field takes: the paper's values (definitions.md). */
  calibrationDefaults: CalibrationConfig;
  /** Calibrates a window under a config without storing anything (the live inspector). */
  calibrationPreview: CalibrationPreview;
  /** Starred impressions, newest first. */
  caseStudies: Array<CaseStudy>;
  categories: Array<Category>;
  /** SERVICE may read it too. */
  defaultModelVersion: ModelVersion;
  experiment?: Maybe<Experiment>;
  /** Newest first. */
  experiments: Array<Experiment>;
  impression?: Maybe<Impression>;
  /** Counts over the impressions in a window (all of them when no window). */
  impressionStats: ImpressionStats;
  /** Browse the logged impressions, newest first. */
  impressions: ImpressionConnection;
  /** Histogram of invocation counts over enabled tools, log-spaced bins. */
  invocationHistogram: Array<HistogramBin>;
  modelVersion?: Maybe<ModelVersion>;
  /** Registered adapters, newest first. */
  modelVersionRegistrations: Array<ModelVersionRegistration>;
  /** Newest first. */
  modelVersions: Array<ModelVersion>;
  offlineExperiment?: Maybe<OfflineExperiment>;
  /** Newest first. */
  offlineExperiments: Array<OfflineExperiment>;
  preferenceDataset?: Maybe<PreferenceDataset>;
  /** Stored datasets, newest first. */
  preferenceDatasets: PreferenceDatasetConnection;
  /** The latest evaluation on the dev set; null when `npm run eval:retrieval` has not run. */
  retrievalEvaluation?: Maybe<RetrievalEvaluation>;
  /** Tune-part dialogues the default retriever misses at k (1-20, default 5), optionally of one category or labelled with one tool. CURATOR, ENGINEER or ADMIN. */
  retrievalMisses: RetrievalMisses;
  /** Local model folders under TOOLREC_MODELS_DIR. */
  retrievalModels: Array<RetrievalModel>;
  retrievalPreview: RetrievalResult;
  /** The retrieval index: documents, stages, models. */
  retrievalStatus: RetrievalStatus;
  runningExperiment?: Maybe<Experiment>;
  suggestions: SuggestionResult;
  tool?: Maybe<Tool>;
  /** Which tune-part dev-set dialogues gain or lose this tool in their top 5 if `input` were saved (nothing is saved; the test part is held out). CURATOR or ADMIN. */
  toolEditImpact: ToolEditImpact;
  toolRevisions: Array<ToolRevision>;
  tools: ToolConnection;
  /** Base models createTrainingRun accepts. */
  trainingBaseModels: Array<TrainingBaseModel>;
  /** The hyperparameters createTrainingRun takes, with the paper's defaults, ranges and help. */
  trainingHyperparameters: Array<TrainingHyperparameterSpec>;
  trainingRun?: Maybe<TrainingRun>;
  /** Runs, newest first. */
  trainingRuns: TrainingRunConnection;
  viewer: Viewer;
  /** Workers that registered (stopped ones too when asked), most recently seen first. */
  workers: Array<Worker>;
};


export type QueryAbReportArgs = {
  bucketSeconds?: InputMaybe<Scalars['Int']['input']>;
  experimentId?: InputMaybe<Scalars['ID']['input']>;
  window?: InputMaybe<TimeWindowInput>;
};


export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCalibrationPreviewArgs = {
  config?: InputMaybe<CalibrationConfigInput>;
  window?: InputMaybe<TimeWindowInput>;
};


export type QueryExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExperimentsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryImpressionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryImpressionStatsArgs = {
  window?: InputMaybe<TimeWindowInput>;
};


export type QueryImpressionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ImpressionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryInvocationHistogramArgs = {
  bins?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryModelVersionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOfflineExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOfflineExperimentsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryPreferenceDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPreferenceDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryRetrievalMissesArgs = {
  category?: InputMaybe<Scalars['String']['input']>;
  k?: InputMaybe<Scalars['Int']['input']>;
  toolId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRetrievalPreviewArgs = {
  config?: InputMaybe<RetrievalConfigInput>;
  dialogue: DialogueInput;
  topN?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySuggestionsArgs = {
  input: SuggestionInput;
};


export type QueryToolArgs = {
  id: Scalars['ID']['input'];
};


export type QueryToolEditImpactArgs = {
  id: Scalars['ID']['input'];
  input: UpdateToolInput;
};


export type QueryToolRevisionsArgs = {
  toolId: Scalars['ID']['input'];
};


export type QueryToolsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ToolFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ToolOrder>;
};


export type QueryTrainingRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTrainingRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TrainingRunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryWorkersArgs = {
  includeStopped?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A token bucket: `burst` requests at once, refilled at `requestsPerSecond`. Over it: RATE_LIMITED with extensions.retryAfter (seconds). */
export type RateLimit = {
  __typename?: 'RateLimit';
  burst: Scalars['Int']['output'];
  requestsPerSecond: Scalars['Float']['output'];
};

export type RateLimitInput = {
  /** Default: ceil(requestsPerSecond), at least 1. */
  burst?: InputMaybe<Scalars['Int']['input']>;
  requestsPerSecond: Scalars['Float']['input'];
};

/** A relevant tool of a dev-set dialogue and where the default retriever ranks it. */
export type RelevantToolRank = {
  __typename?: 'RelevantToolRank';
  /** 1-based rank; null when it is not in the top 50. */
  rank?: Maybe<Scalars['Int']['output']>;
  toolId: Scalars['ID']['output'];
};

export type RetrievalClassifierState =
  /** The classifier part is off. */
  | 'OFF'
  /** The model was trained on the current catalog. */
  | 'READY'
  /** The catalog changed; the index is rebuilt on the next request. */
  | 'STALE'
  /** A model for the current catalog is training; the previous model serves meanwhile. */
  | 'TRAINING';

/** The phrase classifier the default pipeline serves (retrained in the background after an edit). */
export type RetrievalClassifierStatus = {
  __typename?: 'RetrievalClassifierStatus';
  /** Fraction of the current training done (1 when ready). */
  progress: Scalars['Float']['output'];
  state: RetrievalClassifierState;
  /** Tools the serving model knows (a tool added since its training gets 0 from it). */
  tools: Scalars['Int']['output'];
  /** How long the serving model took to train, ms (wall clock: the requests answered between its slices included). */
  trainingMs?: Maybe<Scalars['Float']['output']>;
};

/** Which stages run for one request. A null or missing toggle keeps the API's default (every configured stage on). */
export type RetrievalConfigInput = {
  /** The lexical stage's phrase classifier (trained on the catalog's phrases). Default on. */
  classifier?: InputMaybe<Scalars['Boolean']['input']>;
  /** The lexical stage's click part (needs clicked, tool-invoking suggestions in the log). Default on. */
  clicks?: InputMaybe<Scalars['Boolean']['input']>;
  /** The lexical stage's context part (assistant response, earlier turns). Default on. */
  context?: InputMaybe<Scalars['Boolean']['input']>;
  /** Needs TOOLREC_RETRIEVAL_DENSE_MODEL on the API; asking for it otherwise is BAD_USER_INPUT (field config.dense). */
  dense?: InputMaybe<Scalars['Boolean']['input']>;
  lexical?: InputMaybe<Scalars['Boolean']['input']>;
  /** The lexical stage's frequency prior. Default on. */
  prior?: InputMaybe<Scalars['Boolean']['input']>;
  /** Needs TOOLREC_RETRIEVAL_RERANK_MODEL on the API; asking for it otherwise is BAD_USER_INPUT (field config.rerank). */
  rerank?: InputMaybe<Scalars['Boolean']['input']>;
};

/** The latest `npm run eval:retrieval` (.data/eval/retrieval-latest.json). */
export type RetrievalEvaluation = {
  __typename?: 'RetrievalEvaluation';
  byCategory: Array<GroupRetrievalMetrics>;
  byKind: Array<GroupRetrievalMetrics>;
  catalogSource: Scalars['String']['output'];
  catalogTools: Scalars['Int']['output'];
  devsetDialogues: Scalars['Int']['output'];
  devsetPath: Scalars['String']['output'];
  generatedAt: Scalars['DateTime']['output'];
  /** The default retriever's figures. */
  overall: RetrievalMetrics;
  /** Every evaluated retriever, the default first. */
  retrievers: Array<RetrieverEvaluation>;
};

/** Wall-clock milliseconds inside the API, per stage; a stage that did not run is null. */
export type RetrievalLatency = {
  __typename?: 'RetrievalLatency';
  dense?: Maybe<Scalars['Float']['output']>;
  fuse?: Maybe<Scalars['Float']['output']>;
  lexical?: Maybe<Scalars['Float']['output']>;
  query?: Maybe<Scalars['Float']['output']>;
  rerank?: Maybe<Scalars['Float']['output']>;
  /** Query building and every stage. */
  total: Scalars['Float']['output'];
};

/** Recall@1/5/10, nDCG@5 and MRR averaged over n dev-set dialogues (definitions.md, Retrieval). */
export type RetrievalMetrics = {
  __typename?: 'RetrievalMetrics';
  mrr: Scalars['Float']['output'];
  n: Scalars['Int']['output'];
  ndcgAt5: Scalars['Float']['output'];
  recallAt1: Scalars['Float']['output'];
  recallAt5: Scalars['Float']['output'];
  recallAt10: Scalars['Float']['output'];
};

/** A tune-part dialogue whose relevant tools the default retriever does not all rank in its top k. */
export type RetrievalMiss = {
  __typename?: 'RetrievalMiss';
  assistantResponse?: Maybe<Scalars['String']['output']>;
  category: Scalars['String']['output'];
  history: Array<DialogueTurn>;
  id: Scalars['ID']['output'];
  /** direct, indirect or multi_turn. */
  kind: Scalars['String']['output'];
  /** Every relevant tool with its rank, in the dev set's order. */
  relevant: Array<RelevantToolRank>;
  /** The default retriever's top k, best first. */
  top: Array<Scalars['ID']['output']>;
  userQuery: Scalars['String']['output'];
};

/**
 * The curators' work list: where the default retriever misses on the dev set's tune part. The test
 * part is held out (never listed), so phrases written from this list leave the test figures honest.
 */
export type RetrievalMisses = {
  __typename?: 'RetrievalMisses';
  /** Tune-part dialogues scored (after the category / tool filter). */
  dialogues: Scalars['Int']['output'];
  /** Test-part dialogues left out. */
  heldOut: Scalars['Int']['output'];
  /** The first `first` of them (1-200, default 50), in the dev set's order. */
  items: Array<RetrievalMiss>;
  k: Scalars['Int']['output'];
  /** Mean Recall@k over the dialogues scored. */
  recallAtK: Scalars['Float']['output'];
  /** Dialogues with a relevant tool below k. */
  total: Scalars['Int']['output'];
};


/**
 * The curators' work list: where the default retriever misses on the dev set's tune part. The test
 * part is held out (never listed), so phrases written from this list leave the test figures honest.
 */
export type RetrievalMissesItemsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A local model folder under TOOLREC_MODELS_DIR (`toolrec models list`). */
export type RetrievalModel = {
  __typename?: 'RetrievalModel';
  /** ONNX weight variants present (fp32, q8, fp16, ...). */
  dtypes: Array<Scalars['String']['output']>;
  /** qwen3-embedding, sentence-transformers, cross-encoder or qwen3-reranker. */
  family: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** DENSE or RERANK when this API serves with it. */
  inUse?: Maybe<RetrievalStageName>;
  modelType: Scalars['String']['output'];
  /** mean, cls or last for embedders. */
  pooling?: Maybe<Scalars['String']['output']>;
  /** embedder or reranker. */
  role: Scalars['String']['output'];
  sizeBytes: Scalars['Float']['output'];
};

export type RetrievalQuery = {
  __typename?: 'RetrievalQuery';
  segments: Array<RetrievalQuerySegment>;
  /** The segments joined by newlines, most important first (what the dense stage and the reranker read). */
  text: Scalars['String']['output'];
};

/** One weighted text segment of the retrieval query (packages/retrieval/README.md, Dialogue → query). */
export type RetrievalQuerySegment = {
  __typename?: 'RetrievalQuerySegment';
  /** userQuery, assistantResponse or history. */
  source: Scalars['String']['output'];
  text: Scalars['String']['output'];
  weight: Scalars['Float']['output'];
};

export type RetrievalResult = {
  __typename?: 'RetrievalResult';
  latencyMs: RetrievalLatency;
  query: RetrievalQuery;
  retriever: Scalars['String']['output'];
  stagesUsed: RetrievalStagesUsed;
  tools: Array<RetrievedTool>;
};

export type RetrievalStageName =
  | 'DENSE'
  | 'LEXICAL'
  | 'RERANK';

/** What each stage said about a retrieved tool; a stage that did not run, or did not rank the tool, is null. */
export type RetrievalStageScores = {
  __typename?: 'RetrievalStageScores';
  /** The phrase classifier trained on the catalog's own phrases: μ · ln(T · p(tool | dialogue)); below 0 where it finds the tool less likely than chance. */
  classifier?: Maybe<StageScore>;
  /** Similarity to dialogues where a suggestion invoking this tool was clicked (served and ingested impressions). */
  clicks?: Maybe<StageScore>;
  /** Evidence from the assistant response and earlier turns, each word weighted by how much it discriminates. */
  context?: Maybe<StageScore>;
  /** Cosine similarity of the dialogue's and the tool's embeddings. */
  dense?: Maybe<StageScore>;
  /** The first stages combined, rank before reranking: the lexical total alone, or reciprocal rank fusion (sum of 1 / (60 + rank)) with a dense stage. */
  fused?: Maybe<StageScore>;
  /** The lexical stage's total: the utterance stage's parts summed (or the earlier whole-tool BM25 score). */
  lexical?: Maybe<StageScore>;
  /** The frequency prior: how often people invoke the tool (log-scaled, 0..3). */
  prior?: Maybe<StageScore>;
  /** The reranker's relevance (it orders the top 20 of the fused list). */
  rerank?: Maybe<StageScore>;
  /** Utterance-level BM25: soft-max over the tool's utterances, situations, name, canonical query and description (packages/retrieval/README.md). */
  utterance?: Maybe<StageScore>;
};

export type RetrievalStageStatus = {
  __typename?: 'RetrievalStageStatus';
  configured: Scalars['Boolean']['output'];
  /** Why a configured model could not be loaded. */
  error?: Maybe<Scalars['String']['output']>;
  /** Tools the stage can rank now. */
  indexed?: Maybe<Scalars['Int']['output']>;
  /** The local model folder's id. */
  model?: Maybe<Scalars['String']['output']>;
  name: RetrievalStageName;
  /** Dense: every enabled tool has a vector. Others: configured. */
  ready: Scalars['Boolean']['output'];
  /** The stage's retriever name, e.g. bm25, dense:all-MiniLM-L6-v2. */
  retriever?: Maybe<Scalars['String']['output']>;
};

export type RetrievalStagesUsed = {
  __typename?: 'RetrievalStagesUsed';
  classifier: Scalars['Boolean']['output'];
  clicks: Scalars['Boolean']['output'];
  context: Scalars['Boolean']['output'];
  dense: Scalars['Boolean']['output'];
  lexical: Scalars['Boolean']['output'];
  prior: Scalars['Boolean']['output'];
  rerank: Scalars['Boolean']['output'];
};

export type RetrievalStatus = {
  __typename?: 'RetrievalStatus';
  /** The lexical stage's phrase classifier; null when the lexical engine is BM25. */
  classifier?: Maybe<RetrievalClassifierStatus>;
  /** Click pairs (dialogue, clicked tool) the lexical stage's click part holds. */
  clickPairs: Scalars['Int']['output'];
  /** The retriever a request without config runs. */
  defaultRetriever: Scalars['String']['output'];
  /** Enabled tools in the index. */
  documents: Scalars['Int']['output'];
  lastSyncAt?: Maybe<Scalars['DateTime']['output']>;
  modelsDir: Scalars['String']['output'];
  /** How often the index checks the catalog for changes made elsewhere (0 = never). */
  pollMs: Scalars['Int']['output'];
  stages: Array<RetrievalStageStatus>;
};

export type RetrievedTool = {
  __typename?: 'RetrievedTool';
  /** Query words (as typed) that the lexical stage matched in this tool: why it was retrieved. */
  matchedTerms: Array<Scalars['String']['output']>;
  rank: Scalars['Int']['output'];
  score: Scalars['Float']['output'];
  stages: RetrievalStageScores;
  tool: Tool;
};

export type RetrievedToolRef = {
  __typename?: 'RetrievedToolRef';
  rank: Scalars['Int']['output'];
  score: Scalars['Float']['output'];
  tool?: Maybe<Tool>;
  toolId: Scalars['ID']['output'];
};

/** A tool the serving system retrieved for an ingested impression's prompt. */
export type RetrievedToolRefInput = {
  /** 1 = best; 1..1000. */
  rank: Scalars['Int']['input'];
  /** The retriever's score (default 0). */
  score?: InputMaybe<Scalars['Float']['input']>;
  /** An existing tool. */
  toolId: Scalars['ID']['input'];
};

export type RetrieverEvaluation = {
  __typename?: 'RetrieverEvaluation';
  byCategory: Array<GroupRetrievalMetrics>;
  /** direct, indirect, multi_turn. */
  byKind: Array<GroupRetrievalMetrics>;
  /** The embedded default (the utterance stage). */
  isDefault: Scalars['Boolean']['output'];
  label: Scalars['String']['output'];
  /** Per dev-set dialogue, top 10, in the evaluation script. */
  latencyMs: EvaluationLatency;
  overall: RetrievalMetrics;
  retriever: Scalars['String']['output'];
};

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

/** A stage's own rank (1-based) and score for one tool. */
export type StageScore = {
  __typename?: 'StageScore';
  rank: Scalars['Int']['output'];
  score: Scalars['Float']['output'];
};

export type StartExperimentInput = {
  /** 2..10 arms, distinct versions, percentages summing to 100 (BAD_USER_INPUT on arms[i].percent ...). */
  arms: Array<ExperimentArmInput>;
  /** The control arm's version (default: the current default version when it is an arm, else the first arm). */
  controlModelVersionId?: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  notes?: InputMaybe<Scalars['String']['input']>;
};

export type StartOfflineExperimentInput = {
  /** 2..6 distinct model version ids (BAD_USER_INPUT on arms[i] for an unknown one, or one that cannot serve offline: an OpenAI-compatible server that does not answer). */
  arms: Array<Scalars['ID']['input']>;
  /** The arm every other arm is compared with (default: the first). */
  controlModelVersionId?: InputMaybe<Scalars['ID']['input']>;
  /** Impressions per arm, 100..100000 (default 5000). */
  impressions?: InputMaybe<Scalars['Int']['input']>;
  /** Suggestions generated per impression, 1..12 (default 5). */
  k?: InputMaybe<Scalars['Int']['input']>;
  /** 1..200 characters. */
  name: Scalars['String']['input'];
  /** 0..2147483647 (default 1). */
  seed?: InputMaybe<Scalars['Int']['input']>;
  userModel?: InputMaybe<OfflineUserModelInput>;
};

export type Suggestion = {
  __typename?: 'Suggestion';
  /** Exposed to the user (positions 0..N−1). */
  exposed: Scalars['Boolean']['output'];
  isToolInvoking: Scalars['Boolean']['output'];
  position: Scalars['Int']['output'];
  /** model: the model wrote it; grounded: the grounded generator did (the whole answer, a fallback, or filling a short model answer). */
  source: Scalars['String']['output'];
  text: Scalars['String']['output'];
  tool?: Maybe<Tool>;
  toolId?: Maybe<Scalars['ID']['output']>;
};

export type SuggestionCtr = {
  __typename?: 'SuggestionCtr';
  clicked: Scalars['Int']['output'];
  /** clicked / exposed (0 when nothing was exposed). */
  ctr: Scalars['Float']['output'];
  exposed: Scalars['Int']['output'];
};

export type SuggestionInput = {
  dialogue: DialogueInput;
  k?: InputMaybe<Scalars['Int']['input']>;
  /** Serve with this version (ENGINEER, ADMIN; default: the experiment's arm for userId, else the default version). */
  modelVersionId?: InputMaybe<Scalars['ID']['input']>;
  n?: InputMaybe<Scalars['Int']['input']>;
  /**
   * The Playground's requests: logged with source "playground" (shown in Impressions, left out of
   * abReport and preference datasets). ENGINEER, ADMIN.
   */
  playground?: InputMaybe<Scalars['Boolean']['input']>;
  /** Tools put in the prompt, 1..20 (default: the server setting TOOLREC_PROMPT_TOOLS, 5). */
  promptTools?: InputMaybe<Scalars['Int']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
};

/** How a logged suggestion's tool was resolved at ingest time. */
export type SuggestionResolution =
  /** The logged toolId, an enabled tool. */
  | 'LOGGED'
  /** The tool matcher: the text equals an enabled tool's canonical query or an utterance, after normalizeText. */
  | 'MATCHER'
  /** A general (not tool-invoking) query. */
  | 'NONE';

export type SuggestionResult = {
  __typename?: 'SuggestionResult';
  /** The running experiment that assigned the version (null: default or an explicit version). */
  experiment?: Maybe<Experiment>;
  fallback?: Maybe<GeneratorFallback>;
  generator: Scalars['String']['output'];
  impressionId: Scalars['ID']['output'];
  k: Scalars['Int']['output'];
  modelVersion: ModelVersion;
  n: Scalars['Int']['output'];
  /** The K−N candidates that were generated and logged but not exposed (positions N..K−1). */
  notExposed: Array<Suggestion>;
  /** The exact Eq. 1 prompt (for grounded: what a model would have been given). */
  prompt: Scalars['String']['output'];
  promptTemplateVersion: Scalars['String']['output'];
  /** Tools in the prompt. */
  promptTools: Scalars['Int']['output'];
  /** The model server's raw answer (null when no model answered). */
  rawOutput?: Maybe<Scalars['String']['output']>;
  suggestions: Array<Suggestion>;
  timings: SuggestionTimings;
  tools: Array<RetrievedTool>;
};

/** Wall-clock milliseconds inside the API for one suggestions request. */
export type SuggestionTimings = {
  __typename?: 'SuggestionTimings';
  /** HTTP attempts to the model server (0 for grounded). */
  attempts: Scalars['Int']['output'];
  /** The generator's whole call (the model server's share in modelMs). */
  generationMs: Scalars['Float']['output'];
  /** Until the impression was committed (group commit). */
  loggingMs: Scalars['Float']['output'];
  /** Waiting for the model server, all attempts (null for grounded). */
  modelMs?: Maybe<Scalars['Float']['output']>;
  retrievalMs: Scalars['Float']['output'];
  totalMs: Scalars['Float']['output'];
};

export type SystemSideMode =
  | 'DYNAMIC'
  | 'OFF'
  | 'STATIC';

/** A time window [from, to); a missing bound is open. */
export type TimeWindowInput = {
  from?: InputMaybe<Scalars['DateTime']['input']>;
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

export type Tool = {
  __typename?: 'Tool';
  actionType: ToolActionType;
  canonicalQuery: Scalars['String']['output'];
  category: Category;
  categoryId: Scalars['ID']['output'];
  createdAt: Scalars['DateTime']['output'];
  description: Scalars['String']['output'];
  enabled: Scalars['Boolean']['output'];
  frequencyPercentile: Scalars['Float']['output'];
  grounding: Array<Grounding>;
  id: Scalars['ID']['output'];
  invocationCount: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  parameters?: Maybe<Scalars['JSON']['output']>;
  popularity?: Maybe<Scalars['Int']['output']>;
  revisions: Array<ToolRevision>;
  /** Situations a user describes without naming the tool ("I'm at the cinema"): curator-written document expansion for retrieval. */
  situations: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  utterances: Array<Scalars['String']['output']>;
  version: Scalars['Int']['output'];
};

export type ToolActionType =
  | 'EXECUTE'
  | 'LAUNCH'
  | 'OPEN_SETTINGS'
  | 'QUERY_STATUS'
  | 'SET_VALUE'
  | 'TOGGLE';

export type ToolConnection = {
  __typename?: 'ToolConnection';
  edges: Array<ToolEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ToolEdge = {
  __typename?: 'ToolEdge';
  cursor: Scalars['String']['output'];
  node: Tool;
};

/**
 * What an edit to a tool would do to the lexical default on the tune part of the labelled dev set,
 * before saving it. The test part is held out: curators writing phrases never see its dialogues.
 */
export type ToolEditImpact = {
  __typename?: 'ToolEditImpact';
  /** Every dialogue whose top k set changes (any tool). */
  changed: Array<ImpactDialogue>;
  /** Tune-part dialogues scored. */
  dialogues: Scalars['Int']['output'];
  /** Dialogues where this tool enters the top k. */
  gained: Array<ImpactDialogue>;
  /** Test-part dialogues left out (held out from writing phrases). */
  heldOut: Scalars['Int']['output'];
  /** Dialogues whose top k gains / loses a relevant tool. */
  improved: Scalars['Int']['output'];
  k: Scalars['Int']['output'];
  /** Dialogues where this tool leaves the top k. */
  lost: Array<ImpactDialogue>;
  recallAfter: Scalars['Float']['output'];
  /** Mean Recall@k over the dev set before and after. */
  recallBefore: Scalars['Float']['output'];
  toolId: Scalars['ID']['output'];
  worsened: Scalars['Int']['output'];
};

export type ToolFilter = {
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};

/** One catalog row for import: CreateToolInput plus grounding. */
export type ToolImportInput = {
  actionType: ToolActionType;
  canonicalQuery: Scalars['String']['input'];
  categoryId: Scalars['ID']['input'];
  description: Scalars['String']['input'];
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  grounding?: InputMaybe<Scalars['JSON']['input']>;
  id: Scalars['ID']['input'];
  invocationCount?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  parameters?: InputMaybe<Scalars['JSON']['input']>;
  popularity?: InputMaybe<Scalars['Int']['input']>;
  situations?: InputMaybe<Array<Scalars['String']['input']>>;
  utterances: Array<Scalars['String']['input']>;
};

export type ToolOrder = {
  direction?: InputMaybe<SortDirection>;
  field: ToolOrderField;
};

export type ToolOrderField =
  | 'INVOCATION_COUNT'
  | 'NAME'
  | 'RELEVANCE'
  | 'UPDATED_AT';

/** A tool's frequency percentile p (Eq. 7) as snapshotted when the dataset was built. */
export type ToolPercentile = {
  __typename?: 'ToolPercentile';
  p: Scalars['Float']['output'];
  tool?: Maybe<Tool>;
  toolId: Scalars['ID']['output'];
};

export type ToolRevision = {
  __typename?: 'ToolRevision';
  action: RevisionAction;
  actor: Scalars['String']['output'];
  after?: Maybe<Scalars['JSON']['output']>;
  before?: Maybe<Scalars['JSON']['output']>;
  /** Fields that differ between before and after. */
  changes: Array<FieldChange>;
  createdAt: Scalars['DateTime']['output'];
  id: Scalars['ID']['output'];
  toolId: Scalars['ID']['output'];
  version: Scalars['Int']['output'];
};

export type TrainingArtifact = {
  __typename?: 'TrainingArtifact';
  bytes: Scalars['Float']['output'];
  createdAt: Scalars['DateTime']['output'];
  /** Relative download path on the API origin (GET with the same Bearer key). */
  downloadPath: Scalars['String']['output'];
  /** adapter, run, metrics, log or checkpoint. */
  kind: Scalars['String']['output'];
  /** Relative to the trainer's output folder, e.g. adapter/adapter_model.safetensors. */
  path: Scalars['String']['output'];
  sha256: Scalars['String']['output'];
};

/** A base model a run can name. */
export type TrainingBaseModel = {
  __typename?: 'TrainingBaseModel';
  /** toolrec/tiny-random and qwen3-random; otherwise a model folder a worker advertises. */
  builtIn: Scalars['Boolean']['output'];
  /** Connected workers that can train it. */
  connectedWorkers: Scalars['Int']['output'];
  description: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** What a worker's Python needs for it. */
  requires: Array<Scalars['String']['output']>;
};

export type TrainingCheckpoint = {
  __typename?: 'TrainingCheckpoint';
  files: Array<Scalars['String']['output']>;
  path: Scalars['String']['output'];
  step: Scalars['Int']['output'];
};

export type TrainingCheckpointInput = {
  files: Array<Scalars['String']['input']>;
  path: Scalars['String']['input'];
  step: Scalars['Int']['input'];
};

/** One hyperparameter of createTrainingRun (from the schema the trainer reads too). */
export type TrainingHyperparameterSpec = {
  __typename?: 'TrainingHyperparameterSpec';
  /** The paper's default. */
  default?: Maybe<Scalars['JSON']['output']>;
  description: Scalars['String']['output'];
  exclusiveMaximum?: Maybe<Scalars['Float']['output']>;
  exclusiveMinimum?: Maybe<Scalars['Float']['output']>;
  maximum?: Maybe<Scalars['Float']['output']>;
  minimum?: Maybe<Scalars['Float']['output']>;
  /** The camelCase key scripts send. */
  name: Scalars['String']['output'];
  /** null is allowed (epochs or maxSteps). */
  nullable: Scalars['Boolean']['output'];
  /** number or integer */
  type: Scalars['String']['output'];
};

/** One optimizer step's metrics (the trainer's TRL names in `values`). */
export type TrainingMetricPoint = {
  __typename?: 'TrainingMetricPoint';
  epoch?: Maybe<Scalars['Float']['output']>;
  gradNorm?: Maybe<Scalars['Float']['output']>;
  /** KL estimate (z / beta). */
  kl?: Maybe<Scalars['Float']['output']>;
  /** logps/chosen */
  logpsChosen?: Maybe<Scalars['Float']['output']>;
  /** logps/rejected */
  logpsRejected?: Maybe<Scalars['Float']['output']>;
  /** Eq. 8's weighted KTO loss. */
  loss?: Maybe<Scalars['Float']['output']>;
  /** Learning rate of this step. */
  lr?: Maybe<Scalars['Float']['output']>;
  /** Peak memory (CUDA allocated, or the process's RSS on a CPU), MB. */
  memoryMb?: Maybe<Scalars['Float']['output']>;
  /** rewards/chosen: mean beta * (logp_policy - logp_ref) of desirable rows. */
  rewardsChosen?: Maybe<Scalars['Float']['output']>;
  /** rewards/margins = chosen - rejected */
  rewardsMargins?: Maybe<Scalars['Float']['output']>;
  /** rewards/rejected */
  rewardsRejected?: Maybe<Scalars['Float']['output']>;
  step: Scalars['Int']['output'];
  tokensPerS?: Maybe<Scalars['Float']['output']>;
  /** The whole metrics line as the trainer wrote it. */
  values: Scalars['JSON']['output'];
};

export type TrainingRun = {
  __typename?: 'TrainingRun';
  /** Uploaded files: the adapter, run.json, metrics.jsonl, the log, and checkpoints while it runs. */
  artifacts: Array<TrainingArtifact>;
  /** Claims so far (1 + the times it was resumed elsewhere). */
  attempts: Scalars['Int']['output'];
  baseModel: Scalars['String']['output'];
  /** A cancel was asked for; a running run stops at its worker's next heartbeat. */
  cancelRequested: Scalars['Boolean']['output'];
  /** The newest checkpoint whose files are uploaded (what a requeued run resumes from). */
  checkpoint?: Maybe<TrainingCheckpoint>;
  createdAt: Scalars['DateTime']['output'];
  createdBy: Scalars['String']['output'];
  /** The dataset (null once deleted). */
  dataset?: Maybe<PreferenceDataset>;
  datasetId: Scalars['ID']['output'];
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  hyperparameters: Scalars['JSON']['output'];
  id: Scalars['ID']['output'];
  leaseExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The last lines of the trainer's log (at most 200); the whole log is the artifact logs/trainer.log. */
  logTail: Array<Scalars['String']['output']>;
  /**
   * Per-step metrics, one point per step (the last report of a step: resumed runs report steps
   * again). With maxPoints, at most that many evenly spaced steps (the last one always included).
   */
  metricSeries: Array<TrainingMetricPoint>;
  metrics?: Maybe<Scalars['JSON']['output']>;
  /** Model versions registered from this run. */
  modelVersions: Array<ModelVersionRegistration>;
  progress: Scalars['Float']['output'];
  /** Lease expiries so far: the first puts the run back in the queue, the second fails it. */
  requeues: Scalars['Int']['output'];
  /** The checkpoint step the current attempt resumed from (null: from the start). */
  resumedFromStep?: Maybe<Scalars['Int']['output']>;
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  status: TrainingRunStatus;
  /** Last optimizer step reported. */
  step: Scalars['Int']['output'];
  /** Steps the trainer will run (known once it started). */
  totalSteps?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** The worker holding the run now. */
  worker?: Maybe<Worker>;
};


export type TrainingRunMetricSeriesArgs = {
  maxPoints?: InputMaybe<Scalars['Int']['input']>;
};

/** What a claim hands a worker. */
export type TrainingRunClaim = {
  __typename?: 'TrainingRunClaim';
  /** Restore these files under the trainer's --out and pass --resume. */
  checkpoint?: Maybe<TrainingCheckpoint>;
  /** The dataset's JSONL sha256 and row count, to check the download. */
  datasetChecksum: Scalars['String']['output'];
  /** Paths of the run's dataset export (GET with the worker key and X-Lease-Id). */
  datasetPaths: DatasetExportPaths;
  datasetRows: Scalars['Int']['output'];
  leaseExpiresAt: Scalars['DateTime']['output'];
  /** Send it with every later call about this run (a fencing token). */
  leaseId: Scalars['ID']['output'];
  leaseSeconds: Scalars['Int']['output'];
  run: TrainingRun;
};

export type TrainingRunConnection = {
  __typename?: 'TrainingRunConnection';
  edges: Array<TrainingRunEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TrainingRunEdge = {
  __typename?: 'TrainingRunEdge';
  cursor: Scalars['String']['output'];
  node: TrainingRun;
};

export type TrainingRunFilter = {
  datasetId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<TrainingRunStatus>;
};

export type TrainingRunInput = {
  baseModel: Scalars['String']['input'];
  datasetId: Scalars['ID']['input'];
  hyperparameters?: InputMaybe<Scalars['JSON']['input']>;
};

export type TrainingRunLease = {
  __typename?: 'TrainingRunLease';
  /** Stop: write the cancel file, let the trainer checkpoint, finish with CANCELLED. */
  cancelRequested: Scalars['Boolean']['output'];
  leaseExpiresAt: Scalars['DateTime']['output'];
};

/** What the trainer printed since the last report (metrics lines with TRL names). */
export type TrainingRunReportInput = {
  /** A checkpoint whose files are all uploaded. */
  checkpoint?: InputMaybe<TrainingCheckpointInput>;
  logLines?: InputMaybe<Array<Scalars['String']['input']>>;
  metrics?: InputMaybe<Array<Scalars['JSON']['input']>>;
  progress?: InputMaybe<Scalars['Float']['input']>;
  resumedFromStep?: InputMaybe<Scalars['Int']['input']>;
  step?: InputMaybe<Scalars['Int']['input']>;
  totalSteps?: InputMaybe<Scalars['Int']['input']>;
};

export type TrainingRunResultInput = {
  /** Why it failed, with the last lines of the trainer's stderr. */
  error?: InputMaybe<Scalars['String']['input']>;
  /** Last log lines not reported yet. */
  logLines?: InputMaybe<Array<Scalars['String']['input']>>;
  /** SUCCEEDED (adapter uploaded), FAILED (with error), or CANCELLED (after a requested cancel). */
  status: TrainingRunStatus;
};

export type TrainingRunStatus =
  | 'CANCELLED'
  | 'FAILED'
  | 'QUEUED'
  | 'RUNNING'
  | 'SUCCEEDED';

export type TurnInput = {
  content: Scalars['String']['input'];
  role: Role;
};

export type UpdateToolInput = {
  actionType?: InputMaybe<ToolActionType>;
  canonicalQuery?: InputMaybe<Scalars['String']['input']>;
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  invocationCount?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  parameters?: InputMaybe<Scalars['JSON']['input']>;
  situations?: InputMaybe<Array<Scalars['String']['input']>>;
  utterances?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type Viewer = {
  __typename?: 'Viewer';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  role: ApiRole;
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

/** Equal-width bins between min and max (the last bin includes max); values outside are counted in below/above. */
export type WeightHistogram = {
  __typename?: 'WeightHistogram';
  above: Scalars['Int']['output'];
  below: Scalars['Int']['output'];
  /** The same bins as (lower, upper, count). */
  bins: Array<HistogramBin>;
  counts: Array<Scalars['Int']['output']>;
  /** bins + 1 edges. */
  edges: Array<Scalars['Float']['output']>;
  max: Scalars['Float']['output'];
  min: Scalars['Float']['output'];
  nan: Scalars['Int']['output'];
};

/** A worker process (apps/worker) and what it can run. */
export type Worker = {
  __typename?: 'Worker';
  /** Everything it reported: python, torch, transformers, peft, pyarrow, CPUs, memory. */
  capabilities: Scalars['JSON']['output'];
  /** Heard from recently (claims, heartbeats) and not stopped. */
  connected: Scalars['Boolean']['output'];
  /** The run it holds now. */
  currentRun?: Maybe<TrainingRun>;
  gpuCount: Scalars['Int']['output'];
  gpus: Array<WorkerGpu>;
  hostname: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastSeenAt: Scalars['DateTime']['output'];
  /** Base models it can train. */
  models: Array<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  startedAt: Scalars['DateTime']['output'];
  /** Set when it shut down cleanly. */
  stoppedAt?: Maybe<Scalars['DateTime']['output']>;
  version?: Maybe<Scalars['String']['output']>;
};

export type WorkerGpu = {
  __typename?: 'WorkerGpu';
  memoryMb?: Maybe<Scalars['Int']['output']>;
  name: Scalars['String']['output'];
};

export type WorkerGpuInput = {
  memoryMb?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
};

export type WorkerInput = {
  capabilities?: InputMaybe<Scalars['JSON']['input']>;
  gpus: Array<WorkerGpuInput>;
  hostname: Scalars['String']['input'];
  /** The id of a previous registration of this worker (same key), to keep one row per worker. */
  id?: InputMaybe<Scalars['ID']['input']>;
  /** Base models it can train: built-in names and its local model folders. */
  models: Array<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  version?: InputMaybe<Scalars['String']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AbRate: ResolverTypeWrapper<AbRate>;
  AbReport: ResolverTypeWrapper<AbReport>;
  AbReportRow: ResolverTypeWrapper<AbReportRow>;
  AbSeriesPoint: ResolverTypeWrapper<AbSeriesPoint>;
  ApiKey: ResolverTypeWrapper<ApiKey>;
  ApiRole: ApiRole;
  AuditConnection: ResolverTypeWrapper<AuditConnection>;
  AuditEntry: ResolverTypeWrapper<AuditEntry>;
  AuditEntryEdge: ResolverTypeWrapper<AuditEntryEdge>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BulkUpdateReport: ResolverTypeWrapper<BulkUpdateReport>;
  CalibrationBreakdown: ResolverTypeWrapper<CalibrationBreakdown>;
  CalibrationConfig: ResolverTypeWrapper<CalibrationConfig>;
  CalibrationConfigInput: CalibrationConfigInput;
  CalibrationHistograms: ResolverTypeWrapper<CalibrationHistograms>;
  CalibrationPreview: ResolverTypeWrapper<CalibrationPreview>;
  CaseStudy: ResolverTypeWrapper<CaseStudy>;
  Category: ResolverTypeWrapper<Category>;
  CreateToolInput: CreateToolInput;
  CreatedApiKey: ResolverTypeWrapper<CreatedApiKey>;
  DatasetExportPaths: ResolverTypeWrapper<DatasetExportPaths>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteToolResult: ResolverTypeWrapper<DeleteToolResult>;
  DialogueInput: DialogueInput;
  DialogueTurn: ResolverTypeWrapper<DialogueTurn>;
  EvaluationLatency: ResolverTypeWrapper<EvaluationLatency>;
  Experiment: ResolverTypeWrapper<Experiment>;
  ExperimentArm: ResolverTypeWrapper<ExperimentArm>;
  ExperimentArmInput: ExperimentArmInput;
  ExperimentStatus: ExperimentStatus;
  FieldChange: ResolverTypeWrapper<FieldChange>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  GeneratorFallback: ResolverTypeWrapper<GeneratorFallback>;
  GeneratorKind: GeneratorKind;
  Grounding: ResolverTypeWrapper<Grounding>;
  GroupRetrievalMetrics: ResolverTypeWrapper<GroupRetrievalMetrics>;
  HistogramBin: ResolverTypeWrapper<HistogramBin>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ImpactDialogue: ResolverTypeWrapper<ImpactDialogue>;
  ImportReport: ResolverTypeWrapper<ImportReport>;
  ImportRowError: ResolverTypeWrapper<ImportRowError>;
  Impression: ResolverTypeWrapper<Impression>;
  ImpressionConnection: ResolverTypeWrapper<ImpressionConnection>;
  ImpressionEdge: ResolverTypeWrapper<ImpressionEdge>;
  ImpressionFilter: ImpressionFilter;
  ImpressionInput: ImpressionInput;
  ImpressionStats: ResolverTypeWrapper<ImpressionStats>;
  IngestError: ResolverTypeWrapper<IngestError>;
  IngestReport: ResolverTypeWrapper<IngestReport>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  InvocationCountUpdate: InvocationCountUpdate;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  LabelHistograms: ResolverTypeWrapper<LabelHistograms>;
  LoggedSuggestion: ResolverTypeWrapper<LoggedSuggestion>;
  LoggedSuggestionInput: LoggedSuggestionInput;
  ModelVersion: ResolverTypeWrapper<ModelVersion>;
  ModelVersionFromTrainingRunInput: ModelVersionFromTrainingRunInput;
  ModelVersionInput: ModelVersionInput;
  ModelVersionRegistration: ResolverTypeWrapper<ModelVersionRegistration>;
  MuMode: MuMode;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  OfflineExperiment: ResolverTypeWrapper<OfflineExperiment>;
  OfflineExperimentArm: ResolverTypeWrapper<OfflineExperimentArm>;
  OfflineExperimentRow: ResolverTypeWrapper<OfflineExperimentRow>;
  OfflineExperimentStatus: OfflineExperimentStatus;
  OfflineUserModel: ResolverTypeWrapper<OfflineUserModel>;
  OfflineUserModelInput: OfflineUserModelInput;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PreferenceDataset: ResolverTypeWrapper<PreferenceDataset>;
  PreferenceDatasetConnection: ResolverTypeWrapper<PreferenceDatasetConnection>;
  PreferenceDatasetEdge: ResolverTypeWrapper<PreferenceDatasetEdge>;
  PreferenceDatasetInput: PreferenceDatasetInput;
  PreferenceDatasetStatus: PreferenceDatasetStatus;
  PreferenceSample: ResolverTypeWrapper<PreferenceSample>;
  PreferenceSampleConnection: ResolverTypeWrapper<PreferenceSampleConnection>;
  PreferenceSampleEdge: ResolverTypeWrapper<PreferenceSampleEdge>;
  PreferenceSampleFilter: PreferenceSampleFilter;
  PreferenceUserOrder: PreferenceUserOrder;
  PreferenceUserStats: ResolverTypeWrapper<PreferenceUserStats>;
  PreferenceUserStatsConnection: ResolverTypeWrapper<PreferenceUserStatsConnection>;
  PreferenceUserStatsEdge: ResolverTypeWrapper<PreferenceUserStatsEdge>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RateLimit: ResolverTypeWrapper<RateLimit>;
  RateLimitInput: RateLimitInput;
  RelevantToolRank: ResolverTypeWrapper<RelevantToolRank>;
  RetrievalClassifierState: RetrievalClassifierState;
  RetrievalClassifierStatus: ResolverTypeWrapper<RetrievalClassifierStatus>;
  RetrievalConfigInput: RetrievalConfigInput;
  RetrievalEvaluation: ResolverTypeWrapper<RetrievalEvaluation>;
  RetrievalLatency: ResolverTypeWrapper<RetrievalLatency>;
  RetrievalMetrics: ResolverTypeWrapper<RetrievalMetrics>;
  RetrievalMiss: ResolverTypeWrapper<RetrievalMiss>;
  RetrievalMisses: ResolverTypeWrapper<RetrievalMisses>;
  RetrievalModel: ResolverTypeWrapper<RetrievalModel>;
  RetrievalQuery: ResolverTypeWrapper<RetrievalQuery>;
  RetrievalQuerySegment: ResolverTypeWrapper<RetrievalQuerySegment>;
  RetrievalResult: ResolverTypeWrapper<RetrievalResult>;
  RetrievalStageName: RetrievalStageName;
  RetrievalStageScores: ResolverTypeWrapper<RetrievalStageScores>;
  RetrievalStageStatus: ResolverTypeWrapper<RetrievalStageStatus>;
  RetrievalStagesUsed: ResolverTypeWrapper<RetrievalStagesUsed>;
  RetrievalStatus: ResolverTypeWrapper<RetrievalStatus>;
  RetrievedTool: ResolverTypeWrapper<RetrievedTool>;
  RetrievedToolRef: ResolverTypeWrapper<RetrievedToolRef>;
  RetrievedToolRefInput: RetrievedToolRefInput;
  RetrieverEvaluation: ResolverTypeWrapper<RetrieverEvaluation>;
  RevisionAction: RevisionAction;
  Role: Role;
  SortDirection: SortDirection;
  StageScore: ResolverTypeWrapper<StageScore>;
  StartExperimentInput: StartExperimentInput;
  StartOfflineExperimentInput: StartOfflineExperimentInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Suggestion: ResolverTypeWrapper<Suggestion>;
  SuggestionCtr: ResolverTypeWrapper<SuggestionCtr>;
  SuggestionInput: SuggestionInput;
  SuggestionResolution: SuggestionResolution;
  SuggestionResult: ResolverTypeWrapper<SuggestionResult>;
  SuggestionTimings: ResolverTypeWrapper<SuggestionTimings>;
  SystemSideMode: SystemSideMode;
  TimeWindowInput: TimeWindowInput;
  Tool: ResolverTypeWrapper<Tool>;
  ToolActionType: ToolActionType;
  ToolConnection: ResolverTypeWrapper<ToolConnection>;
  ToolEdge: ResolverTypeWrapper<ToolEdge>;
  ToolEditImpact: ResolverTypeWrapper<ToolEditImpact>;
  ToolFilter: ToolFilter;
  ToolImportInput: ToolImportInput;
  ToolOrder: ToolOrder;
  ToolOrderField: ToolOrderField;
  ToolPercentile: ResolverTypeWrapper<ToolPercentile>;
  ToolRevision: ResolverTypeWrapper<ToolRevision>;
  TrainingArtifact: ResolverTypeWrapper<TrainingArtifact>;
  TrainingBaseModel: ResolverTypeWrapper<TrainingBaseModel>;
  TrainingCheckpoint: ResolverTypeWrapper<TrainingCheckpoint>;
  TrainingCheckpointInput: TrainingCheckpointInput;
  TrainingHyperparameterSpec: ResolverTypeWrapper<TrainingHyperparameterSpec>;
  TrainingMetricPoint: ResolverTypeWrapper<TrainingMetricPoint>;
  TrainingRun: ResolverTypeWrapper<TrainingRun>;
  TrainingRunClaim: ResolverTypeWrapper<TrainingRunClaim>;
  TrainingRunConnection: ResolverTypeWrapper<TrainingRunConnection>;
  TrainingRunEdge: ResolverTypeWrapper<TrainingRunEdge>;
  TrainingRunFilter: TrainingRunFilter;
  TrainingRunInput: TrainingRunInput;
  TrainingRunLease: ResolverTypeWrapper<TrainingRunLease>;
  TrainingRunReportInput: TrainingRunReportInput;
  TrainingRunResultInput: TrainingRunResultInput;
  TrainingRunStatus: TrainingRunStatus;
  TurnInput: TurnInput;
  UpdateToolInput: UpdateToolInput;
  Viewer: ResolverTypeWrapper<Viewer>;
  WeightCombination: WeightCombination;
  WeightHistogram: ResolverTypeWrapper<WeightHistogram>;
  Worker: ResolverTypeWrapper<Worker>;
  WorkerGpu: ResolverTypeWrapper<WorkerGpu>;
  WorkerGpuInput: WorkerGpuInput;
  WorkerInput: WorkerInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AbRate: AbRate;
  AbReport: AbReport;
  AbReportRow: AbReportRow;
  AbSeriesPoint: AbSeriesPoint;
  ApiKey: ApiKey;
  AuditConnection: AuditConnection;
  AuditEntry: AuditEntry;
  AuditEntryEdge: AuditEntryEdge;
  Boolean: Scalars['Boolean']['output'];
  BulkUpdateReport: BulkUpdateReport;
  CalibrationBreakdown: CalibrationBreakdown;
  CalibrationConfig: CalibrationConfig;
  CalibrationConfigInput: CalibrationConfigInput;
  CalibrationHistograms: CalibrationHistograms;
  CalibrationPreview: CalibrationPreview;
  CaseStudy: CaseStudy;
  Category: Category;
  CreateToolInput: CreateToolInput;
  CreatedApiKey: CreatedApiKey;
  DatasetExportPaths: DatasetExportPaths;
  DateTime: Scalars['DateTime']['output'];
  DeleteToolResult: DeleteToolResult;
  DialogueInput: DialogueInput;
  DialogueTurn: DialogueTurn;
  EvaluationLatency: EvaluationLatency;
  Experiment: Experiment;
  ExperimentArm: ExperimentArm;
  ExperimentArmInput: ExperimentArmInput;
  FieldChange: FieldChange;
  Float: Scalars['Float']['output'];
  GeneratorFallback: GeneratorFallback;
  Grounding: Grounding;
  GroupRetrievalMetrics: GroupRetrievalMetrics;
  HistogramBin: HistogramBin;
  ID: Scalars['ID']['output'];
  ImpactDialogue: ImpactDialogue;
  ImportReport: ImportReport;
  ImportRowError: ImportRowError;
  Impression: Impression;
  ImpressionConnection: ImpressionConnection;
  ImpressionEdge: ImpressionEdge;
  ImpressionFilter: ImpressionFilter;
  ImpressionInput: ImpressionInput;
  ImpressionStats: ImpressionStats;
  IngestError: IngestError;
  IngestReport: IngestReport;
  Int: Scalars['Int']['output'];
  InvocationCountUpdate: InvocationCountUpdate;
  JSON: Scalars['JSON']['output'];
  LabelHistograms: LabelHistograms;
  LoggedSuggestion: LoggedSuggestion;
  LoggedSuggestionInput: LoggedSuggestionInput;
  ModelVersion: ModelVersion;
  ModelVersionFromTrainingRunInput: ModelVersionFromTrainingRunInput;
  ModelVersionInput: ModelVersionInput;
  ModelVersionRegistration: ModelVersionRegistration;
  Mutation: Record<PropertyKey, never>;
  OfflineExperiment: OfflineExperiment;
  OfflineExperimentArm: OfflineExperimentArm;
  OfflineExperimentRow: OfflineExperimentRow;
  OfflineUserModel: OfflineUserModel;
  OfflineUserModelInput: OfflineUserModelInput;
  PageInfo: PageInfo;
  PreferenceDataset: PreferenceDataset;
  PreferenceDatasetConnection: PreferenceDatasetConnection;
  PreferenceDatasetEdge: PreferenceDatasetEdge;
  PreferenceDatasetInput: PreferenceDatasetInput;
  PreferenceSample: PreferenceSample;
  PreferenceSampleConnection: PreferenceSampleConnection;
  PreferenceSampleEdge: PreferenceSampleEdge;
  PreferenceSampleFilter: PreferenceSampleFilter;
  PreferenceUserStats: PreferenceUserStats;
  PreferenceUserStatsConnection: PreferenceUserStatsConnection;
  PreferenceUserStatsEdge: PreferenceUserStatsEdge;
  Query: Record<PropertyKey, never>;
  RateLimit: RateLimit;
  RateLimitInput: RateLimitInput;
  RelevantToolRank: RelevantToolRank;
  RetrievalClassifierStatus: RetrievalClassifierStatus;
  RetrievalConfigInput: RetrievalConfigInput;
  RetrievalEvaluation: RetrievalEvaluation;
  RetrievalLatency: RetrievalLatency;
  RetrievalMetrics: RetrievalMetrics;
  RetrievalMiss: RetrievalMiss;
  RetrievalMisses: RetrievalMisses;
  RetrievalModel: RetrievalModel;
  RetrievalQuery: RetrievalQuery;
  RetrievalQuerySegment: RetrievalQuerySegment;
  RetrievalResult: RetrievalResult;
  RetrievalStageScores: RetrievalStageScores;
  RetrievalStageStatus: RetrievalStageStatus;
  RetrievalStagesUsed: RetrievalStagesUsed;
  RetrievalStatus: RetrievalStatus;
  RetrievedTool: RetrievedTool;
  RetrievedToolRef: RetrievedToolRef;
  RetrievedToolRefInput: RetrievedToolRefInput;
  RetrieverEvaluation: RetrieverEvaluation;
  StageScore: StageScore;
  StartExperimentInput: StartExperimentInput;
  StartOfflineExperimentInput: StartOfflineExperimentInput;
  String: Scalars['String']['output'];
  Suggestion: Suggestion;
  SuggestionCtr: SuggestionCtr;
  SuggestionInput: SuggestionInput;
  SuggestionResult: SuggestionResult;
  SuggestionTimings: SuggestionTimings;
  TimeWindowInput: TimeWindowInput;
  Tool: Tool;
  ToolConnection: ToolConnection;
  ToolEdge: ToolEdge;
  ToolEditImpact: ToolEditImpact;
  ToolFilter: ToolFilter;
  ToolImportInput: ToolImportInput;
  ToolOrder: ToolOrder;
  ToolPercentile: ToolPercentile;
  ToolRevision: ToolRevision;
  TrainingArtifact: TrainingArtifact;
  TrainingBaseModel: TrainingBaseModel;
  TrainingCheckpoint: TrainingCheckpoint;
  TrainingCheckpointInput: TrainingCheckpointInput;
  TrainingHyperparameterSpec: TrainingHyperparameterSpec;
  TrainingMetricPoint: TrainingMetricPoint;
  TrainingRun: TrainingRun;
  TrainingRunClaim: TrainingRunClaim;
  TrainingRunConnection: TrainingRunConnection;
  TrainingRunEdge: TrainingRunEdge;
  TrainingRunFilter: TrainingRunFilter;
  TrainingRunInput: TrainingRunInput;
  TrainingRunLease: TrainingRunLease;
  TrainingRunReportInput: TrainingRunReportInput;
  TrainingRunResultInput: TrainingRunResultInput;
  TurnInput: TurnInput;
  UpdateToolInput: UpdateToolInput;
  Viewer: Viewer;
  WeightHistogram: WeightHistogram;
  Worker: Worker;
  WorkerGpu: WorkerGpu;
  WorkerGpuInput: WorkerGpuInput;
  WorkerInput: WorkerInput;
};

export type AbRateResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AbRate'] = ResolversParentTypes['AbRate']> = {
  difference?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  differenceLower?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  differenceUpper?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lower?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  relativeLift?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  successes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  upper?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  value?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type AbReportResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AbReport'] = ResolversParentTypes['AbReport']> = {
  bucketSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  controlModelVersionId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  experiment?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  rows?: Resolver<Array<ResolversTypes['AbReportRow']>, ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
};

export type AbReportRowResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AbReportRow'] = ResolversParentTypes['AbReportRow']> = {
  clicksPerExposedSuggestion?: Resolver<ResolversTypes['AbRate'], ParentType, ContextType>;
  ctr?: Resolver<ResolversTypes['AbRate'], ParentType, ContextType>;
  fallbacks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  impressions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  isControl?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
  percent?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  series?: Resolver<Array<ResolversTypes['AbSeriesPoint']>, ParentType, ContextType>;
  toolInvokingCtr?: Resolver<ResolversTypes['AbRate'], ParentType, ContextType>;
  toolInvokingExposedShare?: Resolver<ResolversTypes['AbRate'], ParentType, ContextType>;
  users?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AbSeriesPointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AbSeriesPoint'] = ResolversParentTypes['AbSeriesPoint']> = {
  ctr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  impressions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  start?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  toolInvokingCtr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type ApiKeyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rateLimit?: Resolver<Maybe<ResolversTypes['RateLimit']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ApiRole'], ParentType, ContextType>;
};

export type AuditConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuditConnection'] = ResolversParentTypes['AuditConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditEntryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuditEntryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuditEntry'] = ResolversParentTypes['AuditEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  details?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  target?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type AuditEntryEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['AuditEntryEdge'] = ResolversParentTypes['AuditEntryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditEntry'], ParentType, ContextType>;
};

export type BulkUpdateReportResolvers<ContextType = Context, ParentType extends ResolversParentTypes['BulkUpdateReport'] = ResolversParentTypes['BulkUpdateReport']> = {
  updated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CalibrationBreakdownResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CalibrationBreakdown'] = ResolversParentTypes['CalibrationBreakdown']> = {
  alpha?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  combination?: Resolver<ResolversTypes['WeightCombination'], ParentType, ContextType>;
  desirable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  dynamicBoost?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  gamma?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  k?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  masked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  mu?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  p?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  pToTheK?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  s?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  staticBoost?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  steps?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  systemSide?: Resolver<ResolversTypes['SystemSideMode'], ParentType, ContextType>;
  t?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  toolId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  toolInvoking?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  uctr?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  userSide?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  wS?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  wU?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  z?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type CalibrationConfigResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CalibrationConfig'] = ResolversParentTypes['CalibrationConfig']> = {
  alpha?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  gamma?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  k?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  mu?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  muMode?: Resolver<ResolversTypes['MuMode'], ParentType, ContextType>;
  s?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  systemSide?: Resolver<ResolversTypes['SystemSideMode'], ParentType, ContextType>;
  userSide?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type CalibrationHistogramsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CalibrationHistograms'] = ResolversParentTypes['CalibrationHistograms']> = {
  wS?: Resolver<ResolversTypes['LabelHistograms'], ParentType, ContextType>;
  wU?: Resolver<ResolversTypes['LabelHistograms'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['LabelHistograms'], ParentType, ContextType>;
};

export type CalibrationPreviewResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CalibrationPreview'] = ResolversParentTypes['CalibrationPreview']> = {
  cached?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  computeMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  config?: Resolver<ResolversTypes['CalibrationConfig'], ParentType, ContextType>;
  desirableCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  effectiveSampleSize?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  histograms?: Resolver<ResolversTypes['CalibrationHistograms'], ParentType, ContextType>;
  maskedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mu?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  s?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  samples?: Resolver<ResolversTypes['PreferenceSampleConnection'], ParentType, ContextType, RequireFields<CalibrationPreviewSamplesArgs, 'first'>>;
  to?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  toolInvokingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  undesirableCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  userCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  users?: Resolver<ResolversTypes['PreferenceUserStatsConnection'], ParentType, ContextType, RequireFields<CalibrationPreviewUsersArgs, 'orderBy'>>;
  weightSum?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type CaseStudyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CaseStudy'] = ResolversParentTypes['CaseStudy']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  impression?: Resolver<ResolversTypes['Impression'], ParentType, ContextType>;
  note?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type CategoryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  enabledToolCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invocationTotal?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  toolCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CreatedApiKeyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['CreatedApiKey'] = ResolversParentTypes['CreatedApiKey']> = {
  apiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type DatasetExportPathsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DatasetExportPaths'] = ResolversParentTypes['DatasetExportPaths']> = {
  jsonl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metadata?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parquet?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteToolResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeleteToolResult'] = ResolversParentTypes['DeleteToolResult']> = {
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type DialogueTurnResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DialogueTurn'] = ResolversParentTypes['DialogueTurn']> = {
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
};

export type EvaluationLatencyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['EvaluationLatency'] = ResolversParentTypes['EvaluationLatency']> = {
  mean?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  p50?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  p95?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ExperimentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Experiment'] = ResolversParentTypes['Experiment']> = {
  arms?: Resolver<Array<ResolversTypes['ExperimentArm']>, ParentType, ContextType>;
  control?: Resolver<ResolversTypes['ExperimentArm'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  impressionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ExperimentStatus'], ParentType, ContextType>;
  stoppedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  stoppedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ExperimentArmResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ExperimentArm'] = ResolversParentTypes['ExperimentArm']> = {
  isControl?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
  modelVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  percent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type FieldChangeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['FieldChange'] = ResolversParentTypes['FieldChange']> = {
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  field?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GeneratorFallbackResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GeneratorFallback'] = ResolversParentTypes['GeneratorFallback']> = {
  detail?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GroundingResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Grounding'] = ResolversParentTypes['Grounding']> = {
  id?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type GroupRetrievalMetricsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['GroupRetrievalMetrics'] = ResolversParentTypes['GroupRetrievalMetrics']> = {
  metrics?: Resolver<ResolversTypes['RetrievalMetrics'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type HistogramBinResolvers<ContextType = Context, ParentType extends ResolversParentTypes['HistogramBin'] = ResolversParentTypes['HistogramBin']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lower?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  upper?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ImpactDialogueResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImpactDialogue'] = ResolversParentTypes['ImpactDialogue']> = {
  after?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  assistantResponse?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  before?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  category?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  gained?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  lost?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  relevant?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  toolRelevant?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userQuery?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImportReportResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImportReport'] = ResolversParentTypes['ImportReport']> = {
  created?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  dryRun?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['ImportRowError']>, ParentType, ContextType>;
  skipped?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unchanged?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updated?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImportRowErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImportRowError'] = ResolversParentTypes['ImportRowError']> = {
  field?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImpressionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Impression'] = ResolversParentTypes['Impression']> = {
  assistantResponse?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  caseStudy?: Resolver<Maybe<ResolversTypes['CaseStudy']>, ParentType, ContextType>;
  desirable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  experimentId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  generator?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['DialogueTurn']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  ingestedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  promptTemplateVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  retrievedTools?: Resolver<Array<ResolversTypes['RetrievedToolRef']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  suggestions?: Resolver<Array<ResolversTypes['LoggedSuggestion']>, ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  toolInvoking?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  userQuery?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImpressionConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImpressionConnection'] = ResolversParentTypes['ImpressionConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ImpressionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImpressionEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImpressionEdge'] = ResolversParentTypes['ImpressionEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Impression'], ParentType, ContextType>;
};

export type ImpressionStatsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImpressionStats'] = ResolversParentTypes['ImpressionStats']> = {
  desirable?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  firstTimestamp?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  generalSuggestions?: Resolver<ResolversTypes['SuggestionCtr'], ParentType, ContextType>;
  impressions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastTimestamp?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  toolInvoking?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  toolInvokingSuggestions?: Resolver<ResolversTypes['SuggestionCtr'], ParentType, ContextType>;
  users?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type IngestErrorResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IngestError'] = ResolversParentTypes['IngestError']> = {
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type IngestReportResolvers<ContextType = Context, ParentType extends ResolversParentTypes['IngestReport'] = ResolversParentTypes['IngestReport']> = {
  accepted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  duplicates?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  errors?: Resolver<Array<ResolversTypes['IngestError']>, ParentType, ContextType>;
  rejected?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type LabelHistogramsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LabelHistograms'] = ResolversParentTypes['LabelHistograms']> = {
  desirable?: Resolver<ResolversTypes['WeightHistogram'], ParentType, ContextType>;
  undesirable?: Resolver<ResolversTypes['WeightHistogram'], ParentType, ContextType>;
};

export type LoggedSuggestionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LoggedSuggestion'] = ResolversParentTypes['LoggedSuggestion']> = {
  clicked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  exposed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isToolInvoking?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  loggedToolId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  resolution?: Resolver<ResolversTypes['SuggestionResolution'], ParentType, ContextType>;
  resolvedToolId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tool?: Resolver<Maybe<ResolversTypes['Tool']>, ParentType, ContextType>;
};

export type ModelVersionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion']> = {
  activatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  adapterPath?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  baseModel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  impressionCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['GeneratorKind'], ParentType, ContextType>;
  loraModules?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notes?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  runningArm?: Resolver<Maybe<ResolversTypes['ExperimentArm']>, ParentType, ContextType>;
  settings?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  trainingRun?: Resolver<Maybe<ResolversTypes['TrainingRun']>, ParentType, ContextType>;
  trainingRunId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type ModelVersionRegistrationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ModelVersionRegistration'] = ResolversParentTypes['ModelVersionRegistration']> = {
  adapterPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  baseModel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  generator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  loraModules?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  run?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  activateModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationActivateModelVersionArgs, 'id'>>;
  cancelTrainingRun?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType, RequireFields<MutationCancelTrainingRunArgs, 'id'>>;
  claimTrainingRun?: Resolver<Maybe<ResolversTypes['TrainingRunClaim']>, ParentType, ContextType, RequireFields<MutationClaimTrainingRunArgs, 'workerId'>>;
  createApiKey?: Resolver<ResolversTypes['CreatedApiKey'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'name' | 'role'>>;
  createModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationCreateModelVersionArgs, 'input'>>;
  createModelVersionFromTrainingRun?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationCreateModelVersionFromTrainingRunArgs, 'input'>>;
  createPreferenceDataset?: Resolver<ResolversTypes['PreferenceDataset'], ParentType, ContextType, RequireFields<MutationCreatePreferenceDatasetArgs, 'input'>>;
  createTool?: Resolver<ResolversTypes['Tool'], ParentType, ContextType, RequireFields<MutationCreateToolArgs, 'input'>>;
  createTrainingRun?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType, RequireFields<MutationCreateTrainingRunArgs, 'input'>>;
  deleteOfflineExperiment?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteOfflineExperimentArgs, 'id'>>;
  deletePreferenceDataset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeletePreferenceDatasetArgs, 'id'>>;
  deleteTool?: Resolver<ResolversTypes['DeleteToolResult'], ParentType, ContextType, RequireFields<MutationDeleteToolArgs, 'id' | 'version'>>;
  finishTrainingRun?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType, RequireFields<MutationFinishTrainingRunArgs, 'leaseId' | 'result' | 'runId'>>;
  heartbeatTrainingRun?: Resolver<ResolversTypes['TrainingRunLease'], ParentType, ContextType, RequireFields<MutationHeartbeatTrainingRunArgs, 'leaseId' | 'runId'>>;
  importTools?: Resolver<ResolversTypes['ImportReport'], ParentType, ContextType, RequireFields<MutationImportToolsArgs, 'dryRun' | 'skipInvalid' | 'tools'>>;
  ingestImpressions?: Resolver<ResolversTypes['IngestReport'], ParentType, ContextType, RequireFields<MutationIngestImpressionsArgs, 'impressions'>>;
  recordClick?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationRecordClickArgs, 'impressionId' | 'position'>>;
  registerTrainingRunAsModelVersion?: Resolver<ResolversTypes['ModelVersionRegistration'], ParentType, ContextType, RequireFields<MutationRegisterTrainingRunAsModelVersionArgs, 'name' | 'runId'>>;
  registerWorker?: Resolver<ResolversTypes['Worker'], ParentType, ContextType, RequireFields<MutationRegisterWorkerArgs, 'input'>>;
  releaseTrainingRun?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType, RequireFields<MutationReleaseTrainingRunArgs, 'leaseId' | 'reason' | 'runId'>>;
  reportTrainingRun?: Resolver<ResolversTypes['TrainingRunLease'], ParentType, ContextType, RequireFields<MutationReportTrainingRunArgs, 'leaseId' | 'report' | 'runId'>>;
  revokeApiKey?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'id'>>;
  rollbackModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
  setApiKeyRateLimit?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType, RequireFields<MutationSetApiKeyRateLimitArgs, 'id'>>;
  starImpression?: Resolver<ResolversTypes['CaseStudy'], ParentType, ContextType, RequireFields<MutationStarImpressionArgs, 'impressionId' | 'title'>>;
  startExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationStartExperimentArgs, 'input'>>;
  startOfflineExperiment?: Resolver<ResolversTypes['OfflineExperiment'], ParentType, ContextType, RequireFields<MutationStartOfflineExperimentArgs, 'input'>>;
  stopExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationStopExperimentArgs, 'id'>>;
  stopWorker?: Resolver<ResolversTypes['Worker'], ParentType, ContextType, RequireFields<MutationStopWorkerArgs, 'workerId'>>;
  unstarImpression?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationUnstarImpressionArgs, 'impressionId'>>;
  updateCaseStudy?: Resolver<ResolversTypes['CaseStudy'], ParentType, ContextType, RequireFields<MutationUpdateCaseStudyArgs, 'id'>>;
  updateInvocationCounts?: Resolver<ResolversTypes['BulkUpdateReport'], ParentType, ContextType, RequireFields<MutationUpdateInvocationCountsArgs, 'updates'>>;
  updateModelVersionNotes?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationUpdateModelVersionNotesArgs, 'id'>>;
  updateTool?: Resolver<ResolversTypes['Tool'], ParentType, ContextType, RequireFields<MutationUpdateToolArgs, 'id' | 'input' | 'version'>>;
};

export type OfflineExperimentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OfflineExperiment'] = ResolversParentTypes['OfflineExperiment']> = {
  arms?: Resolver<Array<ResolversTypes['OfflineExperimentArm']>, ParentType, ContextType>;
  control?: Resolver<ResolversTypes['OfflineExperimentArm'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  durationMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  impressions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  k?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  rows?: Resolver<Maybe<Array<ResolversTypes['OfflineExperimentRow']>>, ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OfflineExperimentStatus'], ParentType, ContextType>;
  userModel?: Resolver<ResolversTypes['OfflineUserModel'], ParentType, ContextType>;
};

export type OfflineExperimentArmResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OfflineExperimentArm'] = ResolversParentTypes['OfflineExperimentArm']> = {
  isControl?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['GeneratorKind'], ParentType, ContextType>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  modelVersionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  settings?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
};

export type OfflineExperimentRowResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OfflineExperimentRow'] = ResolversParentTypes['OfflineExperimentRow']> = {
  arm?: Resolver<ResolversTypes['OfflineExperimentArm'], ParentType, ContextType>;
  clicksPerExposedSuggestion?: Resolver<ResolversTypes['AbRate'], ParentType, ContextType>;
  ctr?: Resolver<ResolversTypes['AbRate'], ParentType, ContextType>;
  fallbacks?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  impressions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  isControl?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  toolInvokingCtr?: Resolver<ResolversTypes['AbRate'], ParentType, ContextType>;
  toolInvokingExposedShare?: Resolver<ResolversTypes['AbRate'], ParentType, ContextType>;
};

export type OfflineUserModelResolvers<ContextType = Context, ParentType extends ResolversParentTypes['OfflineUserModel'] = ResolversParentTypes['OfflineUserModel']> = {
  clickRateMedian?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  clickRateSigma?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  relevanceOther?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  relevanceSameCategory?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  toolPreference?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  users?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  zipfExponent?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PreferenceDatasetResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceDataset'] = ResolversParentTypes['PreferenceDataset']> = {
  checksum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  config?: Resolver<ResolversTypes['CalibrationConfig'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  desirableCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  effectiveSampleSize?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  exportPaths?: Resolver<ResolversTypes['DatasetExportPaths'], ParentType, ContextType>;
  from?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  histograms?: Resolver<ResolversTypes['CalibrationHistograms'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maskedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  mu?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  s?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sample?: Resolver<Maybe<ResolversTypes['PreferenceSample']>, ParentType, ContextType, Partial<PreferenceDatasetSampleArgs>>;
  sampleCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  samples?: Resolver<ResolversTypes['PreferenceSampleConnection'], ParentType, ContextType, Partial<PreferenceDatasetSamplesArgs>>;
  status?: Resolver<ResolversTypes['PreferenceDatasetStatus'], ParentType, ContextType>;
  to?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  toolInvokingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  toolPercentiles?: Resolver<Array<ResolversTypes['ToolPercentile']>, ParentType, ContextType>;
  undesirableCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  userCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  users?: Resolver<ResolversTypes['PreferenceUserStatsConnection'], ParentType, ContextType, RequireFields<PreferenceDatasetUsersArgs, 'orderBy'>>;
  weightSum?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PreferenceDatasetConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceDatasetConnection'] = ResolversParentTypes['PreferenceDatasetConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PreferenceDatasetEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PreferenceDatasetEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceDatasetEdge'] = ResolversParentTypes['PreferenceDatasetEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PreferenceDataset'], ParentType, ContextType>;
};

export type PreferenceSampleResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceSample'] = ResolversParentTypes['PreferenceSample']> = {
  breakdown?: Resolver<ResolversTypes['CalibrationBreakdown'], ParentType, ContextType>;
  completion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  desirable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  frequencyPercentile?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  impression?: Resolver<Maybe<ResolversTypes['Impression']>, ParentType, ContextType>;
  impressionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  index?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  masked?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  prompt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  toolId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  toolInvoking?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  uctr?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  wS?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  wU?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type PreferenceSampleConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceSampleConnection'] = ResolversParentTypes['PreferenceSampleConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PreferenceSampleEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PreferenceSampleEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceSampleEdge'] = ResolversParentTypes['PreferenceSampleEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PreferenceSample'], ParentType, ContextType>;
};

export type PreferenceUserStatsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceUserStats'] = ResolversParentTypes['PreferenceUserStats']> = {
  desirable?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  impressions?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  masked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meanWeight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  uctr?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  userId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PreferenceUserStatsConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceUserStatsConnection'] = ResolversParentTypes['PreferenceUserStatsConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PreferenceUserStatsEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PreferenceUserStatsEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PreferenceUserStatsEdge'] = ResolversParentTypes['PreferenceUserStatsEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PreferenceUserStats'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  abReport?: Resolver<ResolversTypes['AbReport'], ParentType, ContextType, Partial<QueryAbReportArgs>>;
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  auditLog?: Resolver<ResolversTypes['AuditConnection'], ParentType, ContextType, Partial<QueryAuditLogArgs>>;
  calibrationDefaults?: Resolver<ResolversTypes['CalibrationConfig'], ParentType, ContextType>;
  calibrationPreview?: Resolver<ResolversTypes['CalibrationPreview'], ParentType, ContextType, Partial<QueryCalibrationPreviewArgs>>;
  caseStudies?: Resolver<Array<ResolversTypes['CaseStudy']>, ParentType, ContextType>;
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  defaultModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
  experiment?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType, RequireFields<QueryExperimentArgs, 'id'>>;
  experiments?: Resolver<Array<ResolversTypes['Experiment']>, ParentType, ContextType, RequireFields<QueryExperimentsArgs, 'first'>>;
  impression?: Resolver<Maybe<ResolversTypes['Impression']>, ParentType, ContextType, RequireFields<QueryImpressionArgs, 'id'>>;
  impressionStats?: Resolver<ResolversTypes['ImpressionStats'], ParentType, ContextType, Partial<QueryImpressionStatsArgs>>;
  impressions?: Resolver<ResolversTypes['ImpressionConnection'], ParentType, ContextType, Partial<QueryImpressionsArgs>>;
  invocationHistogram?: Resolver<Array<ResolversTypes['HistogramBin']>, ParentType, ContextType, RequireFields<QueryInvocationHistogramArgs, 'bins'>>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<QueryModelVersionArgs, 'id'>>;
  modelVersionRegistrations?: Resolver<Array<ResolversTypes['ModelVersionRegistration']>, ParentType, ContextType>;
  modelVersions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  offlineExperiment?: Resolver<Maybe<ResolversTypes['OfflineExperiment']>, ParentType, ContextType, RequireFields<QueryOfflineExperimentArgs, 'id'>>;
  offlineExperiments?: Resolver<Array<ResolversTypes['OfflineExperiment']>, ParentType, ContextType, RequireFields<QueryOfflineExperimentsArgs, 'first'>>;
  preferenceDataset?: Resolver<Maybe<ResolversTypes['PreferenceDataset']>, ParentType, ContextType, RequireFields<QueryPreferenceDatasetArgs, 'id'>>;
  preferenceDatasets?: Resolver<ResolversTypes['PreferenceDatasetConnection'], ParentType, ContextType, Partial<QueryPreferenceDatasetsArgs>>;
  retrievalEvaluation?: Resolver<Maybe<ResolversTypes['RetrievalEvaluation']>, ParentType, ContextType>;
  retrievalMisses?: Resolver<ResolversTypes['RetrievalMisses'], ParentType, ContextType, Partial<QueryRetrievalMissesArgs>>;
  retrievalModels?: Resolver<Array<ResolversTypes['RetrievalModel']>, ParentType, ContextType>;
  retrievalPreview?: Resolver<ResolversTypes['RetrievalResult'], ParentType, ContextType, RequireFields<QueryRetrievalPreviewArgs, 'dialogue' | 'topN'>>;
  retrievalStatus?: Resolver<ResolversTypes['RetrievalStatus'], ParentType, ContextType>;
  runningExperiment?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType>;
  suggestions?: Resolver<ResolversTypes['SuggestionResult'], ParentType, ContextType, RequireFields<QuerySuggestionsArgs, 'input'>>;
  tool?: Resolver<Maybe<ResolversTypes['Tool']>, ParentType, ContextType, RequireFields<QueryToolArgs, 'id'>>;
  toolEditImpact?: Resolver<ResolversTypes['ToolEditImpact'], ParentType, ContextType, RequireFields<QueryToolEditImpactArgs, 'id' | 'input'>>;
  toolRevisions?: Resolver<Array<ResolversTypes['ToolRevision']>, ParentType, ContextType, RequireFields<QueryToolRevisionsArgs, 'toolId'>>;
  tools?: Resolver<ResolversTypes['ToolConnection'], ParentType, ContextType, Partial<QueryToolsArgs>>;
  trainingBaseModels?: Resolver<Array<ResolversTypes['TrainingBaseModel']>, ParentType, ContextType>;
  trainingHyperparameters?: Resolver<Array<ResolversTypes['TrainingHyperparameterSpec']>, ParentType, ContextType>;
  trainingRun?: Resolver<Maybe<ResolversTypes['TrainingRun']>, ParentType, ContextType, RequireFields<QueryTrainingRunArgs, 'id'>>;
  trainingRuns?: Resolver<ResolversTypes['TrainingRunConnection'], ParentType, ContextType, RequireFields<QueryTrainingRunsArgs, 'first'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
  workers?: Resolver<Array<ResolversTypes['Worker']>, ParentType, ContextType, RequireFields<QueryWorkersArgs, 'includeStopped'>>;
};

export type RateLimitResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RateLimit'] = ResolversParentTypes['RateLimit']> = {
  burst?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  requestsPerSecond?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RelevantToolRankResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RelevantToolRank'] = ResolversParentTypes['RelevantToolRank']> = {
  rank?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  toolId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RetrievalClassifierStatusResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalClassifierStatus'] = ResolversParentTypes['RetrievalClassifierStatus']> = {
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['RetrievalClassifierState'], ParentType, ContextType>;
  tools?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trainingMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type RetrievalEvaluationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalEvaluation'] = ResolversParentTypes['RetrievalEvaluation']> = {
  byCategory?: Resolver<Array<ResolversTypes['GroupRetrievalMetrics']>, ParentType, ContextType>;
  byKind?: Resolver<Array<ResolversTypes['GroupRetrievalMetrics']>, ParentType, ContextType>;
  catalogSource?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  catalogTools?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  devsetDialogues?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  devsetPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  generatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  overall?: Resolver<ResolversTypes['RetrievalMetrics'], ParentType, ContextType>;
  retrievers?: Resolver<Array<ResolversTypes['RetrieverEvaluation']>, ParentType, ContextType>;
};

export type RetrievalLatencyResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalLatency'] = ResolversParentTypes['RetrievalLatency']> = {
  dense?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  fuse?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lexical?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  query?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  rerank?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RetrievalMetricsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalMetrics'] = ResolversParentTypes['RetrievalMetrics']> = {
  mrr?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ndcgAt5?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  recallAt1?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  recallAt5?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  recallAt10?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RetrievalMissResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalMiss'] = ResolversParentTypes['RetrievalMiss']> = {
  assistantResponse?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  category?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['DialogueTurn']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  relevant?: Resolver<Array<ResolversTypes['RelevantToolRank']>, ParentType, ContextType>;
  top?: Resolver<Array<ResolversTypes['ID']>, ParentType, ContextType>;
  userQuery?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RetrievalMissesResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalMisses'] = ResolversParentTypes['RetrievalMisses']> = {
  dialogues?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  heldOut?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['RetrievalMiss']>, ParentType, ContextType, Partial<RetrievalMissesItemsArgs>>;
  k?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recallAtK?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RetrievalModelResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalModel'] = ResolversParentTypes['RetrievalModel']> = {
  dtypes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  family?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inUse?: Resolver<Maybe<ResolversTypes['RetrievalStageName']>, ParentType, ContextType>;
  modelType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pooling?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RetrievalQueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalQuery'] = ResolversParentTypes['RetrievalQuery']> = {
  segments?: Resolver<Array<ResolversTypes['RetrievalQuerySegment']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type RetrievalQuerySegmentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalQuerySegment'] = ResolversParentTypes['RetrievalQuerySegment']> = {
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weight?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type RetrievalResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalResult'] = ResolversParentTypes['RetrievalResult']> = {
  latencyMs?: Resolver<ResolversTypes['RetrievalLatency'], ParentType, ContextType>;
  query?: Resolver<ResolversTypes['RetrievalQuery'], ParentType, ContextType>;
  retriever?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stagesUsed?: Resolver<ResolversTypes['RetrievalStagesUsed'], ParentType, ContextType>;
  tools?: Resolver<Array<ResolversTypes['RetrievedTool']>, ParentType, ContextType>;
};

export type RetrievalStageScoresResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalStageScores'] = ResolversParentTypes['RetrievalStageScores']> = {
  classifier?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
  clicks?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
  context?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
  dense?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
  fused?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
  lexical?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
  prior?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
  rerank?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
  utterance?: Resolver<Maybe<ResolversTypes['StageScore']>, ParentType, ContextType>;
};

export type RetrievalStageStatusResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalStageStatus'] = ResolversParentTypes['RetrievalStageStatus']> = {
  configured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  indexed?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  model?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['RetrievalStageName'], ParentType, ContextType>;
  ready?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  retriever?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RetrievalStagesUsedResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalStagesUsed'] = ResolversParentTypes['RetrievalStagesUsed']> = {
  classifier?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  clicks?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  context?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  dense?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  lexical?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  prior?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  rerank?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type RetrievalStatusResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievalStatus'] = ResolversParentTypes['RetrievalStatus']> = {
  classifier?: Resolver<Maybe<ResolversTypes['RetrievalClassifierStatus']>, ParentType, ContextType>;
  clickPairs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  defaultRetriever?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  documents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lastSyncAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  modelsDir?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pollMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  stages?: Resolver<Array<ResolversTypes['RetrievalStageStatus']>, ParentType, ContextType>;
};

export type RetrievedToolResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievedTool'] = ResolversParentTypes['RetrievedTool']> = {
  matchedTerms?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  stages?: Resolver<ResolversTypes['RetrievalStageScores'], ParentType, ContextType>;
  tool?: Resolver<ResolversTypes['Tool'], ParentType, ContextType>;
};

export type RetrievedToolRefResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrievedToolRef'] = ResolversParentTypes['RetrievedToolRef']> = {
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tool?: Resolver<Maybe<ResolversTypes['Tool']>, ParentType, ContextType>;
  toolId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type RetrieverEvaluationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetrieverEvaluation'] = ResolversParentTypes['RetrieverEvaluation']> = {
  byCategory?: Resolver<Array<ResolversTypes['GroupRetrievalMetrics']>, ParentType, ContextType>;
  byKind?: Resolver<Array<ResolversTypes['GroupRetrievalMetrics']>, ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  latencyMs?: Resolver<ResolversTypes['EvaluationLatency'], ParentType, ContextType>;
  overall?: Resolver<ResolversTypes['RetrievalMetrics'], ParentType, ContextType>;
  retriever?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type StageScoreResolvers<ContextType = Context, ParentType extends ResolversParentTypes['StageScore'] = ResolversParentTypes['StageScore']> = {
  rank?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  score?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type SuggestionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Suggestion'] = ResolversParentTypes['Suggestion']> = {
  exposed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isToolInvoking?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tool?: Resolver<Maybe<ResolversTypes['Tool']>, ParentType, ContextType>;
  toolId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type SuggestionCtrResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SuggestionCtr'] = ResolversParentTypes['SuggestionCtr']> = {
  clicked?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ctr?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  exposed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SuggestionResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SuggestionResult'] = ResolversParentTypes['SuggestionResult']> = {
  experiment?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType>;
  fallback?: Resolver<Maybe<ResolversTypes['GeneratorFallback']>, ParentType, ContextType>;
  generator?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  impressionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  k?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  modelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  notExposed?: Resolver<Array<ResolversTypes['Suggestion']>, ParentType, ContextType>;
  prompt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  promptTemplateVersion?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  promptTools?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  rawOutput?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  suggestions?: Resolver<Array<ResolversTypes['Suggestion']>, ParentType, ContextType>;
  timings?: Resolver<ResolversTypes['SuggestionTimings'], ParentType, ContextType>;
  tools?: Resolver<Array<ResolversTypes['RetrievedTool']>, ParentType, ContextType>;
};

export type SuggestionTimingsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['SuggestionTimings'] = ResolversParentTypes['SuggestionTimings']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  generationMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  loggingMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  modelMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  retrievalMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  totalMs?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type ToolResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Tool'] = ResolversParentTypes['Tool']> = {
  actionType?: Resolver<ResolversTypes['ToolActionType'], ParentType, ContextType>;
  canonicalQuery?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  category?: Resolver<ResolversTypes['Category'], ParentType, ContextType>;
  categoryId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  enabled?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  frequencyPercentile?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  grounding?: Resolver<Array<ResolversTypes['Grounding']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  invocationCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parameters?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  popularity?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  revisions?: Resolver<Array<ResolversTypes['ToolRevision']>, ParentType, ContextType>;
  situations?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  utterances?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ToolConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ToolConnection'] = ResolversParentTypes['ToolConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ToolEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ToolEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ToolEdge'] = ResolversParentTypes['ToolEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Tool'], ParentType, ContextType>;
};

export type ToolEditImpactResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ToolEditImpact'] = ResolversParentTypes['ToolEditImpact']> = {
  changed?: Resolver<Array<ResolversTypes['ImpactDialogue']>, ParentType, ContextType>;
  dialogues?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gained?: Resolver<Array<ResolversTypes['ImpactDialogue']>, ParentType, ContextType>;
  heldOut?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  improved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  k?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  lost?: Resolver<Array<ResolversTypes['ImpactDialogue']>, ParentType, ContextType>;
  recallAfter?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  recallBefore?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  toolId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  worsened?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ToolPercentileResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ToolPercentile'] = ResolversParentTypes['ToolPercentile']> = {
  p?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  tool?: Resolver<Maybe<ResolversTypes['Tool']>, ParentType, ContextType>;
  toolId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type ToolRevisionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ToolRevision'] = ResolversParentTypes['ToolRevision']> = {
  action?: Resolver<ResolversTypes['RevisionAction'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  after?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  before?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  changes?: Resolver<Array<ResolversTypes['FieldChange']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  toolId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TrainingArtifactResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingArtifact'] = ResolversParentTypes['TrainingArtifact']> = {
  bytes?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  downloadPath?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TrainingBaseModelResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingBaseModel'] = ResolversParentTypes['TrainingBaseModel']> = {
  builtIn?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  connectedWorkers?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requires?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TrainingCheckpointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingCheckpoint'] = ResolversParentTypes['TrainingCheckpoint']> = {
  files?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TrainingHyperparameterSpecResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingHyperparameterSpec'] = ResolversParentTypes['TrainingHyperparameterSpec']> = {
  default?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  exclusiveMaximum?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  exclusiveMinimum?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  maximum?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  minimum?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nullable?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TrainingMetricPointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingMetricPoint'] = ResolversParentTypes['TrainingMetricPoint']> = {
  epoch?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  gradNorm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  kl?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  logpsChosen?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  logpsRejected?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  loss?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  lr?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  memoryMb?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  rewardsChosen?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  rewardsMargins?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  rewardsRejected?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  tokensPerS?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  values?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
};

export type TrainingRunResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingRun'] = ResolversParentTypes['TrainingRun']> = {
  artifacts?: Resolver<Array<ResolversTypes['TrainingArtifact']>, ParentType, ContextType>;
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  baseModel?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cancelRequested?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  checkpoint?: Resolver<Maybe<ResolversTypes['TrainingCheckpoint']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  createdBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  dataset?: Resolver<Maybe<ResolversTypes['PreferenceDataset']>, ParentType, ContextType>;
  datasetId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  hyperparameters?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  leaseExpiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  logTail?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  metricSeries?: Resolver<Array<ResolversTypes['TrainingMetricPoint']>, ParentType, ContextType, Partial<TrainingRunMetricSeriesArgs>>;
  metrics?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  modelVersions?: Resolver<Array<ResolversTypes['ModelVersionRegistration']>, ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  requeues?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  resumedFromStep?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['TrainingRunStatus'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  totalSteps?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  worker?: Resolver<Maybe<ResolversTypes['Worker']>, ParentType, ContextType>;
};

export type TrainingRunClaimResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingRunClaim'] = ResolversParentTypes['TrainingRunClaim']> = {
  checkpoint?: Resolver<Maybe<ResolversTypes['TrainingCheckpoint']>, ParentType, ContextType>;
  datasetChecksum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  datasetPaths?: Resolver<ResolversTypes['DatasetExportPaths'], ParentType, ContextType>;
  datasetRows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  leaseExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  leaseId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  leaseSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  run?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType>;
};

export type TrainingRunConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingRunConnection'] = ResolversParentTypes['TrainingRunConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TrainingRunEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TrainingRunEdgeResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingRunEdge'] = ResolversParentTypes['TrainingRunEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['TrainingRun'], ParentType, ContextType>;
};

export type TrainingRunLeaseResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TrainingRunLease'] = ResolversParentTypes['TrainingRunLease']> = {
  cancelRequested?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  leaseExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['ApiRole'], ParentType, ContextType>;
};

export type WeightHistogramResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WeightHistogram'] = ResolversParentTypes['WeightHistogram']> = {
  above?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  below?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bins?: Resolver<Array<ResolversTypes['HistogramBin']>, ParentType, ContextType>;
  counts?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  edges?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  max?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  min?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  nan?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type WorkerResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Worker'] = ResolversParentTypes['Worker']> = {
  capabilities?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  connected?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  currentRun?: Resolver<Maybe<ResolversTypes['TrainingRun']>, ParentType, ContextType>;
  gpuCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  gpus?: Resolver<Array<ResolversTypes['WorkerGpu']>, ParentType, ContextType>;
  hostname?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastSeenAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  models?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  stoppedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type WorkerGpuResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WorkerGpu'] = ResolversParentTypes['WorkerGpu']> = {
  memoryMb?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  AbRate?: AbRateResolvers<ContextType>;
  AbReport?: AbReportResolvers<ContextType>;
  AbReportRow?: AbReportRowResolvers<ContextType>;
  AbSeriesPoint?: AbSeriesPointResolvers<ContextType>;
  ApiKey?: ApiKeyResolvers<ContextType>;
  AuditConnection?: AuditConnectionResolvers<ContextType>;
  AuditEntry?: AuditEntryResolvers<ContextType>;
  AuditEntryEdge?: AuditEntryEdgeResolvers<ContextType>;
  BulkUpdateReport?: BulkUpdateReportResolvers<ContextType>;
  CalibrationBreakdown?: CalibrationBreakdownResolvers<ContextType>;
  CalibrationConfig?: CalibrationConfigResolvers<ContextType>;
  CalibrationHistograms?: CalibrationHistogramsResolvers<ContextType>;
  CalibrationPreview?: CalibrationPreviewResolvers<ContextType>;
  CaseStudy?: CaseStudyResolvers<ContextType>;
  Category?: CategoryResolvers<ContextType>;
  CreatedApiKey?: CreatedApiKeyResolvers<ContextType>;
  DatasetExportPaths?: DatasetExportPathsResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteToolResult?: DeleteToolResultResolvers<ContextType>;
  DialogueTurn?: DialogueTurnResolvers<ContextType>;
  EvaluationLatency?: EvaluationLatencyResolvers<ContextType>;
  Experiment?: ExperimentResolvers<ContextType>;
  ExperimentArm?: ExperimentArmResolvers<ContextType>;
  FieldChange?: FieldChangeResolvers<ContextType>;
  GeneratorFallback?: GeneratorFallbackResolvers<ContextType>;
  Grounding?: GroundingResolvers<ContextType>;
  GroupRetrievalMetrics?: GroupRetrievalMetricsResolvers<ContextType>;
  HistogramBin?: HistogramBinResolvers<ContextType>;
  ImpactDialogue?: ImpactDialogueResolvers<ContextType>;
  ImportReport?: ImportReportResolvers<ContextType>;
  ImportRowError?: ImportRowErrorResolvers<ContextType>;
  Impression?: ImpressionResolvers<ContextType>;
  ImpressionConnection?: ImpressionConnectionResolvers<ContextType>;
  ImpressionEdge?: ImpressionEdgeResolvers<ContextType>;
  ImpressionStats?: ImpressionStatsResolvers<ContextType>;
  IngestError?: IngestErrorResolvers<ContextType>;
  IngestReport?: IngestReportResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  LabelHistograms?: LabelHistogramsResolvers<ContextType>;
  LoggedSuggestion?: LoggedSuggestionResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  ModelVersionRegistration?: ModelVersionRegistrationResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OfflineExperiment?: OfflineExperimentResolvers<ContextType>;
  OfflineExperimentArm?: OfflineExperimentArmResolvers<ContextType>;
  OfflineExperimentRow?: OfflineExperimentRowResolvers<ContextType>;
  OfflineUserModel?: OfflineUserModelResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PreferenceDataset?: PreferenceDatasetResolvers<ContextType>;
  PreferenceDatasetConnection?: PreferenceDatasetConnectionResolvers<ContextType>;
  PreferenceDatasetEdge?: PreferenceDatasetEdgeResolvers<ContextType>;
  PreferenceSample?: PreferenceSampleResolvers<ContextType>;
  PreferenceSampleConnection?: PreferenceSampleConnectionResolvers<ContextType>;
  PreferenceSampleEdge?: PreferenceSampleEdgeResolvers<ContextType>;
  PreferenceUserStats?: PreferenceUserStatsResolvers<ContextType>;
  PreferenceUserStatsConnection?: PreferenceUserStatsConnectionResolvers<ContextType>;
  PreferenceUserStatsEdge?: PreferenceUserStatsEdgeResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RateLimit?: RateLimitResolvers<ContextType>;
  RelevantToolRank?: RelevantToolRankResolvers<ContextType>;
  RetrievalClassifierStatus?: RetrievalClassifierStatusResolvers<ContextType>;
  RetrievalEvaluation?: RetrievalEvaluationResolvers<ContextType>;
  RetrievalLatency?: RetrievalLatencyResolvers<ContextType>;
  RetrievalMetrics?: RetrievalMetricsResolvers<ContextType>;
  RetrievalMiss?: RetrievalMissResolvers<ContextType>;
  RetrievalMisses?: RetrievalMissesResolvers<ContextType>;
  RetrievalModel?: RetrievalModelResolvers<ContextType>;
  RetrievalQuery?: RetrievalQueryResolvers<ContextType>;
  RetrievalQuerySegment?: RetrievalQuerySegmentResolvers<ContextType>;
  RetrievalResult?: RetrievalResultResolvers<ContextType>;
  RetrievalStageScores?: RetrievalStageScoresResolvers<ContextType>;
  RetrievalStageStatus?: RetrievalStageStatusResolvers<ContextType>;
  RetrievalStagesUsed?: RetrievalStagesUsedResolvers<ContextType>;
  RetrievalStatus?: RetrievalStatusResolvers<ContextType>;
  RetrievedTool?: RetrievedToolResolvers<ContextType>;
  RetrievedToolRef?: RetrievedToolRefResolvers<ContextType>;
  RetrieverEvaluation?: RetrieverEvaluationResolvers<ContextType>;
  StageScore?: StageScoreResolvers<ContextType>;
  Suggestion?: SuggestionResolvers<ContextType>;
  SuggestionCtr?: SuggestionCtrResolvers<ContextType>;
  SuggestionResult?: SuggestionResultResolvers<ContextType>;
  SuggestionTimings?: SuggestionTimingsResolvers<ContextType>;
  Tool?: ToolResolvers<ContextType>;
  ToolConnection?: ToolConnectionResolvers<ContextType>;
  ToolEdge?: ToolEdgeResolvers<ContextType>;
  ToolEditImpact?: ToolEditImpactResolvers<ContextType>;
  ToolPercentile?: ToolPercentileResolvers<ContextType>;
  ToolRevision?: ToolRevisionResolvers<ContextType>;
  TrainingArtifact?: TrainingArtifactResolvers<ContextType>;
  TrainingBaseModel?: TrainingBaseModelResolvers<ContextType>;
  TrainingCheckpoint?: TrainingCheckpointResolvers<ContextType>;
  TrainingHyperparameterSpec?: TrainingHyperparameterSpecResolvers<ContextType>;
  TrainingMetricPoint?: TrainingMetricPointResolvers<ContextType>;
  TrainingRun?: TrainingRunResolvers<ContextType>;
  TrainingRunClaim?: TrainingRunClaimResolvers<ContextType>;
  TrainingRunConnection?: TrainingRunConnectionResolvers<ContextType>;
  TrainingRunEdge?: TrainingRunEdgeResolvers<ContextType>;
  TrainingRunLease?: TrainingRunLeaseResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
  WeightHistogram?: WeightHistogramResolvers<ContextType>;
  Worker?: WorkerResolvers<ContextType>;
  WorkerGpu?: WorkerGpuResolvers<ContextType>;
};

