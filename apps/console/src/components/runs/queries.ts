// GraphQL documents and response shapes of the Runs pages (apps/api/src/schema/training.graphql).

import { graphql } from "@/gql";
import type {
  ConsoleCreateRunFormQuery, ConsoleRunQuery, ConsoleWorkersQuery, RunRowFragment, TrainingRunStatus as Status,
} from "@/gql/graphql";

// Types come from the schema (GraphQL Code Generator, `npm run codegen`): no hand-written copies.
export type TrainingRunStatus = Status;
export const RUN_STATUSES: readonly TrainingRunStatus[] = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"];
export const isActive = (s: TrainingRunStatus) => s === "QUEUED" || s === "RUNNING";

export type RunRow = RunRowFragment;
export type RunDetail = NonNullable<ConsoleRunQuery["trainingRun"]>;
/** A run's hyperparameters as the API resolved them (JSON in the schema: names are the trainer's). */
export type Hyperparameters = Record<string, unknown>;
export type MetricPoint = RunDetail["metricSeries"][number];
export type WorkerView = ConsoleWorkersQuery["workers"][number];
export type HyperparameterSpec = ConsoleCreateRunFormQuery["trainingHyperparameters"][number];
export type BaseModelOption = ConsoleCreateRunFormQuery["trainingBaseModels"][number];

export const RUN_ROW = graphql(`
  fragment RunRow on TrainingRun {
    id status datasetId baseModel hyperparameters progress step totalSteps cancelRequested attempts createdAt createdBy finishedAt
    dataset { id name }
    worker { id name }
  }
`);

export const WORKERS_QUERY = graphql(`
  query ConsoleWorkers {
    workers { id name hostname gpuCount gpus { name memoryMb } models lastSeenAt connected currentRun { id } }
  }
`);

export const RUNS_QUERY = graphql(`
  query ConsoleRuns($filter: TrainingRunFilter, $first: Int, $after: String) {
    trainingRuns(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...RunRow } }
    }
  }
`);

export const RUN_QUERY = graphql(`
  query ConsoleRun($id: ID!) {
    trainingRun(id: $id) {
      ...RunRow
      error metrics requeues resumedFromStep startedAt leaseExpiresAt logTail
      checkpoint { step }
      metricSeries(maxPoints: 1000) { step loss kl rewardsChosen rewardsRejected rewardsMargins lr tokensPerS memoryMb }
      artifacts { path kind bytes sha256 downloadPath }
      modelVersions { id name generator baseModel adapterPath loraModules status createdAt createdBy modelVersion { id isDefault } }
    }
  }
`);

export const CREATE_FORM_QUERY = graphql(`
  query ConsoleCreateRunForm {
    trainingHyperparameters { name type nullable default minimum maximum exclusiveMinimum exclusiveMaximum description }
    trainingBaseModels { name builtIn requires description connectedWorkers }
    preferenceDatasets(first: 100) { edges { node { id name sampleCount createdAt status } } }
  }
`);

export const CREATE_RUN_MUTATION = graphql(`
  mutation ConsoleCreateRun($input: TrainingRunInput!) {
    createTrainingRun(input: $input) { id status }
  }
`);

export const CANCEL_RUN_MUTATION = graphql(`
  mutation ConsoleCancelRun($id: ID!) {
    cancelTrainingRun(id: $id) { id status cancelRequested }
  }
`);

export const REGISTER_MODEL_VERSION_MUTATION = graphql(`
  mutation ConsoleRegisterModelVersion($runId: ID!, $name: String!) {
    registerTrainingRunAsModelVersion(runId: $runId, name: $name) { id name loraModules modelVersion { id } }
  }
`);

/** A run artifact's download through the console's route (which adds the session's key). */
export function artifactHref(downloadPath: string): string {
  return `/api${downloadPath}`;
}
