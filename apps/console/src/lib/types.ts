// Types for the subset of the ToolRec GraphQL API (apps/api/src/schema/*.graphql) the
// console uses. Hand-written: the console talks to the API over GraphQL only and shares
// no code with it.

export type ApiRole = "ADMIN" | "CURATOR" | "ENGINEER" | "SERVICE" | "WORKER";
export type ToolActionType = "OPEN_SETTINGS" | "TOGGLE" | "SET_VALUE" | "QUERY_STATUS" | "EXECUTE" | "LAUNCH";
export const TOOL_ACTION_TYPES: readonly ToolActionType[] = [
  "OPEN_SETTINGS",
  "TOGGLE",
  "SET_VALUE",
  "QUERY_STATUS",
  "EXECUTE",
  "LAUNCH",
];
export const API_ROLES: readonly ApiRole[] = ["ADMIN", "CURATOR", "ENGINEER", "SERVICE", "WORKER"];
export type ToolOrderField = "RELEVANCE" | "INVOCATION_COUNT" | "NAME" | "UPDATED_AT";
export type SortDirection = "ASC" | "DESC";
export type RevisionAction = "CREATE" | "UPDATE" | "DELETE";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Viewer {
  id: string;
  name: string;
  role: ApiRole;
}

export interface CategoryRef {
  id: string;
  name: string;
}

export interface Category {
  id: string;
  code: string;
  name: string;
  target: number;
  toolCount: number;
  enabledToolCount: number;
  invocationTotal: number;
}

export interface Grounding {
  source: string;
  id: string | null;
  reason: string | null;
}

export interface ToolRow {
  id: string;
  name: string;
  canonicalQuery: string;
  invocationCount: number;
  frequencyPercentile: number;
  enabled: boolean;
  category: CategoryRef;
}

export interface Tool extends ToolRow {
  description: string;
  categoryId: string;
  utterances: string[];
  parameters: Json;
  actionType: ToolActionType;
  version: number;
  updatedAt: string;
  createdAt: string;
  popularity: number | null;
  grounding: Grounding[];
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { cursor: string; node: T }[];
}

export type ToolConnection = Connection<ToolRow>;

export interface FieldChange {
  field: string;
  before: Json | undefined;
  after: Json | undefined;
}

export interface ToolRevision {
  id: string;
  toolId: string;
  version: number;
  action: RevisionAction;
  actor: string;
  createdAt: string;
  changes: FieldChange[];
}

export interface HistogramBin {
  lower: number;
  upper: number;
  count: number;
}

export interface ApiKey {
  id: string;
  name: string;
  role: ApiRole;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The editable part of a tool, as the editor holds it. */
export interface ToolDraft {
  id: string;
  name: string;
  description: string;
  categoryId: string;
  canonicalQuery: string;
  utterances: string[];
  /** The JSON Schema as the user typed it; "" means no parameters (null). */
  parametersText: string;
  actionType: ToolActionType;
  /** Kept as text so a half-typed number is not lost; sent as an Int. */
  invocationCount: string;
  enabled: boolean;
}
