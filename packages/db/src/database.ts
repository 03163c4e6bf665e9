// Opens the project's database: PostgreSQL at DATABASE_URL when set, else the embedded
// PGlite under .data/ (joined if another process of ours already serves it). Migrations
// are applied before the handle is returned.
import path from "node:path";
import { createPrismaClient, type Db } from "./client.js";
import { findRunningEmbedded, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded.js";
import { runMigrations } from "./migrate.js";
import { dataDir } from "./paths.js";

export interface Database {
  url: string;
  /** "postgres" for DATABASE_URL, "embedded" when this process serves PGlite, "embedded-shared" when joining another's. */
  kind: "postgres" | "embedded" | "embedded-shared";
  prisma: Db;
  embedded: EmbeddedPostgres | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | null;
  /** Folder of local state (default TOOLREC_DATA_DIR or <repo>/.data). */
  dataDir?: string;
  /** Port for a newly started embedded server (0 = any free port). */
  embeddedPort?: number;
  migrate?: boolean;
  poolMax?: number;
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  const explicit = opts.databaseUrl === undefined ? process.env.DATABASE_URL : opts.databaseUrl;
  let url: string;
  let kind: Database["kind"];
  let embedded: EmbeddedPostgres | null = null;
  if (explicit) {
    url = explicit;
    kind = "postgres";
  } else {
    const dir = path.join(opts.dataDir ?? dataDir(), "pglite");
    const running = await findRunningEmbedded(dir);
    if (running) {
      url = running.url;
      kind = "embedded-shared";
    } else {
      const port = opts.embeddedPort ?? Number(process.env.TOOLREC_EMBEDDED_DB_PORT ?? 0);
      embedded = await startEmbeddedPostgres({ dir, port });
      url = embedded.url;
      kind = "embedded";
    }
  }
  try {
    if (opts.migrate !== false) await runMigrations(url);
  } catch (err) {
    await embedded?.close();
    throw err;
  }
  const prisma = createPrismaClient(url, { poolMax: opts.poolMax });
  return {
    url,
    kind,
    prisma,
    embedded,
    async close() {
      await prisma.$disconnect();
      await embedded?.close();
    },
  };
}
