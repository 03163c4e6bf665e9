// Server-side settings shared by the proxy, the route handlers and server components.

/** httpOnly cookie holding the signed-in API key; never readable by page JavaScript. */
export const SESSION_COOKIE = "toolrec_session";

/** Default session length; the key itself is revoked in the API, not here. */
export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/** Where the GraphQL API lives (server side only). */
export function apiUrl(): string {
  return process.env.TOOLREC_API_URL || "http://127.0.0.1:4000/graphql";
}
