// Query depth, alias and cost limits, checked once the operation is parsed and its variables
// are known (an Apollo plugin): a query over a limit is rejected before any resolver runs.
// Cost is priced by the work a field really does (FIELD_PRICES): a field that scans the
// catalog or a window of impressions costs what the scan costs, so repeating it under many
// aliases cannot stay under the limit (issue 8 §5: 2,300 aliases of invocationHistogram).
import {
  GraphQLError, Kind, getNamedType, getNullableType, isListType, isObjectType, isInterfaceType,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
} from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";

export const MAX_DEPTH = 12;
export const MAX_COST = 50_000;
/** Aliased fields per operation (fragments counted once per use). */
export const MAX_ALIASES = 100;

type ArgValues = Record<string, unknown>;
/**
 * What a field costs on its own, beyond 1 per field: its real work in the same units (one unit
 * ~ one row or item handled). Keys are "Type.field"; the function sees the field's arguments.
 */
export const FIELD_PRICES: Record<string, (args: ArgValues) => number> = {
  // A pass over every enabled tool's count (~2,000 tools in the catalog) plus the bins.
  // (Its list is sized by `bins`, like `first`, so each bin's fields are counted per bin.)
  "Query.invocationHistogram": () => 200,
  // Loads and calibrates a whole window of impressions (tens of thousands of rows).
  "Query.calibrationPreview": () => 2_000,
  "Query.impressionStats": () => 500,
  "Query.caseStudies": () => 100,
  // Embeds the dialogue and runs the retrieval stages over the catalog.
  "Query.retrievalPreview": () => 500,
  // Runs the whole dev set through retrieval twice.
  "Query.toolEditImpact": () => 5_000,
  // Runs the dev set's tune part through retrieval once.
  "Query.retrievalMisses": () => 2_500,
  // Schedules a background job over a window (the job itself runs off the request path).
  "Mutation.createPreferenceDataset": () => 1_000,
  // Checks the arms (an OpenAI-compatible server is asked once) and schedules a simulation.
  "Mutation.startOfflineExperiment": () => 1_000,
};

function argValues(field: { arguments?: readonly { name: { value: string }; value: any }[] }, walk: Pick<Walk, "variables" | "usedVariables">): ArgValues {
  const out: ArgValues = {};
  for (const a of field.arguments ?? []) {
    if (a.value.kind === Kind.INT || a.value.kind === Kind.FLOAT) out[a.name.value] = Number(a.value.value);
    else if (a.value.kind === Kind.VARIABLE) {
      out[a.name.value] = walk.variables[a.value.name.value];
      walk.usedVariables = true;
    }
  }
  return out;
}

function tooComplex(message: string, limit: "depth" | "cost" | "aliases", max: number, actual: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", limit, max, actual, http: { status: 400 } } });
}
/** A list field without a `first` argument is assumed to return this many items. */
const DEFAULT_LIST_SIZE = 20;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** Set when a variable's value entered the measure (then it holds for these variables only). */
  usedVariables?: boolean;
}

function sizeArg(field: { arguments?: readonly { name: { value: string }; value: any }[] }, walk: Pick<Walk, "variables" | "usedVariables">): number | null {
  const arg = field.arguments?.find((a) => a.name.value === "first" || a.name.value === "topN" || a.name.value === "bins");
  if (!arg) return null;
  if (arg.value.kind === Kind.INT) return Number(arg.value.value);
  if (arg.value.kind === Kind.VARIABLE) {
    walk.usedVariables = true;
    const v = walk.variables[arg.value.name.value];
    return typeof v === "number" ? v : DEFAULT_LIST_SIZE;
  }
  return null;
}

/**
 * Depth = nesting of selection sets. Cost = every field costs 1, and a field's children cost
 * as many times as items it returns: its `first`/`topN`, else DEFAULT_LIST_SIZE for a list
 * (a connection's `edges` take the connection's `first`, already counted).
 */
export function measure(set: SelectionSetNode, parent: GraphQLNamedType | undefined, walk: Walk, seen = new Set<string>()): { depth: number; cost: number; aliases: number } {
  let depth = 0;
  let cost = 0;
  let aliases = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
      if (sel.alias) aliases += 1;
      const price = parent ? FIELD_PRICES[`${parent.name}.${sel.name.value}`] : undefined;
      const own = price ? price(argValues(sel, walk)) : 0;
      if (!sel.selectionSet) {
        cost += 1 + own;
        depth = Math.max(depth, 1);
        continue;
      }
      const child = measure(sel.selectionSet, def ? getNamedType(def.type) : undefined, walk, seen);
      const isList = !!def && isListType(getNullableType(def.type));
      const isEdges = sel.name.value === "edges" && !!parent?.name.endsWith("Connection");
      const size = sizeArg(sel, walk) ?? (isList && !isEdges ? DEFAULT_LIST_SIZE : 1);
      cost += 1 + own + Math.max(1, size) * child.cost;
      aliases += child.aliases;
      depth = Math.max(depth, child.depth + 1);
    } else {
      let fragmentSet: SelectionSetNode | undefined;
      let type = parent;
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        fragmentSet = sel.selectionSet;
        if (sel.typeCondition) type = walk.schema.getType(sel.typeCondition.name.value) ?? parent;
      } else {
        if (seen.has(sel.name.value)) continue; // cycles are reported by graphql's own rules
        seen = new Set(seen).add(sel.name.value);
        const frag = walk.fragments[sel.name.value];
        fragmentSet = frag?.selectionSet;
        if (frag) type = walk.schema.getType(frag.typeCondition.name.value) ?? parent;
      }
      if (!fragmentSet) continue;
      const child = measure(fragmentSet, type, walk, seen);
      cost += child.cost;
      aliases += child.aliases;
      depth = Math.max(depth, child.depth);
    }
  }
  return { depth, cost, aliases };
}

/**
 * Measures of operations whose measure read no variable, per parsed document (Apollo hands
 * the same DocumentNode for a query text it has seen): a served query is measured once.
 */
const measured = new WeakMap<DocumentNode, { schema: GraphQLSchema; byOperation: WeakMap<OperationDefinitionNode, ReturnType<typeof measure>> }>();

function measureOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>) {
  let held = measured.get(document);
  if (held?.schema !== schema) measured.set(document, (held = { schema, byOperation: new WeakMap() }));
  const cached = held.byOperation.get(operation);
  if (cached) return cached;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const root = operation.operation === "mutation" ? schema.getMutationType() : operation.operation === "subscription" ? schema.getSubscriptionType() : schema.getQueryType();
  const walk: Walk = { schema, fragments, variables };
  const result = measure(operation.selectionSet, root ?? undefined, walk);
  if (!walk.usedVariables) held.byOperation.set(operation, result);
  return result;
}

export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const { depth, cost, aliases } = measureOperation(schema, document, operation, variables);
  if (aliases > MAX_ALIASES) {
    throw tooComplex(`the operation uses ${aliases} aliases; the limit is ${MAX_ALIASES} (split it into several requests)`, "aliases", MAX_ALIASES, aliases);
  }
  if (depth > MAX_DEPTH) throw tooComplex(`query depth ${depth} exceeds the limit of ${MAX_DEPTH}`, "depth", MAX_DEPTH, depth);
  if (cost > MAX_COST) {
    throw tooComplex(`query cost ${cost} exceeds the limit of ${MAX_COST}; ask for fewer items per page or fewer costly fields`, "cost", MAX_COST, cost);
  }
}

export const limitsPlugin: ApolloServerPlugin = {
  async requestDidStart({ schema }) {
    return {
      async didResolveOperation({ document, operation, request }) {
        if (operation) checkLimits(schema, document, operation, request.variables ?? {});
      },
    };
  },
};
