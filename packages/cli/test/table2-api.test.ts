// `toolrec experiment table2 --api` with real parts: the API in this process (real HTTP,
// PostgreSQL on 127.0.0.1:5432 when it answers, else the embedded one), a real worker process
// (`node apps/worker/src/main.ts --max-runs 5`) and the trainer under Debian's python3 with
// torch. A small log (2,000 impressions) and a short A/B (300 impressions per arm): the test is
// about the product path (ingest, five datasets, five runs, five versions, one stored
// experiment), not about the figures, which the README reports for the full sizes.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@toolrec/config";
import { availableBackends, scratchPostgresDatabase } from "@toolrec/db/test-support";
import { startApi, type RunningApi } from "@toolrec/api/server";
import { createKey, gqlCall, pythonHasTorch, TRAINER_PYTHON, type GqlCall } from "@toolrec/api/test-support";
import { TABLE2_ARMS } from "../src/commands/experiment-table2.js";
import { table2VersionName } from "../src/commands/experiment-table2-api.js";
import { cli } from "./run-cli.js";

const hasTorch = pythonHasTorch(TRAINER_PYTHON);
const TITLE = "toolrec experiment table2 --api: Table 2 through the API, a real worker and the trainer";

describe.skipIf(!hasTorch)(hasTorch ? TITLE : `${TITLE} (skipped: ${TRAINER_PYTHON} lacks torch; apt-get install python3-torch)`, () => {
  let api: RunningApi;
  let admin: GqlCall;
  let dir: string;
  let drop: (() => Promise<void>) | undefined;
  let worker: ChildProcess | undefined;
  const workerOutput: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-table2-api-"));
    process.env.TOOLREC_SEED_DEMO = "0";
    const scratch = (await availableBackends()).includes("postgres") ? await scratchPostgresDatabase() : null;
    drop = scratch?.drop;
    api = await startApi({ port: 0, dataDir: dir, databaseUrl: scratch?.url ?? null, seed: true, log: () => undefined });
    admin = gqlCall(api.url, api.adminApiKey);
  }, 240_000);
  afterAll(async () => {
    if (worker && worker.exitCode === null) worker.kill("SIGTERM");
    await api?.close();
    await drop?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("trains five runs on the worker, registers five ranker versions and stores one six-arm experiment against the grounded default", async () => {
    const key = (await createKey(admin, "WORKER", "table2 worker")).key;
    worker = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts", "--max-runs", "5", "--name", "table2", "--work-dir", path.join(dir, "worker"), "--poll-ms", "300", "--report-ms", "500"], {
      cwd: repoRoot,
      env: { ...process.env, TOOLREC_API_URL: api.url, TOOLREC_WORKER_PYTHON: TRAINER_PYTHON, TOOLREC_WORKER_KEY: key },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const s of [worker.stdout!, worker.stderr!]) s.on("data", (d: Buffer) => workerOutput.push(d.toString()));
    const exited = new Promise<number | null>((resolve) => worker!.once("exit", resolve));
    const grounded = (await admin<any>(`{ defaultModelVersion { id kind } }`)).defaultModelVersion;
    expect(grounded.kind).toBe("GROUNDED");

    const t0 = performance.now();
    const res = await cli("experiment", "table2", "--api", "--url", api.url, "--key", api.adminApiKey, "--log-impressions", "2000", "--eval-impressions", "300", "--seed", "5", "--tool-preference", "5", "--out-dir", path.join(dir, "out"));
    console.log(`[timing] table2 --api, 2,000 logged impressions, 5 runs, 6 x 300 A/B impressions: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    expect(res.code, `${res.err}\n${workerOutput.join("").slice(-3000)}`).toBe(0);
    expect(await exited).toBe(0);

    // The log is in the API with its retrieved tools, and the five datasets are on its window.
    const datasets = (await admin<any>(`{ preferenceDatasets(first: 20) { edges { node { id name sampleCount config { userSide systemSide } } } } }`)).preferenceDatasets.edges.map((e: any) => e.node);
    expect(datasets).toHaveLength(5);
    expect(datasets.every((d: any) => d.sampleCount === 2000)).toBe(true);
    expect(datasets.map((d: any) => `${d.config.userSide}/${d.config.systemSide}`).sort()).toEqual(TABLE2_ARMS.map((a) => `${a.config.userSide}/${a.config.systemSide}`).sort());

    // Five succeeded toolrec/ranker runs with metrics and weights.
    const runs = (await admin<any>(`{ trainingRuns(first: 20) { edges { node { id status baseModel totalSteps metricSeries { step } artifacts { path } } } } }`)).trainingRuns.edges.map((e: any) => e.node);
    expect(runs).toHaveLength(5);
    for (const r of runs) {
      expect(r).toMatchObject({ status: "SUCCEEDED", baseModel: "toolrec/ranker" });
      expect(r.metricSeries.length).toBe(r.totalSteps);
      expect(r.artifacts.map((a: any) => a.path)).toContain("ranker.json");
    }

    // Five ranker versions, one per arm.
    const versions = (await admin<any>(`{ modelVersions { id name kind } }`)).modelVersions;
    const rankers = versions.filter((v: any) => v.kind === "RANKER");
    expect(rankers.map((v: any) => v.name).sort()).toEqual(TABLE2_ARMS.map((a) => table2VersionName(a.arm, 5)).sort());

    // One stored, listed experiment: six arms, the grounded default as control, the table printed.
    const id = /offline experiment (oexp_\w+)/u.exec(res.out)?.[1];
    expect(id).toBeDefined();
    const listed = (await admin<any>(`{ offlineExperiments { id } }`)).offlineExperiments.map((e: any) => e.id);
    expect(listed).toEqual([id]);
    const e = (await admin<any>(`query($id: ID!) { offlineExperiment(id: $id) { status impressions arms { modelVersionId kind } control { modelVersionId kind } rows { isControl impressions } } }`, { id })).offlineExperiment;
    expect(e.status).toBe("SUCCEEDED");
    expect(e.arms).toHaveLength(6);
    expect(e.control).toEqual({ modelVersionId: grounded.id, kind: "GROUNDED" });
    expect(e.arms.slice(1).map((a: any) => a.modelVersionId).sort()).toEqual(rankers.map((v: any) => v.id).sort());
    expect(e.rows.map((r: any) => r.impressions)).toEqual([300, 300, 300, 300, 300, 300]);
    for (const a of TABLE2_ARMS) expect(res.out).toContain(a.label);
    expect(res.out).toMatch(/Base \(.*grounded default\) *\| 300 /u);
    const written = JSON.parse(fs.readFileSync(path.join(dir, "out", "table2.json"), "utf8"));
    expect(written.experimentId).toBe(id);
  }, 900_000);
});
