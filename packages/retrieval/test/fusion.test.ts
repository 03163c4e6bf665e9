import { describe, expect, it } from "vitest";
import { HybridRetriever, createDefaultPipeline, reciprocalRankFusion, runRetrieval } from "../src/fusion.js";
import type { Reranker } from "../src/fusion.js";
import type { Retriever, RetrievalQuery, StageHit } from "../src/types.js";
import { buildRetrievalQuery } from "../src/query.js";
import { loadDevset } from "../src/eval/data.js";
import { catalogDocuments } from "../test-support/catalog.js";
import { TOOLS } from "./fixtures.js";

const hits = (...ids: string[]): StageHit[] => ids.map((id, i) => ({ id, rank: i + 1, score: 10 - i }));

describe("reciprocalRankFusion", () => {
  it("scores sum(1 / (60 + rank)) over the lists by default", () => {
    const fused = reciprocalRankFusion([hits("a", "b", "c"), hits("b", "c", "d")]);
    const score = Object.fromEntries(fused.map((h) => [h.id, h.score]));
    expect(score.a).toBeCloseTo(1 / 61, 12);
    expect(score.b).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(score.c).toBeCloseTo(1 / 63 + 1 / 62, 12);
    expect(score.d).toBeCloseTo(1 / 63, 12);
    expect(fused.map((h) => h.id)).toEqual(["b", "c", "a", "d"]);
    expect(fused.map((h) => h.rank)).toEqual([1, 2, 3, 4]);
  });

  it("keeps each list's rank and score per document, keyed by name", () => {
    const fused = reciprocalRankFusion([hits("a", "b"), hits("b")], { names: ["lexical", "dense"] });
    const b = fused.find((h) => h.id === "b");
    expect(b?.stages).toEqual({ lexical: { rank: 2, score: 9 }, dense: { rank: 1, score: 10 } });
    expect(fused.find((h) => h.id === "a")?.stages).toEqual({ lexical: { rank: 1, score: 10 } });
  });

  it("honours k and per-list weights", () => {
    const [top] = reciprocalRankFusion([hits("a"), hits("b")], { k: 0, weights: [1, 3] });
    expect(top?.id).toBe("b");
    expect(top?.score).toBe(3);
    expect(() => reciprocalRankFusion([hits("a")], { weights: [1, 2] })).toThrow(RangeError);
    expect(() => reciprocalRankFusion([hits("a")], { k: -1 })).toThrow(RangeError);
  });

  it("breaks score ties by best rank, then id", () => {
    const fused = reciprocalRankFusion([hits("x", "y"), hits("y", "x")]);
    expect(fused.map((h) => h.id)).toEqual(["x", "y"]); // equal scores, equal best rank -> id
    const fused2 = reciprocalRankFusion([hits("z"), hits("q", "p")], { k: 0, weights: [0.5, 1] });
    // q: 1; z: 0.5 / 1 = 0.5 (best rank 1); p: 1 / 2 = 0.5 (best rank 2) -> z before p
    expect(fused2.map((h) => h.id)).toEqual(["q", "z", "p"]);
  });

  it("merges matched terms, ignores duplicate ids within a list, and truncates to topK", () => {
    const l1: StageHit[] = [
      { id: "a", rank: 1, score: 2, matchedTerms: ["wifi"] },
      { id: "a", rank: 2, score: 1, matchedTerms: ["dup"] },
    ];
    const l2: StageHit[] = [{ id: "a", rank: 1, score: 2, matchedTerms: ["wifi", "on"] }, { id: "b", rank: 2, score: 1 }];
    const fused = reciprocalRankFusion([l1, l2], { topK: 1 });
    expect(fused).toHaveLength(1);
    expect(fused[0]?.matchedTerms).toEqual(["wifi", "on"]);
    expect(fused[0]?.score).toBeCloseTo(2 / 61, 12);
  });

  it("returns [] for no lists or empty lists", () => {
    expect(reciprocalRankFusion([])).toEqual([]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});

/** A fake dense stage that returns a fixed order. */
function fixedRetriever(name: string, ids: string[]): Retriever {
  return {
    name,
    async search(_q: RetrievalQuery, topK: number) {
      return hits(...ids).slice(0, topK);
    },
  };
}

describe("HybridRetriever / runRetrieval", () => {
  it("the default runs the utterance stage only; its score is the sum of its parts, each reported", async () => {
    const p = createDefaultPipeline(TOOLS);
    expect(p.name).toBe("utterance");
    const run = await runRetrieval(p, { userQuery: "turn off the wifi" }, 3);
    expect(run.retriever).toBe("utterance");
    expect(run.tools[0]?.id).toBe("network.turn_off_wifi");
    const st = run.tools[0]!.stages;
    expect(run.tools[0]?.score).toBeCloseTo((st.utterance?.score ?? 0) + (st.context?.score ?? 0) + (st.prior?.score ?? 0) + (st.clicks?.score ?? 0) + (st.classifier?.score ?? 0), 9);
    expect(st.utterance?.rank).toBe(1);
    expect(run.tools[0]?.stages.lexical?.rank).toBe(1);
    expect(run.tools[0]?.stages.dense).toBeUndefined();
    expect(run.tools[0]?.matchedTerms).toEqual(expect.arrayContaining(["wifi", "off"]));
    expect(run.tools.map((t) => t.rank)).toEqual(run.tools.map((_, i) => i + 1));
    expect(run.latencyMs.lexical).toBeGreaterThanOrEqual(0);
    expect(run.latencyMs.query).toBeGreaterThanOrEqual(0);
    expect(run.latencyMs.total).toBeGreaterThanOrEqual(run.latencyMs.lexical ?? 0);
    expect(run.latencyMs.dense).toBeUndefined();
    expect(run.query.segments[0]?.text).toBe("turn off the wifi");
  });

  it("fuses lexical and dense by RRF and reports both stages", async () => {
    const dense = fixedRetriever("dense:fake", ["display.set_brightness", "network.turn_off_wifi"]);
    const p = new HybridRetriever(TOOLS, { lexical: true, dense, fuse: "rrf" });
    expect(p.name).toBe("rrf(utterance+dense:fake)");
    const run = await runRetrieval(p, { userQuery: "turn off the wifi" }, 5);
    const off = run.tools.find((t) => t.id === "network.turn_off_wifi");
    expect(off?.rank).toBe(1);
    expect(off?.stages).toMatchObject({ lexical: { rank: 1 }, dense: { rank: 2 } });
    expect(off?.score).toBeCloseTo(1 / 61 + 1 / 62, 12);
    const bright = run.tools.find((t) => t.id === "display.set_brightness");
    expect(bright?.stages.dense?.rank).toBe(1);
    expect(run.latencyMs.dense).toBeGreaterThanOrEqual(0);
    expect(run.latencyMs.fuse).toBeGreaterThanOrEqual(0);
  });

  it("explain: false (the serving path) ranks and scores exactly as the preview does, without the explanation", async () => {
    const docs = catalogDocuments();
    const dense = fixedRetriever("dense:fake", docs.slice(0, 30).map((d) => d.id));
    const clicks = loadDevset().filter((d) => d.split === "tune").slice(0, 50).map((d) => ({ dialogue: d.dialogue, toolId: d.relevant[0] as string }));
    const pipelines = [new HybridRetriever(docs, { clicks }), new HybridRetriever(docs, { clicks, dense })];
    const dialogues = loadDevset().slice(0, 120).map((d) => d.dialogue);
    let explained = 0;
    for (const p of pipelines) {
      for (const d of dialogues) {
        const q = buildRetrievalQuery(d);
        const full = await p.retrieve(q, 5);
        const lean = await p.retrieve(q, 5, {}, { explain: false });
        expect(lean.tools.map((t) => [t.id, t.rank, t.score])).toEqual(full.tools.map((t) => [t.id, t.rank, t.score]));
        for (const t of lean.tools) expect(t.matchedTerms).toEqual([]);
        explained += full.tools.filter((t) => t.matchedTerms.length > 0 && t.stages.utterance !== undefined).length;
      }
    }
    expect(explained).toBeGreaterThan(0);
  });

  it("a dense-only pipeline works without the lexical stage", async () => {
    const p = new HybridRetriever(TOOLS, { lexical: false, dense: fixedRetriever("dense:fake", ["storage.clear_cache"]) });
    const run = await runRetrieval(p, { userQuery: "anything" }, 5);
    expect(run.tools.map((t) => t.id)).toEqual(["storage.clear_cache"]);
    expect(() => new HybridRetriever(TOOLS, { lexical: false })).toThrow();
  });

  it("reranks only the top M of the fused list", async () => {
    const seen: string[][] = [];
    const reranker: Reranker = {
      name: "rerank:reverse",
      rerank(_q, docs) {
        seen.push(docs.map((d) => d.id));
        return docs.map((_, i) => i); // later fused rank -> higher score: reverses the head
      },
    };
    const dense = fixedRetriever("dense:fake", TOOLS.map((t) => t.id));
    const p = new HybridRetriever(TOOLS, { lexical: false, dense, rerank: reranker, rerankTopM: 3 });
    expect(p.name).toBe("dense:fake>rerank:reverse");
    const run = await runRetrieval(p, { userQuery: "x" }, 5);
    expect(seen).toEqual([TOOLS.slice(0, 3).map((t) => t.id)]);
    const ids = TOOLS.map((t) => t.id);
    expect(run.tools.map((t) => t.id)).toEqual([ids[2], ids[1], ids[0], ids[3], ids[4]]);
    expect(run.tools[0]?.stages.rerank).toEqual({ rank: 1, score: 2 });
    expect(run.tools[0]?.stages.dense?.rank).toBe(3);
    expect(run.tools[0]?.score).toBeCloseTo(1 / 63, 12); // still the fused score
    expect(run.tools[3]?.stages.rerank).toBeUndefined();
    expect(run.latencyMs.rerank).toBeGreaterThanOrEqual(0);
  });

  it("rejects a reranker that returns the wrong number of scores", async () => {
    const bad: Reranker = { name: "bad", rerank: () => [1] };
    const p = new HybridRetriever(TOOLS, { rerank: bad });
    await expect(runRetrieval(p, { userQuery: "wifi" }, 5)).rejects.toThrow(/scores/);
  });

  it("search() returns the final ranking as StageHits", async () => {
    const p = createDefaultPipeline(TOOLS);
    const out = await p.search({ segments: [{ text: "clear cache", weight: 1, source: "userQuery" }], text: "clear cache" }, 2);
    expect(out[0]).toMatchObject({ id: "storage.clear_cache", rank: 1 });
    expect(out.length).toBeLessThanOrEqual(2);
  });

  it("follows edits: upsert and remove reach the lexical stage and the dense stage", async () => {
    const calls: string[] = [];
    const dense = {
      ...fixedRetriever("dense:fake", []),
      upsert: (d: { id: string }) => calls.push(`upsert ${d.id}`),
      remove: (id: string) => calls.push(`remove ${id}`),
    };
    const p = new HybridRetriever(TOOLS, { dense });
    p.remove("storage.clear_cache");
    let run = await runRetrieval(p, { userQuery: "clear the cache" }, 5);
    expect(run.tools.map((t) => t.id)).not.toContain("storage.clear_cache");
    p.upsert({ ...TOOLS[4]!, utterances: ["purge cached junk"] });
    run = await runRetrieval(p, { userQuery: "purge" }, 5);
    expect(run.tools[0]?.id).toBe("storage.clear_cache");
    expect(calls).toEqual(["remove storage.clear_cache", "upsert storage.clear_cache"]);
    expect(p.documents()).toHaveLength(TOOLS.length);
  });

  it("rejects unknown fusion methods", () => {
    expect(() => new HybridRetriever(TOOLS, { fuse: "max" as unknown as "rrf" })).toThrow(/fusion/);
  });
});
