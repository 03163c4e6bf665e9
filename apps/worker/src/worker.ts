// The worker loop: register with the API (capabilities), claim a run it can do, run it,
// repeat; poll while idle. SIGINT/SIGTERM: the run in progress checkpoints and goes back to
// the queue, the worker marks itself stopped.
import fs from "node:fs";
import path from "node:path";
import { ApiClient, ApiError } from "./api.js";
import { probeCapabilities, type Capabilities } from "./capabilities.js";
import type { WorkerConfig } from "./config.js";
import { resolveWorkerKey } from "./key.js";
import { CLAIM_FIELDS, executeRun, type ClaimedRun, type RunEnd } from "./run.js";

export const WORKER_VERSION = "0.1.0";

const REGISTER = `mutation($input: WorkerInput!) { registerWorker(input: $input) { id name gpuCount models } }`;
const CLAIM = `mutation($w: ID!) { claimTrainingRun(workerId: $w) { ${CLAIM_FIELDS} } }`;
const FINISH = `mutation($r: ID!, $l: ID!, $result: TrainingRunResultInput!) { finishTrainingRun(runId: $r, leaseId: $l, result: $result) { id } }`;

export interface WorkerHandle {
  /** Resolves with the runs' ends when the loop stops (max runs reached, or stop()). */
  done: Promise<RunEnd[]>;
  stop(): void;
}

function describe(c: Capabilities): string {
  const gpus = c.gpus.length ? `${c.gpus.length} GPU${c.gpus.length > 1 ? "s" : ""} (${c.gpus.map((g) => `${g.name}${g.memoryMb ? ` ${Math.round(g.memoryMb / 1024)} GiB` : ""}`).join(", ")})` : "CPU only";
  const py = c.python.ok ? `python ${c.python.version} (${c.python.executable}), torch ${c.python.torch ? c.python.torchVersion : "missing"}, transformers ${c.python.transformers ? "yes" : "no"}, peft ${c.python.peft ? "yes" : "no"}, pyarrow ${c.python.pyarrow ? "yes" : "no"}` : `no usable python: ${c.python.error}`;
  return `${gpus}; ${py}; can train: ${c.models.join(", ") || "nothing"}`;
}

/** Waits `ms` (keeping the process alive: an idle worker has nothing else pending) or until `until`. */
async function sleep(ms: number, until: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), until]);
  clearTimeout(timer);
}

export function startWorker(config: WorkerConfig, log: (line: string) => void = (l) => console.log(`[worker] ${l}`)): WorkerHandle {
  let stopRequested!: () => void;
  const stopSignal = new Promise<void>((resolve) => (stopRequested = resolve));
  let stopped = false;
  stopSignal.then(() => (stopped = true));

  const done = (async () => {
    const ends: RunEnd[] = [];
    const key = await resolveWorkerKey(config, log);
    const api = new ApiClient(config.apiUrl, key);
    const caps = await probeCapabilities({ python: config.python, modelsDir: config.modelsDir, maxGpus: config.maxGpus });
    log(describe(caps));
    if (caps.models.length === 0) log(`this machine can train nothing: ${config.python} needs torch (Debian: apt-get install python3-torch)`);

    // One row per worker across restarts: the id is kept in the work folder.
    await fs.promises.mkdir(config.workDir, { recursive: true });
    const idFile = path.join(config.workDir, "worker.json");
    let previousId: string | null = null;
    try {
      previousId = (JSON.parse(await fs.promises.readFile(idFile, "utf8")) as { id?: string }).id ?? null;
    } catch {
      // first start
    }
    const { gpus, gpusDetected, python, hostname, cpus, memoryMb, modelFolders } = caps;
    const input = { id: previousId, name: config.name, hostname, gpus, models: caps.models, capabilities: { cpus, memoryMb, python, gpusDetected, modelFolders }, version: WORKER_VERSION };
    const registered = await api.gql<{ registerWorker: { id: string } }>(REGISTER, { input });
    const workerId = registered.registerWorker.id;
    await fs.promises.writeFile(idFile, JSON.stringify({ id: workerId }));
    log(`registered as ${workerId} (${config.name}) with ${config.apiUrl}; waiting for runs`);

    while (!stopped && (config.maxRuns === null || ends.length < config.maxRuns)) {
      let claim: ClaimedRun | null = null;
      try {
        claim = (await api.gql<{ claimTrainingRun: ClaimedRun | null }>(CLAIM, { w: workerId })).claimTrainingRun;
      } catch (err) {
        if (err instanceof ApiError && !err.claimRetryable) throw err;
        log(`claim failed (${(err as Error).message}); trying again`);
      }
      if (!claim) {
        await sleep(config.pollMs, stopSignal);
        continue;
      }
      log(`claimed ${claim.run.id} (${claim.run.baseModel}, attempt ${claim.run.attempts}${claim.checkpoint ? `, resuming from step ${claim.checkpoint.step}` : ""})`);
      let end: RunEnd;
      try {
        end = await executeRun(claim, { api, config, caps, log, stopSignal });
      } catch (err) {
        // The worker's own failure (disk, network): the run fails with the reason, if it can.
        const error = `the worker failed: ${(err as Error).message}`;
        log(`${claim.run.id}: ${error}`);
        await api.gql(FINISH, { r: claim.run.id, l: claim.leaseId, result: { status: "FAILED", error } }).catch(() => undefined);
        end = "FAILED";
      }
      log(`${claim.run.id}: ${end.toLowerCase()}`);
      ends.push(end);
    }
    await api.gql(`mutation($w: ID!) { stopWorker(workerId: $w) { id } }`, { w: workerId }).catch(() => undefined);
    log("stopped");
    return ends;
  })();
  return { done, stop: () => stopRequested() };
}
