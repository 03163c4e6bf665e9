// Tiny fixture models the project writes itself, so tests run the real transformers.js +
// onnxruntime loading path offline. Nothing is downloaded and no binary is committed.
//
// Every fixture shares one vocabulary (special tokens, the catalog's words, punctuation, single
// letters as WordPiece pieces) and one embedding table E [V, D]: each word's row is a
// deterministic hashed bag of its character trigrams plus the whole word, L2-normalised, so
// words sharing stems share dimensions ("flashlight"/"flashlights"); stop-words and
// punctuation are scaled down and special tokens are zero rows. The graphs:
//
//   bert            last_hidden_state = Gather(E, input_ids)                       [b, s, D]
//                   (inputs input_ids, attention_mask, token_type_ids; mean pooling)
//   qwen3-embedding last_hidden_state = CumSum(Gather(E, input_ids), axis 1)        [b, s, D]
//                   (inputs input_ids, attention_mask, position_ids; the last real
//                   token's state is the sum of the sequence: last-token pooling works)
//   cross-encoder   q = Σ_t E[id_t]·mask_t·(1 - type_t), d = Σ_t E[id_t]·mask_t·type_t,
//                   logits = scale·(q·d) + bias                                      [b, 1]
//   qwen3-reranker  logits = CumSum(Gather(E, input_ids), axis 1) · W               [b, s, V]
//                   with W[:, yes] = u, W[:, no] = -u: p(yes) = sigmoid(2·u·Σ_t E[id_t])

import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { catalogDocuments } from "./catalog.js";
import { encodeOnnxModel, OnnxType, type OnnxGraph, type OnnxNode } from "./onnx-writer.js";

export type FixtureKind = "bert" | "qwen3-embedding" | "cross-encoder" | "qwen3-reranker";

export interface FixtureOptions {
  kind?: FixtureKind;
  /** Words of the vocabulary; default the catalog's words (catalogWords()). */
  words?: readonly string[];
  /** Hidden size; default 64. */
  dim?: number;
}

export interface FixtureModel {
  dir: string;
  kind: FixtureKind;
  dim: number;
  /** Token strings by id. */
  vocab: string[];
  tokenIds: Map<string, number>;
  /** The embedding table, row-major [vocab.length, dim]. */
  table: Float32Array;
  /** Row of a token id (a view into `table`). */
  row(id: number): Float32Array;
  /** cross-encoder: logits = scale·(q·d) + bias. */
  crossEncoder?: { scale: number; bias: number };
  /** qwen3-reranker: the direction u of W[:, yes] = u, W[:, no] = -u. */
  reranker?: { u: Float32Array; yesId: number; noId: number };
}

const BERT_SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
const QWEN_SPECIALS = ["[UNK]", "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<think>", "</think>"];
const PUNCTUATION = [".", ",", "'", "?", "!", ":", ";", "-", "(", ")", "/", '"', "&", "%", "+", "<", ">", "|", "_", "#", "*", "=", "[", "]"];
const EXTRA_WORDS = ["yes", "no", "instruct", "query", "document", "judge", "whether", "system", "user", "assistant"];
const STOP_WORDS = new Set(
  "a an the to of in on at for by with and or but is are was were be been it its this that these those i me my you your we our he she they them do does did can could would should will please from as so if then than there here what which who how when where up down out off into about".split(
    " ",
  ),
);

/** Lowercased words of a text as BERT's basic tokenizer splits them (whitespace, punctuation). */
export function fixtureWords(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Words of the tool catalog (its documents' text), sorted, unique. */
export async function catalogWords(catalogDir?: string): Promise<string[]> {
  const words = new Set<string>();
  for (const d of catalogDocuments(catalogDir)) {
    for (const t of [d.name, d.description, d.canonicalQuery, ...d.utterances]) for (const w of fixtureWords(t)) words.add(w);
  }
  return [...words].sort();
}

function fnv1a(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function addHashed(v: Float32Array, feature: string, weight: number, spread: number): void {
  for (let k = 0; k < spread; k++) {
    const h = fnv1a(feature, k * 7919 + 1);
    const dim = h % v.length;
    v[dim] = (v[dim] ?? 0) + ((h >>> 16) & 1 ? weight : -weight);
  }
}

/** The fixture's vector of one token (deterministic; see the header). */
export function fixtureTokenVector(token: string, dim: number): Float32Array {
  const v = new Float32Array(dim);
  const isPiece = token.startsWith("##");
  const word = isPiece ? token.slice(2) : token;
  if (!/[\p{L}\p{N}]/u.test(word)) {
    addHashed(v, `punct:${word}`, 1, 2);
  } else {
    const padded = `<${word}>`;
    for (let i = 0; i + 3 <= padded.length; i++) addHashed(v, `tri:${padded.slice(i, i + 3)}`, 1, 2);
    addHashed(v, `word:${word}`, 2, 4);
  }
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  const scale = isPiece || !/[\p{L}\p{N}]/u.test(word) ? 0.1 : STOP_WORDS.has(word) ? 0.25 : 1;
  for (let i = 0; i < dim; i++) v[i] = ((v[i] ?? 0) / norm) * scale;
  return v;
}

function buildVocab(kind: FixtureKind, words: readonly string[]): string[] {
  const specials = kind === "bert" || kind === "cross-encoder" ? BERT_SPECIALS : QWEN_SPECIALS;
  const letters = [..."abcdefghijklmnopqrstuvwxyz0123456789"];
  const seen = new Set<string>(specials);
  const vocab = [...specials];
  const add = (t: string): void => {
    if (!seen.has(t)) {
      seen.add(t);
      vocab.push(t);
    }
  };
  for (const w of [...words, ...EXTRA_WORDS]) for (const piece of fixtureWords(w)) add(piece);
  for (const p of PUNCTUATION) add(p);
  for (const c of letters) add(c);
  for (const c of letters) add(`##${c}`);
  return vocab;
}

function tokenizerJson(kind: FixtureKind, vocab: string[]): Record<string, unknown> {
  const bert = kind === "bert" || kind === "cross-encoder";
  const specials = bert ? BERT_SPECIALS : QWEN_SPECIALS;
  const ids = Object.fromEntries(vocab.map((t, i) => [t, i]));
  const special = (t: string, typeId: number) => ({ SpecialToken: { id: t, type_id: typeId } });
  const seq = (id: "A" | "B", typeId: number) => ({ Sequence: { id, type_id: typeId } });
  const specialEntry = (t: string) => [t, { id: t, ids: [ids[t]], tokens: [t] }];
  let postProcessor: Record<string, unknown> | null = null;
  if (bert) {
    postProcessor = {
      type: "TemplateProcessing",
      single: [special("[CLS]", 0), seq("A", 0), special("[SEP]", 0)],
      pair: [special("[CLS]", 0), seq("A", 0), special("[SEP]", 0), seq("B", 1), special("[SEP]", 1)],
      special_tokens: Object.fromEntries([specialEntry("[CLS]"), specialEntry("[SEP]")]),
    };
  } else if (kind === "qwen3-embedding") {
    // Like Qwen3-Embedding's tokenizer.json: the end-of-text token is appended to every input.
    postProcessor = {
      type: "TemplateProcessing",
      single: [seq("A", 0), special("<|endoftext|>", 0)],
      pair: [seq("A", 0), seq("B", 1), special("<|endoftext|>", 1)],
      special_tokens: Object.fromEntries([specialEntry("<|endoftext|>")]),
    };
  }
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: specials.map((t) => ({
      id: ids[t],
      content: t,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: "BertPreTokenizer" },
    post_processor: postProcessor,
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: {
      type: "WordPiece",
      unk_token: "[UNK]",
      continuing_subword_prefix: "##",
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

function tokenizerConfig(kind: FixtureKind): Record<string, unknown> {
  if (kind === "bert" || kind === "cross-encoder") {
    return {
      tokenizer_class: "BertTokenizer",
      do_lower_case: true,
      model_max_length: 512,
      pad_token: "[PAD]",
      unk_token: "[UNK]",
      cls_token: "[CLS]",
      sep_token: "[SEP]",
      mask_token: "[MASK]",
    };
  }
  return {
    tokenizer_class: "Qwen2Tokenizer",
    model_max_length: 8192,
    padding_side: "left",
    eos_token: "<|endoftext|>",
    pad_token: "<|endoftext|>",
    unk_token: "[UNK]",
  };
}

function modelConfig(kind: FixtureKind, dim: number, vocabSize: number, tokenIds: Map<string, number>): Record<string, unknown> {
  const common = { hidden_size: dim, vocab_size: vocabSize, num_attention_heads: 1, num_hidden_layers: 1 };
  switch (kind) {
    case "bert":
      return { architectures: ["BertModel"], model_type: "bert", max_position_embeddings: 512, pad_token_id: 0, ...common };
    case "cross-encoder":
      return {
        architectures: ["BertForSequenceClassification"],
        model_type: "bert",
        max_position_embeddings: 512,
        pad_token_id: 0,
        id2label: { "0": "LABEL_0" },
        label2id: { LABEL_0: 0 },
        ...common,
      };
    case "qwen3-embedding":
    case "qwen3-reranker":
      return {
        architectures: [kind === "qwen3-embedding" ? "Qwen3Model" : "Qwen3ForCausalLM"],
        model_type: "qwen3",
        num_key_value_heads: 1,
        head_dim: dim,
        max_position_embeddings: 8192,
        eos_token_id: tokenIds.get("<|endoftext|>"),
        pad_token_id: tokenIds.get("<|endoftext|>"),
        tie_word_embeddings: false,
        use_cache: true,
        ...common,
      };
  }
}

const int64 = (values: number[]): BigInt64Array => BigInt64Array.from(values.map(BigInt));
const ids2d = (name: string) => ({ name, elemType: OnnxType.INT64, shape: ["batch_size", "sequence_length"] });

function buildGraph(kind: FixtureKind, table: Float32Array, V: number, D: number, extra: Partial<FixtureModel>): OnnxGraph {
  const embeddings = { name: "embeddings", dims: [V, D], data: table };
  const gather: OnnxNode = { opType: "Gather", inputs: ["embeddings", "input_ids"], outputs: ["h"], attributes: { axis: 0 } };
  const cumsum: OnnxNode = { opType: "CumSum", inputs: ["h", "axis1"], outputs: ["c"] };
  const axis1 = { name: "axis1", dims: [], data: int64([1]) };
  switch (kind) {
    case "bert":
      return {
        name: "fixture_bert",
        inputs: [ids2d("input_ids"), ids2d("attention_mask"), ids2d("token_type_ids")],
        outputs: [{ name: "last_hidden_state", elemType: OnnxType.FLOAT, shape: ["batch_size", "sequence_length", D] }],
        initializers: [embeddings],
        nodes: [{ ...gather, outputs: ["last_hidden_state"] }],
      };
    case "qwen3-embedding":
      return {
        name: "fixture_qwen3_embedding",
        inputs: [ids2d("input_ids"), ids2d("attention_mask"), ids2d("position_ids")],
        outputs: [{ name: "last_hidden_state", elemType: OnnxType.FLOAT, shape: ["batch_size", "sequence_length", D] }],
        initializers: [embeddings, axis1],
        nodes: [gather, { ...cumsum, outputs: ["last_hidden_state"] }],
      };
    case "cross-encoder": {
      const { scale, bias } = extra.crossEncoder!;
      return {
        name: "fixture_cross_encoder",
        inputs: [ids2d("input_ids"), ids2d("attention_mask"), ids2d("token_type_ids")],
        outputs: [{ name: "logits", elemType: OnnxType.FLOAT, shape: ["batch_size", 1] }],
        initializers: [
          embeddings,
          { name: "axes2", dims: [1], data: int64([2]) },
          { name: "axes1", dims: [1], data: int64([1]) },
          { name: "scale", dims: [], data: Float32Array.of(scale) },
          { name: "bias", dims: [], data: Float32Array.of(bias) },
        ],
        nodes: [
          gather,
          { opType: "Cast", inputs: ["attention_mask"], outputs: ["m"], attributes: { to: OnnxType.FLOAT } },
          { opType: "Cast", inputs: ["token_type_ids"], outputs: ["tt"], attributes: { to: OnnxType.FLOAT } },
          { opType: "Mul", inputs: ["tt", "m"], outputs: ["dmask"] },
          { opType: "Sub", inputs: ["m", "dmask"], outputs: ["qmask"] },
          { opType: "Unsqueeze", inputs: ["dmask", "axes2"], outputs: ["dmask3"] },
          { opType: "Unsqueeze", inputs: ["qmask", "axes2"], outputs: ["qmask3"] },
          { opType: "Mul", inputs: ["h", "dmask3"], outputs: ["hd"] },
          { opType: "Mul", inputs: ["h", "qmask3"], outputs: ["hq"] },
          { opType: "ReduceSum", inputs: ["hd", "axes1"], outputs: ["d"], attributes: { keepdims: 0 } },
          { opType: "ReduceSum", inputs: ["hq", "axes1"], outputs: ["q"], attributes: { keepdims: 0 } },
          { opType: "Mul", inputs: ["q", "d"], outputs: ["qd"] },
          { opType: "ReduceSum", inputs: ["qd", "axes1"], outputs: ["dot"], attributes: { keepdims: 1 } },
          { opType: "Mul", inputs: ["dot", "scale"], outputs: ["scaled"] },
          { opType: "Add", inputs: ["scaled", "bias"], outputs: ["logits"] },
        ],
      };
    }
    case "qwen3-reranker": {
      const { u, yesId, noId } = extra.reranker!;
      const W = new Float32Array(D * V);
      for (let k = 0; k < D; k++) {
        W[k * V + yesId] = u[k] ?? 0;
        W[k * V + noId] = -(u[k] ?? 0);
      }
      return {
        name: "fixture_qwen3_reranker",
        inputs: [ids2d("input_ids"), ids2d("attention_mask"), ids2d("position_ids")],
        outputs: [{ name: "logits", elemType: OnnxType.FLOAT, shape: ["batch_size", "sequence_length", V] }],
        initializers: [embeddings, axis1, { name: "lm_head", dims: [D, V], data: W }],
        nodes: [gather, cumsum, { opType: "MatMul", inputs: ["c", "lm_head"], outputs: ["logits"] }],
      };
    }
  }
}

/** Writes a fixture model folder (config.json, tokenizer files, onnx/model.onnx) into `dir`. */
export async function writeFixtureModel(dir: string, options: FixtureOptions = {}): Promise<FixtureModel> {
  const kind = options.kind ?? "bert";
  const dim = options.dim ?? 64;
  const words = options.words ?? (await catalogWords());
  const vocab = buildVocab(kind, words);
  const tokenIds = new Map(vocab.map((t, i) => [t, i]));
  const V = vocab.length;
  const specials = new Set(kind === "bert" || kind === "cross-encoder" ? BERT_SPECIALS : QWEN_SPECIALS);
  const table = new Float32Array(V * dim);
  vocab.forEach((t, i) => {
    if (!specials.has(t)) table.set(fixtureTokenVector(t, dim), i * dim);
  });
  const row = (id: number): Float32Array => table.subarray(id * dim, (id + 1) * dim);

  const model: FixtureModel = { dir: path.resolve(dir), kind, dim, vocab, tokenIds, table, row };
  if (kind === "cross-encoder") model.crossEncoder = { scale: 2, bias: -1 };
  if (kind === "qwen3-reranker") {
    const u = new Float32Array(dim);
    for (let k = 0; k < dim; k++) u[k] = (fnv1a(`u${k}`, 3) % 1000) / 1000 - 0.5;
    model.reranker = { u, yesId: tokenIds.get("yes")!, noId: tokenIds.get("no")! };
  }

  const onnx = encodeOnnxModel(buildGraph(kind, table, V, dim, model));
  await mkdir(path.join(model.dir, "onnx"), { recursive: true });
  const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";
  await writeFile(path.join(model.dir, "onnx", "model.onnx"), onnx);
  await writeFile(path.join(model.dir, "config.json"), json(modelConfig(kind, dim, V, tokenIds)));
  await writeFile(path.join(model.dir, "tokenizer.json"), JSON.stringify(tokenizerJson(kind, vocab)));
  await writeFile(path.join(model.dir, "tokenizer_config.json"), json(tokenizerConfig(kind)));
  if (kind === "bert" || kind === "qwen3-embedding") {
    await mkdir(path.join(model.dir, "1_Pooling"), { recursive: true });
    const pooling =
      kind === "bert"
        ? { word_embedding_dimension: dim, pooling_mode_mean_tokens: true }
        : { word_embedding_dimension: dim, pooling_mode_lasttoken: true };
    await writeFile(path.join(model.dir, "1_Pooling", "config.json"), json(pooling));
  }
  return model;
}
