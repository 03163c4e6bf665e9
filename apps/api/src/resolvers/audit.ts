// Every mutation goes through `audited`: role check, then the work, then an audit entry
// (who, what, when, on what). Failed attempts are audited too, with the error code.
import { writeAudit, type ApiRole } from "@toolrec/db";
import { requireRole } from "../auth.js";
import type { Context } from "../context.js";
import { toGraphQLError } from "../errors.js";

export function audited<A, R>(
  action: string,
  roles: readonly ApiRole[],
  target: (args: A) => string | null,
  run: (args: A, ctx: Context) => Promise<R>,
) {
  return async (_parent: unknown, args: A, ctx: Context): Promise<R> => {
    requireRole(ctx.viewer, roles);
    const write = (details: Record<string, unknown>) =>
      writeAudit(ctx.db, { actorId: ctx.viewer.id, actor: ctx.viewer.name, action, target: target(args), details }).catch((err) =>
        console.error("[api] audit write failed:", err),
      );
    try {
      const result = await run(args, ctx);
      ctx.catalog.invalidate();
      await write({ ok: true, args: summarize(args) });
      return result;
    } catch (err) {
      const code = toGraphQLError(err)?.extensions?.code ?? "INTERNAL_SERVER_ERROR";
      await write({ ok: false, code, args: summarize(args) });
      throw err;
    }
  };
}

/** Arguments as stored in the audit log: large lists are summarised, secrets never appear. */
function summarize(args: unknown): unknown {
  return JSON.parse(
    JSON.stringify(args, (_k, v) => (Array.isArray(v) && v.length > 20 ? { items: v.length } : v)),
  );
}

export const auditResolvers = {
  Query: {
    async auditLog(_: unknown, { first, after }: { first?: number; after?: string }, ctx: Context) {
      requireRole(ctx.viewer, ["ADMIN"]);
      const take = Math.min(Math.max(first ?? 50, 0), 200);
      const cursorId = after ? Number(Buffer.from(after, "base64url").toString()) : null;
      const [rows, totalCount] = await Promise.all([
        ctx.db.auditEntry.findMany({ where: cursorId ? { id: { lt: cursorId } } : {}, orderBy: { id: "desc" }, take: take + 1 }),
        ctx.db.auditEntry.count(),
      ]);
      const page = rows.slice(0, take);
      const cursor = (id: number) => Buffer.from(String(id)).toString("base64url");
      return {
        edges: page.map((e) => ({ cursor: cursor(e.id), node: e })),
        pageInfo: { hasNextPage: rows.length > take, endCursor: page.length ? cursor(page.at(-1)!.id) : null },
        totalCount,
      };
    },
  },
};
