// GraphQL documents and response shapes of the Calibration inspector and the case-study
// pages (apps/api/src/schema/preference.graphql; the math is definitions.md, Eq. 6, 7, 9).

import { GraphQLRequestError } from "@/lib/graphql-errors";

export type { Connection, PageInfo } from "@/lib/types";

export type MuMode = "FIXED" | "UPPER_QUARTILE";
export type SystemSideMode = "OFF" | "STATIC" | "DYNAMIC";
export type WeightCombination = "MAX" | "MIN" | "USER_SIDE_ONLY" | "SYSTEM_SIDE_ONLY" | "VANILLA";
export type SuggestionResolution = "LOGGED" | "MATCHER" | "NONE";
export type PreferenceUserOrder = "IMPRESSIONS_DESC" | "UCTR_DESC" | "UCTR_ASC" | "MEAN_WEIGHT_DESC" | "MEAN_WEIGHT_ASC" | "USER_ID";

/** CalibrationConfigInput (every field sent explicitly; s null = derived from the window). */
export interface CalibrationConfigInput {
  alpha: number;
  gamma: number;
  k: number;
  mu: number;
  muMode: MuMode;
  s: number | null;
  userSide: boolean;
  systemSide: SystemSideMode;
}

/** The resolved config the API echoes back. */
export type CalibrationConfigView = CalibrationConfigInput;

export interface TimeWindowInput {
  from: string | null;
  to: string | null;
}

/** definitions.md defaults (the paper's values). */
export const DEFAULT_CONFIG: CalibrationConfigInput = {
  alpha: 0.25,
  gamma: 1.25,
  k: 3,
  mu: 0.07,
  muMode: "FIXED",
  s: null,
  userSide: true,
  systemSide: "DYNAMIC",
};

/** Table 2's variants (definitions.md, Eq. 9). */
export const VARIANTS: { label: string; title: string; userSide: boolean; systemSide: SystemSideMode }[] = [
  { label: "1 · Vanilla KTO", title: "Neither side: w = 1", userSide: false, systemSide: "OFF" },
  { label: "2 · User side", title: "Eq. 6 only: w = wU", userSide: true, systemSide: "OFF" },
  { label: "3 · STATIC", title: "Eq. 7 with 1+γ only: w = wS", userSide: false, systemSide: "STATIC" },
  { label: "4 · User + STATIC", title: "Eq. 6 + STATIC Eq. 7, combined by Eq. 9", userSide: true, systemSide: "STATIC" },
  { label: "ToolRec", title: "Eq. 6 + DYNAMIC Eq. 7, combined by Eq. 9", userSide: true, systemSide: "DYNAMIC" },
];

export interface HistogramView {
  min: number;
  max: number;
  edges: number[];
  counts: number[];
  below: number;
  above: number;
  nan: number;
}

export interface LabelHistogramsView {
  desirable: HistogramView;
  undesirable: HistogramView;
}

export interface CalibrationHistogramsView {
  wU: LabelHistogramsView;
  wS: LabelHistogramsView;
  weight: LabelHistogramsView;
}

export interface CalibrationBreakdownView {
  desirable: boolean;
  userSide: boolean;
  uctr: number;
  mu: number;
  s: number;
  z: number | null;
  t: number | null;
  alpha: number;
  wU: number;
  systemSide: SystemSideMode;
  toolInvoking: boolean;
  toolId: string | null;
  p: number | null;
  gamma: number;
  k: number;
  pToTheK: number | null;
  dynamicBoost: number | null;
  staticBoost: number;
  wS: number;
  combination: WeightCombination;
  weight: number;
  masked: boolean;
  steps: string[];
}

export const BREAKDOWN_FIELDS = `desirable userSide uctr mu s z t alpha wU systemSide toolInvoking toolId p gamma k pToTheK dynamicBoost staticBoost wS combination weight masked steps`;

const CONFIG_FIELDS = "alpha gamma k mu muMode s userSide systemSide";
const HIST_FIELDS = "min max edges counts below above nan";
const LABEL_HIST = `desirable { ${HIST_FIELDS} } undesirable { ${HIST_FIELDS} }`;
export const HISTOGRAM_FIELDS = `wU { ${LABEL_HIST} } wS { ${LABEL_HIST} } weight { ${LABEL_HIST} }`;

/** What a window comes to under a config: a preview's summary and a stored dataset both have it. */
export interface CalibrationCountsView {
  from: string | null;
  to: string | null;
  config: CalibrationConfigView;
  sampleCount: number;
  desirableCount: number;
  undesirableCount: number;
  maskedCount: number;
  toolInvokingCount: number;
  userCount: number;
  mu: number;
  s: number;
  weightSum: number;
  effectiveSampleSize: number;
}

const COUNTS_FIELDS = `from to config { ${CONFIG_FIELDS} }
    sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize`;

export interface CalibrationSummaryView extends CalibrationCountsView {
  cached: boolean;
  computeMs: number;
  histograms: CalibrationHistogramsView;
}

/** Summary and histograms of a window under a config (nothing stored). */
export const CALIBRATION_PREVIEW_QUERY = `query CalibrationPreview($window: TimeWindowInput, $config: CalibrationConfigInput) {
  calibrationPreview(window: $window, config: $config) {
    ${COUNTS_FIELDS}
    cached computeMs
    histograms { ${HISTOGRAM_FIELDS} }
  }
}`;

export interface SampleFilterInput {
  label?: boolean;
  toolInvoking?: boolean;
  masked?: boolean;
  userId?: string;
}

export interface PreferenceSampleView {
  index: number;
  impressionId: string;
  userId: string;
  label: boolean;
  masked: boolean;
  uctr: number;
  toolInvoking: boolean;
  toolId: string | null;
  frequencyPercentile: number | null;
  wU: number;
  wS: number;
  weight: number;
  breakdown: CalibrationBreakdownView;
}

const SAMPLE_FIELDS = `index impressionId userId label masked uctr toolInvoking toolId frequencyPercentile wU wS weight breakdown { ${BREAKDOWN_FIELDS} }`;

export const PREVIEW_SAMPLES_QUERY = `query CalibrationPreviewSamples($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $filter: PreferenceSampleFilter) {
  calibrationPreview(window: $window, config: $config) {
    samples(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ${SAMPLE_FIELDS} } }
    }
  }
}`;

export interface PreferenceUserStatsView {
  userId: string;
  impressions: number;
  desirable: number;
  uctr: number;
  meanWeight: number;
  masked: number;
}

export const PREVIEW_USERS_QUERY = `query CalibrationPreviewUsers($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $orderBy: PreferenceUserOrder) {
  calibrationPreview(window: $window, config: $config) {
    users(first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { userId impressions desirable uctr meanWeight masked } }
    }
  }
}`;

export interface PreferenceDatasetView extends CalibrationCountsView {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  checksum: string;
  exportPaths: { jsonl: string; parquet: string; metadata: string };
}

const DATASET_FIELDS = `id name createdAt createdBy ${COUNTS_FIELDS} checksum
  exportPaths { jsonl parquet metadata }`;

export const DATASETS_QUERY = `query PreferenceDatasets($first: Int, $after: String) {
  preferenceDatasets(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${DATASET_FIELDS} } }
  }
}`;

export const CREATE_DATASET_MUTATION = `mutation CreatePreferenceDataset($input: PreferenceDatasetInput!) {
  createPreferenceDataset(input: $input) { ${DATASET_FIELDS} }
}`;

export const DELETE_DATASET_MUTATION = `mutation DeletePreferenceDataset($id: ID!) { deletePreferenceDataset(id: $id) }`;

// ---------------------------------------------------------------------------
// Impressions and case studies
// ---------------------------------------------------------------------------

export interface ToolRefView {
  id: string;
  name: string;
  canonicalQuery: string;
  enabled: boolean;
  category: { id: string; name: string };
}

export interface LoggedSuggestionView {
  position: number;
  text: string;
  loggedToolId: string | null;
  resolvedToolId: string | null;
  resolution: SuggestionResolution;
  tool: ToolRefView | null;
  isToolInvoking: boolean;
  exposed: boolean;
  clicked: boolean;
}

export interface CaseStudyRefView {
  id: string;
  title: string;
  note: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ImpressionView {
  id: string;
  userId: string;
  timestamp: string;
  userQuery: string;
  assistantResponse: string | null;
  history: { role: "USER" | "ASSISTANT"; content: string }[];
  desirable: boolean;
  toolInvoking: boolean;
  source: string;
  generator: string | null;
  ingestedAt: string;
  suggestions: LoggedSuggestionView[];
  caseStudy: CaseStudyRefView | null;
}

const CASE_STUDY_REF = "id title note createdBy createdAt updatedAt";
export const IMPRESSION_FIELDS = `id userId timestamp userQuery assistantResponse history { role content } desirable toolInvoking source generator ingestedAt
  suggestions { position text loggedToolId resolvedToolId resolution isToolInvoking exposed clicked tool { id name canonicalQuery enabled category { id name } } }
  caseStudy { ${CASE_STUDY_REF} }`;

export interface ImpressionFilterInput {
  userId?: string;
  from?: string;
  to?: string;
  desirable?: boolean;
  toolInvoking?: boolean;
  search?: string;
  starred?: boolean;
}

export const IMPRESSIONS_QUERY = `query Impressions($first: Int, $after: String, $filter: ImpressionFilter) {
  impressions(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { ${IMPRESSION_FIELDS} } }
  }
}`;

export const IMPRESSION_QUERY = `query Impression($id: ID!) { impression(id: $id) { ${IMPRESSION_FIELDS} } }`;

export interface ImpressionStatsView {
  impressions: number;
  users: number;
  desirable: number;
  toolInvoking: number;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
  toolInvokingSuggestions: { exposed: number; clicked: number; ctr: number };
  generalSuggestions: { exposed: number; clicked: number; ctr: number };
}

export const IMPRESSION_STATS_QUERY = `query ImpressionStats($window: TimeWindowInput) {
  impressionStats(window: $window) {
    impressions users desirable toolInvoking firstTimestamp lastTimestamp
    toolInvokingSuggestions { exposed clicked ctr }
    generalSuggestions { exposed clicked ctr }
  }
}`;

export interface CaseStudyView extends CaseStudyRefView {
  impression: ImpressionView;
}

export const CASE_STUDIES_QUERY = `query CaseStudies { caseStudies { ${CASE_STUDY_REF} impression { ${IMPRESSION_FIELDS} } } }`;

export const STAR_MUTATION = `mutation StarImpression($impressionId: ID!, $title: String!, $note: String) {
  starImpression(impressionId: $impressionId, title: $title, note: $note) { ${CASE_STUDY_REF} }
}`;

export const UPDATE_CASE_STUDY_MUTATION = `mutation UpdateCaseStudy($id: ID!, $title: String, $note: String) {
  updateCaseStudy(id: $id, title: $title, note: $note) { ${CASE_STUDY_REF} }
}`;

export const UNSTAR_MUTATION = `mutation UnstarImpression($impressionId: ID!) { unstarImpression(impressionId: $impressionId) }`;

/** The impression's sample (and calibration terms) in each stored dataset, newest first. */
export interface DatasetSampleView {
  id: string;
  name: string;
  createdAt: string;
  from: string | null;
  to: string | null;
  config: CalibrationConfigView;
  sample: { index: number; weight: number; breakdown: CalibrationBreakdownView } | null;
}

export const IMPRESSION_IN_DATASETS_QUERY = `query ImpressionInDatasets($impressionId: ID!) {
  preferenceDatasets(first: 20) {
    totalCount
    edges { node { id name createdAt from to config { ${CONFIG_FIELDS} } sample(impressionId: $impressionId) { index weight breakdown { ${BREAKDOWN_FIELDS} } } } }
  }
}`;

/** The console route that streams an export through the API with the session's key. */
export function downloadHref(exportPath: string): string {
  return `/api${exportPath.startsWith("/") ? "" : "/"}${exportPath}`;
}

/** The API refused an input (BAD_USER_INPUT); the controls show it next to the field. */
export function isBadInput(error: unknown): boolean {
  return error instanceof GraphQLRequestError && !!error.withCode("BAD_USER_INPUT");
}
