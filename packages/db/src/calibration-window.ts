// Loads a window of impressions in the shape core's calibrate needs, with an in-process
// cache keyed by (window, ingest version, tool version): the live inspector recalibrates
// the same window under many configs, and each preview is then just `calibrateColumns`.
import { frequencyPercentiles, type CalibrationImpression, type SuggestionOutcome } from "@toolrec/core";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { windowConditions, type TimeWindow } from "./impression-queries.js";

export interface CalibrationWindow {
  /** Impressions ordered by (timestamp, id): sample i of a dataset is row i. */
  impressions: CalibrationImpression[];
  /** p per enabled tool (Eq. 7), snapshotted now. */
  percentiles: Map<string, number>;
  /** The ingest and tool versions this was loaded at. */
  version: string;
  loadedAt: number;
}

/**
 * The versions a cached window depends on, in one query: impressions (count, last ingest
 * time) and enabled tools (count, counts' sum, last update). Any ingest, from this
 * process or another (the CLI), or a tool change moves it.
 */
export async function dataVersion(db: PrismaClient): Promise<string> {
  const rows = await db.$queryRaw<{ v: string }[]>`
    SELECT concat_ws('/', (SELECT count(*) FROM impressions), (SELECT max(ingested_at) FROM impressions),
      (SELECT count(*) FROM tools WHERE enabled), (SELECT sum(invocation_count) FROM tools WHERE enabled),
      (SELECT max(updated_at) FROM tools)) AS v`;
  return rows[0]?.v ?? "";
}

interface WindowRow {
  id: string;
  user_id: string;
  tools: (string | null)[];
  exposed: boolean[];
  clicked: boolean[];
}

/** Reads the window from the database (no cache). Suggestions whose tool is not enabled now are general queries. */
export async function loadCalibrationWindow(db: PrismaClient, window: TimeWindow | null | undefined, version?: string): Promise<CalibrationWindow> {
  const conds = windowConditions(window);
  const where = conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty;
  const [tools, rows, v] = await Promise.all([
    db.tool.findMany({ where: { enabled: true }, select: { id: true, invocationCount: true } }),
    db.$queryRaw<WindowRow[]>`
      SELECT i.id, i.user_id,
             array_agg(s.resolved_tool_id ORDER BY s.position) AS tools,
             array_agg(s.exposed ORDER BY s.position) AS exposed,
             array_agg(s.clicked ORDER BY s.position) AS clicked
      FROM impressions i JOIN impression_suggestions s ON s.impression_id = i.id
      ${where}
      GROUP BY i.id
      ORDER BY i."timestamp", i.id`,
    version === undefined ? dataVersion(db) : Promise.resolve(version),
  ]);
  const percentiles = tools.length ? frequencyPercentiles(tools) : new Map<string, number>();
  const impressions = rows.map((r): CalibrationImpression => {
    const suggestions: SuggestionOutcome[] = r.tools.map((toolId, j) => ({
      toolId: toolId !== null && percentiles.has(toolId) ? toolId : null,
      exposed: r.exposed[j] === true,
      clicked: r.clicked[j] === true,
    }));
    return { id: r.id, userId: r.user_id, suggestions };
  });
  return { impressions, percentiles, version: v, loadedAt: Date.now() };
}

const windowKey = (w: TimeWindow | null | undefined) => `${w?.from?.toISOString() ?? "-"}|${w?.to?.toISOString() ?? "-"}`;

/** A small LRU of loaded windows per database client (one API process). */
export class CalibrationWindowCache {
  private readonly entries = new Map<string, CalibrationWindow>();
  private readonly loading = new Map<string, Promise<CalibrationWindow>>();

  constructor(private readonly capacity = 8) {}

  /** The window, from the cache when the data version is unchanged; `cached` says which. */
  async get(db: PrismaClient, window: TimeWindow | null | undefined): Promise<{ window: CalibrationWindow; cached: boolean }> {
    const version = await dataVersion(db);
    const key = `${windowKey(window)}@${version}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { window: hit, cached: true };
    }
    let pending = this.loading.get(key);
    if (!pending) {
      pending = loadCalibrationWindow(db, window, version).finally(() => this.loading.delete(key));
      this.loading.set(key, pending);
    }
    const loaded = await pending;
    // Entries for an older version of the same window can never hit again.
    for (const k of this.entries.keys()) if (k.startsWith(`${windowKey(window)}@`)) this.entries.delete(k);
    this.entries.set(key, loaded);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return { window: loaded, cached: false };
  }

  clear(): void {
    this.entries.clear();
  }
}
