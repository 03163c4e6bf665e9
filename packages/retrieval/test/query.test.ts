import { describe, expect, it } from "vitest";
import { DEFAULT_QUERY_OPTIONS, buildRetrievalQuery, queryFromText } from "../src/query.js";

describe("buildRetrievalQuery", () => {
  it("weights the user query 1.0 and the assistant response 0.5", () => {
    const q = buildRetrievalQuery({ userQuery: "turn on wifi", assistantResponse: "Sure, opening Wi-Fi settings." });
    expect(q.segments).toEqual([
      { text: "turn on wifi", weight: 1, source: "userQuery" },
      { text: "Sure, opening Wi-Fi settings.", weight: 0.5, source: "assistantResponse" },
    ]);
    expect(q.text).toBe("turn on wifi\nSure, opening Wi-Fi settings.");
  });

  it("decays history exponentially from the most recent earlier turn, users above assistants", () => {
    const q = buildRetrievalQuery({
      userQuery: "and now?",
      history: [
        { role: "USER", content: "oldest user" },
        { role: "ASSISTANT", content: "older assistant" },
        { role: "USER", content: "newest user" },
      ],
    });
    const h = q.segments.filter((s) => s.source === "history");
    // j = 0: newest user 0.5 * 0.5^0 * 1; j = 1: assistant 0.5 * 0.5 * 0.5; j = 2: user 0.5 * 0.25 * 1
    expect(h.map((s) => [s.text, s.weight])).toEqual([
      ["newest user", 0.5],
      ["older assistant", 0.125],
      ["oldest user", 0.125],
    ]);
    // Equal weights keep recency order (newest first).
  });

  it("puts a user history turn above an assistant turn at the same distance", () => {
    const asUser = buildRetrievalQuery({ userQuery: "x", history: [{ role: "USER", content: "u" }] });
    const asAssistant = buildRetrievalQuery({ userQuery: "x", history: [{ role: "ASSISTANT", content: "a" }] });
    expect(asUser.segments[1]!.weight).toBeGreaterThan(asAssistant.segments[1]!.weight);
  });

  it("orders segments most important first", () => {
    const q = buildRetrievalQuery(
      { userQuery: "q", assistantResponse: "a", history: [{ role: "USER", content: "h" }] },
      { historyWeight: 0.8, assistantWeight: 0.3 },
    );
    expect(q.segments.map((s) => s.source)).toEqual(["userQuery", "history", "assistantResponse"]);
    expect(q.text).toBe("q\nh\na");
  });

  it("drops empty and whitespace-only segments and does not count empty turns in the decay", () => {
    const q = buildRetrievalQuery({
      userQuery: "  battery  ",
      assistantResponse: "   ",
      history: [
        { role: "USER", content: "screen brightness" },
        { role: "ASSISTANT", content: " \n\t " },
      ],
    });
    expect(q.segments).toEqual([
      { text: "battery", weight: 1, source: "userQuery" },
      { text: "screen brightness", weight: 0.5, source: "history" },
    ]);
  });

  it("handles null assistant response and history, and an empty user query", () => {
    expect(buildRetrievalQuery({ userQuery: "x", assistantResponse: null, history: null }).segments).toHaveLength(1);
    const empty = buildRetrievalQuery({ userQuery: "", history: [{ role: "USER", content: "wifi" }] });
    expect(empty.segments).toEqual([{ text: "wifi", weight: 0.5, source: "history" }]);
    expect(empty.text).toBe("wifi");
  });

  it("keeps only the newest maxHistoryTurns and drops turns under minWeight", () => {
    const history = Array.from({ length: 10 }, (_, i) => ({ role: "USER" as const, content: `t${i}` }));
    const q = buildRetrievalQuery({ userQuery: "q", history }, { maxHistoryTurns: 3 });
    expect(q.segments.slice(1).map((s) => s.text)).toEqual(["t9", "t8", "t7"]);
    const light = buildRetrievalQuery({ userQuery: "q", history }, { maxHistoryTurns: 10, minWeight: 0.1 });
    expect(light.segments.slice(1).map((s) => s.text)).toEqual(["t9", "t8", "t7"]); // 0.5, 0.25, 0.125
  });

  it("has documented defaults and a single-text helper", () => {
    expect(DEFAULT_QUERY_OPTIONS).toMatchObject({ userWeight: 1, assistantWeight: 0.5, historyWeight: 0.5, decay: 0.5 });
    expect(queryFromText("Clear device cache")).toEqual({
      segments: [{ text: "Clear device cache", weight: 1, source: "userQuery" }],
      text: "Clear device cache",
    });
  });

  it("collapses internal whitespace of a segment", () => {
    expect(buildRetrievalQuery({ userQuery: "turn\n on   wifi" }).text).toBe("turn on wifi");
  });
});
