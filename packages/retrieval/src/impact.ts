// Impact preview of a tool edit on the dev set: which dialogues gain or lose a tool in their
// top k (default 5) when the indexed text changes. The API runs it before saving an edit.

import { createUtteranceRetriever } from "./utterance.js";
import type { UtteranceOptions } from "./utterance.js";
import { recallAtK } from "./metrics.js";
import type { DevsetItem } from "./metrics.js";
import { buildRetrievalQuery } from "./query.js";
import type { QueryBuildOptions } from "./query.js";
import type { Retriever, ToolDocument } from "./types.js";

export interface ImpactOptions {
  /** Size of the top list compared. Default 5. */
  k?: number;
  /** Options of buildRetrievalQuery. */
  query?: QueryBuildOptions;
}

export interface DialogueImpact {
  id: string;
  category: string;
  kind: string;
  relevant: string[];
  /** Top k before and after, best first. */
  before: string[];
  after: string[];
  /** Tools that entered / left the top k. */
  gained: string[];
  lost: string[];
  /** Relevant tools that entered / left the top k (the changes that move Recall@k). */
  relevantGained: string[];
  relevantLost: string[];
}

export interface ImpactReport {
  k: number;
  /** Dialogues scored. */
  dialogues: number;
  /** Dialogues whose top k set changed, with what changed. */
  changed: DialogueImpact[];
  /** Mean Recall@k over the dev set before and after. */
  recallBefore: number;
  recallAfter: number;
  /** Dialogues whose top k gained / lost a relevant tool. */
  improved: number;
  worsened: number;
}

/**
 * Compares two retrievers (the index before and after an edit) on every dev-set dialogue and
 * reports the dialogues whose top k changed as a set. Order changes inside the top k are not
 * reported.
 */
export async function impactPreview(
  before: Retriever,
  after: Retriever,
  devset: readonly DevsetItem[],
  options: ImpactOptions = {},
): Promise<ImpactReport> {
  const k = options.k ?? 5;
  const changed: DialogueImpact[] = [];
  let rb = 0;
  let ra = 0;
  let improved = 0;
  let worsened = 0;
  for (const item of devset) {
    const q = buildRetrievalQuery(item.dialogue, options.query);
    const b = (await before.search(q, k)).map((h) => h.id);
    const a = (await after.search(q, k)).map((h) => h.id);
    rb += recallAtK(b, item.relevant, k);
    ra += recallAtK(a, item.relevant, k);
    const bs = new Set(b);
    const as = new Set(a);
    const gained = a.filter((id) => !bs.has(id));
    const lost = b.filter((id) => !as.has(id));
    if (gained.length === 0 && lost.length === 0) continue;
    const rel = new Set(item.relevant);
    const relevantGained = gained.filter((id) => rel.has(id));
    const relevantLost = lost.filter((id) => rel.has(id));
    if (relevantGained.length > relevantLost.length) improved++;
    if (relevantLost.length > relevantGained.length) worsened++;
    changed.push({
      id: item.id,
      category: item.category,
      kind: item.kind,
      relevant: item.relevant,
      before: b,
      after: a,
      gained,
      lost,
      relevantGained,
      relevantLost,
    });
  }
  const n = devset.length;
  return {
    k,
    dialogues: n,
    changed,
    recallBefore: n === 0 ? 0 : rb / n,
    recallAfter: n === 0 ? 0 : ra / n,
    improved,
    worsened,
  };
}

/**
 * Impact of replacing (or adding) one tool's text on the embedded default (the utterance stage): builds the index
 * before and after the edit over `docs` and runs impactPreview. `edited` replaces the document
 * with the same id; pass `null` with `removedId` to preview disabling a tool.
 */
export async function previewToolEdit(
  docs: readonly ToolDocument[],
  edited: ToolDocument | null,
  devset: readonly DevsetItem[],
  options: ImpactOptions & { lexical?: UtteranceOptions; removedId?: string } = {},
): Promise<ImpactReport> {
  const before = createUtteranceRetriever(docs, options.lexical);
  // The same classifier on both sides: a retrained one would differ by its training, not by the edit.
  const classifierModel = before.classifier ?? undefined;
  const after = createUtteranceRetriever(docs, { ...options.lexical, ...(classifierModel ? { classifierModel } : {}) });
  if (edited) after.upsert(edited);
  if (options.removedId !== undefined) after.remove(options.removedId);
  return impactPreview(before, after, devset, options);
}
