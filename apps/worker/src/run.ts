// One claimed run, start to end: the dataset export (checksum verified), the checkpoint to
// resume from, the trainer as a child process, its metrics and log lines batched to the API
// every second with the lease kept alive, checkpoints uploaded as they appear, cancel through
// the cancel file, artifacts uploaded at the end, and the outcome reported.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { RANKER_BASE_MODEL } from "@toolrec/core";
import { ApiError, sha256File, type ApiClient } from "./api.js";
import type { Capabilities } from "./capabilities.js";
import type { WorkerConfig } from "./config.js";
import { trainerLaunch } from "./launch.js";
import { outcomeOf, ReportBuffer, Tail, parseTrainerLine, type CheckpointLine, type Outcome, type TrainerLine } from "./protocol.js";

export interface ClaimedRun {
  leaseId: string;
  leaseSeconds: number;
  checkpoint: { step: number; path: string; files: string[] } | null;
  datasetPaths: { jsonl: string; parquet: string; metadata: string };
  datasetChecksum: string;
  datasetRows: number;
  run: { id: string; datasetId: string; baseModel: string; hyperparameters: Record<string, unknown>; attempts: number };
}

export const CLAIM_FIELDS = `leaseId leaseSeconds checkpoint { step path files } datasetPaths { jsonl parquet metadata } datasetChecksum datasetRows
  run { id datasetId baseModel hyperparameters attempts }`;

const REPORT = `mutation($r: ID!, $l: ID!, $report: TrainingRunReportInput!) { reportTrainingRun(runId: $r, leaseId: $l, report: $report) { cancelRequested } }`;
const HEARTBEAT = `mutation($r: ID!, $l: ID!) { heartbeatTrainingRun(runId: $r, leaseId: $l) { cancelRequested } }`;
const FINISH = `mutation($r: ID!, $l: ID!, $result: TrainingRunResultInput!) { finishTrainingRun(runId: $r, leaseId: $l, result: $result) { id status } }`;
const RELEASE = `mutation($r: ID!, $l: ID!, $reason: String!) { releaseTrainingRun(runId: $r, leaseId: $l, reason: $reason) { id status } }`;

export type RunEnd = Outcome["status"] | "LEASE_LOST";

export interface RunDeps {
  api: ApiClient;
  config: WorkerConfig;
  caps: Capabilities;
  log: (line: string) => void;
  /** Resolves when the worker is asked to stop (the run is then given back with a checkpoint). */
  stopSignal: Promise<void>;
}

/** A line the trainer wrote to stderr, as the run's log keeps it. */
const STDERR_TAIL = 40;

export async function executeRun(claim: ClaimedRun, deps: RunDeps): Promise<RunEnd> {
  const { api, config, log } = deps;
  const runId = claim.run.id;
  const lease = { "x-lease-id": claim.leaseId };
  const say = (line: string) => log(`${runId}: ${line}`);
  const runDir = path.join(config.workDir, "runs", runId);
  const dataDir = path.join(runDir, "data");
  const outDir = path.join(runDir, "out");
  const logFile = path.join(outDir, "logs", "trainer.log");
  const cancelFile = path.join(runDir, "CANCEL");
  // A fresh folder each claim: the checkpoint to resume from is the API's, not a local leftover.
  await fs.promises.rm(runDir, { recursive: true, force: true });
  await fs.promises.mkdir(path.dirname(logFile), { recursive: true });
  await fs.promises.mkdir(dataDir, { recursive: true });
  const logStream = fs.createWriteStream(logFile, { flags: "a" });

  const buffer = new ReportBuffer();
  const stderrTail = new Tail(STDERR_TAIL);
  let cancelRequested = false;
  let leaseLost = false;
  let stopping = false;
  let child: ChildProcess | null = null;
  let lastContact = Date.now();
  let inFlight: Promise<void> | null = null;
  const note = (line: string) => {
    buffer.log(`[worker] ${line}`);
    logStream.write(`[worker] ${line}\n`);
    say(line);
  };

  const killTimers: NodeJS.Timeout[] = [];
  /** Asks the trainer to stop at the next step boundary (it checkpoints), then insists. */
  const askToStop = (why: string) => {
    if (!child || child.exitCode !== null || fs.existsSync(cancelFile)) return;
    note(`${why}: asking the trainer to checkpoint and stop`);
    fs.writeFileSync(cancelFile, `${why}\n`);
    killTimers.push(setTimeout(() => child?.kill("SIGTERM"), config.graceMs).unref());
    killTimers.push(setTimeout(() => child?.kill("SIGKILL"), config.graceMs + 30_000).unref());
  };
  const onLeaseLost = () => {
    if (leaseLost) return;
    leaseLost = true;
    say("the API says this worker no longer holds the run's lease; stopping the trainer");
    child?.kill("SIGTERM");
    killTimers.push(setTimeout(() => child?.kill("SIGKILL"), 10_000).unref());
  };
  const answer = (a: { cancelRequested: boolean }) => {
    lastContact = Date.now();
    if (a.cancelRequested && !cancelRequested) {
      cancelRequested = true;
      askToStop("the run was cancelled");
    }
  };

  /** One report (or heartbeat) at a time; failures keep the report for the next try. */
  const tick = async () => {
    if (inFlight || leaseLost) return;
    const due = Date.now() - lastContact >= (claim.leaseSeconds * 1000) / 3;
    if (buffer.empty && !due) return;
    const report = buffer.take();
    inFlight = (async () => {
      try {
        if (Object.keys(report).length) answer((await api.gql<{ reportTrainingRun: { cancelRequested: boolean } }>(REPORT, { r: runId, l: claim.leaseId, report })).reportTrainingRun);
        else answer((await api.gql<{ heartbeatTrainingRun: { cancelRequested: boolean } }>(HEARTBEAT, { r: runId, l: claim.leaseId })).heartbeatTrainingRun);
      } catch (err) {
        if (err instanceof ApiError && err.leaseLost) return onLeaseLost();
        // A refused checkpoint must not hold back the metrics and log lines sent with it.
        if (err instanceof ApiError && !err.transient && report.checkpoint) delete report.checkpoint;
        buffer.restore(report);
        say(`report failed (${(err as Error).message}); trying again`);
      }
    })().finally(() => (inFlight = null));
    await inFlight;
  };
  const timer = setInterval(() => void tick(), config.reportMs);
  /** Sends everything left (the last metrics and log lines). */
  const flush = async () => {
    for (let i = 0; i < 5; i++) {
      if (inFlight) await inFlight;
      if (buffer.empty || leaseLost) return;
      lastContact = 0;
      await tick();
    }
  };
  void deps.stopSignal.then(() => {
    stopping = true;
    askToStop("the worker is shutting down");
  });

  let uploads: Promise<void> = Promise.resolve();
  const uploadArtifact = (rel: string) => api.upload(`/training-runs/${encodeURIComponent(runId)}/artifacts/${rel}`, path.join(outDir, rel), lease);
  /** Uploads a checkpoint's files (latest.json aside: the resuming worker writes its own), then records it. */
  const uploadCheckpoint = (c: CheckpointLine) => {
    uploads = uploads.then(async () => {
      const files = c.files.filter((f) => !f.endsWith("/latest.json") && f !== "checkpoints/latest.json");
      try {
        for (const f of files) await uploadArtifact(f);
        buffer.checkpointUploaded({ step: c.step, path: c.path, files });
        note(`checkpoint of step ${c.step} uploaded (${files.length} files)`);
      } catch (err) {
        if (err instanceof ApiError && err.leaseLost) return onLeaseLost();
        note(`checkpoint of step ${c.step} not uploaded: ${(err as Error).message}`);
      }
    });
  };

  const finish = async (result: { status: string; error?: string }) => {
    await flush();
    if (leaseLost) return;
    try {
      await api.gql(FINISH, { r: runId, l: claim.leaseId, result });
    } catch (err) {
      if (err instanceof ApiError && err.leaseLost) return onLeaseLost();
      throw err;
    }
  };

  try {
    // 1. The dataset export, checked against the sha256 the API stored with it.
    let data: string;
    try {
      data = await downloadDataset(claim, deps, dataDir, lease);
    } catch (err) {
      if (err instanceof ApiError && err.leaseLost) return "LEASE_LOST";
      await finish({ status: "FAILED", error: `could not get the dataset export: ${(err as Error).message}` });
      return "FAILED";
    }
    note(`dataset ${claim.run.datasetId}: ${claim.datasetRows} rows in ${path.basename(data)}, sha256 verified`);

    // 2. The checkpoint to resume from, when the run was started elsewhere.
    if (claim.checkpoint) {
      for (const f of claim.checkpoint.files) {
        await fs.promises.mkdir(path.dirname(path.join(outDir, f)), { recursive: true });
        await api.download(`/training-runs/${encodeURIComponent(runId)}/artifacts/${f}`, path.join(outDir, f), lease);
      }
      await fs.promises.writeFile(path.join(outDir, "checkpoints", "latest.json"), JSON.stringify({ step: claim.checkpoint.step, dir: path.basename(claim.checkpoint.path) }));
      note(`restored checkpoint of step ${claim.checkpoint.step} from the API`);
    }

    // 3. The trainer.
    const hpFile = path.join(runDir, "hyperparameters.json");
    await fs.promises.writeFile(hpFile, JSON.stringify(claim.run.hyperparameters));
    const gpus = Number(claim.run.hyperparameters.gpus ?? 1);
    const launch = trainerLaunch({
      python: config.python, trainerDir: config.trainerDir, modelsDir: config.modelsDir, baseModel: claim.run.baseModel, gpus,
      torchVersion: deps.caps.python.torchVersion, dataDir, outDir, hyperparametersFile: hpFile, cancelFile,
      checkpointEvery: config.checkpointEvery, checkpointInterval: config.checkpointInterval,
    });
    note(`starting the trainer${gpus > 1 ? ` on ${gpus} GPUs (torchrun)` : gpus === 1 ? " on 1 GPU" : " on the CPU"}: ${path.basename(launch.command)} ${launch.args.slice(0, gpus > 1 ? 6 : 2).join(" ")} …`);
    const proc = spawn(launch.command, launch.args, { cwd: runDir, env: { ...process.env, ...launch.env }, stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    let last: TrainerLine | null = null;
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
      proc.once("error", (err) => {
        stderrTail.push(`error: cannot start ${launch.command}: ${err.message}`);
        resolve({ code: null, signal: null });
      });
      proc.once("close", (code, signal) => resolve({ code, signal }));
    });
    readline.createInterface({ input: proc.stdout! }).on("line", (text) => {
      const line = parseTrainerLine(text);
      if (!line) {
        logStream.write(`${text}\n`);
        buffer.log(text);
        return;
      }
      buffer.add(line);
      if (line.type === "checkpoint") uploadCheckpoint(line);
      if (line.type === "start") note(`trainer started: ${line.total_steps} steps on ${line.device}${line.resumed_from != null ? `, resumed from step ${line.resumed_from}` : ""}`);
      if (line.type === "done" || line.type === "cancelled" || line.type === "error") last = line;
    });
    readline.createInterface({ input: proc.stderr! }).on("line", (text) => {
      stderrTail.push(text);
      buffer.log(text);
      logStream.write(`${text}\n`);
      say(text);
    });
    const exit = await exited;
    for (const t of killTimers) clearTimeout(t);
    await uploads;
    if (leaseLost) return "LEASE_LOST";

    const outcome = outcomeOf(last, exit, { cancelRequested, stopping, stderrTail: stderrTail.get() });
    note(`trainer exited (${exit.signal ?? `code ${exit.code}`}): ${outcome.status.toLowerCase()}`);
    await new Promise<void>((resolve) => logStream.end(resolve));
    const uploadIfThere = async (rel: string) => {
      if (fs.existsSync(path.join(outDir, rel))) await uploadArtifact(rel);
    };
    try {
      if (outcome.status === "SUCCEEDED") {
        // The trainer's list, each file checked against the sha256 it computed.
        for (const a of outcome.done.artifacts) {
          const local = await sha256File(path.join(outDir, a.path));
          if (local !== a.sha256) throw new Error(`${a.path} changed on disk after the trainer wrote it (sha256 ${local}, trainer said ${a.sha256})`);
          await uploadArtifact(a.path);
        }
        await uploadArtifact("logs/trainer.log");
        await finish({ status: "SUCCEEDED" });
      } else if (outcome.status === "RELEASE") {
        await flush();
        if (!leaseLost) await api.gql(RELEASE, { r: runId, l: claim.leaseId, reason: outcome.reason });
      } else {
        for (const rel of ["run.json", "metrics.jsonl", "logs/trainer.log"]) await uploadIfThere(rel);
        await finish(outcome.status === "FAILED" ? { status: "FAILED", error: outcome.error } : { status: "CANCELLED" });
      }
    } catch (err) {
      if (err instanceof ApiError && err.leaseLost) return "LEASE_LOST";
      if (outcome.status !== "SUCCEEDED") throw err;
      await finish({ status: "FAILED", error: `the run finished but its artifacts could not be uploaded: ${(err as Error).message}` });
      return "FAILED";
    }
    if (leaseLost) return "LEASE_LOST";
    if (outcome.status !== "FAILED") await fs.promises.rm(runDir, { recursive: true, force: true });
    return outcome.status;
  } finally {
    clearInterval(timer);
    for (const t of killTimers) clearTimeout(t);
    if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (!logStream.closed) logStream.end();
  }
}

/**
 * Downloads the run's dataset export into `dir` as the trainer reads it (`<id>.jsonl` or
 * `<id>.parquet` beside `<id>.metadata.json`), Parquet when the trainer's Python has pyarrow
 * (or when asked), except for a toolrec/ranker run (always JSONL, with the ranker view per row). The file's sha256 must equal the metadata's and the server's header; one
 * retry on a mismatch.
 */
async function downloadDataset(claim: ClaimedRun, deps: RunDeps, dir: string, lease: Record<string, string>): Promise<string> {
  // toolrec/ranker reads only the JSONL export (its rows carry the nested `ranker` object).
  const parquet = claim.run.baseModel !== RANKER_BASE_MODEL && (deps.config.datasetFormat === "parquet" || (deps.config.datasetFormat === "auto" && deps.caps.python.pyarrow));
  const id = claim.run.datasetId;
  for (let attempt = 1; ; attempt++) {
    const metadata = await deps.api.getJson<{ checksum: string; file: string }>(`${claim.datasetPaths.metadata}${parquet ? "?format=parquet" : ""}`, lease);
    const file = path.join(dir, `${id}.${parquet ? "parquet" : "jsonl"}`);
    const got = await deps.api.download(parquet ? claim.datasetPaths.parquet : claim.datasetPaths.jsonl, file, lease);
    const expected = parquet ? metadata.checksum : claim.datasetChecksum;
    if (got.sha256 === expected && got.sha256 === metadata.checksum && (!got.declared || got.declared === got.sha256)) {
      await fs.promises.writeFile(path.join(dir, `${id}.metadata.json`), `${JSON.stringify(metadata, null, 2)}\n`);
      return file;
    }
    if (attempt >= 2) throw new Error(`the export's sha256 ${got.sha256} does not match the dataset's ${expected} (twice)`);
  }
}
