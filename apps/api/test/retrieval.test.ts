// Retrieval (issue #5) over real HTTP and a real database, once per available backend: the
// contract's retrievalPreview, per-stage scores, validation, staying in sync with tool edits
// (the API's own mutations and imports made elsewhere), the Postgres-backed embedding store,
// the dense stage with the fixture model, the dev-set impact of an unsaved edit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_DEVSET_PATH, importTools, PostgresEmbeddingStore, type ToolInput } from "@toolrec/db";
import { textHash } from "@toolrec/retrieval";
import { writeFixtureModel } from "@toolrec/retrieval/test-support";
import { evaluationView } from "../src/resolvers/retrieval.js";
import { RetrievalService } from "../src/retrieval/service.js";
import { availableBackends, errorOf, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

// Fast polling so that the "import made elsewhere" test does not wait long; an evaluation file
// of our own so the test does not depend on whether `npm run eval:retrieval` has run.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-retrieval-test-"));
const evalPath = path.join(tmp, "retrieval-latest.json");
fs.writeFileSync(
  evalPath,
  JSON.stringify({
    generatedAt: "2026-11-26T00:00:00.000Z",
    catalog: { source: "test", tools: 708 },
    devset: { path: "packages/retrieval/devset/dialogues.jsonl", dialogues: 2 },
    retrievers: [
      {
        label: "bm25 (default)",
        retriever: "bm25",
        default: true,
        latencyMs: { p50: 0.5, p95: 1.5, mean: 0.7 },
        overall: { n: 2, recallAt1: 0.5, recallAt5: 1, recallAt10: 1, ndcgAt5: 0.8, mrr: 0.75 },
        byCategory: { storage: { n: 2, recallAt1: 0.5, recallAt5: 1, recallAt10: 1, ndcgAt5: 0.8, mrr: 0.75 } },
        byKind: { direct: { n: 2, recallAt1: 0.5, recallAt5: 1, recallAt10: 1, ndcgAt5: 0.8, mrr: 0.75 } },
        items: [],
      },
    ],
  }),
);
process.env.TOOLREC_RETRIEVAL_POLL_MS = "200";
process.env.TOOLREC_RETRIEVAL_EVAL_PATH = evalPath;
process.env.TOOLREC_MODELS_DIR = path.join(tmp, "no-models-here");
delete process.env.TOOLREC_RETRIEVAL_DENSE_MODEL;
delete process.env.TOOLREC_RETRIEVAL_RERANK_MODEL;

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const PREVIEW = `query($d: DialogueInput!, $n: Int, $c: RetrievalConfigInput) {
  retrievalPreview(dialogue: $d, topN: $n, config: $c) {
    retriever
    tools {
      rank score matchedTerms
      tool { id name version utterances enabled category { id } }
      stages {
        lexical { rank score } utterance { rank score } context { rank score } prior { rank score } clicks { rank score } classifier { rank score }
        dense { rank score } rerank { rank score } fused { rank score }
      }
    }
    latencyMs { total query lexical dense fuse rerank }
    query { text segments { text weight source } }
    stagesUsed { lexical dense rerank context prior clicks classifier }
  }
}`;

interface Hit {
  rank: number;
  score: number;
  matchedTerms: string[];
  tool: { id: string; name: string; version: number; utterances: string[]; enabled: boolean; category: { id: string } };
  stages: Record<"lexical" | "utterance" | "context" | "prior" | "clicks" | "classifier" | "dense" | "rerank" | "fused", { rank: number; score: number } | null>;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(backends)("retrieval API on %s", (backend) => {
  let api: TestApi;
  const keys: Record<string, string> = {};

  beforeAll(async () => {
    api = await startTestApi(backend);
    for (const role of ["SERVICE", "CURATOR", "ENGINEER"]) {
      const res = await api.gql(`mutation($n: String!, $r: ApiRole!) { createApiKey(name: $n, role: $r) { key } }`, { n: `${role} key`, r: role });
      keys[role] = res.data.createApiKey.key;
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  const preview = (dialogue: Record<string, unknown>, opts: { topN?: number; config?: Record<string, unknown>; key?: string | null } = {}) =>
    api.gql(PREVIEW, { d: dialogue, n: opts.topN, c: opts.config }, opts.key === undefined ? api.adminApiKey : opts.key);

  it("answers the contract query with ranked tools: storage tools for a full, slow phone", async () => {
    const res = await api.gql(
      `query($d: DialogueInput!) { retrievalPreview(dialogue: $d) { retriever tools { rank score tool { id name category { id } } } } }`,
      { d: { userQuery: "my phone is so slow and storage is full" } },
      keys.SERVICE,
    );
    expect(res.errors).toBeUndefined();
    const r = res.data.retrievalPreview;
    expect(r.retriever).toBe("utterance");
    expect(r.tools).toHaveLength(5);
    expect(r.tools.map((t: Hit) => t.rank)).toEqual([1, 2, 3, 4, 5]);
    const scores = r.tools.map((t: Hit) => t.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const storage = r.tools.filter((t: Hit) => t.tool.category.id === "storage").map((t: Hit) => t.tool.id);
    expect(storage.length).toBeGreaterThanOrEqual(3);
    // Among them an action that frees space (which of the two ranks higher moves with the catalog's phrases).
    expect(storage.filter((id: string) => id === "storage.free_up_space" || id === "storage.clear_cache").length, storage.join(", ")).toBeGreaterThan(0);
  });

  it("lets SERVICE, CURATOR, ENGINEER and ADMIN preview; no key is UNAUTHENTICATED", async () => {
    for (const key of [keys.SERVICE, keys.CURATOR, keys.ENGINEER, api.adminApiKey]) {
      const res = await preview({ userQuery: "turn on the flashlight" }, { key });
      expect(res.errors).toBeUndefined();
      expect(res.data.retrievalPreview.tools.length).toBeGreaterThan(0);
    }
    const none = await preview({ userQuery: "turn on the flashlight" }, { key: null });
    expect(errorOf(none).code).toBe("UNAUTHENTICATED");
  });

  it("explains each tool: per-stage rank and score, fused score, matched terms, latency and the weighted query", async () => {
    const res = await preview(
      {
        userQuery: "yes please do that",
        assistantResponse: "Your storage is almost full. I can clear the cache to free up space.",
        history: [
          { role: "USER", content: "my phone keeps saying storage is full" },
          { role: "ASSISTANT", content: "That usually means photos and app data are piling up." },
        ],
      },
      { topN: 10 },
    );
    expect(res.errors).toBeUndefined();
    const r = res.data.retrievalPreview;
    expect(r.tools).toHaveLength(10);
    expect(r.stagesUsed).toEqual({ lexical: true, dense: false, rerank: false, context: true, prior: true, clicks: true, classifier: true });
    const top: Hit = r.tools[0];
    expect(top.tool.category.id).toBe("storage");
    for (const t of r.tools as Hit[]) {
      expect(t.stages.lexical).not.toBeNull();
      expect(t.stages.lexical!.score).toBeGreaterThan(0);
      expect(t.stages.dense).toBeNull();
      expect(t.stages.rerank).toBeNull();
      expect(t.stages.fused).toEqual({ rank: t.rank, score: t.score });
      // One first stage: the score is the utterance stage's parts summed, each reported.
      const parts = (["utterance", "context", "prior", "clicks", "classifier"] as const).reduce((sum, k) => sum + (t.stages[k]?.score ?? 0), 0);
      expect(t.score).toBeCloseTo(parts, 9);
      expect(t.stages.prior!.score).toBeGreaterThan(0);
    }
    // The earlier turns and the response ("storage", "cache") are the context part's evidence.
    expect(top.stages.context!.score).toBeGreaterThan(0);
    const noContext = (await preview(
      { userQuery: "yes please do that", assistantResponse: "Your storage is almost full. I can clear the cache to free up space." },
      { topN: 10, config: { context: false, prior: false } },
    )).data.retrievalPreview;
    expect(noContext.stagesUsed).toMatchObject({ context: false, prior: false });
    expect((noContext.tools as Hit[]).every((t) => t.stages.context === null && t.stages.prior === null)).toBe(true);
    expect(top.matchedTerms.length).toBeGreaterThan(0);
    expect(top.matchedTerms.some((w) => /storage|cache|full|space/.test(w))).toBe(true);
    expect(r.latencyMs.total).toBeGreaterThan(0);
    expect(r.latencyMs.lexical).not.toBeNull();
    expect(r.latencyMs.dense).toBeNull();
    const sources = r.query.segments.map((s: { source: string }) => s.source);
    expect(sources).toEqual(["userQuery", "assistantResponse", "history", "history"]);
    expect(r.query.segments.map((s: { weight: number }) => s.weight)).toEqual([1, 0.5, 0.25, 0.25]); // newest turn (assistant) 0.5·0.5; the user turn before it 0.5·0.5·1
    expect(r.query.text.split("\n")[0]).toBe("yes please do that");
  });

  it("rejects bad input with BAD_USER_INPUT naming the field", async () => {
    const cases: [Record<string, unknown>, { topN?: number; config?: Record<string, unknown> }, string][] = [
      [{ userQuery: "" }, {}, "dialogue.userQuery"],
      [{ userQuery: "   " }, {}, "dialogue.userQuery"],
      [{ userQuery: "flashlight" }, { topN: 0 }, "topN"],
      [{ userQuery: "flashlight" }, { topN: 51 }, "topN"],
      [{ userQuery: "flashlight" }, { config: { dense: true } }, "config.dense"],
      [{ userQuery: "flashlight" }, { config: { rerank: true } }, "config.rerank"],
      [{ userQuery: "flashlight" }, { config: { lexical: false } }, "config"],
    ];
    for (const [dialogue, opts, field] of cases) {
      const res = await preview(dialogue, opts);
      expect(errorOf(res), JSON.stringify({ dialogue, opts })).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const ok = await preview({ userQuery: "open the settings on my phone and turn the screen on" }, { topN: 50, config: { lexical: true, dense: false, rerank: null } });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.retrievalPreview.tools).toHaveLength(50);
  });

  it("follows an edit through updateTool on the very next preview, without a restart", async () => {
    const phrase = { userQuery: "zorblax quuxification of the gadget" };
    const before = await preview(phrase);
    expect(before.errors).toBeUndefined();
    expect(before.data.retrievalPreview.tools.map((t: Hit) => t.tool.id)).not.toContain("sound.clean_speaker");

    const tool = (await api.gql(`{ tool(id: "sound.clean_speaker") { version utterances } }`)).data.tool;
    const saved = await api.gql(
      `mutation($v: Int!, $u: [String!]!) { updateTool(id: "sound.clean_speaker", version: $v, input: { utterances: $u }) { version } }`,
      { v: tool.version, u: [...tool.utterances, "zorblax quuxification"] },
      keys.CURATOR,
    );
    expect(saved.errors).toBeUndefined();
    const after = await preview(phrase);
    const top: Hit = after.data.retrievalPreview.tools[0];
    expect(top.tool.id).toBe("sound.clean_speaker");
    expect(top.matchedTerms).toEqual(expect.arrayContaining(["zorblax", "quuxification"]));
    // The tool shown is the saved row the ranking used (previews serve the synced rows, not a read per request).
    expect(top.tool.version).toBe(saved.data.updateTool.version);
    expect(top.tool.utterances).toContain("zorblax quuxification");

    // A rename shows on the very next preview.
    const renamed = await api.gql(
      `mutation($v: Int!) { updateTool(id: "sound.clean_speaker", version: $v, input: { name: "Clean the speaker (zorblax)" }) { version } }`,
      { v: saved.data.updateTool.version },
      keys.CURATOR,
    );
    expect(renamed.errors).toBeUndefined();
    const shown: Hit = (await preview(phrase)).data.retrievalPreview.tools[0];
    expect(shown.tool).toMatchObject({ id: "sound.clean_speaker", name: "Clean the speaker (zorblax)", version: renamed.data.updateTool.version });

    // Disabling removes it from retrieval at once.
    const disabled = await api.gql(
      `mutation($v: Int!) { updateTool(id: "sound.clean_speaker", version: $v, input: { enabled: false }) { version } }`,
      { v: renamed.data.updateTool.version },
    );
    expect(disabled.errors).toBeUndefined();
    const gone = await preview(phrase);
    expect(gone.data.retrievalPreview.tools.map((t: Hit) => t.tool.id)).not.toContain("sound.clean_speaker");
    await api.gql(`mutation($v: Int!) { updateTool(id: "sound.clean_speaker", version: $v, input: { enabled: true }) { version } }`, {
      v: disabled.data.updateTool.version,
    });
  });

  it("retrains the phrase classifier after an edit without holding requests: the previous model serves until the new one is in", async () => {
    const STATUS = `{ retrievalStatus { documents classifier { state progress tools trainingMs } } }`;
    const status = async () => (await api.gql(STATUS, {}, keys.ENGINEER)).data.retrievalStatus;
    const ready = async (what: string) =>
      waitFor(what, async () => {
        const s = await status();
        return s.classifier.state === "READY" && s;
      });
    // Earlier tests' edits may still be training.
    const start = await ready("the classifier before the edit");
    expect(start.classifier).toMatchObject({ progress: 1, tools: start.documents });
    expect(start.classifier.trainingMs).toBeGreaterThan(0);

    // A word of its own per backend: both APIs run in one process, which keeps trained models by catalog text.
    const word = backend === "embedded" ? "flubbergast" : "snorkelwump";
    const phrase = { userQuery: `the ${word} is wobbling again` };
    const tool = (await api.gql(`{ tool(id: "sound.increase_volume") { version utterances } }`)).data.tool;
    const saved = await api.gql(
      `mutation($v: Int!, $u: [String!]!) { updateTool(id: "sound.increase_volume", version: $v, input: { utterances: $u }) { version } }`,
      { v: tool.version, u: [...tool.utterances, `my ${word} is wobbling`] },
      keys.CURATOR,
    );
    expect(saved.errors).toBeUndefined();
    // The next preview is answered from the new index at once; the model that serves it was
    // trained before the edit and has never seen these words, so it adds nothing.
    const during = await preview(phrase);
    const first: Hit = during.data.retrievalPreview.tools[0];
    expect(first.tool.id).toBe("sound.increase_volume");
    expect(first.stages.classifier).toBeNull();
    const training = await status();
    expect(training.classifier.state).toBe("TRAINING");
    expect(training.classifier.progress).toBeLessThan(1);

    const retrained = await ready("the retrained classifier");
    expect(retrained.classifier.tools).toBe(retrained.documents);
    const after: Hit = (await preview(phrase)).data.retrievalPreview.tools[0];
    expect(after.tool.id).toBe("sound.increase_volume");
    expect(after.stages.classifier?.score).toBeGreaterThan(0);
  });

  it("learns from clicks: an ingested clicked suggestion adds click evidence for its tool, switchable per request", async () => {
    const dialogue = { userQuery: "the grandkids are coming round tonight" };
    const before = (await preview(dialogue, { topN: 10 })).data.retrievalPreview;
    expect((before.tools as Hit[]).every((t) => t.stages.clicks === null)).toBe(true);
    const ingest = await api.gql(`mutation($i: [ImpressionInput!]!) { ingestImpressions(impressions: $i) { accepted } }`, {
      i: [
        {
          id: "click-pair-1",
          userId: "u-clicks",
          timestamp: "2026-04-21T10:00:00Z",
          dialogue: { userQuery: "grandkids coming round tonight, what should I set up" },
          suggestions: [{ text: "Turn on the flashlight", toolId: "camera.turn_on_flashlight", clicked: true }],
        },
      ],
    });
    expect(ingest.data.ingestImpressions.accepted).toBe(1);
    const hit = await waitFor("the poll to read the click pair", async () => {
      const r = (await preview(dialogue, { topN: 10 })).data?.retrievalPreview;
      return (r?.tools as Hit[] | undefined)?.find((t) => t.tool.id === "camera.turn_on_flashlight" && (t.stages.clicks?.score ?? 0) > 0);
    });
    expect(hit.stages.clicks!.score).toBeGreaterThan(0);
    const status = await api.gql(`{ retrievalStatus { clickPairs } }`);
    expect(status.data.retrievalStatus.clickPairs).toBeGreaterThanOrEqual(1);
    const off = (await preview(dialogue, { topN: 10, config: { clicks: false } })).data.retrievalPreview;
    expect(off.stagesUsed.clicks).toBe(false);
    expect((off.tools as Hit[]).every((t) => t.stages.clicks === null)).toBe(true);
  });

  it("picks up an import made outside the API (the CLI's path) by polling", async () => {
    const row: ToolInput = {
      id: "storage.defragment_flux_capacitor",
      name: "Defragment the flux capacitor",
      description: "Defragments the phone's flux capacitor so that storage reads stay snappy.",
      categoryId: "storage",
      canonicalQuery: "Defragment the flux capacitor",
      utterances: ["defragment my flux capacitor", "the flux capacitor is fragmented"],
      parameters: null,
      actionType: "EXECUTE",
      grounding: [{ source: "oem", reason: "test fixture" }],
      invocationCount: 3,
      enabled: true,
    };
    const report = await importTools(api.database.prisma, [row], { actor: "cli-test" });
    expect(report.created).toBe(1);
    const found = await waitFor("the poll to index the imported tool", async () => {
      const res = await preview({ userQuery: "my flux capacitor is fragmented" });
      const top: Hit | undefined = res.data?.retrievalPreview.tools[0];
      return top?.tool.id === row.id ? top : null;
    });
    expect(found.rank).toBe(1);
    const status = await api.gql(`{ retrievalStatus { documents pollMs lastSyncAt defaultRetriever stages { name configured ready } } }`);
    expect(status.data.retrievalStatus.documents).toBe(709);
    expect(status.data.retrievalStatus.pollMs).toBe(200);
    expect(status.data.retrievalStatus.defaultRetriever).toBe("utterance");

    // A deletion made elsewhere leaves the index too.
    await api.database.prisma.tool.delete({ where: { id: row.id } });
    await waitFor("the poll to drop the deleted tool", async () => {
      const res = await api.gql(`{ retrievalStatus { documents } }`);
      return res.data.retrievalStatus.documents === 708;
    });
  });

  it("round-trips float32 vectors through the Postgres embedding store (tool_embeddings)", async () => {
    const store = new PostgresEmbeddingStore(api.database.prisma);
    const a = { modelId: "test-model", textHash: textHash("a"), vector: Float32Array.from([0.1, -2.5, 3.25, 1e-7, -0]) };
    const b = { modelId: "test-model", textHash: textHash("b"), vector: Float32Array.from([Math.PI, 3.4e38, -1.5]) };
    const other = { modelId: "other-model", textHash: textHash("a"), vector: Float32Array.from([9, 8, 7]) };
    await store.put([a, b, other]);
    await store.put([a]); // a stored key is skipped, not an error
    const got = await store.get([
      { modelId: "test-model", textHash: a.textHash },
      { modelId: "test-model", textHash: b.textHash },
      { modelId: "other-model", textHash: a.textHash },
      { modelId: "test-model", textHash: textHash("missing") },
    ]);
    expect(got.size).toBe(3);
    expect([...got.get(`test-model:${a.textHash}`)!]).toEqual([...a.vector]);
    expect([...got.get(`test-model:${b.textHash}`)!]).toEqual([...b.vector]);
    expect([...got.get(`other-model:${a.textHash}`)!]).toEqual([9, 8, 7]);
    expect(got.has(`test-model:${textHash("missing")}`)).toBe(false);
    expect(await store.count("test-model")).toBe(2);
  });

  it("previews the dev-set impact of an unsaved tool edit (CURATOR/ADMIN), saving nothing, on the tune part only", async () => {
    // d002 (tune part) asks for the dark theme; teach an unrelated tool its exact words.
    const target = "sound.clean_speaker";
    const tool = (await api.gql(`{ tool(id: "${target}") { version utterances } }`)).data.tool;
    const q = `query($id: ID!, $input: UpdateToolInput!) { toolEditImpact(id: $id, input: $input) {
      toolId k dialogues heldOut recallBefore recallAfter improved worsened
      gained { id category kind userQuery relevant toolRelevant before after gained lost }
      lost { id } changed { id gained lost }
    } }`;
    const rows = fs.readFileSync(DEFAULT_DEVSET_PATH, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as { id: string; split: string; dialogue: { userQuery: string } });
    const testIds = new Set(rows.filter((r) => r.split === "test").map((r) => r.id));
    const utterance = "could you flip the whole phone over to the dark theme? these white menus are so harsh";
    expect(rows.find((r) => r.id === "d002")).toMatchObject({ split: "tune", dialogue: { userQuery: utterance } });
    const res = await api.gql(q, { id: target, input: { utterances: [...tool.utterances, utterance] } }, keys.CURATOR);
    expect(res.errors).toBeUndefined();
    const impact = res.data.toolEditImpact;
    expect(impact.toolId).toBe(target);
    expect(impact.k).toBe(5);
    expect(impact.dialogues).toBe(rows.length - testIds.size);
    expect(impact.heldOut).toBe(testIds.size);
    const d002 = impact.gained.find((d: { id: string }) => d.id === "d002");
    expect(d002).toBeDefined();
    expect(d002.toolRelevant).toBe(false);
    expect(d002.after).toContain(target);
    expect(d002.before).not.toContain(target);
    expect(d002.userQuery).toBe(utterance);
    expect(impact.changed.length).toBeGreaterThanOrEqual(impact.gained.length);
    expect(impact.recallAfter).toBeLessThanOrEqual(impact.recallBefore);
    expect(impact.changed.filter((d: { id: string }) => testIds.has(d.id))).toEqual([]);

    // The words of a test-part dialogue (d001) show nothing of it: the test part is held out.
    const d001 = rows.find((r) => r.id === "d001")!;
    expect(d001.split).toBe("test");
    const held = await api.gql(q, { id: target, input: { utterances: [...tool.utterances, d001.dialogue.userQuery] } }, keys.CURATOR);
    expect(held.errors).toBeUndefined();
    expect(held.data.toolEditImpact.changed.map((d: { id: string }) => d.id)).not.toContain("d001");
    expect(held.data.toolEditImpact.changed.filter((d: { id: string }) => testIds.has(d.id))).toEqual([]);

    // Nothing was saved.
    const still = (await api.gql(`{ tool(id: "${target}") { version utterances } }`)).data.tool;
    expect(still).toEqual(tool);

    // Disabling a tool: the dialogues it was in lose it.
    const off = await api.gql(q, { id: "storage.clear_cache", input: { enabled: false } });
    expect(off.errors).toBeUndefined();
    expect(off.data.toolEditImpact.lost.length).toBeGreaterThan(0);
    expect(off.data.toolEditImpact.gained).toHaveLength(0);

    expect(errorOf(await api.gql(q, { id: target, input: { name: "x" } }, keys.ENGINEER)).code).toBe("FORBIDDEN");
    expect(errorOf(await api.gql(q, { id: "no.such_tool", input: { name: "x" } })).code).toBe("NOT_FOUND");
    const bad = await api.gql(q, { id: target, input: { utterances: [] } });
    expect(errorOf(bad).code).toBe("BAD_USER_INPUT");
    expect(errorOf(bad).field).toMatch(/^utterances/);
  });

  it("lists the tune part's misses for curators: where each relevant tool ranks and what ranks above it, never a test dialogue", async () => {
    const rows = fs.readFileSync(DEFAULT_DEVSET_PATH, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as { id: string; split: string; category: string; relevant: string[] });
    const split = new Map(rows.map((r) => [r.id, r.split]));
    const tuneRows = rows.filter((r) => r.split === "tune");
    const Q = `query($k: Int, $c: String, $t: ID, $f: Int) { retrievalMisses(k: $k, category: $c, toolId: $t) {
      k dialogues heldOut recallAtK total
      items(first: $f) { id category kind userQuery assistantResponse history { role content } relevant { toolId rank } top }
    } }`;
    const res = await api.gql(Q, {}, keys.CURATOR);
    expect(res.errors).toBeUndefined();
    const m = res.data.retrievalMisses;
    expect(m).toMatchObject({ k: 5, dialogues: tuneRows.length, heldOut: rows.length - tuneRows.length });
    expect(m.total).toBeGreaterThan(0);
    expect(m.items.length).toBe(Math.min(50, m.total));
    expect(m.recallAtK).toBeGreaterThan(0.5);
    expect(m.recallAtK).toBeLessThan(1);
    for (const item of m.items as { id: string; relevant: { toolId: string; rank: number | null }[]; top: string[] }[]) {
      expect(split.get(item.id)).toBe("tune");
      expect(item.top).toHaveLength(5);
      // A miss: some relevant tool is below the top 5; the ones in it are where the top says.
      expect(item.relevant.some((r) => r.rank === null || r.rank > 5)).toBe(true);
      for (const r of item.relevant) if (r.rank !== null && r.rank <= 5) expect(item.top[r.rank - 1]).toBe(r.toolId);
    }
    // A wider k misses fewer dialogues and recalls more.
    const k10res = await api.gql(Q, { k: 10, f: 200 }, keys.ENGINEER);
    expect(k10res.errors).toBeUndefined();
    const k10 = k10res.data.retrievalMisses;
    expect(k10.total).toBeLessThan(m.total);
    expect(k10.recallAtK).toBeGreaterThan(m.recallAtK);

    // One tool's dialogues (the tool of the first miss), and one category's.
    const tool = (m.items[0] as { relevant: { toolId: string; rank: number | null }[] }).relevant.find((r) => r.rank === null || r.rank > 5)!.toolId;
    const byTool = (await api.gql(Q, { t: tool }, keys.CURATOR)).data.retrievalMisses;
    expect(byTool.dialogues).toBe(tuneRows.filter((r) => r.relevant.includes(tool)).length);
    expect(byTool.items.length).toBeGreaterThan(0);
    for (const item of byTool.items as { relevant: { toolId: string }[] }[]) expect(item.relevant.map((r) => r.toolId)).toContain(tool);
    const byCategory = (await api.gql(Q, { c: "display", f: 200 }, keys.CURATOR)).data.retrievalMisses;
    expect(byCategory.dialogues).toBe(tuneRows.filter((r) => r.category === "display").length);
    expect(byCategory.items.every((d: { category: string }) => d.category === "display")).toBe(true);

    // Bad input names its field; services may not read dev-set dialogues.
    expect(errorOf(await api.gql(Q, { k: 0 }, keys.CURATOR))).toMatchObject({ code: "BAD_USER_INPUT", field: "k" });
    expect(errorOf(await api.gql(Q, { f: 500 }, keys.CURATOR))).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(errorOf(await api.gql(Q, { c: "no-such-category" }, keys.CURATOR))).toMatchObject({ code: "BAD_USER_INPUT", field: "category" });
    expect(errorOf(await api.gql(Q, {}, keys.SERVICE)).code).toBe("FORBIDDEN");
  });

  it("serves the latest evaluation and the (empty) local models list", async () => {
    const res = await api.gql(`{
      retrievalEvaluation { generatedAt catalogTools devsetDialogues overall { n recallAt5 mrr }
        byCategory { name metrics { recallAt5 } } byKind { name metrics { n } }
        retrievers { label retriever isDefault latencyMs { p95 } overall { recallAt1 } } }
      retrievalModels { id }
    }`, {}, keys.ENGINEER);
    expect(res.errors).toBeUndefined();
    const e = res.data.retrievalEvaluation;
    expect(e.overall).toEqual({ n: 2, recallAt5: 1, mrr: 0.75 });
    expect(e.byCategory).toEqual([{ name: "storage", metrics: { recallAt5: 1 } }]);
    expect(e.retrievers[0]).toMatchObject({ label: "bm25 (default)", retriever: "bm25", isDefault: true, latencyMs: { p95: 1.5 } });
    expect(res.data.retrievalModels).toEqual([]);
    expect(evaluationView(null)).toBeNull();
    expect(evaluationView({ retrievers: [] })).toBeNull();
  });
});

describe.each(backends)("dense retrieval through the API on %s (fixture model)", (backend) => {
  let api: TestApi;
  const modelsDir = path.join(tmp, `models-${backend}`);

  beforeAll(async () => {
    await writeFixtureModel(path.join(modelsDir, "fixture-bert"), { kind: "bert" });
    await writeFixtureModel(path.join(modelsDir, "fixture-cross"), { kind: "cross-encoder" });
    const saved = { ...process.env };
    process.env.TOOLREC_MODELS_DIR = modelsDir;
    process.env.TOOLREC_RETRIEVAL_DENSE_MODEL = "fixture-bert";
    process.env.TOOLREC_RETRIEVAL_RERANK_MODEL = "fixture-cross";
    try {
      api = await startTestApi(backend);
    } finally {
      for (const k of ["TOOLREC_MODELS_DIR", "TOOLREC_RETRIEVAL_DENSE_MODEL", "TOOLREC_RETRIEVAL_RERANK_MODEL"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  it("indexes the catalog in the background, stores the vectors in tool_embeddings and fuses dense with BM25", async () => {
    const status = await waitFor(
      "the dense index",
      async () => {
        const res = await api.gql(`{ retrievalStatus { documents defaultRetriever stages { name configured model ready indexed error } } }`);
        const s = res.data.retrievalStatus;
        return s.stages.find((x: { name: string; ready: boolean }) => x.name === "DENSE" && x.ready) ? s : null;
      },
      60_000,
    );
    expect(status.defaultRetriever).toBe("rrf(utterance+dense:fixture-bert)>rerank:fixture-cross");
    const dense = status.stages.find((x: { name: string }) => x.name === "DENSE");
    expect(dense).toMatchObject({ configured: true, model: "fixture-bert", indexed: 708, error: null });
    // One stored vector per distinct tool text for this model.
    expect(await api.database.prisma.toolEmbedding.count({ where: { modelId: "fixture-bert" } })).toBeGreaterThanOrEqual(700);

    const res = await api.gql(PREVIEW, { d: { userQuery: "my phone is so slow and storage is full" }, c: { rerank: false } });
    expect(res.errors).toBeUndefined();
    const r = res.data.retrievalPreview;
    expect(r.retriever).toBe("rrf(utterance+dense:fixture-bert)");
    expect(r.stagesUsed).toEqual({ lexical: true, dense: true, rerank: false, context: true, prior: true, clicks: true, classifier: true });
    expect(r.latencyMs.dense).not.toBeNull();
    expect(r.tools.some((t: Hit) => t.stages.dense !== null)).toBe(true);
    for (const t of r.tools as Hit[]) {
      const expected = (t.stages.lexical ? 1 / (60 + t.stages.lexical.rank) : 0) + (t.stages.dense ? 1 / (60 + t.stages.dense.rank) : 0);
      expect(t.score).toBeCloseTo(expected, 10);
    }

    const denseOnly = await api.gql(PREVIEW, { d: { userQuery: "storage is full" }, c: { lexical: false, rerank: false } });
    expect(denseOnly.errors).toBeUndefined();
    expect(denseOnly.data.retrievalPreview.retriever).toBe("dense:fixture-bert");
    for (const t of denseOnly.data.retrievalPreview.tools as Hit[]) {
      expect(t.stages.lexical).toBeNull();
      expect(t.stages.dense!.rank).toBe(t.rank);
    }
    const lexicalOnly = await api.gql(PREVIEW, { d: { userQuery: "storage is full" }, c: { dense: false, rerank: false } });
    expect(lexicalOnly.data.retrievalPreview.retriever).toBe("utterance");

    const models = await api.gql(`{ retrievalModels { id family role pooling dtypes inUse } }`);
    expect(models.data.retrievalModels).toEqual([
      { id: "fixture-bert", family: "sentence-transformers", role: "embedder", pooling: "mean", dtypes: ["fp32"], inUse: "DENSE" },
      { id: "fixture-cross", family: "cross-encoder", role: "reranker", pooling: null, dtypes: ["fp32"], inUse: "RERANK" },
    ]);
  });

  it("reranks the fused head with the cross-encoder, keeping each tool's fused rank and score", async () => {
    const res = await api.gql(PREVIEW, { d: { userQuery: "my phone is so slow and storage is full" }, n: 10 });
    expect(res.errors).toBeUndefined();
    const r = res.data.retrievalPreview;
    expect(r.retriever).toBe("rrf(utterance+dense:fixture-bert)>rerank:fixture-cross");
    expect(r.stagesUsed).toEqual({ lexical: true, dense: true, rerank: true, context: true, prior: true, clicks: true, classifier: true });
    expect(r.latencyMs.rerank).not.toBeNull();
    const tools = r.tools as Hit[];
    expect(tools).toHaveLength(10);
    tools.forEach((t, i) => {
      expect(t.rank).toBe(i + 1);
      expect(t.stages.rerank!.rank).toBe(t.rank); // the final order inside the top 20 is the reranker's
      expect(t.stages.fused!.score).toBe(t.score);
      expect(t.stages.fused!.rank).toBeLessThanOrEqual(20);
    });
    const rerankScores = tools.map((t) => t.stages.rerank!.score);
    expect([...rerankScores].sort((a, b) => b - a)).toEqual(rerankScores);
    // The fused ranks of the reranked head are distinct positions of the fused list.
    expect(new Set(tools.map((t) => t.stages.fused!.rank)).size).toBe(10);
  });

  it("embeds only the edited tool's new text, in the background", async () => {
    const before = await api.database.prisma.toolEmbedding.count({ where: { modelId: "fixture-bert" } });
    const tool = (await api.gql(`{ tool(id: "storage.clear_cache") { version utterances } }`)).data.tool;
    const saved = await api.gql(`mutation($v: Int!, $u: [String!]!) { updateTool(id: "storage.clear_cache", version: $v, input: { utterances: $u }) { version } }`, {
      v: tool.version,
      u: [...tool.utterances, "sweep out the junk files"],
    });
    expect(saved.errors).toBeUndefined();
    await waitFor("the new vector", async () => (await api.database.prisma.toolEmbedding.count({ where: { modelId: "fixture-bert" } })) === before + 1);
  });

  it("reads every vector back from tool_embeddings on a restart: nothing is embedded again", async () => {
    const lines: string[] = [];
    const again = await RetrievalService.start(api.database.prisma, { pollMs: 0, modelsDir, denseModel: "fixture-bert", rerankModel: null, log: (l) => lines.push(l) });
    try {
      await again.denseIdle();
      expect(lines.join("\n")).toMatch(/708 tools indexed \(708 vectors from tool_embeddings, 0 embedded\)/);
    } finally {
      await again.close();
    }
  });
});
