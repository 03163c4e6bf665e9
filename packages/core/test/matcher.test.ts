import { describe, expect, it } from "vitest";
import { buildToolMatcher, resolveSuggestionTool } from "../src/index";

const tools = [
  { id: "sound.clean_speaker", canonicalQuery: "Clean the speaker", utterances: ["eject water from my speaker", "my phone got wet"] },
  { id: "battery.check_health", canonicalQuery: "Check battery health", utterances: ["how healthy is my battery"] },
  { id: "battery.open_settings", canonicalQuery: "Open battery settings", utterances: ["Check battery health", "battery menu"] },
  { id: "zz.off", canonicalQuery: "Turn on the Wi-Fi", utterances: ["wifi on"], enabled: false },
  { id: "aa.shared", canonicalQuery: "Shared one", utterances: ["battery menu"] },
];

describe("buildToolMatcher (normalised exact match)", () => {
  const m = buildToolMatcher(tools);
  it("matches canonical queries and utterances after normalizeText", () => {
    expect(m.match("  clean THE speaker!! ")).toBe("sound.clean_speaker");
    expect(m.match("Eject water from my speaker.")).toBe("sound.clean_speaker");
    expect(m.match("How healthy is my battery?")).toBe("battery.check_health");
  });
  it("is exact, not a substring or fuzzy match", () => {
    expect(m.match("clean the speaker now")).toBeNull();
    expect(m.match("speaker")).toBeNull();
    expect(m.match("")).toBeNull();
    expect(m.match("!!!")).toBeNull();
  });
  it("never matches a disabled tool", () => {
    expect(m.match("Turn on the Wi-Fi")).toBeNull();
    expect(m.match("wifi on")).toBeNull();
  });
  it("a canonical query beats another tool's utterance; between utterances the smaller id wins", () => {
    expect(m.match("check battery health")).toBe("battery.check_health");
    expect(m.match("battery menu")).toBe("aa.shared");
    expect(buildToolMatcher([...tools].reverse()).match("battery menu")).toBe("aa.shared");
  });
});

describe("resolveSuggestionTool", () => {
  const m = buildToolMatcher(tools);
  const enabled = (id: string) => tools.some((t) => t.id === id && t.enabled !== false);
  it("uses the logged toolId when it is an enabled tool", () => {
    expect(resolveSuggestionTool("anything", "battery.check_health", enabled, m)).toEqual({ toolId: "battery.check_health", resolution: "logged" });
  });
  it("falls back to the matcher when the logged tool is disabled or absent", () => {
    expect(resolveSuggestionTool("Clean the speaker", "zz.off", enabled, m)).toEqual({ toolId: "sound.clean_speaker", resolution: "matcher" });
    expect(resolveSuggestionTool("Clean the speaker", null, enabled, m)).toEqual({ toolId: "sound.clean_speaker", resolution: "matcher" });
    expect(resolveSuggestionTool("Tell me more", "zz.off", enabled, m)).toEqual({ toolId: null, resolution: "none" });
  });
});
