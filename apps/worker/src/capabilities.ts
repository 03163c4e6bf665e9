// What this machine can train: GPUs (nvidia-smi, usable when torch sees CUDA), the trainer's
// Python (torch, transformers, peft, pyarrow) and the local model folders.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { runnableBaseModels } from "@toolrec/core";

const run = promisify(execFile);

export interface Gpu { name: string; memoryMb: number | null }

export interface PythonInfo {
  ok: boolean;
  executable: string;
  version: string | null;
  torch: boolean;
  torchVersion: string | null;
  cuda: boolean;
  cudaDevices: number;
  transformers: boolean;
  peft: boolean;
  pyarrow: boolean;
  safetensors: boolean;
  error?: string;
}

export interface Capabilities {
  hostname: string;
  cpus: number;
  memoryMb: number;
  /** GPUs the trainer can use (nvidia-smi's, when torch sees CUDA). */
  gpus: Gpu[];
  /** What nvidia-smi lists, whether or not torch can use them. */
  gpusDetected: Gpu[];
  python: PythonInfo;
  /** Local model folders (config.json inside) under the models folder. */
  modelFolders: string[];
  /** Base models it can train. */
  models: string[];
}

const PROBE = `
import importlib.util, json, sys
out = {"executable": sys.executable, "version": sys.version.split()[0]}
for name in ("transformers", "peft", "pyarrow", "safetensors"):
    out[name] = importlib.util.find_spec(name) is not None
try:
    import torch
    out.update(torch=True, torchVersion=torch.__version__, cuda=bool(torch.cuda.is_available()))
    out["cudaDevices"] = torch.cuda.device_count() if out["cuda"] else 0
except Exception as e:
    out.update(torch=False, torchVersion=None, cuda=False, cudaDevices=0, error=f"{type(e).__name__}: {e}")
print(json.dumps(out))
`;

export async function probePython(python: string): Promise<PythonInfo> {
  const none = { ok: false, executable: python, version: null, torch: false, torchVersion: null, cuda: false, cudaDevices: 0, transformers: false, peft: false, pyarrow: false, safetensors: false };
  try {
    const { stdout } = await run(python, ["-c", PROBE], { timeout: 120_000 });
    return { ...none, ...(JSON.parse(stdout.trim().split("\n").at(-1)!) as Partial<PythonInfo>), ok: true };
  } catch (err) {
    return { ...none, error: `${python}: ${(err as Error).message.split("\n")[0]}` };
  }
}

/** nvidia-smi's GPUs; none when it is absent. */
export async function nvidiaGpus(): Promise<Gpu[]> {
  try {
    const { stdout } = await run("nvidia-smi", ["--query-gpu=name,memory.total", "--format=csv,noheader,nounits"], { timeout: 20_000 });
    return parseNvidiaSmi(stdout);
  } catch {
    return [];
  }
}

export function parseNvidiaSmi(csv: string): Gpu[] {
  return csv
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const cut = l.lastIndexOf(",");
      const memory = Number(l.slice(cut + 1).trim());
      return { name: l.slice(0, cut).trim(), memoryMb: Number.isFinite(memory) ? memory : null };
    });
}

export function modelFolders(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "config.json")))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

export async function probeCapabilities(opts: { python: string; modelsDir: string; maxGpus?: number | null }): Promise<Capabilities> {
  const [python, detected] = await Promise.all([probePython(opts.python), nvidiaGpus()]);
  // Only GPUs torch can reach count; nvidia-smi's names and memory describe them.
  let gpus = python.cuda ? detected.slice(0, python.cudaDevices) : [];
  if (python.cuda && gpus.length < python.cudaDevices) {
    gpus = [...gpus, ...Array.from({ length: python.cudaDevices - gpus.length }, () => ({ name: "CUDA device", memoryMb: null }))];
  }
  if (opts.maxGpus != null) gpus = gpus.slice(0, opts.maxGpus);
  const folders = modelFolders(opts.modelsDir);
  const models = runnableBaseModels({ torch: python.torch, transformers: python.transformers, peft: python.peft }, folders);
  return { hostname: os.hostname(), cpus: os.cpus().length, memoryMb: Math.round(os.totalmem() / 2 ** 20), gpus, gpusDetected: detected, python, modelFolders: folders, models };
}
