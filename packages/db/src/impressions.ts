// Click-log ingestion (issue #4): validated, batched, idempotent on impression id.
// Each batch is one INSERT statement (one transaction): an impression and its
// suggestions are written together or not at all, and an id already stored is skipped
// (ON CONFLICT DO NOTHING) and counted as a duplicate, as is an id repeated in the input.
// Timestamps are written as UTC ISO strings into `timestamp` (without time zone) columns,
// which is how Prisma stores DateTime.
import {
  buildToolMatcher,
  resolveSuggestionTool,
  validateImpression,
  type ImpressionRecord,
  type ToolMatcher,
  type ToolResolution,
} from "@toolrec/core";
import type { PrismaClient } from "./generated/client.js";
import { isDataError, sqlState } from "./sql-errors.js";

export interface IngestError {
  /** 0-based position of the record in the input (NDJSON: non-blank lines; CSV: impressions). */
  index: number;
  id: string | null;
  message: string;
  /** 1-based line in the file, when ingesting a file. */
  line?: number;
}

export interface IngestReport {
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: IngestError[];
}

export interface IngestProgress {
  processed: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface IngestOptions {
  /** Impressions per batch (one transaction each). Default 500. */
  batchSize?: number;
  /** `impressions.source`: "ingest" (default), "served" or "demo". */
  source?: string;
  /** Called after every committed batch. */
  onProgress?: (progress: IngestProgress) => void;
}

/** The tools ingestion checks against: which ids exist, which are enabled, and the matcher over enabled ones. */
export interface ToolResolver {
  exists(id: string): boolean;
  isEnabled(id: string): boolean;
  matcher: ToolMatcher;
}

export async function loadToolResolver(db: PrismaClient): Promise<ToolResolver> {
  const tools = await db.tool.findMany({ select: { id: true, enabled: true, canonicalQuery: true, utterances: true } });
  const enabled = new Map(tools.map((t) => [t.id, t.enabled]));
  return {
    exists: (id) => enabled.has(id),
    isEnabled: (id) => enabled.get(id) === true,
    matcher: buildToolMatcher(tools),
  };
}

interface Resolved {
  record: ImpressionRecord;
  tools: { toolId: string | null; resolution: ToolResolution }[];
  where: { index: number; line?: number };
}

const INSERT_BATCH = `
WITH ins AS (
  INSERT INTO impressions (id, user_id, "timestamp", user_query, assistant_response, history, desirable, source, retrieved_tools, ingested_at)
  SELECT *, $17::timestamp FROM unnest($1::text[], $2::text[], $3::timestamp[], $4::text[], $5::text[], $6::jsonb[], $7::boolean[], $8::text[], $18::jsonb[])
  ON CONFLICT (id) DO NOTHING
  RETURNING id
), sug AS (
  INSERT INTO impression_suggestions (impression_id, position, text, logged_tool_id, resolved_tool_id, resolution, exposed, clicked)
  SELECT s.* FROM unnest($9::text[], $10::int[], $11::text[], $12::text[], $13::text[], $14::text[], $15::boolean[], $16::boolean[])
    AS s(impression_id, position, text, logged_tool_id, resolved_tool_id, resolution, exposed, clicked)
  JOIN ins ON ins.id = s.impression_id
  RETURNING 1
)
SELECT id FROM ins`;

/**
 * Streams impressions in: `add` each raw record (it is validated at once and buffered),
 * `finish` for the report. Invalid records are rejected with their index and reason;
 * the others are written batch by batch.
 */
export class ImpressionIngestor {
  private readonly batch: Resolved[] = [];
  private readonly seen = new Set<string>();
  private readonly report: IngestReport = { accepted: 0, duplicates: 0, rejected: 0, errors: [] };
  private processed = 0;
  private readonly batchSize: number;

  private constructor(
    private readonly db: PrismaClient,
    private readonly tools: ToolResolver,
    private readonly opts: IngestOptions,
  ) {
    this.batchSize = Math.max(1, opts.batchSize ?? 500);
  }

  static async open(db: PrismaClient, opts: IngestOptions = {}): Promise<ImpressionIngestor> {
    return new ImpressionIngestor(db, await loadToolResolver(db), opts);
  }

  /** Records a record that could not even be parsed (e.g. a line that is not JSON). */
  reject(where: { index: number; line?: number }, id: string | null, message: string): void {
    this.processed++;
    this.report.rejected++;
    this.report.errors.push({ index: where.index, id, message, ...(where.line !== undefined ? { line: where.line } : {}) });
  }

  async add(raw: unknown, where: { index: number; line?: number }): Promise<void> {
    const check = validateImpression(raw, this.tools.exists);
    if (!check.ok) return this.reject(where, check.id, check.message);
    const record = check.value;
    if (this.seen.has(record.id)) {
      this.processed++;
      this.report.duplicates++;
      return;
    }
    this.seen.add(record.id);
    const tools = record.suggestions.map((s) => resolveSuggestionTool(s.text, s.toolId, this.tools.isEnabled, this.tools.matcher));
    this.batch.push({ record, tools, where });
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  async finish(): Promise<IngestReport> {
    await this.flush();
    this.report.errors.sort((a, b) => a.index - b.index);
    return this.report;
  }

  private async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const rows = this.batch.splice(0, this.batch.length);
    let inserted = 0;
    let refused = 0;
    try {
      inserted = await this.insert(rows);
    } catch (err) {
      if (!isDataError(err)) throw err;
      // The database refused something in the batch that validation let through: keep every
      // row it accepts, one statement each, and report the rest with their line and reason.
      for (const row of rows) {
        try {
          inserted += await this.insert([row]);
        } catch (rowErr) {
          if (!isDataError(rowErr)) throw rowErr;
          refused++;
          this.report.rejected++;
          this.report.errors.push({
            index: row.where.index,
            id: row.record.id,
            message: `the database refused this impression (SQLSTATE ${sqlState(rowErr)})`,
            ...(row.where.line !== undefined ? { line: row.where.line } : {}),
          });
        }
      }
    }
    this.processed += rows.length;
    this.report.accepted += inserted;
    this.report.duplicates += rows.length - refused - inserted;
    this.opts.onProgress?.({ processed: this.processed, accepted: this.report.accepted, duplicates: this.report.duplicates, rejected: this.report.rejected });
  }

  /** One INSERT statement (one transaction) for these impressions and their suggestions; returns how many were new. */
  private async insert(rows: readonly Resolved[]): Promise<number> {
    const source = this.opts.source ?? "ingest";
    const imp = { id: [] as string[], user: [] as string[], ts: [] as string[], q: [] as string[], a: [] as (string | null)[], h: [] as string[], d: [] as boolean[], src: [] as string[], rt: [] as (string | null)[] };
    const sug = { imp: [] as string[], pos: [] as number[], text: [] as string[], logged: [] as (string | null)[], resolved: [] as (string | null)[], how: [] as string[], exp: [] as boolean[], clk: [] as boolean[] };
    for (const { record: r, tools } of rows) {
      imp.id.push(r.id);
      imp.user.push(r.userId);
      imp.ts.push(r.timestamp.toISOString());
      imp.q.push(r.userQuery);
      imp.a.push(r.assistantResponse);
      imp.h.push(JSON.stringify(r.history));
      imp.d.push(r.desirable);
      imp.src.push(source);
      imp.rt.push(r.retrievedTools ? JSON.stringify(r.retrievedTools) : null);
      r.suggestions.forEach((s, position) => {
        const t = tools[position]!;
        sug.imp.push(r.id);
        sug.pos.push(position);
        sug.text.push(s.text);
        sug.logged.push(s.toolId);
        sug.resolved.push(t.toolId);
        sug.how.push(t.resolution);
        sug.exp.push(s.exposed);
        sug.clk.push(s.clicked);
      });
    }
    const inserted = await this.db.$queryRawUnsafe<{ id: string }[]>(
      INSERT_BATCH,
      imp.id, imp.user, imp.ts, imp.q, imp.a, imp.h, imp.d, imp.src,
      sug.imp, sug.pos, sug.text, sug.logged, sug.resolved, sug.how, sug.exp, sug.clk,
      new Date().toISOString(),
      imp.rt,
    );
    return inserted.length;
  }
}

/** Ingests a list of raw impressions (the API's ingestImpressions). */
export async function ingestImpressions(db: PrismaClient, impressions: readonly unknown[], opts: IngestOptions = {}): Promise<IngestReport> {
  const ingestor = await ImpressionIngestor.open(db, opts);
  for (let index = 0; index < impressions.length; index++) await ingestor.add(impressions[index], { index });
  return ingestor.finish();
}
