// Offline experiments (issue 13): simulated users (packages/core offline-experiment.ts) served
// by model versions through this API's serving path, in-process: the live retrieval service
// and the generators createGenerator builds from each version's stored settings
// (@toolrec/recommender offline-serving.ts). `beginOfflineExperiment` checks the input and
// stores the row as RUNNING; `runOfflineExperimentJob` runs off the request path (jobs.ts),
// writes progress to the row and ends it SUCCEEDED with the table, or FAILED with the reason.
import crypto from "node:crypto";
import {
  ConflictError,
  NotFoundError,
  resolveExperimentUserModel,
  runOfflineExperiment,
  ToolRecError,
  UnavailableError,
  ValidationError,
  type ArmReport,
  type ExperimentUserModel,
} from "@toolrec/core";
import { Prisma, type Db, type OfflineExperiment } from "@toolrec/db";
import {
  ArmUnavailableError,
  createServingContext,
  modelVersionArm,
  offlineServingProblem,
  validateModelVersionSettings,
  type FallbackCounts,
  type ServingTool,
} from "@toolrec/recommender";
import type { RetrievalService } from "../retrieval/service.js";

export const OFFLINE_LIMITS = Object.freeze({
  arms: { min: 2, max: 6 },
  impressions: { min: 100, max: 100_000, default: 5000 },
  k: { min: 1, max: 12, default: 5 },
  seed: { min: 0, max: 2_147_483_647, default: 1 },
  nameLength: 200,
  /** Experiments running at once in one API process (each one holds the event loop in turns). */
  running: 2,
});

export interface StartOfflineExperimentInput {
  name: string;
  arms: string[];
  controlModelVersionId?: string | null;
  impressions?: number | null;
  seed?: number | null;
  k?: number | null;
  userModel?: Partial<Record<keyof ExperimentUserModel, number | null>> | null;
}

/** An arm as stored: the version as it was when the experiment started. */
export interface StoredArm {
  modelVersionId: string;
  name: string;
  kind: string;
  settings: unknown;
}

/** The stored result: core's per-arm reports (arm = model version id) and fallbacks per arm. */
export interface StoredResult {
  arms: ArmReport[];
  fallbacks: Record<string, FallbackCounts>;
}

export interface OfflineExperimentPlan {
  id: string;
  arms: StoredArm[];
  controlModelVersionId: string;
  impressions: number;
  seed: number;
  k: number;
  userModel: ExperimentUserModel;
}

function integer(field: string, v: number | null | undefined, r: { min: number; max: number; default?: number }): number {
  const x = v ?? r.default;
  if (x === undefined || !Number.isInteger(x) || x < r.min || x > r.max) throw new ValidationError(field, `${field} must be an integer from ${r.min} to ${r.max}`);
  return x;
}

/**
 * Checks the input (every problem on its field: name, arms[i], controlModelVersionId,
 * impressions, seed, k, userModel.<name>), refuses versions that cannot serve offline (an
 * OpenAI-compatible server that does not answer) and stores the experiment as RUNNING.
 */
export async function beginOfflineExperiment(db: Db, input: StartOfflineExperimentInput, actor: string, running: number): Promise<{ experiment: OfflineExperiment; plan: OfflineExperimentPlan }> {
  const name = (input.name ?? "").trim();
  if (name === "" || name.length > OFFLINE_LIMITS.nameLength) throw new ValidationError("name", `name must be 1 to ${OFFLINE_LIMITS.nameLength} characters`);
  const ids = input.arms ?? [];
  const { min, max } = OFFLINE_LIMITS.arms;
  if (ids.length < min || ids.length > max) throw new ValidationError("arms", `an offline experiment compares ${min} to ${max} model versions (got ${ids.length})`);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i) throw new ValidationError(`arms[${i}]`, `model version ${id} is already arm ${ids.indexOf(id) + 1}; arms must be distinct`);
  });
  const impressions = integer("impressions", input.impressions, OFFLINE_LIMITS.impressions);
  const seed = integer("seed", input.seed, OFFLINE_LIMITS.seed);
  const k = integer("k", input.k, OFFLINE_LIMITS.k);
  const given = Object.fromEntries(Object.entries(input.userModel ?? {}).filter(([, v]) => v !== null && v !== undefined)) as Partial<ExperimentUserModel>;
  const userModel = resolveExperimentUserModel(given);
  const control = input.controlModelVersionId ?? ids[0]!;
  if (!ids.includes(control)) throw new ValidationError("controlModelVersionId", "the control must be one of the arms");

  const versions = await db.modelVersion.findMany({ where: { id: { in: ids } } });
  const arms: StoredArm[] = [];
  for (const [i, id] of ids.entries()) {
    const v = versions.find((x) => x.id === id);
    if (!v) throw new ValidationError(`arms[${i}]`, `no model version ${id}`);
    const settings = validateModelVersionSettings(v.settings, `arms[${i}].settings`);
    const problem = await offlineServingProblem(settings);
    if (problem) throw new ValidationError(`arms[${i}]`, `model version ${v.name} (${v.kind}) cannot serve an offline experiment: ${problem}`);
    arms.push({ modelVersionId: v.id, name: v.name, kind: v.kind, settings });
  }
  if (running >= OFFLINE_LIMITS.running) throw new ConflictError(`${running} offline experiments are running on this API; start this one when one has finished`);

  const id = `oexp_${crypto.randomBytes(8).toString("hex")}`;
  const experiment = await db.offlineExperiment.create({
    data: {
      id, name, seed, impressions, k, userModel: userModel as unknown as Prisma.InputJsonValue, arms: arms as unknown as Prisma.InputJsonValue,
      controlModelVersionId: control, status: "RUNNING", progress: 0, createdBy: actor,
    },
  });
  return { experiment, plan: { id, arms, controlModelVersionId: control, impressions, seed, k, userModel } };
}

/** A RUNNING experiment not touched for this long lost the API process that ran it. */
export const STALE_AFTER_MS = 5 * 60_000;

/**
 * Marks experiments whose process went away (a crash, a kill: nothing wrote their progress for
 * STALE_AFTER_MS) FAILED, so no one waits on them. A live job writes its row every 200 ms while
 * impressions complete.
 */
export async function failStaleOfflineExperiments(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.offlineExperiment.updateMany({
    where: { status: "RUNNING", updatedAt: { lt: new Date(now.getTime() - STALE_AFTER_MS) } },
    data: { status: "FAILED", error: "interrupted: the API process running it stopped; start it again", finishedAt: now },
  });
  return count;
}

export interface OfflineJobDeps {
  db: Db;
  retrieval: RetrievalService;
  /** Tools in the prompt, as the API serves (TOOLREC_PROMPT_TOOLS). */
  promptTools: number;
  signal?: AbortSignal;
}

/**
 * Runs a begun experiment and stores its table. The catalog is the enabled tools now, in id
 * order (the simulation draws topics by position), so the same catalog, arms and seed give the
 * same table. Failures end up on the row (FAILED, with a reason people can act on) and are
 * rethrown.
 */
export async function runOfflineExperimentJob(deps: OfflineJobDeps, plan: OfflineExperimentPlan): Promise<OfflineExperiment> {
  const { db, signal } = deps;
  const { id } = plan;
  let gone = false;
  let lastWrite = 0;
  const t0 = performance.now();
  try {
    const rows = await db.tool.findMany({ where: { enabled: true }, orderBy: { id: "asc" } });
    const tools: ServingTool[] = rows.map((t) => ({
      id: t.id, categoryId: t.categoryId, name: t.name, description: t.description, canonicalQuery: t.canonicalQuery,
      utterances: t.utterances, invocationCount: t.invocationCount, enabled: true,
    }));
    const ctx = createServingContext(
      tools,
      async (dialogue, topN) => (await deps.retrieval.retrieve({ userQuery: dialogue.userQuery, assistantResponse: dialogue.assistantResponse, history: dialogue.history.map((t) => ({ ...t })) }, topN)).tools,
      { promptTools: deps.promptTools },
    );
    // Arms are named by version id in the simulation (names may change; ids do not).
    const arms = plan.arms.map((a, i) => modelVersionArm(ctx, { name: a.modelVersionId, settings: a.settings }, `arms[${i}].settings`));
    const result = await runOfflineExperiment(ctx.tools, arms, {
      impressions: plan.impressions,
      seed: plan.seed,
      k: plan.k,
      controlArm: plan.controlModelVersionId,
      userModel: plan.userModel,
      onProgress: (done, total) => {
        if (signal?.aborted) throw new UnavailableError("the experiment was interrupted: the API stopped; start it again");
        if (gone) throw new NotFoundError("offline experiment", id);
        const now = Date.now();
        if (now - lastWrite < 200 || done === total) return;
        lastWrite = now;
        // Progress goes to the row (other API processes and the console read it).
        void db.offlineExperiment
          .updateMany({ where: { id, status: "RUNNING" }, data: { progress: Math.min(0.99, done / total) } })
          .then((r) => (gone ||= r.count === 0))
          .catch(() => undefined);
      },
    });
    const stored: StoredResult = { arms: result.arms, fallbacks: Object.fromEntries(arms.map((a) => [a.name, a.fallbacks])) };
    const updated = await db.offlineExperiment.updateMany({
      where: { id, status: "RUNNING" },
      data: { status: "SUCCEEDED", progress: 1, result: stored as unknown as Prisma.InputJsonValue, durationMs: performance.now() - t0, finishedAt: new Date(), error: null },
    });
    if (updated.count === 0) throw new NotFoundError("offline experiment", id);
    return (await db.offlineExperiment.findUnique({ where: { id } }))!;
  } catch (err) {
    const reason =
      err instanceof ArmUnavailableError
        ? `${err.message.replace(err.arm, plan.arms.find((a) => a.modelVersionId === err.arm)?.name ?? err.arm)}`
        : err instanceof ToolRecError
          ? err.message
          : "the experiment failed (the API log has the details)";
    await db.offlineExperiment
      .updateMany({ where: { id, status: "RUNNING" }, data: { status: "FAILED", error: reason, durationMs: performance.now() - t0, finishedAt: new Date() } })
      .catch(() => undefined);
    throw err;
  }
}
