// Per-key rate limits (issue 10): a token bucket per API key, set on the key (none unless
// set). A bucket holds up to `burst` tokens and refills at `perSecond`; a request takes one.
// When none is left the request is refused with RATE_LIMITED and extensions.retryAfter (seconds
// until a token is back; also the Retry-After header, HTTP 429). Buckets live in this process:
// with several API processes each enforces the limit on its own share of the traffic.
import { GraphQLError } from "graphql";
import { LRUCache } from "lru-cache";
import type { Viewer } from "./auth.js";

interface Bucket { tokens: number; at: number; perSecond: number; burst: number }

export class RateLimiter {
  private readonly buckets = new LRUCache<string, Bucket>({ max: 10_000 });

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes a token for the viewer's key, or throws RATE_LIMITED. */
  take(viewer: Viewer): void {
    const limit = viewer.rateLimit;
    if (!limit) return;
    const t = this.now();
    let b = this.buckets.get(viewer.id);
    if (!b || b.perSecond !== limit.perSecond || b.burst !== limit.burst) {
      b = { tokens: limit.burst, at: t, perSecond: limit.perSecond, burst: limit.burst };
      this.buckets.set(viewer.id, b);
    }
    b.tokens = Math.min(b.burst, b.tokens + ((t - b.at) / 1000) * b.perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return;
    }
    const retryAfter = Math.max(0.001, (1 - b.tokens) / b.perSecond);
    throw new GraphQLError(`rate limit of this API key exceeded (${limit.perSecond}/s, burst ${limit.burst}); retry in ${retryAfter.toFixed(3)} s`, {
      extensions: {
        code: "RATE_LIMITED",
        retryAfter: Math.round(retryAfter * 1000) / 1000,
        http: { status: 429, headers: new Map([["retry-after", String(Math.ceil(retryAfter))]]) },
      },
    });
  }

  forget(keyId: string): void {
    this.buckets.delete(keyId);
  }
}
