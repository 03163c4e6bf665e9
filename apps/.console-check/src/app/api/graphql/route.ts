import { NextResponse, type NextRequest } from "next/server";
import { apiUrl, SESSION_COOKIE } from "@/lib/config";
import { isSameOrigin } from "@/lib/request-guards";

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 1_000_000;

function graphqlError(status: number, code: string, message: string) {
  return NextResponse.json({ errors: [{ message, extensions: { code } }] }, { status });
}

/**
 * Same-origin GraphQL proxy: forwards the browser's request body to the API with
 * `Authorization: Bearer <key from the httpOnly cookie>`, so the key never reaches page
 * JavaScript. Only the body is forwarded (no browser cookies or headers).
 */
export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) return graphqlError(403, "FORBIDDEN", "Cross-origin requests are refused.");
  const apiKey = request.cookies.get(SESSION_COOKIE)?.value;
  if (!apiKey) return graphqlError(401, "UNAUTHENTICATED", "Not signed in.");

  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return graphqlError(413, "BAD_REQUEST", "Request body too large.");

  let upstream: Response;
  try {
    upstream = await fetch(apiUrl(), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${apiKey}`,
        "x-forwarded-for": request.headers.get("x-forwarded-for") ?? "",
      },
      body,
      cache: "no-store",
      signal: AbortSignal.timeout(60_000),
    });
  } catch (e) {
    return graphqlError(502, "API_UNREACHABLE", `Cannot reach the API: ${e instanceof Error ? e.message : String(e)}`);
  }
  const text = await upstream.text();
  return new NextResponse(text, {
    status: upstream.status,
    headers: {
      "content-type": upstream.headers.get("content-type") ?? "application/json",
      "cache-control": "no-store",
    },
  });
}
