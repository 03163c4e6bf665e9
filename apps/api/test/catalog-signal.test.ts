// The one "catalog changed" signal (issue 9 code item 7): catalog mutations fire it, API-key
// mutations do not, and a change made by another process (a plain PostgreSQL client, as the
// CLI or psql would be) reaches the API by LISTEN/NOTIFY and drops its caches at once.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

describe.each(backends)("the catalog-changed signal on %s", (backend) => {
  let api: TestApi;
  let other: pg.Client;
  const events: { reason: string; remote: boolean }[] = [];

  beforeAll(async () => {
    api = await startTestApi(backend);
    api.catalogSignal.subscribe((e) => events.push(e));
    other = new pg.Client({ connectionString: api.database.url });
    await other.connect();
  });
  afterAll(async () => {
    await other?.end();
    await api?.close();
  });

  /** Resolves when an event from another process (NOTIFY) has arrived after index `from`. */
  const remoteEventAfter = (from: number) => expect.poll(() => events.slice(from).some((e) => e.remote), { timeout: 10_000 }).toBe(true);

  it("is not fired by API-key mutations", async () => {
    const before = events.length;
    const created = await api.gql(`mutation { createApiKey(name: "signal probe", role: SERVICE) { apiKey { id } } }`);
    expect(created.errors).toBeUndefined();
    const revoked = await api.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: created.data.createApiKey.apiKey.id });
    expect(revoked.errors).toBeUndefined();
    // A catalog change from elsewhere, then: its NOTIFY is the only event since `before`
    // (notifications arrive in commit order, so one from the key mutations would come first).
    await other.query(`UPDATE categories SET name = name WHERE id = 'display'`);
    await remoteEventAfter(before);
    expect(events.slice(before)).toEqual([{ reason: "categories changed (NOTIFY)", remote: true }]);
  });

  it("is fired at once by a catalog mutation through the API", async () => {
    const tool = await api.database.prisma.tool.findUniqueOrThrow({ where: { id: "clock.set_alarm" } });
    const before = events.length;
    const res = await api.gql(`mutation($v: Int!) { updateTool(id: "clock.set_alarm", version: $v, input: { invocationCount: 1234 }) { version } }`, { v: tool.version });
    expect(res.errors).toBeUndefined();
    // Fired before the response was sent (no NOTIFY round trip needed for this process).
    expect(events.slice(before)).toContainEqual({ reason: "updateTool", remote: false });
  });

  it("drops the API's cached percentiles when another process changes invocation counts", async () => {
    const q = `{ tool(id: "camera.turn_on_flashlight") { invocationCount frequencyPercentile } }`;
    const warm = await api.gql(q); // fills the catalog cache
    expect(warm.data.tool.frequencyPercentile).toBeGreaterThan(0);
    const before = events.length;
    await other.query(`UPDATE tools SET invocation_count = 0 WHERE id = 'camera.turn_on_flashlight'`);
    await remoteEventAfter(before);
    // Within the cache's TTL, yet the percentile follows: the signal dropped the cache.
    const after = await api.gql(q);
    expect(after.data.tool).toEqual({ invocationCount: 0, frequencyPercentile: 0 });
  });
});
