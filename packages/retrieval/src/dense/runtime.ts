// Loading a local model folder through @huggingface/transformers (onnxruntime-node), offline:
// env.allowRemoteModels = false, env.localModelPath = the models folder, and every model is
// opened by its absolute folder path, so nothing is ever requested from a hub.

import path from "node:path";
import {
  AutoModel,
  AutoModelForCausalLM,
  AutoModelForSequenceClassification,
  AutoTokenizer,
  env,
  Tensor,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from "@huggingface/transformers";
import {
  chooseOnnxVariant,
  describeModel,
  resolveModelsDir,
  type LocalModel,
  type ModelDtype,
  type ModelFamily,
  type OnnxVariant,
} from "./models.js";

/** Applies the offline settings to transformers.js' global env (idempotent). */
export function configureOfflineRuntime(modelsDir: string = resolveModelsDir()): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
}

export type ModelHead = "base" | "sequence-classification" | "causal-lm";

export interface LoadOptions {
  family?: ModelFamily;
  /** ONNX weights to load; default fp32 when present, else the first variant found. */
  dtype?: ModelDtype;
  /** Id used in cache keys and stage names; default the folder's id (hub id or relative path). */
  modelId?: string;
}

export interface LoadedModel {
  info: LocalModel;
  variant: OnnxVariant;
  /** `info.id`, with "@dtype" appended for weights other than fp32: the cache-key id. */
  modelId: string;
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
}

export interface EncodedBatch {
  input_ids: Tensor;
  attention_mask: Tensor;
  token_type_ids?: Tensor;
}

export interface TokenizeOptions {
  text_pair?: string[];
  add_special_tokens?: boolean;
  max_length?: number;
}

/** Calls a transformers.js tokenizer with padding + truncation, returning int64 tensors. */
export function tokenizeBatch(tokenizer: PreTrainedTokenizer, texts: string[], options: TokenizeOptions = {}): EncodedBatch {
  const call = tokenizer as unknown as (texts: string[], o: Record<string, unknown>) => EncodedBatch;
  return call(texts, { padding: true, truncation: true, ...options });
}

/** Token ids of a text with no special tokens added. */
export function encodeIds(tokenizer: PreTrainedTokenizer, text: string): number[] {
  return tokenizer.encode(text, { add_special_tokens: false });
}

/** Runs a model on named inputs. */
export async function runModel(model: PreTrainedModel, inputs: Record<string, Tensor>): Promise<Record<string, Tensor>> {
  const call = model as unknown as (inputs: Record<string, Tensor>) => Promise<Record<string, Tensor>>;
  return call(inputs);
}

/** A tensor's values as float32 (fp16 outputs converted). */
export function floatData(t: Tensor): Float32Array {
  if (t.type === "float32") return t.data as Float32Array;
  return t.to("float32").data as Float32Array;
}

/** The attention mask's values as numbers (0/1). */
export function maskValues(t: Tensor): Int32Array {
  const data = t.data as BigInt64Array | Int32Array | Float32Array;
  const out = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = Number(data[i]) > 0 ? 1 : 0;
  return out;
}

/** Builds an int64 [rows, cols] tensor. */
export function int64Tensor(rows: number[][], cols: number): Tensor {
  const data = new BigInt64Array(rows.length * cols);
  rows.forEach((r, i) => r.forEach((v, j) => (data[i * cols + j] = BigInt(v))));
  return new Tensor("int64", data, [rows.length, cols]);
}

/** Opens a model folder: tokenizer + ONNX session with the given head. */
export async function loadLocalModel(dir: string, head: ModelHead, options: LoadOptions = {}): Promise<LoadedModel> {
  configureOfflineRuntime();
  const abs = path.resolve(dir);
  const info = await describeModel(abs, { family: options.family, id: options.modelId });
  const variant = chooseOnnxVariant(info.variants, options.dtype);
  if (!variant) throw new Error(`${abs} has no onnx/model*.onnx; see \`toolrec models list\``);
  if (options.dtype && variant.dtype !== options.dtype) {
    throw new Error(`${abs} has no ${options.dtype} weights (available: ${info.variants.map((v) => v.dtype).join(", ")})`);
  }
  const common = { local_files_only: true } as const;
  const tokenizer = await AutoTokenizer.from_pretrained(abs, common);
  const Auto = head === "base" ? AutoModel : head === "sequence-classification" ? AutoModelForSequenceClassification : AutoModelForCausalLM;
  const model = await Auto.from_pretrained(abs, {
    ...common,
    device: "cpu",
    dtype: variant.dtype,
    ...(variant.externalDataChunks > 0 ? { use_external_data_format: variant.externalDataChunks } : {}),
  });
  const modelId = options.modelId ?? (variant.dtype === "fp32" ? info.id : `${info.id}@${variant.dtype}`);
  return { info, variant, modelId, tokenizer, model };
}

/**
 * Runs inference tasks one at a time, "high" (queries) before "low" (background catalog
 * embedding), so a refresh never holds a query back by more than one batch.
 */
export class InferenceQueue {
  private readonly high: (() => void)[] = [];
  private readonly low: (() => void)[] = [];
  private busy = false;

  run<T>(task: () => Promise<T>, priority: "high" | "low" = "high"): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = (): void => {
        Promise.resolve().then(task).then(resolve, reject).finally(() => {
          this.busy = false;
          this.next();
        });
      };
      (priority === "high" ? this.high : this.low).push(start);
      this.next();
    });
  }

  private next(): void {
    if (this.busy) return;
    const start = this.high.shift() ?? this.low.shift();
    if (!start) return;
    this.busy = true;
    start();
  }
}
