// Offline experiments (issue 13): start (a background job, jobs.ts), list, read the table.
// ENGINEER/ADMIN.
import type { OfflineExperiment } from "@toolrec/db";
import { CAN, requireRole } from "../auth.js";
import type { Context } from "../context.js";
import { domainInput } from "../errors.js";
import { beginOfflineExperiment, failStaleOfflineExperiments, type StartOfflineExperimentInput, type StoredArm, type StoredResult } from "../experiments/offline.js";
import type { MutationDeleteOfflineExperimentArgs, MutationStartOfflineExperimentArgs, QueryOfflineExperimentArgs, QueryOfflineExperimentsArgs } from "../generated/graphql.js";
import { rate } from "../serving/ab-report.js";
import { audited } from "./audit.js";

type ArmNode = StoredArm & { isControl: boolean };

const armsOf = (e: OfflineExperiment): ArmNode[] => (e.arms as unknown as StoredArm[]).map((a) => ({ ...a, isControl: a.modelVersionId === e.controlModelVersionId }));

export const offlineExperimentResolvers = {
  Query: {
    async offlineExperiments(_: unknown, { first }: QueryOfflineExperimentsArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      const take = Math.min(100, Math.max(1, first ?? 20));
      await failStaleOfflineExperiments(ctx.db);
      return ctx.db.offlineExperiment.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take });
    },
    async offlineExperiment(_: unknown, { id }: QueryOfflineExperimentArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      await failStaleOfflineExperiments(ctx.db);
      return ctx.db.offlineExperiment.findUnique({ where: { id } });
    },
  },
  Mutation: {
    startOfflineExperiment: audited("startOfflineExperiment", CAN.engineer, (a: MutationStartOfflineExperimentArgs) => `offline-experiment:${a.input.name}`, async ({ input }, ctx) => {
      // Checked and stored as RUNNING now; simulated off the request path, progress on the row.
      const { experiment, plan } = await beginOfflineExperiment(ctx.db, domainInput<StartOfflineExperimentInput>(input), ctx.viewer.name, ctx.jobs.offlineRunning);
      ctx.jobs.runOfflineExperiment({ retrieval: ctx.retrieval, promptTools: ctx.serving.defaultPromptTools }, plan);
      return experiment;
    }),
    deleteOfflineExperiment: audited("deleteOfflineExperiment", CAN.engineer, (a: MutationDeleteOfflineExperimentArgs) => `offline-experiment:${a.id}`, async ({ id }, ctx) => {
      const { count } = await ctx.db.offlineExperiment.deleteMany({ where: { id } });
      return count > 0;
    }),
  },
  OfflineExperiment: {
    userModel: (e: OfflineExperiment) => e.userModel,
    arms: armsOf,
    control: (e: OfflineExperiment) => armsOf(e).find((a) => a.isControl)!,
    rows: (e: OfflineExperiment) => {
      if (e.status !== "SUCCEEDED" || !e.result) return null;
      const result = e.result as unknown as StoredResult;
      const arms = armsOf(e);
      return [...result.arms]
        .sort((a, b) => Number(b.control) - Number(a.control))
        .map((r) => ({
          arm: arms.find((a) => a.modelVersionId === r.arm)!,
          isControl: r.control,
          impressions: r.counts.impressions,
          ctr: rate(r.metrics.ctr),
          toolInvokingCtr: rate(r.metrics.toolCtr),
          clicksPerExposedSuggestion: rate(r.metrics.clicksPerExposed),
          toolInvokingExposedShare: rate(r.metrics.toolShareExposed),
          fallbacks: Object.values(result.fallbacks[r.arm] ?? {}).reduce((s, n) => s + (n ?? 0), 0),
        }));
    },
  },
  OfflineExperimentArm: {
    kind: (a: ArmNode) => a.kind.toUpperCase(),
    modelVersion: (a: ArmNode, _: unknown, ctx: Context) => ctx.db.modelVersion.findUnique({ where: { id: a.modelVersionId } }),
  },
};
