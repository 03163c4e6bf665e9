// Model versions of kind ranker (the linear policy toolrec/ranker) over real HTTP and a real
// database, once per available backend: created from inline weights (checked, with the field),
// served by `suggestions` in the order the weights say; a toolrec/ranker training run gets the
// dataset export with the ranker view per row (its own checksum), and registering the finished
// run serves its ranker.json. The worker's calls are made directly here; apps/worker's tests run
// the real trainer.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FEATURE_NAMES, referenceRankerWeights } from "@toolrec/recommender";
import { createKey, gqlCall, waitForDataset, type GqlCall } from "../test-support/index.js";
import { availableBackends, errorOf, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

const LAGGING = { userQuery: "Why is my phone lagging?", assistantResponse: "Clearing the cache and closing apps running in the background usually helps." };
const SPEAKER = { userQuery: "My speaker sounds muffled after I dropped the phone in water", assistantResponse: "Water in the grille muffles the sound; it usually clears as it dries." };

const SUGGEST = `query($input: SuggestionInput!) { suggestions(input: $input) {
  impressionId generator suggestions { text isToolInvoking } notExposed { text isToolInvoking } modelVersion { id name kind } } }`;
const CREATE_VERSION = `mutation($input: ModelVersionInput!) { createModelVersion(input: $input) { id name kind settings } }`;
const CREATE_RUN = `mutation($input: TrainingRunInput!) { createTrainingRun(input: $input) { id status baseModel } }`;
const CLAIM = `mutation($w: ID!) { claimTrainingRun(workerId: $w) { leaseId datasetPaths { jsonl parquet metadata } datasetChecksum datasetRows run { id baseModel } } }`;
const FINISH = `mutation($r: ID!, $l: ID!, $result: TrainingRunResultInput!) { finishTrainingRun(runId: $r, leaseId: $l, result: $result) { id status error } }`;
const REGISTER = `mutation($r: ID!, $n: String!) { registerTrainingRunAsModelVersion(runId: $r, name: $n) { id name generator baseModel adapterPath loraModules modelVersion { id kind settings loraModules } } }`;

/** Chat follow-ups first: a large negative weight on `tool`, the grounded order otherwise. */
const CHAT_FIRST = FEATURE_NAMES.map((f) => (f === "grounded" ? 8 : f === "tool" ? -20 : 0));

describe.each(backends)("ranker model versions on %s", (backend) => {
  let api: TestApi;
  let admin: GqlCall;
  let engineer: string;
  let worker: string;
  let workerId: string;
  const as = (key: string) => (query: string, variables?: Record<string, unknown>) => api.gql(query, variables, key);
  const texts = (r: any) => [...r.suggestions, ...r.notExposed].map((s: any) => s.text);

  async function serve(dialogue: object, modelVersionId?: string, userId?: string) {
    const res = await as(engineer)(SUGGEST, { input: { dialogue, k: 6, n: 3, modelVersionId, userId } });
    expect(res.errors).toBeUndefined();
    return res.data.suggestions;
  }

  async function fetchRun(runId: string, leaseId: string, rel: string) {
    return fetch(`${api.origin}/training-runs/${runId}/${rel}`, { headers: { authorization: `Bearer ${worker}`, "x-lease-id": leaseId } });
  }

  async function upload(runId: string, leaseId: string, rel: string, body: string) {
    const bytes = Buffer.from(body);
    const res = await fetch(`${api.origin}/training-runs/${runId}/artifacts/${rel}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${worker}`, "x-lease-id": leaseId, "x-checksum-sha256": crypto.createHash("sha256").update(bytes).digest("hex") },
      body: bytes,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  /** A toolrec/ranker run taken to SUCCEEDED with `weightsFile` as its ranker.json (what the trainer would upload). */
  async function finishedRun(datasetId: string, weightsFile: string) {
    const run = (await api.gql(CREATE_RUN, { input: { datasetId, baseModel: "toolrec/ranker", hyperparameters: { gpus: 0, batchSize: 4, maxSteps: 2 } } })).data.createTrainingRun;
    const claim = (await as(worker)(CLAIM, { w: workerId })).data.claimTrainingRun;
    expect(claim.run.id).toBe(run.id);
    await upload(run.id, claim.leaseId, "ranker.json", weightsFile);
    await upload(run.id, claim.leaseId, "metrics.jsonl", '{"step": 1, "loss": 0.6}\n');
    const done = await as(worker)(FINISH, { r: run.id, l: claim.leaseId, result: { status: "SUCCEEDED" } });
    expect(done.errors).toBeUndefined();
    return { run, claim };
  }

  beforeAll(async () => {
    api = await startTestApi(backend);
    admin = gqlCall(api.url, api.adminApiKey);
    engineer = (await createKey(admin, "ENGINEER")).key;
    worker = (await createKey(admin, "WORKER", "ranker worker")).key;
    const reg = await as(worker)(`mutation($input: WorkerInput!) { registerWorker(input: $input) { id models } }`, {
      input: { name: "cpu", hostname: "test-host", gpus: [], models: ["toolrec/ranker"], capabilities: { torch: true } },
    });
    expect(reg.errors).toBeUndefined();
    workerId = reg.data.registerWorker.id;
  }, 120_000);
  afterAll(async () => {
    await api?.close();
  });

  it("a version from inline weights serves in the order its weights say; the reference weights serve grounded's answer", async () => {
    const eng = as(engineer);
    const ref = (await eng(CREATE_VERSION, { input: { name: "ranker-reference", settings: { kind: "ranker", weights: referenceRankerWeights().weights } } })).data.createModelVersion;
    expect(ref).toMatchObject({ kind: "RANKER", settings: { kind: "ranker", features: [...FEATURE_NAMES], weights: referenceRankerWeights().weights } });
    const chat = (await eng(CREATE_VERSION, { input: { name: "ranker-chat-first", settings: { kind: "ranker", weights: { grounded: 8, tool: -20 } } } })).data.createModelVersion;
    expect(chat.settings.weights).toEqual(CHAT_FIRST);

    for (const dialogue of [LAGGING, SPEAKER]) {
      const grounded = await serve(dialogue);
      expect(grounded.generator).toBe("grounded");
      const asRef = await serve(dialogue, ref.id);
      expect(asRef).toMatchObject({ generator: "ranker:ranker-reference", modelVersion: { kind: "RANKER" } });
      expect(texts(asRef)).toEqual(texts(grounded));
      // Grounded leads with a tool for these dialogues; chat-first weights move the chat follow-ups up.
      const chatFirst = await serve(dialogue, chat.id);
      expect(grounded.suggestions[0].isToolInvoking).toBe(true);
      expect(chatFirst.suggestions.filter((s: any) => s.isToolInvoking).length).toBeLessThan(grounded.suggestions.filter((s: any) => s.isToolInvoking).length);
      expect(chatFirst.suggestions[0].isToolInvoking).toBe(false);
      expect(texts(chatFirst)).toHaveLength(6);
    }
  });

  it("refuses weights that do not fit this build's features, naming the field", async () => {
    const eng = as(engineer);
    const bad: [unknown, string][] = [
      [{ kind: "ranker" }, "settings.weights"],
      [{ kind: "ranker", weights: [1, 2, 3] }, "settings.weights"],
      [{ kind: "ranker", weights: { toolness: 1 } }, "settings.weights"],
      [{ kind: "ranker", weights: FEATURE_NAMES.map(() => 1e300) }, "settings.weights"],
      [{ kind: "ranker", features: ["tool"], weights: CHAT_FIRST }, "settings.features"],
      [{ kind: "ranker", weights: CHAT_FIRST, model: "x" }, "settings.model"],
    ];
    for (const [settings, field] of bad) {
      expect(errorOf(await eng(CREATE_VERSION, { input: { name: "bad-ranker", settings } })), JSON.stringify(settings)).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await api.database.prisma.modelVersion.count({ where: { name: "bad-ranker" } })).toBe(0);
  });

  it("a toolrec/ranker run gets its dataset with the ranker view per row, and registering it serves its ranker.json", async () => {
    // A log served by the grounded default (with its retrieved tools recorded), some of it clicked.
    for (let i = 0; i < 12; i++) {
      const r = await serve(i % 2 ? LAGGING : SPEAKER, undefined, `user-${i % 4}`);
      if (i % 3 === 0) await as(engineer)(`mutation($id: ID!) { recordClick(impressionId: $id, position: 0) }`, { id: r.impressionId });
    }
    const created = await admin<any>(`mutation($input: PreferenceDatasetInput!) { createPreferenceDataset(input: $input) { id } }`, { input: { name: "ranker fixture" } });
    const dataset = await waitForDataset<{ id: string; sampleCount: number; checksum: string }>(admin, created.createPreferenceDataset.id, "id sampleCount checksum");
    expect(dataset.sampleCount).toBeGreaterThanOrEqual(12);

    const file = JSON.stringify({ format: "toolrec-ranker-v1", model: "toolrec/ranker", features: [...FEATURE_NAMES], weights: CHAT_FIRST, reference: referenceRankerWeights().weights, steps: 2 });
    const run = (await api.gql(CREATE_RUN, { input: { datasetId: dataset.id, baseModel: "toolrec/ranker", hyperparameters: { gpus: 0, batchSize: 4, maxSteps: 2 } } })).data.createTrainingRun;
    const claim = (await as(worker)(CLAIM, { w: workerId })).data.claimTrainingRun;
    expect(claim.run).toEqual({ id: run.id, baseModel: "toolrec/ranker" });
    // Its own export: the plain rows plus `ranker`, so its checksum is not the dataset's.
    expect(claim.datasetChecksum).toMatch(/^[0-9a-f]{64}$/);
    expect(claim.datasetChecksum).not.toBe(dataset.checksum);
    const jsonl = await fetchRun(run.id, claim.leaseId, "dataset/export.jsonl");
    expect(jsonl.status).toBe(200);
    const body = await jsonl.text();
    expect(crypto.createHash("sha256").update(body).digest("hex")).toBe(claim.datasetChecksum);
    expect(jsonl.headers.get("x-checksum-sha256")).toBe(claim.datasetChecksum);
    const rows = body.trim().split("\n").map((l) => JSON.parse(l));
    expect(rows).toHaveLength(dataset.sampleCount);
    const served = rows.filter((r) => r.prompt.includes("Why is my phone lagging?"));
    expect(served.length).toBeGreaterThan(0);
    for (const r of served) {
      expect(Object.keys(r)).toEqual(["prompt", "completion", "label", "weight", "ranker"]);
      // The pool holds the logged list (served by grounded) and the retrieved tools, with their ranks and categories.
      expect(r.ranker.list.map((c: any) => c.text)).toEqual(r.completion.split("\n").map((l: string) => l.replace(/^\d+\.\s*/, "")));
      expect(r.ranker.retrieved.map((t: any) => t.rank)).toEqual([1, 2, 3, 4, 5]);
      expect(r.ranker.retrieved.every((t: any) => typeof t.category === "string")).toBe(true);
      const pool = new Set(r.ranker.pool.map((c: any) => c.text));
      expect(r.ranker.list.every((c: any) => pool.has(c.text))).toBe(true);
      expect(r.ranker.pool.length).toBeGreaterThan(r.ranker.list.length);
    }
    const meta = await (await fetchRun(run.id, claim.leaseId, "dataset/metadata.json")).json();
    expect(meta).toMatchObject({ datasetId: dataset.id, checksum: claim.datasetChecksum, rows: dataset.sampleCount, columns: ["prompt", "completion", "label", "weight", "ranker"] });
    expect((await fetchRun(run.id, claim.leaseId, "dataset/export.parquet")).status).toBe(400);

    // Success needs ranker.json (not a peft adapter).
    expect(errorOf(await as(worker)(FINISH, { r: run.id, l: claim.leaseId, result: { status: "SUCCEEDED" } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "result.status" });
    await upload(run.id, claim.leaseId, "ranker.json", file);
    expect((await as(worker)(FINISH, { r: run.id, l: claim.leaseId, result: { status: "SUCCEEDED" } })).errors).toBeUndefined();

    // A model server's settings make no sense for a ranker run.
    expect(errorOf(await as(engineer)(`mutation { createModelVersionFromTrainingRun(input: { runId: "${run.id}", name: "x", baseUrl: "http://127.0.0.1:8000/v1" }) { id } }`))).toMatchObject({ code: "BAD_USER_INPUT", field: "input.baseUrl" });
    const reg = await as(engineer)(REGISTER, { r: run.id, n: "ranker-run-1" });
    expect(reg.errors).toBeUndefined();
    const mv = reg.data.registerTrainingRunAsModelVersion;
    expect(mv).toMatchObject({ name: "ranker-run-1", generator: "ranker", baseModel: "toolrec/ranker", loraModules: "", modelVersion: { kind: "RANKER", loraModules: null, settings: { kind: "ranker", weights: CHAT_FIRST } } });
    expect(mv.adapterPath).toMatch(/ranker\.json$/);
    const fromRun = await serve(LAGGING, mv.modelVersion.id);
    const grounded = await serve(LAGGING);
    expect(fromRun.generator).toBe("ranker:ranker-run-1");
    expect(fromRun.suggestions[0].isToolInvoking).toBe(false);
    expect(grounded.suggestions[0].isToolInvoking).toBe(true);

    // The other route (createModelVersionFromTrainingRun) makes a ranker version too.
    const second = await as(engineer)(`mutation { createModelVersionFromTrainingRun(input: { runId: "${run.id}", name: "ranker-run-1b", activate: true }) { kind isDefault settings } }`);
    expect(second.errors).toBeUndefined();
    expect(second.data.createModelVersionFromTrainingRun).toMatchObject({ kind: "RANKER", isDefault: true, settings: { weights: CHAT_FIRST } });
    expect((await serve(LAGGING)).generator).toBe("ranker:ranker-run-1b");
    await as(engineer)(`mutation { rollbackModelVersion { name } }`);
  });

  it("a run whose ranker.json is not usable weights is refused at registration, on runId", async () => {
    const datasetId = (await api.database.prisma.preferenceDataset.findFirstOrThrow({ where: { status: "READY" } })).id;
    const { run } = await finishedRun(datasetId, JSON.stringify({ format: "toolrec-ranker-v1", features: ["tool", "p"], weights: [1, 2] }));
    const res = await as(engineer)(REGISTER, { r: run.id, n: "ranker-bad" });
    expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "runId" });
    expect(errorOf(res).message).toMatch(/features/);
    const notJson = await finishedRun(datasetId, "weights: 1, 2, 3");
    expect(errorOf(await as(engineer)(REGISTER, { r: notJson.run.id, n: "ranker-bad" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "runId" });
    expect(await api.database.prisma.modelVersion.count({ where: { name: "ranker-bad" } })).toBe(0);
  });
});
