// Query depth and cost limits, checked once the operation is parsed and its variables are
// known (an Apollo plugin): a query over a limit is rejected before any resolver runs.
import {
  GraphQLError, Kind, getNamedType, getNullableType, isListType, isObjectType, isInterfaceType,
  type DocumentNode, type FragmentDefinitionNode, type GraphQLNamedType, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode,
} from "graphql";
import type { ApolloServerPlugin } from "@apollo/server";

export const MAX_DEPTH = 12;
export const MAX_COST = 50_000;
/** A list field without a `first` argument is assumed to return this many items. */
const DEFAULT_LIST_SIZE = 20;

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function sizeArg(field: { arguments?: readonly { name: { value: string }; value: any }[] }, variables: Record<string, unknown>): number | null {
  const arg = field.arguments?.find((a) => a.name.value === "first" || a.name.value === "topN");
  if (!arg) return null;
  if (arg.value.kind === Kind.INT) return Number(arg.value.value);
  if (arg.value.kind === Kind.VARIABLE) {
    const v = variables[arg.value.name.value];
    return typeof v === "number" ? v : DEFAULT_LIST_SIZE;
  }
  return null;
}

/**
 * Depth = nesting of selection sets. Cost = every field costs 1, and a field's children cost
 * as many times as items it returns: its `first`/`topN`, else DEFAULT_LIST_SIZE for a list
 * (a connection's `edges` take the connection's `first`, already counted).
 */
export function measure(set: SelectionSetNode, parent: GraphQLNamedType | undefined, walk: Walk, seen = new Set<string>()): { depth: number; cost: number } {
  let depth = 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[sel.name.value] : undefined;
      if (!sel.selectionSet) {
        cost += 1;
        depth = Math.max(depth, 1);
        continue;
      }
      const child = measure(sel.selectionSet, def ? getNamedType(def.type) : undefined, walk, seen);
      const isList = !!def && isListType(getNullableType(def.type));
      const isEdges = sel.name.value === "edges" && !!parent?.name.endsWith("Connection");
      const size = sizeArg(sel, walk.variables) ?? (isList && !isEdges ? DEFAULT_LIST_SIZE : 1);
      cost += 1 + Math.max(1, size) * child.cost;
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
      depth = Math.max(depth, child.depth);
    }
  }
  return { depth, cost };
}

export function checkLimits(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments[def.name.value] = def;
  const root = operation.operation === "mutation" ? schema.getMutationType() : operation.operation === "subscription" ? schema.getSubscriptionType() : schema.getQueryType();
  const { depth, cost } = measure(operation.selectionSet, root ?? undefined, { schema, fragments, variables });
  if (depth > MAX_DEPTH) {
    throw new GraphQLError(`query depth ${depth} exceeds the limit of ${MAX_DEPTH}`, { extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 } } });
  }
  if (cost > MAX_COST) {
    throw new GraphQLError(`query cost ${cost} exceeds the limit of ${MAX_COST}; ask for fewer items per page`, { extensions: { code: "QUERY_TOO_COMPLEX", http: { status: 400 } } });
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
