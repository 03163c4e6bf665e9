// GraphQL documents of the Calibration inspector and the case-study pages
// (apps/api/src/schema/preference.graphql; the math is definitions.md, Eq. 6, 7, 9). Their
// types are generated from the schema (`npm run codegen`, apps/console/src/gql/).

import { graphql } from "@/gql";
import type {
  CalibrationBreakdownFieldsFragment,
  CalibrationConfigFieldsFragment,
  CalibrationConfigInput as CalibrationConfigInputFields,
  CalibrationPreviewQuery,
  CalibrationPreviewSamplesQuery,
  CalibrationPreviewUsersQuery,
  CaseStudiesQuery,
  CaseStudyRefFieldsFragment,
  DatasetFieldsFragment,
  HistogramFieldsFragment,
  ImpressionFieldsFragment,
  ImpressionInDatasetsQuery,
  ImpressionStatsQuery,
  LabelHistogramsFieldsFragment,
  SystemSideMode,
  TimeWindowInput,
} from "@/gql/graphql";
import { GraphQLRequestError } from "@/lib/graphql-errors";

export type { MuMode, PreferenceUserOrder, SystemSideMode, ImpressionFilter as ImpressionFilterInput, PreferenceSampleFilter as SampleFilterInput } from "@/gql/graphql";

/** CalibrationConfigInput with every field sent explicitly (s null = derived from the window). */
export type CalibrationConfigInput = { [K in keyof CalibrationConfigInputFields]-?: K extends "s" ? number | null : NonNullable<CalibrationConfigInputFields[K]> };
/** TimeWindowInput with both bounds explicit (null = open). */
export type TimeWindow = { [K in keyof TimeWindowInput]-?: Exclude<TimeWindowInput[K], undefined> };
/** The resolved config the API echoes back. */
export type CalibrationConfigView = CalibrationConfigFieldsFragment;

export const CALIBRATION_CONFIG_FIELDS = graphql(`
  fragment CalibrationConfigFields on CalibrationConfig { alpha gamma k mu muMode s userSide systemSide }
`);

/** The config an omitted CalibrationConfigInput field takes (the paper's values, from core via the API). */
export const CALIBRATION_DEFAULTS_QUERY = graphql(`
  query CalibrationDefaults { calibrationDefaults { ...CalibrationConfigFields } }
`);

/** Table 2's variants (definitions.md, Eq. 9). */
export const VARIANTS: { label: string; title: string; userSide: boolean; systemSide: SystemSideMode }[] = [
  { label: "1 · Vanilla KTO", title: "Neither side: w = 1", userSide: false, systemSide: "OFF" },
  { label: "2 · User side", title: "Eq. 6 only: w = wU", userSide: true, systemSide: "OFF" },
  { label: "3 · STATIC", title: "Eq. 7 with 1+γ only: w = wS", userSide: false, systemSide: "STATIC" },
  { label: "4 · User + STATIC", title: "Eq. 6 + STATIC Eq. 7, combined by Eq. 9", userSide: true, systemSide: "STATIC" },
  { label: "ToolRec", title: "Eq. 6 + DYNAMIC Eq. 7, combined by Eq. 9", userSide: true, systemSide: "DYNAMIC" },
];

export type HistogramView = HistogramFieldsFragment;
export type LabelHistogramsView = LabelHistogramsFieldsFragment;
export type CalibrationBreakdownView = CalibrationBreakdownFieldsFragment;

export const HISTOGRAM_FIELDS = graphql(`
  fragment HistogramFields on WeightHistogram { min max edges counts below above nan }
  fragment LabelHistogramsFields on LabelHistograms { desirable { ...HistogramFields } undesirable { ...HistogramFields } }
`);

export const BREAKDOWN_FIELDS = graphql(`
  fragment CalibrationBreakdownFields on CalibrationBreakdown {
    desirable userSide uctr mu s z t alpha wU systemSide toolInvoking toolId p gamma k pToTheK dynamicBoost staticBoost wS
    combination weight masked steps
  }
`);

/** Summary and histograms of a window under a config (nothing stored). */
export const CALIBRATION_PREVIEW_QUERY = graphql(`
  query CalibrationPreview($window: TimeWindowInput, $config: CalibrationConfigInput) {
    calibrationPreview(window: $window, config: $config) {
      from to config { ...CalibrationConfigFields }
      sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize
      cached computeMs
      histograms {
        wU { ...LabelHistogramsFields }
        wS { ...LabelHistogramsFields }
        weight { ...LabelHistogramsFields }
      }
    }
  }
`);
export type CalibrationSummaryView = CalibrationPreviewQuery["calibrationPreview"];

export const PREVIEW_SAMPLES_QUERY = graphql(`
  query CalibrationPreviewSamples($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $filter: PreferenceSampleFilter) {
    calibrationPreview(window: $window, config: $config) {
      samples(first: $first, after: $after, filter: $filter) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges {
          cursor
          node {
            index impressionId userId label masked uctr toolInvoking toolId frequencyPercentile wU wS weight
            breakdown { ...CalibrationBreakdownFields }
          }
        }
      }
    }
  }
`);
export type PreferenceSampleView = CalibrationPreviewSamplesQuery["calibrationPreview"]["samples"]["edges"][number]["node"];

export const PREVIEW_USERS_QUERY = graphql(`
  query CalibrationPreviewUsers($window: TimeWindowInput, $config: CalibrationConfigInput, $first: Int, $after: String, $orderBy: PreferenceUserOrder) {
    calibrationPreview(window: $window, config: $config) {
      users(first: $first, after: $after, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { userId impressions desirable uctr meanWeight masked } }
      }
    }
  }
`);
export type PreferenceUserStatsView = CalibrationPreviewUsersQuery["calibrationPreview"]["users"]["edges"][number]["node"];

export const DATASET_FIELDS = graphql(`
  fragment DatasetFields on PreferenceDataset {
    id name createdAt createdBy status progress error
    from to config { ...CalibrationConfigFields }
    sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize
    checksum
    exportPaths { jsonl parquet metadata }
  }
`);
export type PreferenceDatasetView = DatasetFieldsFragment;

export const DATASETS_QUERY = graphql(`
  query PreferenceDatasets($first: Int, $after: String) {
    preferenceDatasets(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...DatasetFields } }
    }
  }
`);

export const CREATE_DATASET_MUTATION = graphql(`
  mutation CreatePreferenceDataset($input: PreferenceDatasetInput!) {
    createPreferenceDataset(input: $input) { ...DatasetFields }
  }
`);

/** One dataset, polled while it builds (createPreferenceDataset answers BUILDING at once). */
export const DATASET_QUERY = graphql(`
  query PreferenceDatasetBuild($id: ID!) {
    preferenceDataset(id: $id) { ...DatasetFields }
  }
`);

export const DELETE_DATASET_MUTATION = graphql(`
  mutation DeletePreferenceDataset($id: ID!) { deletePreferenceDataset(id: $id) }
`);

// ---------------------------------------------------------------------------
// Impressions and case studies
// ---------------------------------------------------------------------------

export const CASE_STUDY_REF_FIELDS = graphql(`
  fragment CaseStudyRefFields on CaseStudy { id title note createdBy createdAt updatedAt }
`);
export type CaseStudyRefView = CaseStudyRefFieldsFragment;

export const IMPRESSION_FIELDS = graphql(`
  fragment ImpressionFields on Impression {
    id userId timestamp userQuery assistantResponse history { role content } desirable toolInvoking source generator ingestedAt
    suggestions {
      position text loggedToolId resolvedToolId resolution isToolInvoking exposed clicked
      tool { id name canonicalQuery enabled category { id name } }
    }
    caseStudy { ...CaseStudyRefFields }
  }
`);
export type ImpressionView = ImpressionFieldsFragment;
export type LoggedSuggestionView = ImpressionView["suggestions"][number];

export const IMPRESSIONS_QUERY = graphql(`
  query Impressions($first: Int, $after: String, $filter: ImpressionFilter) {
    impressions(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...ImpressionFields } }
    }
  }
`);

export const IMPRESSION_QUERY = graphql(`
  query Impression($id: ID!) { impression(id: $id) { ...ImpressionFields } }
`);

export const IMPRESSION_STATS_QUERY = graphql(`
  query ImpressionStats($window: TimeWindowInput) {
    impressionStats(window: $window) {
      impressions users desirable toolInvoking firstTimestamp lastTimestamp
      toolInvokingSuggestions { exposed clicked ctr }
      generalSuggestions { exposed clicked ctr }
    }
  }
`);
export type ImpressionStatsView = ImpressionStatsQuery["impressionStats"];

export const CASE_STUDIES_QUERY = graphql(`
  query CaseStudies { caseStudies { ...CaseStudyRefFields impression { ...ImpressionFields } } }
`);
export type CaseStudyView = CaseStudiesQuery["caseStudies"][number];

export const STAR_MUTATION = graphql(`
  mutation StarImpression($impressionId: ID!, $title: String!, $note: String) {
    starImpression(impressionId: $impressionId, title: $title, note: $note) { ...CaseStudyRefFields }
  }
`);

export const UPDATE_CASE_STUDY_MUTATION = graphql(`
  mutation UpdateCaseStudy($id: ID!, $title: String, $note: String) {
    updateCaseStudy(id: $id, title: $title, note: $note) { ...CaseStudyRefFields }
  }
`);

export const UNSTAR_MUTATION = graphql(`
  mutation UnstarImpression($impressionId: ID!) { unstarImpression(impressionId: $impressionId) }
`);

/** The impression's sample (and calibration terms) in each stored dataset, newest first. */
export const IMPRESSION_IN_DATASETS_QUERY = graphql(`
  query ImpressionInDatasets($impressionId: ID!) {
    preferenceDatasets(first: 20) {
      totalCount
      edges {
        node {
          id name createdAt from to config { ...CalibrationConfigFields }
          sample(impressionId: $impressionId) { index weight breakdown { ...CalibrationBreakdownFields } }
        }
      }
    }
  }
`);
export type DatasetSampleView = ImpressionInDatasetsQuery["preferenceDatasets"]["edges"][number]["node"];

/** The console route that streams an export through the API with the session's key. */
export function downloadHref(exportPath: string): string {
  return `/api${exportPath.startsWith("/") ? "" : "/"}${exportPath}`;
}

/** The API refused an input (BAD_USER_INPUT); the controls show it next to the field. */
export function isBadInput(error: unknown): boolean {
  return error instanceof GraphQLRequestError && !!error.withCode("BAD_USER_INPUT");
}
