// The local models folder: where it is, what is in it, which family each model belongs to,
// and `toolrec models fetch` (download from the Hugging Face hub where a network allows).
//
// A model folder holds config.json, tokenizer.json, tokenizer_config.json and onnx/*.onnx
// (the layout of onnx-community / Xenova exports). Nested hub ids keep their owner folder:
// <modelsDir>/onnx-community/Qwen3-Embedding-0.6B-ONNX/config.json.

import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { fileURLToPath } from "node:url";
import { UnavailableError } from "@toolrec/core";

/** The repository root (packages/retrieval/src/dense/../../../..). */
export const repoRoot = path.resolve(fileURLToPath(new URL("../../../..", import.meta.url)));

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

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`cannot read ${file}: ${(e as Error).message}`);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function listFilesRecursive(dir: string, prefix = ""): Promise<{ rel: string; size: number }[]> {
  const out: { rel: string; size: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFilesRecursive(full, rel)));
    else if (entry.isFile()) out.push({ rel, size: (await stat(full)).size });
  }
  return out;
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

function formatBytes(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(1)} KiB`;
  return `${n} B`;
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
const REQUIRED_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json"];
const OPTIONAL_FILES = [
  "special_tokens_map.json",
  "generation_config.json",
  "config_sentence_transformers.json",
  "modules.json",
  "sentence_bert_config.json",
  "1_Pooling/config.json",
];

export interface FetchModelOptions {
  /** Destination models folder; default resolveModelsDir(). */
  modelsDir?: string;
  /** Which ONNX weights to download; default fp32 when the hub has it, else the first available. */
  dtype?: ModelDtype;
  /** Hub host; default HF_ENDPOINT or https://huggingface.co. */
  endpoint?: string;
  /** Revision (branch, tag or commit); default "main". */
  revision?: string;
  /** Access token for gated models; default HF_TOKEN. */
  token?: string;
  /** Replace an existing folder. Default false (an existing model folder is an error). */
  force?: boolean;
  /** Injected for tests; default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Called per file as it completes. */
  onProgress?: (event: { file: string; bytes: number; index: number; total: number }) => void;
}

/** Thrown by fetchModel when the hub cannot be reached or refuses; the message says what to do. */
export class ModelFetchError extends UnavailableError {
  constructor(
    message: string,
    readonly hubId: string,
    readonly host: string,
    readonly reason: "network" | "http" | "not-onnx" | "exists",
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ModelFetchError";
  }
}

const HUB_ID = /^[\w.-]+\/[\w.-]+$|^[\w.-]+$/;

function manualCopyHelp(hubId: string, endpoint: string, dest: string): string {
  return (
    `To install it by hand, on a machine that can reach ${endpoint}:\n` +
    `  git clone ${endpoint.replace(/\/$/, "")}/${hubId}   (or download config.json, tokenizer.json, tokenizer_config.json and onnx/model.onnx)\n` +
    `then copy that folder here so that ${path.join(dest, "config.json")} exists\n` +
    `(or point TOOLREC_MODELS_DIR at a folder that holds it), and check it with \`toolrec models list\`.`
  );
}

function describeNetworkError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const cause = err.cause?.code ?? err.cause?.message;
  return cause ? `${err.message} (${cause})` : err.message;
}

/**
 * Downloads a model from the Hugging Face hub into `<modelsDir>/<hubId>`: the tokenizer and
 * config files and one ONNX variant (with its external-data files). Files land in a staging
 * folder that is renamed into place when complete. Where the network refuses (no route, DNS,
 * proxy), throws a ModelFetchError naming the host and how to copy a model folder in by hand.
 */
export async function fetchModel(hubId: string, options: FetchModelOptions = {}): Promise<LocalModel> {
  if (!HUB_ID.test(hubId) || hubId.includes("..")) {
    throw new Error(`"${hubId}" is not a hub id (expected owner/name, e.g. onnx-community/Qwen3-Embedding-0.6B-ONNX)`);
  }
  const modelsDir = path.resolve(options.modelsDir ?? resolveModelsDir());
  const endpoint = (options.endpoint ?? process.env.HF_ENDPOINT ?? "https://huggingface.co").replace(/\/+$/, "");
  const host = (() => {
    try {
      return new URL(endpoint).host;
    } catch {
      return endpoint;
    }
  })();
  const revision = options.revision ?? "main";
  const token = options.token ?? process.env.HF_TOKEN;
  const doFetch = options.fetch ?? globalThis.fetch;
  const dest = path.join(modelsDir, ...hubId.split("/"));
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

  if (!options.force && (await isModelFolder(dest))) {
    throw new ModelFetchError(`${hubId} is already in ${dest} (use --force to fetch it again)`, hubId, host, "exists");
  }

  const request = async (url: string): Promise<Response> => {
    let res: Response;
    try {
      res = await doFetch(url, { headers, redirect: "follow" });
    } catch (e) {
      throw new ModelFetchError(
        `Cannot reach the model hub at ${host} to fetch ${hubId}: ${describeNetworkError(e)}.\n` +
          `This machine has no network route to ${host} (models are never downloaded at serving time).\n` +
          manualCopyHelp(hubId, endpoint, dest),
        hubId,
        host,
        "network",
        { cause: e },
      );
    }
    if (!res.ok) {
      const why =
        res.status === 401 || res.status === 403
          ? "access denied (a gated or private model needs HF_TOKEN; a proxy may also refuse the host)"
          : res.status === 404
            ? "not found (check the hub id and revision)"
            : res.statusText || "error";
      throw new ModelFetchError(
        `The model hub at ${host} answered ${res.status} for ${url}: ${why}.\n` + manualCopyHelp(hubId, endpoint, dest),
        hubId,
        host,
        "http",
      );
    }
    return res;
  };

  // The file list of the repository at the revision.
  const infoUrl = `${endpoint}/api/models/${hubId}/revision/${encodeURIComponent(revision)}`;
  const info = (await (await request(infoUrl)).json()) as { siblings?: { rfilename: string }[] };
  const available = (info.siblings ?? []).map((s) => s.rfilename);
  const variant = chooseOnnxVariant(onnxVariants(available), options.dtype);
  if (!variant) {
    throw new ModelFetchError(
      `${hubId} has no ONNX export (no onnx/model*.onnx). Look for an ONNX conversion, e.g. onnx-community/${hubId.split("/").pop()}-ONNX, ` +
        `or export one with optimum (\`optimum-cli export onnx --model ${hubId} DIR\`) and copy DIR/onnx/model.onnx with the tokenizer files into ${dest}.`,
      hubId,
      host,
      "not-onnx",
    );
  }
  if (options.dtype && variant.dtype !== options.dtype) {
    throw new ModelFetchError(
      `${hubId} has no ${options.dtype} ONNX weights; available: ${onnxVariants(available).map((v) => v.dtype).join(", ")}`,
      hubId,
      host,
      "not-onnx",
    );
  }
  const missing = REQUIRED_FILES.filter((f) => !available.includes(f));
  if (missing.length) {
    throw new ModelFetchError(`${hubId} lacks ${missing.join(", ")}; it cannot be loaded offline`, hubId, host, "not-onnx");
  }
  const dataFiles = Array.from({ length: variant.externalDataChunks }, (_, i) => `${variant.file}_data${i === 0 ? "" : `_${i}`}`);
  const files = [...REQUIRED_FILES, ...OPTIONAL_FILES.filter((f) => available.includes(f)), variant.file, ...dataFiles];

  const staging = path.join(modelsDir, `.fetch-${hubId.replace(/\//g, "--")}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  try {
    let index = 0;
    for (const file of files) {
      const url = `${endpoint}/${hubId}/resolve/${encodeURIComponent(revision)}/${file}`;
      const res = await request(url);
      const target = path.join(staging, ...file.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      if (!res.body) throw new Error(`empty response for ${url}`);
      await pipeline(Readable.fromWeb(res.body as unknown as NodeReadableStream), createWriteStream(target));
      options.onProgress?.({ file, bytes: (await stat(target)).size, index: ++index, total: files.length });
    }
    const metadata: ModelMetadata = { hubId, dtype: variant.dtype, fetchedAt: new Date().toISOString(), files };
    await writeFile(path.join(staging, "toolrec.json"), JSON.stringify(metadata, null, 2) + "\n");
    await rm(dest, { recursive: true, force: true });
    await mkdir(path.dirname(dest), { recursive: true });
    await rename(staging, dest);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  return describeModel(dest, { modelsDir });
}
