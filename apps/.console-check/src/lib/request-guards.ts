import "server-only";

// Checks shared by the state-changing route handlers.

/**
 * True when a browser request comes from this console's own origin. The session
 * cookie is SameSite=Strict already; this also stops cross-site "login CSRF" on
 * /api/session. Requests without an Origin header (curl, server-to-server) pass.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return origin === null;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto");
  if (forwarded) return forwarded.split(",")[0]?.trim() === "https";
  return new URL(request.url).protocol === "https:";
}
