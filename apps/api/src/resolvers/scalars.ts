import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from "graphql";
import { parseTimestamp } from "@toolrec/core";

export const DateTime = new GraphQLScalarType({
  name: "DateTime",
  description: "An ISO-8601 instant, e.g. 2026-11-26T10:00:00.000Z (a zone-less time is UTC; a plain date is its midnight UTC). Impossible dates are refused.",
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(v as string).toISOString()),
  parseValue: (v) => parseDate(v),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : null),
});

/** core's calendar-checked grammar (the one click logs use): 2026-02-30 is an error, not 2 March. */
function parseDate(v: unknown): Date {
  const d = typeof v === "string" ? parseTimestamp(v, { allowDate: true }) : null;
  // No field here: formatError names the variable path the value came from.
  if (d === null) throw new GraphQLError(`${globalThis.JSON.stringify(v) ?? String(v)} is not a valid ISO-8601 date-time (YYYY-MM-DD[THH:MM[:SS[.sss]]][Z|±HH:MM], a real calendar date, year 1970..9999)`, { extensions: { code: "BAD_USER_INPUT" } });
  return d;
}

function literal(ast: ValueNode, variables?: Record<string, unknown> | null): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    default:
      return undefined;
  }
}

export const JSON = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value",
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => literal(ast, variables),
});
