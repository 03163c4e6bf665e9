// The local models folder: where it is, what is in it, and which family each model belongs to
// (folder inspection only; downloading from the hub is hub.ts).
//
// A model folder holds config.json, tokenizer.json, tokenizer_config.json and onnx/*.onnx
// (the layout of onnx-community / Xenova exports). Nested hub ids keep their owner folder:
// <modelsDir>/onnx-community/Qwen3-Embedding-0.6B-ONNX/config.json.

import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "@toolrec/config";
import { exists, formatBytes, listFilesRecursive, readJson } from "./folder-files.js";

/** `TOOLREC_MODELS_DIR`, else `<repo>/.models`. */
export function resolveModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.TOOLREC_MODELS_DIR?.trim();
  return path.resolve(configured ? configured : path.join(repoRoot, ".models"));
}

/**
 * - "qwen3-embedding": decoder embedder; queries get `Instruct: {task}\nQuery:{query}`,
 *   documents no prefix; last-token pooling by the attention mask; L2 normalised.
 * - "sentence-transformers": encoder embedder (bert, xlm-roberta, mpnet, ...); mean pooling
 *   (or what 1_Pooling/config.json says); L2 normalised.
 * - "cross-encoder": *ForSequenceClassification; score = sigmoid(logit) (softmax over two labels).
 * - "qwen3-reranker": causal LM scored by p("yes") over the "yes"/"no" logits of its judge prompt.
 */
export type ModelFamily = "qwen3-embedding" | "sentence-transformers" | "cross-encoder" | "qwen3-reranker";
export type ModelRole = "embedder" | "reranker";
export type Pooling = "mean" | "cls" | "last";

export const MODEL_FAMILIES: readonly ModelFamily[] = [
  "qwen3-embedding",
  "sentence-transformers",
  "cross-encoder",
  "qwen3-reranker",
];

export function familyRole(family: ModelFamily): ModelRole {
  return family === "cross-encoder" || family === "qwen3-reranker" ? "reranker" : "embedder";
}

/** The fields of a Hugging Face config.json this code reads. */
export interface ModelConfigJson {
  model_type?: string;
  architectures?: string[];
  _name_or_path?: string;
  num_labels?: number;
  id2label?: Record<string, string>;
  [key: string]: unknown;
}

/** sentence-transformers' 1_Pooling/config.json. */
export interface PoolingConfigJson {
  pooling_mode_cls_token?: boolean;
  pooling_mode_mean_tokens?: boolean;
  pooling_mode_lasttoken?: boolean;
  [key: string]: unknown;
}

/** Optional toolrec.json in a model folder: written by fetchModel, or by hand to override detection. */
export interface ModelMetadata {
  hubId?: string;
  family?: ModelFamily;
  dtype?: string;
  fetchedAt?: string;
  files?: string[];
}

export interface FamilyHints {
  /** Folder name or hub id; "rerank" in it marks a Qwen3 causal LM as Qwen3-Reranker. */
  name?: string;
  /** An explicit family (toolrec.json or a caller's option) wins over detection. */
  override?: ModelFamily;
}

const DECODER_EMBEDDING_TYPES = new Set(["qwen3", "qwen2"]);

/** Picks the model family from config.json (see ModelFamily). */
export function detectModelFamily(config: ModelConfigJson, hints: FamilyHints = {}): ModelFamily {
  if (hints.override) return hints.override;
  const architectures = Array.isArray(config.architectures) ? config.architectures : [];
  if (architectures.some((a) => a.endsWith("ForSequenceClassification"))) return "cross-encoder";
  const modelType = (config.model_type ?? "").toLowerCase();
  if (DECODER_EMBEDDING_TYPES.has(modelType)) {
    const names = [hints.name ?? "", config._name_or_path ?? ""].join(" ");
    return /rerank/i.test(names) ? "qwen3-reranker" : "qwen3-embedding";
  }
  // bert, xlm-roberta, mpnet, roberta, distilbert, electra, deberta, nomic_bert, modernbert, ...:
  // anything else that outputs last_hidden_state is pooled the sentence-transformers way.
  return "sentence-transformers";
}

/** The pooling of an embedder family, refined by 1_Pooling/config.json where present. */
export function detectPooling(family: ModelFamily, pooling?: PoolingConfigJson | null): Pooling {
  if (pooling) {
    if (pooling.pooling_mode_lasttoken) return "last";
    if (pooling.pooling_mode_cls_token) return "cls";
    if (pooling.pooling_mode_mean_tokens) return "mean";
  }
  return family === "qwen3-embedding" ? "last" : "mean";
}

/** ONNX weight variants, in the order a model folder's file is preferred. */
export const DTYPE_SUFFIXES = {
  fp32: "",
  q8: "_quantized",
  fp16: "_fp16",
  int8: "_int8",
  uint8: "_uint8",
  q4: "_q4",
  q4f16: "_q4f16",
  bnb4: "_bnb4",
} as const;
export type ModelDtype = keyof typeof DTYPE_SUFFIXES;

export interface OnnxVariant {
  dtype: ModelDtype;
  /** Path inside the model folder, e.g. "onnx/model_quantized.onnx". */
  file: string;
  /** Number of external-data files (model.onnx_data, model.onnx_data_1, ...). */
  externalDataChunks: number;
}

/** The onnx/model*.onnx variants among a folder's files (paths relative to the folder). */
export function onnxVariants(files: readonly string[], baseName = "model"): OnnxVariant[] {
  const set = new Set(files);
  const out: OnnxVariant[] = [];
  for (const [dtype, suffix] of Object.entries(DTYPE_SUFFIXES) as [ModelDtype, string][]) {
    const file = `onnx/${baseName}${suffix}.onnx`;
    if (!set.has(file)) continue;
    let chunks = 0;
    while (set.has(`${file}_data${chunks === 0 ? "" : `_${chunks}`}`)) chunks++;
    out.push({ dtype, file, externalDataChunks: chunks });
  }
  return out;
}

/** The variant to load: `preferred` if present, else the first of DTYPE_SUFFIXES' order. */
export function chooseOnnxVariant(variants: readonly OnnxVariant[], preferred?: ModelDtype): OnnxVariant | undefined {
  return (preferred && variants.find((v) => v.dtype === preferred)) || variants[0];
}

/** A local model folder as `toolrec models list` shows it. */
export interface LocalModel {
  /** Path relative to the models folder, "/"-separated (a hub id for fetched models). */
  id: string;
  dir: string;
  family: ModelFamily;
  role: ModelRole;
  modelType: string;
  architectures: string[];
  /** Pooling for embedders; undefined for rerankers. */
  pooling?: Pooling;
  variants: OnnxVariant[];
  sizeBytes: number;
  metadata: ModelMetadata;
}




/** True when `dir` holds config.json, tokenizer.json and at least one onnx/*.onnx. */
export async function isModelFolder(dir: string): Promise<boolean> {
  if (!(await exists(path.join(dir, "config.json"))) || !(await exists(path.join(dir, "tokenizer.json")))) return false;
  try {
    return (await readdir(path.join(dir, "onnx"))).some((f) => f.endsWith(".onnx"));
  } catch {
    return false;
  }
}

export interface DescribeOptions {
  /** Id reported for the model; default the folder's path relative to the models folder. */
  id?: string;
  family?: ModelFamily;
  modelsDir?: string;
}

/** Reads a model folder's config.json, toolrec.json, 1_Pooling/config.json and onnx files. */
export async function describeModel(dir: string, options: DescribeOptions = {}): Promise<LocalModel> {
  const abs = path.resolve(dir);
  const config = await readJson<ModelConfigJson>(path.join(abs, "config.json"));
  if (!config) throw new Error(`${abs} is not a model folder: config.json is missing`);
  const metadata = (await readJson<ModelMetadata>(path.join(abs, "toolrec.json"))) ?? {};
  const poolingConfig = await readJson<PoolingConfigJson>(path.join(abs, "1_Pooling", "config.json"));
  const modelsDir = options.modelsDir ?? resolveModelsDir();
  const relative = path.relative(modelsDir, abs);
  const id =
    options.id ??
    metadata.hubId ??
    (relative && !relative.startsWith("..") && !path.isAbsolute(relative)
      ? relative.split(path.sep).join("/")
      : path.basename(abs));
  const family = detectModelFamily(config, {
    name: `${id} ${path.basename(abs)}`,
    override: options.family ?? metadata.family,
  });
  const files = await listFilesRecursive(abs);
  return {
    id,
    dir: abs,
    family,
    role: familyRole(family),
    modelType: config.model_type ?? "unknown",
    architectures: Array.isArray(config.architectures) ? config.architectures : [],
    pooling: familyRole(family) === "embedder" ? detectPooling(family, poolingConfig) : undefined,
    variants: onnxVariants(files.map((f) => f.rel)),
    sizeBytes: files.reduce((a, f) => a + f.size, 0),
    metadata,
  };
}

/** Model folders under the models folder, one or two levels deep (name or owner/name). */
export async function listLocalModels(modelsDir: string = resolveModelsDir()): Promise<LocalModel[]> {
  const out: LocalModel[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return;
      throw e;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      const sub = path.join(dir, entry.name);
      if (await isModelFolder(sub)) {
        try {
          out.push(await describeModel(sub, { modelsDir }));
        } catch {
          // An unreadable config.json: not listed.
        }
      } else if (depth < 2) {
        await visit(sub, depth + 1);
      }
    }
  };
  await visit(path.resolve(modelsDir), 1);
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Finds a local model by id (exact, or by folder name when unambiguous). */
export async function findLocalModel(idOrPath: string, modelsDir: string = resolveModelsDir()): Promise<LocalModel> {
  if (path.isAbsolute(idOrPath) || idOrPath.startsWith(".")) {
    if (await isModelFolder(idOrPath)) return describeModel(idOrPath, { modelsDir });
  }
  const models = await listLocalModels(modelsDir);
  const exact = models.find((m) => m.id === idOrPath);
  if (exact) return exact;
  const byName = models.filter((m) => path.basename(m.dir) === idOrPath || m.id.endsWith(`/${idOrPath}`));
  if (byName.length === 1 && byName[0]) return byName[0];
  const known = models.length ? models.map((m) => m.id).join(", ") : "none";
  throw new Error(`no local model "${idOrPath}" in ${modelsDir} (found: ${known}); see \`toolrec models list\``);
}


/** `toolrec models list`: one line per model, or a hint when the folder is empty. */
export function formatModelList(models: readonly LocalModel[], modelsDir: string = resolveModelsDir()): string {
  if (models.length === 0) {
    return `No models in ${modelsDir}.\nFetch one with \`toolrec models fetch HUB_ID\` or copy a model folder there (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx).`;
  }
  const lines = [`Models in ${modelsDir}:`];
  for (const m of models) {
    const dtypes = m.variants.map((v) => v.dtype).join(",") || "no onnx";
    const pooling = m.pooling ? `, ${m.pooling} pooling` : "";
    lines.push(`  ${m.id}  ${m.family} (${m.role}${pooling}; ${m.modelType}; ${dtypes}; ${formatBytes(m.sizeBytes)})`);
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// toolrec models fetch

/** Files fetched when the hub has them; config.json, tokenizer.json, tokenizer_config.json and one onnx variant are required. */
