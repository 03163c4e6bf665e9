/**
 * The project's tool matcher (definitions.md, System-side calibration: a suggestion is
 * tool-invoking iff it resolves to an enabled tool, "its logged toolId, else the
 * project's tool matcher"). This one is a normalised exact match of the suggestion
 * text against enabled tools' canonical queries and example utterances; retrieval may
 * replace it later behind the same `ToolMatcher` interface.
 */

import { normalizeText } from "./text";

export interface MatchableTool {
  readonly id: string;
  readonly canonicalQuery: string;
  readonly utterances: readonly string[];
  /** Disabled tools are never matched (default: enabled). */
  readonly enabled?: boolean;
}

export interface ToolMatcher {
  /** The enabled tool whose canonical query or an utterance equals `text` after normalizeText; null for a general query. */
  match(text: string): string | null;
  /** Distinct normalised keys the matcher knows. */
  readonly size: number;
}

/**
 * Builds the matcher. Precedence when two tools share a key: a canonical query beats
 * an utterance; between equals, the smaller tool id wins (deterministic whatever the
 * input order). Empty keys (punctuation-only text) are ignored.
 */
export function buildToolMatcher(tools: Iterable<MatchableTool>): ToolMatcher {
  const byCanonical = new Map<string, string>();
  const byUtterance = new Map<string, string>();
  const claim = (map: Map<string, string>, key: string, id: string) => {
    if (key === "") return;
    const held = map.get(key);
    if (held === undefined || id < held) map.set(key, id);
  };
  for (const tool of tools) {
    if (tool.enabled === false) continue;
    claim(byCanonical, normalizeText(tool.canonicalQuery), tool.id);
    for (const u of tool.utterances) claim(byUtterance, normalizeText(u), tool.id);
  }
  const keys = new Map(byUtterance);
  for (const [key, id] of byCanonical) keys.set(key, id);
  return {
    size: keys.size,
    match(text: string): string | null {
      return keys.get(normalizeText(text)) ?? null;
    },
  };
}

/** How a suggestion's tool was resolved: the logged enabled tool, the matcher, or none. */
export type ToolResolution = "logged" | "matcher" | "none";

/**
 * Resolves one suggestion (definitions.md): the logged toolId when it names an enabled
 * tool, else the matcher's answer for the text, else none.
 */
export function resolveSuggestionTool(
  text: string,
  loggedToolId: string | null | undefined,
  isEnabledTool: (id: string) => boolean,
  matcher: ToolMatcher,
): { toolId: string | null; resolution: ToolResolution } {
  if (loggedToolId && isEnabledTool(loggedToolId)) return { toolId: loggedToolId, resolution: "logged" };
  const matched = matcher.match(text);
  return matched === null ? { toolId: null, resolution: "none" } : { toolId: matched, resolution: "matcher" };
}
