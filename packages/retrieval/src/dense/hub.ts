// `toolrec models fetch`: downloads a model's config, tokenizer and one ONNX variant from the
// Hugging Face hub into the local models folder, where a network allows (models.ts inspects
// the folder).

import { createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { UnavailableError } from "@toolrec/core";
import { chooseOnnxVariant, describeModel, DTYPE_SUFFIXES, isModelFolder, onnxVariants, resolveModelsDir } from "./models.js";
import { exists, formatBytes, listFilesRecursive, readJson } from "./folder-files.js";
import type { LocalModel, ModelDtype, ModelMetadata } from "./models.js";

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
