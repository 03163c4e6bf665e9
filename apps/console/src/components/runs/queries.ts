// GraphQL documents and response shapes of the Runs pages (apps/api/src/schema/training.graphql).

export interface PageInfo { hasNextPage: boolean; endCursor: string | null }
export interface Connection<T> { edges: { cursor: string; node: T }[]; pageInfo: PageInfo; totalCount: number }

export type TrainingRunStatus = "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";
export const RUN_STATUSES: readonly TrainingRunStatus[] = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"];
export const isActive = (s: TrainingRunStatus) => s === "QUEUED" || s === "RUNNING";

export interface WorkerView {
  id: string;
  name: string;
  hostname: string;
  gpuCount: number;
  gpus: { name: string; memoryMb: number | null }[];
  models: string[];
  lastSeenAt: string;
  connected: boolean;
  currentRun: { id: string } | null;
}

export interface RunRow {
  id: string;
  status: TrainingRunStatus;
  datasetId: string;
  dataset: { id: string; name: string } | null;
  baseModel: string;
  hyperparameters: Record<string, unknown>;
  progress: number;
  step: number;
  totalSteps: number | null;
  cancelRequested: boolean;
  attempts: number;
  createdAt: string;
  createdBy: string;
  finishedAt: string | null;
  worker: { id: string; name: string } | null;
}

export interface MetricPoint {
  step: number;
  loss: number | null;
  kl: number | null;
  rewardsChosen: number | null;
  rewardsRejected: number | null;
  rewardsMargins: number | null;
  lr: number | null;
  tokensPerS: number | null;
  memoryMb: number | null;
}

export interface ArtifactView {
  path: string;
  kind: string;
  bytes: number;
  sha256: string;
  downloadPath: string;
}

export interface ModelVersionView {
  id: string;
  name: string;
  generator: string;
  baseModel: string;
  adapterPath: string;
  loraModules: string;
  status: string;
  createdAt: string;
  createdBy: string;
  /** The registry entry (Models page) this registration is. */
  modelVersion: { id: string; isDefault: boolean };
}

export interface RunDetail extends RunRow {
  error: string | null;
  metrics: Record<string, unknown> | null;
  requeues: number;
  resumedFromStep: number | null;
  checkpoint: { step: number } | null;
  startedAt: string | null;
  leaseExpiresAt: string | null;
  logTail: string[];
  metricSeries: MetricPoint[];
  artifacts: ArtifactView[];
  modelVersions: ModelVersionView[];
}

export interface HyperparameterSpec {
  name: string;
  type: "number" | "integer";
  nullable: boolean;
  default: number | null;
  minimum: number | null;
  maximum: number | null;
  exclusiveMinimum: number | null;
  exclusiveMaximum: number | null;
  description: string;
}

export interface BaseModelOption {
  name: string;
  builtIn: boolean;
  requires: string[];
  description: string;
  connectedWorkers: number;
}

const RUN_ROW = /* GraphQL */ `
  fragment RunRow on TrainingRun {
    id status datasetId baseModel hyperparameters progress step totalSteps cancelRequested attempts createdAt createdBy finishedAt
    dataset { id name }
    worker { id name }
  }
`;

export const WORKERS_QUERY = /* GraphQL */ `
  query ConsoleWorkers {
    workers { id name hostname gpuCount gpus { name memoryMb } models lastSeenAt connected currentRun { id } }
  }
`;

export const RUNS_QUERY = /* GraphQL */ `
  query ConsoleRuns($filter: TrainingRunFilter, $first: Int, $after: String) {
    trainingRuns(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...RunRow } }
    }
  }
  ${RUN_ROW}
`;

export const RUN_QUERY = /* GraphQL */ `
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
  ${RUN_ROW}
`;

export const CREATE_FORM_QUERY = /* GraphQL */ `
  query ConsoleCreateRunForm {
    trainingHyperparameters { name type nullable default minimum maximum exclusiveMinimum exclusiveMaximum description }
    trainingBaseModels { name builtIn requires description connectedWorkers }
    preferenceDatasets(first: 100) { edges { node { id name sampleCount createdAt } } }
  }
`;

export const CREATE_RUN_MUTATION = /* GraphQL */ `
  mutation ConsoleCreateRun($input: TrainingRunInput!) {
    createTrainingRun(input: $input) { id status }
  }
`;

export const CANCEL_RUN_MUTATION = /* GraphQL */ `
  mutation ConsoleCancelRun($id: ID!) {
    cancelTrainingRun(id: $id) { id status cancelRequested }
  }
`;

export const REGISTER_MODEL_VERSION_MUTATION = /* GraphQL */ `
  mutation ConsoleRegisterModelVersion($runId: ID!, $name: String!) {
    registerTrainingRunAsModelVersion(runId: $runId, name: $name) { id name loraModules modelVersion { id } }
  }
`;

/** A run artifact's download through the console's route (which adds the session's key). */
export function artifactHref(downloadPath: string): string {
  return `/api${downloadPath}`;
}
