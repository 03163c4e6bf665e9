// One "catalog changed" signal (issue 9 code item 7). The caches that depend on the catalog
// (tools and categories) subscribe to it: the catalog cache, the calibration window cache and
// the retrieval index. A catalog mutation in this API fires it at once (through the request
// context, from `audited`), and a change made by any other process (another API, the CLI,
// psql) reaches every API through PostgreSQL LISTEN/NOTIFY: a statement trigger on tools and
// categories sends NOTIFY toolrec_catalog on commit (migration 20261204184500_catalog_notify).
// Mutations that do not touch the catalog (API keys, datasets, impressions) never fire it.
import pg from "pg";

export type CatalogListener = (change: { reason: string; remote: boolean }) => void;

export const CATALOG_CHANNEL = "toolrec_catalog";

export class CatalogSignal {
  private readonly listeners = new Set<CatalogListener>();
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  /** True while the LISTEN connection is up (changes from other processes arrive). */
  listening = false;

  constructor(private readonly log: (line: string) => void = () => undefined) {}

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: CatalogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The catalog changed (here, or as another process told us): every subscriber drops what it holds. */
  changed(reason: string, remote = false): void {
    for (const listener of this.listeners) {
      try {
        listener({ reason, remote });
      } catch (err) {
        this.log(`a catalog subscriber failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  /** LISTENs on the database for changes made by other processes; reconnects when the connection drops. */
  async listen(databaseUrl: string): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on("notification", (n) => {
      if (n.channel === CATALOG_CHANNEL) this.changed(`${n.payload ?? "catalog"} changed (NOTIFY)`, true);
    });
    client.on("error", (err) => {
      this.listening = false;
      this.log(`catalog LISTEN connection lost (${err.message}); reconnecting`);
      void client.end().catch(() => undefined);
      this.reconnect(databaseUrl);
    });
    await client.connect();
    await client.query(`LISTEN ${CATALOG_CHANNEL}`);
    this.client = client;
    this.listening = true;
  }

  private reconnect(databaseUrl: string): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.closed) return;
      this.listen(databaseUrl)
        // Changes may have been missed while disconnected: everyone reloads once.
        .then(() => this.changed("LISTEN reconnected", true))
        .catch(() => this.reconnect(databaseUrl));
    }, 1000);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.listening = false;
    this.listeners.clear();
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }
}
