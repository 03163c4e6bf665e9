// The audit log: who did what, when, on what, with what outcome. The API writes one entry
// per mutation (failed attempts included), the CLI one per write command. What is stored
// of a client's arguments is bounded (core's boundJson): a rejected 1 MB description is
// kept as its first 200 characters and a count, and NUL or unpaired surrogates, which
// PostgreSQL cannot store, become U+FFFD, so the entry is always written.
import { boundJson, cursorCodec, pageSize, slicePage, storableText, type PageLimits } from "@toolrec/core";
import type { AuditEntry, Prisma, PrismaClient } from "./generated/client.js";

/** Longest target stored ("tool:<id>"), in characters. */
const TARGET_MAX = 200;

export async function writeAudit(db: PrismaClient, entry: { actorId?: string | null; actor: string; action: string; target?: string | null; details?: unknown }): Promise<void> {
  const target = entry.target == null ? null : storableText(entry.target.length > TARGET_MAX ? `${entry.target.slice(0, TARGET_MAX)}…` : entry.target);
  await db.auditEntry.create({
    data: {
      actorId: entry.actorId ?? null,
      actor: storableText(entry.actor),
      action: entry.action,
      target,
      details: (boundJson(entry.details ?? {}) ?? {}) as Prisma.InputJsonValue,
    },
  });
}

export const AUDIT_PAGE: PageLimits = { default: 50, max: 200 };
/** Newest first, paged by id. */
const auditCursor = cursorCodec<number>("audit", { write: (id) => ({ id }), read: (r) => r.int("id", 1) });

export async function listAuditEntries(db: PrismaClient, args: { first?: number | null; after?: string | null }) {
  const first = pageSize(args.first, AUDIT_PAGE);
  const before = auditCursor.decode(args.after);
  const [rows, totalCount] = await Promise.all([
    db.auditEntry.findMany({ where: before === null ? {} : { id: { lt: before } }, orderBy: { id: "desc" }, take: first + 1 }),
    db.auditEntry.count(),
  ]);
  const { nodes, hasNextPage } = slicePage(rows, first);
  const entries: (AuditEntry & { cursor: string })[] = nodes.map((e) => ({ ...e, cursor: auditCursor.encode(e.id) }));
  return { entries, hasNextPage, totalCount };
}
