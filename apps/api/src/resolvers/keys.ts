import { checkText, NotFoundError, ValidationError } from "@toolrec/core";
import { CAN, createApiKey, ROLES } from "../auth.js";
import type { Context } from "../context.js";
import type { MutationCreateApiKeyArgs, MutationRevokeApiKeyArgs } from "../generated/graphql.js";
import { audited } from "./audit.js";

export const keyResolvers = {
  Query: {
    viewer: (_: unknown, __: unknown, ctx: Context) => ctx.viewer,
    async apiKeys(_: unknown, __: unknown, ctx: Context) {
      if (ctx.viewer.role !== "ADMIN") return ctx.db.apiKey.findMany({ where: { id: ctx.viewer.id } });
      return ctx.db.apiKey.findMany({ orderBy: { createdAt: "desc" } });
    },
  },
  Mutation: {
    createApiKey: audited("createApiKey", CAN.admin, (a: MutationCreateApiKeyArgs) => `apiKey:${a.name}`, async ({ name, role }, ctx) => {
      const problem = checkText(name, { min: 1, max: 80, kind: "line" });
      if (problem !== null) throw new ValidationError("name", `name ${problem}`);
      if (!ROLES.includes(role)) throw new ValidationError("role", `role must be one of ${ROLES.join(", ")}`);
      return createApiKey(ctx.db, name.trim(), role);
    }),
    revokeApiKey: audited("revokeApiKey", CAN.admin, (a: MutationRevokeApiKeyArgs) => `apiKey:${a.id}`, async ({ id }, ctx) => {
      const key = await ctx.db.apiKey.findUnique({ where: { id } });
      if (!key) throw new NotFoundError("API key", id);
      if (key.id === ctx.viewer.id) throw new ValidationError("id", "you cannot revoke the key you are signed in with");
      const revoked = await ctx.db.apiKey.update({ where: { id }, data: { revokedAt: key.revokedAt ?? new Date() } });
      ctx.auth.forget(id);
      return revoked;
    }),
  },
};
