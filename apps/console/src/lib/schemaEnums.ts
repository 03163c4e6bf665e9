// Runtime lists of the schema's enum values the console offers in pickers. The types come
// from the schema (apps/console/src/gql/); the compiler checks each list names every value.

import type { ApiRole, ToolActionType } from "@/gql/graphql";

/** Every value of the string union T, exactly once each way: a missing value does not compile. */
const everyValueOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;

export const TOOL_ACTION_TYPES = everyValueOf<ToolActionType>()(["OPEN_SETTINGS", "TOGGLE", "SET_VALUE", "QUERY_STATUS", "EXECUTE", "LAUNCH"]);
export const API_ROLES = everyValueOf<ApiRole>()(["ADMIN", "CURATOR", "ENGINEER", "SERVICE", "WORKER"]);
