// The dev set's admission rules for new dialogues (scripts/add-dialogues.ts) and the split they get.
import { describe, expect, it } from "vitest";
import { admitDialogues } from "../scripts/add-dialogues.js";
import { assignSplits } from "../scripts/split-devset.js";
import { idAtOrAfter } from "../src/eval/data.js";

const tools = new Set(["sound.enable_dnd", "display.enable_night_light", "battery.turn_on_battery_saver"]);
const phrases = ["silence my phone for the meeting", "my eyes hurt from the screen at night"];
const existing = [{ id: "d009", kind: "direct", split: "tune", dialogue: { userQuery: "make the screen warmer tonight", history: [] }, relevant: ["display.enable_night_light"] }];
const row = (userQuery: string, relevant = ["sound.enable_dnd"], history: { role: string; content: string }[] = []) => ({ kind: history.length ? "multi_turn" : "indirect", dialogue: { userQuery, assistantResponse: "ok", history }, relevant });

describe("admitDialogues", () => {
  it("numbers admitted rows after the dev set and takes the category from the first relevant tool", () => {
    const { added, refused } = admitDialogues(existing, [row("exam tomorrow and the group chat won't shut up"), row("phone dies before lunch", ["battery.turn_on_battery_saver"])], tools, phrases);
    expect(refused).toEqual([]);
    expect(added.map((r) => [r.id, r.category])).toEqual([["d010", "sound"], ["d011", "battery"]]);
  });

  it("keeps numbering past d999, and ids compare as numbers (d1000 comes after d693)", () => {
    const { added } = admitDialogues([{ ...existing[0]!, id: "d999" }], [row("exam tomorrow and the group chat won't shut up")], tools, phrases);
    expect(added.map((r) => r.id)).toEqual(["d1000"]);
    expect(idAtOrAfter("d1000", "d693")).toBe(true);
    expect(idAtOrAfter("d692", "d693")).toBe(false);
    expect(idAtOrAfter("d5", null)).toBe(true);
  });

  it("refuses a user turn close to a catalog phrase, history included, and names the phrase", () => {
    const { added, refused } = admitDialogues(existing, [row("silence my phone for the meeting please"), row("yes that one", ["sound.enable_dnd"], [{ role: "USER", content: "my eyes hurt from the screen at night" }, { role: "ASSISTANT", content: "want night light?" }])], tools, phrases);
    expect(added).toEqual([]);
    expect(refused.map((r) => r.index)).toEqual([0, 1]);
    expect(refused[0]!.why).toContain('"silence my phone for the meeting"');
  });

  it("refuses a repeat of a dev-set query (also of an earlier new row), an unknown tool and a bad kind", () => {
    const { added, refused } = admitDialogues(existing, [row("make the screen warmer tonight pls", ["display.enable_night_light"]), row("need quiet for two hours"), row("need quiet for two hours ok"), row("x", ["sound.no_such_tool"]), { ...row("y"), kind: "weird" }], tools, phrases);
    expect(added.map((r) => r.dialogue.userQuery)).toEqual(["need quiet for two hours"]);
    expect(refused.map((r) => r.index)).toEqual([0, 2, 3, 4]);
  });

  it("refuses a row that is not a dialogue instead of failing the whole batch", () => {
    const { added, refused } = admitDialogues(existing, [{ kind: "direct" } as never, row("need quiet for two hours")], tools, phrases);
    expect(added).toHaveLength(1);
    expect(refused).toEqual([{ index: 0, why: "not a dialogue row: needs dialogue.userQuery and relevant" }]);
  });

  it("new rows get a split; rows that had one keep it", () => {
    const { added } = admitDialogues(existing, Array.from({ length: 10 }, (_, i) => row(`need quiet number ${i} ${"abcdefghij"[i]}`)), tools, []);
    const out = assignSplits([...existing, ...added]);
    expect(out[0]!.split).toBe("tune");
    expect(out.slice(1).filter((r) => r.split === "test")).toHaveLength(5);
  });
});
