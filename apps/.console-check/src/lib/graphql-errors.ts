// GraphQL error shapes and helpers shared by server and client code.

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[];
}

export class GraphQLRequestError extends Error {
  constructor(
    readonly errors: GraphQLErrorShape[],
    readonly status: number,
  ) {
    super(errors.map((e) => e.message).join("; ") || `GraphQL request failed (HTTP ${status})`);
    this.name = "GraphQLRequestError";
  }

  /** The first error with this extensions.code, if any. */
  withCode(code: string): GraphQLErrorShape | undefined {
    return this.errors.find((e) => e.extensions?.code === code);
  }

  get codes(): string[] {
    return this.errors.map((e) => e.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  }
}

/**
 * BAD_USER_INPUT errors keyed by the field they name, e.g. "name", "utterances[2]",
 * "parameters". The API names the first offending field in extensions.field and may list
 * every one in extensions.errors ([{ field, message }]); both are read. A leading "input."
 * is dropped, so "input.name" and "name" land on the same field. Errors without a field
 * are returned under "".
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof GraphQLRequestError)) return out;
  const add = (rawField: unknown, message: unknown) => {
    const field = (typeof rawField === "string" ? rawField : "").replace(/^input\./, "");
    const text = typeof message === "string" && message ? message : "Invalid value";
    if (out[field]?.split("; ").includes(text)) return;
    out[field] = out[field] ? `${out[field]}; ${text}` : text;
  };
  for (const e of error.errors) {
    if (e.extensions?.code !== "BAD_USER_INPUT") continue;
    const list = e.extensions.errors;
    const items = Array.isArray(list)
      ? list.filter((item): item is { field?: unknown; message?: unknown } => typeof item === "object" && item !== null)
      : [];
    if (items.length > 0) for (const item of items) add(item.field, item.message);
    else add(e.extensions.field, e.message);
  }
  return out;
}

/** A one-line message for anything thrown by a request. */
export function errorMessage(error: unknown): string {
  if (error instanceof GraphQLRequestError) {
    const e = error.errors[0];
    if (!e) return error.message;
    const code = e.extensions?.code;
    if (code === "FORBIDDEN") return `Your key's role may not do this: ${e.message}`;
    return e.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
