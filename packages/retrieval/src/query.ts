// Dialogue -> retrieval query.
//
// The paper's dialogue x = (q_u, A, C): the user query, the assistant's response and the
// earlier turns. Retrieval stages see it as weighted text segments so that the newest user
// need dominates while the context still contributes terms.
//
// Weights (defaults in DEFAULT_QUERY_OPTIONS):
//
//   w(userQuery)         = userWeight                                   (1.0)
//   w(assistantResponse) = assistantWeight                              (0.5)
//   w(history turn j)    = historyWeight * decay^j * roleFactor(role)
//        j         = 0 for the most recent earlier turn, 1 for the one before it, ...
//                    (history is given oldest first; j counts back from its end)
//        roleFactor = 1 for USER turns, historyAssistantFactor (0.5) for ASSISTANT turns
//   with historyWeight = 0.5 and decay = 0.5, so the last earlier user turn weighs 0.5, the
//   turn before it 0.25 (or 0.125 for an assistant turn), and so on.
//
// Segments whose text is empty or whitespace are dropped, as are history turns beyond
// maxHistoryTurns or whose weight falls below minWeight. Segments are ordered
// most-important-first (weight descending; ties keep userQuery, assistantResponse, then the
// history from newest to oldest), and `text` joins them in that order with newlines.

import type { Dialogue, RetrievalQuery } from "./types.js";

export interface QueryBuildOptions {
  /** Weight of the user query q_u. Default 1.0. */
  userWeight?: number;
  /** Weight of the assistant response A. Default 0.5. */
  assistantWeight?: number;
  /** Weight of the most recent earlier turn (before the role factor). Default 0.5. */
  historyWeight?: number;
  /** Multiplier per step back in the history (0 < decay <= 1). Default 0.5. */
  decay?: number;
  /** Role factor applied to ASSISTANT history turns (USER turns get 1). Default 0.5. */
  historyAssistantFactor?: number;
  /** At most this many earlier turns (the newest ones) are used. Default 6. */
  maxHistoryTurns?: number;
  /** Segments lighter than this are dropped. Default 0.01. */
  minWeight?: number;
}

export const DEFAULT_QUERY_OPTIONS: Readonly<Required<QueryBuildOptions>> = Object.freeze({
  userWeight: 1.0,
  assistantWeight: 0.5,
  historyWeight: 0.5,
  decay: 0.5,
  historyAssistantFactor: 0.5,
  maxHistoryTurns: 6,
  minWeight: 0.01,
});

type Segment = RetrievalQuery["segments"][number];

/** Builds the weighted retrieval query of a dialogue (formula in the header comment). */
export function buildRetrievalQuery(dialogue: Dialogue, options: QueryBuildOptions = {}): RetrievalQuery {
  const o = { ...DEFAULT_QUERY_OPTIONS, ...stripUndefined(options) };
  const segments: Segment[] = [];
  const push = (text: string | null | undefined, weight: number, source: Segment["source"]): void => {
    const t = (text ?? "").replace(/\s+/gu, " ").trim();
    if (t === "" || !(weight > 0) || weight < o.minWeight) return;
    segments.push({ text: t, weight, source });
  };

  push(dialogue.userQuery, o.userWeight, "userQuery");
  push(dialogue.assistantResponse, o.assistantWeight, "assistantResponse");

  const history = dialogue.history ?? [];
  // Drop empty turns first so that the recency index j counts real turns only.
  const turns = history.filter((t) => t.content.trim() !== "");
  const limit = Math.max(0, Math.floor(o.maxHistoryTurns));
  for (let j = 0; j < Math.min(limit, turns.length); j++) {
    const turn = turns[turns.length - 1 - j];
    if (!turn) continue;
    const roleFactor = turn.role === "USER" ? 1 : o.historyAssistantFactor;
    push(turn.content, o.historyWeight * Math.pow(o.decay, j) * roleFactor, "history");
  }

  // Stable sort: equal weights keep the insertion order described above.
  const ordered = segments
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.weight - a.s.weight || a.i - b.i)
    .map((x) => x.s);
  return { segments: ordered, text: ordered.map((s) => s.text).join("\n") };
}

/** A query of just one text at weight 1 (e.g. a tool's canonical query). */
export function queryFromText(text: string): RetrievalQuery {
  return buildRetrievalQuery({ userQuery: text });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
