// What an attacker or an unlucky client can send, over real HTTP against a real database:
// errors never leak internals (issue 8 §2), bad input is BAD_USER_INPUT naming the field,
// never INTERNAL and never stored (§3), ingestion keeps the good rows (§4), and one
// pagination scheme refuses crafted cursors (issue 9, item 3).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { availableBackends, errorOf, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

const TOOL = {
  id: "sound.test_hardening",
  name: "Hardening probe",
  description: "A tool the hardening tests create.",
  categoryId: "sound",
  canonicalQuery: "Probe the hardening",
  utterances: ["probe the hardening please"],
  actionType: "EXECUTE",
};
const CREATE = `mutation($i: CreateToolInput!) { createTool(input: $i) { id } }`;

const impression = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  userId: "u-hardening",
  timestamp: "2026-04-21T10:00:00Z",
  dialogue: { userQuery: "my speaker sounds muffled", assistantResponse: "Try cleaning it." },
  suggestions: [{ text: "Clean the speaker", toolId: "sound.clean_speaker", exposed: true, clicked: true }, { text: "Tell me a joke", exposed: true, clicked: false }],
  ...over,
});
const INGEST = `mutation($x: [ImpressionInput!]!) { ingestImpressions(impressions: $x) { accepted duplicates rejected errors { index id message } } }`;

describe.each(backends)("hardening on %s", (backend) => {
  let api: TestApi;
  const nodeEnv = process.env.NODE_ENV;
  beforeAll(async () => {
    // `npm start` runs without NODE_ENV: production behaviour must be the default.
    delete process.env.NODE_ENV;
    process.env.TOOLREC_METRICS_PORT = "0"; // and a keyless metrics listener on a free loopback port
    try {
      api = await startTestApi(backend);
    } finally {
      process.env.NODE_ENV = nodeEnv;
      delete process.env.TOOLREC_METRICS_PORT;
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(api.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${api.adminApiKey}`, ...headers }, body });

  describe("errors do not leak internals", () => {
    it("sends no stack trace with any error when NODE_ENV is unset", async () => {
      const res = await api.gql(`{ tools(first: 500) { totalCount } }`);
      expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
      expect(res.errors![0]!.extensions).not.toHaveProperty("stacktrace");
      const unknown = await api.gql(`{ noSuchField }`);
      expect(unknown.errors![0]!.extensions).not.toHaveProperty("stacktrace");
    });

    it.each([
      ["malformed JSON", "{ this is not json", 400, "BAD_REQUEST"],
      ["a JSON null body", "null", 400, "BAD_REQUEST"],
      ["a JSON string body", '"query"', 400, "BAD_REQUEST"],
    ])("answers %s with a JSON GraphQL error, not an HTML page", async (_what, body, status, code) => {
      const res = await post(body);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      const text = await res.text();
      expect(text).not.toMatch(/<html|<pre>|    at |node_modules/i);
      expect(JSON.parse(text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code } }] });
    });

    it("answers a body that is not JSON with a JSON error, and still serves GET queries", async () => {
      const text = await post("{ viewer { id } }", { "content-type": "text/plain", "apollo-require-preflight": "1" });
      expect(text.status).toBe(400);
      expect(await text.json()).toMatchObject({ errors: [{ extensions: { code: "BAD_REQUEST" } }] });
      const get = await fetch(`${api.url}?query=${encodeURIComponent("{ viewer { role } }")}`, { headers: { authorization: `Bearer ${api.adminApiKey}`, "apollo-require-preflight": "1" } });
      expect(get.status).toBe(200);
      expect(await get.json()).toEqual({ data: { viewer: { role: "ADMIN" } } });
    });

    it("answers a 21 MB body with 413 and a JSON error", async () => {
      const res = await post(JSON.stringify({ query: "{ viewer { id } }", variables: { pad: "x".repeat(21 * 1024 * 1024) } }));
      expect(res.status).toBe(413);
      const body = (await res.json()) as any;
      expect(body).toEqual({ errors: [{ message: expect.stringMatching(/larger than/), extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
    });

    it("answers unknown paths with JSON", async () => {
      const res = await fetch(`${api.origin}/no/such/path`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ errors: [{ extensions: { code: "NOT_FOUND" } }] });
    });
  });

  describe("metrics", () => {
    it("needs an ADMIN or ENGINEER key on the API port", async () => {
      expect((await fetch(`${api.origin}/metrics`)).status).toBe(401);
      const service = await api.gql(`mutation { createApiKey(name: "metrics probe", role: SERVICE) { key } }`);
      expect((await fetch(`${api.origin}/metrics`, { headers: { authorization: `Bearer ${service.data.createApiKey.key}` } })).status).toBe(403);
      const ok = await fetch(`${api.origin}/metrics`, { headers: { authorization: `Bearer ${api.adminApiKey}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toMatch(/toolrec_graphql_operation_duration_seconds_count\{operation="tools",outcome="error"\} \d+/);
    });

    it("serves them without a key on the loopback metrics port when TOOLREC_METRICS_PORT is set", async () => {
      expect(api.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      const res = await fetch(api.metricsUrl!);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/toolrec_graphql_errors_total\{code="BAD_USER_INPUT"\}/);
      expect((await fetch(api.metricsUrl!.replace("/metrics", "/graphql"))).status).toBe(404);
    });

    it("keeps a bounded label set however many operation names clients invent", async () => {
      const scrape = async () => (await fetch(`${api.origin}/metrics`, { headers: { authorization: `Bearer ${api.adminApiKey}` } })).text();
      await api.gql(`query Warmup { categories { id } }`);
      const before = (await scrape()).length;
      // 500 invented names (the review's 2,000 grew the page from 12.6 KB to 2.76 MB).
      for (let batch = 0; batch < 10; batch++) {
        await Promise.all(Array.from({ length: 50 }, (_, i) => api.gql(`query Invented_${batch}_${i} { categories { id } }`)));
      }
      const after = await scrape();
      expect(after).not.toMatch(/Invented_/);
      expect(after).toMatch(/operation="categories"/);
      expect(after.length).toBeLessThan(before * 1.2);
    });
  });

  describe("bad input is BAD_USER_INPUT with the field, never INTERNAL", () => {
    it.each([
      ["a NUL byte", "Probe\u0000name", "name"],
      ["a lone surrogate", "Probe \ud83d name", "name"],
      ["a control character", "Probe\u0007name", "name"],
      ["a right-to-left override", "Probe \u202Eeman", "name"],
    ])("rejects %s in a tool's name and stores nothing", async (_what, name, field) => {
      const res = await api.gql(CREATE, { i: { ...TOOL, name } });
      expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect((await api.gql(`{ tool(id: "${TOOL.id}") { id } }`)).data.tool).toBeNull();
    });

    it.each([
      ["an utterance with a NUL byte", { utterances: ["fine", "bad\u0000"] }, "utterances[1]"],
      ["an utterance with a lone surrogate", { utterances: ["\udc00 bad"] }, "utterances[0]"],
      ["a description with a bell character", { description: "ding\u0007" }, "description"],
      ["a canonical query with an RTL override", { canonicalQuery: "\u202Eyreuq" }, "canonicalQuery"],
      ["10,000 utterances", { utterances: Array.from({ length: 10_000 }, (_, i) => `utterance ${i}`) }, "utterances"],
      ["parameters nested 70 levels deep", { parameters: nest(70) }, "parameters"],
      ["a catastrophic-backtracking pattern", { parameters: { type: "object", properties: { v: { type: "string", pattern: "^(a+)+$" } } } }, "parameters"],
      ["a parameter description with a NUL byte", { parameters: { type: "object", properties: { v: { type: "string", description: "x\u0000" } } } }, "parameters"],
    ])("rejects %s", async (_what, over, field) => {
      const res = await api.gql(CREATE, { i: { ...TOOL, ...over } });
      expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field });
      expect((await api.gql(`{ tool(id: "${TOOL.id}") { id } }`)).data.tool).toBeNull();
    });

    it("rejects parameters nested 5,000 levels deep (a body no JSON.stringify could write)", async () => {
      const deep = '{"type":"object","properties":{"a":'.repeat(5_000) + '{"type":"string"}' + "}}".repeat(5_000);
      const tool = JSON.stringify({ ...TOOL, parameters: "@" }).replace('"@"', deep);
      const res = await post(`{"query":${JSON.stringify(CREATE)},"variables":{"i":${tool}}}`);
      const body = (await res.json()) as any;
      expect(errorOf(body)).toMatchObject({ code: "BAD_USER_INPUT", field: "parameters" });
      expect(body.errors[0].message).toMatch(/nested deeper than 64 levels/);
    });

    it("rejects NUL bytes and lone surrogates in any string argument, naming it", async () => {
      const cases: [string, Record<string, unknown>, string][] = [
        [`query($id: ID!) { tool(id: $id) { id } }`, { id: "sound.\u0000" }, "id"],
        [`query($s: String) { tools(filter: { search: $s }) { totalCount } }`, { s: "wifi\u0000" }, "filter.search"],
        [`query($c: ID) { tools(filter: { categoryId: $c }) { totalCount } }`, { c: "\ud800" }, "filter.categoryId"],
        [`query($f: ImpressionFilter) { impressions(filter: $f) { totalCount } }`, { f: { userId: "u\u0000" } }, "filter.userId"],
        [`query($f: ImpressionFilter) { impressions(filter: $f) { totalCount } }`, { f: { search: "\udfff" } }, "filter.search"],
        [`mutation($n: String!) { createApiKey(name: $n, role: SERVICE) { key } }`, { n: "key\u0000" }, "name"],
        [`mutation($i: PreferenceDatasetInput!) { createPreferenceDataset(input: $i) { id } }`, { i: { name: "set\u0000" } }, "name"],
        [`mutation { updateInvocationCounts(updates: [{ toolId: "a\\u0000b", increment: 1 }]) { updated } }`, {}, "updates[0].toolId"],
      ];
      for (const [query, variables, field] of cases) {
        const res = await api.gql(query, variables);
        expect(errorOf(res), query).toMatchObject({ code: "BAD_USER_INPUT", field });
      }
    });

    it("rejects control characters in API key and dataset names", async () => {
      expect(errorOf(await api.gql(`mutation { createApiKey(name: "bell\\u0007", role: SERVICE) { key } }`))).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
      expect(errorOf(await api.gql(`mutation { createPreferenceDataset(input: { name: "two\\nlines" }) { id } }`))).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
    });

    it("rejects an increment that would overflow the count, and changes nothing", async () => {
      const get = async () => (await api.gql(`{ tool(id: "clock.set_alarm") { invocationCount } }`)).data.tool.invocationCount as number;
      const before = await get();
      const res = await api.gql(`mutation($n: Int!) { updateInvocationCounts(updates: [{ toolId: "clock.set_alarm", increment: $n }]) { updated } }`, { n: 2_147_483_647 });
      expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "updates[0].increment" });
      expect(await get()).toBe(before);
      const set = await api.gql(`mutation { updateInvocationCounts(updates: [{ toolId: "clock.set_alarm", increment: -2147483647 }, { toolId: "clock.set_alarm", increment: -2147483647 }]) { updated } }`);
      expect(errorOf(set)).toMatchObject({ code: "BAD_USER_INPUT" });
      expect(await get()).toBe(before);
    });

    it("rejects impossible dates instead of moving them to another day", async () => {
      const res = await api.gql(`query($f: ImpressionFilter) { impressions(filter: $f) { totalCount } }`, { f: { from: "2026-02-30T00:00:00Z" } });
      expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "f.from" });
      expect(res.errors![0]!.message).toMatch(/2026-02-30/);
      const dateOnly = await api.gql(`query($f: ImpressionFilter) { impressions(filter: $f) { totalCount } }`, { f: { from: "2026-02-28" } });
      expect(dateOnly.errors).toBeUndefined();
    });

    it("stores a bounded summary in the audit log for a rejected 1 MB description", async () => {
      const res = await api.gql(CREATE, { i: { ...TOOL, description: "d".repeat(1_000_000) } });
      expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "description" });
      const audit = await api.gql(`{ auditLog(first: 1) { edges { node { action details } } } }`);
      const entry = audit.data.auditLog.edges[0].node;
      expect(entry).toMatchObject({ action: "createTool", details: { ok: false, code: "BAD_USER_INPUT" } });
      expect(JSON.stringify(entry.details).length).toBeLessThan(2_000);
      expect(entry.details.args.input.description).toMatch(/^d{200}… \(\+999800 more characters\)$/);
    });

    it("audits a call whose arguments hold a NUL byte (stored as U+FFFD) and reports the row", async () => {
      const res = await api.gql(`mutation($t: [ToolImportInput!]!) { importTools(tools: $t) { created errors { index field message } } }`, { t: [{ ...TOOL, name: "Probe\u0000" }] });
      expect(res.data.importTools).toEqual({ created: 0, errors: [{ index: 0, field: "name", message: expect.stringMatching(/NUL/) }] });
      const audit = await api.gql(`{ auditLog(first: 1) { edges { node { action details } } } }`);
      expect(audit.data.auditLog.edges[0].node).toMatchObject({ action: "importTools", details: { ok: true, args: { tools: [{ name: "Probe\ufffd" }] } } });
    });
  });

  describe("one pagination scheme: crafted cursors are BAD_USER_INPUT on after", () => {
    let datasetId: string;
    beforeAll(async () => {
      const ingest = await api.gql(INGEST, { x: [impression("page-1"), impression("page-2", { userId: "u-other" })] });
      expect(ingest.data.ingestImpressions.accepted).toBe(2);
      const ds = await api.gql(`mutation { createPreferenceDataset(input: { name: "pagination probe" }) { id } }`);
      datasetId = ds.data.createPreferenceDataset.id;
    });

    const lists: [string, string, (after: string) => Record<string, unknown>][] = [
      ["tools by name", `query($a: String) { tools(first: 2, after: $a, orderBy: { field: NAME }) { totalCount } }`, (a) => ({ a })],
      ["tools by update time", `query($a: String) { tools(first: 2, after: $a, orderBy: { field: UPDATED_AT }) { totalCount } }`, (a) => ({ a })],
      ["tools by relevance", `query($a: String) { tools(first: 2, after: $a, filter: { search: "wifi" }) { totalCount } }`, (a) => ({ a })],
      ["impressions", `query($a: String) { impressions(first: 2, after: $a) { totalCount } }`, (a) => ({ a })],
      ["datasets", `query($a: String) { preferenceDatasets(first: 2, after: $a) { totalCount } }`, (a) => ({ a })],
      ["samples", `query($id: ID!, $a: String) { preferenceDataset(id: $id) { samples(first: 2, after: $a) { totalCount } } }`, (a) => ({ a, id: datasetId })],
      ["dataset users", `query($id: ID!, $a: String) { preferenceDataset(id: $id) { users(first: 2, after: $a) { totalCount } } }`, (a) => ({ a, id: datasetId })],
      ["preview samples", `query($a: String) { calibrationPreview { samples(first: 2, after: $a) { totalCount } } }`, (a) => ({ a })],
      ["preview users", `query($a: String) { calibrationPreview { users(first: 2, after: $a) { totalCount } } }`, (a) => ({ a })],
      ["audit log", `query($a: String) { auditLog(first: 2, after: $a) { totalCount } }`, (a) => ({ a })],
    ];
    // Payloads earlier cursor formats decoded without complaint and handed to SQL.
    const crafted = [
      "garbage!",
      b64("12"),
      b64({ v: "not a date", id: "a" }),
      b64({ v: "abc", id: "a", o: -5 }),
      b64({ v: 1, id: "a\u0000" }),
      b64({ t: "2026-01-01T00:00:00Z", id: "a\u0000" }),
      Buffer.from("i:99999999999999999999").toString("base64url"),
      Buffer.from("o:99999999999999999999").toString("base64url"),
      Buffer.from("123").toString("base64url"),
    ];

    it.each(lists)("%s: every crafted cursor is refused", async (_list, query, vars) => {
      for (const after of crafted) {
        const res = await api.gql(query, vars(after));
        expect(errorOf(res), `${_list} after=${after}`).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
      }
    });

    it.each(lists)("%s: one rule for first", async (_list, query, vars) => {
      const res = await api.gql(query.replace("first: 2", "first: -1"), vars(""));
      expect(errorOf(res), _list).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    });

    it("refuses a cursor of one ordering used with another", async () => {
      const byName = await api.gql(`{ tools(first: 2, orderBy: { field: NAME }) { pageInfo { endCursor } } }`);
      const res = await api.gql(`query($a: String) { tools(first: 2, after: $a, orderBy: { field: UPDATED_AT }) { totalCount } }`, { a: byName.data.tools.pageInfo.endCursor });
      expect(errorOf(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    });

    it("pages the audit log without gaps or repeats", async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      do {
        const res: any = await api.gql(`query($a: String) { auditLog(first: 7, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { a: after });
        expect(res.errors).toBeUndefined();
        total = res.data.auditLog.totalCount;
        seen.push(...res.data.auditLog.edges.map((e: any) => e.node.id));
        after = res.data.auditLog.pageInfo.hasNextPage ? res.data.auditLog.pageInfo.endCursor : null;
      } while (after);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(total);
    });
  });

  describe("ingestImpressions keeps the good rows", () => {
    it("stores every good row and reports each bad one with its index and reason, for any text content", async () => {
      const rows = [
        impression("ing-good-1"),
        impression("ing-nul", { dialogue: { userQuery: "speaker\u0000muffled" } }),
        impression("ing-surrogate", { suggestions: [{ text: "Clean \ud800 the speaker", clicked: false }] }),
        impression("ing-control", { dialogue: { userQuery: "bell\u0007" } }),
        impression("ing-rtl", { dialogue: { userQuery: "\u202Edelffum" } }),
        impression("ing-huge", { dialogue: { userQuery: "q".repeat(1_000_000) } }),
        impression("ing-history", { dialogue: { userQuery: "ok", history: [{ role: "USER", content: "hi\u0000" }] } }),
        impression("ing-\u0000id"),
        impression("ing-good-2", { dialogue: { userQuery: "Zeile eins\nZeile zwei\twith a tab" } }),
      ];
      const res = await api.gql(INGEST, { x: rows });
      expect(res.errors).toBeUndefined();
      const report = res.data.ingestImpressions;
      expect(report).toMatchObject({ accepted: 2, duplicates: 0, rejected: 7 });
      expect(report.errors.map((e: any) => e.index)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(report.errors.map((e: any) => e.message)).toEqual([
        expect.stringMatching(/^dialogue\.userQuery: contains a NUL character/),
        expect.stringMatching(/^suggestions\[0\]\.text: contains an unpaired surrogate/),
        expect.stringMatching(/^dialogue\.userQuery: contains the control character U\+0007/),
        expect.stringMatching(/^dialogue\.userQuery: contains the bidirectional control U\+202E/),
        expect.stringMatching(/^dialogue\.userQuery: is longer than 2000 characters/),
        expect.stringMatching(/^dialogue\.history\[0\]\.content: contains a NUL/),
        expect.stringMatching(/^id: contains a NUL/),
      ]);
      const stored = await api.gql(`{ a: impression(id: "ing-good-1") { id } b: impression(id: "ing-good-2") { userQuery } }`);
      expect(stored.data).toEqual({ a: { id: "ing-good-1" }, b: { userQuery: "Zeile eins\nZeile zwei\twith a tab" } });
    });
  });

  describe("the API key cache", () => {
    it("is a bounded LRU whose entries expire", async () => {
      const { KeyAuthenticator, createApiKey } = await import("../src/auth.js");
      const auth = new KeyAuthenticator(api.database.prisma, { ttlMs: 200, maxEntries: 5 });
      const keys = [];
      for (let i = 0; i < 12; i++) keys.push((await createApiKey(api.database.prisma, `lru ${i}`, "SERVICE")).key);
      for (const key of keys) await auth.authenticate(`Bearer ${key}`);
      expect(auth.cacheSize).toBe(5);
      // Revoked elsewhere (another API process, the CLI): refused once the entry expires.
      const last = keys.at(-1)!;
      await api.database.prisma.apiKey.updateMany({ where: { name: "lru 11" }, data: { revokedAt: new Date() } });
      await expect(auth.authenticate(`Bearer ${last}`)).resolves.toMatchObject({ name: "lru 11" });
      await new Promise((r) => setTimeout(r, 250));
      await expect(auth.authenticate(`Bearer ${last}`)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    });
  });

  describe("when the database is gone", () => {
    it("/health says only that it is unavailable, and INTERNAL errors carry a reference, not SQL or addresses", async () => {
      const logged: string[] = [];
      const spy = vi.spyOn(console, "error").mockImplementation((...a) => void logged.push(a.map(String).join(" ")));
      try {
        await makeDatabaseUnavailable(api);
        const health = await fetch(`${api.origin}/health`);
        expect(health.status).toBe(503);
        expect(await health.json()).toEqual({ status: "unavailable" });
        const res = await api.gql(`{ tools(first: 1) { totalCount } }`);
        const error = res.errors![0]!;
        expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
        expect(error.message).toBe(`internal error (reference ${error.extensions!.errorId}); the API log has the details`);
        expect(JSON.stringify(res)).not.toMatch(/SELECT|prisma|127\.0\.0\.1|5432|postgres/i);
        expect(logged.join("\n")).toContain(error.extensions!.errorId);
      } finally {
        spy.mockRestore();
      }
    });
  });
});

/** Takes the API's database away: the embedded server is stopped; a DATABASE_URL database is dropped. */
async function makeDatabaseUnavailable(api: TestApi) {
  if (api.database.kind !== "postgres") return api.database.close();
  const url = new URL(api.database.url);
  const name = url.pathname.slice(1);
  url.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

function nest(levels: number): Record<string, unknown> {
  let schema: Record<string, unknown> = { type: "string" };
  for (let i = 0; i < levels; i++) schema = { type: "object", properties: { a: schema } };
  return schema;
}
