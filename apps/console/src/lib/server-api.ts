import "server-only";

// Server-side calls to the API (route handlers and server components).

import type { ConsoleViewerQuery, TypedDocumentString } from "@/gql/graphql";
import { apiUrl } from "./config";
import type { GraphQLResponse } from "./graphql-errors";
import { VIEWER_QUERY, type Viewer } from "./queries";

export async function callApi<T, V>(
  apiKey: string,
  document: TypedDocumentString<T, V>,
  variables?: V,
  signal?: AbortSignal,
): Promise<GraphQLResponse<T> & { status: number }> {
  const query = document.toString();
  const response = await fetch(apiUrl(), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      authorization: `Bearer ${apiKey}`,
    },
    body: JSON.stringify({ query, variables: variables ?? {} }),
    cache: "no-store",
    signal: signal ?? AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  try {
    return { ...(JSON.parse(text) as GraphQLResponse<T>), status: response.status };
  } catch {
    return {
      status: response.status,
      errors: [{ message: `The API answered HTTP ${response.status} without JSON`, extensions: { code: "BAD_RESPONSE" } }],
    };
  }
}

export type ViewerResult =
  | { ok: true; viewer: Viewer }
  | { ok: false; reason: "unauthenticated" | "unreachable" | "error"; message: string };

/** Who a key belongs to; distinguishes a bad key from an unreachable API. */
export async function fetchViewer(apiKey: string): Promise<ViewerResult> {
  let result: Awaited<ReturnType<typeof callApi<ConsoleViewerQuery, unknown>>>;
  try {
    result = await callApi(apiKey, VIEWER_QUERY);
  } catch (e) {
    return {
      ok: false,
      reason: "unreachable",
      message: `Cannot reach the API at ${apiUrl()}: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
  const errors = result.errors ?? [];
  if (errors.some((e) => e.extensions?.code === "UNAUTHENTICATED") || result.status === 401) {
    return { ok: false, reason: "unauthenticated", message: "That API key is not valid or has been revoked." };
  }
  const viewer = result.data?.viewer;
  if (errors.length > 0 || !viewer) {
    return {
      ok: false,
      reason: "error",
      message: errors[0]?.message ?? `The API answered HTTP ${result.status} without a viewer`,
    };
  }
  return { ok: true, viewer };
}
