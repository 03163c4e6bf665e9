import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIE } from "@/lib/config";

/**
 * Next 16's "proxy" (formerly middleware): page loads without a session cookie go to
 * /sign-in. It is an optimistic check; the (console) layout asks the API who the key
 * belongs to, and /api/* handlers check the cookie themselves (answering 401 JSON).
 */
export function proxy(request: NextRequest) {
  if (request.cookies.get(SESSION_COOKIE)?.value) return NextResponse.next();
  const url = request.nextUrl.clone();
  const next = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/sign-in";
  url.search = next && next !== "/" ? `?next=${encodeURIComponent(next)}` : "";
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except the sign-in page, route handlers and static assets.
  matcher: ["/((?!sign-in|api/|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
