// Starts a real API over HTTP against a real database for integration tests:
// embedded PGlite always, and the PostgreSQL on 127.0.0.1:5432 when it answers.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startApi, type RunningApi } from "../src/server.js";

export type Backend = "pglite" | "postgres";

const PG_ADMIN_URL = process.env.TOOLREC_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function portAnswers(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.once("connect", () => { s.destroy(); resolve(true); });
    s.once("error", () => resolve(false));
    s.setTimeout(1000, () => { s.destroy(); resolve(false); });
  });
}

/** The backends to run against here: PGlite always; PostgreSQL when 127.0.0.1:5432 answers. */
export async function availableBackends(): Promise<Backend[]> {
  if (process.env.TOOLREC_TEST_BACKENDS) return process.env.TOOLREC_TEST_BACKENDS.split(",") as Backend[];
  return (await portAnswers(5432)) ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestApi extends RunningApi {
  backend: Backend;
  /** POST a GraphQL request; returns the HTTP status and the parsed body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<{ status: number; data: T; errors?: { message: string; extensions?: Record<string, any> }[] }>;
}

export async function startTestApi(backend: Backend, opts: { seed?: boolean } = {}): Promise<TestApi> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-api-test-"));
  let databaseUrl: string | null = null;
  let dropDb: (() => Promise<void>) | null = null;
  if (backend === "postgres") {
    const name = `toolrec_test_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  }
  const prevKey = process.env.TOOLREC_ADMIN_API_KEY;
  delete process.env.TOOLREC_ADMIN_API_KEY;
  const api = await startApi({ port: 0, dataDir, databaseUrl, seed: opts.seed ?? true, log: () => undefined });
  if (prevKey !== undefined) process.env.TOOLREC_ADMIN_API_KEY = prevKey;
  return {
    ...api,
    backend,
    async gql(query, variables, key = api.adminApiKey) {
      const res = await fetch(api.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data: any; errors?: any[] };
      return { status: res.status, data: body.data, errors: body.errors };
    },
    async close() {
      await api.close();
      await dropDb?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The first error's code and field, for terse assertions. */
export function errorOf(res: { errors?: { message: string; extensions?: Record<string, any> }[] }) {
  const e = res.errors?.[0];
  return { code: e?.extensions?.code as string | undefined, field: e?.extensions?.field as string | undefined, message: e?.message };
}
