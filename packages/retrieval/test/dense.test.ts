// Dense retrieval and rerankers through the real @huggingface/transformers + onnxruntime-node
// path, on fixture models written at test time (test-support/dense-fixture.ts). No network.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AutoTokenizer, env, type PreTrainedTokenizer } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnavailableError } from "@toolrec/core";
import {
  createEmbedder,
  DEFAULT_QUERY_INSTRUCTION,
  DenseRetriever,
  describeModel,
  detectModelFamily,
  detectPooling,
  embeddingKey,
  fetchModel,
  findLocalModel,
  formatModelList,
  formatQwen3Query,
  l2Normalize,
  listLocalModels,
  MemoryEmbeddingStore,
  ModelFetchError,
  onnxVariants,
  poolHiddenStates,
  resolveModelsDir,
  textHash,
  topKByDot,
  type Embedder,
  type EmbedOptions,
} from "../src/dense/index.js";
import { catalogWords, writeFixtureModel, writeSyntheticEncoder, type FixtureModel } from "../test-support/index.js";
import {
  createReranker,
  crossEncoderScore,
  QWEN3_RERANKER_PREFIX,
  QWEN3_RERANKER_SUFFIX,
  qwen3RerankerBody,
  qwen3RerankerPrompt,
  RerankRetriever,
  sigmoid,
  yesNoProbability,
} from "../src/rerank/index.js";
import { HybridRetriever } from "../src/fusion.js";
import { runDenseBench } from "../bench/dense.js";
import type { RetrievalQuery, Retriever, ToolDocument } from "../src/types.js";

let root: string;
let words: string[];
const fx = {} as Record<"bert" | "qwen3" | "cross" | "reranker", FixtureModel>;

const query = (text: string): RetrievalQuery => ({ text, segments: [{ text, weight: 1, source: "userQuery" }] });

function doc(id: string, name: string, description: string, utterances: string[] = []): ToolDocument {
  return { id, name, description, canonicalQuery: name, utterances, categoryId: "test" };
}

const DOCS: ToolDocument[] = [
  doc("camera.flashlight_on", "Turn on flashlight", "Turns on the torch light", ["turn on the flashlight", "torch on"]),
  doc("clock.set_alarm", "Set an alarm", "Sets an alarm clock to wake you up", ["wake me up at seven", "set an alarm"]),
  doc("network.wifi_off", "Turn off Wi-Fi", "Disconnects wireless networking", ["turn off wifi", "disable wifi"]),
  doc("battery.level", "Check battery level", "Shows how much battery charge is left", ["how much battery do I have"]),
  doc("camera.selfie", "Take a selfie", "Opens the front camera to take a photo of yourself", ["take a selfie"]),
];

function sumRows(model: FixtureModel, ids: readonly number[]): Float32Array {
  const v = new Float32Array(model.dim);
  for (const id of ids) {
    const r = model.row(id);
    for (let k = 0; k < model.dim; k++) v[k] = (v[k] ?? 0) + (r[k] ?? 0);
  }
  return v;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function norm(v: Float32Array): number {
  return Math.sqrt(dot(v, v));
}

function expectClose(actual: Float32Array, expected: Float32Array, digits = 5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < actual.length; i++) expect(actual[i]).toBeCloseTo(expected[i] ?? NaN, digits);
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "toolrec-dense-"));
  words = await catalogWords();
  fx.bert = await writeFixtureModel(path.join(root, "models", "fixture-bert"), { kind: "bert", words });
  fx.qwen3 = await writeFixtureModel(path.join(root, "models", "fixture-qwen3-embedding"), { kind: "qwen3-embedding", words });
  fx.cross = await writeFixtureModel(path.join(root, "models", "fixture-cross-encoder"), { kind: "cross-encoder", words });
  fx.reranker = await writeFixtureModel(path.join(root, "models", "Qwen3-Reranker-fixture"), { kind: "qwen3-reranker", words });
});

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe("model folder and family detection", () => {
  it("resolves the models folder from TOOLREC_MODELS_DIR, else <repo>/.models", () => {
    expect(resolveModelsDir({ TOOLREC_MODELS_DIR: "/opt/models" })).toBe(path.resolve("/opt/models"));
    expect(resolveModelsDir({})).toMatch(/[/\\]\.models$/);
  });

  it("detects the family from config.json variants", () => {
    expect(detectModelFamily({ model_type: "qwen3", architectures: ["Qwen3ForCausalLM"] })).toBe("qwen3-embedding");
    expect(detectModelFamily({ model_type: "qwen3" }, { name: "Qwen/Qwen3-Reranker-0.6B" })).toBe("qwen3-reranker");
    expect(detectModelFamily({ model_type: "qwen3", _name_or_path: "Qwen/Qwen3-Reranker-4B" })).toBe("qwen3-reranker");
    expect(detectModelFamily({ model_type: "bert", architectures: ["BertModel"] })).toBe("sentence-transformers");
    expect(detectModelFamily({ model_type: "xlm-roberta" })).toBe("sentence-transformers");
    expect(detectModelFamily({ model_type: "mpnet", architectures: ["MPNetForMaskedLM"] })).toBe("sentence-transformers");
    expect(detectModelFamily({ model_type: "bert", architectures: ["BertForSequenceClassification"] })).toBe("cross-encoder");
    // A Qwen3-Reranker converted to a classifier head is scored as a cross-encoder (sigmoid).
    expect(detectModelFamily({ model_type: "qwen3", architectures: ["Qwen3ForSequenceClassification"] })).toBe("cross-encoder");
    expect(detectModelFamily({ model_type: "bert" }, { override: "qwen3-embedding" })).toBe("qwen3-embedding");
  });

  it("picks pooling and query format per family", () => {
    expect(detectPooling("qwen3-embedding")).toBe("last");
    expect(detectPooling("sentence-transformers")).toBe("mean");
    expect(detectPooling("sentence-transformers", { pooling_mode_cls_token: true })).toBe("cls");
    expect(formatQwen3Query("turn on the torch", "Find the tool")).toBe("Instruct: Find the tool\nQuery:turn on the torch");
  });

  it("reads a folder's config.json, toolrec.json and onnx variants", async () => {
    const dir = path.join(root, "configs");
    const write = async (name: string, config: object, extra: Record<string, string> = {}) => {
      await mkdir(path.join(dir, name, "onnx"), { recursive: true });
      await writeFile(path.join(dir, name, "config.json"), JSON.stringify(config));
      for (const [f, body] of Object.entries(extra)) await writeFile(path.join(dir, name, f), body);
      return describeModel(path.join(dir, name), { modelsDir: dir });
    };
    const qwen = await write("Qwen3-Embedding-0.6B", { model_type: "qwen3" });
    expect([qwen.family, qwen.role, qwen.pooling]).toEqual(["qwen3-embedding", "embedder", "last"]);
    const rr = await write("Qwen3-Reranker-0.6B", { model_type: "qwen3", architectures: ["Qwen3ForCausalLM"] });
    expect([rr.family, rr.role, rr.pooling]).toEqual(["qwen3-reranker", "reranker", undefined]);
    const ce = await write("ms-marco-MiniLM-L-6-v2", { model_type: "bert", architectures: ["BertForSequenceClassification"] });
    expect(ce.family).toBe("cross-encoder");
    const mini = await write("all-MiniLM-L6-v2", { model_type: "bert", architectures: ["BertModel"] });
    expect([mini.family, mini.pooling]).toEqual(["sentence-transformers", "mean"]);
    const overridden = await write("my-reranker", { model_type: "qwen3" }, { "toolrec.json": JSON.stringify({ family: "qwen3-reranker", hubId: "me/my-reranker" }) });
    expect([overridden.family, overridden.id]).toEqual(["qwen3-reranker", "me/my-reranker"]);

    expect(
      onnxVariants(["onnx/model.onnx", "onnx/model_quantized.onnx", "onnx/model_fp16.onnx", "onnx/model_fp16.onnx_data", "onnx/model_fp16.onnx_data_1"]),
    ).toEqual([
      { dtype: "fp32", file: "onnx/model.onnx", externalDataChunks: 0 },
      { dtype: "q8", file: "onnx/model_quantized.onnx", externalDataChunks: 0 },
      { dtype: "fp16", file: "onnx/model_fp16.onnx", externalDataChunks: 2 },
    ]);
  });

  it("lists local model folders (name or owner/name) and skips incomplete ones", async () => {
    const modelsDir = path.join(root, "models");
    const models = await listLocalModels(modelsDir);
    expect(models.map((m) => m.id)).toEqual(["fixture-bert", "fixture-cross-encoder", "fixture-qwen3-embedding", "Qwen3-Reranker-fixture"].sort((a, b) => a.localeCompare(b)));
    expect(models.map((m) => m.family).sort()).toEqual(["cross-encoder", "qwen3-embedding", "qwen3-reranker", "sentence-transformers"]);
    const text = formatModelList(models, modelsDir);
    expect(text).toContain("fixture-bert  sentence-transformers (embedder, mean pooling; bert; fp32;");
    expect(formatModelList([], modelsDir)).toContain("toolrec models fetch HUB_ID");
    // configs/ holds folders without tokenizer.json or onnx files: not models.
    expect(await listLocalModels(path.join(root, "configs"))).toEqual([]);
    expect((await findLocalModel("fixture-bert", modelsDir)).dir).toBe(fx.bert.dir);
    await expect(findLocalModel("nope", modelsDir)).rejects.toThrow(/no local model "nope"/);
  });
});

describe("sentence-transformers embedder (fixture BERT, mean pooling)", () => {
  let embedder: Embedder;
  let tokenizer: PreTrainedTokenizer;
  beforeAll(async () => {
    embedder = await createEmbedder(fx.bert.dir);
    tokenizer = await AutoTokenizer.from_pretrained(fx.bert.dir, { local_files_only: true });
  });
  afterAll(async () => embedder?.dispose());

  it("loads offline through transformers.js with the detected family", () => {
    expect(env.allowRemoteModels).toBe(false);
    expect([embedder.family, embedder.pooling, embedder.dim, embedder.modelId, embedder.name]).toEqual([
      "sentence-transformers",
      "mean",
      64,
      "fixture-bert",
      "fixture-bert",
    ]);
    expect(embedder.formatText("hello", true)).toBe("hello");
  });

  it("returns one unit vector per text", async () => {
    const out = await embedder.embed(["turn on the flashlight", "hi", "set an alarm for seven"]);
    expect(out).toHaveLength(3);
    for (const v of out) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(64);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it("mean-pools the embedding table rows by hand", async () => {
    const text = "turn on the flashlight";
    const ids = tokenizer.encode(text); // [CLS] turn on the flashlight [SEP]
    expect(ids.map((id) => fx.bert.vocab[id])).toEqual(["[CLS]", "turn", "on", "the", "flashlight", "[SEP]"]);
    const mean = sumRows(fx.bert, ids).map((x) => x / ids.length);
    const [actual] = await embedder.embed([text]);
    expectClose(actual!, l2Normalize(Float32Array.from(mean)));
  });

  it("ignores padding: a text embeds the same alone and in a padded batch", async () => {
    const [alone] = await embedder.embed(["hi"]);
    const [, padded] = await embedder.embed(["turn on the flashlight in the dark room", "hi"]);
    expectClose(padded!, alone!);
  });
});

describe("Qwen3-Embedding style embedder (fixture, last-token pooling)", () => {
  let embedder: Embedder;
  let tokenizer: PreTrainedTokenizer;
  beforeAll(async () => {
    embedder = await createEmbedder(fx.qwen3.dir);
    tokenizer = await AutoTokenizer.from_pretrained(fx.qwen3.dir, { local_files_only: true });
  });
  afterAll(async () => embedder?.dispose());

  it("detects qwen3 → last-token pooling and the instruction prefix for queries only", () => {
    expect([embedder.family, embedder.pooling]).toEqual(["qwen3-embedding", "last"]);
    expect(embedder.formatText("turn on the torch", true)).toBe(`Instruct: ${DEFAULT_QUERY_INSTRUCTION}\nQuery:turn on the torch`);
    expect(embedder.formatText("Turn on flashlight", false)).toBe("Turn on flashlight");
  });

  it("pools the last real token's state (the fixture's state is the running sum of rows)", async () => {
    const q = "turn on the flashlight";
    const qIds = tokenizer.encode(formatQwen3Query(q));
    expect(fx.qwen3.vocab[qIds[qIds.length - 1]!]).toBe("<|endoftext|>");
    const [qv] = await embedder.embed([q], { isQuery: true });
    expectClose(qv!, l2Normalize(sumRows(fx.qwen3, qIds)));
    const d = "Turn on flashlight";
    const [dv] = await embedder.embed([d]);
    expectClose(dv!, l2Normalize(sumRows(fx.qwen3, tokenizer.encode(d))));
  });

  it("is unaffected by left padding in a batch", async () => {
    const [alone] = await embedder.embed(["torch"], { isQuery: true });
    const [, batched] = await embedder.embed(["a much longer text that forces padding of the next one", "torch"], { isQuery: true });
    expectClose(batched!, alone!);
  });

  it("pooling functions agree with hand computations", () => {
    // batch 2, seq 3, dim 2; row 0 right-padded, row 1 left-padded.
    const hidden = Float32Array.from([1, 2, 3, 4, 9, 9, 9, 9, 5, 6, 7, 8]);
    const mask = [1, 1, 0, 0, 1, 1];
    const [m0, m1] = poolHiddenStates(hidden, [2, 3, 2], mask, "mean");
    expect(Array.from(m0!)).toEqual([2, 3]);
    expect(Array.from(m1!)).toEqual([6, 7]);
    const [l0, l1] = poolHiddenStates(hidden, [2, 3, 2], mask, "last");
    expect(Array.from(l0!)).toEqual([3, 4]);
    expect(Array.from(l1!)).toEqual([7, 8]);
    const [c0] = poolHiddenStates(hidden, [2, 3, 2], mask, "cls");
    expect(Array.from(c0!)).toEqual([1, 2]);
  });
});

/** Wraps an embedder: counts texts embedded, and can hold back background (low-priority) work. */
function instrument(inner: Embedder) {
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  const calls = { texts: 0, batches: 0 };
  const embedder: Embedder = {
    ...inner,
    embed: async (texts: readonly string[], options: EmbedOptions = {}) => {
      if (options.priority === "low") {
        if (gate) await gate;
        calls.texts += texts.length;
        calls.batches++;
      }
      return inner.embed(texts, options);
    },
  };
  return {
    embedder,
    calls,
    hold: () => {
      gate = new Promise<void>((r) => (open = r));
    },
    release: () => {
      gate = null;
      open();
    },
  };
}

describe("DenseRetriever and the embedding store", () => {
  let inner: Embedder;
  beforeAll(async () => {
    inner = await createEmbedder(fx.bert.dir);
  });
  afterAll(async () => inner?.dispose());

  it("ranks the tool whose words match the query first", async () => {
    const retriever = new DenseRetriever({ embedder: inner });
    expect(retriever.name).toBe("dense:fixture-bert");
    await retriever.refresh(DOCS);
    const expectations: [string, string][] = [
      ["please turn on the flashlight", "camera.flashlight_on"],
      ["wake me up at seven tomorrow", "clock.set_alarm"],
      ["disable the wifi", "network.wifi_off"],
      ["how much battery is left", "battery.level"],
      ["take a selfie with the front camera", "camera.selfie"],
    ];
    for (const [q, id] of expectations) {
      const hits = await retriever.search(query(q), 3);
      expect(hits[0]?.id, q).toBe(id);
      expect(hits.map((h) => h.rank)).toEqual([1, 2, 3]);
      expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    }
    const all = await retriever.search(query("flashlight"), 10);
    expect(all).toHaveLength(DOCS.length);
  });

  it("embeds only changed texts on refresh, and reuses stored vectors", async () => {
    const store = new MemoryEmbeddingStore();
    const { embedder, calls } = instrument(inner);
    const retriever = new DenseRetriever({ embedder, store });
    const first = await retriever.refresh(DOCS);
    expect(first).toMatchObject({ total: 5, embedded: 5, unchanged: 0, fromStore: 0, superseded: false });
    expect(store.size).toBe(5);

    const again = await retriever.refresh(DOCS);
    expect(again).toMatchObject({ total: 5, embedded: 0, unchanged: 5 });
    expect(calls.texts).toBe(5);

    const edited = DOCS.map((d) => (d.id === "battery.level" ? { ...d, description: "Shows the remaining battery percentage" } : d));
    const third = await retriever.refresh(edited);
    expect(third).toMatchObject({ total: 5, embedded: 1, unchanged: 4 });
    expect(calls.texts).toBe(6);

    // A fresh retriever (e.g. after a restart) over the same store embeds nothing.
    const counted2 = instrument(inner);
    const restarted = new DenseRetriever({ embedder: counted2.embedder, store });
    expect(await restarted.refresh(edited)).toMatchObject({ total: 5, fromStore: 5, embedded: 0 });
    expect(counted2.calls.texts).toBe(0);

    // Keys are (model id, sha256 of the text).
    const key = { modelId: "fixture-bert", textHash: textHash("x") };
    expect(embeddingKey(key)).toBe(`fixture-bert:${textHash("x")}`);
    expect(textHash("x")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps serving the previous vectors while a refresh runs in the background", async () => {
    const { embedder, hold, release } = instrument(inner);
    const retriever = new DenseRetriever({ embedder });
    await retriever.refresh(DOCS);
    const before = await retriever.search(query("turn off wifi"), 1);
    expect(before[0]?.id).toBe("network.wifi_off");

    hold();
    // The Wi-Fi tool's text changes to something unrelated; a new tool arrives; the selfie tool goes.
    const next = [
      ...DOCS.filter((d) => d.id !== "camera.selfie").map((d) =>
        d.id === "network.wifi_off" ? { ...d, name: "Play music", description: "Starts the music player", utterances: ["play a song"], canonicalQuery: "Play music" } : d,
      ),
      doc("media.volume_up", "Turn up the volume", "Raises the media volume", ["louder please"]),
    ];
    const pending = retriever.refresh(next);
    expect(retriever.refreshing).toBe(true);
    // Removal is immediate; the changed tool still answers with its old vector; the new tool is not in yet.
    const during = await retriever.search(query("turn off wifi"), 10);
    expect(during[0]?.id).toBe("network.wifi_off");
    expect(during.map((h) => h.id)).not.toContain("camera.selfie");
    expect(during.map((h) => h.id)).not.toContain("media.volume_up");
    expect(retriever.size).toBe(4);

    release();
    const stats = await pending;
    expect(stats).toMatchObject({ total: 5, embedded: 2, unchanged: 3, removed: 1 });
    expect(retriever.refreshing).toBe(false);
    const after = await retriever.search(query("play a song"), 1);
    expect(after[0]?.id).toBe("network.wifi_off");
    expect((await retriever.search(query("louder please"), 1))[0]?.id).toBe("media.volume_up");
  });

  it("lets a later refresh supersede an earlier one", async () => {
    const { embedder, hold, release } = instrument(inner);
    const retriever = new DenseRetriever({ embedder });
    hold();
    const a = retriever.refresh(DOCS);
    const b = retriever.refresh(DOCS.slice(0, 2));
    release();
    expect((await a).superseded).toBe(true);
    expect(await b).toMatchObject({ total: 2, superseded: false });
    expect(retriever.size).toBe(2);
  });

  it("takes the top k by dot product, ties broken by id", () => {
    const m = Float32Array.from([1, 0, 0, 1, 1, 0, 0.5, 0.5]);
    const hits = topKByDot(m, ["d", "b", "a", "c"], 2, Float32Array.from([1, 0]), 3);
    expect(hits).toEqual([
      { id: "a", rank: 1, score: 1 },
      { id: "d", rank: 2, score: 1 },
      { id: "c", rank: 3, score: 0.5 },
    ]);
  });
});

describe("rerankers", () => {
  it("scores logits: sigmoid, two-label softmax, yes/no", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(crossEncoderScore([0])).toBe(0.5);
    expect(crossEncoderScore([2])).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(crossEncoderScore([1, 3])).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(3)), 12);
    expect(yesNoProbability(2, 1)).toBeCloseTo(Math.exp(2) / (Math.exp(2) + Math.exp(1)), 12);
    expect(yesNoProbability(-1000, 1000)).toBe(0);
    expect(qwen3RerankerPrompt("q", "d", "task")).toBe(
      `${QWEN3_RERANKER_PREFIX}<Instruct>: task\n<Query>: q\n<Document>: d${QWEN3_RERANKER_SUFFIX}`,
    );
  });

  it("cross-encoder fixture: sigmoid of the (query, document) pair's logit", async () => {
    const reranker = await createReranker(fx.cross.dir);
    const tokenizer = await AutoTokenizer.from_pretrained(fx.cross.dir, { local_files_only: true });
    expect([reranker.family, reranker.name]).toEqual(["cross-encoder", "rerank:fixture-cross-encoder"]);
    const q = "turn on the flashlight";
    const docs = ["Turn on flashlight: turns on the torch", "Set an alarm clock", "flashlight"];
    const scores = await reranker.score(q, docs);
    const { scale, bias } = fx.cross.crossEncoder!;
    const qv = sumRows(fx.cross, tokenizer.encode(q, { add_special_tokens: false }));
    docs.forEach((d, i) => {
      const dv = sumRows(fx.cross, tokenizer.encode(d, { add_special_tokens: false }));
      expect(scores[i]).toBeCloseTo(sigmoid(scale * dot(qv, dv) + bias), 5);
    });
    expect(scores[0]!).toBeGreaterThan(scores[1]!);
    await reranker.dispose();
  });

  it("Qwen3-Reranker fixture: p(yes) from the last position's yes/no logits, left-padded batches", async () => {
    const reranker = await createReranker(fx.reranker.dir, { instruction: "Find the tool", batchSize: 4 });
    const tokenizer = await AutoTokenizer.from_pretrained(fx.reranker.dir, { local_files_only: true });
    expect(reranker.family).toBe("qwen3-reranker");
    const { u } = fx.reranker.reranker!;
    const q = "turn on the flashlight";
    const docs = ["Turn on flashlight", "Set an alarm clock to wake you up tomorrow morning"];
    const scores = await reranker.score(q, docs);
    docs.forEach((d, i) => {
      const ids = [
        ...tokenizer.encode(QWEN3_RERANKER_PREFIX, { add_special_tokens: false }),
        ...tokenizer.encode(qwen3RerankerBody(q, d, "Find the tool"), { add_special_tokens: false }),
        ...tokenizer.encode(QWEN3_RERANKER_SUFFIX, { add_special_tokens: false }),
      ];
      // logits[yes] = u·c, logits[no] = -u·c where c is the running sum at the last token.
      const c = dot(u, sumRows(fx.reranker, ids));
      expect(scores[i]).toBeCloseTo(yesNoProbability(c, -c), 5);
    });
    // The same pair alone (no padding) scores the same.
    expect((await reranker.score(q, [docs[0]!]))[0]).toBeCloseTo(scores[0]!, 6);
    await reranker.dispose();
  });

  it("refuses an embedder folder as a reranker and vice versa", async () => {
    await expect(createReranker(fx.bert.dir)).rejects.toThrow(/not a reranker/);
    await expect(createEmbedder(fx.cross.dir)).rejects.toThrow(/not an embedder/);
  });

  it("reranks a first stage's candidates", async () => {
    const reranker = await createReranker(fx.cross.dir);
    const first: Retriever = {
      name: "stub",
      // Deliberately wrong order: the flashlight tool last.
      search: async (_q, k) => [...DOCS].reverse().slice(0, k).map((d, i) => ({ id: d.id, rank: i + 1, score: 1 / (i + 1) })),
    };
    const stage = new RerankRetriever({ reranker, first, documents: DOCS, candidates: 5 });
    expect(stage.name).toBe("rerank:fixture-cross-encoder");
    const hits = await stage.search(query("turn on the flashlight torch"), 2);
    expect(hits.map((h) => h.rank)).toEqual([1, 2]);
    expect(hits[0]?.id).toBe("camera.flashlight_on");
    await reranker.dispose();
  });
});

describe("in the retrieval pipeline (fusion.ts)", () => {
  it("serves as HybridRetriever's dense stage and reranker, and follows tool edits", async () => {
    const embedder = await createEmbedder(fx.bert.dir);
    const reranker = await createReranker(fx.cross.dir);
    const dense = new DenseRetriever({ embedder });
    await dense.refresh(DOCS);
    const pipeline = new HybridRetriever(DOCS, { dense, rerank: reranker, rerankTopM: 3 });
    expect(pipeline.name).toBe("rrf(utterance+dense:fixture-bert)>rerank:fixture-cross-encoder");
    const run = await pipeline.retrieve(query("turn on the flashlight"), 3);
    expect(run.tools[0]?.id).toBe("camera.flashlight_on");
    expect(run.tools[0]?.stages.dense?.rank).toBe(1);
    expect(run.tools[0]?.stages.rerank?.rank).toBe(1);

    const added = doc("media.volume_up", "Turn up the volume", "Raises the media volume", ["louder please"]);
    pipeline.upsert(added);
    expect(dense.has("media.volume_up")).toBe(true);
    await dense.idle();
    expect((await dense.search(query("louder please"), 1))[0]?.id).toBe("media.volume_up");
    pipeline.remove("media.volume_up");
    expect((await dense.search(query("louder please"), 10)).map((h) => h.id)).not.toContain("media.volume_up");
    await dense.idle();
    await embedder.dispose();
    await reranker.dispose();
  });

  it("writes a real-shaped synthetic BERT encoder (attention, FFN, LayerNorm) that loads and masks padding", async () => {
    const synth = await writeSyntheticEncoder(path.join(root, "synthetic"), { layers: 2, hidden: 32, heads: 4, intermediate: 64, maxPositions: 64 }, words);
    const embedder = await createEmbedder(synth.dir);
    expect([embedder.dim, embedder.pooling]).toEqual([32, "mean"]);
    const [alone] = await embedder.embed(["turn on the flashlight"]);
    const [, padded] = await embedder.embed(["a longer text about alarms and timers for tomorrow morning", "turn on the flashlight"]);
    expect(alone!.every(Number.isFinite)).toBe(true);
    expect(norm(alone!)).toBeCloseTo(1, 5);
    expectClose(padded!, alone!, 4);
    // Attention mixes tokens: unlike the Gather-only fixture, word order changes the embedding.
    const [swapped] = await embedder.embed(["flashlight the on turn"]);
    expect(Math.abs(dot(alone!, swapped!) - 1)).toBeGreaterThan(1e-6);
    await embedder.dispose();
  });

  it("benchmarks dense vs lexical latency in one process", async () => {
    const result = await runDenseBench({ documents: DOCS, queries: 20, warmup: 2, topK: 3 });
    expect(result).toMatchObject({ model: "fixture-bert", documents: DOCS.length, queries: 20, topK: 3 });
    expect(result.dense.n).toBe(20);
    expect(result.dense.p95).toBeGreaterThanOrEqual(result.dense.p50);
    expect(result.lexical.p50).toBeGreaterThan(0);
    expect(result.ratio.p50).toBeGreaterThan(0);
  });
});

describe("toolrec models fetch", () => {
  it("fails offline with a clear message naming the host and the manual copy", async () => {
    const modelsDir = path.join(root, "fetched");
    // The real fetch against a host that refuses connections.
    const err = await fetchModel("onnx-community/all-MiniLM-L6-v2-ONNX", { modelsDir, endpoint: "http://127.0.0.1:9" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelFetchError);
    expect(err).toBeInstanceOf(UnavailableError); // the project's hierarchy: the API and CLI map it by class
    const e = err as ModelFetchError;
    expect(e.code).toBe("UNAVAILABLE");
    expect(e.reason).toBe("network");
    expect(e.host).toBe("127.0.0.1:9");
    expect(e.message).toContain("Cannot reach the model hub at 127.0.0.1:9");
    expect(e.message).toContain("git clone http://127.0.0.1:9/onnx-community/all-MiniLM-L6-v2-ONNX");
    expect(e.message).toContain(path.join(modelsDir, "onnx-community", "all-MiniLM-L6-v2-ONNX", "config.json"));

    // The default hub, with the DNS failure this sandbox gives (injected, so no test ever downloads).
    const dnsFail = (async () => {
      throw new TypeError("fetch failed", { cause: { code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND huggingface.co" } });
    }) as unknown as typeof fetch;
    const e2 = (await fetchModel("Qwen/Qwen3-Embedding-0.6B", { modelsDir, fetch: dnsFail, endpoint: "https://huggingface.co" }).catch((x: unknown) => x)) as ModelFetchError;
    expect(e2.message).toMatch(/Cannot reach the model hub at huggingface\.co .*ENOTFOUND/);
    expect(e2.message).toContain("TOOLREC_MODELS_DIR");
    expect(await readdir(modelsDir).catch(() => [])).toEqual([]);
  });

  it("reports HTTP refusals and repositories without ONNX weights", async () => {
    const modelsDir = path.join(root, "fetched-http");
    const forbidden = (async () => new Response("denied", { status: 403 })) as unknown as typeof fetch;
    await expect(fetchModel("me/private", { modelsDir, fetch: forbidden })).rejects.toThrow(/answered 403 .*access denied/);
    const noOnnx = (async () => Response.json({ siblings: [{ rfilename: "config.json" }, { rfilename: "model.safetensors" }] })) as unknown as typeof fetch;
    await expect(fetchModel("Qwen/Qwen3-Embedding-0.6B", { modelsDir, fetch: noOnnx })).rejects.toThrow(/has no ONNX export/);
  });

  it("downloads a model folder from a (stub) hub, then lists and loads it offline", async () => {
    const modelsDir = path.join(root, "fetched-ok");
    const source = fx.bert.dir;
    const files = ["config.json", "tokenizer.json", "tokenizer_config.json", "1_Pooling/config.json", "onnx/model.onnx"];
    const requested: string[] = [];
    const hub = (async (input: string | URL) => {
      const url = String(input);
      requested.push(url);
      if (url.endsWith("/api/models/acme/tiny-bert/revision/main")) {
        return Response.json({ siblings: [...files, "README.md"].map((rfilename) => ({ rfilename })) });
      }
      const m = /\/acme\/tiny-bert\/resolve\/main\/(.+)$/.exec(url);
      if (!m) return new Response("not found", { status: 404 });
      return new Response(await readFile(path.join(source, m[1]!)));
    }) as unknown as typeof fetch;
    const progress: string[] = [];
    const model = await fetchModel("acme/tiny-bert", { modelsDir, fetch: hub, endpoint: "https://hub.example", onProgress: (p) => progress.push(p.file) });
    expect(model).toMatchObject({ id: "acme/tiny-bert", family: "sentence-transformers", pooling: "mean" });
    expect(progress).toEqual(["config.json", "tokenizer.json", "tokenizer_config.json", "1_Pooling/config.json", "onnx/model.onnx"]);
    expect(requested.every((u) => u.startsWith("https://hub.example/"))).toBe(true);
    expect((await listLocalModels(modelsDir)).map((m) => m.id)).toEqual(["acme/tiny-bert"]);
    await expect(fetchModel("acme/tiny-bert", { modelsDir, fetch: hub })).rejects.toThrow(/already in/);

    const embedder = await createEmbedder(model.dir);
    expect(embedder.modelId).toBe("acme/tiny-bert");
    const [v] = await embedder.embed(["turn on the flashlight"]);
    const reference = await createEmbedder(fx.bert.dir);
    const [w] = await reference.embed(["turn on the flashlight"]);
    expectClose(v!, w!);
    await embedder.dispose();
    await reference.dispose();
  });
});
