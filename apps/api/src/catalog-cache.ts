// Hot-path catalog facts kept in memory: every tools page needs all categories and all
// enabled tools' invocation counts (for frequencyPercentile), and a query per request for
// them costs more than the page itself (environment.md: ~3.5-7 ms a query). Entries are
// dropped by the "catalog changed" signal (catalog-signal.ts): at once after this API's catalog
// mutations, and on NOTIFY for changes made by any other process. The `ttlMs` bound stays as a
// safety net for a lost LISTEN connection.
import { sortedInvocationCounts } from "@toolrec/core";
import type { Category, Db } from "@toolrec/db";

export class CatalogCache {
  private counts: { value: Promise<Float64Array>; at: number } | null = null;
  private cats: { value: Promise<Map<string, Category>>; at: number } | null = null;

  constructor(private db: Db, private ttlMs = 2000) {}

  private fresh(entry: { at: number } | null): boolean {
    return !!entry && Date.now() - entry.at < this.ttlMs;
  }

  /** Enabled tools' invocation counts, ascending (frequencyPercentile's input). */
  sortedEnabledCounts(): Promise<Float64Array> {
    if (!this.fresh(this.counts)) {
      const value = this.db.tool
        .findMany({ where: { enabled: true }, select: { id: true, invocationCount: true } })
        .then((rows) => sortedInvocationCounts(rows));
      value.catch(() => (this.counts = null));
      this.counts = { value, at: Date.now() };
    }
    return this.counts!.value;
  }

  categories(): Promise<Map<string, Category>> {
    if (!this.fresh(this.cats)) {
      const value = this.db.category.findMany().then((rows) => new Map(rows.map((c) => [c.id, c])));
      value.catch(() => (this.cats = null));
      this.cats = { value, at: Date.now() };
    }
    return this.cats!.value;
  }

  invalidate(): void {
    this.counts = null;
    this.cats = null;
  }
}
