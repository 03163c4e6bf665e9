// Group commit for served impressions (issue 10): an impression is committed before its
// `suggestions` response returns, and concurrent requests share one transaction. A request
// hands its impression to write() and waits; with no commit in flight it is committed at once,
// else the writer gathers what arrives within `windowMs` (or while every commit slot is busy)
// into one INSERT statement (one transaction: impressions and their suggestions together), then
// resolves every waiter.
// Nothing is acknowledged before its commit, so a crash loses only requests that never got
// an answer: there is no queue that outlives a response.
//
// The statement goes through `execute` when given: server.ts passes a small node-postgres pool
// of its own with a named (prepared) statement, so a batch costs one Bind/Execute instead of
// Prisma's per-call query compilation (about a tenth of a suggestion's CPU under load). Without
// it, through Prisma.
import pg from "pg";
import { UnavailableError } from "@toolrec/core";
import type { Db } from "@toolrec/db";

export interface ServedSuggestionRow {
  position: number;
  text: string;
  /** The enabled tool it resolves to, or null (a general query). */
  toolId: string | null;
  exposed: boolean;
  /** "model" or "grounded". */
  origin: string;
}

export interface ServedImpressionRow {
  id: string;
  userId: string;
  timestamp: Date;
  userQuery: string;
  assistantResponse: string | null;
  history: unknown;
  /** "served" or "playground". */
  source: string;
  generator: string;
  modelVersionId: string;
  experimentId: string | null;
  promptTemplateVersion: string;
  retrievedTools: { toolId: string; rank: number; score: number }[];
  fallbackReason: string | null;
  suggestions: ServedSuggestionRow[];
}

// The batch travels as one jsonb parameter (one JSON.stringify; node-postgres' escaping of 20
// array parameters element by element cost more than the statement), unpacked by PostgreSQL.
const INSERT_SERVED = `
WITH r AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id text, user_id text, ts timestamptz, q text, a text, h jsonb, src text, gen text,
                                                    mv text, exp text, tpl text, rt jsonb, fb text, s jsonb)
), ins AS (
  INSERT INTO impressions (id, user_id, "timestamp", user_query, assistant_response, history, desirable, source, generator,
                           model_version_id, experiment_id, prompt_template_version, retrieved_tools, fallback_reason, ingested_at)
  SELECT id, user_id, ts, q, a, h, false, src, gen, mv, exp, tpl, rt, fb, now() FROM r
  RETURNING id
)
INSERT INTO impression_suggestions (impression_id, position, text, logged_tool_id, resolved_tool_id, resolution, exposed, clicked, origin)
SELECT r.id, s.p, s.t, s.tool, s.tool, CASE WHEN s.tool IS NULL THEN 'none' ELSE 'logged' END, s.x, false, s.o
FROM r JOIN ins ON ins.id = r.id, jsonb_to_recordset(r.s) AS s(p int, t text, tool text, x boolean, o text)`;

/**
 * A model's text as PostgreSQL can store it: no NUL, no unpaired surrogate (U+FFFD instead).
 * One bad suggestion must not fail the whole group's transaction; the response shows the same text.
 */
export function storableText(text: string): string {
  if (!/[\u0000\ud800-\udfff]/.test(text)) return text; // code units: any surrogate, paired or not

  return text.replace(/\u0000/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

interface Waiter {
  row: ServedImpressionRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  /** How long an impression arriving while a commit is in flight waits for company (default 2 ms); with none in flight it goes at once. */
  windowMs?: number;
  /** Most impressions per transaction (default 256). */
  maxBatch?: number;
  /** Commits in flight at once (default 2: one gathers while the other commits). */
  maxInFlight?: number;
  onCommit?: (size: number) => void;
  /** Runs the one INSERT statement (one implicit transaction); default: Prisma's $executeRawUnsafe. */
  execute?: (sql: string, params: unknown[]) => Promise<unknown>;
}

/** The INSERT of a group commit (for an `execute` that prepares it by name). */
export const INSERT_SERVED_SQL = INSERT_SERVED;

export class GroupCommitWriter {
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  private readonly windowMs: number;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly options: GroupCommitOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 2;
    this.maxBatch = options.maxBatch ?? 256;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  /** Resolves once the impression and its suggestions are committed. */
  write(row: ServedImpressionRow): Promise<void> {
    // The API is shutting down (a request whose client already left): nothing is logged, and
    // nothing was answered.
    if (this.closed) return Promise.reject(new UnavailableError("the API is shutting down; the impression was not logged"));
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    // Nothing committing: nobody is about to join, so waiting would only add latency (a lone
    // client's request, or the first of a burst). While a commit is in flight, newcomers wait
    // the window for company, and what queues behind full slots goes as one group.
    if (this.queue.length >= this.maxBatch || this.inFlight === 0) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.windowMs);
  }

  private flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.queue.length === 0 || this.inFlight >= this.maxInFlight) return;
    const batch = this.queue.splice(0, this.maxBatch);
    this.inFlight++;
    this.commit(batch.map((w) => w.row)).then(
      () => {
        this.options.onCommit?.(batch.length);
        for (const w of batch) w.resolve();
      },
      (err: unknown) => {
        for (const w of batch) w.reject(err);
      },
    ).finally(() => {
      this.inFlight--;
      // What arrived during the commit goes at once: it has waited long enough.
      if (this.queue.length > 0) this.flush();
    });
  }

  private async commit(rows: readonly ServedImpressionRow[]): Promise<void> {
    const batch = JSON.stringify(
      rows.map((r) => ({
        id: r.id, user_id: r.userId, ts: r.timestamp.toISOString(), q: r.userQuery, a: r.assistantResponse, h: r.history ?? [], src: r.source,
        gen: r.generator, mv: r.modelVersionId, exp: r.experimentId, tpl: r.promptTemplateVersion, rt: r.retrievedTools, fb: r.fallbackReason,
        s: r.suggestions.map((x) => ({ p: x.position, t: x.text, tool: x.toolId, x: x.exposed, o: x.origin })),
      })),
    );
    if (this.options.execute) await this.options.execute(INSERT_SERVED, [batch]);
    else await this.db.$executeRawUnsafe(INSERT_SERVED, batch);
  }

  /** Commits what is queued, then refuses new writes. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.queue.length > 0 || this.inFlight > 0) {
      this.flush();
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

/**
 * An `execute` over a node-postgres pool of its own (one connection per commit in flight),
 * each statement prepared once per connection by name.
 */
export function pgExecutor(databaseUrl: string, connections: number, onError: (err: Error) => void = () => undefined) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: connections });
  // An idle connection that dies (a database restart) must not take the API down; the next commit opens another.
  pool.on("error", onError);
  return {
    execute: (text: string, values: unknown[]) => pool.query({ name: "toolrec_group_commit", text, values }),
    close: () => pool.end(),
  };
}
