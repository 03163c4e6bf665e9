// Reads of the catalog for the API: filtered, searched, ordered, keyset-paginated.
import { ValidationError } from "@toolrec/core";
import { Prisma, type PrismaClient, type Tool } from "./generated/client.js";

export type ToolOrderField = "RELEVANCE" | "INVOCATION_COUNT" | "NAME" | "UPDATED_AT";
export interface ToolListArgs {
  categoryId?: string | null;
  enabled?: boolean | null;
  search?: string | null;
  first?: number | null;
  after?: string | null;
  orderBy?: { field: ToolOrderField; direction?: "ASC" | "DESC" | null } | null;
}
export interface ToolPage { tools: (Tool & { cursor: string })[]; hasNextPage: boolean; totalCount: number }

export const MAX_PAGE_SIZE = 200;

const COLUMN: Record<Exclude<ToolOrderField, "RELEVANCE">, Prisma.Sql> = {
  INVOCATION_COUNT: Prisma.sql`t.invocation_count`,
  NAME: Prisma.sql`lower(t.name)`,
  UPDATED_AT: Prisma.sql`t.updated_at`,
};

/** Words of the search box, lowercased, with hyphenated compounds joined ("Wi-Fi" -> "wifi"). */
function searchWords(search: string): string[] {
  const joined = search.toLowerCase().replace(/([\p{L}\p{N}])[-\u2010\u2011](?=[\p{L}\p{N}])/gu, "$1");
  return joined.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words of the search box as a prefix-matching tsquery: every word must match ("wifi tur" finds
 * "Turn on Wi-Fi"). Hyphenated compounds are joined ("wi-fi" -> "wifi"), as the search vector
 * indexes them (migration tool_situations), so "wi-fi" and "wifi" find the same tools.
 */
export function searchToTsquery(search: string): string | null {
  const words = searchWords(search);
  return words.length ? words.map((w) => `${w}:*`).join(" & ") : null;
}

/**
 * The tsquery that ranks the matches: the words already typed as whole words and only the last as
 * a prefix. ts_rank scores an AND query by how close the matched words sit, and a prefix that
 * also matches longer words elsewhere in the text ("free" in "freeupspace") can drag a tool whose
 * name is exactly the query ("Free up space") below tools that merely mention both words.
 */
export function searchToRankTsquery(search: string): string | null {
  const words = searchWords(search);
  return words.length ? words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(" & ") : null;
}

/**
 * Relevance of a search hit: text match times a frequency prior,
 *   relevance = ts_rank(search_vector, rank query) x (1 + ln(1 + invocationCount) / ln(2 + max invocationCount)).
 * The prior runs from 1 (a tool nobody has invoked) to just under 2 (the most invoked tool; the 2
 * keeps the divisor positive on an empty catalog), so between tools that match about equally the
 * one people use far more often comes first ("wifi": Turn on Wi-Fi, 50,000 invocations, above Turn
 * off Wi-Fi scanning, 313), while a clearly better text match, which ts_rank scores several times
 * higher, still wins.
 */
function relevanceSql(rankTsq: string): Prisma.Sql {
  return Prisma.sql`(ts_rank(t.search_vector, to_tsquery('english', ${rankTsq}))
    * (1 + ln(1 + t.invocation_count) / ln(2 + (SELECT coalesce(max(invocation_count), 0) FROM tools))))`;
}

interface Cursor { v: string | number; id: string; o?: number }
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString("base64url");
function decode(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    if (typeof c.id !== "string") throw new Error();
    return c;
  } catch {
    throw new ValidationError("after", "after is not a cursor from this list");
  }
}

export async function listTools(db: PrismaClient, args: ToolListArgs): Promise<ToolPage> {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw new ValidationError("first", `first must be between 0 and ${MAX_PAGE_SIZE}`);
  const tsq = args.search ? searchToTsquery(args.search) : null;
  const rankTsq = args.search ? searchToRankTsquery(args.search) : null;
  const field: ToolOrderField = args.orderBy?.field ?? (tsq ? "RELEVANCE" : "INVOCATION_COUNT");
  const desc = (args.orderBy?.direction ?? (field === "NAME" ? "ASC" : "DESC")) === "DESC";

  const where: Prisma.Sql[] = [];
  if (args.categoryId) where.push(Prisma.sql`t.category_id = ${args.categoryId}`);
  if (args.enabled != null) where.push(Prisma.sql`t.enabled = ${args.enabled}`);
  if (tsq) where.push(Prisma.sql`t.search_vector @@ to_tsquery('english', ${tsq})`);
  const filterSql = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;

  const cursor = args.after ? decode(args.after) : null;
  let sortExpr: Prisma.Sql;
  let page: Prisma.Sql = Prisma.empty;
  let offset = 0;
  if (field === "RELEVANCE") {
    if (!tsq || !rankTsq) throw new ValidationError("orderBy", "RELEVANCE ordering needs a search");
    // Ranks are floats that move as tools change: page by offset, which the cursor carries.
    sortExpr = relevanceSql(rankTsq);
    offset = cursor?.o ?? 0;
  } else {
    sortExpr = COLUMN[field];
    if (cursor) {
      const v = field === "UPDATED_AT" ? new Date(cursor.v as string) : cursor.v;
      page = desc ? Prisma.sql`(${sortExpr}, t.id) < (${v}, ${cursor.id})` : Prisma.sql`(${sortExpr}, t.id) > (${v}, ${cursor.id})`;
    }
  }
  const pageWhere = page === Prisma.empty ? filterSql : where.length ? Prisma.sql`${filterSql} AND ${page}` : Prisma.sql`WHERE ${page}`;
  const dir = desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;

  const [rows, total] = await Promise.all([
    db.$queryRaw<(Record<string, unknown> & { sort_value: unknown })[]>`
      SELECT t.id, t.name, t.description, t.category_id AS "categoryId", t.canonical_query AS "canonicalQuery",
             t.canonical_key AS "canonicalKey", t.utterances, t.situations, t.parameters, t.action_type::text AS "actionType",
             t.grounding, t.popularity, t.invocation_count AS "invocationCount", t.enabled, t.version,
             t.created_at AS "createdAt", t.updated_at AS "updatedAt", ${sortExpr} AS sort_value
      FROM tools t ${pageWhere}
      ORDER BY ${sortExpr} ${dir}, t.id ${dir}
      LIMIT ${first + 1} OFFSET ${offset}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM tools t ${filterSql}`,
  ]);
  const hasNextPage = rows.length > first;
  const tools = rows.slice(0, first).map((r, i) => {
    const { sort_value, ...tool } = r;
    const v = sort_value instanceof Date ? sort_value.toISOString() : (sort_value as string | number);
    const c: Cursor = field === "RELEVANCE" ? { v: 0, id: tool.id as string, o: offset + i + 1 } : { v, id: tool.id as string };
    return { ...(tool as unknown as Tool), cursor: encode(c) };
  });
  return { tools, hasNextPage, totalCount: Number(total[0]?.n ?? 0) };
}
