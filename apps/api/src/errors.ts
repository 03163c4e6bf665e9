// The one place domain errors become GraphQL errors (extensions.code, extensions.field).
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ConflictError, NotFoundError, ToolRecError, ValidationError } from "@toolrec/core";
import { CalibrationConfigError, KtoInputError } from "@toolrec/core";

export function unauthenticated(message = "an API key is required: send Authorization: Bearer <key>") {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}
export function forbidden(role: string, needed: readonly string[]) {
  return new GraphQLError(`this API key's role ${role} cannot do this (needs ${needed.join(" or ")})`, { extensions: { code: "FORBIDDEN" } });
}
export function badInput(field: string, message: string) {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field } });
}

/** Maps a thrown domain error to the GraphQL error clients see. */
export function toGraphQLError(err: unknown): GraphQLError | null {
  if (err instanceof GraphQLError) return err;
  if (err instanceof ValidationError) {
    return new GraphQLError(err.message, { extensions: { code: err.code, field: err.field, ...(err.details && err.details.length > 1 ? { errors: err.details } : {}) } });
  }
  if (err instanceof CalibrationConfigError || err instanceof KtoInputError) {
    return new GraphQLError(err.message, { extensions: { code: "BAD_USER_INPUT", field: (err as { field?: string }).field } });
  }
  if (err instanceof ConflictError) {
    return new GraphQLError(err.message, { extensions: { code: err.code, currentVersion: err.currentVersion } });
  }
  if (err instanceof NotFoundError) return new GraphQLError(err.message, { extensions: { code: err.code } });
  if (err instanceof ToolRecError) return new GraphQLError(err.message, { extensions: { code: err.code } });
  return null;
}

/** Apollo's formatError: domain errors keep their code; unexpected ones hide internals. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const mapped = toGraphQLError(original);
  if (mapped) {
    const { http: _http, ...extensions } = { ...formatted.extensions, ...mapped.extensions } as Record<string, unknown>;
    return { ...formatted, message: mapped.message, extensions };
  }
  if (formatted.extensions?.code === "INTERNAL_SERVER_ERROR") {
    console.error("[api] unexpected error:", original);
    return { ...formatted, message: "internal error; see the API log" };
  }
  return formatted;
}
