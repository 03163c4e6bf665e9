"use client";

// Browser-side GraphQL: every request goes to the same-origin proxy (/api/graphql),
// which adds the API key from the httpOnly session cookie.

import type { TypedDocumentString } from "@/gql/graphql";
import { GraphQLRequestError, type GraphQLResponse } from "./graphql-errors";

export const GRAPHQL_PROXY_PATH = "/api/graphql";

let redirecting = false;

/** A document's variables argument: optional when every variable is. */
export type VariablesArg<V> = {} extends V ? [variables?: V] : [variables: V];

/** Sends a generated document (`graphql(...)` in the console, typed by `npm run codegen`). */
export async function gql<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, ...args: VariablesArg<TVariables>): Promise<TResult>;
/** An untyped document: only for documents not yet written with `graphql(...)` (components/retrieval). */
export async function gql<TResult>(document: string, variables?: Record<string, unknown>): Promise<TResult>;
export async function gql<TResult>(document: string | TypedDocumentString<TResult, unknown>, variables?: unknown): Promise<TResult> {
  const query = document.toString();
  let response: Response;
  try {
    response = await fetch(GRAPHQL_PROXY_PATH, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables: variables ?? {} }),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch (e) {
    throw new GraphQLRequestError(
      [{ message: `Network error: ${e instanceof Error ? e.message : String(e)}`, extensions: { code: "NETWORK" } }],
      0,
    );
  }
  let body: GraphQLResponse<TResult>;
  try {
    body = (await response.json()) as GraphQLResponse<TResult>;
  } catch {
    throw new GraphQLRequestError(
      [{ message: `The API answered HTTP ${response.status} without JSON`, extensions: { code: "BAD_RESPONSE" } }],
      response.status,
    );
  }
  const errors = body.errors ?? [];
  if (errors.some((e) => e.extensions?.code === "UNAUTHENTICATED") && !redirecting) {
    // The key was revoked or the session cookie expired: back to sign-in.
    redirecting = true;
    const next = encodeURIComponent(window.location.pathname + window.location.search);
    window.location.assign(`/sign-in?expired=1&next=${next}`);
  }
  if (errors.length > 0 || body.data == null) {
    throw new GraphQLRequestError(
      errors.length > 0 ? errors : [{ message: `Empty response (HTTP ${response.status})` }],
      response.status,
    );
  }
  return body.data;
}
