import { describe, expect, it } from "vitest";
import { formatExperimentTable, NO_TOOL_PREFERENCE, runOfflineExperiment, type OfflineArm, type SimulationTool } from "../src/index";

const tool = (id: string, categoryId: string, invocationCount: number, utterances: string[]): SimulationTool => ({
  id, categoryId, name: id.split(".")[1]!.replaceAll("_", " "), canonicalQuery: `Open ${id}`, utterances, invocationCount,
});
const CATALOG: SimulationTool[] = [
  tool("battery.saver", "battery", 900, ["my battery drains fast", "turn on battery saver"]),
  tool("battery.usage", "battery", 300, ["what uses my battery", "battery usage by app"]),
  tool("wifi.toggle", "wifi", 800, ["wifi keeps dropping", "turn wifi off and on"]),
  tool("wifi.forget", "wifi", 100, ["forget this network", "remove a saved wifi"]),
  tool("sound.volume", "sound", 500, ["it's too quiet", "turn the volume up"]),
  tool("sound.mute", "sound", 50, ["mute my phone", "silence everything"]),
];
const byUtterance = new Map(CATALOG.flatMap((t) => t.utterances.map((u) => [u, t] as const)));
const topicOf = (q: string) => [...byUtterance].find(([u]) => q.toLowerCase().includes(u.toLowerCase()))?.[1];

/** Only chat follow-ups. */
const chatArm: OfflineArm = { name: "chat", suggest: ({ k }) => Array.from({ length: k }, (_, i) => ({ text: `Tell me more ${i}`, toolId: null })) };
/** The dialogue's own tool first, then chat. */
const toolArm: OfflineArm = {
  name: "tools",
  suggest: ({ dialogue, k }) => {
    const t = topicOf(dialogue.userQuery);
    const chat = Array.from({ length: k }, (_, i) => ({ text: `Tell me more ${i}`, toolId: null as string | null }));
    return t ? [{ text: t.canonicalQuery, toolId: t.id }, ...chat].slice(0, k) : chat;
  },
};

describe("offline experiment", () => {
  it("gives the same numbers for a seed, and other numbers for another seed", async () => {
    const a = await runOfflineExperiment(CATALOG, [chatArm, toolArm], { impressions: 3000, seed: 7 });
    const b = await runOfflineExperiment(CATALOG, [chatArm, toolArm], { impressions: 3000, seed: 7 });
    const c = await runOfflineExperiment(CATALOG, [chatArm, toolArm], { impressions: 3000, seed: 8 });
    expect(b.arms).toEqual(a.arms);
    expect(c.arms[0]!.counts).not.toEqual(a.arms[0]!.counts);
    // Pinned: a change to the user model or the draws shows up here.
    expect(a.arms.map((x) => [x.arm, x.counts.impressions, x.counts.clickedImpressions, x.counts.toolClickedImpressions, x.counts.exposedSuggestions])).toMatchInlineSnapshot(`
      [
        [
          "chat",
          3000,
          160,
          0,
          10121,
        ],
        [
          "tools",
          3000,
          272,
          186,
          10121,
        ],
      ]
    `);
  });

  it("users who prefer tools click more when their tool is shown; users without that preference do not", async () => {
    const withPref = await runOfflineExperiment(CATALOG, [chatArm, toolArm], { impressions: 4000, seed: 1 });
    const [chat, tools] = withPref.arms;
    expect(tools!.metrics.ctr.value!.estimate).toBeGreaterThan(chat!.metrics.ctr.value!.estimate);
    expect(tools!.metrics.ctr.difference!.lower).toBeGreaterThan(0);
    expect(tools!.metrics.toolShareExposed.value!.estimate).toBeGreaterThan(0.2);
    expect(chat!.metrics.toolCtr.successes).toBe(0);

    const noPref = await runOfflineExperiment(CATALOG, [chatArm, toolArm], { impressions: 4000, seed: 1, userModel: NO_TOOL_PREFERENCE });
    // Same users, same draws, same appeal for every suggestion: the same clicks.
    expect(noPref.arms[1]!.counts.clickedImpressions).toBe(noPref.arms[0]!.counts.clickedImpressions);
  });

  it("varies activity across users with the Zipf exponent", async () => {
    const share = async (zipfExponent: number) => {
      const r = await runOfflineExperiment(CATALOG, [chatArm], { impressions: 3000, seed: 2, keepLog: true, userModel: { users: 100, zipfExponent } });
      const counts = new Map<string, number>();
      for (const imp of r.logs!.chat!) counts.set(imp.userId, (counts.get(imp.userId) ?? 0) + 1);
      return Math.max(...counts.values()) / 3000;
    };
    expect(await share(0)).toBeLessThan(0.04);
    expect(await share(1.2)).toBeGreaterThan(0.15);
  });

  it("reports the arms with the control first-class and refuses bad input", async () => {
    const r = await runOfflineExperiment(CATALOG, [chatArm, toolArm], { impressions: 500, seed: 3 });
    const table = formatExperimentTable(r.arms, { chat: "Chat only" });
    expect(table).toContain("Chat only");
    expect(table).toContain("(control)");
    expect(table.split("\n")).toHaveLength(4);
    await expect(runOfflineExperiment(CATALOG, [chatArm, chatArm], { impressions: 10, seed: 1 })).rejects.toThrow(/distinct/);
    await expect(runOfflineExperiment(CATALOG, [chatArm], { impressions: 10, seed: 1, userModel: { toolPreference: 0 } })).rejects.toThrow(/toolPreference/);
    await expect(runOfflineExperiment([], [chatArm], { impressions: 10, seed: 1 })).rejects.toThrow(/catalog/);
  });
});
