// Seeds the SysToolkit catalog (prisma/catalog) into an empty database. Categories are
// upserted every time; tools only when the table is empty, so curators' edits are never
// overwritten by a restart.
import type { Db } from "./client.js";
import { loadCatalog } from "./catalog.js";
import { importTools, type ImportReport, type ToolInput } from "./toolkit.js";
import { generateImpressions } from "@toolrec/core";
import { ImpressionIngestor } from "./impressions.js";
import { createPreferenceDataset } from "./preference.js";
import { starImpression } from "./impression-queries.js";

export async function seedCatalog(db: Db, opts: { force?: boolean } = {}): Promise<{ categories: number; tools: ImportReport | null }> {
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
  if (!opts.force && (await db.tool.count()) > 0) return { categories: catalog.categories.length, tools: null };
  const report = await importTools(db, catalog.tools as ToolInput[], { actor: "seed" });
  if (report.errors.length) {
    const first = report.errors[0]!;
    throw new Error(`catalog seed rejected ${report.errors.length} rows; first: ${first.id} ${first.field}: ${first.message}`);
  }
  return { categories: catalog.categories.length, tools: report };
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
