import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeText } from "@toolrec/core";
import { MAX_K, MAX_SUGGESTION_LENGTH, parseSuggestions } from "../src/index";

const texts = (raw: unknown, options?: Parameters<typeof parseSuggestions>[1]) => parseSuggestions(raw, options).suggestions.map((s) => s.text);

describe("parseSuggestions: the shapes models answer in", () => {
  const expected = ["Clean the speaker", "Why is my phone lagging?", "Turn on battery saver"];

  it.each([
    ["one per line", "Clean the speaker\nWhy is my phone lagging?\nTurn on battery saver"],
    ["numbered with dots", "1. Clean the speaker\n2. Why is my phone lagging?\n3. Turn on battery saver"],
    ["numbered with parentheses", "1) Clean the speaker\n2) Why is my phone lagging?\n3) Turn on battery saver"],
    ["numbered (1)", "(1) Clean the speaker\n(2) Why is my phone lagging?\n(3) Turn on battery saver"],
    ["dash bullets", "- Clean the speaker\n- Why is my phone lagging?\n- Turn on battery saver"],
    ["star bullets", "* Clean the speaker\n* Why is my phone lagging?\n* Turn on battery saver"],
    ["round bullets", "• Clean the speaker\n• Why is my phone lagging?\n• Turn on battery saver"],
    ["a JSON array of strings", '["Clean the speaker", "Why is my phone lagging?", "Turn on battery saver"]'],
    ["a JSON array of {text}", '[{"text": "Clean the speaker"}, {"text": "Why is my phone lagging?"}, {"text": "Turn on battery saver"}]'],
    ["an object with suggestions", '{"suggestions": ["Clean the speaker", "Why is my phone lagging?", "Turn on battery saver"]}'],
    ["a fenced JSON array", '```json\n["Clean the speaker", "Why is my phone lagging?", "Turn on battery saver"]\n```'],
    ["a fenced list after chatter", "Sure! Here you go:\n```\n1. Clean the speaker\n2. Why is my phone lagging?\n3. Turn on battery saver\n```\nHope that helps."],
    ["a leading label line", "Suggested queries:\n1. Clean the speaker\n2. Why is my phone lagging?\n3. Turn on battery saver"],
    ["a label on the first item's line", "Suggested queries: Clean the speaker\nWhy is my phone lagging?\nTurn on battery saver"],
    ["a markdown heading", "### Suggested queries\n- Clean the speaker\n- Why is my phone lagging?\n- Turn on battery saver"],
    ["quoted and bold items, blank lines, CRLF", '1. "Clean the speaker"\r\n\r\n2. **Why is my phone lagging?**\r\n3. “Turn on battery saver”'],
    ["a JSON array cut short (one string per line)", '[\n  "Clean the speaker",\n  "Why is my phone lagging?",\n  "Turn on battery saver",\n'],
  ])("reads %s", (_name, raw) => {
    expect(texts(raw)).toEqual(expected);
  });

  it("keeps a tool id proposed in {text, toolId} objects, for resolution to check", () => {
    const parsed = parseSuggestions('[{"text": "Clean the speaker", "toolId": "sound.clean_speaker"}, {"text": "Tell me more"}]');
    expect(parsed.format).toBe("json");
    expect(parsed.suggestions).toEqual([
      { text: "Clean the speaker", toolId: "sound.clean_speaker" },
      { text: "Tell me more", toolId: null },
    ]);
  });

  it("dedupes case-insensitively and after whitespace and punctuation normalisation, keeping the first", () => {
    const parsed = parseSuggestions("Turn on Wi-Fi\nturn on wi fi\nTURN ON WI-FI!\n  Turn   on   Wi-Fi  \nClean the speaker");
    expect(parsed.suggestions.map((s) => s.text)).toEqual(["Turn on Wi-Fi", "Clean the speaker"]);
    expect(parsed.dropped.filter((d) => d.reason === "duplicate")).toHaveLength(3);
  });

  it("drops empty, punctuation-only and over-long lines, and stops at maxCount", () => {
    const long = `Explain ${"very ".repeat(30)}carefully`;
    const parsed = parseSuggestions(`1. \n2. ?!\n3. ${long}\n4. A\n5. B\n6. C`, { maxCount: 2 });
    expect(parsed.suggestions.map((s) => s.text)).toEqual(["A", "B"]);
    expect(parsed.dropped).toEqual([
      { text: "", reason: "empty" },
      { text: "?!", reason: "empty" },
      { text: long, reason: "too_long" },
      { text: "C", reason: "over_count" },
    ]);
  });

  it("drops the last line of an answer cut at the token limit", () => {
    const parsed = parseSuggestions("1. Clean the speaker\n2. Turn on battery sa", { truncated: true });
    expect(parsed.suggestions.map((s) => s.text)).toEqual(["Clean the speaker"]);
    expect(parsed.dropped).toEqual([{ text: "2. Turn on battery sa", reason: "truncated" }]);
  });

  it("keeps numbers that are not list markers", () => {
    expect(texts("Set an alarm for 6:30\n1.5x playback speed\n10 tips for battery life")).toEqual(["Set an alarm for 6:30", "1.5x playback speed", "10 tips for battery life"]);
  });

  it("reads nothing from nothing, never throwing", () => {
    expect(parseSuggestions("").format).toBe("empty");
    expect(parseSuggestions("   \n\n ").suggestions).toEqual([]);
    expect(parseSuggestions(null).suggestions).toEqual([]);
    expect(parseSuggestions(42).suggestions).toEqual([]);
    expect(parseSuggestions("[]").suggestions).toEqual([]);
    expect(parseSuggestions('{"choices": []}').suggestions).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** A word as models write them: letters (some accented or not Latin), digits, an apostrophe or hyphen inside. */
const word = fc.stringMatching(/^[A-Za-zÀ-ÿ\u4e00-\u4e0f][a-zà-ÿ0-9'\u4e00-\u4e0f-]{0,9}$/u).filter((w) => !/['-]$/u.test(w));
/** A clean suggestion: 1 to 8 words, single spaces, optionally ending with ? . or !, within the length limit. */
const suggestion = fc
  .tuple(fc.array(word, { minLength: 1, maxLength: 8 }), fc.constantFrom("", "?", ".", "!"))
  .map(([ws, end]) => ws.join(" ") + end)
  .filter((s) => [...s].length <= MAX_SUGGESTION_LENGTH && normalizeText(s) !== "");
/** A list of clean suggestions, distinct after normalisation, at most MAX_K. */
const cleanList = fc.uniqueArray(suggestion, { minLength: 1, maxLength: MAX_K, selector: (s) => normalizeText(s) });

type Format = (list: string[]) => string;
const FORMATS: Record<string, Format> = {
  lines: (l) => l.join("\n"),
  numberedDot: (l) => l.map((s, i) => `${i + 1}. ${s}`).join("\n"),
  numberedParen: (l) => l.map((s, i) => `${i + 1}) ${s}`).join("\n"),
  dash: (l) => l.map((s) => `- ${s}`).join("\n"),
  star: (l) => l.map((s) => `* ${s}`).join("\n"),
  bullet: (l) => l.map((s) => `• ${s}`).join("\n"),
  jsonStrings: (l) => JSON.stringify(l),
  jsonPretty: (l) => JSON.stringify(l, null, 2),
  jsonObjects: (l) => JSON.stringify(l.map((text) => ({ text }))),
};
const WRAPPERS: Record<string, (body: string) => string> = {
  none: (b) => b,
  fence: (b) => `\`\`\`\n${b}\n\`\`\``,
  fenceJson: (b) => `\`\`\`json\n${b}\n\`\`\``,
  label: (b) => `Suggested queries:\n${b}`,
  labelAndFence: (b) => `Suggested queries:\n\`\`\`\n${b}\n\`\`\``,
  crlfAndBlankLines: (b) => `\n${b.replace(/\n/g, "\r\n\r\n")}\n\n`,
};

describe("parseSuggestions: properties", () => {
  it("reads back any list of clean suggestions written in any supported format", () => {
    fc.assert(
      fc.property(cleanList, fc.constantFrom(...Object.keys(FORMATS)), fc.constantFrom(...Object.keys(WRAPPERS)), (list, format, wrapper) => {
        const raw = WRAPPERS[wrapper]!(FORMATS[format]!(list));
        expect(texts(raw)).toEqual(list);
      }),
      { numRuns: 600 },
    );
  });

  it("never throws, and its output is trimmed, non-empty, within the limits and distinct", () => {
    const anyText = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.array(fc.oneof(fc.string({ maxLength: 140 }), fc.constantFrom("1.", "- ", "```", "[", "]", '"', "{", "}", "\n", ":", "**")), { maxLength: 40 }).map((parts) => parts.join("")),
      fc.json().map((j) => j),
    );
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: MAX_K }), fc.boolean(), (raw, maxCount, truncated) => {
        const { suggestions } = parseSuggestions(raw, { maxCount, truncated });
        expect(suggestions.length).toBeLessThanOrEqual(maxCount);
        const keys = suggestions.map((s) => normalizeText(s.text));
        expect(new Set(keys).size).toBe(keys.length);
        for (const s of suggestions) {
          expect(s.text).toBe(s.text.trim());
          expect(s.text).not.toMatch(/\s{2}|[\r\n]/u);
          expect(normalizeText(s.text)).not.toBe("");
          expect([...s.text].length).toBeLessThanOrEqual(MAX_SUGGESTION_LENGTH);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
