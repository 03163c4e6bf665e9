/**
 * Training-run hyperparameters: names, the paper's defaults and ranges come from one JSON
 * Schema file (training-hyperparameters.schema.json) that the Python trainer reads too
 * (apps/trainer/toolrec_trainer/hyperparameters.py), so the API and the trainer cannot
 * disagree on a default. Paper defaults: docs/definitions.md.
 */

import { ValidationError } from "./errors";
import schema from "./training-hyperparameters.schema.json";

export interface TrainingHyperparameters {
  beta: number;
  learningRate: number;
  batchSize: number;
  loraRank: number;
  loraAlpha: number;
  loraDropout: number;
  warmupRatio: number;
  /** Whole passes over the data; null when maxSteps decides the length. */
  epochs: number | null;
  /** Optimizer steps; null when epochs decide the length. */
  maxSteps: number | null;
  lambdaD: number;
  lambdaU: number;
  maxLength: number;
  weightDecay: number;
  maxGradNorm: number;
  seed: number;
  gpus: number;
}

export type TrainingHyperparameterName = keyof TrainingHyperparameters;

/** One key's entry in the schema. */
export interface TrainingHyperparameterSpec {
  readonly type: "number" | "integer" | readonly ["integer", "null"];
  readonly default: number | null;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly description: string;
}

/** The schema itself (JSON Schema 2020-12, additionalProperties false), for forms and docs. */
export const TRAINING_HYPERPARAMETERS_SCHEMA = schema as unknown as {
  readonly properties: Readonly<Record<TrainingHyperparameterName, TrainingHyperparameterSpec>>;
};

const SPECS = TRAINING_HYPERPARAMETERS_SCHEMA.properties;
export const TRAINING_HYPERPARAMETER_NAMES = Object.keys(SPECS) as TrainingHyperparameterName[];

/** The paper's defaults (beta 0.01, lr 5e-6, batch 32, LoRA r 8 / alpha 16, warmup 0.1, 1 epoch, ...). */
export function defaultTrainingHyperparameters(): TrainingHyperparameters {
  return Object.fromEntries(TRAINING_HYPERPARAMETER_NAMES.map((k) => [k, SPECS[k].default])) as unknown as TrainingHyperparameters;
}

function checkValue(spec: TrainingHyperparameterSpec, value: unknown): string | null {
  const nullable = Array.isArray(spec.type) && spec.type.includes("null");
  if (value === null) return nullable ? null : "must be a number, not null";
  const integer = spec.type === "integer" || nullable;
  if (typeof value !== "number" || !Number.isFinite(value)) return `must be a finite number, got ${JSON.stringify(value) ?? String(value)}`;
  if (integer && !Number.isInteger(value)) return `must be an integer, got ${value}`;
  if (spec.minimum !== undefined && value < spec.minimum) return `must be >= ${spec.minimum}, got ${value}`;
  if (spec.exclusiveMinimum !== undefined && value <= spec.exclusiveMinimum) return `must be > ${spec.exclusiveMinimum}, got ${value}`;
  if (spec.maximum !== undefined && value > spec.maximum) return `must be <= ${spec.maximum}, got ${value}`;
  if (spec.exclusiveMaximum !== undefined && value >= spec.exclusiveMaximum) return `must be < ${spec.exclusiveMaximum}, got ${value}`;
  return null;
}

/**
 * Fills the paper's defaults into `input` and checks every key: unknown keys, wrong types and
 * out-of-range values throw a ValidationError naming the key (`field`; `details` lists every
 * problem). Giving both epochs and maxSteps is an error; with maxSteps, epochs resolves to
 * null. With gpus > 1, batchSize must split evenly over the GPUs.
 */
export function resolveTrainingHyperparameters(input: unknown): TrainingHyperparameters {
  if (input === undefined || input === null) input = {};
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new ValidationError("hyperparameters", "hyperparameters must be an object of camelCase keys");
  }
  const given = input as Record<string, unknown>;
  const errors: { field: string; message: string }[] = [];
  const out = defaultTrainingHyperparameters() as unknown as Record<string, number | null>;
  for (const [key, value] of Object.entries(given)) {
    if (!Object.hasOwn(SPECS, key)) {
      errors.push({ field: key, message: `unknown hyperparameter "${key}"; known: ${TRAINING_HYPERPARAMETER_NAMES.join(", ")}` });
      continue;
    }
    const problem = checkValue(SPECS[key as TrainingHyperparameterName], value);
    if (problem) errors.push({ field: key, message: `${key} ${problem}` });
    else out[key] = value as number | null;
  }
  const epochsGiven = given.epochs !== undefined && given.epochs !== null;
  const stepsGiven = given.maxSteps !== undefined && given.maxSteps !== null;
  if (epochsGiven && stepsGiven) errors.push({ field: "maxSteps", message: "give epochs or maxSteps, not both" });
  else if (stepsGiven) out.epochs = null;
  else if (out.epochs === null) errors.push({ field: "epochs", message: "give epochs or maxSteps" });
  const gpus = out.gpus as number;
  if (gpus > 1 && (out.batchSize as number) % gpus !== 0) {
    errors.push({ field: "batchSize", message: `batchSize (${out.batchSize}) must be a multiple of gpus (${gpus}): each GPU takes an equal share of the batch` });
  }
  if (errors.length > 0) throw ValidationError.fromFieldErrors(errors);
  return out as unknown as TrainingHyperparameters;
}
