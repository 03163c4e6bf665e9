// GraphQL documents of the Playground and Models pages (apps/api/src/schema/serving.graphql).
// Their types are generated from the schema (`npm run codegen`, apps/console/src/gql/).

import { graphql } from "@/gql";
import type {
  AbRateFieldsFragment,
  AbReportQuery,
  ExperimentFieldsFragment,
  ModelVersionFieldsFragment,
  PlaygroundSuggestionsQuery,
  ServingSuggestionFieldsFragment,
} from "@/gql/graphql";

export type ModelVersionView = ModelVersionFieldsFragment;
export type ExperimentView = ExperimentFieldsFragment;
export type AbRateView = AbRateFieldsFragment;
export type AbReportView = AbReportQuery["abReport"];
export type AbReportRowView = AbReportView["rows"][number];
export type SuggestionResultView = PlaygroundSuggestionsQuery["suggestions"];
export type SuggestionView = ServingSuggestionFieldsFragment;

/** Roles that may change the registry and experiments (the API enforces this too). */
export const canManageModels = (role: string) => role === "ENGINEER" || role === "ADMIN";

/** K and N: defaults and bounds of the contract (1 ≤ N ≤ K ≤ 12). */
export const SUGGESTION_LIMITS = { k: 6, n: 3, maxK: 12 } as const;

// ModelVersion.runningArm is not asked for: the API's resolver for it fails (it reads the
// context from the arguments); the page finds a version's arm in runningExperiment instead.
export const MODEL_VERSION_FIELDS = graphql(`
  fragment ModelVersionFields on ModelVersion {
    id name kind settings trainingRunId baseModel adapterPath loraModules notes createdBy createdAt isDefault activatedAt impressionCount
    trainingRun { id status }
  }
`);

export const EXPERIMENT_FIELDS = graphql(`
  fragment ExperimentFields on Experiment {
    id name status notes createdBy startedAt stoppedAt stoppedBy impressionCount
    arms { modelVersionId percent isControl modelVersion { id name kind } }
  }
`);

/** The version picker's list (name, kind, default). */
export const MODEL_VERSION_OPTIONS_QUERY = graphql(`
  query ModelVersionOptions {
    modelVersions { id name kind isDefault }
  }
`);

export const MODELS_QUERY = graphql(`
  query ModelsPage {
    modelVersions { ...ModelVersionFields }
    runningExperiment { ...ExperimentFields }
    experiments(first: 20) { ...ExperimentFields }
  }
`);

/** Succeeded runs whose adapter can become a version. */
export const SUCCEEDED_RUNS_QUERY = graphql(`
  query SucceededRuns {
    trainingRuns(filter: { status: SUCCEEDED }, first: 50) {
      edges { node { id baseModel finishedAt dataset { id name } } }
    }
  }
`);

export const AB_RATE_FIELDS = graphql(`
  fragment AbRateFields on AbRate { value successes trials lower upper difference differenceLower differenceUpper relativeLift }
`);

export const AB_REPORT_QUERY = graphql(`
  query AbReport($experimentId: ID, $window: TimeWindowInput, $bucketSeconds: Int) {
    abReport(experimentId: $experimentId, window: $window, bucketSeconds: $bucketSeconds) {
      experiment { id name status startedAt stoppedAt }
      from to bucketSeconds controlModelVersionId
      rows {
        modelVersion { id name kind }
        percent isControl impressions users fallbacks
        ctr { ...AbRateFields }
        toolInvokingCtr { ...AbRateFields }
        clicksPerExposedSuggestion { ...AbRateFields }
        toolInvokingExposedShare { ...AbRateFields }
        series { start impressions ctr toolInvokingCtr }
      }
    }
  }
`);

export const CREATE_MODEL_VERSION_MUTATION = graphql(`
  mutation CreateModelVersion($input: ModelVersionInput!) {
    createModelVersion(input: $input) { ...ModelVersionFields }
  }
`);

export const CREATE_MODEL_VERSION_FROM_RUN_MUTATION = graphql(`
  mutation CreateModelVersionFromRun($input: ModelVersionFromTrainingRunInput!) {
    createModelVersionFromTrainingRun(input: $input) { ...ModelVersionFields }
  }
`);

export const UPDATE_MODEL_VERSION_NOTES_MUTATION = graphql(`
  mutation UpdateModelVersionNotes($id: ID!, $notes: String) {
    updateModelVersionNotes(id: $id, notes: $notes) { id notes }
  }
`);

export const ACTIVATE_MODEL_VERSION_MUTATION = graphql(`
  mutation ActivateModelVersion($id: ID!) {
    activateModelVersion(id: $id) { id name isDefault }
  }
`);

export const ROLLBACK_MODEL_VERSION_MUTATION = graphql(`
  mutation RollbackModelVersion {
    rollbackModelVersion { id name isDefault }
  }
`);

export const START_EXPERIMENT_MUTATION = graphql(`
  mutation StartExperiment($input: StartExperimentInput!) {
    startExperiment(input: $input) { ...ExperimentFields }
  }
`);

export const STOP_EXPERIMENT_MUTATION = graphql(`
  mutation StopExperiment($id: ID!) {
    stopExperiment(id: $id) { ...ExperimentFields }
  }
`);

export const SERVING_SUGGESTION_FIELDS = graphql(`
  fragment ServingSuggestionFields on Suggestion {
    position text isToolInvoking exposed source toolId
    tool { id name category { id name } }
  }
`);

export const PLAYGROUND_SUGGESTIONS_QUERY = graphql(`
  query PlaygroundSuggestions($input: SuggestionInput!) {
    suggestions(input: $input) {
      impressionId generator k n promptTools promptTemplateVersion prompt rawOutput
      suggestions { ...ServingSuggestionFields }
      notExposed { ...ServingSuggestionFields }
      tools { rank score tool { id name canonicalQuery category { id name } } }
      modelVersion { id name kind }
      experiment { id name }
      fallback { from reason detail }
      timings { retrievalMs generationMs modelMs loggingMs totalMs attempts }
    }
  }
`);
