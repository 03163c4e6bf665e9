// `toolrec experiment table2 --api`: the paper's Table 2 through the product, against a running
// API. The same log as the in-process path (simulated users served by the grounded default,
// serveGroundedLog) is ingested with the tools retrieved for each prompt; the five datasets of
// Table 2's variants are built by the API on that log's window (createPreferenceDataset, one
// calibration per TABLE2_ARMS); five toolrec/ranker training runs are queued and trained by a
// worker (metrics, artifacts), each registered as a ranker model version; one offline experiment
// (startOfflineExperiment) simulates the base and the five, stored and listed on the console's
// Offline experiments page. Every step goes through GraphQL (api-client.ts).
import crypto from "node:crypto";
import { abReport, type ArmCounts, type ArmReport, type ExperimentUserModel } from "@toolrec/core";
import { ApiError, type GqlClient } from "./api-client.js";
import { balancedLambdaD, LAMBDA_D_DEFAULT, RANKER_HYPERPARAMETERS, serveGroundedLog, TABLE2_ARMS, type Table2LogOptions } from "./experiment-table2.js";

/** Impressions per ingestImpressions call (the API takes up to 10,000; about 1.5 kB each). */
const INGEST_BATCH = 1000;
const POLL_MS = 500;

const INGEST = `mutation($xs: [ImpressionInput!]!) { ingestImpressions(impressions: $xs) { accepted duplicates rejected errors { index id message } } }`;
const CREATE_DATASET = `mutation($input: PreferenceDatasetInput!) { createPreferenceDataset(input: $input) { id } }`;
const DATASET = `query($id: ID!) { preferenceDataset(id: $id) { id name status error progress sampleCount desirableCount undesirableCount } }`;
const BASE_MODELS = `{ trainingBaseModels { name connectedWorkers } }`;
const CREATE_RUN = `mutation($input: TrainingRunInput!) { createTrainingRun(input: $input) { id } }`;
const RUN = `query($id: ID!) { trainingRun(id: $id) { id status error step totalSteps worker { name } } }`;
const REGISTER = `mutation($r: ID!, $n: String!) { registerTrainingRunAsModelVersion(runId: $r, name: $n) { name modelVersion { id name kind } } }`;
const DEFAULT_VERSION = `{ defaultModelVersion { id name kind } modelVersions { id name kind } }`;
const CREATE_VERSION = `mutation($input: ModelVersionInput!) { createModelVersion(input: $input) { id name kind } }`;
const START = `mutation($input: StartOfflineExperimentInput!) { startOfflineExperiment(input: $input) { id } }`;
const RATE = `successes trials`;
const EXPERIMENT = `query($id: ID!) { offlineExperiment(id: $id) { id name status progress error durationMs control { modelVersionId }
  userModel { users zipfExponent clickRateMedian clickRateSigma toolPreference relevanceSameCategory relevanceOther }
  rows { arm { modelVersionId name } isControl impressions ctr { ${RATE} } toolInvokingCtr { ${RATE} } clicksPerExposedSuggestion { ${RATE} } toolInvokingExposedShare { ${RATE} } } } }`;

export interface Table2ApiOptions extends Table2LogOptions {
  readonly gql: GqlClient;
  readonly evalImpressions: number;
  /** lambda_D of the five runs (a number, or "balanced": n_U / n_D of the datasets). */
  readonly lambdaD?: number | "balanced";
  /** After this long with no run claimed, say that no worker is taking them (default 60 s). */
  readonly claimWarningMs?: number;
  /** Give up waiting for the runs after this long (default 30 min); they stay queued. */
  readonly trainingTimeoutMs?: number;
  /** Told once when no worker has claimed the runs after claimWarningMs. */
  readonly onWarning?: (message: string) => void;
}

export interface Table2ApiArm {
  readonly arm: string;
  readonly label: string;
  readonly datasetId: string;
  readonly samples: number;
  readonly runId: string;
  readonly modelVersionId: string;
  readonly modelVersionName: string;
}

export interface Table2ApiResult {
  readonly experimentId: string;
  readonly control: { readonly id: string; readonly name: string; readonly isDefault: boolean };
  readonly arms: readonly Table2ApiArm[];
  /** Core's per-arm reports (arm = model version id), control first. */
  readonly reports: readonly ArmReport[];
  /** Model version id -> Table 2 row label. */
  readonly labels: Readonly<Record<string, string>>;
  /** The user model the API simulated (every setting, defaults filled in). */
  readonly userModel: ExperimentUserModel;
  readonly window: { readonly from: string; readonly to: string };
  readonly timings: Readonly<Record<"log" | "ingest" | "datasets" | "training" | "abTest" | "total", number>>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A model-version name for an arm (lowercase letters, digits, '.', '_', '-'). */
export const table2VersionName = (arm: string, seed: number, suffix = "") => `table2-${arm.replace(/[^a-z0-9._-]+/gu, "-")}-${seed}${suffix}`;

interface RateRow { successes: number; trials: number }
interface ExperimentRow {
  arm: { modelVersionId: string; name: string };
  isControl: boolean;
  ctr: RateRow;
  toolInvokingCtr: RateRow;
  clicksPerExposedSuggestion: RateRow;
  toolInvokingExposedShare: RateRow;
}

/** The stored table's counts, as core's A/B report (the same intervals the API computed). */
export function reportsOfRows(rows: readonly ExperimentRow[], controlId: string): ArmReport[] {
  const arms = rows.map((r) => {
    const counts: ArmCounts = {
      impressions: r.ctr.trials,
      clickedImpressions: r.ctr.successes,
      toolClickedImpressions: r.toolInvokingCtr.successes,
      exposedSuggestions: r.clicksPerExposedSuggestion.trials,
      clickedSuggestions: r.clicksPerExposedSuggestion.successes,
      exposedToolSuggestions: r.toolInvokingExposedShare.successes,
    };
    return { arm: r.arm.modelVersionId, counts };
  });
  return abReport(arms, controlId);
}

export async function runTable2Api(o: Table2ApiOptions): Promise<Table2ApiResult> {
  const { gql } = o;
  const k = o.k ?? 5;
  const stage = (s: string) => o.onStage?.(s);
  const t0 = performance.now();

  // 1. The log, served in-process by the grounded default, then ingested with its retrieved tools.
  const { log, retrieved } = await serveGroundedLog(o);
  const t1 = performance.now();
  // Ids of this run only (the same seed twice must not collide). Timestamps one millisecond
  // apart, ending now: the datasets' window [from, to) holds this log and nothing logged before
  // (an earlier run's log lies wholly before it).
  const tag = `t2-${Date.now().toString(36)}-${crypto.randomBytes(2).toString("hex")}`;
  const end = Date.now() - 1;
  const at = (i: number) => new Date(end - (log.length - 1 - i)).toISOString();
  const window = { from: at(0), to: new Date(end + 1).toISOString() };
  stage(`ingesting the log (${log.length} impressions with their retrieved tools) into the API`);
  for (let i = 0; i < log.length; i += INGEST_BATCH) {
    const rows = log.slice(i, i + INGEST_BATCH).map((imp, j) => ({
      id: `${tag}-${imp.id}`,
      userId: imp.userId,
      timestamp: at(i + j),
      dialogue: imp.dialogue,
      suggestions: imp.suggestions.map((s) => ({ text: s.text, toolId: s.toolId, exposed: s.exposed, clicked: s.clicked })),
      retrievedTools: retrieved.get(imp.id) ?? [],
    }));
    const { ingestImpressions: report } = await gql<{ ingestImpressions: { accepted: number; rejected: number; errors: { index: number; message: string }[] } }>(INGEST, { xs: rows });
    if (report.rejected > 0) throw new ApiError("INGEST_REJECTED", `the API rejected ${report.rejected} impressions of the log, e.g. #${i + report.errors[0]!.index}: ${report.errors[0]!.message}`);
    o.onProgress?.(Math.min(log.length, i + INGEST_BATCH), log.length);
  }
  const t2 = performance.now();

  // 2. The five datasets on that window, one at a time (each build is CPU work on the API).
  const datasets: { arm: (typeof TABLE2_ARMS)[number]; id: string; samples: number; desirable: number; undesirable: number }[] = [];
  for (const arm of TABLE2_ARMS) {
    stage(`building dataset ${arm.label} on the API (createPreferenceDataset)`);
    const created = await gql<{ createPreferenceDataset: { id: string } }>(CREATE_DATASET, {
      input: { name: `Table 2 ${arm.arm}, seed ${o.seed} (${tag})`, from: window.from, to: window.to, config: arm.config },
    });
    for (;;) {
      const { preferenceDataset: d } = await gql<{ preferenceDataset: { id: string; status: string; error: string | null; progress: number; sampleCount: number; desirableCount: number; undesirableCount: number } }>(DATASET, { id: created.createPreferenceDataset.id });
      if (d.status === "FAILED") throw new ApiError("DATASET_FAILED", `dataset ${d.id} (${arm.arm}) failed: ${d.error}`);
      if (d.status === "READY") {
        o.onProgress?.(100, 100);
        datasets.push({ arm, id: d.id, samples: d.sampleCount, desirable: d.desirableCount, undesirable: d.undesirableCount });
        break;
      }
      o.onProgress?.(Math.round(d.progress * 100), 100);
      await sleep(200);
    }
  }
  const t3 = performance.now();

  // 3. Five training runs of toolrec/ranker; a worker trains them.
  const { trainingBaseModels } = await gql<{ trainingBaseModels: { name: string; connectedWorkers: number }[] }>(BASE_MODELS);
  const connected = trainingBaseModels.find((m) => m.name === "toolrec/ranker")?.connectedWorkers ?? 0;
  const noWorker = "no worker has claimed the runs: start one (`npm start` runs a local worker; or `toolrec worker --api URL --key-file FILE` with a WORKER key) and they will be trained; they stay queued meanwhile";
  if (connected === 0) o.onWarning?.(`no connected worker can train toolrec/ranker yet; ${noWorker}`);
  const runs: { arm: (typeof TABLE2_ARMS)[number]; datasetId: string; samples: number; runId: string }[] = [];
  // One run queued at a time, the next once the last is claimed: createTrainingRun starts the
  // run's ranker export in the API and the claim waits for it, so five exports built at once
  // on a small machine can outlast the claim's lease (TOOLREC_RUN_LEASE_SECONDS).
  const queueNext = async () => {
    const d = datasets[runs.length]!;
    const lambdaD = (o.lambdaD ?? LAMBDA_D_DEFAULT) === "balanced" ? balancedLambdaD(d) : (o.lambdaD ?? LAMBDA_D_DEFAULT);
    const { createTrainingRun } = await gql<{ createTrainingRun: { id: string } }>(CREATE_RUN, {
      input: { datasetId: d.id, baseModel: "toolrec/ranker", hyperparameters: { ...RANKER_HYPERPARAMETERS, lambdaD } },
    });
    runs.push({ arm: d.arm, datasetId: d.id, samples: d.samples, runId: createTrainingRun.id });
    stage(`training toolrec/ranker on ${d.arm.label} (${d.samples} samples): run ${createTrainingRun.id} (${runs.length}/${datasets.length}) on the API's worker`);
  };
  await queueNext();
  const started = Date.now();
  let warned = connected === 0;
  for (;;) {
    const states = await Promise.all(runs.map(async (r) => (await gql<{ trainingRun: { id: string; status: string; error: string | null; step: number; totalSteps: number | null } }>(RUN, { id: r.runId })).trainingRun));
    const failed = states.find((s) => s.status === "FAILED" || s.status === "CANCELLED");
    if (failed) throw new ApiError("TRAINING_FAILED", `training run ${failed.id} (${runs[states.indexOf(failed)]!.arm.arm}) ${failed.status}: ${failed.error ?? ""}`);
    // Each run counts 100: its share of steps, all of it once it succeeded.
    o.onProgress?.(states.reduce((s, r) => s + (r.status === "SUCCEEDED" ? 100 : r.totalSteps ? Math.floor((100 * r.step) / r.totalSteps) : 0), 0), 100 * datasets.length);
    if (states.every((s) => s.status !== "QUEUED") && runs.length < datasets.length) {
      await queueNext();
      continue;
    }
    if (runs.length === datasets.length && states.every((s) => s.status === "SUCCEEDED")) break;
    const waited = Date.now() - started;
    if (!warned && waited > (o.claimWarningMs ?? 60_000) && states.every((s) => s.status === "QUEUED")) {
      warned = true;
      o.onWarning?.(`after ${Math.round(waited / 1000)} s ${noWorker}`);
    }
    if (waited > (o.trainingTimeoutMs ?? 30 * 60_000)) {
      const queued = states.filter((s) => s.status === "QUEUED").length;
      throw new ApiError("TIMEOUT", `the runs did not finish in ${Math.round(waited / 60_000)} min (${runs.length - queued} of ${datasets.length} started${queued === runs.length ? `; ${noWorker}` : ""})`);
    }
    await sleep(POLL_MS);
  }
  const t4 = performance.now();

  // 4. Each run as a ranker model version (a name taken already gets the run's tag).
  const arms: Table2ApiArm[] = [];
  for (const r of runs) {
    let reg: { name: string; modelVersion: { id: string; name: string; kind: string } } | undefined;
    for (const suffix of ["", `-${tag}`]) {
      try {
        reg = (await gql<{ registerTrainingRunAsModelVersion: NonNullable<typeof reg> }>(REGISTER, { r: r.runId, n: table2VersionName(r.arm.arm, o.seed, suffix) })).registerTrainingRunAsModelVersion;
        break;
      } catch (err) {
        if (suffix !== "" || !(err instanceof ApiError && /already exists/u.test(err.message))) throw err;
      }
    }
    arms.push({ arm: r.arm.arm, label: r.arm.label, datasetId: r.datasetId, samples: r.samples, runId: r.runId, modelVersionId: reg!.modelVersion.id, modelVersionName: reg!.modelVersion.name });
  }

  // 5. One offline experiment: the grounded default (the base) against the five.
  const control = await groundedControl(gql);
  stage(`simulated A/B on the API: ${control.name} + ${arms.length} rankers, ${o.evalImpressions} impressions each (startOfflineExperiment)`);
  const { startOfflineExperiment } = await gql<{ startOfflineExperiment: { id: string } }>(START, {
    input: {
      name: `Table 2, seed ${o.seed}`,
      arms: [control.id, ...arms.map((a) => a.modelVersionId)],
      controlModelVersionId: control.id,
      impressions: o.evalImpressions,
      // The A/B's users and dialogues are not the log's (the in-process path does the same).
      seed: o.seed + 1,
      k,
      userModel: o.userModel ?? {},
    },
  });
  const experimentId = startOfflineExperiment.id;
  let rows: ExperimentRow[];
  let userModel: ExperimentUserModel;
  for (;;) {
    const { offlineExperiment: e } = await gql<{ offlineExperiment: { status: string; progress: number; error: string | null; rows: ExperimentRow[] | null; userModel: ExperimentUserModel } }>(EXPERIMENT, { id: experimentId });
    if (e.status === "FAILED") throw new ApiError("EXPERIMENT_FAILED", `offline experiment ${experimentId} failed: ${e.error}`);
    o.onProgress?.(Math.round(e.progress * 1000), 1000);
    if (e.status === "SUCCEEDED") {
      rows = e.rows!;
      userModel = e.userModel;
      break;
    }
    await sleep(POLL_MS);
  }
  const t5 = performance.now();
  const s = (a: number, b: number) => (b - a) / 1000;
  return {
    experimentId,
    control,
    arms,
    reports: reportsOfRows(rows, control.id),
    labels: { [control.id]: control.isDefault ? "Base (grounded default)" : `Base (${control.name}, grounded)`, ...Object.fromEntries(arms.map((a) => [a.modelVersionId, a.label])) },
    userModel,
    window,
    timings: { log: s(t0, t1), ingest: s(t1, t2), datasets: s(t2, t3), training: s(t3, t4), abTest: s(t4, t5), total: s(t0, t5) },
  };
}

/** The base arm: the default version when it is grounded, else a grounded one (made if none exists). */
async function groundedControl(gql: GqlClient): Promise<{ id: string; name: string; isDefault: boolean }> {
  const { defaultModelVersion, modelVersions } = await gql<{ defaultModelVersion: { id: string; name: string; kind: string }; modelVersions: { id: string; name: string; kind: string }[] }>(DEFAULT_VERSION);
  if (defaultModelVersion.kind === "GROUNDED") return { id: defaultModelVersion.id, name: defaultModelVersion.name, isDefault: true };
  const grounded = modelVersions.find((v) => v.kind === "GROUNDED");
  if (grounded) return { id: grounded.id, name: grounded.name, isDefault: false };
  const { createModelVersion } = await gql<{ createModelVersion: { id: string; name: string } }>(CREATE_VERSION, { input: { name: "grounded", settings: { kind: "grounded" } } });
  return { ...createModelVersion, isDefault: false };
}
