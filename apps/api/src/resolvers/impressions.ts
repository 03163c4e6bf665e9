// Click logs (issue #4): ingestion, browsing, statistics and case studies. ENGINEER/ADMIN.
import DataLoader from "dataloader";
import { connection, impressionToolInvoking, ValidationError } from "@toolrec/core";
import {
  getImpressions, impressionStats, ingestImpressions, listCaseStudies, listImpressions, starImpression, unstarImpression, updateCaseStudy,
  type CaseStudy, type ImpressionSuggestion, type ImpressionWithSuggestions, } from "@toolrec/db";
import { CAN, requireRole } from "../auth.js";
import type { Context } from "../context.js";
import type { MutationIngestImpressionsArgs, MutationStarImpressionArgs, MutationUnstarImpressionArgs, MutationUpdateCaseStudyArgs, QueryImpressionArgs, QueryImpressionStatsArgs, QueryImpressionsArgs } from "../generated/graphql.js";
import { audited } from "./audit.js";

/** Most impressions one ingestImpressions call takes (the CLI streams bigger files in batches). */
export const MAX_INGEST_PER_REQUEST = 10_000;

const impressionLoaders = new WeakMap<Context, DataLoader<string, ImpressionWithSuggestions | null>>();
/** A per-request loader of impressions by id (one query per request tick). */
export function impressionLoader(ctx: Context): DataLoader<string, ImpressionWithSuggestions | null> {
  let loader = impressionLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const found = await getImpressions(ctx.db, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
    impressionLoaders.set(ctx, loader);
  }
  return loader;
}

export const impressionResolvers = {
  Query: {
    async impressions(_: unknown, args: QueryImpressionsArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      const page = await listImpressions(ctx.db, args);
      const loader = impressionLoader(ctx);
      for (const imp of page.impressions) loader.prime(imp.id, imp);
      return connection(page.impressions, (i) => i.cursor, page);
    },
    async impression(_: unknown, { id }: QueryImpressionArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return impressionLoader(ctx).load(id);
    },
    async impressionStats(_: unknown, { window }: QueryImpressionStatsArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return impressionStats(ctx.db, window);
    },
    async caseStudies(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN.engineer);
      return listCaseStudies(ctx.db);
    },
  },
  Mutation: {
    ingestImpressions: audited("ingestImpressions", CAN.engineer, () => "impressions", async ({ impressions }: MutationIngestImpressionsArgs, ctx) => {
      if (impressions.length > MAX_INGEST_PER_REQUEST) {
        throw new ValidationError("impressions", `at most ${MAX_INGEST_PER_REQUEST} impressions per request; use \`toolrec ingest FILE\` for larger logs`);
      }
      const report = await ingestImpressions(ctx.db, impressions);
      return { ...report, errors: report.errors.map(({ index, id, message }) => ({ index, id, message })) };
    }),
    starImpression: audited("starImpression", CAN.engineer, (a: MutationStarImpressionArgs) => `impression:${a.impressionId}`,
      async ({ impressionId, title, note }, ctx) =>
        starImpression(ctx.db, impressionId, title, note, ctx.viewer.name),
    ),
    updateCaseStudy: audited("updateCaseStudy", CAN.engineer, (a: MutationUpdateCaseStudyArgs) => `caseStudy:${a.id}`,
      async ({ id, title, note }, ctx) => updateCaseStudy(ctx.db, id, { title, note }),
    ),
    unstarImpression: audited("unstarImpression", CAN.engineer, (a: MutationUnstarImpressionArgs) => `impression:${a.impressionId}`,
      async ({ impressionId }, ctx) => unstarImpression(ctx.db, impressionId),
    ),
  },
  Impression: {
    history: (i: ImpressionWithSuggestions) => (Array.isArray(i.history) ? i.history : []),
    toolInvoking: (i: ImpressionWithSuggestions) =>
      impressionToolInvoking(i.suggestions.map((s) => ({ toolId: s.resolvedToolId, exposed: s.exposed, clicked: s.clicked })), i.desirable),
    caseStudy: (i: ImpressionWithSuggestions) => i.caseStudy,
  },
  LoggedSuggestion: {
    resolution: (s: ImpressionSuggestion) => s.resolution.toUpperCase(),
    isToolInvoking: (s: ImpressionSuggestion) => s.resolvedToolId !== null,
    tool: (s: ImpressionSuggestion, _: unknown, ctx: Context) => (s.resolvedToolId ? ctx.loaders.tool.load(s.resolvedToolId) : null),
  },
  CaseStudy: {
    impression: (c: CaseStudy, _: unknown, ctx: Context) => impressionLoader(ctx).load(c.impressionId),
  },
};
