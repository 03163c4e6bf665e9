// The whole loop with real parts: the API (in this process, the embedded PostgreSQL, real HTTP), real
// worker processes (`node apps/worker/src/main.ts`, as `npm run worker` starts them), and the
// trainer under Debian's python3 with torch on toolrec/tiny-random. A small seeded click log
// becomes a dataset; runs are queued and watched through GraphQL as the console does.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@toolrec/config";
import { startApi, type RunningApi } from "@toolrec/api/server";
import { createKey, createSmallDataset, gqlCall, pythonHasTorch, TRAINER_PYTHON, type GqlCall } from "@toolrec/api/test-support";

const PYTHON = TRAINER_PYTHON;
const hasTorch = pythonHasTorch(PYTHON);

/** Short leases so a killed worker's run comes back within seconds. */
const LEASE_SECONDS = 4;

const RUN = `id status progress step totalSteps error attempts requeues resumedFromStep cancelRequested logTail metrics
  checkpoint { step path files } worker { id name }
  artifacts { path kind bytes sha256 downloadPath }
  metricSeries { step loss kl rewardsMargins lr tokensPerS memoryMb }`;

interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

const TITLE = "worker processes train queued runs with Debian's torch";
describe.skipIf(!hasTorch)(hasTorch ? TITLE : `${TITLE} (skipped: ${PYTHON} lacks torch; apt-get install python3-torch)`, () => {
  let api: RunningApi;
  let admin: GqlCall;
  let datasetId: string;
  let dataDir: string;
  const workers: WorkerProcess[] = [];

  /** A worker process with its own key and work folder; stdout/stderr kept for assertions. */
  async function startWorker(name: string, extra: string[] = [], env: Record<string, string> | null = null): Promise<WorkerProcess> {
    const key = env ? null : (await createKey(admin, "WORKER", name)).key;
    const workDir = path.join(dataDir, `worker-${name}`);
    const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts", "--name", name, "--work-dir", workDir, "--poll-ms", "300", "--report-ms", "500", ...extra], {
      cwd: repoRoot,
      env: { ...process.env, TOOLREC_API_URL: api.url, TOOLREC_WORKER_PYTHON: PYTHON, ...(key ? { TOOLREC_WORKER_KEY: key } : {}), ...env },
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: "the machine is gone" kills the worker and its trainer together.
      detached: true,
    });
    const output: string[] = [];
    for (const s of [child.stdout!, child.stderr!]) s.on("data", (d: Buffer) => output.push(...d.toString().split("\n").filter(Boolean)));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const w = { child, output, exited };
    workers.push(w);
    return w;
  }

  async function createRun(hyperparameters: Record<string, unknown>) {
    const data = await admin<{ createTrainingRun: { id: string } }>(`mutation($input: TrainingRunInput!) { createTrainingRun(input: $input) { id } }`, {
      input: { datasetId, baseModel: "toolrec/tiny-random", hyperparameters: { gpus: 0, batchSize: 4, maxLength: 64, ...hyperparameters } },
    });
    return data.createTrainingRun.id;
  }

  const getRun = async (id: string) => (await admin<{ trainingRun: any }>(`query($id: ID!) { trainingRun(id: $id) { ${RUN} } }`, { id })).trainingRun;

  /** Polls the run (as the console does) until `done` holds. */
  async function waitFor(id: string, done: (run: any) => boolean, what: string, timeoutMs = 150_000) {
    const deadline = Date.now() + timeoutMs;
    let run: any;
    while (Date.now() < deadline) {
      run = await getRun(id);
      if (done(run)) return run;
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`run ${id} did not reach "${what}" in ${timeoutMs} ms; last state: ${JSON.stringify({ status: run?.status, step: run?.step, error: run?.error, log: run?.logTail?.slice(-8) })}\nworkers:\n${workers.map((w) => w.output.slice(-15).join("\n")).join("\n---\n")}`);
  }

  const finished = (r: any) => ["SUCCEEDED", "FAILED", "CANCELLED"].includes(r.status);

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-worker-test-"));
    api = await startApi({ port: 0, dataDir, databaseUrl: null, seed: true, log: () => undefined, training: { leaseSeconds: LEASE_SECONDS, sweepIntervalMs: 250 } });
    admin = gqlCall(api.url, api.adminApiKey);
    datasetId = (await createSmallDataset(admin)).id;
  });

  /** Workers a test left running (one that failed) must not claim the next test's run. */
  function killWorkers() {
    for (const w of workers) {
      try {
        if (w.child.exitCode === null) process.kill(-w.child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  afterEach(killWorkers);

  afterAll(async () => {
    killWorkers();
    await api?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("a queued tiny-random run: a real worker trains it, SUCCEEDED with a loss series and an adapter artifact", async () => {
    const t0 = performance.now();
    const id = await createRun({ maxSteps: 6, loraRank: 4 });
    const worker = await startWorker("solo", ["--once"]);
    const run = await waitFor(id, finished, "finished");
    expect(run.status, run.error ?? "").toBe("SUCCEEDED");
    expect(await worker.exited).toBe(0);
    console.log(`[timing] end-to-end run (worker start, torch import, 6 steps, uploads): ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    expect(run).toMatchObject({ progress: 1, step: 6, totalSteps: 6, attempts: 1, requeues: 0, resumedFromStep: null });
    expect(run.metricSeries.map((p: any) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const p of run.metricSeries) {
      expect(Number.isFinite(p.loss)).toBe(true);
      expect(p.tokensPerS).toBeGreaterThan(0);
    }
    // The warmup then cosine schedule shows in the learning rates: 0 at step 1, peak after warmup.
    expect(run.metricSeries[0].lr).toBe(0);
    expect(Math.max(...run.metricSeries.map((p: any) => p.lr))).toBeCloseTo(5e-6, 12);
    expect(run.metrics).toMatchObject({ step: 6 });
    expect(run.logTail.some((l: string) => l.startsWith("[trainer] step 6/6"))).toBe(true);

    const byPath = new Map<string, any>(run.artifacts.map((a: any) => [a.path, a]));
    expect([...byPath.keys()]).toEqual(["adapter/adapter_config.json", "adapter/adapter_model.safetensors", "logs/trainer.log", "metrics.jsonl", "run.json"]);
    expect(byPath.get("adapter/adapter_model.safetensors").kind).toBe("adapter");
    const download = async (a: any) => {
      const res = await fetch(`${api.origin}${a.downloadPath}`, { headers: { authorization: `Bearer ${api.adminApiKey}` } });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const config = JSON.parse((await download(byPath.get("adapter/adapter_config.json"))).toString());
    expect(config).toMatchObject({ peft_type: "LORA", r: 4, base_model_name_or_path: "toolrec/tiny-random" });
    const weights = await download(byPath.get("adapter/adapter_model.safetensors"));
    expect(crypto.createHash("sha256").update(weights).digest("hex")).toBe(byPath.get("adapter/adapter_model.safetensors").sha256);
    // safetensors: an 8-byte header length, then a JSON header naming LoRA tensors.
    const header = JSON.parse(weights.subarray(8, 8 + Number(weights.readBigUInt64LE(0))).toString());
    expect(Object.keys(header).some((k) => k.endsWith("lora_A.weight"))).toBe(true);
    const metricsFile = (await download(byPath.get("metrics.jsonl"))).toString().trim().split("\n").map((l) => JSON.parse(l));
    expect(metricsFile.map((m: any) => m.loss)).toEqual(run.metricSeries.map((p: any) => p.loss));

    // The worker announced itself, and says it stopped when it exited.
    const { workers: listed } = await admin<{ workers: any[] }>(`{ workers(includeStopped: true) { name gpuCount models connected stoppedAt capabilities } }`);
    const me = listed.find((w) => w.name === "solo");
    expect(me).toMatchObject({ gpuCount: 0, connected: false, models: expect.arrayContaining(["toolrec/tiny-random"]) });
    expect(me.stoppedAt).not.toBeNull();
    expect(me.capabilities.python).toMatchObject({ torch: true });
  });

  it("cancel while running: the trainer checkpoints and stops, the run is CANCELLED", async () => {
    const id = await createRun({ maxSteps: 200 });
    const worker = await startWorker("canceller", ["--once"]);
    await waitFor(id, (r) => r.step >= 2, "step 2");
    const cancel = await admin<{ cancelTrainingRun: { status: string; cancelRequested: boolean } }>(`mutation($id: ID!) { cancelTrainingRun(id: $id) { status cancelRequested } }`, { id });
    expect(cancel.cancelTrainingRun).toEqual({ status: "RUNNING", cancelRequested: true });
    const run = await waitFor(id, finished, "finished");
    expect(run.status, run.error ?? "").toBe("CANCELLED");
    expect(run.step).toBeLessThan(200);
    expect(await worker.exited).toBe(0);
    const log = run.logTail.join("\n");
    expect(log).toMatch(/\[worker\] the run was cancelled: asking the trainer to checkpoint and stop/);
    expect(log).toMatch(/checkpoint of step \d+ uploaded/);
    expect(run.artifacts.map((a: any) => a.path)).toEqual(expect.arrayContaining(["metrics.jsonl", "logs/trainer.log"]));
  });

  it("a trainer that crashes: FAILED with the last lines of its stderr", async () => {
    const id = await createRun({ maxSteps: 200 });
    const worker = await startWorker("crasher", ["--once"]);
    await waitFor(id, (r) => r.step >= 1, "step 1");
    // The trainer is the worker's child: kill it as the kernel's OOM killer would.
    const trainer = Number(execFileSync("pgrep", ["-P", String(worker.child.pid), "-f", "toolrec_trainer"], { encoding: "utf8" }).trim().split("\n")[0]);
    process.kill(trainer, "SIGKILL");
    const run = await waitFor(id, finished, "finished");
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/the trainer was killed by SIGKILL/);
    expect(run.error).toMatch(/--- last lines of the trainer's stderr ---\n[\s\S]*\[trainer\] step \d+\/200/);
    expect(await worker.exited).toBe(0);
  });

  it("kill -9 of a worker mid-run: the run is requeued once and a second worker finishes it from the checkpoint", async () => {
    // The API sees the trainer's steps up to a report interval late (a CI run saw step 6 while the
    // trainer was at 9): 40 steps leave the doomed trainer far from done when it is killed.
    const STEPS = 40;
    const id = await createRun({ maxSteps: STEPS });
    const first = await startWorker("doomed", ["--checkpoint-every", "2"]);
    await waitFor(id, (r) => r.status === "RUNNING" && r.worker?.name === "doomed", "claimed by doomed", 60_000);
    // The rescuer waits for work now, so nothing stands between seeing the checkpoint and the kill.
    const second = await startWorker("rescuer", ["--once", "--checkpoint-every", "2"]);
    // The waits fit in the test's 240 s, so a stuck run fails with the workers' output, not a bare timeout.
    const atKill = await waitFor(id, (r) => (r.checkpoint?.step ?? 0) >= 2 && r.step >= r.checkpoint.step + 1, "a checkpoint and a step after it", 60_000);
    // The machine is gone: the worker and its trainer, at once, nothing said to the API.
    process.kill(-first.child.pid!, "SIGKILL");
    const run = await waitFor(id, finished, "finished", 110_000);
    expect(run.status, run.error ?? "").toBe("SUCCEEDED");
    // Before waiting on the rescuer: had the doomed worker finished the run, the rescuer would wait forever.
    expect(run).toMatchObject({ attempts: 2, requeues: 1, worker: { name: "rescuer" } });
    expect(await second.exited).toBe(0);
    // It resumed from the newest checkpoint the API had when the lease ran out (at least the one seen above).
    expect(run.resumedFromStep).toBeGreaterThanOrEqual(atKill.checkpoint.step);
    expect(run.metricSeries.map((p: any) => p.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i + 1));
    const log = run.logTail.join("\n");
    expect(log).toMatch(/worker doomed .* stopped answering .*queued again, resumes from checkpoint step \d+/);
    expect(log).toMatch(/claimed by worker rescuer .*resumes from checkpoint step/);
    expect(log).toMatch(new RegExp(`trainer started: ${STEPS} steps on cpu, resumed from step \\d+`));
    expect(run.artifacts.some((a: any) => a.kind === "checkpoint")).toBe(false);
  }, 240_000);

  it("a worker stopped with SIGTERM gives its run back with a checkpoint (not counted as a lease expiry)", async () => {
    const id = await createRun({ maxSteps: 200 });
    const worker = await startWorker("stopping", ["--checkpoint-every", "100"]);
    await waitFor(id, (r) => r.step >= 2, "step 2");
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    const run = await getRun(id);
    expect(run).toMatchObject({ status: "QUEUED", requeues: 0, attempts: 1 });
    // The trainer checkpointed where it stopped, and the checkpoint is what the next worker gets.
    expect(run.checkpoint.step).toBeGreaterThanOrEqual(2);
    expect(run.logTail.join("\n")).toMatch(/released by its worker \(the worker is shutting down; the trainer stopped at step \d+\); queued again/);
    const { workers: listed } = await admin<{ workers: any[] }>(`{ workers(includeStopped: true) { name stoppedAt } }`);
    expect(listed.find((w) => w.name === "stopping")?.stoppedAt).not.toBeNull();
    await admin(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id });
  });

  it("npm start's local worker (--local) makes its own WORKER key with the admin key, keeps it mode 0600, never prints it", async () => {
    const workDir = path.join(dataDir, "worker-local");
    const env = { TOOLREC_DATA_DIR: dataDir, TOOLREC_WORKER_KEY: "", TOOLREC_ADMIN_API_KEY: "" };
    const worker = await startWorker("local", ["--local"], env);
    const keyFile = path.join(workDir, "worker-key");
    const deadline = Date.now() + 60_000;
    while (!worker.output.some((l) => l.includes("waiting for runs")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const key = fs.readFileSync(keyFile, "utf8").trim();
    const viewer = await gqlCall(api.url, key)<{ viewer: { role: string } }>(`{ viewer { role } }`);
    expect(viewer.viewer.role).toBe("WORKER");
    expect(worker.output.join("\n")).not.toContain(key);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
  });
});
