// Seeds the SysToolkit catalog (prisma/catalog) into an empty database. Categories are
// upserted every time; tools only when the table is empty, so curators' edits are never
// overwritten by a restart (a database from before situations gets them once, backfillSituations).
import type { Db } from "./client.js";
import { loadCatalog, type CatalogTool } from "./catalog.js";
import { importTools, snapshot, type ImportReport, type ToolInput } from "./toolkit.js";
import { generateImpressions } from "@toolrec/core";
import { ImpressionIngestor } from "./impressions.js";
import { createPreferenceDataset } from "./preference.js";
import { starImpression } from "./impression-queries.js";

export async function seedCatalog(
  db: Db,
  opts: { force?: boolean } = {},
): Promise<{ categories: number; tools: ImportReport | null; situationsBackfilled: number }> {
  const catalog = loadCatalog();
  await db.$transaction(
    catalog.categories.map((c, position) =>
      db.category.upsert({
        where: { id: c.id },
        create: { id: c.id, code: c.code, name: c.name, target: c.target, position },
        update: { code: c.code, name: c.name, target: c.target, position },
      }),
    ),
  );
  if (!opts.force && (await db.tool.count()) > 0) {
    return { categories: catalog.categories.length, tools: null, situationsBackfilled: await backfillSituations(db, catalog.tools) };
  }
  const report = await importTools(db, catalog.tools as ToolInput[], { actor: "seed" });
  if (report.errors.length) {
    const first = report.errors[0]!;
    throw new Error(`catalog seed rejected ${report.errors.length} rows; first: ${first.id} ${first.field}: ${first.message}`);
  }
  return { categories: catalog.categories.length, tools: report, situationsBackfilled: 0 };
}

/**
 * A database seeded before tools had situations has none (the column's default). Gives each such
 * tool the catalog's situations, with a revision by "seed", in one transaction; a tool a curator
 * has already given situations, or that the catalog does not have, is left alone. Returns how many
 * tools were filled (0 on every later start).
 */
export async function backfillSituations(db: Db, tools: readonly CatalogTool[]): Promise<number> {
  const byId = new Map(tools.filter((t) => Array.isArray(t.situations) && t.situations.length > 0).map((t) => [t.id, t]));
  const empty = (await db.tool.findMany({ where: { situations: { isEmpty: true } }, select: { id: true } })).filter((t) => byId.has(t.id));
  if (empty.length === 0) return 0;
  return db.$transaction(
    async (tx) => {
      let filled = 0;
      for (const { id } of empty) {
        const before = await tx.tool.findUnique({ where: { id } });
        // Checked again inside the transaction: a curator may have saved situations meanwhile.
        if (!before || before.situations.length > 0) continue;
        const after = await tx.tool.update({ where: { id }, data: { situations: [...byId.get(id)!.situations], version: { increment: 1 } } });
        await tx.toolRevision.create({
          data: { toolId: id, version: after.version, action: "UPDATE", before: snapshot(before) as object, after: snapshot(after) as object, actor: "seed" },
        });
        filled += 1;
      }
      return filled;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

// ---------------------------------------------------------------------------
// Demo click logs (issue #4)
// ---------------------------------------------------------------------------

export interface SeedDemoOptions {
  users?: number;
  impressions?: number;
  seed?: number;
  log?: (line: string) => void;
}

/**
 * On an empty impressions table, ingests a simulated click log (core's simulate: 400 users,
 * 6000 impressions over the last 28 days, source "demo"), builds one preference dataset from
 * it with the paper's defaults and stars two impressions as case studies, so every console
 * page has data on first run.
 * Skipped when TOOLREC_SEED_DEMO=0 or when impressions already exist.
 */
export async function seedDemoImpressions(db: Db, opts: SeedDemoOptions = {}): Promise<{ impressions: number; datasetId: string } | null> {
  if (process.env.TOOLREC_SEED_DEMO === "0") return null;
  if (await db.impression.findFirst({ select: { id: true } })) return null;
  const t0 = Date.now();
  const tools = await db.tool.findMany({ where: { enabled: true } });
  if (tools.length === 0) return null;
  const end = new Date();
  const ingestor = await ImpressionIngestor.open(db, { source: "demo" });
  let index = 0;
  for (const row of generateImpressions(tools, { users: opts.users ?? 400, impressions: opts.impressions ?? 6000, seed: opts.seed ?? 7, end, days: 28, idPrefix: "demo" })) {
    await ingestor.add(row, { index: index++ });
  }
  const report = await ingestor.finish();
  const dataset = await createPreferenceDataset(db, { name: "Demo log, last 28 days (ToolRec defaults)", from: new Date(end.getTime() - 28 * 86_400_000), to: end }, "seed");
  // Two starred examples in the spirit of the paper's Figure 8: a clicked tool-invoking suggestion.
  const clickedTools = await db.impressionSuggestion.findMany({
    where: { clicked: true, exposed: true, resolvedToolId: { not: null }, impression: { source: "demo" } },
    orderBy: [{ impressionId: "asc" }],
    take: 2,
  });
  for (const s of clickedTools) {
    await starImpression(db, s.impressionId, `Clicked "${s.text}"`, `Demo case study: the user picked the tool-invoking suggestion (${s.resolvedToolId}) over the general follow-ups, as in the paper's Figure 8.`, "seed");
  }
  opts.log?.(`seeded a demo click log: ${report.accepted} impressions and dataset "${dataset.name}" in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  return { impressions: report.accepted, datasetId: dataset.id };
}
