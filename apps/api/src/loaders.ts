// Per-request DataLoaders (a fresh set per request, as Apollo advises): each batches the
// lookups a query makes into one database round trip.
import DataLoader from "dataloader";
import { frequencyPercentile } from "@toolrec/core";
import type { CatalogCache } from "./catalog-cache.js";
import type { Category, Db, Tool, ToolRevision } from "@toolrec/db";

export interface CategoryStats { toolCount: number; enabledToolCount: number; invocationTotal: number }

export function createLoaders(db: Db, cache: CatalogCache) {
  return {
    category: new DataLoader<string, Category | null>(async (ids) => {
      const byId = await cache.categories();
      return ids.map((id) => byId.get(id) ?? null);
    }),
    tool: new DataLoader<string, Tool | null>(async (ids) => {
      const rows = await db.tool.findMany({ where: { id: { in: [...ids] } } });
      const byId = new Map(rows.map((t) => [t.id, t]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    revisions: new DataLoader<string, ToolRevision[]>(async (toolIds) => {
      const rows = await db.toolRevision.findMany({ where: { toolId: { in: [...toolIds] } }, orderBy: [{ version: "desc" }, { id: "desc" }] });
      return toolIds.map((id) => rows.filter((r) => r.toolId === id));
    }),
    categoryStats: new DataLoader<string, CategoryStats>(async (ids) => {
      const rows = await db.$queryRaw<{ category_id: string; n: bigint; enabled: bigint; total: bigint | null }[]>`
        SELECT category_id, count(*) AS n, count(*) FILTER (WHERE enabled) AS enabled, sum(invocation_count) AS total
        FROM tools GROUP BY category_id`;
      const byId = new Map(rows.map((r) => [r.category_id, r]));
      return ids.map((id) => {
        const r = byId.get(id);
        return { toolCount: Number(r?.n ?? 0), enabledToolCount: Number(r?.enabled ?? 0), invocationTotal: Number(r?.total ?? 0) };
      });
    }),
    /** definitions.md's p over the enabled tools (counts from the catalog cache). */
    async frequencyPercentile(tool: Tool): Promise<number> {
      const counts = await cache.sortedEnabledCounts();
      if (counts.length === 0) return 1;
      if (!tool.enabled) {
        // A disabled tool is ranked against the enabled ones as if it were one of them.
        return counts.filter((c) => c < tool.invocationCount).length / counts.length;
      }
      return frequencyPercentile(tool.invocationCount, counts);
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
