// Database backends for integration tests (this package's and other packages'): the
// embedded PostgreSQL server always, and the PostgreSQL on 127.0.0.1:5432 when it answers.
import crypto from "node:crypto";
import net from "node:net";
import pg from "pg";

export type Backend = "embedded" | "postgres";

/** An administrative connection to the machine's PostgreSQL (trust auth on this project's machines). */
export const PG_ADMIN_URL = process.env.TOOLREC_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export function portAnswers(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}

/** The backends to run against here (TOOLREC_TEST_BACKENDS=embedded,postgres chooses). */
export async function availableBackends(): Promise<Backend[]> {
  if (process.env.TOOLREC_TEST_BACKENDS) return process.env.TOOLREC_TEST_BACKENDS.split(",").map((b) => b.trim()) as Backend[];
  return (await portAnswers(Number(new URL(PG_ADMIN_URL).port || 5432), new URL(PG_ADMIN_URL).hostname)) ? ["embedded", "postgres"] : ["embedded"];
}

/** A new, empty database on the machine's PostgreSQL, and how to drop it. */
export async function scratchPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `toolrec_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
