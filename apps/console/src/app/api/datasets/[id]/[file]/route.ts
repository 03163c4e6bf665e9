import { NextResponse, type NextRequest } from "next/server";
import { apiUrl, SESSION_COOKIE } from "@/lib/config";
import { isSameOrigin } from "@/lib/request-guards";

export const dynamic = "force-dynamic";

/** The files the API serves per dataset (PreferenceDataset.exportPaths). */
const FILES = new Set(["export.jsonl", "export.parquet", "metadata.json"]);
/** Response headers passed through from the API. */
const PASS_HEADERS = ["content-type", "content-disposition", "content-length", "x-checksum-sha256"];

function jsonError(status: number, code: string, error: string) {
  return NextResponse.json({ error, code }, { status, headers: { "cache-control": "no-store" } });
}

/** The API's origin (plus any path prefix) from its GraphQL URL: http://host:4000/graphql → http://host:4000 */
function apiBase(): string {
  return apiUrl().replace(/\/graphql\/?$/, "").replace(/\/$/, "");
}

/**
 * Dataset downloads: streams GET <API>/datasets/<id>/<file> through the console with
 * `Authorization: Bearer <key from the httpOnly cookie>`, as /api/graphql does, so a plain
 * link can download the export without the key ever reaching page JavaScript.
 */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string; file: string }> }) {
  if (!isSameOrigin(request)) return jsonError(403, "FORBIDDEN", "Cross-origin requests are refused.");
  const apiKey = request.cookies.get(SESSION_COOKIE)?.value;
  if (!apiKey) return jsonError(401, "UNAUTHENTICATED", "Not signed in.");
  const { id, file } = await context.params;
  if (!FILES.has(file)) return jsonError(404, "NOT_FOUND", `No such export file: ${file}`);

  const url = new URL(`${apiBase()}/datasets/${encodeURIComponent(id)}/${file}`);
  // metadata.json?format=parquet describes the Parquet file instead of the JSONL one.
  const format = request.nextUrl.searchParams.get("format");
  if (file === "metadata.json" && format) url.searchParams.set("format", format);

  let upstream: Response;
  try {
    upstream = await fetch(url, {
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
