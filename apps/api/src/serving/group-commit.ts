// Group commit for served impressions (issue 10): an impression is committed before its
// `suggestions` response returns, and concurrent requests share one transaction. A request
// hands its impression to write() and waits; the writer gathers what arrives within
// `windowMs` (or while the previous commit is in flight) into one INSERT statement (one
// transaction: impressions and their suggestions together), then resolves every waiter.
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

const INSERT_SERVED = `
WITH ins AS (
  INSERT INTO impressions (id, user_id, "timestamp", user_query, assistant_response, history, desirable, source, generator,
                           model_version_id, experiment_id, prompt_template_version, retrieved_tools, fallback_reason, ingested_at)
  SELECT i.*, now() FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::jsonb[], $7::boolean[], $8::text[], $9::text[],
                                 $10::text[], $11::text[], $12::text[], $13::jsonb[], $14::text[]) AS i
  RETURNING id
)
INSERT INTO impression_suggestions (impression_id, position, text, logged_tool_id, resolved_tool_id, resolution, exposed, clicked, origin)
SELECT s.impression_id, s.position, s.text, s.tool_id, s.tool_id, CASE WHEN s.tool_id IS NULL THEN 'none' ELSE 'logged' END, s.exposed, false, s.origin
FROM unnest($15::text[], $16::int[], $17::text[], $18::text[], $19::boolean[], $20::text[]) AS s(impression_id, position, text, tool_id, exposed, origin)
JOIN ins ON ins.id = s.impression_id`;

interface Waiter {
  row: ServedImpressionRow;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  /** How long the first impression of a group waits for company (default 2 ms). */
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
    if (this.queue.length >= this.maxBatch) {
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
    const i = { id: [] as string[], user: [] as string[], ts: [] as string[], q: [] as string[], a: [] as (string | null)[], h: [] as string[], d: [] as boolean[], src: [] as string[], gen: [] as string[], mv: [] as string[], exp: [] as (string | null)[], tpl: [] as string[], rt: [] as string[], fb: [] as (string | null)[] };
    const s = { imp: [] as string[], pos: [] as number[], text: [] as string[], tool: [] as (string | null)[], exposed: [] as boolean[], origin: [] as string[] };
    for (const r of rows) {
      i.id.push(r.id);
      i.user.push(r.userId);
      i.ts.push(r.timestamp.toISOString());
      i.q.push(r.userQuery);
      i.a.push(r.assistantResponse);
      i.h.push(JSON.stringify(r.history ?? []));
      i.d.push(false);
      i.src.push(r.source);
      i.gen.push(r.generator);
      i.mv.push(r.modelVersionId);
      i.exp.push(r.experimentId);
      i.tpl.push(r.promptTemplateVersion);
      i.rt.push(JSON.stringify(r.retrievedTools));
      i.fb.push(r.fallbackReason);
      for (const x of r.suggestions) {
        s.imp.push(r.id);
        s.pos.push(x.position);
        s.text.push(x.text);
        s.tool.push(x.toolId);
        s.exposed.push(x.exposed);
        s.origin.push(x.origin);
      }
    }
    const params = [i.id, i.user, i.ts, i.q, i.a, i.h, i.d, i.src, i.gen, i.mv, i.exp, i.tpl, i.rt, i.fb, s.imp, s.pos, s.text, s.tool, s.exposed, s.origin];
    if (this.options.execute) await this.options.execute(INSERT_SERVED, params);
    else await this.db.$executeRawUnsafe(INSERT_SERVED, ...params);
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
