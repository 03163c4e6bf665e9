// The revision history's word diff: what the curator sees struck out and inserted.
import { describe, expect, it } from "vitest";
import { diffList, diffWords, type DiffPart } from "../src/lib/diff";

/** The before and after texts a diff shows (del parts only before, ins parts only after). */
const sides = (parts: DiffPart[]) => ({
  before: parts.filter((p) => p.op !== "ins").map((p) => p.text).join(""),
  after: parts.filter((p) => p.op !== "del").map((p) => p.text).join(""),
});

describe("diffWords", () => {
  it("marks the words that changed and keeps the rest, whitespace included", () => {
    expect(diffWords("Turn on Wi-Fi now", "Turn off Wi-Fi now")).toEqual([
      { op: "same", text: "Turn " },
      { op: "del", text: "on" },
      { op: "ins", text: "off" },
      { op: "same", text: " Wi-Fi now" },
    ]);
  });

  it("merges neighbouring parts of the same kind", () => {
    expect(diffWords("a b c", "a x y c")).toEqual([
      { op: "same", text: "a " },
      { op: "del", text: "b" },
      { op: "ins", text: "x y" },
      { op: "same", text: " c" },
    ]);
  });

  it("shows separate edits of one sentence separately", () => {
    expect(diffWords("Turn the flashlight on when it is dark", "Turn the torch on when it is very dark")).toEqual([
      { op: "same", text: "Turn the " },
      { op: "del", text: "flashlight" },
      { op: "ins", text: "torch" },
      { op: "same", text: " on when it is" },
      { op: "ins", text: " very" },
      { op: "same", text: " dark" },
    ]);
  });

  it("handles insertions at either end, deletions, and identical or empty texts", () => {
    expect(diffWords("", "")).toEqual([]);
    expect(diffWords("same text", "same text")).toEqual([{ op: "same", text: "same text" }]);
    expect(diffWords("", "new")).toEqual([{ op: "ins", text: "new" }]);
    expect(diffWords("old", "")).toEqual([{ op: "del", text: "old" }]);
    expect(diffWords("middle", "start middle end")).toEqual([
      { op: "ins", text: "start " },
      { op: "same", text: "middle" },
      { op: "ins", text: " end" },
    ]);
  });

  it("always gives back both texts exactly", () => {
    const pairs = [
      ["Connects to Wi-Fi so downloads stop eating mobile data.", "Connects to Wi-Fi, so downloads stop using mobile data."],
      ["  leading and trailing  ", "leading  and trailing"],
      ["one\ntwo\nthree", "one\nthree\nfour"],
    ];
    for (const [before, after] of pairs) expect(sides(diffWords(before!, after!))).toEqual({ before, after });
  });

  it("shows very long, entirely different texts as one deletion and one insertion", () => {
    const before = Array.from({ length: 3_000 }, (_, i) => `a${i}`).join(" ");
    const after = Array.from({ length: 3_000 }, (_, i) => `b${i}`).join(" ");
    expect(diffWords(before, after)).toEqual([{ op: "del", text: before }, { op: "ins", text: after }]);
  });
});

describe("diffList", () => {
  it("lists removed and added items, ignoring order, counting repeats", () => {
    expect(diffList(["a", "b", "b", "c"], ["c", "b", "d"])).toEqual({ removed: ["a", "b"], added: ["d"], kept: 2 });
  });
});
