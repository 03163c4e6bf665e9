// Many clients at once through the API (real HTTP, a real database, once per backend): writes
// racing on one id, and large parameters in parallel, must keep every request to itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends, startTestApi, type TestApi } from "./harness.js";

describe.each(await availableBackends())("concurrent requests on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("50 concurrent creates of one tool id: exactly one succeeds, and every attempt is audited", async () => {
    const id = "sound.concurrent_create";
    const create = `mutation($input: CreateToolInput!) { createTool(input: $input) { id version name } }`;
    const input = (i: number) => ({
      id,
      name: `Concurrent create ${i}`,
      description: "Created by fifty clients at once.",
      categoryId: "sound",
      canonicalQuery: `Concurrent create number ${i}`,
      utterances: [`create it ${i}`],
      actionType: "EXECUTE",
    });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => api.gql(create, { input: input(i) })));
    const ok = results.filter((r) => r.data?.createTool);
    expect(ok).toHaveLength(1);
    const failed = results.filter((r) => r.errors);
    expect(failed).toHaveLength(49);
    for (const r of failed) expect(r.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });

    const audited = await api.database.prisma.auditEntry.findMany({ where: { action: "createTool", target: `tool:${id}` } });
    expect(audited).toHaveLength(50);
    expect(audited.filter((a) => (a.details as { ok: boolean }).ok)).toHaveLength(1);
    const stored = await api.gql(`query($id: ID!) { tool(id: $id) { name version } }`, { id });
    expect(stored.data.tool).toEqual({ version: 1, name: ok[0]!.data.createTool.name }); // the winner's row, whole
  });

  it("40 concurrent searches with a 100 kB search string each get their own, right answer", async () => {
    const search = `query($s: String) { tools(first: 5, filter: { search: $s }) { totalCount edges { node { id } } } }`;
    const expected = (await api.gql(search, { s: "clean speaker" })).data.tools;
    expect(expected.edges.map((e: { node: { id: string } }) => e.node.id)).toContain("sound.clean_speaker");
    const long = "clean speaker ".repeat(Math.ceil(100_000 / 14)).slice(0, 100_000);
    const all = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        // Small requests interleaved with the large ones: each must keep its own parameters.
        api.gql(search, { s: i % 2 ? long : "flashlight" }),
      ),
    );
    const flashlight = (await api.gql(search, { s: "flashlight" })).data.tools;
    for (const [i, r] of all.entries()) {
      const code = r.errors?.[0]?.extensions?.code;
      expect(code).not.toBe("INTERNAL_SERVER_ERROR");
      if (code) {
        // An input limit (another check may cap search length) names the field.
        expect(r.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
        continue;
      }
      expect(r.data.tools).toEqual(i % 2 ? expected : flashlight);
    }
  });
});
