import { codePointLength } from "./validation/text";

/**
 * Deep equality of JSON values that ignores object key order: PostgreSQL's jsonb stores
 * keys in its own order, so a value read back is equal to, but not spelled like, the one
 * written.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => jsonEqual(v, bb[i]));
  }
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** How much of a client's value a log entry keeps (the audit log's defaults). */
export interface JsonBounds {
  /** Longer strings keep their start and say how much was cut. */
  readonly maxStringLength: number;
  /** Longer arrays become { items: length }. */
  readonly maxArrayItems: number;
  /** Deeper values become "…". */
  readonly maxDepth: number;
  /** A result still larger than this, as JSON, becomes { truncated: true, bytes }. */
  readonly maxBytes: number;
}

export const LOG_BOUNDS: JsonBounds = Object.freeze({ maxStringLength: 200, maxArrayItems: 20, maxDepth: 6, maxBytes: 8_192 });

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `s` with what PostgreSQL cannot store (NUL, unpaired surrogates) replaced by U+FFFD. */
export function storableText(s: string): string {
  return s.replace(UNSTORABLE, "\ufffd");
}

/**
 * A bounded, storable copy of a JSON-like value for logs (the audit log): strings cut to
 * maxStringLength characters (with how many more there were) and made storable, long
 * arrays counted, deep values elided, and the whole replaced by its size if still too big.
 * A 1 MB description a client sent never lands in a log verbatim.
 */
export function boundJson(value: unknown, bounds: JsonBounds = LOG_BOUNDS): unknown {
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === "string") {
      if (v.length <= bounds.maxStringLength) return storableText(v);
      const length = codePointLength(v);
      if (length <= bounds.maxStringLength) return storableText(v);
      // A code point takes at most two UTF-16 units: this slice holds the first maxStringLength.
      const kept = [...v.slice(0, bounds.maxStringLength * 2)].slice(0, bounds.maxStringLength).join("");
      return `${storableText(kept)}… (+${length - bounds.maxStringLength} more characters)`;
    }
    if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
    if (v === null || typeof v !== "object") return v === undefined ? undefined : typeof v === "boolean" ? v : String(v);
    if (v instanceof Date) return v.toISOString();
    if (depth >= bounds.maxDepth) return "…";
    if (Array.isArray(v)) return v.length > bounds.maxArrayItems ? { items: v.length } : v.map((x) => walk(x, depth + 1) ?? null);
    const out: Record<string, unknown> = {};
    const entries = Object.entries(v as Record<string, unknown>);
    for (const [k, x] of entries.slice(0, bounds.maxArrayItems * 5)) {
      const bounded = walk(x, depth + 1);
      if (bounded !== undefined) out[String(walk(k, depth + 1))] = bounded;
    }
    if (entries.length > bounds.maxArrayItems * 5) out["…"] = `${entries.length} keys`;
    return out;
  };
  const bounded = walk(value, 0);
  const bytes = bounded === undefined ? 0 : Buffer.byteLength(JSON.stringify(bounded));
  return bytes > bounds.maxBytes ? { truncated: true, bytes } : bounded;
}
