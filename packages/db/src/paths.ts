import { fileURLToPath } from "node:url";
import path from "node:path";

/** The repository root (packages/db/src/../../..). */
export const repoRoot = path.resolve(fileURLToPath(new URL("../../..", import.meta.url)));
export const migrationsDir = path.join(repoRoot, "prisma", "migrations");

/** Where local state lives: the embedded database, credentials, evaluation results. */
export function dataDir(): string {
  return path.resolve(process.env.TOOLREC_DATA_DIR ?? path.join(repoRoot, ".data"));
}
