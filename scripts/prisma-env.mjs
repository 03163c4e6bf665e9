// Prisma 6.19's CLI checks that engine files exist before running, even on the Rust-free
// path where they are never executed (environment.md). Point both variables at a real file.
import { fileURLToPath } from "node:url";
export function prismaEnv(base = process.env) {
  const anyFile = fileURLToPath(import.meta.url);
  return {
    ...base,
    PRISMA_SCHEMA_ENGINE_BINARY: base.PRISMA_SCHEMA_ENGINE_BINARY ?? anyFile,
    PRISMA_QUERY_ENGINE_LIBRARY: base.PRISMA_QUERY_ENGINE_LIBRARY ?? anyFile,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    // generate and migrate diff never connect; the schema only needs the variable to exist
    DATABASE_URL: base.DATABASE_URL ?? "postgresql://offline@127.0.0.1:1/offline",
    CHECKPOINT_DISABLE: "1",
  };
}
