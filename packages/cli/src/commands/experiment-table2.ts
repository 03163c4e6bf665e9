// `toolrec experiment table2`: the paper's Table 2 end to end, offline. From a log served by the
// grounded default (simulated users), the five datasets of Table 2's variants on the same window
// (core calibration), one toolrec/ranker trained on each, and one simulated A/B across the base
// and the five (README "Offline experiments").
//
// Seam: training goes through `RankerTrainer`. Here it spawns the trainer
// (`python3 -m toolrec_trainer train --model toolrec/ranker`) the way the worker does. Against
// a running API the same rows train through a normal training run: the API exports a dataset
// for a toolrec/ranker run with the same rankerRow per row (@toolrec/db ranker-export.ts), the
// worker trains it, and registering the run makes a model version of kind ranker.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "@toolrec/config";
import {
  calibrate,
  runOfflineExperiment,
  TABLE2_VARIANTS,
  type CalibrationConfigInput,
  type OfflineArm,
  type OfflineImpression,
  type RetrievedToolRef,
  type ExperimentUserModel,
  type OfflineExperimentResult,
} from "@toolrec/core";
import { jsonlLine } from "@toolrec/db";
import { parseRankerWeights, rankerRow, type RankerRow, type RankerWeights } from "@toolrec/recommender";
import { groundedArm, rankerArm, sampledGroundedArm, type ServingContext } from "./experiment-serving.js";

/** Table 2's rows in the paper's words, with their calibration settings. */
export const TABLE2_ARMS: readonly { readonly arm: string; readonly label: string; readonly config: CalibrationConfigInput }[] = [
  { arm: "vanilla-kto", label: "(1) vanilla KTO (no calibration)", config: TABLE2_VARIANTS["1"] },
  { arm: "user-side", label: "(2) + user-side calibration", config: TABLE2_VARIANTS["2"] },
  { arm: "static-system-side", label: "(3) + static system-side calibration", config: TABLE2_VARIANTS["3"] },
  { arm: "user+static-system", label: "(4) + user-side & static system-side", config: TABLE2_VARIANTS["4"] },
  { arm: "toolrec", label: "ToolRec (user-side & dynamic system-side)", config: TABLE2_VARIANTS.ToolRec },
];

/** The ranker's training settings for Table 2 (the schema's defaults are for LoRA on an LLM). */
export const RANKER_HYPERPARAMETERS = { learningRate: 0.02, beta: 0.2, batchSize: 256, epochs: 3, warmupRatio: 0.1, gpus: 0, seed: 0 };

/**
 * KTO's class balance (Ethayarajh et al. 2024: keep lambda_D n_D / lambda_U n_U near 1): with
 * a few percent of impressions clicked, lambda_D = n_U / n_D (1..100). The five datasets share
 * their window and labels, so they get the same lambda_D.
 */
export function balancedLambdaD(d: { readonly desirable: number; readonly undesirable: number }): number {
  return Math.min(100, Math.max(1, d.undesirable / Math.max(1, d.desirable)));
}

export interface RankerDataset {
  readonly arm: string;
  readonly dir: string;
  readonly rows: number;
  readonly desirable: number;
  readonly undesirable: number;
}

/** Trains one ranker on a dataset folder and returns its weights. */
export type RankerTrainer = (dataset: RankerDataset, onProgress: (step: number, total: number) => void) => Promise<{ weights: RankerWeights; runDir: string }>;

/** The trainer as a child process, the worker's way (PYTHONPATH=apps/trainer, protocol lines on stdout). */
/** lambda_D of the Table 2 trainings: the paper's (the schema's default, 1). */
export const LAMBDA_D_DEFAULT: number | "balanced" = 1;

export function spawnRankerTrainer(options: { python?: string; outDir: string; lambdaD?: number | "balanced"; hyperparameters?: Record<string, unknown> }): RankerTrainer {
  const python = options.python ?? process.env.TOOLREC_WORKER_PYTHON ?? "/usr/bin/python3";
  return (dataset, onProgress) =>
    new Promise((resolve, reject) => {
      const runDir = path.join(options.outDir, "runs", dataset.arm);
      const hp = JSON.stringify({ ...RANKER_HYPERPARAMETERS, lambdaD: (options.lambdaD ?? LAMBDA_D_DEFAULT) === "balanced" ? balancedLambdaD(dataset) : (options.lambdaD ?? LAMBDA_D_DEFAULT), ...options.hyperparameters });
      const env = { ...process.env, PYTHONPATH: [path.join(repoRoot, "apps/trainer"), process.env.PYTHONPATH].filter(Boolean).join(path.delimiter), PYTHONUNBUFFERED: "1" };
      const child = spawn(python, ["-m", "toolrec_trainer", "train", "--model", "toolrec/ranker", "--data", dataset.dir, "--out", runDir, "--hyperparameters", hp, "--quiet"], { env, stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      let buf = "";
      let last: { type?: string; message?: string } | null = null;
      child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
      child.stdout.on("data", (d: Buffer) => {
        buf += d.toString();
        let nl: number;
        while ((nl = buf.indexOf("\n")) >= 0) {
          const line = buf.slice(0, nl);
          buf = buf.slice(nl + 1);
          try {
            const obj = JSON.parse(line) as { type?: string; step?: number; total_steps?: number; message?: string };
            last = obj;
            if (obj.type === "progress" && obj.step !== undefined && obj.total_steps !== undefined) onProgress(obj.step, obj.total_steps);
          } catch {
            // not a protocol line
          }
        }
      });
      child.on("error", reject);
      child.on("close", (code) => {
        if (code !== 0 || last?.type !== "done") {
          reject(new Error(`trainer for ${dataset.arm} exited ${code}: ${last?.message ?? stderr.trim().split("\n").pop() ?? ""}`));
          return;
        }
        resolve({ weights: parseRankerWeights(JSON.parse(fs.readFileSync(path.join(runDir, "ranker.json"), "utf8"))), runDir });
      });
    });
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/**
 * Writes the five Table 2 datasets of one log (one calibration per variant, the same window):
 * `<outDir>/datasets/<arm>/<arm>.jsonl` rows {prompt, completion, label, weight, ranker} and
 * their metadata (checksum, counts), the export layout the trainer reads.
 */
export async function writeTable2Datasets(log: readonly OfflineImpression[], ctx: ServingContext, outDir: string, k: number): Promise<RankerDataset[]> {
  // The ranker's view of each logged impression (retrieval + grounded pool), shared by the five.
  // recommender's rankerRow: the same builder as the API's export for toolrec/ranker runs.
  const views: RankerRow[] = [];
  for (let i = 0; i < log.length; i++) {
    const imp = log[i]!;
    const input = await ctx.input({ index: i, impressionId: imp.id, userId: imp.userId, dialogue: imp.dialogue, k });
    views.push(rankerRow(input, imp.suggestions, ctx.toolInfo));
  }
  const impressions = log.map((imp) => ({ id: imp.id, userId: imp.userId, suggestions: imp.suggestions.map((s) => ({ toolId: s.toolId, exposed: s.exposed, clicked: s.clicked })) }));
  const out: RankerDataset[] = [];
  for (const variant of TABLE2_ARMS) {
    const { samples, aggregates } = calibrate(impressions, ctx.percentiles, variant.config);
    const dir = path.join(outDir, "datasets", variant.arm);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${variant.arm}.jsonl`);
    const lines = samples.map((s, i) => {
      const imp = log[i]!;
      const prompt = [imp.dialogue.userQuery, imp.dialogue.assistantResponse].join("\n");
      const completion = imp.suggestions.map((x) => x.text).join("\n");
      return jsonlLine({ prompt, completion, label: s.desirable, weight: s.weight }, views[i]);
    });
    fs.writeFileSync(file, lines.join(""));
    fs.writeFileSync(
      path.join(dir, `${variant.arm}.metadata.json`),
      `${JSON.stringify({ datasetId: variant.arm, name: variant.label, format: "jsonl", file: path.basename(file), rows: samples.length, checksum: sha256(file), checksumAlgorithm: "sha256", config: variant.config, counts: aggregates.counts, weightSum: aggregates.weightSum, mu: aggregates.mu, s: aggregates.s }, null, 2)}\n`,
    );
    out.push({ arm: variant.arm, dir, rows: samples.length, desirable: aggregates.counts.desirable, undesirable: aggregates.counts.undesirable });
  }
  return out;
}

export interface Table2Options {
  readonly ctx: ServingContext;
  /** Impressions of the grounded log the datasets are built from. */
  readonly logImpressions: number;
  /** Impressions of the A/B (a different seed's users and dialogues). */
  readonly evalImpressions: number;
  readonly seed: number;
  readonly userModel?: Partial<ExperimentUserModel>;
  readonly outDir: string;
  readonly trainer: RankerTrainer;
  /** "sampled" (default): the log's lists are Plackett-Luce samples of the reference policy (mode = grounded); "grounded": its deterministic answer. */
  readonly logPolicy?: "sampled" | "grounded";
  /** The sampled log's temperature (1: the reference policy; higher: more lists without a tool). */
  readonly logTemperature?: number;
  readonly k?: number;
  readonly onStage?: (stage: string) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface Table2Result {
  readonly experiment: OfflineExperimentResult;
  readonly labels: Readonly<Record<string, string>>;
  readonly datasets: readonly RankerDataset[];
  readonly weights: Readonly<Record<string, readonly number[]>>;
  readonly timings: Readonly<Record<"log" | "datasets" | "training" | "abTest" | "total", number>>;
}

export type Table2LogOptions = Pick<Table2Options, "ctx" | "logImpressions" | "seed" | "userModel" | "logPolicy" | "logTemperature" | "k" | "onStage" | "onProgress">;

/**
 * The log Table 2 starts from: simulated users served by the grounded default (sampled or
 * deterministic), with the tools retrieved for each impression's prompt (by impression id), as
 * the API records them for served impressions.
 */
export async function serveGroundedLog(o: Table2LogOptions): Promise<{ log: readonly OfflineImpression[]; retrieved: ReadonlyMap<string, RetrievedToolRef[]> }> {
  const sampled = (o.logPolicy ?? "sampled") === "sampled";
  o.onStage?.(`serving a log of ${o.logImpressions} impressions with the grounded default${sampled ? " (sampled)" : ""}`);
  const policy = sampled ? sampledGroundedArm(o.ctx, o.seed, "log", o.logTemperature ?? 1) : groundedArm(o.ctx, "log");
  const retrieved = new Map<string, RetrievedToolRef[]>();
  // ctx.input caches the impression being served, so the policy's own call costs nothing more.
  const logArm: OfflineArm = {
    name: "log",
    async suggest(request) {
      const input = await o.ctx.input(request);
      retrieved.set(request.impressionId, input.tools.map((t) => ({ toolId: t.id, rank: t.rank, score: t.score })));
      return policy.suggest(request);
    },
  };
  const served = await runOfflineExperiment(o.ctx.tools, [logArm], { impressions: o.logImpressions, seed: o.seed, k: o.k ?? 5, userModel: o.userModel, keepLog: true, onProgress: o.onProgress });
  return { log: served.logs!.log!, retrieved };
}

export async function runTable2(o: Table2Options): Promise<Table2Result> {
  const k = o.k ?? 5;
  const t0 = performance.now();
  const stage = (s: string) => o.onStage?.(s);
  const { log } = await serveGroundedLog(o);
  const t1 = performance.now();
  stage("building the five Table 2 datasets (core calibration)");
  const datasets = await writeTable2Datasets(log, o.ctx, o.outDir, k);
  const t2 = performance.now();
  const weights: Record<string, readonly number[]> = {};
  const arms = [groundedArm(o.ctx, "base")];
  for (const d of datasets) {
    stage(`training toolrec/ranker on ${d.arm} (${d.rows} samples)`);
    const { weights: w } = await o.trainer(d, (step, total) => o.onProgress?.(step, total));
    weights[d.arm] = w.weights;
    arms.push(rankerArm(o.ctx, d.arm, w));
  }
  const t3 = performance.now();
  stage(`simulated A/B: base + ${datasets.length} rankers, ${o.evalImpressions} impressions each`);
  const experiment = await runOfflineExperiment(o.ctx.tools, arms, { impressions: o.evalImpressions, seed: o.seed + 1, k, userModel: o.userModel, controlArm: "base", onProgress: o.onProgress });
  const t4 = performance.now();
  const s = (a: number, b: number) => (b - a) / 1000;
  return {
    experiment,
    labels: { base: "Base (grounded default)", ...Object.fromEntries(TABLE2_ARMS.map((a) => [a.arm, a.label])) },
    datasets,
    weights,
    timings: { log: s(t0, t1), datasets: s(t1, t2), training: s(t2, t3), abTest: s(t3, t4), total: s(t0, t4) },
  };
}
