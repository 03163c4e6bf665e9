import { describe, expect, it } from "vitest";
import { decidingTool, impressionToolInvoking, isDesirable, type SuggestionOutcome } from "../src/index";

const s = (toolId: string | null, exposed: boolean, clicked: boolean): SuggestionOutcome => ({ toolId, exposed, clicked });
const P: Record<string, number> = { "a.low": 0.1, "a.mid": 0.5, "a.high": 0.9 };
const pOf = (id: string): number => P[id]!;

describe("isDesirable", () => {
  it("needs an exposed suggestion that was clicked", () => {
    expect(isDesirable([s(null, true, false), s(null, true, true)])).toBe(true);
    expect(isDesirable([s(null, true, false), s(null, false, false)])).toBe(false);
    // a click on a suggestion that was never exposed does not count
    expect(isDesirable([s(null, false, true)])).toBe(false);
    expect(isDesirable([])).toBe(false);
  });
});

describe("impressionToolInvoking", () => {
  it("desirable: only clicked suggestions count", () => {
    const clickedGeneral = [s(null, true, true), s("a.high", true, false)];
    expect(impressionToolInvoking(clickedGeneral)).toBe(false);
    expect(impressionToolInvoking([s("a.low", true, true), s(null, true, false)])).toBe(true);
  });
  it("undesirable: any exposed tool-invoking suggestion counts", () => {
    expect(impressionToolInvoking([s(null, true, false), s("a.low", true, false)])).toBe(true);
    // not exposed -> does not count
    expect(impressionToolInvoking([s(null, true, false), s("a.low", false, false)])).toBe(false);
  });
});

describe("decidingTool", () => {
  it("desirable: the clicked tool with the largest p", () => {
    const suggestions = [s("a.low", true, true), s("a.high", true, false), s("a.mid", true, true)];
    expect(decidingTool(suggestions, true, pOf)).toEqual({ toolId: "a.mid", p: 0.5 });
  });
  it("undesirable: the exposed tool with the largest p", () => {
    const suggestions = [s("a.low", true, false), s("a.high", false, false), s("a.mid", true, false)];
    expect(decidingTool(suggestions, false, pOf)).toEqual({ toolId: "a.mid", p: 0.5 });
  });
  it("first in generated order wins a tie; null when not tool-invoking", () => {
    const tie = { "t.a": 0.5, "t.b": 0.5 } as Record<string, number>;
    expect(decidingTool([s("t.a", true, true), s("t.b", true, true)], true, (id) => tie[id]!)?.toolId).toBe("t.a");
    expect(decidingTool([s(null, true, true)], true, pOf)).toBeNull();
  });
});
