// The worker's settings: command-line flags over TOOLREC_* variables over defaults.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { dataDir, modelsDir, repoPath } from "@toolrec/config";

export interface WorkerConfig {
  apiUrl: string;
  /** Where the key comes from: TOOLREC_WORKER_KEY, or a mode-0600 file. */
  keyFile: string | null;
  /** npm start's worker: create a key with the admin key when the key file is missing or stale. */
  local: boolean;
  name: string;
  workDir: string;
  python: string;
  trainerDir: string;
  modelsDir: string;
  /** Idle poll interval. */
  pollMs: number;
  /** How often what the trainer printed is sent. */
  reportMs: number;
  checkpointEvery: number;
  checkpointInterval: number;
  datasetFormat: "auto" | "jsonl" | "parquet";
  /** Advertise at most this many GPUs (null: all that torch sees). */
  maxGpus: number | null;
  /** Exit after this many runs (null: never). */
  maxRuns: number | null;
  /** How long a cancelled or stopping trainer gets to checkpoint before SIGTERM, then SIGKILL. */
  graceMs: number;
}

export const USAGE = `usage: toolrec worker [options]      (or: npm run worker -- [options])

Claims queued training runs from the API and runs apps/trainer on this machine. The key
(role WORKER; create one on the console's API keys page) comes from TOOLREC_WORKER_KEY or
a file readable by its owner only (--key-file); it is never printed.

  --api URL                 GraphQL endpoint (TOOLREC_API_URL, default http://127.0.0.1:4000/graphql)
  --key-file FILE           mode-0600 file holding the key (TOOLREC_WORKER_KEY_FILE)
  --local                   npm start's local worker: key in <data>/worker/worker-key, created with the admin key
  --name NAME               shown in the console (TOOLREC_WORKER_NAME, default the host name)
  --work-dir DIR            run folders (TOOLREC_WORKER_DIR, default <data>/worker)
  --python PATH             the trainer's Python (TOOLREC_WORKER_PYTHON, default /usr/bin/python3)
  --trainer-dir DIR         the folder with toolrec_trainer (TOOLREC_TRAINER_DIR, default apps/trainer)
  --models-dir DIR          model folders to advertise (TOOLREC_WORKER_MODELS_DIR, default <models>/training)
  --max-gpus N              advertise at most N GPUs (default: every GPU torch sees)
  --poll-ms MS              idle poll interval (default 2000)
  --report-ms MS            metrics/log batching interval (default 1000)
  --checkpoint-every STEPS  trainer checkpoints every STEPS steps (default 0: by time only)
  --checkpoint-interval S   trainer checkpoints every S seconds (default 600)
  --dataset-format F        auto (Parquet when pyarrow is there), jsonl or parquet
  --max-runs N              exit after N runs (--once = --max-runs 1)
  --grace-ms MS             time a cancelled trainer gets before SIGTERM/SIGKILL (default 120000)`;

function int(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined || value === "") return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number >= ${min}, got "${value}"`);
  return n;
}

export function resolveConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const { values } = parseArgs({
    args: argv,
    options: {
      api: { type: "string" },
      "key-file": { type: "string" },
      local: { type: "boolean" },
      name: { type: "string" },
      "work-dir": { type: "string" },
      python: { type: "string" },
      "trainer-dir": { type: "string" },
      "models-dir": { type: "string" },
      "max-gpus": { type: "string" },
      "poll-ms": { type: "string" },
      "report-ms": { type: "string" },
      "checkpoint-every": { type: "string" },
      "checkpoint-interval": { type: "string" },
      "dataset-format": { type: "string" },
      "max-runs": { type: "string" },
      once: { type: "boolean" },
      "grace-ms": { type: "string" },
    },
    strict: true,
  });
  const local = !!values.local;
  const workDir = path.resolve(values["work-dir"] ?? env.TOOLREC_WORKER_DIR ?? path.join(dataDir(), "worker"));
  const format = values["dataset-format"] ?? "auto";
  if (!["auto", "jsonl", "parquet"].includes(format)) throw new Error(`--dataset-format must be auto, jsonl or parquet, got "${format}"`);
  const maxGpus = values["max-gpus"] ?? env.TOOLREC_WORKER_MAX_GPUS;
  return {
    apiUrl: values.api ?? env.TOOLREC_API_URL ?? "http://127.0.0.1:4000/graphql",
    keyFile: values["key-file"] ?? env.TOOLREC_WORKER_KEY_FILE ?? (local ? path.join(workDir, "worker-key") : null),
    local,
    name: values.name ?? env.TOOLREC_WORKER_NAME ?? (local ? `${os.hostname()} (npm start)` : os.hostname()),
    workDir,
    python: values.python ?? env.TOOLREC_WORKER_PYTHON ?? "/usr/bin/python3",
    trainerDir: path.resolve(values["trainer-dir"] ?? env.TOOLREC_TRAINER_DIR ?? repoPath("apps", "trainer")),
    modelsDir: path.resolve(values["models-dir"] ?? env.TOOLREC_WORKER_MODELS_DIR ?? path.join(modelsDir(), "training")),
    pollMs: int("--poll-ms", values["poll-ms"], 2000, 50),
    reportMs: int("--report-ms", values["report-ms"], 1000, 50),
    checkpointEvery: int("--checkpoint-every", values["checkpoint-every"], 0),
    checkpointInterval: int("--checkpoint-interval", values["checkpoint-interval"], 600),
    datasetFormat: format as WorkerConfig["datasetFormat"],
    maxGpus: maxGpus === undefined ? null : int("--max-gpus", maxGpus, 0),
    maxRuns: values.once ? 1 : values["max-runs"] === undefined ? null : int("--max-runs", values["max-runs"], 1, 1),
    graceMs: int("--grace-ms", values["grace-ms"], 120_000),
  };
}

/**
 * Reads a key file, refusing one that others can read (like ssh with a private key): a worker
 * key lets its holder read the datasets of the runs it claims.
 */
export function readKeyFile(file: string): string {
  const stat = fs.statSync(file);
  if ((stat.mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}): chmod 600 ${file}`);
  }
  const key = fs.readFileSync(file, "utf8").trim();
  if (!key) throw new Error(`${file} is empty`);
  return key;
}

export function writeKeyFile(file: string, key: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
