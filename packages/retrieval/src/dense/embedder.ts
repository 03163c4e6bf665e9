// Text embeddings from a local ONNX model through @huggingface/transformers (AutoTokenizer +
// AutoModel, so every pooling is ours): mean / CLS pooling for sentence-transformers models,
// last-token pooling by the attention mask for Qwen3-Embedding (left or right padding alike),
// then L2 normalisation. Queries of Qwen3-Embedding get `Instruct: {task}\nQuery:{query}`;
// documents get no prefix.

import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Tensor } from "@huggingface/transformers";
import { describeModel, type ModelDtype, type ModelFamily, type Pooling } from "./models.js";
import { floatData, InferenceQueue, loadLocalModel, maskValues, runModel, tokenizeBatch } from "./runtime.js";

/** The task line of the Qwen3-Embedding query instruction used for tool retrieval. */
export const DEFAULT_QUERY_INSTRUCTION =
  "Given a user's conversation with a phone assistant, retrieve the device tool that fulfils the user's latest request";

/** Qwen3-Embedding's query format: `Instruct: {task}\nQuery:{query}`. */
export function formatQwen3Query(query: string, task: string = DEFAULT_QUERY_INSTRUCTION): string {
  return `Instruct: ${task}\nQuery:${query}`;
}

export type EmbedderFamily = Extract<ModelFamily, "qwen3-embedding" | "sentence-transformers">;

export interface EmbedOptions {
  /** Queries get the model's query prefix (Qwen3 instruction); documents do not. Default false. */
  isQuery?: boolean;
  /** Scheduling: "high" (default) runs before queued "low" work such as background refreshes. */
  priority?: "high" | "low";
}

export interface Embedder {
  /** Cache-key id: the hub id or folder id, with "@dtype" for non-fp32 weights. */
  readonly modelId: string;
  /** Short name (folder name), e.g. "all-MiniLM-L6-v2". */
  readonly name: string;
  readonly family: EmbedderFamily;
  readonly pooling: Pooling;
  /** Embedding size. */
  readonly dim: number;
  /** L2-normalised embeddings, one per text, in order. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
  /** The exact text the model sees for a query or document. */
  formatText(text: string, isQuery: boolean): string;
  dispose(): Promise<void>;
}

export interface EmbedderOptions {
  /** Overrides the family detected from config.json (or toolrec.json). */
  family?: EmbedderFamily;
  /** Overrides the pooling of the family / 1_Pooling/config.json. */
  pooling?: Pooling;
  dtype?: ModelDtype;
  /** Qwen3-Embedding task line; default DEFAULT_QUERY_INSTRUCTION. */
  instruction?: string;
  /** Query / document prefixes for sentence-transformers models; default the prompts in config_sentence_transformers.json, else none. */
  queryPrefix?: string;
  documentPrefix?: string;
  /** Truncation in tokens; default min(512, the tokenizer's model_max_length). */
  maxLength?: number;
  /** Texts per forward pass; default 16. */
  batchSize?: number;
  modelId?: string;
}

/** L2-normalises in place; a zero vector stays zero. Returns v. */
export function l2Normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] ?? 0) * (v[i] ?? 0);
  const n = Math.sqrt(s);
  if (n > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) / n;
  return v;
}

/**
 * Pools hidden states [batch, seq, dim] (row-major) into one vector per row:
 * "mean" averages the positions with mask 1, "cls" takes position 0, "last" takes the last
 * position with mask 1 (correct for left and right padding). Vectors are not normalised.
 */
export function poolHiddenStates(
  hidden: Float32Array,
  dims: readonly number[],
  mask: ArrayLike<number>,
  pooling: Pooling,
): Float32Array[] {
  const [batch = 0, seq = 0, dim = 0] = dims;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const v = new Float32Array(dim);
    const rowMask = (t: number): number => mask[b * seq + t] ?? 0;
    const addPosition = (t: number, w: number): void => {
      const base = (b * seq + t) * dim;
      for (let k = 0; k < dim; k++) v[k] = (v[k] ?? 0) + (hidden[base + k] ?? 0) * w;
    };
    if (pooling === "mean") {
      let count = 0;
      for (let t = 0; t < seq; t++) if (rowMask(t)) count++;
      for (let t = 0; t < seq; t++) if (rowMask(t)) addPosition(t, 1 / Math.max(count, 1));
    } else if (pooling === "cls") {
      addPosition(0, 1);
    } else {
      let last = -1;
      for (let t = 0; t < seq; t++) if (rowMask(t)) last = t;
      if (last >= 0) addPosition(last, 1);
    }
    out.push(v);
  }
  return out;
}

interface SentenceTransformersConfig {
  prompts?: Record<string, string>;
}

async function readPrompts(dir: string): Promise<Record<string, string>> {
  try {
    const cfg = JSON.parse(await readFile(path.join(dir, "config_sentence_transformers.json"), "utf8")) as SentenceTransformersConfig;
    return cfg.prompts ?? {};
  } catch {
    return {};
  }
}

function pickHiddenStates(outputs: Record<string, Tensor>): { tensor: Tensor; pooled: boolean } {
  const named = outputs.last_hidden_state ?? outputs.token_embeddings;
  if (named) return { tensor: named, pooled: false };
  const values = Object.values(outputs);
  const threeD = values.find((t) => t.dims.length === 3);
  if (threeD) return { tensor: threeD, pooled: false };
  const twoD = outputs.sentence_embedding ?? values.find((t) => t.dims.length === 2);
  if (twoD) return { tensor: twoD, pooled: true };
  throw new Error(`the model returned no hidden states (outputs: ${Object.keys(outputs).join(", ")})`);
}

/** Loads an embedding model folder (offline) and returns an Embedder. */
export async function createEmbedder(modelDir: string, options: EmbedderOptions = {}): Promise<Embedder> {
  const described = await describeModel(path.resolve(modelDir), { family: options.family, id: options.modelId });
  if (described.role !== "embedder") {
    throw new Error(`${described.id} is a ${described.family} model, not an embedder (use createReranker)`);
  }
  const loaded = await loadLocalModel(modelDir, "base", options);
  const { info, tokenizer, model } = loaded;
  const family = info.family as EmbedderFamily;
  const pooling: Pooling = options.pooling ?? info.pooling ?? (family === "qwen3-embedding" ? "last" : "mean");
  const prompts = await readPrompts(info.dir);
  const instruction = options.instruction ?? DEFAULT_QUERY_INSTRUCTION;
  const queryPrefix = options.queryPrefix ?? prompts.query ?? "";
  const documentPrefix = options.documentPrefix ?? prompts.document ?? prompts.passage ?? "";
  const maxLength = Math.min(options.maxLength ?? 512, tokenizer.model_max_length ?? Infinity);
  const batchSize = Math.max(1, options.batchSize ?? 16);
  const queue = new InferenceQueue();

  const formatText = (text: string, isQuery: boolean): string => {
    if (family === "qwen3-embedding") return isQuery ? formatQwen3Query(text, instruction) : text;
    return (isQuery ? queryPrefix : documentPrefix) + text;
  };

  const forward = async (texts: string[]): Promise<Float32Array[]> => {
    const inputs = tokenizeBatch(tokenizer, texts, { max_length: maxLength });
    const outputs = await runModel(model, { ...inputs });
    const { tensor, pooled } = pickHiddenStates(outputs);
    const data = floatData(tensor);
    const vectors = pooled
      ? Array.from({ length: tensor.dims[0] ?? 0 }, (_, b) => {
          const d = tensor.dims[1] ?? 0;
          return data.slice(b * d, (b + 1) * d);
        })
      : poolHiddenStates(data, tensor.dims, maskValues(inputs.attention_mask), pooling);
    return vectors.map(l2Normalize);
  };

  const embed = async (texts: readonly string[], opts: EmbedOptions = {}): Promise<Float32Array[]> => {
    const formatted = texts.map((t) => formatText(t, opts.isQuery ?? false));
    const out: Float32Array[] = [];
    for (let i = 0; i < formatted.length; i += batchSize) {
      const batch = formatted.slice(i, i + batchSize);
      out.push(...(await queue.run(() => forward(batch), opts.priority ?? "high")));
    }
    return out;
  };

  // One warm-up pass: fixes the embedding size and keeps first-query latency honest.
  const probe = await embed(["warm up"]);
  const dim = probe[0]?.length ?? 0;
  if (dim === 0) throw new Error(`${info.id}: the model produced an empty embedding`);

  return {
    modelId: loaded.modelId,
    name: path.basename(info.dir),
    family,
    pooling,
    dim,
    embed,
    formatText,
    dispose: async () => {
      await model.dispose();
    },
  };
}
