import { NextResponse, type NextRequest } from "next/server";
import { apiUrl, SESSION_COOKIE } from "@/lib/config";
import { isSameOrigin } from "@/lib/request-guards";

export const dynamic = "force-dynamic";

/** Response headers passed through from the API. */
const PASS_HEADERS = ["content-type", "content-disposition", "content-length", "x-checksum-sha256"];

function jsonError(status: number, code: string, error: string) {
  return NextResponse.json({ error, code }, { status, headers: { "cache-control": "no-store" } });
}

/**
 * Training-run artifact downloads (adapter files, run.json, metrics.jsonl, the log): streams
 * GET <API>/training-runs/<id>/artifacts/<path> with the key from the httpOnly session cookie,
 * so a plain link downloads without the key reaching page JavaScript.
 */
export async function GET(request: NextRequest, context: { params: Promise<{ id: string; path: string[] }> }) {
  if (!isSameOrigin(request)) return jsonError(403, "FORBIDDEN", "Cross-origin requests are refused.");
  const apiKey = request.cookies.get(SESSION_COOKIE)?.value;
  if (!apiKey) return jsonError(401, "UNAUTHENTICATED", "Not signed in.");
  const { id, path } = await context.params;
  const base = apiUrl().replace(/\/graphql\/?$/, "").replace(/\/$/, "");
  const url = `${base}/training-runs/${encodeURIComponent(id)}/artifacts/${path.map(encodeURIComponent).join("/")}`;
  let upstream: Response;
  try {
    upstream = await fetch(url, { headers: { authorization: `Bearer ${apiKey}`, accept: "*/*" }, cache: "no-store", signal: request.signal });
  } catch (e) {
    return jsonError(502, "API_UNREACHABLE", `Cannot reach the API: ${e instanceof Error ? e.message : String(e)}`);
  }
  const headers = new Headers({ "cache-control": "no-store" });
  for (const name of PASS_HEADERS) {
    if (name === "content-length" && upstream.headers.get("content-encoding")) continue;
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers });
}
