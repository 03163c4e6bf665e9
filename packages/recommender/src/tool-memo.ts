/**
 * Per-tool values derived from a tool's texts (content words, normalised keys), computed once
 * and reused across requests: the serving path sees the same few hundred tools over and over.
 * Keyed by tool id and recomputed when any of its texts changes (a tool edit); bounded.
 */

export interface ToolTexts {
  readonly id: string;
  readonly name: string;
  readonly canonicalQuery: string;
  readonly description: string;
  readonly utterances: readonly string[];
}

const MEMO_MAX = 10_000;

function sameTexts(a: ToolTexts, b: ToolTexts): boolean {
  if (a === b) return true;
  if (a.canonicalQuery !== b.canonicalQuery || a.name !== b.name || a.description !== b.description) return false;
  const n = a.utterances.length;
  if (n !== b.utterances.length) return false;
  for (let i = 0; i < n; i++) if (a.utterances[i] !== b.utterances[i]) return false;
  return true;
}

/** A memoised `compute(tool)`, valid while the tool's texts stay the same. */
export function memoByTool<T>(compute: (tool: ToolTexts) => T): (tool: ToolTexts) => T {
  const cache = new Map<string, { source: ToolTexts; value: T }>();
  return (tool) => {
    const held = cache.get(tool.id);
    if (held && sameTexts(held.source, tool)) return held.value;
    const source: ToolTexts = { id: tool.id, name: tool.name, canonicalQuery: tool.canonicalQuery, description: tool.description, utterances: [...tool.utterances] };
    const value = compute(source);
    if (cache.size >= MEMO_MAX) cache.clear();
    cache.set(tool.id, { source, value });
    return value;
  };
}
