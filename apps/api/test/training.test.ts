// Training runs (issue 11) over real HTTP and a real database, once per available backend:
// validation with the paper's defaults, roles (WORKER keys do worker operations and nothing
// else), the queue and its leases (claims, heartbeats, expiry → requeue → failure, cancel),
// reports, artifacts, model-version registration, and two workers racing over 20 runs.
// The trainer itself runs in apps/worker's tests; here the worker's calls are made directly.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKey, createSmallDataset, gqlCall, type GqlCall } from "../test-support/index.js";
import { availableBackends, errorOf, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

const RUN = `id status datasetId baseModel hyperparameters progress metrics error createdAt step totalSteps cancelRequested attempts requeues
  resumedFromStep checkpoint { step path files } logTail worker { id name } artifacts { path kind bytes sha256 downloadPath }`;
const CREATE = `mutation($input: TrainingRunInput!) { createTrainingRun(input: $input) { ${RUN} } }`;
const CLAIM = `mutation($w: ID!) { claimTrainingRun(workerId: $w) { leaseId leaseSeconds leaseExpiresAt checkpoint { step path files } datasetPaths { jsonl metadata } datasetChecksum datasetRows run { id baseModel hyperparameters attempts } } }`;
const REPORT = `mutation($r: ID!, $l: ID!, $report: TrainingRunReportInput!) { reportTrainingRun(runId: $r, leaseId: $l, report: $report) { cancelRequested leaseExpiresAt } }`;
const HEARTBEAT = `mutation($r: ID!, $l: ID!) { heartbeatTrainingRun(runId: $r, leaseId: $l) { cancelRequested leaseExpiresAt } }`;
const FINISH = `mutation($r: ID!, $l: ID!, $result: TrainingRunResultInput!) { finishTrainingRun(runId: $r, leaseId: $l, result: $result) { ${RUN} } }`;
const REGISTER_WORKER = `mutation($input: WorkerInput!) { registerWorker(input: $input) { id name gpuCount models connected } }`;
const GET = `query($id: ID!) { trainingRun(id: $id) { ${RUN} metricSeries { step loss kl rewardsMargins lr tokensPerS values } } }`;

const cpuWorker = (name: string, models = ["toolrec/tiny-random"]) => ({ name, hostname: "test-host", gpus: [], models, capabilities: { torch: true } });
const tiny = (hyperparameters: Record<string, unknown> = {}) => ({ baseModel: "toolrec/tiny-random", hyperparameters: { gpus: 0, batchSize: 4, maxSteps: 4, maxLength: 64, ...hyperparameters } });

describe.each(backends)("training runs on %s", (backend) => {
  let api: TestApi;
  let admin: GqlCall;
  let datasetId: string;
  let engineerKey: string;
  let workerKey: string;
  let workerKey2: string;

  /** Raw GraphQL with a key (the errors are asserted on). */
  const as = (key: string) => (query: string, variables?: Record<string, unknown>) => api.gql(query, variables, key);

  async function upload(runId: string, leaseId: string, path: string, body: Buffer | string, key = workerKey, sha256?: string) {
    const bytes = Buffer.from(body);
    return fetch(`${api.origin}/training-runs/${runId}/artifacts/${path}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "x-lease-id": leaseId, "x-checksum-sha256": sha256 ?? crypto.createHash("sha256").update(bytes).digest("hex") },
      body: bytes,
    });
  }

  async function create(input: Record<string, unknown>) {
    const res = await api.gql(CREATE, { input: { datasetId, ...input } });
    expect(res.errors).toBeUndefined();
    return res.data.createTrainingRun;
  }

  async function registerAs(key: string, name: string, models?: string[]) {
    const res = await as(key)(REGISTER_WORKER, { input: cpuWorker(name, models) });
    expect(res.errors).toBeUndefined();
    return res.data.registerWorker.id as string;
  }

  /** Cancels every queued run so each test starts from an empty queue. */
  async function drainQueue() {
    await api.database.prisma.trainingRun.updateMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED", leaseId: null } });
  }

  beforeAll(async () => {
    api = await startTestApi(backend);
    admin = gqlCall(api.url, api.adminApiKey);
    datasetId = (await createSmallDataset(admin)).id;
    engineerKey = (await createKey(admin, "ENGINEER")).key;
    workerKey = (await createKey(admin, "WORKER", "worker one")).key;
    workerKey2 = (await createKey(admin, "WORKER", "worker two")).key;
  });
  afterAll(async () => {
    await api?.close();
  });

  it("fills in the paper's defaults, keeps the contract's fields, and audits the creation", async () => {
    const res = await as(engineerKey)(CREATE, { input: { datasetId, baseModel: "toolrec/tiny-random" } });
    expect(res.errors).toBeUndefined();
    const run = res.data.createTrainingRun;
    expect(run).toMatchObject({ status: "QUEUED", datasetId, baseModel: "toolrec/tiny-random", progress: 0, metrics: null, error: null, attempts: 0, requeues: 0, logTail: [] });
    expect(run.hyperparameters).toMatchObject({ beta: 0.01, learningRate: 5e-6, batchSize: 32, loraRank: 8, loraAlpha: 16, warmupRatio: 0.1, epochs: 1, maxSteps: null, lambdaD: 1, lambdaU: 1, gpus: 1 });
    const audit = await api.database.prisma.auditEntry.findFirst({ where: { action: "createTrainingRun" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ target: `dataset:${datasetId}` });
    expect((audit!.details as { ok: boolean }).ok).toBe(true);
    const specs = (await api.gql(`{ trainingHyperparameters { name type nullable default minimum exclusiveMinimum maximum description } }`)).data.trainingHyperparameters;
    expect(specs.find((s: { name: string }) => s.name === "beta")).toMatchObject({ type: "number", default: 0.01, exclusiveMinimum: 0, maximum: 10 });
    expect(specs.find((s: { name: string }) => s.name === "maxSteps")).toMatchObject({ type: "integer", nullable: true, default: null });
    await drainQueue();
  });

  it("rejects unknown keys, out-of-range values, unknown datasets and base models with the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ hyperparameters: { gamma: 2 } }, "hyperparameters.gamma"],
      [{ hyperparameters: { beta: 0 } }, "hyperparameters.beta"],
      [{ hyperparameters: { batchSize: 1 } }, "hyperparameters.batchSize"],
      [{ hyperparameters: { learningRate: "fast" } }, "hyperparameters.learningRate"],
      [{ hyperparameters: { epochs: 2, maxSteps: 10 } }, "hyperparameters.maxSteps"],
      [{ hyperparameters: [1, 2] }, "hyperparameters"],
      [{ datasetId: "no-such-dataset" }, "datasetId"],
      [{ baseModel: "Qwen3-0.6B" }, "baseModel"],
      [{ baseModel: "../etc" }, "baseModel"],
    ];
    for (const [patch, field] of cases) {
      const res = await api.gql(CREATE, { input: { datasetId, baseModel: "toolrec/tiny-random", ...patch } });
      expect(errorOf(res), JSON.stringify(patch)).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await api.database.prisma.trainingRun.count({ where: { status: "QUEUED" } })).toBe(0);
    // A model folder becomes a valid base model once a worker advertises it.
    await registerAs(workerKey, "folder worker", ["toolrec/tiny-random", "Qwen3-0.6B"]);
    const ok = await api.gql(CREATE, { input: { datasetId, baseModel: "Qwen3-0.6B" } });
    expect(ok.errors).toBeUndefined();
    const models = (await api.gql(`{ trainingBaseModels { name builtIn requires connectedWorkers } }`)).data.trainingBaseModels;
    expect(models).toEqual(expect.arrayContaining([
      { name: "toolrec/tiny-random", builtIn: true, requires: ["torch"], connectedWorkers: expect.any(Number) },
      { name: "Qwen3-0.6B", builtIn: false, requires: ["torch", "transformers", "peft"], connectedWorkers: 1 },
    ]));
    await drainQueue();
  });

  it("WORKER keys do worker operations and nothing else; other roles cannot do worker operations", async () => {
    const worker = as(workerKey);
    expect(errorOf(await worker(`{ tools(first: 1) { totalCount } }`)).code).toBe("FORBIDDEN");
    expect(errorOf(await worker(CREATE, { input: { datasetId, ...tiny() } })).code).toBe("FORBIDDEN");
    expect(errorOf(await worker(`{ trainingRuns { totalCount } }`)).code).toBe("FORBIDDEN");
    expect(errorOf(await worker(`{ preferenceDataset(id: "${datasetId}") { id } }`)).code).toBe("FORBIDDEN");
    const datasetFile = await fetch(`${api.origin}/datasets/${datasetId}/export.jsonl`, { headers: { authorization: `Bearer ${workerKey}` } });
    expect(datasetFile.status).toBe(403);
    const curatorKey = (await createKey(admin, "CURATOR")).key;
    const serviceKey = (await createKey(admin, "SERVICE")).key;
    for (const key of [api.adminApiKey, engineerKey, curatorKey, serviceKey]) {
      expect(errorOf(await as(key)(REGISTER_WORKER, { input: cpuWorker("impostor") })).code).toBe("FORBIDDEN");
      expect(errorOf(await as(key)(CLAIM, { w: "any" })).code).toBe("FORBIDDEN");
      expect(errorOf(await as(key)(HEARTBEAT, { r: "any", l: "any" })).code).toBe("FORBIDDEN");
      const put = await upload("any", "any", "run.json", "{}", key);
      expect(put.status).toBe(403);
    }
    // A worker cannot claim as another key's worker.
    const other = await registerAs(workerKey2, "worker two");
    expect(errorOf(await worker(CLAIM, { w: other })).field).toBe("workerId");
  });

  it("lists runs newest first with a status filter and cursor pages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(tiny({ seed: i }))).id);
    await api.gql(`mutation($id: ID!) { cancelTrainingRun(id: $id) { id } }`, { id: ids[1] });
    const pageOf = async (first: number, after: string | null, status?: string) =>
      (await api.gql(`query($f: TrainingRunFilter, $first: Int, $after: String) { trainingRuns(filter: $f, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status } } } }`,
        { f: status ? { status } : { datasetId }, first, after })).data.trainingRuns;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await pageOf(2, after, "QUEUED");
      expect(page.totalCount).toBe(4);
      seen.push(...page.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([ids[4], ids[3], ids[2], ids[0]]);
    expect((await pageOf(10, null, "CANCELLED")).edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ids[1]);
    expect(errorOf(await api.gql(`{ trainingRuns(after: "bogus") { totalCount } }`))).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    await drainQueue();
  });

  it("claims only what a worker can do, reports metrics (last report of a step wins), uploads artifacts, succeeds, registers a model version", async () => {
    const gpuRun = await create({ ...tiny(), hyperparameters: { ...tiny().hyperparameters, gpus: 1 } });
    const run = await create(tiny());
    const workerId = await registerAs(workerKey, "cpu worker");
    const worker = as(workerKey);
    const claim = (await worker(CLAIM, { w: workerId })).data.claimTrainingRun;
    expect(claim.run.id).toBe(run.id); // the older gpus: 1 run waits for a GPU worker
    expect(claim).toMatchObject({ leaseSeconds: 30, checkpoint: null, datasetRows: expect.any(Number), datasetChecksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await worker(CLAIM, { w: workerId })).data.claimTrainingRun).toBeNull();
    const lease = claim.leaseId;

    // The run's dataset, with the lease; not without it.
    const data = await fetch(`${api.origin}${claim.datasetPaths.jsonl}`, { headers: { authorization: `Bearer ${workerKey}`, "x-lease-id": lease } });
    const text = await data.text();
    expect(crypto.createHash("sha256").update(text).digest("hex")).toBe(claim.datasetChecksum);
    expect((await fetch(`${api.origin}${claim.datasetPaths.jsonl}`, { headers: { authorization: `Bearer ${workerKey}`, "x-lease-id": "stolen" } })).status).toBe(409);

    const line = (step: number, loss: number) => ({ step, loss, kl: 0.1 * step, "rewards/margins": 0.01 * step, lr: 1e-6, tokens_per_s: 1000 + step, epoch: step / 4 });
    let r = await worker(REPORT, { r: run.id, l: lease, report: { progress: 0.5, step: 2, totalSteps: 4, metrics: [line(1, 0.7), line(2, 0.69), line(2, 0.65)], logLines: ["[trainer] step 1/4", "[trainer] step 2/4"] } });
    expect(r.errors).toBeUndefined();
    expect(r.data.reportTrainingRun.cancelRequested).toBe(false);
    // A checkpoint is recorded only once its files are uploaded.
    const ckpt = { step: 2, path: "checkpoints/step-000002", files: ["checkpoints/step-000002/state.json"] };
    expect(errorOf(await worker(REPORT, { r: run.id, l: lease, report: { checkpoint: ckpt } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "report.checkpoint.files" });
    expect((await upload(run.id, lease, "checkpoints/step-000002/state.json", '{"step": 2}')).status).toBe(201);
    expect((await worker(REPORT, { r: run.id, l: lease, report: { checkpoint: ckpt } })).errors).toBeUndefined();
    r = await worker(REPORT, { r: run.id, l: lease, report: { progress: 1, step: 4, metrics: [line(3, 0.6), line(4, 0.55)] } });
    expect(r.errors).toBeUndefined();

    // Uploads: the sha256 is checked, the path too.
    const adapterConfig = JSON.stringify({ peft_type: "LORA", r: 8 });
    const weights = crypto.randomBytes(4096);
    expect((await upload(run.id, lease, "adapter/adapter_config.json", adapterConfig, workerKey, "0".repeat(64))).status).toBe(400);
    expect((await upload(run.id, lease, "adapter/..%2F..%2Fescape.json", "{}")).status).toBe(400);
    expect((await upload(run.id, lease, "adapter/adapter_config.json", adapterConfig)).status).toBe(201);
    // Success needs the adapter's weights too.
    expect(errorOf(await worker(FINISH, { r: run.id, l: lease, result: { status: "SUCCEEDED" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "result.status" });
    expect((await upload(run.id, lease, "adapter/adapter_model.safetensors", weights)).status).toBe(201);
    expect((await upload(run.id, lease, "metrics.jsonl", "{}\n")).status).toBe(201);
    const done = await worker(FINISH, { r: run.id, l: lease, result: { status: "SUCCEEDED", logLines: ["[trainer] done"] } });
    expect(done.errors).toBeUndefined();
    expect(done.data.finishTrainingRun).toMatchObject({ status: "SUCCEEDED", progress: 1, step: 4, totalSteps: 4, checkpoint: ckpt });
    // Checkpoints are dropped once the run succeeded.
    expect(done.data.finishTrainingRun.artifacts.map((a: { path: string }) => a.path)).toEqual(["adapter/adapter_config.json", "adapter/adapter_model.safetensors", "metrics.jsonl"]);

    const got = (await as(engineerKey)(GET, { id: run.id })).data.trainingRun;
    expect(got.metricSeries.map((p: { step: number }) => p.step)).toEqual([1, 2, 3, 4]);
    const thin = (await as(engineerKey)(`query($id: ID!) { trainingRun(id: $id) { metricSeries(maxPoints: 3) { step } } }`, { id: run.id })).data.trainingRun;
    expect(thin.metricSeries.map((p: { step: number }) => p.step)).toEqual([1, 3, 4]);
    expect(got.metricSeries[1]).toMatchObject({ step: 2, loss: 0.65, kl: 0.2, rewardsMargins: 0.02, tokensPerS: 1002 });
    expect(got.metrics).toMatchObject({ step: 4, loss: 0.55 });
    expect(got.logTail).toEqual(expect.arrayContaining(["[trainer] step 2/4", "[trainer] done"]));

    // Engineers download artifacts (streamed, with the checksum); a lost lease uploads nothing.
    const weightsArtifact = got.artifacts.find((a: { path: string }) => a.path === "adapter/adapter_model.safetensors");
    const dl = await fetch(`${api.origin}${weightsArtifact.downloadPath}`, { headers: { authorization: `Bearer ${engineerKey}` } });
    expect(dl.status).toBe(200);
    expect(Buffer.from(await dl.arrayBuffer()).equals(weights)).toBe(true);
    expect(dl.headers.get("x-checksum-sha256")).toBe(crypto.createHash("sha256").update(weights).digest("hex"));
    expect((await fetch(`${api.origin}${weightsArtifact.downloadPath}`, { headers: { authorization: `Bearer ${workerKey}` } })).status).toBe(409);
    expect((await upload(run.id, lease, "run.json", "{}")).status).toBe(409);
    expect(errorOf(await worker(HEARTBEAT, { r: run.id, l: lease })).code).toBe("LEASE_LOST");

    // Register as a model version: a vLLM adapter name, unique; only succeeded runs.
    const REGISTER = `mutation($r: ID!, $n: String!) { registerTrainingRunAsModelVersion(runId: $r, name: $n) { id name runId generator baseModel adapterPath loraModules status } }`;
    expect(errorOf(await as(engineerKey)(REGISTER, { r: run.id, n: "Bad Name" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    expect(errorOf(await as(engineerKey)(REGISTER, { r: gpuRun.id, n: "not-done" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "runId" });
    const mv = (await as(engineerKey)(REGISTER, { r: run.id, n: "toolrec-kto-1" })).data.registerTrainingRunAsModelVersion;
    expect(mv).toMatchObject({ name: "toolrec-kto-1", runId: run.id, generator: "openai", baseModel: "toolrec/tiny-random", status: "REGISTERED" });
    expect(mv.adapterPath).toMatch(new RegExp(`${run.id}/attempt-1/adapter$`));
    expect(mv.loraModules).toBe(`toolrec-kto-1=${mv.adapterPath}`);
    expect(errorOf(await as(engineerKey)(REGISTER, { r: run.id, n: "toolrec-kto-1" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    await drainQueue();
  });

  it("checkpoint reports that cross uploads keep the newest checkpoint and its files", async () => {
    const run = await create(tiny());
    const workerId = await registerAs(workerKey, "checkpoint worker");
    const worker = as(workerKey);
    const { leaseId } = (await worker(CLAIM, { w: workerId })).data.claimTrainingRun;
    const files = (step: number) => [`checkpoints/step-00000${step}/adapter_model.safetensors`, `checkpoints/step-00000${step}/state.json`];
    for (const step of [2, 4]) for (const f of files(step)) expect((await upload(run.id, leaseId, f, `${f} bytes`)).status).toBe(201);
    // Step 2's report arrives after step 4's files were uploaded: they must survive it.
    const ckpt = (step: number) => ({ step, path: `checkpoints/step-00000${step}`, files: files(step) });
    expect((await worker(REPORT, { r: run.id, l: leaseId, report: { checkpoint: ckpt(2) } })).errors).toBeUndefined();
    expect((await worker(REPORT, { r: run.id, l: leaseId, report: { checkpoint: ckpt(4), metrics: [{ step: 4, loss: 0.5 }] } })).errors).toBeUndefined();
    // A late report of an older checkpoint changes nothing.
    expect((await worker(REPORT, { r: run.id, l: leaseId, report: { checkpoint: ckpt(2) } })).errors).toBeUndefined();
    const got = (await api.gql(GET, { id: run.id })).data.trainingRun;
    expect(got.checkpoint).toEqual(ckpt(4));
    expect(got.artifacts.map((a: { path: string }) => a.path)).toEqual(files(4));
    expect(got.metricSeries.map((p: { step: number }) => p.step)).toEqual([4]);
    await drainQueue();
  });

  it("cancels a queued run at once, and a running one through its worker's next heartbeat", async () => {
    const CANCEL = `mutation($id: ID!) { cancelTrainingRun(id: $id) { id status cancelRequested } }`;
    const queued = await create(tiny());
    expect((await api.gql(CANCEL, { id: queued.id })).data.cancelTrainingRun).toMatchObject({ status: "CANCELLED", cancelRequested: true });
    const running = await create(tiny());
    const workerId = await registerAs(workerKey, "cancel worker");
    const worker = as(workerKey);
    const claim = (await worker(CLAIM, { w: workerId })).data.claimTrainingRun;
    expect(claim.run.id).toBe(running.id);
    // A worker cannot end a run CANCELLED on its own.
    expect(errorOf(await worker(FINISH, { r: running.id, l: claim.leaseId, result: { status: "CANCELLED" } })).field).toBe("result.status");
    expect((await api.gql(CANCEL, { id: running.id })).data.cancelTrainingRun).toMatchObject({ status: "RUNNING", cancelRequested: true });
    expect((await worker(HEARTBEAT, { r: running.id, l: claim.leaseId })).data.heartbeatTrainingRun.cancelRequested).toBe(true);
    const end = await worker(FINISH, { r: running.id, l: claim.leaseId, result: { status: "CANCELLED", logLines: ["[trainer] cancelled at step 1"] } });
    expect(end.data.finishTrainingRun).toMatchObject({ status: "CANCELLED" });
    expect(errorOf(await api.gql(CANCEL, { id: "run_nope" })).code).toBe("NOT_FOUND");
  });

  it("an expired lease requeues the run once (resuming from its checkpoint), then fails it with the reason", async () => {
    const run = await create(tiny());
    const w1 = await registerAs(workerKey, "doomed worker");
    const w2 = await registerAs(workerKey2, "second worker");
    const claim1 = (await as(workerKey)(CLAIM, { w: w1 })).data.claimTrainingRun;
    const line = (step: number) => ({ step, loss: 1 / step });
    expect((await upload(run.id, claim1.leaseId, "checkpoints/step-000002/trainer_state.pt", "state")).status).toBe(201);
    const ckpt = { step: 2, path: "checkpoints/step-000002", files: ["checkpoints/step-000002/trainer_state.pt"] };
    await as(workerKey)(REPORT, { r: run.id, l: claim1.leaseId, report: { step: 3, totalSteps: 4, progress: 0.75, metrics: [line(1), line(2), line(3)], checkpoint: ckpt } });

    // The worker stops answering: its lease runs out.
    const expire = () => api.database.prisma.trainingRun.update({ where: { id: run.id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    await expire();
    const claim2 = (await as(workerKey2)(CLAIM, { w: w2 })).data.claimTrainingRun;
    expect(claim2.run).toMatchObject({ id: run.id, attempts: 2 });
    expect(claim2.checkpoint).toEqual(ckpt);
    let state = (await api.gql(GET, { id: run.id })).data.trainingRun;
    expect(state).toMatchObject({ status: "RUNNING", requeues: 1, resumedFromStep: 2, step: 2, worker: { id: w2 } });
    // The steps after the checkpoint will be reported again: they are gone until then.
    expect(state.metricSeries.map((p: { step: number }) => p.step)).toEqual([1, 2]);
    expect(state.logTail.join("\n")).toMatch(/stopped answering .*queued again, resumes from checkpoint step 2/);
    // The checkpoint is downloadable with the new lease, not with the old one.
    const ckptUrl = `${api.origin}/training-runs/${run.id}/artifacts/checkpoints/step-000002/trainer_state.pt`;
    expect(await (await fetch(ckptUrl, { headers: { authorization: `Bearer ${workerKey2}`, "x-lease-id": claim2.leaseId } })).text()).toBe("state");
    // The first worker comes back: its lease is gone.
    expect(errorOf(await as(workerKey)(REPORT, { r: run.id, l: claim1.leaseId, report: { metrics: [line(4)] } })).code).toBe("LEASE_LOST");

    await expire();
    expect((await as(workerKey)(CLAIM, { w: w1 })).data.claimTrainingRun).toBeNull();
    state = (await api.gql(GET, { id: run.id })).data.trainingRun;
    expect(state).toMatchObject({ status: "FAILED", requeues: 2, worker: null });
    expect(state.error).toMatch(/lease expired 2 times: worker second worker .* stopped answering/);
    expect(state.error).toMatch(/--- last log lines ---\n[\s\S]*claimed by worker second worker/);
  });

  it("two workers racing over 20 queued runs claim each exactly once", async () => {
    await drainQueue();
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) ids.add((await create(tiny({ seed: i }))).id);
    const racers = [
      { key: workerKey, id: await registerAs(workerKey, "racer one") },
      { key: workerKey2, id: await registerAs(workerKey2, "racer two") },
    ];
    const claims: { worker: string; run: string }[] = [];
    // Each worker claims with 3 requests in flight at a time until the queue is empty.
    await Promise.all(racers.flatMap((w) => Array.from({ length: 3 }, async () => {
      for (;;) {
        const res = await as(w.key)(CLAIM, { w: w.id });
        expect(res.errors).toBeUndefined();
        const claim = res.data.claimTrainingRun;
        if (!claim) return;
        claims.push({ worker: w.id, run: claim.run.id });
        await as(w.key)(FINISH, { r: claim.run.id, l: claim.leaseId, result: { status: "FAILED", error: "race test: nothing to train" } });
      }
    })));
    expect(claims).toHaveLength(20);
    expect(new Set(claims.map((c) => c.run))).toEqual(ids);
    expect(new Set(claims.map((c) => c.worker)).size).toBe(2);
    const rows = await api.database.prisma.trainingRun.findMany({ where: { id: { in: [...ids] } } });
    expect(rows.every((r) => r.attempts === 1 && r.status === "FAILED")).toBe(true);
  });
});
