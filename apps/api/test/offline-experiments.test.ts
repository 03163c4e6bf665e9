// Offline experiments (issue 13) over real HTTP and a real database, once per available backend:
// two model versions (the grounded default and an OpenAI-compatible version served by a real
// local HTTP server, the stand-in for vLLM) compared on simulated users as a background job with
// progress; the stored table is the same for the same seed, obeys the relations its metrics
// must, answers to the user model, and bad input names its field.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOpenAiStandIn, type OpenAiStandIn } from "@toolrec/recommender/test-support";
import { createKey, gqlCall, type GqlCall } from "../test-support/index.js";
import { availableBackends, errorOf, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

const RATE = "value successes trials lower upper difference differenceLower differenceUpper relativeLift";
const EXPERIMENT = `id name seed impressions k status progress error durationMs createdBy
  userModel { users zipfExponent toolPreference clickRateMedian }
  arms { modelVersionId name kind isControl modelVersion { id } } control { modelVersionId }
  rows { arm { modelVersionId name } isControl impressions fallbacks
    ctr { ${RATE} } toolInvokingCtr { ${RATE} } clicksPerExposedSuggestion { ${RATE} } toolInvokingExposedShare { ${RATE} } }`;
const START = `mutation($input: StartOfflineExperimentInput!) { startOfflineExperiment(input: $input) { ${EXPERIMENT} } }`;
const GET = `query($id: ID!) { offlineExperiment(id: $id) { ${EXPERIMENT} } }`;
const CREATE_VERSION = `mutation($input: ModelVersionInput!) { createModelVersion(input: $input) { id name } }`;

interface Rate {
  value: number | null;
  successes: number;
  trials: number;
  lower: number | null;
  upper: number | null;
  difference: number | null;
  differenceLower: number | null;
  differenceUpper: number | null;
}
interface Row {
  arm: { modelVersionId: string; name: string };
  isControl: boolean;
  impressions: number;
  fallbacks: number;
  ctr: Rate;
  toolInvokingCtr: Rate;
  clicksPerExposedSuggestion: Rate;
  toolInvokingExposedShare: Rate;
}
interface Experiment {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  impressions: number;
  rows: Row[] | null;
  [key: string]: unknown;
}

const IMPRESSIONS = 2000;

describe.each(backends)("offline experiments on %s", (backend) => {
  let api: TestApi;
  let engineer: GqlCall;
  let engineerKey: string;
  let curatorKey: string;
  let standIn: OpenAiStandIn;
  let grounded: string;
  let openai: string;

  const start = (input: Record<string, unknown>, key = engineerKey) => api.gql<{ startOfflineExperiment: Experiment }>(START, { input }, key);
  async function finished(id: string): Promise<Experiment> {
    for (;;) {
      const e = (await engineer<{ offlineExperiment: Experiment }>(GET, { id })).offlineExperiment;
      if (e.status !== "RUNNING") return e;
      expect(e.progress).toBeGreaterThanOrEqual(0);
      expect(e.progress).toBeLessThan(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  async function run(input: Record<string, unknown>): Promise<Experiment> {
    const res = await start(input);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    const begun = res.data.startOfflineExperiment;
    // The mutation answers at once; the simulation runs in the background.
    expect(begun.status).toBe("RUNNING");
    expect(begun.rows).toBeNull();
    const done = await finished(begun.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe("SUCCEEDED");
    expect(done.progress).toBe(1);
    return done;
  }

  beforeAll(async () => {
    api = await startTestApi(backend);
    const admin = gqlCall(api.url, api.adminApiKey);
    engineerKey = (await createKey(admin, "ENGINEER")).key;
    curatorKey = (await createKey(admin, "CURATOR")).key;
    engineer = gqlCall(api.url, engineerKey);
    standIn = await startOpenAiStandIn();
    grounded = (await engineer<{ defaultModelVersion: { id: string } }>(`{ defaultModelVersion { id } }`)).defaultModelVersion.id;
    const created = await engineer<{ createModelVersion: { id: string } }>(CREATE_VERSION, {
      input: { name: "standin-llm", settings: { kind: "openai", baseUrl: standIn.url, model: "toolrec-standin", timeoutMs: 10_000 } },
    });
    openai = created.createModelVersion.id;
  }, 120_000);
  afterAll(async () => {
    await standIn?.close();
    await api?.close();
  });

  it("runs two arms as a background job; the same seed stores the same table, and the table's numbers hold together", async () => {
    const input = { name: "grounded vs stand-in", arms: [grounded, openai], impressions: IMPRESSIONS, seed: 7 };
    const posts = () => standIn.requests.filter((r) => r.method === "POST").length;
    const served = posts();
    const a = await run(input);
    // The OpenAI-compatible arm was served by its model server, once per impression.
    expect(posts() - served).toBe(IMPRESSIONS);
    const b = await run(input);
    expect(b.id).not.toBe(a.id);
    expect(b.rows).toEqual(a.rows);

    const rows = a.rows!;
    expect(rows.map((r) => r.arm.modelVersionId)).toEqual([grounded, openai]);
    expect(rows.map((r) => r.isControl)).toEqual([true, false]);
    const [control, variant] = rows as [Row, Row];
    for (const r of rows) {
      expect(r.impressions).toBe(IMPRESSIONS);
      expect(r.fallbacks).toBe(0);
      expect(r.ctr.trials).toBe(IMPRESSIONS);
      expect(r.toolInvokingCtr.trials).toBe(IMPRESSIONS);
      // A click on a tool-invoking suggestion is a click.
      expect(r.toolInvokingCtr.successes).toBeLessThanOrEqual(r.ctr.successes);
      expect(r.ctr.successes).toBeGreaterThan(0);
      // Users see 3 to 5 of the K = 5 suggestions.
      expect(r.clicksPerExposedSuggestion.trials).toBeGreaterThanOrEqual(3 * IMPRESSIONS);
      expect(r.clicksPerExposedSuggestion.trials).toBeLessThanOrEqual(5 * IMPRESSIONS);
      expect(r.toolInvokingExposedShare.trials).toBe(r.clicksPerExposedSuggestion.trials);
      for (const m of [r.ctr, r.toolInvokingCtr, r.clicksPerExposedSuggestion, r.toolInvokingExposedShare]) {
        expect(m.value).toBeCloseTo(m.successes / m.trials, 12);
        expect(m.lower!).toBeLessThanOrEqual(m.value!);
        expect(m.upper!).toBeGreaterThanOrEqual(m.value!);
      }
    }
    for (const m of ["ctr", "toolInvokingCtr", "clicksPerExposedSuggestion", "toolInvokingExposedShare"] as const) {
      expect(control[m].difference).toBeNull();
      expect(variant[m].difference).toBeCloseTo(variant[m].value! - control[m].value!, 12);
      expect(variant[m].differenceLower!).toBeLessThanOrEqual(variant[m].difference!);
      expect(variant[m].differenceUpper!).toBeGreaterThanOrEqual(variant[m].difference!);
    }
    // The two versions suggest differently (the stand-in lists the prompt's tools first).
    expect(variant.toolInvokingExposedShare.successes).not.toBe(control.toolInvokingExposedShare.successes);

    // Another seed is another sample of users and dialogues.
    const c = await run({ ...input, seed: 8 });
    expect(c.rows!.map((r) => r.ctr.successes)).not.toEqual(rows.map((r) => r.ctr.successes));

    // Listed newest first, with the table.
    const list = await engineer<{ offlineExperiments: { id: string; status: string; rows: unknown[] | null }[] }>(`{ offlineExperiments { id status rows { impressions } } }`);
    expect(list.offlineExperiments.slice(0, 3).map((e) => e.id)).toEqual([c.id, b.id, a.id]);
    expect(list.offlineExperiments.every((e) => e.status === "SUCCEEDED" && e.rows?.length === 2)).toBe(true);
  }, 240_000);

  it("the user model changes the outcome: users who prefer tools click tool-invoking suggestions more", async () => {
    const base = { name: "preference", arms: [grounded, openai], controlModelVersionId: openai, impressions: 1500, seed: 3 };
    const none = await run({ ...base, userModel: { toolPreference: 1 } });
    const strong = await run({ ...base, userModel: { toolPreference: 6, zipfExponent: 0 } });
    expect((none.userModel as { toolPreference: number }).toolPreference).toBe(1);
    // The control is the one asked for, listed first.
    expect(strong.rows![0]!.arm.modelVersionId).toBe(openai);
    for (const i of [0, 1]) {
      const n = none.rows![i]!;
      const s = strong.rows![i]!;
      // The same arms expose the same kinds of suggestions; only the users changed.
      expect(s.toolInvokingCtr.value!).toBeGreaterThan(n.toolInvokingCtr.value!);
    }
  }, 240_000);

  it("an experiment whose API process went away is reported FAILED, not RUNNING forever", async () => {
    const stale = new Date(Date.now() - 10 * 60_000);
    await api.database.prisma.offlineExperiment.create({
      data: {
        id: "oexp_orphan", name: "orphan", seed: 1, impressions: 100, k: 5, userModel: {}, arms: [{ modelVersionId: grounded, name: "grounded", kind: "grounded", settings: { kind: "grounded" } }],
        controlModelVersionId: grounded, status: "RUNNING", progress: 0.4, createdBy: "test", createdAt: stale, updatedAt: stale,
      },
    });
    const e = (await engineer<{ offlineExperiment: { status: string; error: string } }>(`{ offlineExperiment(id: "oexp_orphan") { status error } }`)).offlineExperiment;
    expect(e).toEqual({ status: "FAILED", error: expect.stringMatching(/interrupted/) });
    await api.database.prisma.offlineExperiment.delete({ where: { id: "oexp_orphan" } });
  });

  it("bad input is refused with its code and field, and nothing is stored", async () => {
    const before = (await engineer<{ offlineExperiments: unknown[] }>(`{ offlineExperiments(first: 100) { id } }`)).offlineExperiments.length;
    const ok = { name: "bad", arms: [grounded, openai], impressions: 500, seed: 1 };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, name: "  " }, "name"],
      [{ ...ok, arms: [grounded] }, "arms"],
      [{ ...ok, arms: [grounded, grounded] }, "arms[1]"],
      [{ ...ok, arms: [grounded, "mv_missing"] }, "arms[1]"],
      [{ ...ok, controlModelVersionId: "mv_missing" }, "controlModelVersionId"],
      [{ ...ok, impressions: 5 }, "impressions"],
      [{ ...ok, k: 0 }, "k"],
      [{ ...ok, seed: -1 }, "seed"],
      [{ ...ok, userModel: { toolPreference: 0 } }, "userModel.toolPreference"],
      [{ ...ok, userModel: { users: 0 } }, "userModel.users"],
    ];
    for (const [input, field] of cases) {
      const res = await start(input);
      expect(errorOf(res), field).toMatchObject({ code: "BAD_USER_INPUT", field });
    }

    // An OpenAI-compatible version whose server is not there cannot serve offline: said at once.
    const down = await startOpenAiStandIn();
    const url = down.url;
    await down.close();
    const gone = await engineer<{ createModelVersion: { id: string } }>(CREATE_VERSION, { input: { name: "no-server", settings: { kind: "openai", baseUrl: url, model: "nothing" } } });
    const res = await start({ ...ok, arms: [grounded, gone.createModelVersion.id] });
    expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "arms[1]" });
    expect(errorOf(res).message).toMatch(/no-server.*not reachable/);

    // Curators do not run experiments.
    expect(errorOf(await start(ok, curatorKey)).code).toBe("FORBIDDEN");
    const after = (await engineer<{ offlineExperiments: unknown[] }>(`{ offlineExperiments(first: 100) { id } }`)).offlineExperiments.length;
    expect(after).toBe(before);
  }, 120_000);
});
