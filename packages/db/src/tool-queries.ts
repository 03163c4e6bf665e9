// Reads of the catalog for the API: filtered, searched, ordered, keyset-paginated.
import { cursorCodec, pageSize, slicePage, TOOL_ID_MAX_LENGTH, ValidationError, type PageLimits } from "@toolrec/core";
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
export const TOOL_PAGE: PageLimits = { default: 50, max: MAX_PAGE_SIZE };
/** Longest search text, in characters: a search box, not a document. */
export const MAX_SEARCH_LENGTH = 200;
const ORDER_FIELDS: readonly ToolOrderField[] = ["RELEVANCE", "INVOCATION_COUNT", "NAME", "UPDATED_AT"];

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

/** A position in one ordering: the last row's sort value and id (keyset), or an offset for RELEVANCE. */
type ToolCursor = { field: ToolOrderField; desc: boolean } & ({ v: string | number | Date; id: string } | { o: number });

const toolCursor = cursorCodec<ToolCursor>("tools", {
  write: (c) => ({ f: c.field, d: c.desc ? 1 : 0, ...("o" in c ? { o: c.o } : { v: c.v instanceof Date ? c.v.toISOString() : c.v, id: c.id }) }),
  read: (r) => {
    const field = r.oneOf("f", ORDER_FIELDS);
    const desc = r.int("d", 0, 1) === 1;
    if (field === "RELEVANCE") return { field, desc, o: r.int("o") };
    const v = field === "UPDATED_AT" ? r.date("v") : field === "INVOCATION_COUNT" ? r.int("v") : r.text("v", 200);
    return { field, desc, v, id: r.text("id", TOOL_ID_MAX_LENGTH) };
  },
});

export async function listTools(db: PrismaClient, args: ToolListArgs): Promise<ToolPage> {
  const first = pageSize(args.first, TOOL_PAGE);
  if (args.search && args.search.length > MAX_SEARCH_LENGTH) throw new ValidationError("filter.search", `search must be at most ${MAX_SEARCH_LENGTH} characters`);
  const tsq = args.search ? searchToTsquery(args.search) : null;
  const rankTsq = args.search ? searchToRankTsquery(args.search) : null;
  const field: ToolOrderField = args.orderBy?.field ?? (tsq ? "RELEVANCE" : "INVOCATION_COUNT");
  const desc = (args.orderBy?.direction ?? (field === "NAME" ? "ASC" : "DESC")) === "DESC";

  const where: Prisma.Sql[] = [];
  if (args.categoryId) where.push(Prisma.sql`t.category_id = ${args.categoryId}`);
  if (args.enabled != null) where.push(Prisma.sql`t.enabled = ${args.enabled}`);
  if (tsq) where.push(Prisma.sql`t.search_vector @@ to_tsquery('english', ${tsq})`);
  const filterSql = where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty;

  const cursor = toolCursor.decode(args.after);
  if (cursor && (cursor.field !== field || cursor.desc !== desc)) {
    throw new ValidationError("after", "after is a cursor of this list in another order; start again without after");
  }
  let sortExpr: Prisma.Sql;
  let page: Prisma.Sql = Prisma.empty;
  let offset = 0;
  if (field === "RELEVANCE") {
    if (!tsq || !rankTsq) throw new ValidationError("orderBy", "RELEVANCE ordering needs a search");
    // Ranks are floats that move as tools change: page by offset, which the cursor carries.
    sortExpr = relevanceSql(rankTsq);
    offset = cursor && "o" in cursor ? cursor.o : 0;
  } else {
    sortExpr = COLUMN[field];
    if (cursor && "id" in cursor) {
      page = desc ? Prisma.sql`(${sortExpr}, t.id) < (${cursor.v}, ${cursor.id})` : Prisma.sql`(${sortExpr}, t.id) > (${cursor.v}, ${cursor.id})`;
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
  const { nodes, hasNextPage } = slicePage(rows, first);
  const tools = nodes.map((r, i) => {
    const { sort_value, ...tool } = r;
    const position: ToolCursor =
      field === "RELEVANCE" ? { field, desc, o: offset + i + 1 } : { field, desc, v: sort_value as string | number | Date, id: tool.id as string };
    return { ...(tool as unknown as Tool), cursor: toolCursor.encode(position) };
  });
  return { tools, hasNextPage, totalCount: Number(total[0]?.n ?? 0) };
}
