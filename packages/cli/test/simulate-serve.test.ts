// toolrec simulate --serve against a real API (in this process, over HTTP, embedded database):
// the simulated users call suggestions and click through recordClick; with an experiment
// running, both arms get users (sticky) and the A/B report fills with the served traffic.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type RunningApi } from "@toolrec/api/server";
import { createKey, gqlCall, type GqlCall } from "@toolrec/api/test-support";
import { cli } from "./run-cli.js";

describe("toolrec simulate --serve", () => {
  let api: RunningApi;
  let admin: GqlCall;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-cli-serve-"));
    process.env.TOOLREC_SEED_DEMO = "0";
    api = await startApi({ port: 0, dataDir: dir, databaseUrl: null, log: () => undefined });
    admin = gqlCall(api.url, api.adminApiKey);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("drives suggestions and recordClick with the user model; an experiment's arms both fill", async () => {
    const service = await createKey(admin, "SERVICE");
    const control = (await admin<any>(`{ defaultModelVersion { id } }`)).defaultModelVersion.id;
    const variant = (await admin<any>(`mutation { createModelVersion(input: { name: "variant", settings: { kind: "grounded" } }) { id } }`)).createModelVersion.id;
    const exp = (await admin<any>(`mutation($i: StartExperimentInput!) { startExperiment(input: $i) { id } }`, {
      i: { name: "cli", arms: [{ modelVersionId: control, percent: 50 }, { modelVersionId: variant, percent: 50 }] },
    })).startExperiment.id;

    // A high median click rate so a short run has clicks to count.
    const res = await cli("simulate", "--serve", "--url", api.url, "--key", service.key, "--users", "30", "--impressions", "120", "--seed", "3", "--rate", "400", "--concurrency", "6", "--no-progress");
    expect(res.code).toBe(0);
    expect(res.err).toMatch(/served 120 impressions with \d+ clicks/);
    const clicks = Number(/with (\d+) clicks/.exec(res.err)![1]);

    const report = (await admin<any>(`query($id: ID) { abReport(experimentId: $id) { rows { modelVersion { id } impressions users ctr { successes trials } } } }`, { id: exp })).abReport;
    expect(report.rows).toHaveLength(2);
    expect(report.rows.map((r: any) => r.modelVersion.id)).toEqual([control, variant]);
    expect(report.rows.every((r: any) => r.impressions > 0)).toBe(true);
    expect(report.rows.reduce((s: number, r: any) => s + r.impressions, 0)).toBe(120);
    expect(report.rows.reduce((s: number, r: any) => s + r.ctr.successes, 0)).toBe(clicks);
    // Each simulated user stayed in one arm.
    expect(report.rows.reduce((s: number, r: any) => s + r.users, 0)).toBeLessThanOrEqual(30);
  }, 120_000);
});
