import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE, SESSION_MAX_AGE_S } from "@/lib/config";
import { isHttps, isSameOrigin } from "@/lib/request-guards";
import { fetchViewer } from "@/lib/server-api";

export const dynamic = "force-dynamic";

/**
 * Sign in: `{ "apiKey": "..." }` (JSON or form-encoded). The key is checked against the
 * API's `viewer`; when valid it is stored in an httpOnly, SameSite=Strict cookie that
 * page JavaScript cannot read. Answers `{ viewer }` or `{ error }` with 401/502.
 */
export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) {
    return NextResponse.json({ error: "Cross-origin sign-in refused." }, { status: 403 });
  }
  let apiKey = "";
  const contentType = request.headers.get("content-type") ?? "";
  try {
    if (contentType.includes("application/json")) {
      const body = (await request.json()) as { apiKey?: unknown };
      apiKey = typeof body.apiKey === "string" ? body.apiKey : "";
    } else {
      const form = await request.formData();
      const value = form.get("apiKey");
      apiKey = typeof value === "string" ? value : "";
    }
  } catch {
    return NextResponse.json({ error: "Malformed sign-in request." }, { status: 400 });
  }
  apiKey = apiKey.trim();
  if (!apiKey) return NextResponse.json({ error: "Enter an API key." }, { status: 400 });

  const result = await fetchViewer(apiKey);
  if (!result.ok) {
    const status = result.reason === "unauthenticated" ? 401 : 502;
    return NextResponse.json({ error: result.message }, { status });
  }
  const response = NextResponse.json({ viewer: result.viewer });
  response.cookies.set({
    name: SESSION_COOKIE,
    value: apiKey,
    httpOnly: true,
    sameSite: "strict",
    secure: isHttps(request),
    path: "/",
    maxAge: SESSION_MAX_AGE_S,
  });
  response.headers.set("cache-control", "no-store");
  return response;
}
