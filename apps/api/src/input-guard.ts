// Every argument of every operation is checked before any resolver runs (an Apollo plugin):
// no String or ID anywhere may hold what storage cannot (NUL, unpaired surrogates), and a
// JSON value is bounded in depth and size. The rules are core's (validation module); this
// only walks the request. Field-specific rules (lengths, control characters in tool text)
// stay with the domain validation, which reports the same way.
import {
  GraphQLError, Kind, TypeInfo, getNullableType, isInputObjectType, isListType, isScalarType, valueFromAST, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLSchema, type ValueNode,
} from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";
import { jsonPath, jsonProblem, textProblem, type JsonLimits } from "@toolrec/core";

/**
 * Arguments whose resolvers check each row themselves and report bad rows while keeping
 * the good ones (issue 8 §4): one bad impression must not fail the whole call.
 */
const PER_ROW_ARGUMENTS = new Set(["ingestImpressions.impressions", "importTools.tools"]);

/** Any JSON argument (tool parameters): deep enough for every real use, shallow enough for any parser. */
export const JSON_ARGUMENT_LIMITS: JsonLimits = Object.freeze({ maxDepth: 64, maxNodes: 100_000, maxStringLength: 20 * 1024 * 1024 });

/** The field name clients see: the argument path, without a leading "input." (domain errors name input fields bare). */
const clientField = (path: string) => path.replace(/^input\./, "");

function reject(path: string, message: string): never {
  throw new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", field: clientField(path), http: { status: 400 } } });
}

function checkValue(value: unknown, type: GraphQLInputType, path: string): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) {
    if (Array.isArray(value)) value.forEach((item, i) => checkValue(item, t.ofType, `${path}[${i}]`));
    else checkValue(value, t.ofType, path); // a single value is coerced to a list of one
    return;
  }
  if (isInputObjectType(t)) {
    if (typeof value !== "object" || Array.isArray(value)) return; // graphql's coercion reports it
    const fields = t.getFields();
    for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) checkValue(child, field.type, jsonPath(path, name));
    }
    return;
  }
  if (!isScalarType(t)) return; // enums: graphql checks them against the schema
  if (t.name === "JSON") {
    const problem = jsonProblem(value, JSON_ARGUMENT_LIMITS);
    if (problem) reject(path, problem.path ? `${problem.path}: ${problem.message}` : problem.message);
    return;
  }
  if (typeof value === "string") {
    const problem = textProblem(value, "opaque");
    if (problem) reject(path, problem);
  }
}

/** One argument of an operation document to check: its type, and its literal or variable. */
interface ArgumentCheck {
  name: string;
  type: GraphQLInputType;
  value: ValueNode;
}

/**
 * The arguments to check, per parsed document: the walk with TypeInfo is done once per
 * document (Apollo hands the same DocumentNode for a query text it has seen, from its
 * document cache) and only the values are read per request.
 */
const plans = new WeakMap<DocumentNode, { schema: GraphQLSchema; checks: ArgumentCheck[] }>();

function planFor(schema: GraphQLSchema, document: DocumentNode): ArgumentCheck[] {
  const held = plans.get(document);
  if (held && held.schema === schema) return held.checks;
  const checks: ArgumentCheck[] = [];
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const arg = typeInfo.getArgument();
        const field = typeInfo.getFieldDef();
        if (!arg || PER_ROW_ARGUMENTS.has(`${field?.name}.${arg.name}`)) return;
        checks.push({ name: arg.name, type: arg.type, value: node.value });
      },
    }),
  );
  plans.set(document, { schema, checks });
  return checks;
}

export const inputGuardPlugin: ApolloServerPlugin = {
  async requestDidStart({ schema }) {
    return {
      async didResolveOperation({ document, request }) {
        const variables = request.variables ?? {};
        for (const c of planFor(schema, document)) {
          const value = c.value.kind === Kind.VARIABLE ? variables[c.value.name.value] : valueFromAST(c.value, c.type, variables);
          checkValue(value, c.type, c.name);
        }
      },
    };
  },
};
