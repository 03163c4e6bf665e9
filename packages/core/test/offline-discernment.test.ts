// The user model's `discernment`: users who click less are choosier about tools (their own
// tool preference grows as their click propensity falls); 0 is the default model exactly.
import { describe, expect, it } from "vitest";
import { resolveExperimentUserModel, runOfflineExperiment, ValidationError, type OfflineArm, type OfflineImpression, type SimulationTool } from "../src/index";

const tool = (id: string, categoryId: string, invocationCount: number, utterances: string[]): SimulationTool => ({
  id, categoryId, name: id, canonicalQuery: `Open ${id}`, utterances, invocationCount,
});
const CATALOG: SimulationTool[] = [
  tool("battery.saver", "battery", 900, ["my battery drains fast", "turn on battery saver"]),
  tool("wifi.toggle", "wifi", 800, ["wifi keeps dropping", "turn wifi off and on"]),
  tool("sound.mute", "sound", 50, ["mute my phone", "silence everything"]),
];
const topicOf = (q: string) => CATALOG.find((t) => t.utterances.some((u) => q.toLowerCase().includes(u)));
const chat = (k: number) => Array.from({ length: k }, (_, i) => ({ text: `Tell me more ${i}`, toolId: null as string | null }));
const chatArm: OfflineArm = { name: "chat", suggest: ({ k }) => chat(k) };
const toolArm: OfflineArm = {
  name: "tools",
  suggest: ({ dialogue, k }) => {
    const t = topicOf(dialogue.userQuery);
    return t ? [{ text: t.canonicalQuery, toolId: t.id }, ...chat(k)].slice(0, k) : chat(k);
  },
};

/** Clicks of the tools arm over clicks of the chat arm, for the users who click least and most (by their chat clicks). */
async function liftByClickiness(discernment: number) {
  const r = await runOfflineExperiment(CATALOG, [chatArm, toolArm], { impressions: 8000, seed: 3, keepLog: true, userModel: { users: 20, zipfExponent: 0, discernment } });
  const clicksByUser = (log: readonly OfflineImpression[]) => {
    const m = new Map<string, number>();
    for (const imp of log) m.set(imp.userId, (m.get(imp.userId) ?? 0) + (imp.suggestions.some((s) => s.clicked) ? 1 : 0));
    return m;
  };
  const chatClicks = clicksByUser(r.logs!.chat!);
  const toolClicks = clicksByUser(r.logs!.tools!);
  const users = [...chatClicks.keys()].sort((a, b) => chatClicks.get(a)! - chatClicks.get(b)!);
  const lift = (us: string[]) => us.reduce((s, u) => s + toolClicks.get(u)!, 0) / Math.max(1, us.reduce((s, u) => s + chatClicks.get(u)!, 0));
  return { low: lift(users.slice(0, 10)), high: lift(users.slice(10)), chat: r.arms[0]!.counts };
}

describe("user model: discernment", () => {
  it("users who click less gain more from tool suggestions; general suggestions are clicked as before", async () => {
    const plain = await liftByClickiness(0);
    const choosy = await liftByClickiness(2);
    // General queries do not depend on tool preference: the chat arm's clicks are the same.
    expect(choosy.chat).toEqual(plain.chat);
    // Rare clickers' tool lift grows against frequent clickers'.
    expect(choosy.low / choosy.high).toBeGreaterThan(1.5 * (plain.low / plain.high));
  });

  it("defaults to 0 and refuses values outside 0 to 3 on userModel.discernment", () => {
    expect(resolveExperimentUserModel().discernment).toBe(0);
    expect(() => resolveExperimentUserModel({ discernment: 4 })).toThrow(ValidationError);
    expect(() => resolveExperimentUserModel({ discernment: -1 })).toThrow(/userModel\.discernment must be from 0 to 3/);
  });
});
