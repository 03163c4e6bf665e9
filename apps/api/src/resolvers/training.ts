// Training runs on workers (issue 11). Engineers: create, list, watch, cancel, register as a
// model version. Workers (WORKER keys only): register, claim, heartbeat, report, finish,
// release. Every mutation is audited except a worker's heartbeats and reports (several a
// second over a whole run: telemetry under a lease, visible on the run itself) and claims
// that find nothing (an idle worker polls).
import {
  RANKER_BASE_MODEL,
  BUILT_IN_BASE_MODELS,
  MODEL_FOLDER_REQUIRES,
  TRAINING_HYPERPARAMETERS_SCHEMA,
  TRAINING_HYPERPARAMETER_NAMES,
  TRAINING_METRICS,
  ValidationError,
} from "@toolrec/core";
import {
  cancelTrainingRun, claimTrainingRun, createTrainingRun, finishTrainingRun, heartbeatTrainingRun, knownBaseModels, listWorkers, pageTrainingRuns,
  registerModelVersion, registerWorker, releaseTrainingRun, reportTrainingRun, stopWorker, trainingRunMetrics, writeAudit,
  type ModelVersion, type TrainingRun, type TrainingRunArtifact, type TrainingRunInput, type TrainingRunReport,
  type TrainingRunResult, type TrainingRunStatus, type Worker, type WorkerInput,
} from "@toolrec/db";
import { CAN, requireRole, requireWorker } from "../auth.js";
import type { Context } from "../context.js";
import type {
  MutationCancelTrainingRunArgs, MutationClaimTrainingRunArgs, MutationCreateTrainingRunArgs, MutationFinishTrainingRunArgs,
  MutationHeartbeatTrainingRunArgs, MutationRegisterTrainingRunAsModelVersionArgs, MutationRegisterWorkerArgs,
  MutationReleaseTrainingRunArgs, MutationReportTrainingRunArgs, MutationStopWorkerArgs, QueryTrainingRunArgs, QueryTrainingRunsArgs,
  QueryWorkersArgs, TrainingRunMetricSeriesArgs,
} from "../generated/graphql.js";
import { artifactKey } from "../training/artifact-store.js";
import { rankerSettingsOfRun } from "../serving/registry.js";
import { rankerExportOfRun } from "../training/ranker-dataset.js";
import { audited } from "./audit.js";

/** Worker operations: WORKER keys alone (requireWorker), audited like every mutation. */
function workerOp<A, R>(action: string, target: (args: A) => string | null, run: (args: A, ctx: Context) => Promise<R>) {
  const inner = audited(action, ["WORKER"], target, run);
  return (parent: unknown, args: A, ctx: Context) => {
    requireWorker(ctx.viewer);
    return inner(parent, args, ctx);
  };
}

/** Worker telemetry (heartbeats, reports): WORKER keys alone, not audited. */
function workerTelemetry<A, R>(run: (args: A, ctx: Context) => Promise<R>) {
  return (_parent: unknown, args: A, ctx: Context) => {
    requireWorker(ctx.viewer);
    return run(args, ctx);
  };
}

const isConnected = (w: Worker, ctx: Context) => !w.stoppedAt && Date.now() - w.lastSeenAt.getTime() < ctx.training.connectedSeconds * 1000;

/** Deletes replaced checkpoint files from the store (best effort: a leftover file costs only space). */
async function dropFromStore(ctx: Context, artifacts: TrainingRunArtifact[]) {
  if (artifacts.length === 0) return;
  await ctx.training.store.delete(artifacts.map((a) => a.storageKey)).catch((err) => console.error("[api] could not delete old checkpoint files:", (err as Error).message));
}

/** At most `max` items, evenly spaced, the first and the last always kept (long runs' charts). */
export function evenlySpaced<T>(items: T[], max: number | null): T[] {
  if (max === null || items.length <= max) return items;
  const stride = (items.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => items[Math.round(i * stride)]!);
}

const runPath = (id: string) => `/training-runs/${encodeURIComponent(id)}`;


/** Awaits `work` while renewing a run's lease every third of its length (a renewal that fails is left to the next one). */
async function holdingLease<T>(ctx: Context, runId: string, leaseId: string, work: Promise<T>): Promise<T> {
  const renew = setInterval(() => {
    void heartbeatTrainingRun(ctx.db, runId, leaseId, ctx.training.leaseSeconds).catch(() => undefined);
  }, (ctx.training.leaseSeconds * 1000) / 3);
  try {
    return await work;
  } finally {
    clearInterval(renew);
  }
}

export const trainingResolvers = {
  Query: {
    async trainingRun(_: unknown, { id }: QueryTrainingRunArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return ctx.db.trainingRun.findUnique({ where: { id } });
    },
    async trainingRuns(_: unknown, args: QueryTrainingRunsArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      const page = await pageTrainingRuns(ctx.db, args);
      return {
        edges: page.runs.map((node) => ({ cursor: node.cursor, node })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.runs.at(-1)?.cursor ?? null },
        totalCount: page.totalCount,
      };
    },
    trainingHyperparameters(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return TRAINING_HYPERPARAMETER_NAMES.map((name) => {
        const spec = TRAINING_HYPERPARAMETERS_SCHEMA.properties[name];
        const types = ([] as string[]).concat(spec.type as string | string[]);
        return {
          name,
          type: types.includes("integer") ? "integer" : "number",
          nullable: types.includes("null"),
          default: spec.default,
          minimum: spec.minimum ?? null,
          maximum: spec.maximum ?? null,
          exclusiveMinimum: spec.exclusiveMinimum ?? null,
          exclusiveMaximum: spec.exclusiveMaximum ?? null,
          description: spec.description,
        };
      });
    },
    async trainingBaseModels(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      const [names, workers] = await Promise.all([knownBaseModels(ctx.db), listWorkers(ctx.db)]);
      const connected = workers.filter((w) => isConnected(w, ctx));
      return names.map((name) => {
        const builtIn = BUILT_IN_BASE_MODELS.find((m) => m.name === name);
        return {
          name,
          builtIn: !!builtIn,
          requires: builtIn?.requires ?? MODEL_FOLDER_REQUIRES,
          description: builtIn?.description ?? `A model folder (Hugging Face layout) advertised by ${workers.filter((w) => w.models.includes(name)).map((w) => w.name).join(", ")}.`,
          connectedWorkers: connected.filter((w) => w.models.includes(name)).length,
        };
      });
    },
    async workers(_: unknown, { includeStopped }: QueryWorkersArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return listWorkers(ctx.db, { includeStopped: !!includeStopped });
    },
    async modelVersionRegistrations(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      // The serving registry's versions that came from a training run (one table, model_versions).
      return ctx.db.modelVersion.findMany({ where: { trainingRunId: { not: null } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    },
  },
  Mutation: {
    createTrainingRun: audited("createTrainingRun", CAN.engineer, (a: MutationCreateTrainingRunArgs) => `dataset:${a.input.datasetId}`,
      async ({ input }, ctx) => {
        const run = await createTrainingRun(ctx.db, input, ctx.viewer.name);
        // A toolrec/ranker run's export (the ranker view per row) is built now, off the request,
        // so that the claim, which waits for it, is quick; a failure here is retried by the claim.
        if (run.baseModel === RANKER_BASE_MODEL) {
          void ctx.db.preferenceDataset
            .findUnique({ where: { id: run.datasetId } })
            .then((d) => (d ? rankerExportOfRun(ctx.db, ctx.training.store, run.id, d) : null))
            .catch((err) => console.error(`[api] the ranker export of run ${run.id} failed (the claim builds it again):`, err));
        }
        return run;
      },
    ),
    cancelTrainingRun: audited("cancelTrainingRun", CAN.engineer, (a: MutationCancelTrainingRunArgs) => `trainingRun:${a.id}`,
      async ({ id }, ctx) => cancelTrainingRun(ctx.db, id, ctx.viewer.name),
    ),
    registerTrainingRunAsModelVersion: audited("registerTrainingRunAsModelVersion", CAN.engineer, (a: MutationRegisterTrainingRunAsModelVersionArgs) => `trainingRun:${a.runId}`,
      async ({ runId, name }, ctx) => {
        // A toolrec/ranker run: its ranker.json weights, inline in a ranker version.
        const ranker = await rankerSettingsOfRun(ctx.db, ctx.training.store, runId);
        if (ranker) return registerModelVersion(ctx.db, runId, name.trim(), ranker.path, ctx.viewer.name, { settings: ranker.settings as unknown as Record<string, unknown> });
        const adapter = await ctx.db.trainingRunArtifact.findUnique({ where: { runId_path: { runId, path: "adapter/adapter_config.json" } } });
        // The adapter folder's location in the store: its files share the prefix of their attempt.
        const folder = adapter ? adapter.storageKey.replace(/\/adapter_config\.json$/, "") : artifactKey(runId, "adapter");
        return registerModelVersion(ctx.db, runId, name.trim(), ctx.training.store.locate(folder), ctx.viewer.name);
      },
    ),

    registerWorker: workerOp("registerWorker", (a: MutationRegisterWorkerArgs) => `worker:${a.input.name}`, async ({ input }, ctx) =>
      registerWorker(ctx.db, ctx.viewer.id, input),
    ),
    async claimTrainingRun(_: unknown, { workerId }: MutationClaimTrainingRunArgs, ctx: Context) {
      requireWorker(ctx.viewer);
      await ctx.training.sweep();
      const claim = await claimTrainingRun(ctx.db, { workerId, apiKeyId: ctx.viewer.id, leaseSeconds: ctx.training.leaseSeconds });
      if (!claim) return null;
      await writeAudit(ctx.db, { actorId: ctx.viewer.id, actor: ctx.viewer.name, action: "claimTrainingRun", target: `trainingRun:${claim.run.id}`, details: { ok: true, workerId, attempt: claim.run.attempts } })
        .catch((err) => console.error("[api] audit write failed:", err));
      const dataset = await ctx.db.preferenceDataset.findUnique({ where: { id: claim.run.datasetId } });
      const base = `${runPath(claim.run.id)}/dataset`;
      // A toolrec/ranker run trains on the export with the ranker view per row: its own file and checksum.
      // Usually built already (createTrainingRun starts it); the lease is renewed after a long build.
      // The claim holds the lease while the export builds (tens of seconds for 20,000 rows on a
      // loaded machine): renewed every third of it, so the sweep does not requeue the run meanwhile.
      const ranker = dataset && claim.run.baseModel === RANKER_BASE_MODEL
        ? await holdingLease(ctx, claim.run.id, claim.leaseId, rankerExportOfRun(ctx.db, ctx.training.store, claim.run.id, dataset))
        : null;
      const leaseExpiresAt = ranker ? (await heartbeatTrainingRun(ctx.db, claim.run.id, claim.leaseId, ctx.training.leaseSeconds)).leaseExpiresAt : claim.run.leaseExpiresAt;
      return {
        run: claim.run,
        leaseId: claim.leaseId,
        leaseSeconds: Math.ceil(ctx.training.leaseSeconds),
        leaseExpiresAt,
        checkpoint: claim.run.checkpoint,
        datasetPaths: { jsonl: `${base}/export.jsonl`, parquet: `${base}/export.parquet`, metadata: `${base}/metadata.json` },
        datasetChecksum: ranker?.checksum ?? dataset?.checksum ?? "",
        datasetRows: dataset?.sampleCount ?? 0,
      };
    },
    heartbeatTrainingRun: workerTelemetry(async ({ runId, leaseId }: MutationHeartbeatTrainingRunArgs, ctx) =>
      heartbeatTrainingRun(ctx.db, runId, leaseId, ctx.training.leaseSeconds),
    ),
    reportTrainingRun: workerTelemetry(async ({ runId, leaseId, report }: MutationReportTrainingRunArgs, ctx) => {
      const { lease, obsolete } = await reportTrainingRun(ctx.db, runId, leaseId, report, ctx.training.leaseSeconds);
      await dropFromStore(ctx, obsolete);
      return lease;
    }),
    finishTrainingRun: workerOp("finishTrainingRun", (a: MutationFinishTrainingRunArgs) => `trainingRun:${a.runId}`,
      async ({ runId, leaseId, result }, ctx) => {
        const { run, obsolete } = await finishTrainingRun(ctx.db, runId, leaseId, result);
        await dropFromStore(ctx, obsolete);
        return run;
      },
    ),
    releaseTrainingRun: workerOp("releaseTrainingRun", (a: MutationReleaseTrainingRunArgs) => `trainingRun:${a.runId}`,
      async ({ runId, leaseId, reason }, ctx) => releaseTrainingRun(ctx.db, runId, leaseId, reason),
    ),
    stopWorker: workerOp("stopWorker", (a: MutationStopWorkerArgs) => `worker:${a.workerId}`,
      async ({ workerId }, ctx) => stopWorker(ctx.db, workerId, ctx.viewer.id),
    ),
  },
  TrainingRun: {
    dataset(r: TrainingRun, _: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return ctx.db.preferenceDataset.findUnique({ where: { id: r.datasetId } });
    },
    logTail: (r: TrainingRun) => r.logTail ?? [],
    worker: (r: TrainingRun, _: unknown, ctx: Context) => (r.workerId ? ctx.db.worker.findUnique({ where: { id: r.workerId } }) : null),
    async metricSeries(r: TrainingRun, { maxPoints }: TrainingRunMetricSeriesArgs, ctx: Context) {
      if (maxPoints != null && !(Number.isInteger(maxPoints) && maxPoints >= 2)) throw new ValidationError("maxPoints", "maxPoints must be a whole number >= 2");
      const points = evenlySpaced(await trainingRunMetrics(ctx.db, r.id), maxPoints ?? null);
      const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
      return points.map(({ step, values }) => ({
        step,
        values,
        ...Object.fromEntries(TRAINING_METRICS.map((m) => [m.field, num(values[m.key])])),
      }));
    },
    artifacts: (r: TrainingRun, _: unknown, ctx: Context) => ctx.db.trainingRunArtifact.findMany({ where: { runId: r.id }, orderBy: { path: "asc" } }),
    modelVersions: (r: TrainingRun, _: unknown, ctx: Context) => ctx.db.modelVersion.findMany({ where: { trainingRunId: r.id }, orderBy: { createdAt: "desc" } }),
  },
  TrainingArtifact: {
    bytes: (a: TrainingRunArtifact) => Number(a.bytes),
    downloadPath: (a: TrainingRunArtifact) => `${runPath(a.runId)}/artifacts/${a.path.split("/").map(encodeURIComponent).join("/")}`,
  },
  Worker: {
    gpus: (w: Worker) => ((w.capabilities as { gpus?: unknown[] } | null)?.gpus ?? []) as { name: string; memoryMb?: number }[],
    connected: (w: Worker, _: unknown, ctx: Context) => isConnected(w, ctx),
    currentRun: (w: Worker, _: unknown, ctx: Context) => ctx.db.trainingRun.findFirst({ where: { workerId: w.id, status: "RUNNING" } }),
  },
  // A registration is a model version from a training run (model_versions row).
  ModelVersionRegistration: {
    run: (m: ModelVersion, _: unknown, ctx: Context) => ctx.db.trainingRun.findUniqueOrThrow({ where: { id: m.trainingRunId! } }),
    runId: (m: ModelVersion) => m.trainingRunId,
    generator: (m: ModelVersion) => m.kind,
    baseModel: (m: ModelVersion) => m.baseModel ?? "",
    adapterPath: (m: ModelVersion) => m.adapterPath ?? "",
    loraModules: (m: ModelVersion) => (m.kind === "openai" ? `${m.name}=${m.adapterPath}` : ""),
    status: (m: ModelVersion) => (m.isDefault ? "DEFAULT" : "REGISTERED"),
    modelVersion: (m: ModelVersion) => m,
  },
};
