// Calibrated preference datasets (issue #4): a window of impressions and a calibration
// config frozen into KTO samples (prompt, completion, label, Eq. 6 wU, Eq. 7 wS, Eq. 9
// weight) with aggregates, histograms and the tool percentiles used. Previews run the
// same computation without storing it.
import crypto from "node:crypto";
import {
  CalibrationConfigError,
  NotFoundError,
  ToolRecError,
  UnavailableError,
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

/**
 * One JSONL line of the export (and of the dataset checksum). With `ranker` (recommender's
 * rankerRow) the line also carries the row's `ranker` object: the export a `toolrec/ranker`
 * run trains on (ranker-export.ts, `toolrec experiment table2`).
 */
export function jsonlLine(row: KtoRow, ranker?: unknown): string {
  const base = { prompt: row.prompt, completion: row.completion, label: row.label, weight: row.weight };
  return `${JSON.stringify(ranker === undefined ? base : { ...base, ranker })}\n`;
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

/** Lets other work run (requests, timers) between chunks of a long computation. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Rows handled between yields: a few milliseconds of synchronous work. */
const YIELD_EVERY = 2000;

async function loadDialogues(db: PrismaClient, window: TimeWindow): Promise<Map<string, { prompt: string; completion: string }>> {
  const conds = trainingWindowConditions(window);
  const where = conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty;
  const rows = await db.$queryRaw<DialogueRow[]>`
    SELECT i.id, i.user_query, i.assistant_response, i.history, i.retrieved_tools, array_agg(s.text ORDER BY s.position) AS texts
    FROM impressions i JOIN impression_suggestions s ON s.impression_id = i.id
    ${where} GROUP BY i.id`;
  // Rendering 76k prompts takes seconds: in chunks, so the API keeps answering meanwhile.
  const out = new Map<string, { prompt: string; completion: string }>();
  const withToolRows = await withTools(db, rows);
  for (let i = 0; i < withToolRows.length; i++) {
    const r = withToolRows[i]!;
    out.set(r.id, renderSample(r));
    if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToEventLoop();
  }
  return out;
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

/** Reports a build's progress: fraction 0..1 and what it is doing. */
export type DatasetProgress = (fraction: number, phase: string) => void;

/** A dataset whose row exists (BUILDING) and whose samples are still to be computed and stored. */
export interface DatasetBuildPlan {
  id: string;
  name: string;
  window: TimeWindow;
  config: CalibrationConfig;
}

/**
 * Checks the input, refuses an empty window (ValidationError on `from`), and inserts the
 * dataset's row as BUILDING with progress 0 and empty aggregates: the API returns it at once
 * and builds the samples off the request path (issue 8 §5).
 */
export async function beginPreferenceDataset(db: PrismaClient, input: CreateDatasetInput, actor: string): Promise<{ dataset: PreferenceDataset; plan: DatasetBuildPlan }> {
  const { name, window, config } = checkInput(input);
  const conds = windowConditions(window);
  const where = conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty;
  const found = await db.$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT 1 FROM impressions i ${where}) AS any`;
  if (!found[0]?.any) throw new ValidationError("from", "there are no impressions in this window");
  const id = crypto.randomUUID();
  const dataset = await db.preferenceDataset.create({
    data: {
      id, name, createdBy: actor, windowFrom: window.from, windowTo: window.to, config: storedConfig(config) as never, toolPercentiles: {},
      sampleCount: 0, desirableCount: 0, undesirableCount: 0, maskedCount: 0, toolInvokingCount: 0, userCount: 0,
      mu: 0, s: 0, weightSum: 0, effectiveSampleSize: 0, histograms: {}, checksum: "", status: "BUILDING", progress: 0,
    },
  });
  return { dataset, plan: { id, name, window, config } };
}

/**
 * Computes and stores a begun dataset: samples in (timestamp, id) order, aggregates,
 * histograms, the tool percentiles and the sha256 of the JSONL export, then marks it READY
 * (progress 1). Long synchronous parts run in chunks with yields in between. On failure the
 * dataset is marked FAILED with the reason (its samples are never half-stored) and the error
 * is rethrown.
 */
export async function buildPreferenceDataset(db: PrismaClient, plan: DatasetBuildPlan, onProgress: DatasetProgress = () => undefined, signal?: AbortSignal): Promise<PreferenceDataset> {
  const { id, window, config } = plan;
  const stopIfAborted = () => {
    if (signal?.aborted) throw new UnavailableError("the build was interrupted: the API stopped; create the dataset again");
  };
  // Progress goes to the row (other processes and the console read it), at most every 200 ms.
  let lastWrite = 0;
  const progress = async (fraction: number, phase: string) => {
    stopIfAborted();
    onProgress(fraction, phase);
    const now = Date.now();
    if (now - lastWrite < 200) return;
    lastWrite = now;
    await db.preferenceDataset.updateMany({ where: { id, status: "BUILDING" }, data: { progress: Math.min(0.99, fraction) } });
  };
  try {
    await progress(0.02, "loading the window");
    // Window first, then texts: impressions are only ever added, so every loaded one has its text.
    const loaded = await loadCalibrationWindow(db, window);
    await progress(0.15, "rendering prompts");
    const dialogues = await loadDialogues(db, window);
    if (loaded.ids.length === 0) throw new ValidationError("from", "there are no impressions in this window");
    await progress(0.35, "calibrating");
    await yieldToEventLoop();
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
      if (i % YIELD_EVERY === YIELD_EVERY - 1) {
        await progress(0.4 + 0.2 * (i / n), "computing samples");
        await yieldToEventLoop();
      }
    }
    const percentiles = Object.fromEntries([...loaded.percentiles.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)));

    return await db.$transaction(
      async (tx) => {
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
          await progress(0.6 + 0.39 * Math.min(1, (start + SAMPLE_CHUNK) / n), "storing samples");
        }
        // Raw SQL with floats passed as text: Prisma 6.19's parameters round doubles to 16
        // significant digits, and the stored weights must equal the computed ones exactly.
        const ag = aggregateColumns(a);
        const updated = await tx.$executeRawUnsafe(
          `UPDATE preference_datasets SET tool_percentiles = $2::jsonb, sample_count = $3, desirable_count = $4, undesirable_count = $5,
             masked_count = $6, tool_invoking_count = $7, user_count = $8, mu = $9::float8, s = $10::float8, weight_sum = $11::float8,
             effective_sample_size = $12::float8, histograms = $13::jsonb, checksum = $14, status = 'READY', progress = 1, error = NULL
           WHERE id = $1 AND status = 'BUILDING'`,
          id, JSON.stringify(percentiles),
          ag.sampleCount, ag.desirableCount, ag.undesirableCount, ag.maskedCount, ag.toolInvokingCount, ag.userCount,
          float(ag.mu), float(ag.s), float(ag.weightSum), float(ag.effectiveSampleSize), JSON.stringify(a.histograms), hash.digest("hex"),
        );
        // Deleted while it was building: nothing to finish (the samples roll back with this transaction).
        if (updated === 0) throw new NotFoundError("preference dataset", id);
        onProgress(1, "ready");
        return (await tx.preferenceDataset.findUnique({ where: { id } }))!;
      },
      { timeout: 300_000, maxWait: 30_000 },
    );
  } catch (err) {
    const reason = err instanceof ToolRecError ? err.message : "the build failed (the log has the details)";
    await db.preferenceDataset.updateMany({ where: { id, status: "BUILDING" }, data: { status: "FAILED", error: reason } }).catch(() => undefined);
    throw err;
  }
}

/**
 * Snapshots the window under the config into a stored dataset and waits for it (the CLI and
 * the seed; the API begins one and builds it in the background). An empty window is a
 * ValidationError.
 */
export async function createPreferenceDataset(db: PrismaClient, input: CreateDatasetInput, actor: string, opts: { onProgress?: DatasetProgress } = {}): Promise<PreferenceDataset> {
  const { plan } = await beginPreferenceDataset(db, input, actor);
  return buildPreferenceDataset(db, plan, opts.onProgress);
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
