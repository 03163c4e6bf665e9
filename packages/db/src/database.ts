// Opens the project's database: PostgreSQL at DATABASE_URL when set, else the embedded
// PostgreSQL server on <dataDir>/postgres (started, or joined when another ToolRec process
// already runs it). Migrations are applied before the handle is returned.
import { createPrismaClient, type Db } from "./client.js";
import { openEmbeddedServer, type EmbeddedServer } from "./embedded/server.js";
import { runMigrations } from "./migrate.js";
import { dataDir } from "./paths.js";

export interface Database {
  url: string;
  /** "postgres" for DATABASE_URL, "embedded" when this process started the embedded server, "embedded-shared" when it joined a running one. */
  kind: "postgres" | "embedded" | "embedded-shared";
  prisma: Db;
  embedded: EmbeddedServer | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | null;
  /** Folder of local state (default TOOLREC_DATA_DIR or <repo>/.data). */
  dataDir?: string;
  /** Port for a newly started embedded server (0 = any free port; TOOLREC_EMBEDDED_DB_PORT). */
  embeddedPort?: number;
  migrate?: boolean;
  poolMax?: number;
  log?: (line: string) => void;
}

export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<Database> {
  const explicit = opts.databaseUrl === undefined ? process.env.DATABASE_URL : opts.databaseUrl;
  const embedded = explicit ? null : await openEmbeddedServer({ dataDir: opts.dataDir ?? dataDir(), port: opts.embeddedPort, log: opts.log });
  const url = explicit || embedded!.url;
  const kind: Database["kind"] = !embedded ? "postgres" : embedded.started ? "embedded" : "embedded-shared";
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
