// The SysToolkit API over real HTTP and a real database, once per available backend.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends, errorOf, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

const TOOL_FIELDS = `id name description canonicalQuery utterances parameters actionType invocationCount frequencyPercentile enabled version updatedAt category { id name }`;

describe.each(backends)("SysToolkit API on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(async () => {
    await api?.close();
  });

  async function keyWithRole(role: string) {
    const res = await api.gql(`mutation($n: String!, $r: ApiRole!) { createApiKey(name: $n, role: $r) { key apiKey { id role } } }`, { n: `${role} key`, r: role });
    return res.data.createApiKey as { key: string; apiKey: { id: string } };
  }

  it("rejects a request without a key (UNAUTHENTICATED) and with an unknown key", async () => {
    const none = await api.gql(`{ categories { id } }`, {}, null);
    expect(none.status).toBe(401);
    expect(errorOf(none).code).toBe("UNAUTHENTICATED");
    const wrong = await api.gql(`{ categories { id } }`, {}, "trk_not-a-real-key");
    expect(errorOf(wrong).code).toBe("UNAUTHENTICATED");
  });

  it("writes the admin key to credentials.json with mode 0600", () => {
    const file = path.join(path.dirname(api.database.embedded ? api.adminKeySource : api.adminKeySource), "credentials.json");
    const st = fs.statSync(file);
    expect(st.mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).adminApiKey).toBe(api.adminApiKey);
  });

  it("serves the seeded catalog: 16 categories whose tool counts add up to the total", async () => {
    const res = await api.gql(`{ categories { id slug name toolCount target } tools(first: 1) { totalCount } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.categories).toHaveLength(16);
    expect(res.data.categories.every((c: { id: string; slug: string }) => c.slug === c.id)).toBe(true);
    const sum = res.data.categories.reduce((s: number, c: { toolCount: number }) => s + c.toolCount, 0);
    expect(sum).toBe(res.data.tools.totalCount);
    expect(sum).toBe(708);
  });

  it("finds tools by the words a user types (full-text, prefix) and filters by category", async () => {
    const res = await api.gql(`{ tools(first: 5, filter: { search: "flashlight" }) { totalCount edges { node { id name category { id } } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.tools.totalCount).toBeGreaterThan(0);
    expect(res.data.tools.edges[0].node.name.toLowerCase()).toContain("flashlight");
    const partial = await api.gql(`{ tools(first: 5, filter: { search: "clean speak" }) { edges { node { id } } } }`);
    expect(partial.data.tools.edges.map((e: any) => e.node.id)).toContain("sound.clean_speaker");
    const cat = await api.gql(`{ tools(first: 200, filter: { categoryId: "battery" }) { totalCount edges { node { category { id } } } } }`);
    expect(cat.data.tools.edges.every((e: any) => e.node.category.id === "battery")).toBe(true);
    expect(cat.data.tools.totalCount).toBe(cat.data.tools.edges.length);
  });

  it("lets a curator find each of the paper's example tools by the words a user would type", async () => {
    const cases: [string, string][] = [
      ["clear cache", "storage.clear_cache"],
      ["free up space", "storage.free_up_space"],
      ["play music", "media.play_music"],
      ["turn on wifi", "network.turn_on_wifi"],
      ["wi-fi on", "network.turn_on_wifi"],
      ["set alarm", "clock.set_alarm"],
      ["clean speaker", "sound.clean_speaker"],
      ["water speaker", "sound.clean_speaker"],
      ["battery health", "battery.check_battery_health"],
      ["battery health settings", "battery.open_battery_health_settings"],
    ];
    for (const [words, id] of cases) {
      const res = await api.gql(`query($s: String!) { tools(first: 5, filter: { search: $s }) { edges { node { id } } } }`, { s: words });
      expect(res.data.tools.edges.map((e: any) => e.node.id), `search "${words}"`).toContain(id);
    }
  });

  it("imports tools in bulk over GraphQL with the same report as the CLI: all or nothing unless told to skip", async () => {
    const row = { id: "health.test_breathe", name: "Breathing exercise", description: "Starts a one-minute guided breathing exercise.", categoryId: "health", canonicalQuery: "Breathe with me for a minute", utterances: ["walk me through a one minute breathing test"], actionType: "LAUNCH", grounding: [{ source: "oem", reason: "vendor wellbeing apps" }] };
    const bad = { ...row, id: "health.test_bad", name: "", canonicalQuery: "Bad chip" };
    const mutation = `mutation($t: [ToolImportInput!]!, $dry: Boolean, $skip: Boolean) { importTools(tools: $t, dryRun: $dry, skipInvalid: $skip) { dryRun created updated unchanged skipped errors { index id field message } } }`;
    const rejected = await api.gql(mutation, { t: [row, bad] });
    expect(rejected.data.importTools).toMatchObject({ created: 0, skipped: 0, errors: [{ index: 1, id: "health.test_bad", field: "name" }] });
    expect((await api.gql(`{ tool(id: "health.test_breathe") { id } }`)).data.tool).toBeNull();
    const dry = await api.gql(mutation, { t: [row], dry: true });
    expect(dry.data.importTools).toMatchObject({ dryRun: true, created: 1, errors: [] });
    expect((await api.gql(`{ tool(id: "health.test_breathe") { id } }`)).data.tool).toBeNull();
    const skipped = await api.gql(mutation, { t: [row, bad], skip: true });
    expect(skipped.data.importTools).toMatchObject({ created: 1, skipped: 1 });
    expect((await api.gql(`{ tool(id: "health.test_breathe") { grounding { source reason } } }`)).data.tool.grounding).toEqual([{ source: "oem", reason: "vendor wellbeing apps" }]);
    const again = await api.gql(mutation, { t: [row] });
    expect(again.data.importTools).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
  });

  it("paginates with cursors without gaps or repeats, in the requested order", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let names: string[] = [];
    for (let page = 0; page < 20; page++) {
      const res: any = await api.gql(`query($after: String) { tools(first: 100, after: $after, orderBy: { field: NAME, direction: ASC }) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }`, { after });
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.tools.edges.map((e: any) => e.node.id));
      names.push(...res.data.tools.edges.map((e: any) => e.node.name.toLowerCase()));
      if (!res.data.tools.pageInfo.hasNextPage) break;
      after = res.data.tools.pageInfo.endCursor;
    }
    const { data } = await api.gql(`{ tools(first: 1) { totalCount } }`);
    expect(seen).toHaveLength(data.tools.totalCount);
    expect(new Set(seen).size).toBe(data.tools.totalCount);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    const top = await api.gql(`{ tools(first: 20) { edges { node { invocationCount } } } }`);
    const counts = top.data.tools.edges.map((e: any) => e.node.invocationCount);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
  });

  it("computes frequencyPercentile exactly as definitions.md says", async () => {
    const all: any[] = [];
    let after: string | null = null;
    do {
      const res: any = await api.gql(`query($after: String) { tools(first: 200, after: $after, filter: { enabled: true }) { pageInfo { hasNextPage endCursor } edges { node { id invocationCount frequencyPercentile } } } }`, { after });
      all.push(...res.data.tools.edges.map((e: any) => e.node));
      after = res.data.tools.pageInfo.hasNextPage ? res.data.tools.pageInfo.endCursor : null;
    } while (after);
    const n = all.length;
    for (const t of all.slice(0, 50)) {
      const below = all.filter((o) => o.invocationCount < t.invocationCount).length;
      expect(t.frequencyPercentile).toBeCloseTo(below / (n - 1), 12);
    }
  });

  it("validates input: empty name, bad id, duplicate utterances, invalid JSON Schema, taken canonical query", async () => {
    const base = { id: "display.test_tool", name: "Test tool", description: "A tool for tests.", categoryId: "display", canonicalQuery: "Run the test tool", utterances: ["run the test tool please"], actionType: "EXECUTE" };
    const create = (input: object) => api.gql(`mutation($i: CreateToolInput!) { createTool(input: $i) { id } }`, { i: { ...base, ...input } });
    expect(errorOf(await create({ name: "" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    expect(errorOf(await create({ id: "Not An Id" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    expect(errorOf(await create({ utterances: [] }))).toMatchObject({ code: "BAD_USER_INPUT", field: "utterances" });
    expect(errorOf(await create({ utterances: ["hello there", "Hello, there!"] }))).toMatchObject({ code: "BAD_USER_INPUT", field: "utterances[1]" });
    expect(errorOf(await create({ parameters: { type: "object", properties: { level: { type: "percent" } } } }))).toMatchObject({ code: "BAD_USER_INPUT", field: "parameters" });
    expect(errorOf(await create({ canonicalQuery: "clean the SPEAKER!" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "canonicalQuery" });
    expect(errorOf(await create({ categoryId: "nope" }))).toMatchObject({ code: "BAD_USER_INPUT", field: "categoryId" });
    const ok = await create({ parameters: { type: "object", properties: { level: { type: "integer", minimum: 0, maximum: 100 } }, required: ["level"] } });
    expect(ok.errors).toBeUndefined();
    expect(errorOf(await create({}))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("updates with optimistic concurrency: a stale version gets CONFLICT and changes nothing", async () => {
    const q = `{ tool(id: "network.turn_on_wifi") { ${TOOL_FIELDS} } }`;
    const before = (await api.gql(q)).data.tool;
    const upd = `mutation($id: ID!, $v: Int!, $i: UpdateToolInput!) { updateTool(id: $id, version: $v, input: $i) { version description } }`;
    const first = await api.gql(upd, { id: before.id, v: before.version, i: { description: "Connects to Wi-Fi so downloads stop eating mobile data." } });
    expect(first.errors).toBeUndefined();
    expect(first.data.updateTool.version).toBe(before.version + 1);
    const stale = await api.gql(upd, { id: before.id, v: before.version, i: { description: "A stale overwrite." } });
    expect(errorOf(stale).code).toBe("CONFLICT");
    const after = (await api.gql(q)).data.tool;
    expect(after.description).toBe("Connects to Wi-Fi so downloads stop eating mobile data.");
    expect(after.version).toBe(before.version + 1);
    const empty = await api.gql(upd, { id: before.id, v: after.version, i: { name: "" } });
    expect(errorOf(empty)).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    expect((await api.gql(q)).data.tool.version).toBe(after.version);

    const history = await api.gql(`{ toolRevisions(toolId: "network.turn_on_wifi") { version action actor changes { field before after } } }`);
    const [latest] = history.data.toolRevisions;
    expect(latest.action).toBe("UPDATE");
    expect(latest.version).toBe(before.version + 1);
    expect(latest.changes).toEqual([{ field: "description", before: before.description, after: "Connects to Wi-Fi so downloads stop eating mobile data." }]);
  });

  it("enforces roles: SERVICE may read but not edit (FORBIDDEN); CURATOR may edit; revoked keys stop working", async () => {
    const service = await keyWithRole("SERVICE");
    const read = await api.gql(`{ tool(id: "media.play_music") { id version } }`, {}, service.key);
    expect(read.errors).toBeUndefined();
    const edit = await api.gql(`mutation($v: Int!) { updateTool(id: "media.play_music", version: $v, input: { enabled: false }) { id } }`, { v: read.data.tool.version }, service.key);
    expect(errorOf(edit).code).toBe("FORBIDDEN");
    expect(errorOf(await api.gql(`{ apiKeys { id } auditLog { totalCount } }`, {}, service.key)).code).toBe("FORBIDDEN");
    const curator = await keyWithRole("CURATOR");
    const disable = await api.gql(`mutation($v: Int!) { updateTool(id: "media.play_music", version: $v, input: { enabled: false }) { enabled } }`, { v: read.data.tool.version }, curator.key);
    expect(disable.data.updateTool.enabled).toBe(false);
    const revoke = await api.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: service.apiKey.id });
    expect(revoke.data.revokeApiKey.revokedAt).toBeTruthy();
    expect(errorOf(await api.gql(`{ categories { id } }`, {}, service.key)).code).toBe("UNAUTHENTICATED");
  });

  it("records every mutation in the audit log, failures included", async () => {
    const res = await api.gql(`{ auditLog(first: 100) { totalCount edges { node { actor action target details } } } }`);
    const actions = res.data.auditLog.edges.map((e: any) => e.node);
    expect(actions.some((a: any) => a.action === "updateTool" && a.details.ok === true && a.target === "tool:network.turn_on_wifi")).toBe(true);
    expect(actions.some((a: any) => a.action === "updateTool" && a.details.code === "CONFLICT")).toBe(true);
    expect(actions.some((a: any) => a.action === "createApiKey")).toBe(true);
    expect(JSON.stringify(actions)).not.toMatch(/trk_/);
  });

  it("applies bulk invocation-count updates all or nothing", async () => {
    const get = async () => (await api.gql(`{ a: tool(id: "camera.turn_on_flashlight") { invocationCount } b: tool(id: "clock.set_alarm") { invocationCount } }`)).data;
    const before = await get();
    const bad = await api.gql(`mutation { updateInvocationCounts(updates: [{ toolId: "clock.set_alarm", increment: 5 }, { toolId: "nope.nothing", increment: 1 }]) { updated } }`);
    expect(errorOf(bad)).toMatchObject({ code: "BAD_USER_INPUT", field: "updates[1].toolId" });
    expect(await get()).toEqual(before);
    const good = await api.gql(`mutation { updateInvocationCounts(updates: [{ toolId: "clock.set_alarm", increment: 5 }, { toolId: "camera.turn_on_flashlight", invocationCount: 0 }]) { updated } }`);
    expect(good.data.updateInvocationCounts.updated).toBe(2);
    expect(await get()).toEqual({ a: { invocationCount: 0 }, b: { invocationCount: before.b.invocationCount + 5 } });
    // Percentiles follow at once (the API's catalog cache is dropped by the mutation): no count is below 0.
    const p = await api.gql(`{ tool(id: "camera.turn_on_flashlight") { frequencyPercentile } }`);
    expect(p.data.tool.frequencyPercentile).toBe(0);
  });

  it("rejects over-deep and over-costly queries before running them", async () => {
    const deep = await api.gql(`{ tools(first: 1) { edges { node { revisions { id } category { id } } } } }`);
    expect(deep.errors).toBeUndefined();
    const costly = await api.gql(`{ tools(first: 200) { edges { node { revisions { id changes { field } } category { id name toolCount } } } } a: tools(first: 200) { edges { node { revisions { id changes { field before after } } } } } b: tools(first: 200) { edges { node { revisions { id changes { field before after } } } } } c: tools(first: 200) { edges { node { revisions { id changes { field before after } } } } } d: tools(first: 200) { edges { node { revisions { id changes { field before after } } } } } e: tools(first: 200) { edges { node { revisions { id changes { field before after } } } } } f: tools(first: 200) { edges { node { revisions { id changes { field before after } } } } } }`);
    expect(errorOf(costly).code).toBe("QUERY_TOO_COMPLEX");
    expect(errorOf(await api.gql(`{ tools(first: 500) { totalCount } }`))).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    // The same query text is measured again for each request's variables (measures are kept per
    // document only when no variable entered them): cheap, then too costly, then cheap again.
    const sized = `query($n: Int) { ${"abcdefg".split("").map((a) => `${a}: tools(first: $n) { edges { node { revisions { id changes { field before after } } } } }`).join(" ")} }`;
    expect((await api.gql(sized, { n: 1 })).errors).toBeUndefined();
    expect(errorOf(await api.gql(sized, { n: 200 })).code).toBe("QUERY_TOO_COMPLEX");
    expect((await api.gql(sized, { n: 1 })).errors).toBeUndefined();
  });

  it("refuses 2,300 aliases of invocationHistogram and prices the field by its work", async () => {
    const aliases = (n: number, bins: number) => `{ ${Array.from({ length: n }, (_, i) => `h${i}: invocationHistogram(bins: ${bins}) { count }`).join(" ")} }`;
    const flood = await api.gql(aliases(2300, 100));
    expect(flood.status).toBe(400);
    expect(flood.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "aliases", max: 100, actual: 2300 });
    // Under the alias cap, the price still adds up: 100 x (catalog pass + 100 bins) is allowed,
    // but with every bin's fields it crosses the cost limit.
    const allowed = await api.gql(aliases(100, 100));
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data.h99).toHaveLength(100);
    const wide = await api.gql(`{ ${Array.from({ length: 100 }, (_, i) => `h${i}: invocationHistogram(bins: 100) { lower upper count }`).join(" ")} }`);
    expect(wide.errors?.[0]?.extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
  });

  it("answers a trivial query while an expensive allowed one is running", async () => {
    // The expensive one is sent first; the trivial one must not wait for it to finish.
    const order: string[] = [];
    const expensive = api.gql(`{ ${Array.from({ length: 50 }, (_, i) => `h${i}: invocationHistogram(bins: 100) { count } t${i}: tools(first: 50, filter: { search: "turn on" }) { totalCount }`).join(" ")} }`).then((r) => {
      order.push("expensive");
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const trivial = api.gql(`{ viewer { name } }`).then((r) => {
      order.push("trivial");
      return r;
    });
    const [e, t] = await Promise.all([expensive, trivial]);
    expect(t.errors).toBeUndefined();
    expect(e.errors).toBeUndefined();
    expect(order).toEqual(["trivial", "expensive"]);
  });

  it("answers /health and exposes Prometheus /metrics", async () => {
    const health = await fetch(`${api.origin}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: backend === "postgres" ? "postgres" : "embedded" });
    const metrics = await (await fetch(`${api.origin}/metrics`, { headers: { authorization: `Bearer ${api.adminApiKey}` } })).text();
    expect(metrics).toMatch(/toolrec_graphql_operation_duration_seconds_count\{operation="tools",outcome="ok"\} \d+/);
  });
});
