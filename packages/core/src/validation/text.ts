/**
 * The one set of rules for text people type into ToolRec (tool fields, logged dialogues,
 * names, notes) and for any string that reaches storage. Every caller states the kind of
 * text and its limits; the rules themselves live only here.
 *
 * Kinds:
 * - "line": one line of text (names, queries, utterances, situations, ids, titles). No
 *   control characters at all (tabs and line breaks included), no bidirectional
 *   embedding/override/isolate controls (U+202A-U+202E, U+2066-U+2069: they make text
 *   display differently from what it is, the "Trojan Source" trick).
 * - "multiline": free text (descriptions, notes, dialogue turns): the same, except that
 *   tab, line feed, carriage return and the Unicode line/paragraph separators are allowed.
 * - "opaque": strings that are matched or stored but not shown as catalog text (search
 *   boxes, filter values, JSON values): only what no storage can hold is refused.
 * All kinds refuse NUL (U+0000: PostgreSQL text cannot hold it) and unpaired surrogates
 * (not Unicode; they cannot be encoded as UTF-8).
 * Left/right-to-left marks (U+200E, U+200F), joiners and emoji are ordinary text.
 */

import type { FieldProblem } from "../errors";

export type TextKind = "line" | "multiline" | "opaque";

/** Length limits in characters (Unicode code points), inclusive, and the kind of text. */
export interface TextLimits {
  readonly min: number;
  readonly max: number;
  readonly kind: TextKind;
}

/** A list of texts: how many items, and the limits of each. */
export interface TextListLimits {
  readonly minItems: number;
  readonly maxItems: number;
  readonly item: TextLimits;
}

/** Length in Unicode code points (what a person counts as characters, emoji included). */
export function codePointLength(s: string): number {
  let count = 0;
  for (const _ of s) count += 1;
  return count;
}

// Code units any rule could refuse (surrogates included: pairs are fine, but need a closer
// look); text without one needs no walk.
const SUSPECT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * The first character `value` may not hold as text of this kind, described with its
 * position (1-based, in characters), or null when every character is allowed.
 */
export function textProblem(value: string, kind: TextKind): string | null {
  if (!SUSPECT.test(value)) return null;
  let position = 0;
  for (const ch of value) {
    position += 1;
    const c = ch.codePointAt(0)!;
    if (c === 0) return `contains a NUL character (U+0000) at character ${position}`;
    if (c >= 0xd800 && c <= 0xdfff) return `contains an unpaired surrogate (${hex(c)}) at character ${position}: not valid Unicode`;
    if (kind === "opaque") continue;
    const lineBreak = c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
    if (lineBreak || c === 0x09) {
      if (kind === "line") return `must be a single line without tabs (${hex(c)} at character ${position})`;
      continue;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return `contains the control character ${hex(c)} at character ${position}`;
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return `contains the bidirectional control ${hex(c)} at character ${position} (it makes text display differently from what it is)`;
    }
  }
  return null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

/**
 * Checks one text value: a string, not blank (when min > 0), only characters its kind
 * allows, and min..max characters. Returns the first problem, or null.
 */
export function checkText(value: unknown, limits: TextLimits): string | null {
  if (typeof value !== "string") return `must be a string, got ${describe(value)}`;
  if (limits.min > 0 && value.trim().length === 0) return "must not be empty or blank";
  const characters = textProblem(value, limits.kind);
  if (characters !== null) return characters;
  const length = codePointLength(value);
  if (length > limits.max) return `is longer than ${limits.max} characters (${length})`;
  if (length < limits.min) return `must be at least ${limits.min} characters, got ${length}`;
  return null;
}

/**
 * Checks a list of texts (utterances, situations): an array of minItems..maxItems items,
 * each passing checkText; with `key`, no two items may have the same key (e.g. equal after
 * normalizeText). Problems are reported per item as `field[i]`.
 */
export function checkTextList(
  field: string,
  value: unknown,
  limits: TextListLimits,
  options: { key?: (item: string) => string; noun?: string } = {},
): FieldProblem[] {
  const noun = options.noun ?? "item";
  if (!Array.isArray(value)) return [{ field, message: `must be an array of strings, got ${describe(value)}` }];
  if (value.length < limits.minItems) {
    return [{ field, message: limits.minItems === 1 ? `must contain at least one ${noun}` : `must contain at least ${limits.minItems} ${noun}s` }];
  }
  if (value.length > limits.maxItems) return [{ field, message: `must contain at most ${limits.maxItems} ${noun}s, got ${value.length}` }];
  const problems: FieldProblem[] = [];
  const firstIndex = new Map<string, number>();
  value.forEach((item: unknown, i) => {
    const itemField = `${field}[${i}]`;
    const problem = checkText(item, limits.item);
    if (problem !== null) return void problems.push({ field: itemField, message: problem });
    if (!options.key) return;
    const key = options.key(item as string);
    const first = firstIndex.get(key);
    if (first !== undefined) problems.push({ field: itemField, message: `duplicates ${field}[${first}] after normalisation ("${key}")` });
    else firstIndex.set(key, i);
  });
  return problems;
}
