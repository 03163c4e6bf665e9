// Reads of the click log for the API and the console: browse (filtered, keyset-paginated,
// newest first), window statistics, and case studies (starred impressions).
import crypto from "node:crypto";
import { checkText, cursorCodec, IMPRESSION_LIMITS, NotFoundError, pageSize, slicePage, ValidationError, type PageLimits } from "@toolrec/core";
import { Prisma, type PrismaClient } from "./generated/client.js";
import type { CaseStudy, Impression, ImpressionSuggestion } from "./generated/client.js";

export type ImpressionWithSuggestions = Impression & { suggestions: ImpressionSuggestion[]; caseStudy: CaseStudy | null };

export interface ImpressionFilter {
  userId?: string | null;
  from?: Date | null;
  to?: Date | null;
  desirable?: boolean | null;
  toolInvoking?: boolean | null;
  toolId?: string | null;
  search?: string | null;
  starred?: boolean | null;
  source?: string | null;
}

export interface TimeWindow {
  from?: Date | null;
  to?: Date | null;
}

export const MAX_IMPRESSION_PAGE = 200;
export const IMPRESSION_PAGE: PageLimits = { default: 50, max: MAX_IMPRESSION_PAGE };
/** Longest search text, in characters. */
export const MAX_IMPRESSION_SEARCH = 200;

/** definitions.md: desirable, a clicked suggestion is tool-invoking; undesirable, an exposed one is. */
const TOOL_INVOKING = Prisma.sql`EXISTS (SELECT 1 FROM impression_suggestions s WHERE s.impression_id = i.id
  AND s.resolved_tool_id IS NOT NULL AND s.exposed AND (s.clicked OR NOT i.desirable))`;

export function windowConditions(w: TimeWindow | null | undefined): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (w?.from && w?.to && !(w.from < w.to)) throw new ValidationError("to", "the window's end must be after its start");
  if (w?.from) where.push(Prisma.sql`i."timestamp" >= ${w.from}`);
  if (w?.to) where.push(Prisma.sql`i."timestamp" < ${w.to}`);
  return where;
}

/**
 * The impressions calibration and datasets read: the window, without the console Playground's
 * requests (source "playground": an engineer trying prompts is not a user's click log).
 */
export function trainingWindowConditions(w: TimeWindow | null | undefined): Prisma.Sql[] {
  return [...windowConditions(w), Prisma.sql`i.source <> 'playground'`];
}

function filterConditions(f: ImpressionFilter): Prisma.Sql[] {
  const where = windowConditions(f);
  if (f.userId) where.push(Prisma.sql`i.user_id = ${f.userId}`);
  if (f.desirable != null) where.push(Prisma.sql`i.desirable = ${f.desirable}`);
  if (f.toolInvoking != null) where.push(f.toolInvoking ? TOOL_INVOKING : Prisma.sql`NOT ${TOOL_INVOKING}`);
  if (f.toolId) where.push(Prisma.sql`EXISTS (SELECT 1 FROM impression_suggestions s WHERE s.impression_id = i.id AND s.resolved_tool_id = ${f.toolId})`);
  if (f.source) where.push(Prisma.sql`i.source = ${f.source}`);
  if (f.starred != null) where.push(Prisma.sql`${f.starred ? Prisma.empty : Prisma.sql`NOT`} EXISTS (SELECT 1 FROM case_studies c WHERE c.impression_id = i.id)`);
  if (f.search && f.search.length > MAX_IMPRESSION_SEARCH) throw new ValidationError("filter.search", `search must be at most ${MAX_IMPRESSION_SEARCH} characters`);
  if (f.search && f.search.trim()) {
    const like = `%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(i.user_query ILIKE ${like} OR i.assistant_response ILIKE ${like}
      OR EXISTS (SELECT 1 FROM impression_suggestions s WHERE s.impression_id = i.id AND s.text ILIKE ${like}))`);
  }
  return where;
}

const whereSql = (conds: Prisma.Sql[]) => (conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty);

/** Keyset position: the last impression's timestamp and id (newest first). */
const impressionCursor = cursorCodec<{ t: Date; id: string }>("impressions", {
  write: (c) => ({ t: c.t.toISOString(), id: c.id }),
  read: (r) => ({ t: r.date("t"), id: r.text("id", IMPRESSION_LIMITS.idLength) }),
});

export interface ImpressionPage {
  impressions: (ImpressionWithSuggestions & { cursor: string })[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Impressions newest first (timestamp, then id, descending), keyset-paginated. */
export async function listImpressions(db: PrismaClient, args: { first?: number | null; after?: string | null; filter?: ImpressionFilter | null }): Promise<ImpressionPage> {
  const first = pageSize(args.first, IMPRESSION_PAGE);
  const conds = filterConditions(args.filter ?? {});
  const page = [...conds];
  const c = impressionCursor.decode(args.after);
  if (c) page.push(Prisma.sql`(i."timestamp", i.id) < (${c.t}, ${c.id})`);
  const [rows, total] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`SELECT i.id FROM impressions i ${whereSql(page)} ORDER BY i."timestamp" DESC, i.id DESC LIMIT ${first + 1}`,
    db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM impressions i ${whereSql(conds)}`,
  ]);
  const { nodes, hasNextPage } = slicePage(rows, first);
  const found = await getImpressions(db, nodes.map((r) => r.id));
  const impressions = nodes
    .map((r) => found.get(r.id))
    .filter((x): x is ImpressionWithSuggestions => !!x)
    .map((imp) => ({ ...imp, cursor: impressionCursor.encode({ t: imp.timestamp, id: imp.id }) }));
  return { impressions, hasNextPage, totalCount: Number(total[0]?.n ?? 0) };
}

/** Impressions by id, with suggestions (generated order) and case study. */
export async function getImpressions(db: PrismaClient, ids: readonly string[]): Promise<Map<string, ImpressionWithSuggestions>> {
  if (ids.length === 0) return new Map();
  const rows = await db.impression.findMany({
    where: { id: { in: [...ids] } },
    include: { suggestions: { orderBy: { position: "asc" } }, caseStudy: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}

export interface ImpressionStats {
  impressions: number;
  users: number;
  desirable: number;
  toolInvoking: number;
  firstTimestamp: Date | null;
  lastTimestamp: Date | null;
  toolInvokingSuggestions: { exposed: number; clicked: number; ctr: number };
  generalSuggestions: { exposed: number; clicked: number; ctr: number };
}

export async function impressionStats(db: PrismaClient, window?: TimeWindow | null): Promise<ImpressionStats> {
  const where = whereSql(windowConditions(window));
  const [imp, sug] = await Promise.all([
    db.$queryRaw<{ n: bigint; users: bigint; desirable: bigint; tool: bigint; first: Date | null; last: Date | null }[]>`
      SELECT count(*) AS n, count(DISTINCT i.user_id) AS users, count(*) FILTER (WHERE i.desirable) AS desirable,
             count(*) FILTER (WHERE ${TOOL_INVOKING}) AS tool, min(i."timestamp") AS first, max(i."timestamp") AS last
      FROM impressions i ${where}`,
    db.$queryRaw<{ tool: boolean; exposed: bigint; clicked: bigint }[]>`
      SELECT (s.resolved_tool_id IS NOT NULL) AS tool, count(*) AS exposed, count(*) FILTER (WHERE s.clicked) AS clicked
      FROM impressions i JOIN impression_suggestions s ON s.impression_id = i.id
      ${whereSql([...windowConditions(window), Prisma.sql`s.exposed`])}
      GROUP BY 1`,
  ]);
  const r = imp[0]!;
  const ctr = (tool: boolean) => {
    const row = sug.find((x) => x.tool === tool);
    const exposed = Number(row?.exposed ?? 0);
    const clicked = Number(row?.clicked ?? 0);
    return { exposed, clicked, ctr: exposed ? clicked / exposed : 0 };
  };
  return {
    impressions: Number(r.n),
    users: Number(r.users),
    desirable: Number(r.desirable),
    toolInvoking: Number(r.tool),
    firstTimestamp: r.first,
    lastTimestamp: r.last,
    toolInvokingSuggestions: ctr(true),
    generalSuggestions: ctr(false),
  };
}

// ---------------------------------------------------------------------------
// Case studies
// ---------------------------------------------------------------------------

const TITLE_MAX = 200;
const NOTE_MAX = 10_000;

function checkTitle(title: string): string {
  const problem = checkText(title, { min: 1, max: TITLE_MAX, kind: "line" });
  if (problem !== null) throw new ValidationError("title", `title ${problem}`);
  return title.trim();
}
function checkNote(note: string): string {
  const problem = checkText(note, { min: 0, max: NOTE_MAX, kind: "multiline" });
  if (problem !== null) throw new ValidationError("note", `note ${problem}`);
  return note;
}

export async function starImpression(db: PrismaClient, impressionId: string, title: string, note: string | null | undefined, actor: string): Promise<CaseStudy> {
  const data = { title: checkTitle(title), note: checkNote(note ?? "") };
  return db.$transaction(async (tx) => {
    if (!(await tx.impression.findUnique({ where: { id: impressionId }, select: { id: true } }))) throw new NotFoundError("impression", impressionId);
    if (await tx.caseStudy.findUnique({ where: { impressionId }, select: { id: true } })) {
      throw new ValidationError("impressionId", `impression ${impressionId} is already starred; use updateCaseStudy`);
    }
    return tx.caseStudy.create({ data: { id: crypto.randomUUID(), impressionId, ...data, createdBy: actor } });
  });
}

export async function updateCaseStudy(db: PrismaClient, id: string, patch: { title?: string | null; note?: string | null }): Promise<CaseStudy> {
  const data: { title?: string; note?: string } = {};
  if (patch.title != null) data.title = checkTitle(patch.title);
  if (patch.note != null) data.note = checkNote(patch.note);
  const { count } = await db.caseStudy.updateMany({ where: { id }, data });
  if (count === 0) throw new NotFoundError("case study", id);
  return (await db.caseStudy.findUnique({ where: { id } }))!;
}

export async function unstarImpression(db: PrismaClient, impressionId: string): Promise<boolean> {
  const { count } = await db.caseStudy.deleteMany({ where: { impressionId } });
  return count > 0;
}

export async function listCaseStudies(db: PrismaClient): Promise<CaseStudy[]> {
  return db.caseStudy.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}
