// Curator search over real HTTP and a real database (issue 9, console item 4) and tool
// situations (issue 12) through the API, once per available backend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBackends, errorOf, startTestApi, type TestApi } from "./harness.js";

const backends = await availableBackends();

describe.each(backends)("tool search and situations on %s", (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(async () => {
    await api?.close();
  });

  type Hit = { id: string; name: string; canonicalQuery: string; description: string; utterances: string[]; situations: string[]; invocationCount: number };
  async function search(s: string): Promise<{ total: number; hits: Hit[] }> {
    const res = await api.gql(
      `query($s: String!) { tools(first: 200, filter: { search: $s }) { totalCount edges { node { id name canonicalQuery description utterances situations invocationCount } } } }`,
      { s },
    );
    expect(res.errors).toBeUndefined();
    return { total: res.data.tools.totalCount, hits: res.data.tools.edges.map((e: { node: Hit }) => e.node) };
  }
  const text = (t: Hit) => [t.name, t.canonicalQuery, t.description, ...t.utterances, ...t.situations].join(" ").toLowerCase();

  it('finds the same tools for "wifi", "wi-fi" and "Wi-Fi", and only tools that mention Wi-Fi', async () => {
    const joined = await search("wifi");
    const hyphen = await search("wi-fi");
    const cased = await search("Wi-Fi");
    expect(joined.total).toBeGreaterThan(20);
    expect(hyphen.hits.map((t) => t.id)).toEqual(joined.hits.map((t) => t.id));
    expect(cased.hits.map((t) => t.id)).toEqual(joined.hits.map((t) => t.id));
    // Before hyphenated words were joined, "wi-fi" matched any text with words starting "wi" and "fi" ("with", "find").
    expect(joined.hits.filter((t) => !/wi-?fi/u.test(text(t))).map((t) => t.id)).toEqual([]);
    const email = await search("email");
    expect((await search("e-mail")).hits.map((t) => t.id)).toEqual(email.hits.map((t) => t.id));
  });

  it("ranks by text match times a frequency prior: between equal matches the everyday tool comes first", async () => {
    const { hits } = await search("wifi");
    const ids = hits.map((t) => t.id);
    expect(ids[0]).toBe("network.turn_on_wifi");
    expect(ids.indexOf("network.turn_on_wifi")).toBeLessThan(ids.indexOf("location.turn_off_wifi_scanning"));
    const wifiOn = hits.find((t) => t.id === "network.turn_on_wifi")!;
    const scanning = hits.find((t) => t.id === "location.turn_off_wifi_scanning")!;
    expect(wifiOn.invocationCount).toBeGreaterThan(100 * scanning.invocationCount);
  });

  it("puts the tool whose name is the search first", async () => {
    for (const [words, id] of [
      ["free up space", "storage.free_up_space"],
      ["clear cache", "storage.clear_cache"],
      ["play music", "media.play_music"],
      ["turn on wi-fi", "network.turn_on_wifi"],
      ["battery health settings", "battery.open_battery_health_settings"],
      ["weather forecast", "system.check_weather_forecast"],
    ] as const) {
      expect((await search(words)).hits[0]?.id, `search "${words}"`).toBe(id);
    }
  });

  it("keeps a clearly better text match above a more popular weak match", async () => {
    const ids = (await search("speaker")).hits.map((t) => t.id);
    // "Clean speaker" names the word; "Switch audio output" only mentions a speaker in an utterance,
    // although it is invoked more than twice as often.
    expect(ids.indexOf("sound.clean_speaker")).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf("sound.clean_speaker")).toBeLessThan(ids.indexOf("media.change_playback_output"));
  });

  it("indexes situations: a word only a situation uses finds the tool", async () => {
    const tool = (await api.gql(`{ tool(id: "display.min_brightness") { situations utterances description } }`)).data.tool;
    expect(tool.situations.length).toBeGreaterThanOrEqual(2);
    expect(tool.situations.join(" ")).toMatch(/\btent\b/u);
    expect([...tool.utterances, tool.description].join(" ")).not.toMatch(/\btent\b/u);
    expect((await search("tent")).hits.map((t) => t.id)).toContain("display.min_brightness");
  });

  it("creates and updates situations, validated like utterances, with a revision and a search hit", async () => {
    const base = {
      id: "display.test_situations",
      name: "Test situations",
      description: "A tool for situation tests.",
      categoryId: "display",
      canonicalQuery: "Run the situation test",
      utterances: ["run the situation test please"],
      actionType: "EXECUTE",
    };
    const create = (input: object) => api.gql(`mutation($i: CreateToolInput!) { createTool(input: $i) { id version situations } }`, { i: { ...base, ...input } });
    expect(errorOf(await create({ situations: ["the lighthouse keeper is asleep", "The lighthouse keeper is ASLEEP!"] }))).toMatchObject({ code: "BAD_USER_INPUT", field: "situations[1]" });
    expect(errorOf(await create({ situations: ["  "] }))).toMatchObject({ code: "BAD_USER_INPUT", field: "situations[0]" });
    expect(errorOf(await create({ situations: ["x".repeat(1000)] }))).toMatchObject({ code: "BAD_USER_INPUT", field: "situations[0]" });

    const created = await create({ situations: ["the lighthouse keeper is asleep"] });
    expect(created.errors).toBeUndefined();
    expect(created.data.createTool.situations).toEqual(["the lighthouse keeper is asleep"]);
    expect((await search("lighthouse")).hits.map((t) => t.id)).toEqual(["display.test_situations"]);

    const update = `mutation($id: ID!, $v: Int!, $i: UpdateToolInput!) { updateTool(id: $id, version: $v, input: $i) { version situations utterances } }`;
    const updated = await api.gql(update, { id: base.id, v: created.data.createTool.version, i: { situations: ["a foghorn is sounding outside", "the harbour is dark tonight"] } });
    expect(updated.errors).toBeUndefined();
    expect(updated.data.updateTool.situations).toEqual(["a foghorn is sounding outside", "the harbour is dark tonight"]);
    expect(updated.data.updateTool.utterances).toEqual(base.utterances);
    expect((await search("lighthouse")).hits).toEqual([]);
    expect((await search("foghorn")).hits.map((t) => t.id)).toEqual(["display.test_situations"]);

    // An update that leaves situations out keeps them.
    const untouched = await api.gql(update, { id: base.id, v: updated.data.updateTool.version, i: { description: "Still a tool for situation tests." } });
    expect(untouched.data.updateTool.situations).toEqual(["a foghorn is sounding outside", "the harbour is dark tonight"]);

    const history = await api.gql(`{ toolRevisions(toolId: "display.test_situations") { action changes { field before after } } }`);
    const situationChanges = history.data.toolRevisions
      .filter((r: { action: string }) => r.action === "UPDATE")
      .flatMap((r: { changes: { field: string }[] }) => r.changes)
      .filter((c: { field: string }) => c.field === "situations");
    expect(situationChanges).toEqual([{ field: "situations", before: ["the lighthouse keeper is asleep"], after: ["a foghorn is sounding outside", "the harbour is dark tonight"] }]);
  });
});
