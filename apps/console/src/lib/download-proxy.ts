import "server-only";

import { NextResponse, type NextRequest } from "next/server";
import { apiUrl, SESSION_COOKIE } from "./config";
import { isSameOrigin } from "./request-guards";

/** Response headers passed through from the API. */
const PASS_HEADERS = ["content-type", "content-disposition", "content-length", "x-checksum-sha256"];

export function jsonError(status: number, code: string, error: string) {
  return NextResponse.json({ error, code }, { status, headers: { "cache-control": "no-store" } });
}

/** The API's origin (plus any path prefix) from its GraphQL URL: http://host:4000/graphql → http://host:4000 */
export function apiBase(): string {
  return apiUrl().replace(/\/graphql\/?$/, "").replace(/\/$/, "");
}

/**
 * Streams a GET of the API's file route `url` to the browser with `Authorization: Bearer <key
 * from the httpOnly cookie>`, as /api/graphql does, so a plain link downloads without the key
 * ever reaching page JavaScript. `url` is built by the caller from `apiBase()`.
 */
export async function proxyDownload(request: NextRequest, url: (base: string) => URL | string): Promise<Response> {
  if (!isSameOrigin(request)) return jsonError(403, "FORBIDDEN", "Cross-origin requests are refused.");
  const apiKey = request.cookies.get(SESSION_COOKIE)?.value;
  if (!apiKey) return jsonError(401, "UNAUTHENTICATED", "Not signed in.");
  let upstream: Response;
  try {
    upstream = await fetch(url(apiBase()), {
      headers: { authorization: `Bearer ${apiKey}`, accept: "*/*" },
      cache: "no-store",
      signal: request.signal,
    });
  } catch (e) {
    return jsonError(502, "API_UNREACHABLE", `Cannot reach the API: ${e instanceof Error ? e.message : String(e)}`);
  }
  const headers = new Headers({ "cache-control": "no-store" });
  for (const name of PASS_HEADERS) {
    // fetch decodes a compressed body, so its length would no longer match.
    if (name === "content-length" && upstream.headers.get("content-encoding")) continue;
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}
