// Loads a window of impressions as core's columnar calibration input (flat typed arrays,
// users numbered in first-seen order) and prepares its config-independent part (labels,
// deciding tools, uctr), with an in-process cache keyed by (window, ingest version, tool
// version): the live inspector recalibrates the same window under many configs, and each
// preview is then one `calibratePrepared` pass.
import { frequencyPercentiles, prepareColumnarWindow, type ColumnarWindow, type PreparedWindow } from "@toolrec/core";
import { Prisma, type PrismaClient } from "./generated/client.js";
import { trainingWindowConditions, type TimeWindow } from "./impression-queries.js";

export interface CalibrationWindow {
  /** Impression ids, ordered by (timestamp, id): sample i of a dataset is row i. */
  ids: string[];
  /** User ids by user index (first-seen order). */
  users: string[];
  /** Per suggestion (columns.offsets order): the enabled tool it resolves to, or null. */
  suggestionTools: (string | null)[];
  columns: ColumnarWindow;
  prepared: PreparedWindow;
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
      -- recordClick changes labels without ingesting: the clicks count moves the version
      (SELECT count(*) FROM impression_suggestions WHERE clicked),
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
  const conds = trainingWindowConditions(window);
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
  const n = rows.length;
  let m = 0;
  for (const r of rows) m += r.tools.length;
  const userIndex = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  const toolP = new Float64Array(m);
  const exposed = new Uint8Array(m);
  const clicked = new Uint8Array(m);
  const suggestionTools = new Array<string | null>(m);
  const ids = new Array<string>(n);
  const users: string[] = [];
  const userOf = new Map<string, number>();
  let j = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    ids[i] = r.id;
    let u = userOf.get(r.user_id);
    if (u === undefined) {
      u = users.length;
      userOf.set(r.user_id, u);
      users.push(r.user_id);
    }
    userIndex[i] = u;
    offsets[i] = j;
    for (let k = 0; k < r.tools.length; k++, j++) {
      // A suggestion whose tool is not enabled now is a general query (definitions.md).
      const toolId = r.tools[k] ?? null;
      const p = toolId === null ? undefined : percentiles.get(toolId);
      toolP[j] = p === undefined ? Number.NaN : p;
      suggestionTools[j] = p === undefined ? null : toolId;
      exposed[j] = r.exposed[k] === true ? 1 : 0;
      clicked[j] = r.clicked[k] === true ? 1 : 0;
    }
  }
  offsets[n] = j;
  const columns: ColumnarWindow = { length: n, userIndex, userCount: users.length, offsets, toolP, exposed, clicked };
  return { ids, users, suggestionTools, columns, prepared: prepareColumnarWindow(columns), percentiles, version: v, loadedAt: Date.now() };
}

const windowKey = (w: TimeWindow | null | undefined) => `${w?.from?.toISOString() ?? "-"}|${w?.to?.toISOString() ?? "-"}`;

/** A small LRU of loaded windows per database client (one API process). */
export class CalibrationWindowCache {
  private readonly entries = new Map<string, CalibrationWindow>();
  private readonly loading = new Map<string, Promise<CalibrationWindow>>();

  constructor(private readonly capacity = 4) {}

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
