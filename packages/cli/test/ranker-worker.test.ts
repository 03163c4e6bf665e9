// toolrec/ranker through a normal training run, with real parts: the API in this process (real
// HTTP, PostgreSQL on 127.0.0.1:5432 when it answers, else the embedded one), a real worker
// process (`node apps/worker/src/main.ts --once`) and the trainer under Debian's python3 with
// torch. The log is the one `toolrec experiment table2` builds (experiment-serving.ts: the
// grounded default as a sampling policy, simulated users who prefer tool suggestions), stored
// as impressions with their retrieved tools; the API's dataset export for the run carries the
// ranker view per row, the worker trains it, and the registered version is served by the API.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@toolrec/config";
import { runOfflineExperiment, type OfflineImpression } from "@toolrec/core";
import { ingestImpressions } from "@toolrec/db";
import { availableBackends, scratchPostgresDatabase } from "@toolrec/db/test-support";
import { startApi, type RunningApi } from "@toolrec/api/server";
import { createKey, gqlCall, pythonHasTorch, TRAINER_PYTHON, waitForDataset, type GqlCall } from "@toolrec/api/test-support";
import { RANKER_WEIGHTS_FORMAT, referenceRankerWeights, type RankerWeights } from "@toolrec/recommender";
import { catalogServingTools, createServingContext, rankerArm, sampledGroundedArm, type ServingContext } from "../src/commands/experiment-serving.js";
import { RANKER_HYPERPARAMETERS } from "../src/commands/experiment-table2.js";

const hasTorch = pythonHasTorch(TRAINER_PYTHON);
const USER_MODEL = { toolPreference: 5 };
const K = 5;

/** Stores an offline log as served impressions would be: the dialogue, all K suggestions, clicks, and the retrieved tools (rank, score). */
async function storeLog(api: RunningApi, ctx: ServingContext, log: readonly OfflineImpression[]): Promise<void> {
  const end = Date.now() - 60_000;
  const rows = log.map((imp, i) => ({
    id: imp.id,
    userId: imp.userId,
    timestamp: new Date(end - (log.length - i) * 1000).toISOString(),
    dialogue: imp.dialogue,
    suggestions: imp.suggestions.map((s) => ({ text: s.text, toolId: s.toolId, exposed: s.exposed, clicked: s.clicked })),
  }));
  const report = await ingestImpressions(api.database.prisma, rows, { source: "served" });
  expect(report.rejected).toBe(0);
  const retrieved: string[] = [];
  for (let i = 0; i < log.length; i++) {
    const imp = log[i]!;
    const input = await ctx.input({ index: i, impressionId: imp.id, userId: imp.userId, dialogue: imp.dialogue, k: K });
    retrieved.push(JSON.stringify(input.tools.map((t) => ({ toolId: t.id, rank: t.rank, score: t.score }))));
  }
  await api.database.prisma.$executeRawUnsafe(
    `UPDATE impressions i SET retrieved_tools = v.rt FROM (SELECT unnest($1::text[]) AS id, unnest($2::text[])::jsonb AS rt) v WHERE i.id = v.id`,
    log.map((l) => l.id),
    retrieved,
  );
}

const TITLE = "a toolrec/ranker run trained by a real worker";
describe.skipIf(!hasTorch)(hasTorch ? TITLE : `${TITLE} (skipped: ${TRAINER_PYTHON} lacks torch; apt-get install python3-torch)`, () => {
  let api: RunningApi;
  let admin: GqlCall;
  let dir: string;
  let drop: (() => Promise<void>) | undefined;
  const ctx = createServingContext(catalogServingTools());

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-ranker-worker-"));
    process.env.TOOLREC_SEED_DEMO = "0";
    const scratch = (await availableBackends()).includes("postgres") ? await scratchPostgresDatabase() : null;
    drop = scratch?.drop;
    api = await startApi({ port: 0, dataDir: dir, databaseUrl: scratch?.url ?? null, seed: true, log: () => undefined });
    admin = gqlCall(api.url, api.adminApiKey);
  }, 240_000);
  afterAll(async () => {
    await api?.close();
    await drop?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("on a log where users prefer tool suggestions, the registered version exposes more of them than the reference", async () => {
    const t0 = performance.now();
    const log = await runOfflineExperiment(ctx.tools, [sampledGroundedArm(ctx, 21, "log")], { impressions: 3000, seed: 21, k: K, userModel: USER_MODEL, keepLog: true });
    await storeLog(api, ctx, log.logs!.log!);
    // Vanilla KTO labels (Table 2's row 1, as the CLI's test trains): the preference for tools is in the clicks alone.
    const created = await admin<any>(`mutation($input: PreferenceDatasetInput!) { createPreferenceDataset(input: $input) { id } }`, { input: { name: "tool-preferring users", config: { userSide: false, systemSide: "OFF" } } });
    const dataset = await waitForDataset<{ id: string; sampleCount: number }>(admin, created.createPreferenceDataset.id, "id sampleCount");
    expect(dataset.sampleCount).toBe(3000);

    const run = (await admin<any>(`mutation($input: TrainingRunInput!) { createTrainingRun(input: $input) { id } }`, {
      input: { datasetId: dataset.id, baseModel: "toolrec/ranker", hyperparameters: RANKER_HYPERPARAMETERS },
    })).createTrainingRun;
    const key = (await createKey(admin, "WORKER", "ranker worker")).key;
    const child = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts", "--once", "--name", "ranker", "--work-dir", path.join(dir, "worker"), "--poll-ms", "300", "--report-ms", "500"], {
      cwd: repoRoot,
      env: { ...process.env, TOOLREC_API_URL: api.url, TOOLREC_WORKER_PYTHON: TRAINER_PYTHON, TOOLREC_WORKER_KEY: key },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    for (const s of [child.stdout, child.stderr]) s.on("data", (d: Buffer) => output.push(d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    let state: any;
    for (const deadline = Date.now() + 240_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
      state = (await admin<any>(`query($id: ID!) { trainingRun(id: $id) { status error step totalSteps metricSeries { step loss } artifacts { path kind } } }`, { id: run.id })).trainingRun;
      if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(state.status)) break;
    }
    expect(state.status, `${state.error ?? ""}\n${output.join("").slice(-3000)}`).toBe("SUCCEEDED");
    expect(await exited).toBe(0);
    // Metrics and artifacts flow as for any run.
    expect(state.metricSeries.length).toBe(state.totalSteps);
    expect(state.metricSeries.every((p: any) => Number.isFinite(p.loss))).toBe(true);
    expect(state.artifacts.map((a: any) => a.path)).toEqual(expect.arrayContaining(["ranker.json", "run.json", "metrics.jsonl", "logs/trainer.log"]));
    expect(state.artifacts.find((a: any) => a.path === "ranker.json").kind).toBe("adapter");

    const reg = (await admin<any>(`mutation($r: ID!) { registerTrainingRunAsModelVersion(runId: $r, name: "ranker-tools") { modelVersion { id kind settings } } }`, { r: run.id }))
      .registerTrainingRunAsModelVersion.modelVersion;
    expect(reg.kind).toBe("RANKER");
    const reference = (await admin<any>(`mutation($s: JSON!) { createModelVersion(input: { name: "ranker-reference", settings: $s }) { id } }`, { s: { kind: "ranker", weights: referenceRankerWeights().weights } }))
      .createModelVersion;
    console.log(`[timing] log, dataset, worker training (${state.totalSteps} steps) and registration: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // Served by the API: new users' dialogues, three exposed of K, the trained version against the reference.
    const evalLog = (await runOfflineExperiment(ctx.tools, [sampledGroundedArm(ctx, 31, "eval")], { impressions: 150, seed: 31, k: K, keepLog: true })).logs!.eval!;
    const exposedTools = async (modelVersionId: string) => {
      let n = 0;
      for (const imp of evalLog) {
        const r = await admin<any>(`query($input: SuggestionInput!) { suggestions(input: $input) { suggestions { isToolInvoking } } }`, {
          input: { dialogue: imp.dialogue, k: K, n: 3, modelVersionId, playground: true },
        });
        n += r.suggestions.suggestions.filter((s: any) => s.isToolInvoking).length;
      }
      return n;
    };
    const weights: RankerWeights = { format: RANKER_WEIGHTS_FORMAT, features: reg.settings.features, weights: reg.settings.weights };
    const [trainedServed, referenceServed] = [await exposedTools(reg.id), await exposedTools(reference.id)];
    console.log(`[figures] tool-invoking suggestions exposed by the API for ${evalLog.length} dialogues (3 each): trained ${trainedServed}, reference ${referenceServed}`);
    expect(trainedServed).toBeGreaterThan(referenceServed);

    // And in a simulated A/B (the offline path, the same generator from the same settings): the difference's interval is above 0.
    const ab = await runOfflineExperiment(ctx.tools, [rankerArm(ctx, "reference", referenceRankerWeights()), rankerArm(ctx, "trained", weights)], { impressions: 2000, seed: 22, k: K, userModel: USER_MODEL });
    expect(ab.arms[1]!.metrics.toolShareExposed.difference!.lower).toBeGreaterThan(0);
  }, 420_000);
});
