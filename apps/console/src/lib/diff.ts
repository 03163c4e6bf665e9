// Word-level and list diffs for the revision history.
import { diffArrays } from "diff";

export type DiffOp = "same" | "del" | "ins";
export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Words and the whitespace between them, so joining the tokens gives back the text. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

/**
 * Beyond this many inserted plus deleted tokens a diff is not worth reading (and Myers'
 * cost, (N + M) x edits, grows): show all deleted, all inserted.
 */
const MAX_EDITS = 500;

/**
 * Word-level diff of two strings: the common start and end are kept, and the middle is
 * diffed by jsdiff (Myers) over word and whitespace tokens, so joining a side's parts gives
 * back its text exactly. Whitespace alone between two changes is shown as changed too (a
 * reader sees "b" replaced by "x y", not a scatter of one-word edits). Adjacent parts with
 * the same op are merged. A middle that differs in more than MAX_EDITS tokens comes back
 * as "all deleted, all inserted".
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // Trim the common prefix and suffix first: most edits are local.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle: DiffPart[] = [];
  const changes = diffArrays(a.slice(start, endA), b.slice(start, endB), { maxEditLength: MAX_EDITS });
  if (changes === undefined) {
    middle.push({ op: "del", text: a.slice(start, endA).join("") }, { op: "ins", text: b.slice(start, endB).join("") });
  } else {
    changes.forEach((c, i) => {
      const text = c.value.join("");
      const between = i > 0 && i < changes.length - 1 && /^\s+$/.test(text);
      if (c.added || c.removed) middle.push({ op: c.added ? "ins" : "del", text });
      else if (between) middle.push({ op: "del", text }, { op: "ins", text });
      else middle.push({ op: "same", text });
    });
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string) => {
    if (!text) return;
    // Merge with the last part of the same op, looking past the other change op (del/ins
    // pairs stay in that order: all deleted text, then all inserted text).
    const last = parts[parts.length - 1];
    const beforeLast = parts[parts.length - 2];
    if (last && last.op === op) last.text += text;
    else if (op === "del" && last?.op === "ins" && beforeLast?.op === "del") beforeLast.text += text;
    else parts.push({ op, text });
  };
  push("same", a.slice(0, start).join(""));
  for (const p of middle) push(p.op, p.text);
  push("same", a.slice(endA).join(""));
  return parts;
}

export interface ListDiff {
  removed: string[];
  added: string[];
  kept: number;
}

/** Which items of a string list were removed and added (order-insensitive, multiset). */
export function diffList(before: readonly string[], after: readonly string[]): ListDiff {
  const remaining = new Map<string, number>();
  for (const item of after) remaining.set(item, (remaining.get(item) ?? 0) + 1);
  const removed: string[] = [];
  let kept = 0;
  for (const item of before) {
    const count = remaining.get(item) ?? 0;
    if (count > 0) {
      remaining.set(item, count - 1);
      kept++;
    } else {
      removed.push(item);
    }
  }
  const added: string[] = [];
  const used = new Map<string, number>();
  for (const item of before) used.set(item, (used.get(item) ?? 0) + 1);
  for (const item of after) {
    const count = used.get(item) ?? 0;
    if (count > 0) used.set(item, count - 1);
    else added.push(item);
  }
  return { removed, added, kept };
}
