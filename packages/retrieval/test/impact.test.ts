import { describe, expect, it } from "vitest";
import { impactPreview, previewToolEdit } from "../src/impact.js";
import { createLexicalRetriever } from "../src/lexical.js";
import type { DevsetItem } from "../src/metrics.js";
import { TOOLS } from "./fixtures.js";

const devset: DevsetItem[] = [
  { id: "d1", category: "display", kind: "indirect", dialogue: { userQuery: "where is the torch" }, relevant: ["display.set_brightness"] },
  { id: "d2", category: "network", kind: "direct", dialogue: { userQuery: "turn the wifi off" }, relevant: ["network.turn_off_wifi"] },
];

describe("impactPreview", () => {
  it("reports the dialogues that gain or lose a tool in their top k", async () => {
    const before = createLexicalRetriever(TOOLS);
    const after = createLexicalRetriever(TOOLS);
    after.upsert({ ...TOOLS[3]!, utterances: [...TOOLS[3]!.utterances, "light up the torch"] });
    const report = await impactPreview(before, after, devset, { k: 5 });
    expect(report).toMatchObject({ k: 5, dialogues: 2, recallBefore: 0.5, recallAfter: 1, improved: 1, worsened: 0 });
    expect(report.changed).toEqual([
      {
        id: "d1",
        category: "display",
        kind: "indirect",
        relevant: ["display.set_brightness"],
        before: [],
        after: ["display.set_brightness"],
        gained: ["display.set_brightness"],
        lost: [],
        relevantGained: ["display.set_brightness"],
        relevantLost: [],
      },
    ]);
  });

  it("previewToolEdit: removing a relevant tool loses it where it was in the top 5", async () => {
    const report = await previewToolEdit(TOOLS, null, devset, { removedId: "network.turn_off_wifi" });
    expect(report.changed.map((c) => c.id)).toEqual(["d2"]);
    expect(report.changed[0]?.lost).toEqual(["network.turn_off_wifi"]);
    expect(report.changed[0]?.relevantLost).toEqual(["network.turn_off_wifi"]);
    expect(report.worsened).toBe(1);
    expect(report.recallBefore).toBe(0.5);
    expect(report.recallAfter).toBe(0);
  });

  it("previewToolEdit: an edited description can make a tool findable", async () => {
    const edited = { ...TOOLS[3]!, description: "Changes how bright the screen is, like a torch." };
    const report = await previewToolEdit(TOOLS, edited, devset);
    expect(report.changed.map((c) => [c.id, c.gained])).toEqual([["d1", ["display.set_brightness"]]]);
    expect(report.improved).toBe(1);
  });

  it("no edit, no change", async () => {
    const report = await previewToolEdit(TOOLS, TOOLS[0]!, devset);
    expect(report.changed).toEqual([]);
    expect(report.recallAfter).toBe(report.recallBefore);
  });
});
