// Calibrated preference datasets (issue #4): a window of impressions and a calibration
// config frozen into KTO samples (prompt, completion, label, Eq. 6 wU, Eq. 7 wS, Eq. 9
// weight) with aggregates, histograms and the tool percentiles used. Previews run the
// same computation without storing it.
import crypto from "node:crypto";
import {
  CalibrationConfigError,
  ValidationError,
  checkText,
  cursorCodec,
  offsetCursor,
  pageSize,
  slicePage,
  calibratePrepared,
  resolveCalibrationConfig,
  type CalibrationAggregates,
  type CalibrationConfig,
  type ColumnarCalibration,
  type CalibrationConfigInput,
  type DialogueTurn,
  type PageLimits,
} from "@toolrec/core";
import { PROMPT_TEMPLATE_VERSION, renderCompletion, renderPrompt, type PromptTool } from "@toolrec/recommender";
import { Prisma, type PreferenceDataset, type PreferenceSample, type PrismaClient } from "./generated/client.js";
import { loadCalibrationWindow, type CalibrationWindow } from "./calibration-window.js";
import { trainingWindowConditions, windowConditions, type TimeWindow } from "./impression-queries.js";

export const DATASET_NAME_MAX = 120;
export const MAX_SAMPLE_PAGE = 500;

/** The stored config: the resolved CalibrationConfig (s null = derived) plus the prompt template version. */
export interface StoredDatasetConfig {
  alpha: number;
  gamma: number;
  k: number;
  mu: number;
  muMode: CalibrationConfig["muMode"];
  s: number | null;
  userSide: boolean;
  systemSide: CalibrationConfig["systemSide"];
  promptTemplate: string;
}

/** Resolves a config with defaults; a bad value is a ValidationError on `config.<field>`. */
export function resolveConfigInput(input: CalibrationConfigInput | null | undefined): CalibrationConfig {
  try {
    return resolveCalibrationConfig(input ?? {});
  } catch (err) {
    if (err instanceof CalibrationConfigError) throw new ValidationError(`config.${err.field}`, err.message);
    throw err;
  }
}

export function storedConfig(config: CalibrationConfig): StoredDatasetConfig {
  return { ...config, s: config.s ?? null, promptTemplate: PROMPT_TEMPLATE_VERSION };
}

/** Back to core's CalibrationConfig (drops promptTemplate, s null = derived). */
export function calibrationConfigOf(stored: unknown): CalibrationConfig {
  const c = stored as StoredDatasetConfig;
  return resolveCalibrationConfig({ alpha: c.alpha, gamma: c.gamma, k: c.k, mu: c.mu, muMode: c.muMode, s: c.s, userSide: c.userSide, systemSide: c.systemSide });
}

export interface CalibratedWindow {
  window: CalibrationWindow;
  config: CalibrationConfig;
  result: ColumnarCalibration;
}

/** Eq. 6, 7, 9 over a loaded (prepared) window: core's calibratePrepared, one pass. */
export function calibrateWindow(window: CalibrationWindow, config: CalibrationConfig): CalibratedWindow {
  return { window, config, result: calibratePrepared(window.prepared, config) };
}

/** Sample i of a calibrated window, without its texts. */
export interface WindowSample {
  index: number;
  impressionId: string;
  userId: string;
  desirable: boolean;
  uctr: number;
  toolInvoking: boolean;
  toolId: string | null;
  frequencyPercentile: number | null;
  wU: number;
  wS: number;
  weight: number;
}

export function windowSample(cw: CalibratedWindow, i: number): WindowSample {
  const { window: w, result: r } = cw;
  const pr = w.prepared;
  const deciding = pr.decidingSuggestion[i]!;
  const p = pr.frequencyPercentile[i]!;
  return {
    index: i,
    impressionId: w.ids[i]!,
    userId: w.users[w.columns.userIndex[i]!]!,
    desirable: pr.desirable[i] === 1,
    uctr: pr.uctr[i]!,
    toolInvoking: pr.toolInvoking[i] === 1,
    toolId: deciding >= 0 ? (w.suggestionTools[deciding] ?? null) : null,
    frequencyPercentile: Number.isNaN(p) ? null : p,
    wU: r.wU[i]!,
    wS: r.wS[i]!,
    weight: r.weight[i]!,
  };
}

/** One exported row: the columns TRL's KTOTrainer reads, plus the sample weight. */
export interface KtoRow {
  prompt: string;
  completion: string;
  label: boolean;
  weight: number;
}

/** One JSONL line of the export (and of the dataset checksum). */
export function jsonlLine(row: KtoRow): string {
  return `${JSON.stringify({ prompt: row.prompt, completion: row.completion, label: row.label, weight: row.weight })}\n`;
}

export interface CreateDatasetInput {
  name: string;
  from?: Date | null;
  to?: Date | null;
  config?: CalibrationConfigInput | null;
}

interface DialogueRow {
  id: string;
  user_query: string;
  assistant_response: string | null;
  history: unknown;
  texts: string[];
  retrieved_tools: unknown;
}

/**
 * The prompt's tools of each row: the retrieved tools a served impression recorded
 * ([{toolId, rank}], best first), read from the catalog (a tool deleted since is left out).
 */
async function withTools(db: PrismaClient, rows: DialogueRow[]): Promise<(DialogueRow & { tools: PromptTool[] | null })[]> {
  const refs = (r: DialogueRow) => (Array.isArray(r.retrieved_tools) ? (r.retrieved_tools as { toolId: string; rank: number }[]) : null);
  const ids = [...new Set(rows.flatMap((r) => refs(r)?.map((t) => t.toolId) ?? []))];
  const byId = new Map(
    ids.length ? (await db.tool.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, canonicalQuery: true, description: true } })).map((t) => [t.id, t]) : [],
  );
  return rows.map((r) => {
    const list = refs(r);
    const tools = list ? [...list].sort((a, b) => a.rank - b.rank).flatMap((t) => (byId.has(t.toolId) ? [byId.get(t.toolId)!] : [])) : null;
    return { ...r, tools };
  });
}

async function loadDialogues(db: PrismaClient, window: TimeWindow): Promise<Map<string, { prompt: string; completion: string }>> {
  const conds = trainingWindowConditions(window);
  const where = conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty;
  const rows = await db.$queryRaw<DialogueRow[]>`
    SELECT i.id, i.user_query, i.assistant_response, i.history, i.retrieved_tools, array_agg(s.text ORDER BY s.position) AS texts
    FROM impressions i JOIN impression_suggestions s ON s.impression_id = i.id
    ${where} GROUP BY i.id`;
  return new Map((await withTools(db, rows)).map((r) => [r.id, renderSample(r)]));
}

/**
 * Prompt and completion of one impression: the recommender's Eq. 1 template, the one serving
 * uses. `tools` are the retrieved tools the impression recorded (best first), when it did.
 */
export function renderSample(r: { user_query: string; assistant_response: string | null; history: unknown; texts: string[]; tools?: readonly PromptTool[] | null }): { prompt: string; completion: string } {
  const history = Array.isArray(r.history) ? (r.history as DialogueTurn[]) : [];
  return {
    prompt: renderPrompt({ dialogue: { userQuery: r.user_query, assistantResponse: r.assistant_response, history }, k: r.texts.length, tools: r.tools }),
    completion: renderCompletion(r.texts.map((text) => ({ text }))),
  };
}

/** Prompts and completions for some impressions (a preview's page). */
export async function renderSamples(db: PrismaClient, ids: readonly string[]): Promise<Map<string, { prompt: string; completion: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.$queryRaw<DialogueRow[]>`
    SELECT i.id, i.user_query, i.assistant_response, i.history, i.retrieved_tools, array_agg(s.text ORDER BY s.position) AS texts
    FROM impressions i JOIN impression_suggestions s ON s.impression_id = i.id
    WHERE i.id = ANY(${[...ids]}) GROUP BY i.id`;
  return new Map((await withTools(db, rows)).map((r) => [r.id, renderSample(r)]));
}

function checkInput(input: CreateDatasetInput): { name: string; window: TimeWindow; config: CalibrationConfig } {
  const problem = checkText(input.name, { min: 1, max: DATASET_NAME_MAX, kind: "line" });
  if (problem !== null) throw new ValidationError("name", `name ${problem}`);
  const name = input.name.trim();
  const window = { from: input.from ?? null, to: input.to ?? null };
  windowConditions(window); // validates from < to
  return { name, window, config: resolveConfigInput(input.config) };
}

const SAMPLE_CHUNK = 2000;

/**
 * Snapshots the window under the config into a stored dataset: samples in
 * (timestamp, id) order, aggregates, histograms, the tool percentiles and the sha256
 * of the JSONL export. An empty window is a ValidationError.
 */
export async function createPreferenceDataset(db: PrismaClient, input: CreateDatasetInput, actor: string): Promise<PreferenceDataset> {
  const { name, window, config } = checkInput(input);
  // Window first, then texts: impressions are only ever added, so every loaded one has its text.
  const loaded = await loadCalibrationWindow(db, window);
  const dialogues = await loadDialogues(db, window);
  if (loaded.ids.length === 0) throw new ValidationError("from", "there are no impressions in this window");
  const cw = calibrateWindow(loaded, config);
  const a = cw.result.aggregates;

  const hash = crypto.createHash("sha256");
  const n = loaded.ids.length;
  const cols = {
    index: new Array<number>(n), impressionId: new Array<string>(n), userId: new Array<string>(n), desirable: new Array<boolean>(n),
    uctr: new Array<number>(n), toolInvoking: new Array<boolean>(n), toolId: new Array<string | null>(n), p: new Array<number | null>(n),
    wU: new Array<number>(n), wS: new Array<number>(n), weight: new Array<number>(n), prompt: new Array<string>(n), completion: new Array<string>(n),
  };
  for (let i = 0; i < n; i++) {
    const x = windowSample(cw, i);
    const text = dialogues.get(x.impressionId);
    if (!text) throw new Error(`impression ${x.impressionId} changed while the dataset was built; try again`);
    cols.index[i] = i;
    cols.impressionId[i] = x.impressionId;
    cols.userId[i] = x.userId;
    cols.desirable[i] = x.desirable;
    cols.uctr[i] = x.uctr;
    cols.toolInvoking[i] = x.toolInvoking;
    cols.toolId[i] = x.toolId;
    cols.p[i] = x.frequencyPercentile;
    cols.wU[i] = x.wU;
    cols.wS[i] = x.wS;
    cols.weight[i] = x.weight;
    cols.prompt[i] = text.prompt;
    cols.completion[i] = text.completion;
    hash.update(jsonlLine({ prompt: text.prompt, completion: text.completion, label: x.desirable, weight: x.weight }));
  }
  const id = crypto.randomUUID();
  const percentiles = Object.fromEntries([...loaded.percentiles.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)));

  return db.$transaction(
    async (tx) => {
      // Raw SQL with floats passed as text: Prisma 6.19's parameters round doubles to 16
      // significant digits, and the stored weights must equal the computed ones exactly.
      const ag = aggregateColumns(a);
      await tx.$executeRawUnsafe(
        `INSERT INTO preference_datasets (id, name, created_at, created_by, window_from, window_to, config, tool_percentiles,
           sample_count, desirable_count, undesirable_count, masked_count, tool_invoking_count, user_count,
           mu, s, weight_sum, effective_sample_size, histograms, checksum)
         VALUES ($1, $2, $3::timestamp, $4, $5::timestamp, $6::timestamp, $7::jsonb, $8::jsonb, $9, $10, $11, $12, $13, $14,
           $15::float8, $16::float8, $17::float8, $18::float8, $19::jsonb, $20)`,
        id, name, new Date().toISOString(), actor, window.from?.toISOString() ?? null, window.to?.toISOString() ?? null,
        JSON.stringify(storedConfig(config)), JSON.stringify(percentiles),
        ag.sampleCount, ag.desirableCount, ag.undesirableCount, ag.maskedCount, ag.toolInvokingCount, ag.userCount,
        float(ag.mu), float(ag.s), float(ag.weightSum), float(ag.effectiveSampleSize), JSON.stringify(a.histograms), hash.digest("hex"),
      );
      for (let start = 0; start < n; start += SAMPLE_CHUNK) {
        const sl = <T>(xs: T[]) => xs.slice(start, start + SAMPLE_CHUNK);
        await tx.$executeRawUnsafe(
          `INSERT INTO preference_samples (dataset_id, index, impression_id, user_id, desirable, uctr, tool_invoking, tool_id,
             frequency_percentile, w_u, w_s, weight, prompt, completion)
           SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::boolean[], $6::text[]::float8[], $7::boolean[], $8::text[],
             $9::text[]::float8[], $10::text[]::float8[], $11::text[]::float8[], $12::text[]::float8[], $13::text[], $14::text[])`,
          id, sl(cols.index), sl(cols.impressionId), sl(cols.userId), sl(cols.desirable), floats(sl(cols.uctr)), sl(cols.toolInvoking), sl(cols.toolId),
          floats(sl(cols.p)), floats(sl(cols.wU)), floats(sl(cols.wS)), floats(sl(cols.weight)), sl(cols.prompt), sl(cols.completion),
        );
      }
      return (await tx.preferenceDataset.findUnique({ where: { id } }))!;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/** A double as exact text (JS's shortest round-trip form); PostgreSQL parses it back to the same double. */
const float = (x: number) => String(x);
const floats = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : String(x)));

/** The dataset columns that hold a window's aggregates. */
export function aggregateColumns(a: CalibrationAggregates) {
  return {
    sampleCount: a.counts.total,
    desirableCount: a.counts.desirable,
    undesirableCount: a.counts.undesirable,
    maskedCount: a.counts.masked,
    toolInvokingCount: a.counts.toolInvoking,
    userCount: a.users,
    mu: a.mu,
    s: a.s,
    weightSum: a.weightSum,
    effectiveSampleSize: a.effectiveSampleSize,
  };
}

// ---------------------------------------------------------------------------
// Reads
// ---------------------------------------------------------------------------

export const DATASET_PAGE: PageLimits = { default: 50, max: 200 };
export const SAMPLE_PAGE: PageLimits = { default: 50, max: MAX_SAMPLE_PAGE };
/** Samples (stored and previewed) page by their index in the dataset. */
export const sampleCursor = cursorCodec<number>("samples", { write: (i) => ({ i }), read: (r) => r.int("i") });
const datasetCursor = offsetCursor("datasets");
/** Per-user statistics (stored and previewed) page by offset in their ordering. */
export const userStatsCursor = offsetCursor("users");

export async function listPreferenceDatasets(db: PrismaClient, args: { first?: number | null; after?: string | null }) {
  const first = pageSize(args.first, DATASET_PAGE);
  const offset = datasetCursor.decode(args.after) ?? 0;
  const [rows, totalCount] = await Promise.all([
    db.preferenceDataset.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: offset, take: first + 1 }),
    db.preferenceDataset.count(),
  ]);
  const { nodes, hasNextPage } = slicePage(rows, first);
  return { datasets: nodes.map((d, i) => ({ ...d, cursor: datasetCursor.encode(offset + i + 1) })), hasNextPage, totalCount };
}

export interface SampleFilter {
  /** true = desirable. */
  label?: boolean | null;
  toolInvoking?: boolean | null;
  masked?: boolean | null;
  userId?: string | null;
}

export async function listSamples(db: PrismaClient, datasetId: string, args: { first?: number | null; after?: string | null; filter?: SampleFilter | null }) {
  const first = pageSize(args.first, SAMPLE_PAGE);
  const f = args.filter ?? {};
  const conds: Prisma.Sql[] = [Prisma.sql`dataset_id = ${datasetId}`];
  if (f.label != null) conds.push(Prisma.sql`desirable = ${f.label}`);
  if (f.toolInvoking != null) conds.push(Prisma.sql`tool_invoking = ${f.toolInvoking}`);
  if (f.masked != null) conds.push(f.masked ? Prisma.sql`weight = 0` : Prisma.sql`weight <> 0`);
  if (f.userId) conds.push(Prisma.sql`user_id = ${f.userId}`);
  const where = Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}`;
  const after = sampleCursor.decode(args.after);
  const page = after === null ? where : Prisma.sql`${where} AND index > ${after}`;
  const [rows, total] = await Promise.all([
    db.$queryRaw<{ index: number }[]>`SELECT index FROM preference_samples ${page} ORDER BY index LIMIT ${first + 1}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM preference_samples ${where}`,
  ]);
  const { nodes, hasNextPage } = slicePage(rows, first);
  const indexes = nodes.map((r) => r.index);
  const samples = indexes.length
    ? await db.preferenceSample.findMany({ where: { datasetId, index: { in: indexes } }, orderBy: { index: "asc" } })
    : [];
  return { samples: samples.map((s) => ({ ...s, cursor: sampleCursor.encode(s.index) })), hasNextPage, totalCount: Number(total[0]?.n ?? 0) };
}

export async function getSample(db: PrismaClient, datasetId: string, by: { index?: number | null; impressionId?: string | null }): Promise<PreferenceSample | null> {
  if (by.index != null) return db.preferenceSample.findUnique({ where: { datasetId_index: { datasetId, index: by.index } } });
  if (by.impressionId) return db.preferenceSample.findFirst({ where: { datasetId, impressionId: by.impressionId } });
  throw new ValidationError("index", "give index or impressionId");
}

// ---------------------------------------------------------------------------
// Per-user statistics
// ---------------------------------------------------------------------------

export type UserOrder = "IMPRESSIONS_DESC" | "UCTR_DESC" | "UCTR_ASC" | "MEAN_WEIGHT_DESC" | "MEAN_WEIGHT_ASC" | "USER_ID";

export interface UserStats {
  userId: string;
  impressions: number;
  desirable: number;
  uctr: number;
  meanWeight: number;
  masked: number;
}

const USER_ORDER_SQL: Record<UserOrder, Prisma.Sql> = {
  IMPRESSIONS_DESC: Prisma.sql`impressions DESC, user_id`,
  UCTR_DESC: Prisma.sql`uctr DESC, impressions DESC, user_id`,
  UCTR_ASC: Prisma.sql`uctr ASC, impressions DESC, user_id`,
  MEAN_WEIGHT_DESC: Prisma.sql`mean_weight DESC, user_id`,
  MEAN_WEIGHT_ASC: Prisma.sql`mean_weight ASC, user_id`,
  USER_ID: Prisma.sql`user_id`,
};

export async function datasetUserStats(db: PrismaClient, datasetId: string, args: { first?: number | null; after?: string | null; orderBy?: UserOrder | null }) {
  const first = pageSize(args.first, SAMPLE_PAGE);
  const offset = userStatsCursor.decode(args.after) ?? 0;
  const order = USER_ORDER_SQL[args.orderBy ?? "IMPRESSIONS_DESC"] ?? USER_ORDER_SQL.IMPRESSIONS_DESC;
  const [rows, total] = await Promise.all([
    db.$queryRaw<{ user_id: string; impressions: number; desirable: number; uctr: number; mean_weight: number; masked: number }[]>`
      SELECT user_id, count(*)::int AS impressions, count(*) FILTER (WHERE desirable)::int AS desirable,
             (count(*) FILTER (WHERE desirable))::float8 / count(*) AS uctr, avg(weight)::float8 AS mean_weight,
             count(*) FILTER (WHERE weight = 0)::int AS masked
      FROM preference_samples WHERE dataset_id = ${datasetId}
      GROUP BY user_id ORDER BY ${order} LIMIT ${first + 1} OFFSET ${offset}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(DISTINCT user_id) AS n FROM preference_samples WHERE dataset_id = ${datasetId}`,
  ]);
  const { nodes, hasNextPage } = slicePage(rows, first);
  const users: (UserStats & { cursor: string })[] = nodes.map((r, i) => ({
    userId: r.user_id, impressions: r.impressions, desirable: r.desirable, uctr: r.uctr, meanWeight: r.mean_weight, masked: r.masked,
    cursor: userStatsCursor.encode(offset + i + 1),
  }));
  return { users, hasNextPage, totalCount: Number(total[0]?.n ?? 0) };
}

/** The same statistics from a calibrated window in memory (previews). */
export function windowUserStats(cw: CalibratedWindow, args: { first?: number | null; after?: string | null; orderBy?: UserOrder | null }) {
  const first = pageSize(args.first, SAMPLE_PAGE);
  const offset = userStatsCursor.decode(args.after) ?? 0;
  const byUser = new Map<string, UserStats & { weightSum: number }>();
  const { window: w, result } = cw;
  for (let i = 0; i < w.ids.length; i++) {
    const userId = w.users[w.columns.userIndex[i]!]!;
    let u = byUser.get(userId);
    if (!u) byUser.set(userId, (u = { userId, impressions: 0, desirable: 0, uctr: 0, meanWeight: 0, masked: 0, weightSum: 0 }));
    const weight = result.weight[i]!;
    u.impressions++;
    u.desirable += w.prepared.desirable[i]!;
    u.weightSum += weight;
    if (weight === 0) u.masked++;
  }
  const all = [...byUser.values()].map(({ weightSum, ...u }) => ({ ...u, uctr: u.desirable / u.impressions, meanWeight: weightSum / u.impressions }));
  const byId = (a: UserStats, b: UserStats) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
  const cmp: Record<UserOrder, (a: UserStats, b: UserStats) => number> = {
    IMPRESSIONS_DESC: (a, b) => b.impressions - a.impressions || byId(a, b),
    UCTR_DESC: (a, b) => b.uctr - a.uctr || b.impressions - a.impressions || byId(a, b),
    UCTR_ASC: (a, b) => a.uctr - b.uctr || b.impressions - a.impressions || byId(a, b),
    MEAN_WEIGHT_DESC: (a, b) => b.meanWeight - a.meanWeight || byId(a, b),
    MEAN_WEIGHT_ASC: (a, b) => a.meanWeight - b.meanWeight || byId(a, b),
    USER_ID: byId,
  };
  all.sort(cmp[args.orderBy ?? "IMPRESSIONS_DESC"] ?? cmp.IMPRESSIONS_DESC);
  const users = all.slice(offset, offset + first).map((u, i) => ({ ...u, cursor: userStatsCursor.encode(offset + i + 1) }));
  return { users, hasNextPage: offset + first < all.length, totalCount: all.length };
}

/** Indexes of a calibrated window's samples that pass a filter, from `start` (a preview's page). */
export function filterWindowSamples(cw: CalibratedWindow, filter: SampleFilter | null | undefined, after: number, first: number): { indexes: number[]; hasNextPage: boolean; totalCount: number } {
  const f = filter ?? {};
  const pr = cw.window.prepared;
  const weight = cw.result.weight;
  const userIndex = cw.window.columns.userIndex;
  const wantedUser = f.userId ? cw.window.users.indexOf(f.userId) : -1;
  if (f.userId && wantedUser < 0) return { indexes: [], hasNextPage: false, totalCount: 0 };
  const indexes: number[] = [];
  let total = 0;
  let more = false;
  for (let i = 0; i < pr.window.length; i++) {
    if (f.label != null && (pr.desirable[i] === 1) !== f.label) continue;
    if (f.toolInvoking != null && (pr.toolInvoking[i] === 1) !== f.toolInvoking) continue;
    if (f.masked != null && (weight[i] === 0) !== f.masked) continue;
    if (wantedUser >= 0 && userIndex[i] !== wantedUser) continue;
    total++;
    if (i < after) continue;
    if (indexes.length < first) indexes.push(i);
    else more = true;
  }
  return { indexes, hasNextPage: more, totalCount: total };
}
