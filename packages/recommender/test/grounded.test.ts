import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "@toolrec/core";
import { chatFollowUps, createGroundedGenerator, dialogueTopic, groundedCandidates, MAX_K, MAX_SUGGESTION_LENGTH, type Candidate, type GeneratorTool, type PromptDialogue } from "../src/index";
import { catalogTools, retrieved } from "../test-support/catalog";
import { DIALOGUE_CASES as CASES, type DialogueCase as Case } from "../test-support/dialogues";

const turn = (role: "USER" | "ASSISTANT", content: string) => ({ role, content });
const run = (c: Case, k = 6, tools: GeneratorTool[] = retrieved(c.tools)) => groundedCandidates({ dialogue: c.dialogue, k, tools });
const textsOf = (cs: Candidate[]) => cs.map((c) => c.text);

/** What a reader would call broken: template holes, doubled words, stray spaces, lowercase starts. */
function grammarProblems(text: string): string[] {
  const problems: string[] = [];
  if (text !== text.trim() || /\s{2}/u.test(text)) problems.push("stray spaces");
  if (!/^[\p{Lu}\d]/u.test(text)) problems.push("does not start with a capital");
  if (/[{}]|\bundefined\b|\bnull\b/u.test(text)) problems.push("template hole");
  if (/\s[?.!,]/u.test(text)) problems.push("space before punctuation");
  if (/\b(my|the|a|an|another|your)\s*[?.!]?$/iu.test(text)) problems.push("ends on a determiner (empty topic)");
  if (/\b(\w+)\s+\1\b/iu.test(text)) problems.push("doubled word");
  if (/\b(the|my) (the|my|a|an)\b/iu.test(text)) problems.push("two determiners");
  if (/^(what|why|how|where|who|when|is|are|can|should|could|do|does)\b/iu.test(text) && !text.endsWith("?")) problems.push("question without ?");
  return problems;
}

describe("grounded generator on real dialogues", () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: K distinct, well-formed suggestions, tools only from the retrieved ones`, () => {
      for (const k of [1, 3, 6, MAX_K]) {
        const out = run(c, k);
        expect(out).toHaveLength(k);
        const keys = out.map((s) => normalizeText(s.text));
        expect(new Set(keys).size).toBe(k);
        for (const s of out) {
          expect(s.source).toBe("grounded");
          if (s.toolId === null) {
            expect(grammarProblems(s.text), s.text).toEqual([]);
            continue;
          }
          // A tool chip is the tool's catalog text: its canonical query or one of its utterances.
          expect(c.tools).toContain(s.toolId);
          const t = catalogTools().get(s.toolId)!;
          expect([t.canonicalQuery, ...t.utterances].map((x) => normalizeText(x))).toContain(normalizeText(s.text));
          expect(s.text).toMatch(/^\p{Lu}/u);
        }
      }
    });
  }

  it("puts two tool chips first and a chat follow-up third when tools fit the dialogue", () => {
    for (const [name, c] of Object.entries(CASES)) {
      if (!c.toolsFit) continue;
      const out = run(c, 6);
      expect(out[0]!.toolId, name).not.toBeNull();
      if (name !== "alarmFollowUp" && name !== "podcast") expect(out[1]!.toolId, name).not.toBeNull();
      expect(out[2]!.toolId, name).toBeNull();
    }
  });

  it("suggests no tool when none of the retrieved ones fits (weather, a joke, a book)", () => {
    for (const name of ["weather", "joke", "book"]) {
      const out = run(CASES[name]!, 6);
      expect(out.every((s) => s.toolId === null), `${name}: ${textsOf(out).join(" | ")}`).toBe(true);
    }
  });

  it("reads like the issue's example for 'Why is my phone lagging?'", () => {
    const out = run(CASES.lagging!, 3);
    const tools = out.slice(0, 2).map((s) => s.toolId);
    for (const id of tools) expect(["storage.clear_ram", "storage.clear_cache", "apps.close_recent_apps"]).toContain(id);
    // The RAM tool's canonical query "Free up RAM" does not match the dialogue; its command-like utterance does.
    expect(textsOf(out)).toContain("Clear memory and close background apps");
    expect(out[2]).toEqual({ text: "What else can slow down my phone?", toolId: null, source: "grounded" });
  });

  it("leads with the tool the dialogue is about", () => {
    expect(run(CASES.battery!)[0]!.toolId).toBe("battery.turn_on_battery_saver");
    expect(run(CASES.speaker!)[0]!.toolId).toBe("sound.clean_speaker");
    expect(run(CASES.screenshot!)[0]!.toolId).toBe("camera.take_screenshot");
    expect(run(CASES.storage!)[0]!.toolId).toBe("storage.clear_cache");
  });

  it("does not offer the opposite of what the answer recommends above it", () => {
    const ids = run(CASES.battery!, 12).map((s) => s.toolId);
    const on = ids.indexOf("battery.turn_on_battery_saver");
    const off = ids.indexOf("battery.turn_off_battery_saver");
    expect(on).toBe(0);
    expect(off === -1 || off > 2).toBe(true);
  });

  it("talks about the dialogue's topic in its chat follow-ups", () => {
    expect(textsOf(run(CASES.weather!))).toContain("Tell me more about the weather in Paris");
    expect(textsOf(run(CASES.joke!))[0]).toBe("Tell me another joke");
    expect(textsOf(run(CASES.book!))[0]).toBe("Tell me more about Pride and Prejudice");
    expect(textsOf(run(CASES.battery!))).toContain("What else drains my battery?");
    expect(textsOf(run(CASES.podcast!))).toContain("Can you recommend another podcast?");
    expect(textsOf(run(CASES.wifi!))).toContain("What else can make Wi-Fi unstable?");
  });

  it("is deterministic", () => {
    for (const c of Object.values(CASES)) expect(run(c, 8)).toEqual(run(c, 8));
  });

  it("serves through the generator interface with the Eq. 1 prompt and no model", async () => {
    const c = CASES.lagging!;
    const result = await createGroundedGenerator().generate({ dialogue: c.dialogue, k: 6, tools: retrieved(c.tools) });
    expect(result.generator).toBe("grounded");
    expect(result.fallback).toBeNull();
    expect(result.rawOutput).toBeNull();
    expect(result.promptTemplateVersion).toBe("toolrec-suggest-v2");
    expect(result.prompt).toContain('- "Free up RAM": ');
    expect(result.candidates).toEqual(run(c, 6));
    expect(result.timings.attempts).toBe(0);
  });

  it("rejects K outside 1..12 with a ValidationError on k", () => {
    for (const k of [0, 13, 2.5]) {
      expect(() => run(CASES.lagging!, k)).toThrowError(expect.objectContaining({ code: "BAD_USER_INPUT", field: "k" }));
    }
  });
});

describe("grounded over the whole catalog", () => {
  it("puts the tool first when the user asks for it in the catalog's own words", () => {
    const misses: string[] = [];
    for (const t of catalogTools().values()) {
      const tools = retrieved([t.id]);
      for (const userQuery of [t.canonicalQuery, t.utterances[0]!]) {
        const out = groundedCandidates({ dialogue: { userQuery, assistantResponse: null, history: [] }, k: 3, tools });
        if (out[0]!.toolId !== t.id) misses.push(`${t.id}: ${userQuery}`);
      }
    }
    expect(misses).toEqual([]);
  });
});

describe("grounded on any input", () => {
  it("always returns K distinct candidates with no template holes, tools only from the retrieved ones", () => {
    const ids = [...catalogTools().keys()];
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ minLength: 90, maxLength: 300, unit: fc.constantFrom("a", "b", "Z") }), fc.constantFrom("Why is my phone lagging?", "the the", "My", "a", "?", "Tell me a", "Can you recommend a", "how do I"));
    fc.assert(
      fc.property(
        text, fc.option(text, { nil: null }), fc.array(fc.record({ role: fc.constantFrom("USER" as const, "ASSISTANT" as const), content: text }), { maxLength: 3 }),
        fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 5 }), fc.integer({ min: 1, max: MAX_K }),
        (userQuery, assistantResponse, history, toolIds, k) => {
          const out = groundedCandidates({ dialogue: { userQuery, assistantResponse, history }, k, tools: retrieved(toolIds) });
          expect(out).toHaveLength(k);
          expect(new Set(out.map((s) => normalizeText(s.text))).size).toBe(k);
          for (const s of out) {
            expect(s.text).not.toMatch(/[{}]|\s{2}|^\s|\s$|\bundefined\b/u);
            expect(s.toolId === null || toolIds.includes(s.toolId)).toBe(true);
            expect([...s.text].length).toBeLessThanOrEqual(MAX_SUGGESTION_LENGTH);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("grounded ordering", () => {
  const base = retrieved(["sound.clean_speaker"])[0]!;
  const tool = (id: string, canonicalQuery: string, score: number, p: number): GeneratorTool => ({
    ...base, id, name: canonicalQuery, canonicalQuery, description: "Speaker maintenance.", utterances: [], score, rank: 1, frequencyPercentile: p,
  });
  const dialogue = { userQuery: "the speaker sounds muffled", assistantResponse: "Cleaning or testing the speaker helps.", history: [] };

  it("orders equally fitting tools by retrieval score", () => {
    const out = groundedCandidates({ dialogue, k: 2, tools: [tool("a.test_speaker", "Test the speaker", 0.5, 0.5), tool("a.clean_speaker", "Clean the speaker", 1, 0.5)] });
    expect(out.map((s) => s.toolId)).toEqual(["a.clean_speaker", "a.test_speaker"]);
  });

  it("breaks near-ties of retrieval score by tool frequency", () => {
    const out = groundedCandidates({ dialogue, k: 2, tools: [tool("a.clean_speaker", "Clean the speaker", 1 / 61, 0.1), tool("a.test_speaker", "Test the speaker", 1 / 62, 0.95)] });
    expect(out.map((s) => s.toolId)).toEqual(["a.test_speaker", "a.clean_speaker"]);
  });

  it("follows a tool edit at once (per-tool analysis is cached by id, and recomputed when the texts change)", () => {
    const before = tool("a.clean_speaker", "Clean the speaker", 1, 0.5);
    expect(groundedCandidates({ dialogue, k: 1, tools: [before] })[0]!.text).toBe("Clean the speaker");
    const edited = { ...before, canonicalQuery: "Blow dust out of the speaker" };
    expect(groundedCandidates({ dialogue, k: 1, tools: [edited] })[0]!.text).toBe("Blow dust out of the speaker");
    const unrelated = { ...before, canonicalQuery: "Set a timer", name: "Timer", description: "Counts down.", utterances: ["start a countdown"] };
    expect(groundedCandidates({ dialogue, k: 3, tools: [unrelated] }).every((s) => s.toolId === null)).toBe(true);
  });

  it("resolves a chat follow-up that is a catalog query through the matcher", async () => {
    const { buildToolMatcher } = await import("@toolrec/core");
    const matcher = buildToolMatcher([{ id: "x.tell_more", canonicalQuery: "Tell me more", utterances: [] }]);
    const out = groundedCandidates({ dialogue: { userQuery: "hmm", assistantResponse: null, history: [] }, k: MAX_K, tools: [], matcher });
    expect(out.find((s) => s.text === "Tell me more")?.toolId).toBe("x.tell_more");
  });
});

describe("topic", () => {
  it.each([
    ["Why is my phone lagging?", "my phone"],
    ["My battery drains so fast", "my battery"],
    ["What's the weather tomorrow in Paris?", "the weather in Paris"],
    ["Wi-Fi keeps disconnecting", "Wi-Fi"],
    ["Wifi keeps dropping", "wifi"],
    ["Who wrote Pride and Prejudice?", "Pride and Prejudice"],
    ["Can you recommend a good podcast?", "the podcast"],
    ["What's the capital of France?", "the capital of France"],
  ])("of %j is %j", (q, phrase) => {
    const t = dialogueTopic(q);
    expect(t && (t.determiner ? `${t.determiner} ${t.phrase}` : t.phrase)).toBe(phrase);
  });

  it("falls back to the latest earlier user turn, and to none", () => {
    expect(dialogueTopic("do it again", [turn("USER", "Play some jazz"), turn("ASSISTANT", "Playing jazz.")])?.phrase).toBe("jazz");
    expect(dialogueTopic("ok")).toBeNull();
    expect(chatFollowUps("ok").length).toBeGreaterThanOrEqual(MAX_K);
    expect(chatFollowUps("ok").every((s) => grammarProblems(s).length === 0)).toBe(true);
  });

});
