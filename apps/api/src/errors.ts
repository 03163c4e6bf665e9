// The one place errors become what clients see. Domain errors map by class (core's
// hierarchy) to extensions.code (+ extensions.field for bad input); anything else is an
// INTERNAL_SERVER_ERROR whose client message is generic and carries a reference (errorId)
// that the server log has next to the real error. No stack trace leaves the process unless
// development mode is on (TOOLREC_DEV=1 or NODE_ENV=development).
import crypto from "node:crypto";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ConflictError, NotFoundError, ToolRecError, UnavailableError, ValidationError } from "@toolrec/core";
import { Prisma } from "@toolrec/db";

/**
 * Prisma errors that are not bugs, by their code (prisma.io/docs/orm/reference/error-reference):
 * a unique constraint a concurrent request won (P2002), a transaction that timed out or was
 * closed under load (P2028), a write conflict or deadlock (P2034). The client gets a code it can
 * act on (CONFLICT: look again; UNAVAILABLE: retry), never Prisma's text or the SQL.
 */
function prismaError(err: Prisma.PrismaClientKnownRequestError): GraphQLError | null {
  if (err.code === "P2002") {
    const target = (err.meta as { target?: unknown } | undefined)?.target;
    const fields = Array.isArray(target) ? target.map(String) : typeof target === "string" ? [target] : [];
    return new GraphQLError(`an entry with the same ${fields.length ? fields.join(", ") : "key"} already exists (a concurrent request may have created it)`, {
      extensions: { code: "CONFLICT", ...(fields.length === 1 ? { field: fields[0] } : {}) },
    });
  }
  if (err.code === "P2028" || err.code === "P2034") {
    return new GraphQLError("the database was too busy to finish this change; nothing was saved, try again", { extensions: { code: "UNAVAILABLE", retryable: true } });
  }
  return null;
}

/** Development mode: stack traces in error responses. Off unless asked for explicitly. */
export function developmentMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TOOLREC_DEV === "1" || env.NODE_ENV === "development";
}

export function unauthenticated(message = "an API key is required: send Authorization: Bearer <key>") {
  return new GraphQLError(message, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
}
export function forbidden(role: string, needed: readonly string[]) {
  return new GraphQLError(`this API key's role ${role} cannot do this (needs ${needed.join(" or ")})`, { extensions: { code: "FORBIDDEN" } });
}

/** Maps a thrown error to the GraphQL error clients see, by class; null for unexpected errors. */
export function toGraphQLError(err: unknown): GraphQLError | null {
  if (err instanceof GraphQLError) return err;
  if (err instanceof ValidationError) {
    const details = err.details && err.details.length > 1 ? { errors: err.details } : {};
    return new GraphQLError(err.message, { extensions: { code: err.code, field: err.field, ...details } });
  }
  if (err instanceof ConflictError) return new GraphQLError(err.message, { extensions: { code: err.code, currentVersion: err.currentVersion } });
  if (err instanceof NotFoundError || err instanceof UnavailableError || err instanceof ToolRecError) {
    return new GraphQLError(err.message, { extensions: { code: err.code } });
  }
  if (err instanceof Prisma.PrismaClientKnownRequestError) return prismaError(err);
  return null;
}

/** Logs an unexpected error with a new reference and returns the reference. */
export function logInternalError(err: unknown, where: string): string {
  const errorId = crypto.randomUUID();
  console.error(`[api] internal error ${errorId} (${where}):`, err);
  return errorId;
}

export function internalErrorMessage(errorId: string): string {
  return `internal error (reference ${errorId}); the API log has the details`;
}

// graphql-js reports a bad variable as: Variable "$f" got invalid value ... at "f.from"; ...
const VARIABLE_ERROR = /^Variable "\$([^"]+)" got invalid value .*?(?: at "([^"]+)")?; /s;

/**
 * Apollo's formatError: domain errors keep their code and field; a bad variable names its
 * path as the field; unexpected errors get a reference instead of their message.
 * Stack traces are removed here as well as by Apollo's option (defence in depth).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const mapped = toGraphQLError(original);
  const { stacktrace, http: _http, ...extensions } = { ...formatted.extensions, ...(mapped?.extensions ?? {}) } as Record<string, unknown>;
  const keepStack = developmentMode() && stacktrace !== undefined ? { stacktrace } : {};
  if (mapped && mapped !== original) return { ...formatted, message: mapped.message, extensions: { ...extensions, ...keepStack } };
  if (extensions.code === "INTERNAL_SERVER_ERROR" || extensions.code === undefined) {
    const errorId = logInternalError(original, formatted.path ? `resolving ${formatted.path.join(".")}` : "request");
    return { message: internalErrorMessage(errorId), ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: "INTERNAL_SERVER_ERROR", errorId, ...keepStack } };
  }
  if (extensions.code === "BAD_USER_INPUT" && extensions.field === undefined) {
    const m = VARIABLE_ERROR.exec(formatted.message);
    if (m) extensions.field = m[2] ?? m[1];
  }
  return { ...formatted, extensions: { ...extensions, ...keepStack } };
}

/**
 * A GraphQL input object handed to the domain. GraphQL lets a client send null for any
 * optional input field, the domain's input types say `undefined`; the domain validates every
 * field at run time (a null where a value is needed is BAD_USER_INPUT naming the field), so
 * only that static difference is bridged here, in one place.
 */
export function domainInput<T>(input: unknown): T {
  return input as T;
}
