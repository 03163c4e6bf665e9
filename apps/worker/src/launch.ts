// The trainer's command line for a claimed run (apps/trainer/README.md, "Command line"):
// one process for 0 or 1 GPU, torchrun (python -m torch.distributed.run) for G > 1.
import path from "node:path";
import { BUILT_IN_BASE_MODELS } from "@toolrec/core";

export interface LaunchInput {
  python: string;
  /** The folder holding the toolrec_trainer package (PYTHONPATH). */
  trainerDir: string;
  /** Where the worker keeps model folders it advertises (a base model that is not built in). */
  modelsDir: string;
  baseModel: string;
  gpus: number;
  /** "1.13.1", "2.11.0+cu130": torch 1.x needs torchrun's --redirects/--tee spelled out. */
  torchVersion: string | null;
  dataDir: string;
  outDir: string;
  hyperparametersFile: string;
  cancelFile: string;
  checkpointEvery: number;
  checkpointInterval: number;
}

export interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
}

export function trainerLaunch(i: LaunchInput, baseEnv: NodeJS.ProcessEnv = process.env): Launch {
  const model = BUILT_IN_BASE_MODELS.some((m) => m.name === i.baseModel) ? i.baseModel : path.join(i.modelsDir, i.baseModel);
  const train = [
    "train",
    "--data", i.dataDir,
    "--out", i.outDir,
    "--model", model,
    "--hyperparameters", `@${i.hyperparametersFile}`,
    // Always: with no checkpoint in --out it starts at step 0; with a restored one it resumes.
    "--resume",
    "--cancel-file", i.cancelFile,
    "--checkpoint-every", String(i.checkpointEvery),
    "--checkpoint-interval", String(i.checkpointInterval),
    ...(i.gpus === 0 ? ["--device", "cpu"] : []),
  ];
  let args: string[];
  if (i.gpus > 1) {
    const launcher = ["-m", "torch.distributed.run", "--standalone", "--nproc_per_node", String(i.gpus)];
    // torch 1.13 under Python 3.11 reads a "0" in torchrun's default --redirects/--tee as None
    // and crashes; name ranks 1..G-1 (rank 0 keeps stdout, unprefixed, for the protocol).
    if (/^1\./.test(i.torchVersion ?? "")) {
      const others = Array.from({ length: i.gpus - 1 }, (_, r) => r + 1);
      launcher.push("--redirects", others.map((r) => `${r}:1`).join(","), "--tee", others.map((r) => `${r}:2`).join(","), "--log_dir", path.join(i.outDir, "..", "torchrun-logs"));
    }
    args = [...launcher, "-m", "toolrec_trainer", ...train];
  } else {
    args = ["-m", "toolrec_trainer", ...train];
  }
  const pythonPath = [i.trainerDir, baseEnv.PYTHONPATH].filter(Boolean).join(path.delimiter);
  return { command: i.python, args, env: { PYTHONPATH: pythonPath, PYTHONUNBUFFERED: "1" } };
}
