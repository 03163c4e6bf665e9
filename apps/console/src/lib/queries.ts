// GraphQL documents the console sends (through /api/graphql).

const TOOL_ROW = /* GraphQL */ `
  fragment ToolRow on Tool {
    id
    name
    canonicalQuery
    invocationCount
    frequencyPercentile
    enabled
    category { id name }
  }
`;

const TOOL_FULL = /* GraphQL */ `
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
  ${TOOL_ROW}
`;

export const TOOLS_QUERY = /* GraphQL */ `
  query ConsoleTools($filter: ToolFilter, $first: Int, $after: String, $orderBy: ToolOrder) {
    tools(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { ...ToolRow } }
    }
  }
  ${TOOL_ROW}
`;

export const CATEGORY_OPTIONS_QUERY = /* GraphQL */ `
  query ConsoleCategoryOptions {
    categories { id name }
  }
`;

export const CATEGORIES_QUERY = /* GraphQL */ `
  query ConsoleCategories($bins: Int) {
    categories { id code name target toolCount enabledToolCount invocationTotal }
    invocationHistogram(bins: $bins) { lower upper count }
  }
`;

export const TOOL_QUERY = /* GraphQL */ `
  query ConsoleTool($id: ID!) {
    tool(id: $id) { ...ToolFull }
  }
  ${TOOL_FULL}
`;

export const TOOL_VERSION_QUERY = /* GraphQL */ `
  query ConsoleToolVersion($id: ID!) {
    tool(id: $id) { id version }
  }
`;

export const TOOL_REVISIONS_QUERY = /* GraphQL */ `
  query ConsoleToolRevisions($toolId: ID!) {
    toolRevisions(toolId: $toolId) {
      id toolId version action actor createdAt
      changes { field before after }
    }
  }
`;

export const UPDATE_TOOL_MUTATION = /* GraphQL */ `
  mutation ConsoleUpdateTool($id: ID!, $version: Int!, $input: UpdateToolInput!) {
    updateTool(id: $id, version: $version, input: $input) { ...ToolFull }
  }
  ${TOOL_FULL}
`;

export const CREATE_TOOL_MUTATION = /* GraphQL */ `
  mutation ConsoleCreateTool($input: CreateToolInput!) {
    createTool(input: $input) { ...ToolFull }
  }
  ${TOOL_FULL}
`;

export const DELETE_TOOL_MUTATION = /* GraphQL */ `
  mutation ConsoleDeleteTool($id: ID!, $version: Int!) {
    deleteTool(id: $id, version: $version) { id deleted }
  }
`;

export const API_KEYS_QUERY = /* GraphQL */ `
  query ConsoleApiKeys {
    apiKeys { id name role prefix createdAt lastUsedAt revokedAt }
  }
`;

export const CREATE_API_KEY_MUTATION = /* GraphQL */ `
  mutation ConsoleCreateApiKey($name: String!, $role: ApiRole!) {
    createApiKey(name: $name, role: $role) {
      key
      apiKey { id name role prefix createdAt lastUsedAt revokedAt }
    }
  }
`;

export const REVOKE_API_KEY_MUTATION = /* GraphQL */ `
  mutation ConsoleRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) { id name role prefix createdAt lastUsedAt revokedAt }
  }
`;
