/**
 * One pagination scheme for every list the API serves (Relay-style connections: `first`,
 * `after`, edges with cursors, pageInfo, totalCount):
 * - `pageSize`: the one rule for `first` (an integer 0..max, a default when absent);
 * - `cursorCodec`: opaque cursors. A cursor is base64url JSON naming its list and holding
 *   typed values; decoding checks every value (type, range, length, characters), so a
 *   crafted or foreign cursor is a BAD_USER_INPUT on `after`, never a database error;
 * - `connection`: edges and pageInfo from a page of nodes.
 * Lists page by keyset (a cursor holds the last row's sort key) or by offset
 * (`offsetCursor`), whichever fits the ordering.
 */

import { ValidationError } from "./errors";
import { parseTimestamp } from "./impressions";
import { codePointLength, textProblem } from "./validation/text";

export interface PageLimits {
  /** `first` when the client gives none. */
  readonly default: number;
  /** The largest `first` accepted. */
  readonly max: number;
}

/** The page size a client asked for: an integer from 0 to limits.max (default when absent), else ValidationError("first"). */
export function pageSize(first: number | null | undefined, limits: PageLimits): number {
  const n = first ?? limits.default;
  if (!Number.isInteger(n) || n < 0 || n > limits.max) {
    throw new ValidationError("first", `first must be an integer from 0 to ${limits.max}, got ${String(first)}`);
  }
  return n;
}

/** A page fetched with `first + 1` rows: the first `first` of them, and whether there were more. */
export function slicePage<T>(rows: readonly T[], first: number): { nodes: T[]; hasNextPage: boolean } {
  return { nodes: rows.slice(0, first), hasNextPage: rows.length > first };
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** The GraphQL connection of a page of nodes. */
export function connection<T>(nodes: readonly T[], cursorOf: (node: T, index: number) => string, page: { hasNextPage: boolean; totalCount: number }): Connection<T> {
  const edges = nodes.map((node, i) => ({ cursor: cursorOf(node, i), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
}

/** Largest integer a cursor holds unless a list says otherwise (PostgreSQL integer). */
export const MAX_CURSOR_INT = 2_147_483_647;
const MAX_CURSOR_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Reads a decoded cursor's values; each method throws when the value is not what the list wrote. */
export interface CursorReader {
  /** An integer in [min, max] (default 0..MAX_CURSOR_INT). */
  int(key: string, min?: number, max?: number): number;
  /** A string of at most maxLength characters, without NUL or unpaired surrogates. */
  text(key: string, maxLength?: number): string;
  /** An ISO-8601 instant, as Date. */
  date(key: string): Date;
  /** One of `values`. */
  oneOf<K extends string>(key: string, values: readonly K[]): K;
}

export interface CursorCodec<T> {
  encode(value: T): string;
  /** The value `after` holds; null when there is no cursor; ValidationError("after") for anything this list did not write. */
  decode(after: string | null | undefined): T | null;
}

class BadCursor extends Error {}

/**
 * A codec for one list's cursors: `write` turns a position into values (strings and
 * numbers), `read` takes them back through a CursorReader. The list name is part of the
 * cursor, so a cursor of another list is refused.
 */
export function cursorCodec<T>(
  list: string,
  shape: { write(value: T): Record<string, string | number>; read(r: CursorReader): T },
): CursorCodec<T> {
  const refuse = (): never => {
    throw new ValidationError("after", "after is not a cursor from this list; use a pageInfo.endCursor or an edge's cursor");
  };
  return {
    encode(value) {
      return Buffer.from(JSON.stringify({ l: list, ...shape.write(value) }), "utf8").toString("base64url");
    },
    decode(after) {
      if (after === null || after === undefined) return null;
      if (typeof after !== "string" || after.length === 0 || after.length > MAX_CURSOR_LENGTH || !BASE64URL.test(after)) return refuse();
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.from(after, "base64url").toString("utf8"));
      } catch {
        return refuse();
      }
      if (typeof payload !== "object" || payload === null || Array.isArray(payload) || (payload as { l?: unknown }).l !== list) return refuse();
      const values = payload as Record<string, unknown>;
      const bad = (): never => {
        throw new BadCursor();
      };
      const reader: CursorReader = {
        int(key, min = 0, max = MAX_CURSOR_INT) {
          const v = values[key];
          return typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max ? v : bad();
        },
        text(key, maxLength = 256) {
          const v = values[key];
          return typeof v === "string" && textProblem(v, "opaque") === null && codePointLength(v) <= maxLength ? v : bad();
        },
        date(key) {
          const v = values[key];
          return (typeof v === "string" && parseTimestamp(v)) || bad();
        },
        oneOf(key, allowed) {
          const v = values[key];
          return typeof v === "string" && (allowed as readonly string[]).includes(v) ? (v as (typeof allowed)[number]) : bad();
        },
      };
      try {
        return shape.read(reader);
      } catch (err) {
        if (err instanceof BadCursor) return refuse();
        throw err;
      }
    },
  };
}

/** Cursors of a list paged by offset: the number of rows before the next page. */
export function offsetCursor(list: string): CursorCodec<number> {
  return cursorCodec<number>(list, { write: (o) => ({ o }), read: (r) => r.int("o") });
}
