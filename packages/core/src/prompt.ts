/**
 * KTO examples from impressions (definitions.md, "Preference sample"): the prompt is
 * rendered from the dialogue x = (C, q_u, A), the completion is the K suggestions Q_r,
 * one per line in generated order. The template is versioned: datasets and their
 * export metadata record PROMPT_TEMPLATE_VERSION.
 */

import type { DialogueTurn } from "./impressions";

export const PROMPT_TEMPLATE_VERSION = "toolrec-dialogue-v1";

export interface PromptDialogue {
  readonly userQuery: string;
  readonly assistantResponse: string | null;
  readonly history: readonly DialogueTurn[];
}

const INSTRUCTION =
  "You recommend follow-up queries for an on-device assistant. Read the conversation and " +
  "suggest the queries the user is most likely to tap next, one per line. Prefer a query " +
  "that invokes a device tool when one fits the conversation.";

/** One line of text: newlines and tabs become spaces, surrounding space is trimmed. */
function oneLine(s: string): string {
  return s.replace(/\s*[\r\n\t]+\s*/g, " ").trim();
}

const speaker = (role: DialogueTurn["role"]) => (role === "USER" ? "User" : "Assistant");

/**
 * The prompt:
 * ```
 * <instruction>
 *
 * ### Conversation
 * User: <earlier turn>            (history C, oldest first, if any)
 * Assistant: <earlier turn>
 * User: <user query q_u>
 * Assistant: <assistant response A, or "(no response)">
 *
 * ### Suggested queries
 * ```
 * ending with a newline, so the completion follows directly.
 */
export function renderPrompt(dialogue: PromptDialogue): string {
  const lines = [INSTRUCTION, "", "### Conversation"];
  for (const turn of dialogue.history) lines.push(`${speaker(turn.role)}: ${oneLine(turn.content)}`);
  lines.push(`User: ${oneLine(dialogue.userQuery)}`);
  lines.push(`Assistant: ${dialogue.assistantResponse ? oneLine(dialogue.assistantResponse) : "(no response)"}`);
  lines.push("", "### Suggested queries", "");
  return lines.join("\n");
}

/** The completion: the K suggestions (all generated ones, exposed or not), one per line, in generated order. */
export function renderCompletion(suggestions: readonly { readonly text: string }[]): string {
  return suggestions.map((s) => oneLine(s.text)).join("\n");
}
