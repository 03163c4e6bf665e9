// Tools and categories: the SysToolkit part of the contract plus curation extras.
import {
  createTool, deleteTool, diffSnapshots, importTools, listTools, updateInvocationCounts, updateTool,
  type Category, type Tool, type ToolInput, type ToolPatch, type ToolRevision, } from "@toolrec/db";
import { connection } from "@toolrec/core";
import { CAN, requireRole } from "../auth.js";
import type { Context } from "../context.js";
import type { MutationCreateToolArgs, MutationDeleteToolArgs, MutationImportToolsArgs, MutationUpdateInvocationCountsArgs, MutationUpdateToolArgs, QueryInvocationHistogramArgs, QueryToolArgs, QueryToolRevisionsArgs, QueryToolsArgs } from "../generated/graphql.js";
import { domainInput } from "../errors.js";
import { audited } from "./audit.js";

/** These mutations change the catalog: `audited` fires the catalog-changed signal after them. */
const CATALOG = { catalog: true } as const;

export const toolkitResolvers = {
  Query: {
    async tools(_: unknown, args: QueryToolsArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.readTools);
      const page = await listTools(ctx.db, { ...args.filter, first: args.first, after: args.after, orderBy: args.orderBy });
      for (const t of page.tools) ctx.loaders.tool.prime(t.id, t);
      return connection(page.tools, (t) => t.cursor, page);
    },
    async tool(_: unknown, { id }: QueryToolArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.readTools);
      return ctx.loaders.tool.load(id);
    },
    async categories(_: unknown, __: unknown, ctx: Context) {
      requireRole(ctx.viewer, CAN.readTools);
      return ctx.db.category.findMany({ orderBy: [{ position: "asc" }, { id: "asc" }] });
    },
    async toolRevisions(_: unknown, { toolId }: QueryToolRevisionsArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.readTools);
      return ctx.loaders.revisions.load(toolId);
    },
    async invocationHistogram(_: unknown, { bins }: QueryInvocationHistogramArgs, ctx: Context) {
      requireRole(ctx.viewer, CAN.readTools);
      const n = Math.max(1, Math.min(100, bins ?? 12));
      // The catalog cache's counts: one load shared by every alias and request until the catalog changes.
      return logHistogram(await ctx.catalog.sortedEnabledCounts(), n);
    },
  },
  Mutation: {
    createTool: audited("createTool", CAN.writeTools, (a: MutationCreateToolArgs) => `tool:${a.input.id}`, async ({ input }, ctx) =>
      createTool(ctx.db, input, ctx.viewer.name), CATALOG,
    ),
    updateTool: audited("updateTool", CAN.writeTools, (a: MutationUpdateToolArgs) => `tool:${a.id}`, async ({ id, version, input }, ctx) => {
      const tool = await updateTool(ctx.db, id, version, domainInput<ToolPatch>(input), ctx.viewer.name);
      ctx.loaders.tool.clear(id).prime(id, tool);
      return tool;
    }, CATALOG),
    deleteTool: audited("deleteTool", CAN.writeTools, (a: MutationDeleteToolArgs) => `tool:${a.id}`, async ({ id, version }, ctx) => {
      await deleteTool(ctx.db, id, version, ctx.viewer.name);
      return { id, deleted: true };
    }, CATALOG),
    updateInvocationCounts: audited("updateInvocationCounts", CAN.writeTools, () => "tools", async ({ updates }: MutationUpdateInvocationCountsArgs, ctx) => ({
      updated: await updateInvocationCounts(ctx.db, updates),
    }), CATALOG),
    importTools: audited("importTools", CAN.writeTools, () => "tools", async ({ tools, dryRun, skipInvalid }: MutationImportToolsArgs, ctx) =>
      importTools(ctx.db, domainInput<ToolInput[]>(tools), { dryRun: !!dryRun, skipInvalid: !!skipInvalid, actor: ctx.viewer.name }), CATALOG,
    ),
  },
  Tool: {
    category: (t: Tool, _: unknown, ctx: Context) => ctx.loaders.category.load(t.categoryId),
    frequencyPercentile: (t: Tool, _: unknown, ctx: Context) => ctx.loaders.frequencyPercentile(t),
    grounding: (t: Tool) => (Array.isArray(t.grounding) ? t.grounding : []),
    situations: (t: Tool) => t.situations ?? [],
    revisions: (t: Tool, _: unknown, ctx: Context) => ctx.loaders.revisions.load(t.id),
  },
  Category: {
    // category ids are their slugs ("display", "sound", ...): the tool-id prefix
    slug: (c: Category) => c.id,
    toolCount: async (c: Category, _: unknown, ctx: Context) => (await ctx.loaders.categoryStats.load(c.id)).toolCount,
    enabledToolCount: async (c: Category, _: unknown, ctx: Context) => (await ctx.loaders.categoryStats.load(c.id)).enabledToolCount,
    invocationTotal: async (c: Category, _: unknown, ctx: Context) => (await ctx.loaders.categoryStats.load(c.id)).invocationTotal,
  },
  ToolRevision: {
    changes: (r: ToolRevision) => diffSnapshots(r.before as never, r.after as never),
  },
};

/** Log-spaced bins over [1, max]; zero counts fall in the first bin. */
export function logHistogram(counts: ArrayLike<number>, bins: number): { lower: number; upper: number; count: number }[] {
  if (counts.length === 0) return [];
  let max = 1;
  for (let i = 0; i < counts.length; i++) if (counts[i]! > max) max = counts[i]!;
  const edges = Array.from({ length: bins + 1 }, (_, i) => Math.pow(max, i / bins));
  edges[0] = 0;
  const out = edges.slice(0, -1).map((lower, i) => ({ lower, upper: edges[i + 1]!, count: 0 }));
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j]!;
    const i = c <= 1 ? 0 : Math.min(bins - 1, Math.floor((Math.log(c) / Math.log(max)) * bins));
    out[i]!.count++;
  }
  return out;
}
