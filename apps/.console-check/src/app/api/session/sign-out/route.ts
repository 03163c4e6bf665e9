import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/config";
import { isHttps, isSameOrigin } from "@/lib/request-guards";

export const dynamic = "force-dynamic";

/** Sign out: clears the session cookie and sends the browser to /sign-in. */
export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) {
    return NextResponse.json({ error: "Cross-origin sign-out refused." }, { status: 403 });
  }
  const response = NextResponse.redirect(new URL("/sign-in", request.url), 303);
  response.cookies.set({
    name: SESSION_COOKIE,
    value: "",
    httpOnly: true,
    sameSite: "strict",
    secure: isHttps(request),
    path: "/",
    maxAge: 0,
  });
  return response;
}
