import { describe, expect, it } from "vitest";
import { IMPRESSION_LIMITS, parseTimestamp, validateImpression } from "../src/index";

const known = (id: string) => id === "sound.clean_speaker";
const good = () => ({
  id: "imp-1",
  userId: "u1",
  timestamp: "2026-04-21T10:00:00Z",
  dialogue: { userQuery: "my phone fell in water", assistantResponse: "Dry it first.", history: [{ role: "USER", content: "hi" }] },
  suggestions: [
    { text: "Clean the speaker", toolId: "sound.clean_speaker", exposed: true, clicked: true },
    { text: "What else?", clicked: false },
  ],
});
const problem = (raw: unknown) => {
  const r = validateImpression(raw, known);
  return r.ok ? null : r.message;
};

describe("parseTimestamp", () => {
  it("reads ISO-8601 date-times with a zone, and zone-less ones as UTC", () => {
    expect(parseTimestamp("2026-04-21T10:00:00Z")?.toISOString()).toBe("2026-04-21T10:00:00.000Z");
    expect(parseTimestamp("2026-04-21T12:00:00.250+02:00")?.toISOString()).toBe("2026-04-21T10:00:00.250Z");
    expect(parseTimestamp("2026-04-21 10:00")?.toISOString()).toBe("2026-04-21T10:00:00.000Z");
  });
  it("rejects malformed and impossible dates", () => {
    for (const bad of ["2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-04-21T25:00:00Z", "2026-04-21", "yesterday", "", 1714000000, null]) {
      expect(parseTimestamp(bad)).toBeNull();
    }
  });
});

describe("validateImpression", () => {
  it("accepts a well-formed impression and derives desirable (isDesirable)", () => {
    const r = validateImpression(good(), known);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.desirable).toBe(true);
      expect(r.value.suggestions[1]).toEqual({ text: "What else?", toolId: null, exposed: true, clicked: false });
    }
  });
  it("rejects each bad field with its path and reason", () => {
    expect(problem({ ...good(), suggestions: [{ text: "x", exposed: false, clicked: true }] })).toMatch(/suggestions\[0\]: clicked but not exposed/);
    expect(problem({ ...good(), suggestions: [{ text: "x", toolId: "no.such_tool", clicked: false }] })).toMatch(/suggestions\[0\]\.toolId: unknown tool "no\.such_tool"/);
    expect(problem({ ...good(), userId: "" })).toMatch(/userId: must not be empty/);
    expect(problem({ ...good(), dialogue: { userQuery: "  " } })).toMatch(/dialogue\.userQuery: must not be empty/);
    expect(problem({ ...good(), dialogue: {} })).toMatch(/dialogue\.userQuery: is required/);
    expect(problem({ ...good(), timestamp: "2026-02-30T00:00:00Z" })).toMatch(/timestamp: .* is not an ISO-8601 date-time/);
    expect(problem({ ...good(), dialogue: { userQuery: "x".repeat(IMPRESSION_LIMITS.text + 1) } })).toMatch(/longer than 2000/);
    expect(problem({ ...good(), suggestions: Array.from({ length: 21 }, () => ({ text: "x", clicked: false })) })).toMatch(/at most 20/);
    expect(problem({ ...good(), dialogue: { userQuery: "q", history: Array.from({ length: 51 }, () => ({ role: "USER", content: "x" })) } })).toMatch(/at most 50/);
    expect(problem({ ...good(), suggestions: [] })).toMatch(/suggestions: must not be empty/);
    expect(problem("nope")).toMatch(/JSON object/);
  });
  it("keeps the retrieved tools a log records (score defaults to 0) and rejects bad ones on their field", () => {
    const r = validateImpression({ ...good(), retrievedTools: [{ toolId: "sound.clean_speaker", rank: 1, score: 2.5 }] }, known);
    expect(r.ok && r.value.retrievedTools).toEqual([{ toolId: "sound.clean_speaker", rank: 1, score: 2.5 }]);
    const noScore = validateImpression({ ...good(), retrievedTools: [{ toolId: "sound.clean_speaker", rank: 2 }] }, known);
    expect(noScore.ok && noScore.value.retrievedTools).toEqual([{ toolId: "sound.clean_speaker", rank: 2, score: 0 }]);
    const none = validateImpression(good(), known);
    expect(none.ok && none.value.retrievedTools).toBeNull();
    expect(problem({ ...good(), retrievedTools: [{ toolId: "no.such_tool", rank: 1 }] })).toMatch(/retrievedTools\[0\]\.toolId: unknown tool "no\.such_tool"/);
    expect(problem({ ...good(), retrievedTools: [{ toolId: "sound.clean_speaker", rank: 0 }] })).toMatch(/retrievedTools\[0\]\.rank: must be an integer/);
    expect(problem({ ...good(), retrievedTools: [{ toolId: "sound.clean_speaker", rank: 1, score: "high" }] })).toMatch(/retrievedTools\[0\]\.score: must be a finite number/);
    expect(problem({ ...good(), retrievedTools: [{ toolId: "sound.clean_speaker", rank: 1 }, { toolId: "sound.clean_speaker", rank: 2 }] })).toMatch(/retrievedTools\[1\]\.toolId: .* listed twice/);
    expect(problem({ ...good(), retrievedTools: Array.from({ length: 21 }, (_, i) => ({ toolId: "sound.clean_speaker", rank: i + 1 })) })).toMatch(/retrievedTools: has 21 tools; at most 20/);
  });
  it("reports every problem of a row, not just the first", () => {
    const msg = problem({ ...good(), userId: "", timestamp: "bad" })!;
    expect(msg).toMatch(/userId/);
    expect(msg).toMatch(/timestamp/);
  });
});
