// Starts a real API over HTTP against a real database for integration tests:
// the embedded PostgreSQL server always, and the PostgreSQL on 127.0.0.1:5432 when it answers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { availableBackends, scratchPostgresDatabase, type Backend } from "@toolrec/db/test-support";
import { startApi, type RunningApi } from "../src/server.js";

export { availableBackends, type Backend };

export interface TestApi extends RunningApi {
  backend: Backend;
  /** POST a GraphQL request; returns the HTTP status and the parsed body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, key?: string | null): Promise<{ status: number; data: T; errors?: { message: string; extensions?: Record<string, any> }[] }>;
}

export async function startTestApi(backend: Backend, opts: { seed?: boolean } = {}): Promise<TestApi> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-api-test-"));
  const scratch = backend === "postgres" ? await scratchPostgresDatabase() : null;
  const databaseUrl = scratch?.url ?? null;
  const dropDb = scratch?.drop;
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
