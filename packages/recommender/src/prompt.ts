/**
 * The Eq. 1 prompt, M_θ(q_u, A, C, T) → Q_r: the user query q_u, the assistant response A,
 * the earlier turns C and the top retrieved tools T, rendered as one text. The same function
 * renders the prompts a model is served and the prompts of an exported preference dataset
 * (definitions.md, "Preference sample"), so a model is trained on exactly what it is served.
 * Stored datasets, impressions and export metadata record PROMPT_TEMPLATE_VERSION.
 */

import type { DialogueTurn } from "@toolrec/core";

/**
 * v1 (`toolrec-dialogue-v1`) had no tools and no K. v2 adds the tools section (name,
 * canonical query, short description, in retrieval order) and asks for exactly K queries.
 */
export const PROMPT_TEMPLATE_VERSION = "toolrec-suggest-v2";

/** The dialogue x = (C, q_u, A). */
export interface PromptDialogue {
  readonly userQuery: string;
  readonly assistantResponse: string | null;
  readonly history: readonly DialogueTurn[];
}

/** One retrieved tool as the prompt shows it. */
export interface PromptTool {
  readonly name: string;
  readonly canonicalQuery: string;
  readonly description: string;
}

export interface PromptInput {
  readonly dialogue: PromptDialogue;
  /** K, the number of queries asked for (the completion has K lines). */
  readonly k: number;
  /**
   * The top retrieved tools, best first. Absent or empty: the tools section is left out
   * (impressions ingested without their tools, or nothing retrieved).
   */
  readonly tools?: readonly PromptTool[] | null;
}

/** A tool's description in the prompt is its first sentence, cut to this many characters. */
export const PROMPT_DESCRIPTION_MAX = 160;

/** One line of text: newlines and tabs become spaces, surrounding space is trimmed. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n\t]+\s*/g, " ").trim();
}

/** The first sentence of a description, at most PROMPT_DESCRIPTION_MAX characters (cut at a word, "…" added). */
export function shortDescription(description: string): string {
  const text = oneLine(description);
  const sentenceEnd = /[.!?](?=\s|$)/u.exec(text);
  const first = sentenceEnd ? text.slice(0, sentenceEnd.index + 1) : text;
  const chars = [...first];
  if (chars.length <= PROMPT_DESCRIPTION_MAX) return first;
  const cut = chars.slice(0, PROMPT_DESCRIPTION_MAX - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > PROMPT_DESCRIPTION_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/u, "")}…`;
}

const speaker = (role: DialogueTurn["role"]) => (role === "USER" ? "User" : "Assistant");

function instruction(k: number, withTools: boolean): string {
  const count = k === 1 ? "the 1 query" : `the ${k} queries`;
  const prefer = withTools
    ? "Prefer a query that invokes one of the device tools listed when it fits the conversation, worded as the tool's query."
    : "Prefer a query that invokes a device tool when one fits the conversation.";
  return (
    "You recommend follow-up queries for an on-device assistant. Read the conversation and suggest " +
    `${count} the user is most likely to tap next, one per line, most likely first. ${prefer}`
  );
}

/** `- "<canonical query>" (<name>): <short description>`; the name is left out when it says the same as the query. */
function toolLine(tool: PromptTool): string {
  const query = oneLine(tool.canonicalQuery);
  const name = oneLine(tool.name);
  const label = name.toLowerCase() === query.toLowerCase() ? `"${query}"` : `"${query}" (${name})`;
  return `- ${label}: ${shortDescription(tool.description)}`;
}

/**
 * The prompt (Eq. 1):
 * ```
 * <instruction asking for K queries>
 *
 * ### Tools                         (only when tools are given, best first)
 * - "<canonical query>" (<name>): <first sentence of the description>
 *
 * ### Conversation
 * User: <earlier turn>              (history C, oldest first, if any)
 * Assistant: <earlier turn>
 * User: <user query q_u>
 * Assistant: <assistant response A, or "(no response)">
 *
 * ### Suggested queries
 * ```
 * ending with a newline, so the completion (renderCompletion) follows directly.
 */
export function renderPrompt(input: PromptInput): string {
  const { dialogue, k } = input;
  const tools = input.tools ?? [];
  const lines = [instruction(k, tools.length > 0), ""];
  if (tools.length > 0) lines.push("### Tools", ...tools.map(toolLine), "");
  lines.push("### Conversation");
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
