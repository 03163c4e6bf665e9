// GraphQL documents the console sends (through /api/graphql). Their result and variable
// types are generated from the API's schema (`npm run codegen`, apps/console/src/gql/).

import { graphql } from "@/gql";
import type {
  ConsoleApiKeysQuery,
  ConsoleCategoriesQuery,
  ConsoleToolRevisionsQuery,
  ConsoleViewerQuery,
  ToolFullFragment,
  ToolRowFragment,
} from "@/gql/graphql";

export type { ApiRole, SortDirection, ToolActionType, ToolOrderField, UpdateToolInput, CreateToolInput } from "@/gql/graphql";

export const TOOL_ROW_FIELDS = graphql(`
  fragment ToolRow on Tool {
    id
    name
    canonicalQuery
    invocationCount
    frequencyPercentile
    enabled
    category { id name }
  }
`);
export type ToolRow = ToolRowFragment;

export const TOOL_FULL_FIELDS = graphql(`
  fragment ToolFull on Tool {
    ...ToolRow
    description
    categoryId
    utterances
    situations
    parameters
    actionType
    version
    updatedAt
    createdAt
    popularity
    grounding { source id reason }
  }
`);
export type Tool = ToolFullFragment;

export const TOOLS_QUERY = graphql(`
  query ConsoleTools($filter: ToolFilter, $first: Int, $after: String, $orderBy: ToolOrder) {
    tools(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...ToolRow } }
    }
  }
`);

export const CATEGORY_OPTIONS_QUERY = graphql(`
  query ConsoleCategoryOptions {
    categories { id name }
  }
`);

export const CATEGORIES_QUERY = graphql(`
  query ConsoleCategories($bins: Int) {
    categories { id code name target toolCount enabledToolCount invocationTotal }
    invocationHistogram(bins: $bins) { lower upper count }
  }
`);
export type Category = ConsoleCategoriesQuery["categories"][number];
export type HistogramBin = ConsoleCategoriesQuery["invocationHistogram"][number];

export const TOOL_QUERY = graphql(`
  query ConsoleTool($id: ID!) {
    tool(id: $id) { ...ToolFull }
  }
`);

export const TOOL_VERSION_QUERY = graphql(`
  query ConsoleToolVersion($id: ID!) {
    tool(id: $id) { id version }
  }
`);

export const TOOL_REVISIONS_QUERY = graphql(`
  query ConsoleToolRevisions($toolId: ID!) {
    toolRevisions(toolId: $toolId) {
      id toolId version action actor createdAt
      changes { field before after }
    }
  }
`);
export type ToolRevision = ConsoleToolRevisionsQuery["toolRevisions"][number];
export type FieldChange = ToolRevision["changes"][number];

export const UPDATE_TOOL_MUTATION = graphql(`
  mutation ConsoleUpdateTool($id: ID!, $version: Int!, $input: UpdateToolInput!) {
    updateTool(id: $id, version: $version, input: $input) { ...ToolFull }
  }
`);

export const CREATE_TOOL_MUTATION = graphql(`
  mutation ConsoleCreateTool($input: CreateToolInput!) {
    createTool(input: $input) { ...ToolFull }
  }
`);

export const DELETE_TOOL_MUTATION = graphql(`
  mutation ConsoleDeleteTool($id: ID!, $version: Int!) {
    deleteTool(id: $id, version: $version) { id deleted }
  }
`);

export const API_KEY_FIELDS = graphql(`
  fragment ApiKeyFields on ApiKey { id name role prefix createdAt lastUsedAt revokedAt }
`);

export const API_KEYS_QUERY = graphql(`
  query ConsoleApiKeys {
    apiKeys { ...ApiKeyFields }
  }
`);
export type ApiKey = ConsoleApiKeysQuery["apiKeys"][number];

export const CREATE_API_KEY_MUTATION = graphql(`
  mutation ConsoleCreateApiKey($name: String!, $role: ApiRole!) {
    createApiKey(name: $name, role: $role) {
      key
      apiKey { ...ApiKeyFields }
    }
  }
`);

export const REVOKE_API_KEY_MUTATION = graphql(`
  mutation ConsoleRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { ...ApiKeyFields }
  }
`);

export const VIEWER_QUERY = graphql(`
  query ConsoleViewer { viewer { id name role } }
`);
export type Viewer = ConsoleViewerQuery["viewer"];
