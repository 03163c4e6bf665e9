/**
 * Training runs (issue 11): the names the API, the worker and the console share about base
 * models, the trainer's metrics and run artifacts. Pure: no I/O. The trainer's protocol is
 * apps/trainer/README.md ("Protocol", "Artifacts").
 */

import { ToolRecError, ValidationError } from "./errors";

/** What a worker's Python must have for a base model. */
export type TrainerRequirement = "torch" | "transformers" | "peft";

export interface BuiltInBaseModel {
  name: string;
  requires: readonly TrainerRequirement[];
  description: string;
}

/** Base models every worker knows by name (apps/trainer: `--model`). */
export const BUILT_IN_BASE_MODELS: readonly BuiltInBaseModel[] = [
  {
    name: "toolrec/tiny-random",
    requires: ["torch"],
    description: "A 124k-parameter Qwen3-shaped decoder in plain PyTorch with fixed random weights: the test model, runs on a CPU in seconds.",
  },
  {
    name: "toolrec/ranker",
    requires: ["torch"],
    description: "The linear suggestion policy (apps/trainer ranker.py): trains on a CPU in seconds from a dataset export with the ranker view per row; served by the API as a model version of kind ranker.",
  },
  {
    name: "qwen3-random",
    requires: ["torch", "transformers", "peft"],
    description: "Transformers' Qwen3 with random weights (Qwen3-0.6B's shape): a GPU benchmark, not a useful model.",
  },
];

/** The linear suggestion policy: its runs train on the JSONL export with a `ranker` object per row and end with `ranker.json`. */
export const RANKER_BASE_MODEL = "toolrec/ranker";
/** The weights file a `toolrec/ranker` run leaves (artifact kind adapter). */
export const RANKER_WEIGHTS_ARTIFACT = "ranker.json";

/** A model folder a worker advertises: one path segment of letters, digits, `.`, `_` and `-`. */
export const MODEL_FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Folder models (Hugging Face layout) go through transformers and peft. */
export const MODEL_FOLDER_REQUIRES: readonly TrainerRequirement[] = ["torch", "transformers", "peft"];

/** The base models a worker can train given what its Python has and its local model folders. */
export function runnableBaseModels(python: Record<TrainerRequirement, boolean>, modelFolders: readonly string[]): string[] {
  const has = (needs: readonly TrainerRequirement[]) => needs.every((n) => python[n]);
  const out = BUILT_IN_BASE_MODELS.filter((m) => has(m.requires)).map((m) => m.name);
  if (has(MODEL_FOLDER_REQUIRES)) out.push(...modelFolders.filter((f) => MODEL_FOLDER_NAME.test(f) && !out.includes(f)));
  return out;
}

/**
 * The trainer's per-step metrics (TRL's KTOTrainer names, apps/trainer README "Protocol")
 * and the camelCase field each has in the API's metric series.
 */
export const TRAINING_METRICS = [
  { key: "loss", field: "loss", label: "loss (Eq. 8)" },
  { key: "kl", field: "kl", label: "KL estimate z / beta" },
  { key: "rewards/chosen", field: "rewardsChosen", label: "rewards/chosen" },
  { key: "rewards/rejected", field: "rewardsRejected", label: "rewards/rejected" },
  { key: "rewards/margins", field: "rewardsMargins", label: "rewards/margins" },
  { key: "logps/chosen", field: "logpsChosen", label: "logps/chosen" },
  { key: "logps/rejected", field: "logpsRejected", label: "logps/rejected" },
  { key: "lr", field: "lr", label: "learning rate" },
  { key: "grad_norm", field: "gradNorm", label: "gradient norm" },
  { key: "tokens_per_s", field: "tokensPerS", label: "tokens/s" },
  { key: "memory_mb", field: "memoryMb", label: "memory (MB)" },
  { key: "epoch", field: "epoch", label: "epoch" },
] as const;

export type TrainingArtifactKind = "adapter" | "run" | "metrics" | "log" | "checkpoint";

/** Lines of the trainer's log a run keeps in the database (the whole log is an artifact). */
export const TRAINING_LOG_TAIL_LINES = 200;
/** Longest log line kept (longer lines are cut, with a marker). */
export const TRAINING_LOG_LINE_MAX = 2000;

const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * The kind of a run artifact from its path relative to the trainer's --out folder, checking
 * the path: relative, `/`-separated segments of letters, digits, `.`, `_`, `-` (no `..`, no
 * hidden files), at most 4 deep. Throws a ValidationError on `path` otherwise.
 */
export function trainingArtifactKind(path: string): TrainingArtifactKind {
  const parts = path.split("/");
  if (path.length > 300 || parts.length > 4 || !parts.every((p) => SEGMENT.test(p) && p !== "." && p !== "..")) {
    throw new ValidationError("path", `"${path}" is not an artifact path (relative, segments of letters, digits, ".", "_", "-")`);
  }
  const [top] = parts;
  if (top === "adapter" && parts.length === 2) return "adapter";
  if (path === RANKER_WEIGHTS_ARTIFACT) return "adapter";
  if (path === "run.json") return "run";
  if (path === "metrics.jsonl") return "metrics";
  if (top === "logs" && parts.length === 2) return "log";
  if (top === "checkpoints" && parts.length >= 2) return "checkpoint";
  throw new ValidationError("path", `"${path}" is not one of a run's artifacts (adapter/*, ranker.json, run.json, metrics.jsonl, logs/*, checkpoints/...)`);
}

/** The files a peft adapter folder must have (what vLLM's --lora-modules and PeftModel.from_pretrained load). */
export const ADAPTER_FILES = ["adapter/adapter_config.json", "adapter/adapter_model.safetensors"] as const;

/** A name vLLM's `--lora-modules NAME=PATH` and an OpenAI-compatible `model` field take. */
export const ADAPTER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** Keeps a log tail bounded: the last `max` lines, each cut to TRAINING_LOG_LINE_MAX characters. */
export function appendLogTail(tail: readonly string[], lines: readonly string[], max = TRAINING_LOG_TAIL_LINES): string[] {
  const cut = lines.map((l) => (l.length > TRAINING_LOG_LINE_MAX ? `${l.slice(0, TRAINING_LOG_LINE_MAX)} …[cut]` : l));
  return [...tail, ...cut].slice(-max);
}

/**
 * A worker called about a run whose lease it no longer holds (the lease expired and the run
 * was requeued, cancelled or finished): it must stop working on the run (GraphQL LEASE_LOST).
 */
export class LeaseLostError extends ToolRecError {
  readonly code = "LEASE_LOST";
  constructor(readonly runId: string) {
    super(`this worker no longer holds training run ${runId}'s lease (it expired, or the run was requeued or finished)`);
  }
}
