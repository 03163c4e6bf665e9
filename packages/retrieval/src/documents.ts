// The one place a tool becomes a retrieval document. The catalog files (@toolrec/db's
// loadCatalog), the database rows the API syncs, and a tool editor's unsaved edit all carry
// these fields; every caller goes through toolDocument so the stages index the same text.

import type { ToolDocument } from "./types.js";

/** The tool fields retrieval reads. */
export interface ToolText {
  id: string;
  name: string;
  description: string;
  canonicalQuery: string;
  utterances: readonly string[];
  situations?: readonly string[] | null;
  categoryId: string;
  invocationCount?: number | null;
}

/** A tool as a retrieval document (copies the arrays, so later edits of `t` do not leak in). */
export function toolDocument(t: ToolText): ToolDocument {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    canonicalQuery: t.canonicalQuery,
    utterances: [...t.utterances],
    situations: [...(t.situations ?? [])],
    categoryId: t.categoryId,
    invocationCount: t.invocationCount ?? 0,
  };
}

/** Every text of a tool, each on its own: name, canonical query, utterances, situations, description. */
export function documentPhrases(d: ToolDocument): string[] {
  return [d.name, d.canonicalQuery, ...d.utterances, ...(d.situations ?? []), d.description];
}

/** True when two documents index the same text and prior. */
export function sameDocument(a: ToolDocument, b: ToolDocument): boolean {
  const same = (x: readonly string[] = [], y: readonly string[] = []) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.id === b.id &&
    a.name === b.name &&
    a.description === b.description &&
    a.canonicalQuery === b.canonicalQuery &&
    a.categoryId === b.categoryId &&
    (a.invocationCount ?? 0) === (b.invocationCount ?? 0) &&
    same(a.utterances, b.utterances) &&
    same(a.situations, b.situations)
  );
}
