// Training runs on workers (issue 11): the queue, leases, reports and results. Workers reach
// these through the API only. A claim is one atomic UPDATE ... WHERE id = (SELECT ... FOR
// UPDATE SKIP LOCKED), so two workers never hold the same run; every later call of a worker
// names the claim's lease id (a fencing token), and a worker whose lease was lost gets
// LeaseLostError. Times are the database's clock (UTC), so several API processes agree.
import crypto from "node:crypto";
import {
  ADAPTER_FILES,
  ADAPTER_NAME,
  BUILT_IN_BASE_MODELS,
  LeaseLostError,
  MODEL_FOLDER_NAME,
  NotFoundError,
  RANKER_BASE_MODEL,
  RANKER_WEIGHTS_ARTIFACT,
  ValidationError,
  appendLogTail,
  resolveTrainingHyperparameters,
  trainingArtifactKind,
  type TrainingArtifactKind,
} from "@toolrec/core";
import { Prisma, type PrismaClient, type TrainingRun, type TrainingRunArtifact, type TrainingRunStatus, type Worker } from "./generated/client.js";

/** The database's current time as a UTC timestamp (the columns are timestamp without time zone, in UTC). */
const NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** Lease expiries a run survives: the first puts it back in the queue, the next fails it. */
export const MAX_REQUEUES = 1;

export interface TrainingRunInput {
  datasetId: string;
  baseModel: string;
  hyperparameters?: unknown;
}

export interface TrainingCheckpoint {
  step: number;
  /** The checkpoint folder under the trainer's --out, e.g. checkpoints/step-000040. */
  path: string;
  /** Its files under --out (uploaded as artifacts before the checkpoint is recorded). */
  files: string[];
}

// ---------------------------------------------------------------------------
// Base models
// ---------------------------------------------------------------------------

/** Built-in model names, then every model folder a registered worker advertises. */
export async function knownBaseModels(db: PrismaClient): Promise<string[]> {
  const rows = await db.$queryRaw<{ model: string }[]>`SELECT DISTINCT unnest(models) AS model FROM workers ORDER BY 1`;
  const builtIn = BUILT_IN_BASE_MODELS.map((m) => m.name);
  return [...builtIn, ...rows.map((r) => r.model).filter((m) => !builtIn.includes(m))];
}

// ---------------------------------------------------------------------------
// Engineers: create, list, cancel, register
// ---------------------------------------------------------------------------

/**
 * Validates everything up front (dataset, base model, hyperparameters with the paper's
 * defaults filled in) and queues the run. Errors name the field: `datasetId`, `baseModel`,
 * `hyperparameters.<key>`.
 */
export async function createTrainingRun(db: PrismaClient, input: TrainingRunInput, actor: string): Promise<TrainingRun> {
  const errors: { field: string; message: string }[] = [];
  let hyperparameters: ReturnType<typeof resolveTrainingHyperparameters> | null = null;
  try {
    hyperparameters = resolveTrainingHyperparameters(input.hyperparameters);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const details = err.details ?? [{ field: err.field, message: err.message }];
    for (const d of details) errors.push({ field: d.field === "hyperparameters" ? d.field : `hyperparameters.${d.field}`, message: d.message });
  }
  const dataset = input.datasetId ? await db.preferenceDataset.findUnique({ where: { id: input.datasetId }, select: { id: true, sampleCount: true, status: true } }) : null;
  if (!dataset) errors.unshift({ field: "datasetId", message: `no preference dataset "${input.datasetId}"` });
  else if (dataset.status !== "READY") errors.unshift({ field: "datasetId", message: `dataset "${dataset.id}" is ${dataset.status === "BUILDING" ? "still being built" : "a failed build"}; train on a READY dataset` });
  else if (dataset.sampleCount < 2) errors.unshift({ field: "datasetId", message: `dataset "${dataset.id}" has ${dataset.sampleCount} samples; KTO needs at least 2 (the KL pairs are drawn within a batch)` });
  const models = await knownBaseModels(db);
  if (!models.includes(input.baseModel)) {
    const hint = MODEL_FOLDER_NAME.test(input.baseModel) ? "no worker advertises a model folder of that name" : "a model folder name is one path segment";
    errors.splice(dataset ? 0 : 1, 0, { field: "baseModel", message: `unknown base model "${input.baseModel}" (${hint}); known: ${models.join(", ")}` });
  }
  if (errors.length > 0 || !hyperparameters) throw ValidationError.fromFieldErrors(errors);
  return db.trainingRun.create({
    data: {
      id: `run_${crypto.randomBytes(8).toString("hex")}`,
      datasetId: input.datasetId,
      baseModel: input.baseModel,
      hyperparameters: hyperparameters as unknown as Prisma.InputJsonValue,
      gpus: hyperparameters.gpus,
      createdBy: actor,
    },
  });
}

export interface TrainingRunFilter {
  status?: TrainingRunStatus | null;
  datasetId?: string | null;
}

/**
 * One page of runs, newest first, by a keyset cursor over (createdAt, id). The one paging
 * function of runs: swap it for the shared pagination module when that lands.
 */
export async function pageTrainingRuns(db: PrismaClient, args: { filter?: TrainingRunFilter | null; first?: number | null; after?: string | null }) {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > 100) throw new ValidationError("first", "first must be between 0 and 100");
  const where: Prisma.TrainingRunWhereInput = {};
  if (args.filter?.status) where.status = args.filter.status;
  if (args.filter?.datasetId) where.datasetId = args.filter.datasetId;
  let page: Prisma.TrainingRunWhereInput = where;
  if (args.after) {
    const m = /^(\d+):(.+)$/.exec(Buffer.from(args.after, "base64url").toString("utf8"));
    if (!m) throw new ValidationError("after", "after is not a cursor from this list");
    const at = new Date(Number(m[1]));
    page = { AND: [where, { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: m[2]! } }] }] };
  }
  const [rows, totalCount] = await Promise.all([
    db.trainingRun.findMany({ where: page, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: first + 1 }),
    db.trainingRun.count({ where }),
  ]);
  const cursor = (r: TrainingRun) => Buffer.from(`${r.createdAt.getTime()}:${r.id}`).toString("base64url");
  return { runs: rows.slice(0, first).map((r) => ({ ...r, cursor: cursor(r) })), hasNextPage: rows.length > first, totalCount };
}

/** QUEUED → CANCELLED at once; RUNNING → cancel requested (the worker hears it on its next heartbeat). */
export async function cancelTrainingRun(db: PrismaClient, id: string, actor: string): Promise<TrainingRun> {
  const line = `[api] cancelled by ${actor}`;
  const queued = await db.$queryRaw<{ id: string }[]>`
    UPDATE training_runs SET status = 'CANCELLED', cancel_requested = true, finished_at = ${NOW}, updated_at = ${NOW},
      log_tail = array_append(coalesce(log_tail, '{}'), ${line})
    WHERE id = ${id} AND status = 'QUEUED' RETURNING id`;
  if (queued.length === 0) {
    await db.$executeRaw`
      UPDATE training_runs SET cancel_requested = true, updated_at = ${NOW},
        log_tail = array_append(coalesce(log_tail, '{}'), ${`${line}; the worker stops at its next heartbeat`})
      WHERE id = ${id} AND status = 'RUNNING' AND NOT cancel_requested`;
  }
  const run = await db.trainingRun.findUnique({ where: { id } });
  if (!run) throw new NotFoundError("training run", id);
  if (run.status === "SUCCEEDED" || run.status === "FAILED") throw new ValidationError("id", `training run ${id} already ${run.status === "SUCCEEDED" ? "succeeded" : "failed"}; there is nothing to cancel`);
  return run;
}

/** The run's metric series, one point per step (the last report of each step). */
export async function trainingRunMetrics(db: PrismaClient, runId: string): Promise<{ step: number; values: Record<string, unknown> }[]> {
  const rows = await db.trainingRunMetric.findMany({ where: { runId }, orderBy: { step: "asc" } });
  return rows.map((r) => ({ step: r.step, values: r.values as Record<string, unknown> }));
}

/**
 * Records the intent to serve a succeeded run's adapter as a model version (generator openai,
 * the run's base model, adapter `name`); the serving registry turns it into one.
 */
/** Where a registered adapter is served by default: vLLM's OpenAI-compatible server on this machine. */
export function defaultAdapterBaseUrl(): string {
  return process.env.TOOLREC_VLLM_BASE_URL?.trim() || "http://127.0.0.1:8000/v1";
}

export interface RegisterModelVersionOptions {
  /**
   * The generator's settings, validated by the caller (recommender's validateModelVersionSettings);
   * default: OpenAI completions at defaultAdapterBaseUrl(), model = name. A `toolrec/ranker` run
   * needs them (kind ranker, the weights read from its ranker.json).
   */
  settings?: Record<string, unknown>;
  notes?: string | null;
}

/** The artifacts a succeeded run must have to be served: the peft adapter, or a ranker's weights. */
export function servingArtifacts(baseModel: string): readonly string[] {
  return baseModel === RANKER_BASE_MODEL ? [RANKER_WEIGHTS_ARTIFACT] : ADAPTER_FILES;
}

/**
 * A succeeded run's adapter as a model version (the one serving registry, model_versions):
 * for a `toolrec/ranker` run kind ranker with the settings the caller read from its ranker.json
 * (adapterPath: where that file is); otherwise kind openai, the adapter's name as the served model (vLLM --lora-modules NAME=PATH), the
 * run's base model and the adapter folder. The raw-prompt completions API by default: the
 * trainer's prompts are not wrapped in a chat template.
 */
export async function registerModelVersion(db: PrismaClient, runId: string, name: string, adapterPath: string, actor: string, options: RegisterModelVersionOptions = {}) {
  if (!ADAPTER_NAME.test(name)) throw new ValidationError("name", "name must be 1 to 63 characters: lowercase letters, digits, '.', '_' or '-', starting with a letter or digit (vLLM's --lora-modules NAME=path)");
  const run = await db.trainingRun.findUnique({ where: { id: runId }, include: { artifacts: { select: { path: true } } } });
  if (!run) throw new NotFoundError("training run", runId);
  if (run.status !== "SUCCEEDED") throw new ValidationError("runId", `training run ${runId} is ${run.status}; only a succeeded run has an adapter to register`);
  const missing = servingArtifacts(run.baseModel).filter((f) => !run.artifacts.some((a) => a.path === f));
  if (missing.length) throw new ValidationError("runId", `training run ${runId} has no ${missing.join(" or ")} artifact`);
  const ranker = run.baseModel === RANKER_BASE_MODEL;
  if (ranker !== (options.settings?.kind === "ranker")) {
    throw new ValidationError("runId", ranker ? `training run ${runId} trained toolrec/ranker: it is served as a ranker version (its ranker.json weights)` : `training run ${runId} trained an adapter of ${run.baseModel}, not ranker weights`);
  }
  const settings = options.settings ?? {
    kind: "openai", baseUrl: defaultAdapterBaseUrl(), model: name, api: "completions", apiKeyEnv: null, temperature: 0.7, maxTokens: 256, timeoutMs: 1500,
  };
  try {
    return await db.modelVersion.create({
      data: {
        id: `mv_${crypto.randomBytes(8).toString("hex")}`, name, kind: String(settings.kind), settings: settings as Prisma.InputJsonValue,
        trainingRunId: runId, baseModel: run.baseModel, adapterPath, notes: options.notes ?? null, createdBy: actor,
      },
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") throw new ValidationError("name", `a model version named "${name}" already exists`);
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Workers
// ---------------------------------------------------------------------------

export interface WorkerInput {
  /** A worker restarting with its previous id keeps its row. */
  id?: string | null;
  name: string;
  hostname: string;
  gpus: { name: string; memoryMb?: number | null }[];
  models: string[];
  capabilities?: unknown;
  version?: string | null;
}

export async function registerWorker(db: PrismaClient, apiKeyId: string, input: WorkerInput): Promise<Worker> {
  const name = input.name.trim();
  if (!name || name.length > 120) throw new ValidationError("input.name", "name must be 1 to 120 characters");
  if (input.gpus.length > 64) throw new ValidationError("input.gpus", "at most 64 GPUs");
  const bad = input.models.find((m) => !MODEL_FOLDER_NAME.test(m) && !BUILT_IN_BASE_MODELS.some((b) => b.name === m));
  if (bad !== undefined) throw new ValidationError("input.models", `"${bad}" is neither a built-in base model nor a model folder name`);
  const data = {
    name,
    apiKeyId,
    hostname: input.hostname.slice(0, 255),
    capabilities: { ...((input.capabilities as object | null) ?? {}), gpus: input.gpus } as Prisma.InputJsonValue,
    gpuCount: input.gpus.length,
    models: [...new Set(input.models)],
    version: input.version ?? null,
  };
  const existing = input.id ? await db.worker.findUnique({ where: { id: input.id } }) : null;
  if (existing && existing.apiKeyId === apiKeyId) {
    return db.worker.update({ where: { id: existing.id }, data: { ...data, startedAt: new Date(), lastSeenAt: new Date(), stoppedAt: null } });
  }
  return db.worker.create({ data: { id: `wrk_${crypto.randomBytes(8).toString("hex")}`, ...data } });
}

/** The worker, checked to belong to the calling key; marks it seen. */
async function touchWorker(db: PrismaClient, workerId: string, apiKeyId: string): Promise<void> {
  const n = await db.$executeRaw`UPDATE workers SET last_seen_at = ${NOW}, stopped_at = NULL WHERE id = ${workerId} AND api_key_id = ${apiKeyId}`;
  if (n === 0) throw new ValidationError("workerId", `no worker ${workerId} registered with this key; call registerWorker first`);
}

export async function stopWorker(db: PrismaClient, workerId: string, apiKeyId: string): Promise<Worker> {
  await touchWorker(db, workerId, apiKeyId);
  return db.worker.update({ where: { id: workerId }, data: { stoppedAt: new Date() } });
}

/** Workers heard from within `withinSeconds` (and not stopped), or every worker. */
export async function listWorkers(db: PrismaClient, opts: { includeStopped?: boolean } = {}): Promise<Worker[]> {
  return db.worker.findMany({ where: opts.includeStopped ? {} : { stoppedAt: null }, orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }] });
}

// ---------------------------------------------------------------------------
// The queue: claim, leases, expiry
// ---------------------------------------------------------------------------

export interface Claim {
  run: TrainingRun;
  leaseId: string;
}

/**
 * Claims the oldest queued run this worker can do (at most its GPUs, a base model it has), in
 * one statement; null when there is none. A run that resumes gets its metric series cut back
 * to its checkpoint, since the trainer reports the later steps again.
 */
export async function claimTrainingRun(db: PrismaClient, opts: { workerId: string; apiKeyId: string; leaseSeconds: number }): Promise<Claim | null> {
  await touchWorker(db, opts.workerId, opts.apiKeyId);
  const worker = await db.worker.findUniqueOrThrow({ where: { id: opts.workerId } });
  const leaseId = crypto.randomUUID();
  const line = `[api] claimed by worker ${worker.name} (${worker.id})`;
  const claimed = await db.$queryRaw<{ id: string }[]>`
    UPDATE training_runs SET status = 'RUNNING', worker_id = ${worker.id}, lease_id = ${leaseId},
      lease_expires_at = ${NOW} + make_interval(secs => ${opts.leaseSeconds}::double precision),
      attempts = attempts + 1, started_at = coalesce(started_at, ${NOW}), updated_at = ${NOW},
      resumed_from_step = (checkpoint->>'step')::int,
      step = coalesce((checkpoint->>'step')::int, 0),
      progress = CASE WHEN checkpoint IS NULL OR total_steps IS NULL THEN 0 ELSE (checkpoint->>'step')::double precision / total_steps END,
      log_tail = array_append(coalesce(log_tail, '{}'), ${line} || CASE WHEN checkpoint IS NULL THEN '' ELSE '; resumes from checkpoint step ' || (checkpoint->>'step') END)
    WHERE status = 'QUEUED' AND id = (
      SELECT id FROM training_runs
      WHERE status = 'QUEUED' AND NOT cancel_requested AND gpus <= ${worker.gpuCount} AND base_model = ANY(${worker.models}::text[])
      ORDER BY created_at, id
      LIMIT 1
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  if (claimed.length === 0) return null;
  const run = await db.trainingRun.findUniqueOrThrow({ where: { id: claimed[0]!.id } });
  await db.$executeRaw`DELETE FROM training_run_metrics WHERE run_id = ${run.id} AND step > ${run.resumedFromStep ?? 0}`;
  return { run, leaseId };
}

/** Extends the lease; what the worker must know back (cancel). LeaseLostError when it is not held. */
async function extendLease(db: Prisma.TransactionClient | PrismaClient, runId: string, leaseId: string, leaseSeconds: number, set: Prisma.Sql = Prisma.empty) {
  const rows = await db.$queryRaw<{ cancel_requested: boolean; lease_expires_at: Date; worker_id: string }[]>`
    UPDATE training_runs SET lease_expires_at = ${NOW} + make_interval(secs => ${leaseSeconds}::double precision), updated_at = ${NOW} ${set}
    WHERE id = ${runId} AND lease_id = ${leaseId} AND status = 'RUNNING'
    RETURNING cancel_requested, lease_expires_at, worker_id`;
  const row = rows[0];
  if (!row) throw new LeaseLostError(runId);
  await db.$executeRaw`UPDATE workers SET last_seen_at = ${NOW} WHERE id = ${row.worker_id}`;
  return { cancelRequested: row.cancel_requested, leaseExpiresAt: row.lease_expires_at };
}

export function heartbeatTrainingRun(db: PrismaClient, runId: string, leaseId: string, leaseSeconds: number) {
  return extendLease(db, runId, leaseId, leaseSeconds);
}

export interface TrainingRunReport {
  progress?: number | null;
  step?: number | null;
  totalSteps?: number | null;
  /** Metrics lines as the trainer printed them (TRL names, `step` required). */
  metrics?: unknown[] | null;
  logLines?: string[] | null;
  /** A checkpoint whose files are all uploaded. */
  checkpoint?: TrainingCheckpoint | null;
  resumedFromStep?: number | null;
}

/** The step of a checkpoint file's folder (checkpoints/step-000040/...); 0 for anything else. */
const checkpointStep = (p: string) => Number(/^checkpoints\/step-(\d+)\//.exec(p)?.[1] ?? 0);

export const MAX_REPORT_METRICS = 1000;
export const MAX_REPORT_LOG_LINES = 1000;

function checkReport(r: TrainingRunReport): { metrics: Map<number, Record<string, unknown>> } {
  if (r.progress != null && !(r.progress >= 0 && r.progress <= 1)) throw new ValidationError("report.progress", "progress must be between 0 and 1");
  if (r.step != null && !(Number.isInteger(r.step) && r.step >= 0)) throw new ValidationError("report.step", "step must be a whole number >= 0");
  if (r.totalSteps != null && !(Number.isInteger(r.totalSteps) && r.totalSteps >= 1)) throw new ValidationError("report.totalSteps", "totalSteps must be a whole number >= 1");
  if ((r.metrics?.length ?? 0) > MAX_REPORT_METRICS) throw new ValidationError("report.metrics", `at most ${MAX_REPORT_METRICS} metrics lines per report`);
  if ((r.logLines?.length ?? 0) > MAX_REPORT_LOG_LINES) throw new ValidationError("report.logLines", `at most ${MAX_REPORT_LOG_LINES} log lines per report`);
  const metrics = new Map<number, Record<string, unknown>>();
  for (const [i, m] of (r.metrics ?? []).entries()) {
    const step = (m as { step?: unknown } | null)?.step;
    if (typeof m !== "object" || m === null || Array.isArray(m) || !Number.isInteger(step) || (step as number) < 1) {
      throw new ValidationError(`report.metrics[${i}]`, "a metrics line is an object with a whole-number step >= 1");
    }
    if (JSON.stringify(m).length > 20_000) throw new ValidationError(`report.metrics[${i}]`, "a metrics line is at most 20,000 characters of JSON");
    metrics.set(step as number, m as Record<string, unknown>); // the last report of a step wins
  }
  const c = r.checkpoint;
  if (c) {
    if (!Number.isInteger(c.step) || c.step < 1) throw new ValidationError("report.checkpoint.step", "a checkpoint's step is a whole number >= 1");
    for (const f of [c.path, ...c.files]) {
      if (!f.startsWith("checkpoints/")) throw new ValidationError("report.checkpoint.files", `"${f}" is not under checkpoints/`);
      trainingArtifactKind(f);
    }
  }
  return { metrics };
}

/**
 * A batch of what the trainer printed: metrics lines (upserted per step), progress, log
 * lines (appended to the bounded tail), a checkpoint whose files are uploaded. Extends the
 * lease. Returns the lease and the checkpoint files no longer needed (to delete from storage).
 */
export async function reportTrainingRun(db: PrismaClient, runId: string, leaseId: string, report: TrainingRunReport, leaseSeconds: number) {
  const { metrics } = checkReport(report);
  let obsolete: TrainingRunArtifact[] = [];
  const lease = await db.$transaction(async (tx) => {
    const current = await tx.$queryRaw<{ log_tail: string[] | null; checkpoint: TrainingCheckpoint | null }[]>`
      SELECT log_tail, checkpoint FROM training_runs WHERE id = ${runId} AND lease_id = ${leaseId} AND status = 'RUNNING' FOR UPDATE`;
    if (current.length === 0) throw new LeaseLostError(runId);
    const sets: Prisma.Sql[] = [];
    const last = [...metrics.entries()].sort((a, b) => a[0] - b[0]).at(-1);
    if (last) sets.push(Prisma.sql`metrics = ${JSON.stringify(last[1])}::jsonb`);
    if (report.step != null) sets.push(Prisma.sql`step = ${report.step}`);
    if (report.totalSteps != null) sets.push(Prisma.sql`total_steps = ${report.totalSteps}`);
    if (report.progress != null) sets.push(Prisma.sql`progress = ${report.progress}`);
    if (report.resumedFromStep != null) sets.push(Prisma.sql`resumed_from_step = ${report.resumedFromStep}`);
    if (report.logLines?.length) sets.push(Prisma.sql`log_tail = ${appendLogTail(current[0]!.log_tail ?? [], report.logLines)}::text[]`);
    // A checkpoint older than the recorded one (reports can cross uploads) changes nothing.
    if (report.checkpoint && report.checkpoint.step > (current[0]!.checkpoint?.step ?? 0)) {
      const c: TrainingCheckpoint = { step: report.checkpoint.step, path: report.checkpoint.path, files: report.checkpoint.files };
      const uploaded = await tx.trainingRunArtifact.findMany({ where: { runId, path: { in: c.files } }, select: { path: true } });
      const missing = c.files.filter((f) => !uploaded.some((u) => u.path === f));
      if (missing.length) throw new ValidationError("report.checkpoint.files", `upload the checkpoint's files first: ${missing.join(", ")}`);
      sets.push(Prisma.sql`checkpoint = ${JSON.stringify(c)}::jsonb`);
      // Earlier checkpoints' files go; a newer one's, uploaded while this report travelled, stay.
      const checkpoints = await tx.trainingRunArtifact.findMany({ where: { runId, kind: "checkpoint" } });
      obsolete = checkpoints.filter((a) => !c.files.includes(a.path) && checkpointStep(a.path) < c.step);
      if (obsolete.length) await tx.trainingRunArtifact.deleteMany({ where: { runId, path: { in: obsolete.map((a) => a.path) } } });
    }
    const out = await extendLease(tx, runId, leaseId, leaseSeconds, sets.length ? Prisma.sql`, ${Prisma.join(sets, ", ")}` : Prisma.empty);
    if (metrics.size) {
      const rows = JSON.stringify([...metrics.entries()].map(([step, values]) => ({ step, values })));
      await tx.$executeRaw`
        INSERT INTO training_run_metrics (run_id, step, "values")
        SELECT ${runId}, (x->>'step')::int, x->'values' FROM jsonb_array_elements(${rows}::jsonb) AS x
        ON CONFLICT (run_id, step) DO UPDATE SET "values" = EXCLUDED."values"`;
    }
    return out;
  });
  return { lease, obsolete };
}

/** Records an uploaded artifact (the bytes are in the store); the lease must be held. */
export async function recordArtifact(
  db: PrismaClient,
  runId: string,
  leaseId: string,
  a: { path: string; bytes: number; sha256: string; storageKey: string },
): Promise<TrainingRunArtifact> {
  const kind: TrainingArtifactKind = trainingArtifactKind(a.path);
  const held = await db.trainingRun.count({ where: { id: runId, leaseId, status: "RUNNING" } });
  if (!held) throw new LeaseLostError(runId);
  const data = { kind, bytes: BigInt(a.bytes), sha256: a.sha256, storageKey: a.storageKey, createdAt: new Date() };
  return db.trainingRunArtifact.upsert({ where: { runId_path: { runId, path: a.path } }, create: { runId, path: a.path, ...data }, update: data });
}

export interface TrainingRunResult {
  status: TrainingRunStatus;
  error?: string | null;
  logLines?: string[] | null;
}

/**
 * The worker's verdict: SUCCEEDED (the adapter files, or a ranker's ranker.json, must be uploaded), FAILED (with the
 * reason and the last log lines), or CANCELLED (only when a cancel was requested). Returns
 * the run and the checkpoint files no longer needed once it succeeded.
 */
export async function finishTrainingRun(db: PrismaClient, runId: string, leaseId: string, result: TrainingRunResult) {
  const run = await db.trainingRun.findFirst({ where: { id: runId, leaseId, status: "RUNNING" }, include: { artifacts: { select: { path: true } } } });
  if (!run) throw new LeaseLostError(runId);
  if (result.status === "SUCCEEDED") {
    const missing = servingArtifacts(run.baseModel).filter((f) => !run.artifacts.some((a) => a.path === f));
    if (missing.length) throw new ValidationError("result.status", `upload ${missing.join(" and ")} before reporting success`);
  } else if (result.status === "FAILED") {
    if (!result.error?.trim()) throw new ValidationError("result.error", "a failed run needs the reason");
  } else if (result.status === "CANCELLED") {
    if (!run.cancelRequested) throw new ValidationError("result.status", "only a run whose cancel was requested can end CANCELLED (use releaseTrainingRun to give a run back)");
  } else {
    throw new ValidationError("result.status", "a run ends SUCCEEDED, FAILED or CANCELLED");
  }
  const tail = appendLogTail(run.logTail ?? [], [...(result.logLines ?? []), `[api] ${result.status.toLowerCase()}`]);
  const n = await db.$executeRaw`
    UPDATE training_runs SET status = ${result.status}::"TrainingRunStatus", error = ${result.status === "FAILED" ? result.error!.slice(0, 20_000) : null},
      progress = CASE WHEN ${result.status} = 'SUCCEEDED' THEN 1 ELSE progress END,
      finished_at = ${NOW}, updated_at = ${NOW}, lease_id = NULL, lease_expires_at = NULL, log_tail = ${tail}::text[]
    WHERE id = ${runId} AND lease_id = ${leaseId} AND status = 'RUNNING'`;
  if (n === 0) throw new LeaseLostError(runId);
  // A succeeded run resumes from nothing any more: its checkpoints are not artifacts.
  const obsolete = result.status === "SUCCEEDED" ? await db.trainingRunArtifact.findMany({ where: { runId, kind: "checkpoint" } }) : [];
  if (obsolete.length) await db.trainingRunArtifact.deleteMany({ where: { runId, kind: "checkpoint" } });
  return { run: await db.trainingRun.findUniqueOrThrow({ where: { id: runId } }), obsolete };
}

/**
 * A worker that stops (shut down, not crashed) gives its run back: QUEUED again, resuming from
 * its last checkpoint, without counting as a lease expiry (CANCELLED if a cancel was requested).
 */
export async function releaseTrainingRun(db: PrismaClient, runId: string, leaseId: string, reason: string): Promise<TrainingRun> {
  const line = `[api] released by its worker (${reason.slice(0, 500)}); queued again`;
  const n = await db.$executeRaw`
    UPDATE training_runs SET status = (CASE WHEN cancel_requested THEN 'CANCELLED' ELSE 'QUEUED' END)::"TrainingRunStatus",
      finished_at = CASE WHEN cancel_requested THEN ${NOW} ELSE NULL END,
      worker_id = NULL, lease_id = NULL, lease_expires_at = NULL, updated_at = ${NOW},
      log_tail = array_append(coalesce(log_tail, '{}'), ${line})
    WHERE id = ${runId} AND lease_id = ${leaseId} AND status = 'RUNNING'`;
  if (n === 0) throw new LeaseLostError(runId);
  return db.trainingRun.findUniqueOrThrow({ where: { id: runId } });
}

/**
 * Runs whose lease expired (their worker stopped answering): back to QUEUED the first time
 * (the next worker resumes from the last uploaded checkpoint), FAILED with the reason the
 * second time, CANCELLED when a cancel was pending. Each row changes only if its lease is
 * still the expired one, so a heartbeat that lands first wins. Returns the runs changed.
 */
export async function expireTrainingRunLeases(db: PrismaClient): Promise<{ id: string; status: TrainingRunStatus }[]> {
  const expired = await db.$queryRaw<{ id: string; lease_id: string; requeues: number; cancel_requested: boolean; worker_id: string | null; worker_name: string | null; lease_expires_at: Date; checkpoint: TrainingCheckpoint | null; log_tail: string[] | null }[]>`
    SELECT r.id, r.lease_id, r.requeues, r.cancel_requested, r.worker_id, w.name AS worker_name, r.lease_expires_at, r.checkpoint, r.log_tail
    FROM training_runs r LEFT JOIN workers w ON w.id = r.worker_id
    WHERE r.status = 'RUNNING' AND r.lease_expires_at < ${NOW}`;
  const changed: { id: string; status: TrainingRunStatus }[] = [];
  for (const r of expired) {
    const who = `worker ${r.worker_name ?? "?"} (${r.worker_id ?? "?"})`;
    const since = `its lease ran out at ${r.lease_expires_at.toISOString()}`;
    let status: TrainingRunStatus;
    let error: string | null = null;
    let line: string;
    if (r.cancel_requested) {
      status = "CANCELLED";
      line = `[api] ${who} stopped answering while cancelling (${since}); cancelled`;
    } else if (r.requeues < MAX_REQUEUES) {
      status = "QUEUED";
      line = `[api] ${who} stopped answering (${since}); queued again, resumes from ${r.checkpoint ? `checkpoint step ${r.checkpoint.step}` : "the start (no checkpoint yet)"}`;
    } else {
      status = "FAILED";
      error = `the worker's lease expired ${r.requeues + 1} times: ${who} stopped answering (${since}), after ${r.requeues} requeue${r.requeues === 1 ? "" : "s"}; the run is not retried again`;
      line = `[api] ${error}`;
      const last = (r.log_tail ?? []).slice(-15);
      if (last.length) error += `\n--- last log lines ---\n${last.join("\n")}`;
    }
    const n = await db.$executeRaw`
      UPDATE training_runs SET status = ${status}::"TrainingRunStatus", requeues = requeues + ${r.cancel_requested ? 0 : 1},
        error = coalesce(${error}, error), finished_at = CASE WHEN ${status} = 'QUEUED' THEN NULL ELSE ${NOW} END,
        worker_id = NULL, lease_id = NULL, lease_expires_at = NULL, updated_at = ${NOW},
        log_tail = array_append(coalesce(log_tail, '{}'), ${line})
      WHERE id = ${r.id} AND lease_id = ${r.lease_id} AND status = 'RUNNING' AND lease_expires_at < ${NOW}`;
    if (n > 0) changed.push({ id: r.id, status });
  }
  return changed;
}

/** The run a lease id belongs to, when that lease is still held (HTTP routes of workers). */
export async function runHeldBy(db: PrismaClient, runId: string, leaseId: string | undefined): Promise<TrainingRun> {
  const run = leaseId ? await db.trainingRun.findFirst({ where: { id: runId, leaseId, status: "RUNNING" } }) : null;
  if (!run) throw new LeaseLostError(runId);
  return run;
}
