// Word-level and list diffs for the revision history.

export type DiffOp = "same" | "del" | "ins";
export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Words and the whitespace between them, so joining the tokens gives back the text. */
export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? [];
}

const MAX_CELLS = 250_000;

/**
 * Word-level diff of two strings (longest common subsequence over tokens). Adjacent
 * parts with the same op are merged. Very long inputs fall back to "all deleted, all
 * inserted" rather than spend quadratic memory.
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
  const parts: DiffPart[] = [];
  const push = (op: DiffOp, text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += text;
    else parts.push({ op, text });
  };
  push("same", a.slice(0, start).join(""));

  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push("del", midA.join(""));
    push("ins", midB.join(""));
  } else {
    // lcs[i][j] = LCS length of midA[i:] and midB[j:]
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] =
          midA[i] === midB[j]
            ? (lcs[(i + 1) * width + j + 1] as number) + 1
            : Math.max(lcs[(i + 1) * width + j] as number, lcs[i * width + j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push("same", midA[i] as string);
        i++;
        j++;
      } else if ((lcs[(i + 1) * width + j] as number) >= (lcs[i * width + j + 1] as number)) {
        push("del", midA[i] as string);
        i++;
      } else {
        push("ins", midB[j] as string);
        j++;
      }
    }
    push("del", midA.slice(i).join(""));
    push("ins", midB.slice(j).join(""));
  }
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
