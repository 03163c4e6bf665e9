/**
 * Post-processing of a model's output into suggestion texts, tolerant of the shapes models
 * actually produce: one per line, numbered ("1." "1)" "(1)"), bulleted ("-" "*" "•"), a JSON
 * array of strings or of {text}, an object {suggestions: [...]}, code fences, a leading
 * "Suggested queries:" line. Never throws: whatever cannot be read is dropped with a reason.
 */

import { normalizeText } from "@toolrec/core";

/**
 * The longest suggestion kept, in characters (code points). A suggestion is a chip under the
 * assistant's answer: catalog canonical queries are at most 60 characters, and past about 100
 * a chip wraps beyond two lines on a phone screen and reads as prose; in practice such lines
 * are the model explaining itself ("Here is why I suggest..."), not queries.
 */
export const MAX_SUGGESTION_LENGTH = 100;

/** The largest K the contract allows (1 ≤ N ≤ K ≤ 12). */
export const MAX_K = 12;

export type DropReason = "empty" | "too_long" | "duplicate" | "over_count" | "truncated";

export interface ParsedSuggestion {
  readonly text: string;
  /** A tool id the output itself proposed ({text, toolId} objects); resolution decides whether it is kept. */
  readonly toolId: string | null;
}

export interface ParseResult {
  readonly suggestions: ParsedSuggestion[];
  /** "json" when the output was a JSON array/object, "lines" otherwise, "empty" when nothing was there. */
  readonly format: "json" | "lines" | "empty";
  readonly dropped: { readonly text: string; readonly reason: DropReason }[];
}

export interface ParseOptions {
  /** Keep at most this many (after dedupe). Default MAX_K. */
  readonly maxCount?: number;
  /** Longer suggestions are dropped. Default MAX_SUGGESTION_LENGTH. */
  readonly maxLength?: number;
  /** The output was cut at the token limit (finish_reason "length"): its last line is dropped. */
  readonly truncated?: boolean;
}

const FENCE = /```[\w+-]*[ \t]*\n?([\s\S]*?)(?:```|$)/u;
/** A known label in front of the list, alone on its line or followed by the first suggestion. */
const LABEL = /^(?:here\s+are\s+)?(?:(?:some|the|\d+|my)\s+)?(?:suggested\s+)?(?:follow[-\s]?up\s+)?(?:queries|suggestions|questions|follow[-\s]?ups)\s*:\s*/iu;
/** "1. " "1) " "(1) " "1: " "1.Text"; bullets "- " "* " "• " "· " "+ " "– " "— ". */
const MARKER = /^(?:\(\d{1,2}\)\s*|\d{1,2}[.):](?=\s|\p{L}|$)\s*|[-*•·+–—](?:\s+|$))/u;
const QUOTES: readonly [string, string][] = [['"', '"'], ["'", "'"], ["“", "”"], ["‘", "’"], ["`", "`"], ["«", "»"]];
const EMPHASIS = /^(\*\*|__|\*|_)(.+)\1$/u;
const JSON_STRING = /"((?:[^"\\]|\\.)*)"/gu;

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The text inside the first code fence, or the whole output. */
function unfence(raw: string): string {
  const m = FENCE.exec(raw);
  return m ? (m[1] ?? "") : raw;
}

function objectText(item: Record<string, unknown>): ParsedSuggestion | null {
  for (const key of ["text", "query", "suggestion", "content"]) {
    const v = item[key];
    if (typeof v === "string") {
      const toolId = typeof item.toolId === "string" ? item.toolId : typeof item.tool_id === "string" ? item.tool_id : null;
      return { text: v, toolId };
    }
  }
  return null;
}

function suggestionsOf(value: unknown): ParsedSuggestion[] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    value = ["suggestions", "queries", "questions"].map((k) => o[k]).find(Array.isArray);
  }
  if (!Array.isArray(value)) return [];
  const out: ParsedSuggestion[] = [];
  for (const item of value) {
    if (typeof item === "string") out.push({ text: item, toolId: null });
    else if (item !== null && typeof item === "object" && !Array.isArray(item)) {
      const s = objectText(item as Record<string, unknown>);
      if (s) out.push(s);
    }
  }
  return out;
}

/**
 * The suggestions of a JSON answer: the body, or the part of it from the first line opening
 * with "[" or "{" to the last closing bracket (a label or chatter around it). An array of
 * strings or {text}, or an object holding one under suggestions/queries/questions; other JSON
 * gives none. Null when no JSON can be read (then the body is read as lines).
 */
function fromJson(body: string): ParsedSuggestion[] | null {
  const t = body.trim();
  const candidates = [t];
  const open = /^[ \t]*([[{])/mu.exec(t);
  if (open && open.index > 0) {
    const from = open.index + open[0].length - 1;
    const to = t.lastIndexOf(open[1] === "[" ? "]" : "}");
    if (to > from) candidates.push(t.slice(from, to + 1));
  }
  for (const c of candidates) {
    if (!(c.startsWith("[") || c.startsWith("{"))) continue;
    try {
      return suggestionsOf(JSON.parse(c));
    } catch {
      // not JSON (or cut short): try the next candidate, then lines
    }
  }
  return null;
}

function unquote(s: string): string {
  let t = s;
  for (let changed = true; changed && t.length >= 2; ) {
    changed = false;
    for (const [open, close] of QUOTES) {
      if (t.startsWith(open) && t.endsWith(close) && t.length >= open.length + close.length) {
        t = t.slice(open.length, t.length - close.length).trim();
        changed = true;
      }
    }
    const em = EMPHASIS.exec(t);
    if (em) {
      t = (em[2] ?? "").trim();
      changed = true;
    }
  }
  return t;
}

/** One line of a list, without its marker, label, quotes or emphasis; null for a heading or a bracket. */
function cleanLine(line: string): string[] | null {
  let t = line.trim();
  if (t === "" || t.startsWith("#") || /^[[\]{}]+,?$/u.test(t)) return null;
  // A fragment of a JSON array that did not parse (cut short): its string literals.
  if (/^\[?\s*"/u.test(t) && /"\s*[,\]]?\s*$/u.test(t)) {
    const literals = [...t.matchAll(JSON_STRING)].map((m) => {
      try {
        return JSON.parse(`"${m[1]}"`) as string;
      } catch {
        return m[1] ?? "";
      }
    });
    if (literals.length > 0) return literals;
  }
  t = t.replace(LABEL, "");
  if (t === "" || /:\s*$/u.test(t)) return null; // a label alone on its line ("Here you go:")
  t = t.replace(MARKER, "").trim();
  t = t.replace(/,$/u, "").trim();
  return [unquote(t)];
}

function fromLines(body: string, truncated: boolean): { items: ParsedSuggestion[]; cut: string | null } {
  const lines = body.split(/\r\n|[\n\r\u2028\u2029]/u).filter((l) => l.trim() !== "");
  let cut: string | null = null;
  if (truncated && lines.length > 0) cut = lines.pop() ?? null;
  const items: ParsedSuggestion[] = [];
  for (const line of lines) {
    for (const text of cleanLine(line) ?? []) items.push({ text, toolId: null });
  }
  return { items, cut };
}

/**
 * Reads a model's output into at most `maxCount` suggestions: trimmed, inner whitespace
 * collapsed, empty (nothing left after normalizeText) and over-long ones dropped, duplicates
 * dropped case-insensitively after whitespace/punctuation normalisation (core's normalizeText,
 * the matcher's key), first occurrence kept, order kept.
 */
export function parseSuggestions(raw: unknown, options: ParseOptions = {}): ParseResult {
  const maxCount = options.maxCount ?? MAX_K;
  const maxLength = options.maxLength ?? MAX_SUGGESTION_LENGTH;
  const dropped: { text: string; reason: DropReason }[] = [];
  const text = typeof raw === "string" ? raw : "";
  const body = unfence(text);
  let items = fromJson(body);
  let format: ParseResult["format"] = "json";
  if (items === null) {
    const lines = fromLines(body, options.truncated === true);
    if (lines.cut !== null) dropped.push({ text: lines.cut.trim(), reason: "truncated" });
    items = lines.items;
    format = "lines";
  }
  const seen = new Set<string>();
  const suggestions: ParsedSuggestion[] = [];
  for (const item of items) {
    const t = item.text.replace(/\s+/gu, " ").trim();
    const key = normalizeText(t);
    if (key === "") dropped.push({ text: t, reason: "empty" });
    else if (codePointLength(t) > maxLength) dropped.push({ text: t, reason: "too_long" });
    else if (seen.has(key)) dropped.push({ text: t, reason: "duplicate" });
    else if (suggestions.length >= maxCount) dropped.push({ text: t, reason: "over_count" });
    else {
      seen.add(key);
      suggestions.push({ text: t, toolId: item.toolId });
    }
  }
  if (suggestions.length === 0 && dropped.length === 0) format = "empty";
  return { suggestions, format, dropped };
}
