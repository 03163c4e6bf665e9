// Every mutation goes through `audited`: role check, then the work, then an audit entry
// (who, what, when, on what). Failed attempts are audited too, with the error code. What is
// stored of the arguments is bounded by writeAudit (long strings cut, long lists counted).
// A mutation declared `catalog: true` fires the one "catalog changed" signal (issue 9 code
// item 7) on the request context, whether it succeeded or not (a failure may follow a partial
// write elsewhere; a needless reload is cheap); the others (API keys, datasets...) never do.
import { connection } from "@toolrec/core";
import { listAuditEntries, writeAudit, type ApiRole } from "@toolrec/db";
import { requireRole } from "../auth.js";
import type { Context } from "../context.js";
import type { QueryAuditLogArgs } from "../generated/graphql.js";
import { toGraphQLError } from "../errors.js";

export function audited<A, R>(
  action: string,
  roles: readonly ApiRole[],
  target: (args: A) => string | null,
  run: (args: A, ctx: Context) => Promise<R>,
  effects: { catalog?: boolean } = {},
) {
  return async (_parent: unknown, args: A, ctx: Context): Promise<R> => {
    requireRole(ctx.viewer, roles);
    const write = (details: Record<string, unknown>) =>
      writeAudit(ctx.db, { actorId: ctx.viewer.id, actor: ctx.viewer.name, action, target: target(args), details }).catch((err) =>
        console.error("[api] audit write failed:", err),
      );
    try {
      const result = await run(args, ctx);
      if (effects.catalog) ctx.catalogChanged(action);
      await write({ ok: true, args });
      return result;
    } catch (err) {
      if (effects.catalog) ctx.catalogChanged(action);
      const code = toGraphQLError(err)?.extensions?.code ?? "INTERNAL_SERVER_ERROR";
      await write({ ok: false, code, args });
      throw err;
    }
  };
}

export const auditResolvers = {
  Query: {
    async auditLog(_: unknown, args: QueryAuditLogArgs, ctx: Context) {
      requireRole(ctx.viewer, ["ADMIN"]);
      const page = await listAuditEntries(ctx.db, args);
      return connection(page.entries, (e) => e.cursor, page);
    },
  },
};
