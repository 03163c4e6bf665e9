// The dialogue a suggestion is about (definitions.md, Eq. 1: the user query q_u, the assistant
// response A, earlier turns C), as the shared dialogue editor edits it. Used by the Retrieval
// page and the Playground; DialogueInput in the API's schema.

import type { DialogueInput } from "@/gql/graphql";

export type TurnRole = "USER" | "ASSISTANT";

export interface DialogueTurn {
  role: TurnRole;
  content: string;
}

export interface DialogueValue {
  userQuery: string;
  assistantResponse: string;
  history: DialogueTurn[];
}

/** The dialogue as DialogueInput: empty optional parts left out, empty turns dropped. */
export function toDialogueInput(d: DialogueValue): DialogueInput {
  const history = d.history.filter((t) => t.content.trim() !== "").map((t) => ({ role: t.role, content: t.content }));
  return {
    userQuery: d.userQuery,
    ...(d.assistantResponse.trim() ? { assistantResponse: d.assistantResponse } : {}),
    ...(history.length ? { history } : {}),
  };
}

/** Examples to start from (the paper's kinds: direct, indirect, multi-turn). */
export const SAMPLE_DIALOGUES: { label: string; dialogue: DialogueValue }[] = [
  {
    label: "Slow phone, full storage",
    dialogue: { userQuery: "my phone is so slow and storage is full", assistantResponse: "", history: [] },
  },
  {
    label: "Indirect: at the beach",
    dialogue: {
      userQuery: "I can barely see anything on the screen out here at the beach",
      assistantResponse: "Bright sunlight washes out the display. Turning the brightness up all the way should help.",
      history: [],
    },
  },
  {
    label: "Multi-turn: headphones",
    dialogue: {
      userQuery: "yes, do that",
      assistantResponse: "I can connect your Bluetooth headphones now.",
      history: [
        { role: "USER", content: "I just got new wireless earbuds" },
        { role: "ASSISTANT", content: "Nice! Are they paired with this phone yet?" },
        { role: "USER", content: "no, they're in pairing mode right now" },
      ],
    },
  },
];

/** A dialogue from a URL parameter (one JSON value, so an empty query and earlier turns survive); `fallback` when absent or unreadable. */
export function decodeDialogueParam(raw: string | null, fallback: DialogueValue): DialogueValue {
  if (raw === null) return structuredClone(fallback);
  try {
    const d = JSON.parse(raw) as Partial<DialogueValue>;
    const history = Array.isArray(d.history)
      ? d.history
          .filter((t) => t && typeof t.content === "string")
          .map((t) => ({ role: (t.role === "ASSISTANT" ? "ASSISTANT" : "USER") as TurnRole, content: t.content }))
      : [];
    return { userQuery: String(d.userQuery ?? ""), assistantResponse: String(d.assistantResponse ?? ""), history };
  } catch {
    return structuredClone(fallback);
  }
}

/** The URL parameter for a dialogue: null (no parameter) when it is `fallback`. */
export function encodeDialogueParam(d: DialogueValue, fallback: DialogueValue): string | null {
  const json = JSON.stringify({ userQuery: d.userQuery, assistantResponse: d.assistantResponse, history: d.history });
  return json === JSON.stringify(fallback) ? null : json;
}
