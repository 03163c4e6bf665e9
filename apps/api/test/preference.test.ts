// Click logs, case studies and calibrated preference datasets (issue #4) over real HTTP and a
// real database, once per available backend. Weights are checked against an independent,
// straightforward implementation of docs/definitions.md (@toolrec/core/test-support).
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parquetReadObjects } from "hyparquet";
import { simulateImpressions, type SimulatedImpression } from "@toolrec/core";
import { calibrationOracle, frequencyPercentileOracle } from "@toolrec/core/test-support";
import { ingestImpressions, seedDemoImpressions } from "@toolrec/db";
import { gqlCall, waitForDataset } from "../test-support/index.js";
import { availableBackends, errorOf, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

// Weights are checked against the independent implementation of definitions.md in @toolrec/core/test-support.
interface LoggedImpression { id: string; userId: string; suggestions: { tool: string | null; exposed: boolean; clicked: boolean }[] }
interface Cfg { alpha: number; gamma: number; k: number; mu: number; muMode: "FIXED" | "UPPER_QUARTILE"; s: number | null; userSide: boolean; systemSide: "OFF" | "STATIC" | "DYNAMIC" }
const DEFAULTS: Cfg = { alpha: 0.25, gamma: 1.25, k: 3, mu: 0.07, muMode: "FIXED", s: null, userSide: true, systemSide: "DYNAMIC" };

const expectedSamples = (imps: LoggedImpression[], enabledCounts: Map<string, number>, cfg: Cfg) =>
  calibrationOracle(imps.map((i) => ({ ...i, suggestions: i.suggestions.map((s) => ({ ...s, toolId: s.tool })) })), frequencyPercentileOracle(enabledCounts), cfg);

// ---------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------

const INGEST = `mutation($xs: [ImpressionInput!]!) { ingestImpressions(impressions: $xs) { accepted duplicates rejected errors { index id message } } }`;
const IMPRESSION_FIELDS = `id userId timestamp userQuery assistantResponse history { role content } desirable toolInvoking source
  suggestions { position text loggedToolId resolvedToolId resolution isToolInvoking exposed clicked tool { id } }`;
const HIST = `min max edges counts below above nan`;
const AGGREGATES = `sampleCount desirableCount undesirableCount maskedCount toolInvokingCount userCount mu s weightSum effectiveSampleSize
  histograms { wU { desirable { ${HIST} } undesirable { ${HIST} } } wS { desirable { ${HIST} } undesirable { ${HIST} } } weight { desirable { ${HIST} } undesirable { ${HIST} } } }`;
const SAMPLE_FIELDS = `index impressionId userId desirable label uctr toolInvoking toolId frequencyPercentile wU wS weight masked prompt completion`;

describe.each(backends)("click logs and preference datasets on %s", (backend) => {
  let api: TestApi;
  let log: SimulatedImpression[];
  const enabledCounts = new Map<string, number>();
  const DISABLED = "sound.clean_speaker";
  let utteranceTool: { id: string; utterance: string };

  /**
   * createPreferenceDataset answers at once with the dataset BUILDING (progress 0); the build
   * runs in the background. Returns `fields` once it is READY.
   */
  async function createDataset(input: Record<string, unknown>, fields: string) {
    const res = await api.gql(`mutation($in: PreferenceDatasetInput!) { createPreferenceDataset(input: $in) { id status progress sampleCount } }`, { in: input });
    expect(res.errors).toBeUndefined();
    expect(res.data.createPreferenceDataset).toMatchObject({ status: "BUILDING", progress: 0, sampleCount: 0 });
    return waitForDataset(gqlCall(api.url, api.adminApiKey), res.data.createPreferenceDataset.id, fields);
  }

  async function keyWithRole(role: string) {
    const res = await api.gql(`mutation($n: String!, $r: ApiRole!) { createApiKey(name: $n, role: $r) { key } }`, { n: `${role} key`, r: role });
    return res.data.createApiKey.key as string;
  }

  /** Every impression in a window, via the browse query's pages. */
  async function allImpressions(filter: Record<string, unknown> = {}) {
    const out: any[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await api.gql(`query($f: ImpressionFilter, $a: String) { impressions(first: 100, after: $a, filter: $f) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${IMPRESSION_FIELDS} } } } }`, { f: filter, a: after });
      expect(res.errors).toBeUndefined();
      out.push(...res.data.impressions.edges.map((e: any) => e.node));
      if (!res.data.impressions.pageInfo.hasNextPage) return out;
      after = res.data.impressions.pageInfo.endCursor;
    }
  }

  async function allSamples(datasetId: string) {
    const out: any[] = [];
    let after: string | null = null;
    for (;;) {
      const res: any = await api.gql(`query($id: ID!, $a: String) { preferenceDataset(id: $id) { samples(first: 500, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${SAMPLE_FIELDS} } } } } }`, { id: datasetId, a: after });
      expect(res.errors).toBeUndefined();
      out.push(...res.data.preferenceDataset.samples.edges.map((e: any) => e.node));
      if (!res.data.preferenceDataset.samples.pageInfo.hasNextPage) return out;
      after = res.data.preferenceDataset.samples.pageInfo.endCursor;
    }
  }

  beforeAll(async () => {
    api = await startTestApi(backend);
    const tool = await api.database.prisma.tool.findUniqueOrThrow({ where: { id: DISABLED } });
    const upd = await api.gql(`mutation($id: ID!, $v: Int!) { updateTool(id: $id, version: $v, input: { enabled: false }) { enabled } }`, { id: DISABLED, v: tool.version });
    expect(upd.errors).toBeUndefined();
    const tools = await api.database.prisma.tool.findMany({ orderBy: { id: "asc" } });
    for (const t of tools) if (t.enabled) enabledCounts.set(t.id, t.invocationCount);
    const u = tools.find((t) => t.enabled && t.id.startsWith("battery."))!;
    utteranceTool = { id: u.id, utterance: u.utterances[0]! };
    log = simulateImpressions(tools.filter((t) => t.enabled), { users: 60, impressions: 900, seed: 11, end: new Date("2026-05-01T00:00:00Z"), days: 28 });
    const hand = (id: string, userId: string, suggestions: SimulatedImpression["suggestions"]): SimulatedImpression => ({
      id, userId, timestamp: "2026-04-20T12:00:00.000Z", dialogue: { userQuery: "my phone fell in water", assistantResponse: "Dry it first.", history: [] }, suggestions,
    });
    log.push(
      hand("hand-logged", "hand-1", [{ text: "Check it", toolId: utteranceTool.id, exposed: true, clicked: true }, { text: "Why?", exposed: true, clicked: false }]),
      hand("hand-matcher", "hand-1", [{ text: `  ${utteranceTool.utterance.toUpperCase()}!! `, exposed: true, clicked: true }]),
      hand("hand-disabled", "hand-2", [{ text: "What else can I try?", toolId: DISABLED, exposed: true, clicked: true }, { text: "Clean the speaker", exposed: true, clicked: false }]),
      hand("hand-none", "hand-2", [{ text: "Tell me a joke", exposed: true, clicked: false }, { text: "Why?", exposed: false, clicked: false }]),
    );
    const res = await api.gql(INGEST, { xs: log });
    expect(res.errors).toBeUndefined();
    expect(res.data.ingestImpressions).toEqual({ accepted: log.length, duplicates: 0, rejected: 0, errors: [] });
  });
  afterAll(async () => {
    await api?.close();
  });

  it("resolves each suggestion's tool at ingest: the logged enabled tool, else the matcher, else none", async () => {
    const get = async (id: string) => (await api.gql(`query($id: ID!) { impression(id: $id) { ${IMPRESSION_FIELDS} } }`, { id })).data.impression;
    const logged = await get("hand-logged");
    expect(logged.suggestions[0]).toMatchObject({ loggedToolId: utteranceTool.id, resolvedToolId: utteranceTool.id, resolution: "LOGGED", isToolInvoking: true, tool: { id: utteranceTool.id } });
    expect(logged.suggestions[1]).toMatchObject({ resolvedToolId: null, resolution: "NONE", isToolInvoking: false, tool: null });
    const matched = await get("hand-matcher");
    expect(matched.suggestions[0]).toMatchObject({ loggedToolId: null, resolvedToolId: utteranceTool.id, resolution: "MATCHER" });
    expect(matched.toolInvoking).toBe(true);
    // a logged tool that is disabled does not count, and the matcher ignores disabled tools' texts
    const disabled = await get("hand-disabled");
    expect(disabled.suggestions[0]).toMatchObject({ loggedToolId: DISABLED, resolvedToolId: null, resolution: "NONE" });
    expect(disabled.suggestions[1]).toMatchObject({ resolvedToolId: null, resolution: "NONE" });
    expect(disabled.desirable).toBe(true);
    expect(disabled.toolInvoking).toBe(false);
    const none = await get("hand-none");
    expect(none).toMatchObject({ desirable: false, toolInvoking: false });
  });

  it("re-ingesting the same log changes nothing: duplicates reported, counts and rows identical", async () => {
    const before = await allImpressions();
    const statsBefore = (await api.gql(`{ impressionStats { impressions users desirable toolInvoking } }`)).data.impressionStats;
    const res = await api.gql(INGEST, { xs: log });
    expect(res.data.ingestImpressions).toEqual({ accepted: 0, duplicates: log.length, rejected: 0, errors: [] });
    expect(await allImpressions()).toEqual(before);
    expect((await api.gql(`{ impressionStats { impressions users desirable toolInvoking } }`)).data.impressionStats).toEqual(statsBefore);
    expect(before).toHaveLength(log.length);
  });

  it("keeps the good rows of a batch with bad ones and reports each bad one with its index and reason", async () => {
    const ok = (id: string) => ({ id, userId: "bad-batch", timestamp: "2026-04-21T10:00:00Z", dialogue: { userQuery: "hello" }, suggestions: [{ text: "Hi", clicked: false }] });
    const rows = [
      ok("batch-good-1"),
      { ...ok("batch-bad-1"), suggestions: [{ text: "x", exposed: false, clicked: true }] },
      { ...ok("batch-bad-2"), suggestions: [{ text: "x", toolId: "no.such_tool", clicked: false }] },
      { ...ok("batch-bad-3"), userId: "" },
      { ...ok("batch-bad-4"), dialogue: { userQuery: "   " } },
      { ...ok("batch-bad-5"), dialogue: { userQuery: "x".repeat(2001) } },
      ok("batch-good-2"),
      ok("batch-good-1"),
      { ...ok("batch-bad-6"), suggestions: Array.from({ length: 21 }, () => ({ text: "x", clicked: false })) },
      { ...ok("batch-bad-7"), dialogue: { userQuery: "q", history: Array.from({ length: 51 }, () => ({ role: "USER", content: "x" })) } },
    ];
    const res = await api.gql(INGEST, { xs: rows });
    expect(res.errors).toBeUndefined();
    const report = res.data.ingestImpressions;
    expect(report).toMatchObject({ accepted: 2, duplicates: 1, rejected: 7 });
    expect(report.errors.map((e: any) => [e.index, e.id])).toEqual([[1, "batch-bad-1"], [2, "batch-bad-2"], [3, "batch-bad-3"], [4, "batch-bad-4"], [5, "batch-bad-5"], [8, "batch-bad-6"], [9, "batch-bad-7"]]);
    const messages = report.errors.map((e: any) => e.message);
    expect(messages[0]).toMatch(/clicked but not exposed/);
    expect(messages[1]).toMatch(/unknown tool "no\.such_tool"/);
    expect(messages[2]).toMatch(/userId: must not be empty/);
    expect(messages[3]).toMatch(/userQuery: must not be empty/);
    expect(messages[4]).toMatch(/longer than 2000/);
    expect(messages[5]).toMatch(/at most 20/);
    expect(messages[6]).toMatch(/at most 50/);
    const stored = await api.gql(`{ a: impression(id: "batch-good-1") { id } b: impression(id: "batch-good-2") { id } c: impression(id: "batch-bad-1") { id } }`);
    expect(stored.data).toEqual({ a: { id: "batch-good-1" }, b: { id: "batch-good-2" }, c: null });
    // a malformed timestamp fails GraphQL's own input coercion for the whole request (the CLI reports it per row)
    const malformed = await api.gql(INGEST, { xs: [{ ...ok("batch-bad-ts"), timestamp: "2026-02-30 nope" }] });
    expect(errorOf(malformed).code).toBe("BAD_USER_INPUT");
    await api.database.prisma.impression.deleteMany({ where: { userId: "bad-batch" } });
  });

  it("stores the retrieved tools an ingested impression carries (what a ranker run's export reads) and rejects bad ones per row", async () => {
    const row = (id: string, retrievedTools: unknown) => ({ id, userId: "retrieved", timestamp: "2026-04-21T10:00:00Z", dialogue: { userQuery: "hello" }, suggestions: [{ text: "Hi", clicked: false }], retrievedTools });
    const res = await api.gql(INGEST, { xs: [row("rt-good", [{ toolId: utteranceTool.id, rank: 1, score: 3.5 }, { toolId: DISABLED, rank: 2 }]), row("rt-bad", [{ toolId: "no.such_tool", rank: 1 }])] });
    expect(res.errors).toBeUndefined();
    expect(res.data.ingestImpressions).toMatchObject({ accepted: 1, rejected: 1, errors: [{ index: 1, id: "rt-bad" }] });
    expect(res.data.ingestImpressions.errors[0].message).toMatch(/retrievedTools\[0\]\.toolId: unknown tool "no\.such_tool"/);
    const stored = await api.gql(`{ impression(id: "rt-good") { retrievedTools { toolId rank score } } }`);
    expect(stored.data.impression.retrievedTools).toEqual([{ toolId: utteranceTool.id, rank: 1, score: 3.5 }, { toolId: DISABLED, rank: 2, score: 0 }]);
    await api.database.prisma.impression.deleteMany({ where: { userId: "retrieved" } });
  });

  it("browses impressions newest first with filters and gap-free cursors", async () => {
    const all = await allImpressions();
    const times = all.map((i) => i.timestamp);
    expect([...times].sort().reverse()).toEqual(times);
    const user = log[0]!.userId;
    const mine = await allImpressions({ userId: user });
    expect(mine.map((i) => i.id).sort()).toEqual(log.filter((l) => l.userId === user).map((l) => l.id).sort());
    const desirable = await allImpressions({ desirable: true, toolInvoking: true });
    expect(desirable.every((i) => i.desirable && i.toolInvoking)).toBe(true);
    expect(desirable.length).toBe(all.filter((i) => i.desirable && i.toolInvoking).length);
    const general = await allImpressions({ toolInvoking: false });
    expect(general.every((i) => !i.toolInvoking)).toBe(true);
    const byTool = await allImpressions({ toolId: utteranceTool.id });
    expect(byTool.every((i) => i.suggestions.some((s: any) => s.resolvedToolId === utteranceTool.id))).toBe(true);
    const search = await allImpressions({ search: "fell in water" });
    expect(search.map((i) => i.id).sort()).toEqual(["hand-disabled", "hand-logged", "hand-matcher", "hand-none"]);
  });

  it("stars impressions as case studies (ENGINEER/ADMIN), edits and unstars them", async () => {
    const star = await api.gql(`mutation { starImpression(impressionId: "hand-logged", title: "Tool click", note: "like Figure 8") { id title note createdBy impression { id suggestions { text } } } }`);
    expect(star.errors).toBeUndefined();
    const cs = star.data.starImpression;
    expect(cs.impression.id).toBe("hand-logged");
    const again = await api.gql(`mutation { starImpression(impressionId: "hand-logged", title: "x") { id } }`);
    expect(errorOf(again)).toMatchObject({ code: "BAD_USER_INPUT", field: "impressionId" });
    const missing = await api.gql(`mutation { starImpression(impressionId: "nope", title: "x") { id } }`);
    expect(errorOf(missing).code).toBe("NOT_FOUND");
    const blank = await api.gql(`mutation { starImpression(impressionId: "hand-none", title: "  ") { id } }`);
    expect(errorOf(blank)).toMatchObject({ code: "BAD_USER_INPUT", field: "title" });
    const upd = await api.gql(`mutation($id: ID!) { updateCaseStudy(id: $id, note: "edited") { title note } }`, { id: cs.id });
    expect(upd.data.updateCaseStudy).toEqual({ title: "Tool click", note: "edited" });
    const list = await api.gql(`{ caseStudies { id impression { id caseStudy { id } } } }`);
    expect(list.data.caseStudies).toEqual([{ id: cs.id, impression: { id: "hand-logged", caseStudy: { id: cs.id } } }]);
    const starred = await allImpressions({ starred: true });
    expect(starred.map((i) => i.id)).toEqual(["hand-logged"]);
    const service = await keyWithRole("SERVICE");
    expect(errorOf(await api.gql(`{ caseStudies { id } }`, {}, service)).code).toBe("FORBIDDEN");
    expect(errorOf(await api.gql(`mutation { unstarImpression(impressionId: "hand-logged") }`, {}, service)).code).toBe("FORBIDDEN");
    expect((await api.gql(`mutation { unstarImpression(impressionId: "hand-logged") }`)).data.unstarImpression).toBe(true);
    expect((await api.gql(`mutation { unstarImpression(impressionId: "hand-logged") }`)).data.unstarImpression).toBe(false);
    const audit = await api.gql(`{ auditLog(first: 10) { edges { node { action target } } } }`);
    expect(audit.data.auditLog.edges.map((e: any) => e.node.action)).toContain("starImpression");
  });

  const sorted = () => [...log].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : a.id < b.id ? -1 : 1));
  const CONFIGS: [string, Partial<Cfg>, "all" | "window"][] = [
    ["ToolRec defaults (user side + DYNAMIC)", {}, "window"],
    ["Table 2 variant 1 (vanilla)", { userSide: false, systemSide: "OFF" }, "all"],
    ["Table 2 variant 2 (user side only)", { userSide: true, systemSide: "OFF" }, "all"],
    ["Table 2 variant 3 (STATIC only)", { userSide: false, systemSide: "STATIC" }, "window"],
    ["Table 2 variant 4 (user side + STATIC)", { userSide: true, systemSide: "STATIC" }, "all"],
    ["upper-quartile mu, other alpha/gamma/k", { muMode: "UPPER_QUARTILE", alpha: 0.5, gamma: 2, k: 1.5 }, "all"],
    ["explicit s and mu", { s: 0.05, mu: 0.1 }, "window"],
    ["s = 0 (wU = 1)", { s: 0 }, "all"],
  ];

  it.each(CONFIGS)("stores samples whose weights match definitions.md to 1e-6: %s", async (_label, partial, span) => {
    const ordered = sorted();
    // [from, to): the 100th impression is in, the 700th is out.
    const window = span === "window" ? { from: ordered[100]!.timestamp, to: ordered[700]!.timestamp } : {};
    const cfg = { ...DEFAULTS, ...partial };
    const d = await createDataset({ name: `weights ${_label}`, ...window, config: partial }, `id name from to config { alpha gamma k mu muMode s userSide systemSide } ${AGGREGATES}`);
    expect(d.config).toEqual({ ...cfg, s: partial.s ?? null });

    const inWindow = await allImpressions(window);
    if (span === "window") {
      expect(inWindow.map((i) => i.id).sort()).toEqual(ordered.slice(100, 700).filter((x) => x.timestamp < ordered[700]!.timestamp).map((x) => x.id).sort());
    }
    const exp = expectedSamples(
      inWindow.map((i) => ({ id: i.id, userId: i.userId, suggestions: i.suggestions.map((s: any) => ({ tool: s.resolvedToolId, exposed: s.exposed, clicked: s.clicked })) })),
      enabledCounts,
      cfg,
    );
    expect(d.sampleCount).toBe(inWindow.length);
    expect(d.desirableCount).toBe(exp.counts.desirable);
    expect(d.undesirableCount).toBe(inWindow.length - exp.counts.desirable);
    expect(d.maskedCount).toBe(exp.counts.masked);
    expect(d.toolInvokingCount).toBe(exp.counts.toolInvoking);
    expect(d.userCount).toBe(exp.users);
    expect(d.mu).toBeCloseTo(exp.mu, 6);
    expect(d.s).toBeCloseTo(exp.s, 6);
    expect(d.weightSum).toBeCloseTo(exp.weightSum, 6);
    expect(d.effectiveSampleSize).toBeCloseTo(exp.ess, 6);

    const samples = await allSamples(d.id);
    expect(samples.map((s) => s.index)).toEqual(samples.map((_, i) => i));
    const byId = new Map(exp.samples.map((x) => [x.id, x]));
    for (const s of samples) {
      const e = byId.get(s.impressionId)!;
      expect(e).toBeDefined();
      expect(s.desirable).toBe(e.desirable);
      expect(s.label).toBe(e.desirable);
      expect(s.toolInvoking).toBe(e.toolInvoking);
      expect(Math.abs(s.uctr - e.uctr)).toBeLessThan(1e-6);
      expect(Math.abs(s.wU - e.wU)).toBeLessThan(1e-6);
      expect(Math.abs(s.wS - e.wS)).toBeLessThan(1e-6);
      expect(Math.abs(s.weight - e.weight)).toBeLessThan(1e-6);
      expect(s.masked).toBe(e.weight === 0);
      if (e.toolInvoking) expect(Math.abs(s.frequencyPercentile - e.p!)).toBeLessThan(1e-6);
      else expect(s.frequencyPercentile).toBeNull();
    }

    // The live preview computes exactly what was stored, histograms included.
    const preview = await api.gql(`query($w: TimeWindowInput, $c: CalibrationConfigInput) { calibrationPreview(window: $w, config: $c) { from to ${AGGREGATES} } }`, { w: window, c: partial });
    expect(preview.errors).toBeUndefined();
    const { id: _id, name: _n, config: _c, ...stored } = d;
    expect(preview.data.calibrationPreview).toEqual(stored);
  });

  it("explains a sample's weight term by term (Eq. 6, 7, 9) and pages and filters samples", async () => {
    const d = await createDataset({ name: "drill-down" }, "id mu s");
    const page = await api.gql(`query($id: ID!) { preferenceDataset(id: $id) {
        samples(first: 5, filter: { label: true, toolInvoking: true }) { totalCount edges { node { desirable toolInvoking uctr frequencyPercentile wU wS weight
          breakdown { desirable userSide uctr mu s z t alpha wU systemSide toolInvoking toolId p gamma k pToTheK dynamicBoost staticBoost wS combination weight masked steps }
          impression { id } } } }
        masked: samples(first: 1, filter: { masked: true }) { totalCount edges { node { weight breakdown { combination wS } } } }
        all: samples(first: 0) { totalCount } desirableCount maskedCount } }`, { id: d.id });
    expect(page.errors).toBeUndefined();
    const ds = page.data.preferenceDataset;
    expect(ds.masked.totalCount).toBe(ds.maskedCount);
    expect(ds.masked.edges[0].node).toEqual({ weight: 0, breakdown: { combination: "MIN", wS: 0 } });
    expect(ds.samples.totalCount).toBeGreaterThan(0);
    expect(ds.samples.totalCount).toBeLessThanOrEqual(ds.desirableCount);
    for (const { node } of ds.samples.edges) {
      const b = node.breakdown;
      expect(node.desirable && node.toolInvoking).toBe(true);
      expect(b.mu).toBe(d.mu);
      expect(b.s).toBe(d.s);
      expect(b.t).toBeCloseTo(Math.tanh((node.uctr - d.mu) / d.s), 12);
      expect(b.wU).toBeCloseTo(1 - 0.25 * b.t, 12);
      expect(b.pToTheK).toBeCloseTo(Math.pow(node.frequencyPercentile, 3), 12);
      expect(b.dynamicBoost).toBeCloseTo(Math.pow(2.25, b.pToTheK), 12);
      expect(b.wS).toBe(node.wS);
      expect(b.combination).toBe("MAX");
      expect(b.weight).toBe(node.weight);
      expect(b.steps.join("\n")).toMatch(/Eq\. 6.*\n.*Eq\. 6.*\n.*Eq\. 7.*\n.*Eq\. 9/);
      expect(node.impression.id).toBeTruthy();
    }
  });

  it("reports per-user statistics and the tool percentiles snapshot", async () => {
    const d = await createDataset({ name: "users", config: { systemSide: "OFF" } }, "id sampleCount userCount");
    const users = await api.gql(`query($id: ID!) { preferenceDataset(id: $id) {
      users(first: 500, orderBy: UCTR_DESC) { totalCount edges { node { userId impressions desirable uctr meanWeight masked } } }
      toolPercentiles { toolId p tool { id } } } }`, { id: d.id });
    expect(users.errors).toBeUndefined();
    const nodes = users.data.preferenceDataset.users.edges.map((e: any) => e.node);
    expect(users.data.preferenceDataset.users.totalCount).toBe(d.userCount);
    expect(nodes.reduce((a: number, u: any) => a + u.impressions, 0)).toBe(d.sampleCount);
    for (const u of nodes) expect(u.uctr).toBeCloseTo(u.desirable / u.impressions, 12);
    expect(nodes.map((u: any) => u.uctr)).toEqual([...nodes.map((u: any) => u.uctr)].sort((a, b) => b - a));
    const head = log.reduce((m, l) => m.set(l.userId, (m.get(l.userId) ?? 0) + 1), new Map<string, number>());
    const top = await api.gql(`query($id: ID!) { preferenceDataset(id: $id) { users(first: 1) { edges { node { userId impressions } } } } }`, { id: d.id });
    expect(top.data.preferenceDataset.users.edges[0].node.impressions).toBe(Math.max(...head.values()));
    const pct = users.data.preferenceDataset.toolPercentiles;
    expect(pct).toHaveLength(enabledCounts.size);
    expect(pct.some((t: any) => t.toolId === DISABLED)).toBe(false);
    expect(pct[0].p).toBe(1);
  });

  it("exports JSONL and Parquet over HTTP (TRL's columns plus weight) with matching sha256", async () => {
    const d = await createDataset({ name: "export" }, "id checksum sampleCount exportPaths { jsonl parquet metadata }");
    const auth = { authorization: `Bearer ${api.adminApiKey}` };
    const jsonl = await fetch(`${api.origin}${d.exportPaths.jsonl}`, { headers: auth });
    expect(jsonl.status).toBe(200);
    const body = Buffer.from(await jsonl.arrayBuffer());
    const sha = crypto.createHash("sha256").update(body).digest("hex");
    expect(sha).toBe(d.checksum);
    expect(jsonl.headers.get("x-checksum-sha256")).toBe(sha);
    const lines = body.toString("utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(d.sampleCount);
    const samples = await allSamples(d.id);
    lines.forEach((row, i) => {
      expect(Object.keys(row)).toEqual(["prompt", "completion", "label", "weight"]);
      expect(typeof row.label).toBe("boolean");
      expect(row).toEqual({ prompt: samples[i].prompt, completion: samples[i].completion, label: samples[i].desirable, weight: samples[i].weight });
    });
    expect(lines[0].prompt).toMatch(/### Conversation\n[\s\S]*User: [\s\S]*### Suggested queries\n$/);
    expect(lines[0].completion.split("\n")).toHaveLength(5);

    const parquet = await fetch(`${api.origin}${d.exportPaths.parquet}`, { headers: auth });
    expect(parquet.status).toBe(200);
    const bytes = await parquet.arrayBuffer();
    expect(parquet.headers.get("x-checksum-sha256")).toBe(crypto.createHash("sha256").update(Buffer.from(bytes)).digest("hex"));
    const rows = await parquetReadObjects({ file: bytes });
    expect(rows).toHaveLength(d.sampleCount);
    expect(Object.keys(rows[0]!)).toEqual(["prompt", "completion", "label", "weight"]);
    expect(rows.map((r) => ({ ...r }))).toEqual(lines);

    const meta: any = await (await fetch(`${api.origin}${d.exportPaths.metadata}`, { headers: auth })).json();
    expect(meta).toMatchObject({ datasetId: d.id, format: "jsonl", checksum: d.checksum, checksumAlgorithm: "sha256", rows: d.sampleCount, columns: ["prompt", "completion", "label", "weight"] });
    expect(meta.config).toEqual({ alpha: 0.25, gamma: 1.25, k: 3, mu: 0.07, muMode: "FIXED", s: null, userSide: true, systemSide: "DYNAMIC" });

    expect((await fetch(`${api.origin}${d.exportPaths.jsonl}`)).status).toBe(401);
    const service = await keyWithRole("SERVICE");
    expect((await fetch(`${api.origin}${d.exportPaths.jsonl}`, { headers: { authorization: `Bearer ${service}` } })).status).toBe(403);
    expect((await fetch(`${api.origin}/datasets/no-such-dataset/export.jsonl`, { headers: auth })).status).toBe(404);
  });

  it("lists datasets newest first, rejects bad input with the field, and keeps datasets to ENGINEER/ADMIN", async () => {
    const list = await api.gql(`{ preferenceDatasets(first: 100) { totalCount edges { node { id name createdAt } } } }`);
    const nodes = list.data.preferenceDatasets.edges.map((e: any) => e.node);
    expect(nodes.length).toBe(list.data.preferenceDatasets.totalCount);
    expect(nodes.map((n: any) => n.createdAt)).toEqual([...nodes.map((n: any) => n.createdAt)].sort().reverse());
    const bad = await api.gql(`mutation { createPreferenceDataset(input: { name: "x", config: { alpha: 2 } }) { id } }`);
    expect(errorOf(bad)).toMatchObject({ code: "BAD_USER_INPUT", field: "config.alpha" });
    const empty = await api.gql(`mutation { createPreferenceDataset(input: { name: "x", from: "2030-01-01T00:00:00Z" }) { id } }`);
    expect(errorOf(empty)).toMatchObject({ code: "BAD_USER_INPUT", field: "from" });
    const backwards = await api.gql(`mutation { createPreferenceDataset(input: { name: "x", from: "2026-04-02T00:00:00Z", to: "2026-04-01T00:00:00Z" }) { id } }`);
    expect(errorOf(backwards)).toMatchObject({ code: "BAD_USER_INPUT", field: "to" });
    expect(errorOf(await api.gql(`mutation { createPreferenceDataset(input: { name: " " }) { id } }`))).toMatchObject({ field: "name" });
    const engineer = await keyWithRole("ENGINEER");
    expect((await api.gql(`{ calibrationPreview { sampleCount } }`, {}, engineer)).errors).toBeUndefined();
    const curator = await keyWithRole("CURATOR");
    expect(errorOf(await api.gql(`{ calibrationPreview { sampleCount } }`, {}, curator)).code).toBe("FORBIDDEN");
    expect(errorOf(await api.gql(INGEST, { xs: [] }, curator)).code).toBe("FORBIDDEN");
    expect(errorOf(await api.gql(`{ impressions { totalCount } }`, {}, null)).code).toBe("UNAUTHENTICATED");
    const del = await api.gql(`mutation($id: ID!) { deletePreferenceDataset(id: $id) }`, { id: nodes.at(-1).id });
    expect(del.data.deletePreferenceDataset).toBe(true);
  });

  it("previews a window from the in-process cache, and sees new ingests at once", async () => {
    const q = `query($c: CalibrationConfigInput) { calibrationPreview(config: $c) { sampleCount cached computeMs samples(first: 3, filter: { label: false }) { totalCount edges { cursor node { index desirable prompt completion breakdown { combination } } } } users(first: 2) { totalCount edges { node { userId impressions } } } } }`;
    await api.gql(q, {});
    const warm = await api.gql(q, { c: { alpha: 0.1 } });
    expect(warm.errors).toBeUndefined();
    const p = warm.data.calibrationPreview;
    expect(p.cached).toBe(true);
    expect(p.samples.edges).toHaveLength(3);
    expect(p.samples.edges.every((e: any) => !e.node.desirable && e.node.prompt.includes("### Conversation"))).toBe(true);
    expect(p.users.totalCount).toBeGreaterThan(0);
    const next = await api.gql(`query($a: String) { calibrationPreview { samples(first: 3, after: $a, filter: { label: false }) { edges { node { index } } } } }`, { a: p.samples.edges[2].cursor });
    expect(next.data.calibrationPreview.samples.edges[0].node.index).toBeGreaterThan(p.samples.edges[2].node.index);
    await api.gql(INGEST, { xs: [{ id: "late-1", userId: "late", timestamp: "2026-04-25T00:00:00Z", dialogue: { userQuery: "hi" }, suggestions: [{ text: "Hello", clicked: true }] }] });
    const after = await api.gql(q, {});
    expect(after.data.calibrationPreview).toMatchObject({ cached: false, sampleCount: p.sampleCount + 1 });
  });
});

// Speed (seed time, preview latency, reads during a build) is measured in apps/api/bench/preference.ts.
describe("the demo seed, cached previews and background dataset builds (embedded PostgreSQL)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi("embedded");
  });
  afterAll(async () => {
    await api?.close();
  });

  it("seeds the demo log and a default dataset on an empty database", async () => {
    const prev = process.env.TOOLREC_SEED_DEMO;
    delete process.env.TOOLREC_SEED_DEMO;
    try {
      const seeded = await seedDemoImpressions(api.database.prisma);
      expect(seeded?.impressions).toBe(6000);
      expect(await seedDemoImpressions(api.database.prisma)).toBeNull(); // not on a non-empty table
    } finally {
      if (prev !== undefined) process.env.TOOLREC_SEED_DEMO = prev;
    }
    const res = await api.gql(`{ preferenceDatasets { totalCount edges { node { sampleCount status progress } } } caseStudies { impression { desirable toolInvoking } }
      impressionStats { impressions users toolInvokingSuggestions { ctr } generalSuggestions { ctr } } }`);
    expect(res.data.caseStudies).toEqual([{ impression: { desirable: true, toolInvoking: true } }, { impression: { desirable: true, toolInvoking: true } }]);
    expect(res.data.preferenceDatasets.totalCount).toBe(1);
    expect(res.data.preferenceDatasets.edges[0].node).toEqual({ sampleCount: 6000, status: "READY", progress: 1 });
    const stats = res.data.impressionStats;
    expect(stats).toMatchObject({ impressions: 6000, users: 400 });
    expect(stats.toolInvokingSuggestions.ctr).toBeGreaterThan(stats.generalSuggestions.ctr);
  });

  it("recalibrates a loaded window of 10k impressions from the cache under new configs", async () => {
    const tools = await api.database.prisma.tool.findMany({ where: { enabled: true } });
    const more = simulateImpressions(tools, { users: 300, impressions: 4000, seed: 3, idPrefix: "speed" });
    const report = await ingestImpressions(api.database.prisma, more);
    expect(report.accepted).toBe(4000);
    const q = `query($c: CalibrationConfigInput) { calibrationPreview(config: $c) { sampleCount cached maskedCount config { alpha } samples(first: 20) { edges { node { weight } } } } }`;
    const cold = await api.gql(q, {});
    expect(cold.data.calibrationPreview).toMatchObject({ sampleCount: 10_000, cached: false });
    for (const alpha of [0.1, 0.3, 0.5]) {
      const warm = await api.gql(q, { c: { alpha } });
      expect(warm.data.calibrationPreview).toMatchObject({ sampleCount: 10_000, cached: true, config: { alpha } });
    }
  });

  it("answers reads while a 10k-impression dataset builds in the background, with its progress rising to 1", async () => {
    const started = await api.gql(`mutation { createPreferenceDataset(input: { name: "big build" }) { id status progress } }`);
    expect(started.data.createPreferenceDataset).toMatchObject({ status: "BUILDING", progress: 0 });
    const id = started.data.createPreferenceDataset.id;
    // Poll with reads that touch other data; every one must come back while the build runs.
    const seen: { status: string; progress: number }[] = [];
    let readsDuringBuild = 0;
    for (;;) {
      const [progress, tools, viewer] = await Promise.all([
        api.gql(`query($id: ID!) { preferenceDataset(id: $id) { status progress error } }`, { id }),
        api.gql(`{ tools(first: 5) { edges { node { id frequencyPercentile } } } }`),
        api.gql(`{ viewer { name role } }`),
      ]);
      expect(tools.data.tools.edges).toHaveLength(5);
      expect(viewer.data.viewer.role).toBe("ADMIN");
      const d = progress.data.preferenceDataset;
      seen.push({ status: d.status, progress: d.progress });
      if (d.status !== "BUILDING") break;
      readsDuringBuild += 1;
    }
    expect(seen.at(-1)).toEqual({ status: "READY", progress: 1 });
    // Reads were answered while it was building, and progress only moves forward.
    expect(readsDuringBuild).toBeGreaterThanOrEqual(3);
    const fractions = seen.map((x) => x.progress);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    const done = await api.gql(`query($id: ID!) { preferenceDataset(id: $id) { sampleCount samples(first: 0) { totalCount } } }`, { id });
    expect(done.data.preferenceDataset).toEqual({ sampleCount: 10_000, samples: { totalCount: 10_000 } });
  });

  it("refuses downloads of a dataset that is still building (409 DATASET_NOT_READY)", async () => {
    const started = await api.gql(`mutation { createPreferenceDataset(input: { name: "not yet" }) { id exportPaths { jsonl } } }`);
    const d = started.data.createPreferenceDataset;
    const res = await fetch(`${api.origin}${d.exportPaths.jsonl}`, { headers: { authorization: `Bearer ${api.adminApiKey}` } });
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    // The build of 10k impressions cannot have finished before this request was answered.
    expect(res.status).toBe(409);
    expect(body.errors[0]?.extensions.code).toBe("DATASET_NOT_READY");
    await api.jobs.idle();
    const ok = await fetch(`${api.origin}${d.exportPaths.jsonl}`, { headers: { authorization: `Bearer ${api.adminApiKey}` } });
    expect(ok.status).toBe(200);
    await ok.arrayBuffer();
  });
});
