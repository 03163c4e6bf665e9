// API keys: random secrets shown once, stored as sha256 hashes, each with one role.
import crypto from "node:crypto";
import { LRUCache } from "lru-cache";
import { credentialsPath, readCredentials, updateCredentials, type ApiRole, type Db } from "@toolrec/db";
import { forbidden, unauthenticated } from "./errors.js";

export interface Viewer {
  id: string;
  name: string;
  role: ApiRole;
  /** The key's token bucket (issue 10); absent or null: no limit. */
  rateLimit?: { perSecond: number; burst: number } | null;
}

export const ROLES: readonly ApiRole[] = ["ADMIN", "CURATOR", "ENGINEER", "SERVICE", "WORKER"];

/** Who may do what (the contract's header comment). ADMIN may do everything. */
export const CAN = {
  readTools: ["ADMIN", "CURATOR", "ENGINEER", "SERVICE"],
  writeTools: ["ADMIN", "CURATOR"],
  serve: ["ADMIN", "SERVICE"],
  engineer: ["ADMIN", "ENGINEER"],
  admin: ["ADMIN"],
} as const satisfies Record<string, readonly ApiRole[]>;

export function hashKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

export function generateKey(): string {
  return `trk_${crypto.randomBytes(24).toString("base64url")}`;
}

export async function createApiKey(db: Db, name: string, role: ApiRole, key = generateKey()) {
  const apiKey = await db.apiKey.create({
    data: { id: crypto.randomUUID(), name, role, prefix: key.slice(0, 10), hash: hashKey(key) },
  });
  return { key, apiKey };
}

/**
 * Makes sure an admin can sign in: TOOLREC_ADMIN_API_KEY when set, else the key in
 * <dataDir>/credentials.json, else a new key written there (mode 0600).
 */
export async function ensureAdminKey(db: Db, dataDir: string): Promise<{ key: string; source: string }> {
  const fromEnv = process.env.TOOLREC_ADMIN_API_KEY;
  const file = credentialsPath(dataDir);
  const key = fromEnv || readCredentials(dataDir).adminApiKey;
  const source = fromEnv ? "TOOLREC_ADMIN_API_KEY" : file;
  if (key) {
    const found = await db.apiKey.findUnique({ where: { hash: hashKey(key) } });
    if (found && !found.revokedAt && found.role === "ADMIN") return { key, source };
    if (!found) {
      await createApiKey(db, fromEnv ? "admin (environment)" : "admin (credentials.json)", "ADMIN", key);
      return { key, source };
    }
    if (fromEnv) throw new Error("TOOLREC_ADMIN_API_KEY names a key that was revoked or is not an ADMIN key");
  }
  const created = await createApiKey(db, "admin (created at first start)", "ADMIN");
  updateCredentials(dataDir, { adminApiKey: created.key });
  return { key: created.key, source: file };
}

export interface KeyCacheOptions {
  /** How long a valid key is trusted without asking the database (default 10 s). */
  ttlMs?: number;
  /** Most keys remembered; the least recently used go first (default 1,000). */
  maxEntries?: number;
}

/**
 * Resolves the Authorization header to a viewer. Valid keys are kept in a bounded LRU for a
 * few seconds (a lookup costs a query), so a key revoked by another process stops working
 * within ttlMs; revoking a key in this process drops it at once.
 */
export class KeyAuthenticator {
  private readonly cache: LRUCache<string, Viewer>;
  /** When each key's lastUsedAt was last written (bounded like the cache). */
  private readonly touched: LRUCache<string, number>;
  constructor(
    private db: Db,
    options: KeyCacheOptions = {},
  ) {
    const max = options.maxEntries ?? 1_000;
    this.cache = new LRUCache({ max, ttl: options.ttlMs ?? 10_000 });
    this.touched = new LRUCache({ max });
  }

  get cacheSize(): number {
    return this.cache.size;
  }

  async authenticate(header: string | undefined): Promise<Viewer> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    if (!match) throw unauthenticated();
    const hash = hashKey(match[1]!);
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const key = await this.db.apiKey.findUnique({ where: { hash } });
    if (!key || key.revokedAt) throw unauthenticated("this API key is unknown or revoked");
    const viewer: Viewer = {
      id: key.id,
      name: key.name,
      role: key.role,
      rateLimit: key.rateLimitPerSecond ? { perSecond: key.rateLimitPerSecond, burst: key.rateLimitBurst ?? Math.max(1, Math.ceil(key.rateLimitPerSecond)) } : null,
    };
    this.cache.set(hash, viewer);
    // lastUsedAt is informative: write it at most once a minute per key.
    const now = Date.now();
    if ((this.touched.get(key.id) ?? 0) < now - 60_000) {
      this.touched.set(key.id, now);
      void this.db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: new Date(now) } }).catch(() => undefined);
    }
    return viewer;
  }

  forget(keyId: string) {
    for (const [hash, viewer] of this.cache.entries()) if (viewer.id === keyId) this.cache.delete(hash);
  }
}

export function requireRole(viewer: Viewer, allowed: readonly ApiRole[]): void {
  if (viewer.role !== "ADMIN" && !allowed.includes(viewer.role)) throw forbidden(viewer.role, allowed);
}

/**
 * Worker operations (claim, heartbeat, report, upload, the run's dataset) belong to WORKER keys
 * alone, ADMIN included out: they act under a run's lease, which only a worker holds.
 */
export function requireWorker(viewer: Viewer): void {
  if (viewer.role !== "WORKER") throw forbidden(viewer.role, ["WORKER"]);
}
