// Keeping the API's retrieval documents in step with the tools table, and the click pairs in
// step with the click log.
//
//  - sync(force): one aggregate query (count, max(updated_at), sum(version) over tools); when
//    it differs from the last one (or `force`), every tool's (id, version, updated_at) is read
//    and only the changed enabled tools are re-read (whole rows, kept for previews); listeners
//    get the upserts and removals.
//  - The click log's signature (clicked suggestions: count) is checked in the same sync; when
//    it changed, the click pairs are re-read (loadClickPairs) and handed to the listeners.
//  - requestSync() serialises syncs: a request during a sync runs one more afterwards.
import { loadClickPairs, type ClickPairRow, type Db, type Tool } from "@toolrec/db";
import { sameDocument, toolDocument, type ToolDocument } from "@toolrec/retrieval";

export interface CatalogChange {
  /** Tools whose retrieval document changed (or is new). */
  upserts: ToolDocument[];
  removed: string[];
  /** Rows re-read this sync (a change outside the document, e.g. parameters, counts here too). */
  rowsChanged: number;
}

export interface CatalogSyncListener {
  onCatalogChange(change: CatalogChange, docs: ReadonlyMap<string, ToolDocument>): void;
  onClickPairs?(pairs: ClickPairRow[]): void;
}

export class CatalogSync {
  /** The enabled tools, by id, and the stamp (version + updatedAt) they were read at. */
  readonly docs = new Map<string, ToolDocument>();
  /**
   * The same tools' whole rows, read in the same sync: previews and suggestion serving answer
   * with the rows the ranking was computed from, without a database read per request.
   */
  readonly rows = new Map<string, Tool>();
  private readonly stamps = new Map<string, string>();
  private signature: string | null = null;
  private clickSignature: string | null = null;
  clickPairs = 0;
  lastSyncAt: Date | null = null;
  lastSyncError: string | null = null;

  private syncing: Promise<void> | null = null;
  private again = false;
  private forced = false;
  closed = false;

  constructor(
    private readonly db: Db,
    private readonly listener: CatalogSyncListener,
    private readonly log: (line: string) => void,
  ) {}

  /** Resolves once the documents reflect every change signalled so far. */
  async settled(): Promise<void> {
    while (this.syncing) await this.syncing.catch(() => undefined);
  }

  requestSync(force: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.syncing) {
      this.again = true;
      if (force) this.forced = true;
      return this.syncing;
    }
    const run = (async () => {
      try {
        do {
          this.again = false;
          const f = this.forced;
          this.forced = false;
          await this.sync(f || force);
          force = false;
        } while (this.again && !this.closed);
      } finally {
        this.syncing = null;
      }
    })();
    this.syncing = run.catch((e: unknown) => {
      const message = (e as Error).message;
      if (message !== this.lastSyncError) this.log(`catalog sync failed: ${message}`);
      this.lastSyncError = message;
    });
    return this.syncing;
  }

  /** Marks the next sync as forced (the API's own tool mutations). */
  force(): void {
    this.forced = true;
  }

  async sync(force: boolean): Promise<void> {
    await this.syncTools(force);
    await this.syncClicks();
    this.lastSyncAt = new Date();
    this.lastSyncError = null;
  }

  private async syncTools(force: boolean): Promise<void> {
    const [agg] = await this.db.$queryRaw<{ n: number; latest: Date | null; versions: bigint | number | null }[]>`
      SELECT count(*)::int AS n, max(updated_at) AS latest, sum(version)::bigint AS versions FROM tools`;
    const signature = `${agg?.n ?? 0}:${agg?.latest ? new Date(agg.latest).getTime() : 0}:${String(agg?.versions ?? 0)}`;
    if (!force && signature === this.signature) return;

    const rows = await this.db.tool.findMany({ where: { enabled: true }, select: { id: true, version: true, updatedAt: true } });
    const wanted = new Map(rows.map((r) => [r.id, `${r.version}:${r.updatedAt.getTime()}`]));
    const changedIds = rows.filter((r) => this.stamps.get(r.id) !== wanted.get(r.id)).map((r) => r.id);
    const removed = [...this.docs.keys()].filter((id) => !wanted.has(id));

    const upserts: ToolDocument[] = [];
    let rowsChanged = 0;
    for (let i = 0; i < changedIds.length; i += 1000) {
      const full = await this.db.tool.findMany({
        where: { id: { in: changedIds.slice(i, i + 1000) }, enabled: true },
      });
      for (const t of full) {
        const doc = toolDocument(t);
        this.rows.set(t.id, t);
        rowsChanged++;
        const prev = this.docs.get(t.id);
        this.stamps.set(t.id, `${t.version}:${t.updatedAt.getTime()}`);
        if (!prev || !sameDocument(prev, doc)) upserts.push(doc);
      }
    }
    for (const id of removed) {
      this.docs.delete(id);
      this.rows.delete(id);
      this.stamps.delete(id);
    }
    for (const doc of upserts) this.docs.set(doc.id, doc);
    this.signature = signature;
    if (removed.length > 0 || rowsChanged > 0) this.listener.onCatalogChange({ upserts, removed, rowsChanged }, this.docs);
  }

  /** Reads the click pairs again and hands them to the listener. */
  async reloadClickPairs(): Promise<void> {
    this.clickSignature = null;
    await this.syncClicks();
  }

  private async syncClicks(): Promise<void> {
    const [agg] = await this.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM impression_suggestions WHERE clicked AND resolved_tool_id IS NOT NULL`;
    const signature = String(agg?.n ?? 0);
    if (signature === this.clickSignature) return;
    const pairs = (agg?.n ?? 0) > 0 ? await loadClickPairs(this.db) : [];
    this.clickSignature = signature;
    this.clickPairs = pairs.length;
    this.listener.onClickPairs?.(pairs);
  }
}
