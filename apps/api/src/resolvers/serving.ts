// Suggestion serving (issue 10): the contract's suggestions and recordClick, the model-version
// registry, experiments, the live A/B report and per-key rate limits (serving.graphql).
import type { ApiRole, ModelVersion } from "@toolrec/db";
import { artifactKey } from "../training/artifact-store.js";
import { CAN, requireRole } from "../auth.js";
import type { Context } from "../context.js";
import { forbidden } from "../errors.js";
import { buildAbReport } from "../serving/ab-report.js";
import {
  activateModelVersion,
  createModelVersion,
  createModelVersionFromRun,
  rankerSettingsOfRun,
  rollbackModelVersion,
  startExperiment,
  stopExperiment,
  updateModelVersionNotes,
  type FromRunInput,
  type ModelVersionInput,
  type StartExperimentInput,
} from "../serving/registry.js";
import type { ExperimentWithArms, SuggestArgs } from "../serving/service.js";
import { defaultAdapterBaseUrl } from "@toolrec/db";
import { audited } from "./audit.js";
import { ValidationError } from "@toolrec/core";

/** The contract: SERVICE calls suggestions and recordClick; ENGINEER (the console's Playground) and ADMIN too. */
const CAN_SERVE: readonly ApiRole[] = ["ADMIN", "SERVICE", "ENGINEER"];

/** Registry mutations: audited, and the serving caches drop at once. */
function registryOp<A, R>(action: string, target: (a: A) => string | null, run: (a: A, ctx: Context) => Promise<R>) {
  return audited(action, CAN.engineer, target, async (a: A, ctx: Context) => {
    try {
      return await run(a, ctx);
    } finally {
      ctx.serving.invalidate();
    }
  });
}

const withArms = { arms: { orderBy: { position: "asc" as const } } };

const runningArm = async (v: ModelVersion, _args: unknown, ctx: Context) => {
  const reg = await ctx.serving.current();
  const arm = reg.running?.arms.find((a) => a.modelVersionId === v.id);
  return arm ? { ...arm, isControl: reg.running!.controlModelVersionId === v.id } : null;
};

export const servingResolvers = {
  Query: {
    async suggestions(_: unknown, { input }: { input: SuggestArgs }, ctx: Context) {
      requireRole(ctx.viewer, CAN_SERVE);
      // Choosing a version and the Playground's log are the console's (engineers), not a service's.
      if ((input.modelVersionId || input.playground) && !CAN.engineer.includes(ctx.viewer.role as "ADMIN" | "ENGINEER")) {
        throw forbidden(ctx.viewer.role, CAN.engineer);
      }
      return ctx.serving.suggest(input);
    },
    async modelVersions(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return ctx.db.modelVersion.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    },
    async modelVersion(_: unknown, { id }: { id: string }, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return ctx.db.modelVersion.findUnique({ where: { id } });
    },
    async defaultModelVersion(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN_SERVE);
      return ctx.db.modelVersion.findFirstOrThrow({ where: { isDefault: true } });
    },
    async experiments(_: unknown, { first }: { first?: number | null }, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      const take = first ?? 20;
      if (!Number.isInteger(take) || take < 1 || take > 200) throw new ValidationError("first", "first must be an integer from 1 to 200");
      return ctx.db.experiment.findMany({ orderBy: [{ startedAt: "desc" }, { id: "desc" }], take, include: withArms });
    },
    async experiment(_: unknown, { id }: { id: string }, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return ctx.db.experiment.findUnique({ where: { id }, include: withArms });
    },
    async runningExperiment(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return ctx.db.experiment.findFirst({ where: { status: "RUNNING" }, include: withArms });
    },
    async abReport(
      _: unknown,
      args: { experimentId?: string | null; window?: { from?: Date | null; to?: Date | null } | null; bucketSeconds?: number | null },
      ctx: Context,
    ) {
      requireRole(ctx.viewer, CAN.engineer);
      let experiment: ExperimentWithArms | null = null;
      if (args.experimentId) {
        experiment = await ctx.db.experiment.findUnique({ where: { id: args.experimentId }, include: withArms });
        if (!experiment) throw new ValidationError("experimentId", `no experiment ${args.experimentId}`);
      } else {
        experiment = await ctx.db.experiment.findFirst({ where: { status: "RUNNING" }, include: withArms });
      }
      const versions = await ctx.db.modelVersion.findMany();
      const def = versions.find((v) => v.isDefault)!;
      return buildAbReport(ctx.db, {
        experiment,
        from: args.window?.from ?? null,
        to: args.window?.to ?? null,
        bucketSeconds: args.bucketSeconds,
        versions: new Map(versions.map((v) => [v.id, v])),
        defaultVersionId: def.id,
      });
    },
  },
  Mutation: {
    async recordClick(_: unknown, { impressionId, position }: { impressionId: string; position: number }, ctx: Context) {
      requireRole(ctx.viewer, CAN_SERVE);
      return ctx.serving.recordClick(impressionId, position);
    },
    createModelVersion: registryOp("createModelVersion", (a: { input: ModelVersionInput }) => `modelVersion:${a.input.name}`, ({ input }, ctx) =>
      createModelVersion(ctx.db, input, ctx.viewer.name),
    ),
    createModelVersionFromTrainingRun: registryOp(
      "createModelVersionFromTrainingRun",
      (a: { input: FromRunInput }) => `trainingRun:${a.input.runId}`,
      async ({ input }, ctx) => {
        const ranker = await rankerSettingsOfRun(ctx.db, ctx.training.store, input.runId);
        const adapter = await ctx.db.trainingRunArtifact.findUnique({ where: { runId_path: { runId: input.runId, path: "adapter/adapter_config.json" } } });
        const folder = adapter ? adapter.storageKey.replace(/\/adapter_config\.json$/, "") : artifactKey(input.runId, "adapter");
        return createModelVersionFromRun(ctx.db, input, ctx.training.store.locate(folder), ctx.viewer.name, defaultAdapterBaseUrl(), ranker);
      },
    ),
    updateModelVersionNotes: registryOp("updateModelVersionNotes", (a: { id: string }) => `modelVersion:${a.id}`, ({ id, notes }: { id: string; notes?: string | null }, ctx) =>
      updateModelVersionNotes(ctx.db, id, notes ?? null),
    ),
    activateModelVersion: registryOp("activateModelVersion", (a: { id: string }) => `modelVersion:${a.id}`, ({ id }: { id: string }, ctx) =>
      activateModelVersion(ctx.db, id, ctx.viewer.name),
    ),
    rollbackModelVersion: registryOp("rollbackModelVersion", () => null, (_a: Record<string, never>, ctx) => rollbackModelVersion(ctx.db)),
    startExperiment: registryOp("startExperiment", (a: { input: StartExperimentInput }) => `experiment:${a.input.name}`, ({ input }, ctx) =>
      startExperiment(ctx.db, input, ctx.viewer.name),
    ),
    stopExperiment: registryOp("stopExperiment", (a: { id: string }) => `experiment:${a.id}`, ({ id }: { id: string }, ctx) => stopExperiment(ctx.db, id, ctx.viewer.name)),
    setApiKeyRateLimit: audited(
      "setApiKeyRateLimit",
      CAN.admin,
      (a: { id: string }) => `apiKey:${a.id}`,
      async ({ id, rateLimit }: { id: string; rateLimit?: { requestsPerSecond: number; burst?: number | null } | null }, ctx) => {
        let perSecond: number | null = null;
        let burst: number | null = null;
        if (rateLimit) {
          perSecond = rateLimit.requestsPerSecond;
          if (!Number.isFinite(perSecond) || perSecond <= 0 || perSecond > 100_000) throw new ValidationError("rateLimit.requestsPerSecond", "requestsPerSecond must be greater than 0 and at most 100000");
          burst = rateLimit.burst ?? Math.max(1, Math.ceil(perSecond));
          if (!Number.isInteger(burst) || burst < 1 || burst > 1_000_000) throw new ValidationError("rateLimit.burst", "burst must be an integer from 1 to 1000000");
        }
        const found = await ctx.db.apiKey.findUnique({ where: { id } });
        if (!found) throw new ValidationError("id", `no API key ${id}`);
        const key = await ctx.db.apiKey.update({ where: { id }, data: { rateLimitPerSecond: perSecond, rateLimitBurst: burst } });
        ctx.auth.forget(id);
        ctx.rateLimiter.forget(id);
        return key;
      },
    ),
  },
  ModelVersion: {
    kind: (v: ModelVersion) => v.kind.toUpperCase(),
    trainingRun: (v: ModelVersion, _: unknown, ctx: Context) => (v.trainingRunId ? ctx.db.trainingRun.findUnique({ where: { id: v.trainingRunId } }) : null),
    loraModules: (v: ModelVersion) => (v.adapterPath && v.kind === "openai" ? `${v.name}=${v.adapterPath}` : null),
    runningArm,
    impressionCount: (v: ModelVersion, _: unknown, ctx: Context) => ctx.db.impression.count({ where: { modelVersionId: v.id, source: "served" } }),
  },
  Experiment: {
    arms: (e: ExperimentWithArms) => e.arms.map((a) => ({ ...a, isControl: a.modelVersionId === e.controlModelVersionId })),
    control: (e: ExperimentWithArms) => {
      const a = e.arms.find((x) => x.modelVersionId === e.controlModelVersionId)!;
      return { ...a, isControl: true };
    },
    impressionCount: (e: ExperimentWithArms, _: unknown, ctx: Context) => ctx.db.impression.count({ where: { experimentId: e.id, source: "served" } }),
  },
  ExperimentArm: {
    modelVersion: (a: { modelVersionId: string }, _: unknown, ctx: Context) => ctx.db.modelVersion.findUniqueOrThrow({ where: { id: a.modelVersionId } }),
  },
  ApiKey: {
    rateLimit: (k: { rateLimitPerSecond?: number | null; rateLimitBurst?: number | null }) =>
      k.rateLimitPerSecond ? { requestsPerSecond: k.rateLimitPerSecond, burst: k.rateLimitBurst ?? Math.max(1, Math.ceil(k.rateLimitPerSecond)) } : null,
  },
  Impression: {
    modelVersion: (i: { modelVersionId?: string | null }, _: unknown, ctx: Context) => (i.modelVersionId ? ctx.db.modelVersion.findUnique({ where: { id: i.modelVersionId } }) : null),
    experimentId: (i: { experimentId?: string | null }) => i.experimentId ?? null,
    promptTemplateVersion: (i: { promptTemplateVersion?: string | null }) => i.promptTemplateVersion ?? null,
    retrievedTools: (i: { retrievedTools?: unknown }) => (Array.isArray(i.retrievedTools) ? i.retrievedTools : []),
  },
  RetrievedToolRef: {
    tool: (r: { toolId: string }, _: unknown, ctx: Context) => ctx.loaders.tool.load(r.toolId),
  },
};
