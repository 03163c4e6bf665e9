// The one place that knows where the repository and its folders are. Every package asks
// here instead of counting "../" from its own file.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Walks up from `start` to the folder whose package.json declares the npm workspaces. */
export function findRepoRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      try {
        if (Array.isArray(JSON.parse(fs.readFileSync(manifest, "utf8")).workspaces)) return dir;
      } catch {
        // an unreadable package.json is not the root; keep walking
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no workspace root above ${start}`);
    dir = parent;
  }
}

/** The repository root (the folder with the workspaces package.json). */
export const repoRoot = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the repository. */
export const repoPath = (...parts: string[]) => path.join(repoRoot, ...parts);

/** Local state: embedded database, credentials, evaluation results, artifacts (TOOLREC_DATA_DIR, default <repo>/.data). */
export function dataDir(): string {
  return path.resolve(process.env.TOOLREC_DATA_DIR || repoPath(".data"));
}

/** Local model folders for dense retrieval and reranking (TOOLREC_MODELS_DIR, default <repo>/.models). */
export function modelsDir(): string {
  return path.resolve(process.env.TOOLREC_MODELS_DIR || repoPath(".models"));
}

/** The SysToolkit catalog sources (categories.json, tools/*.json). */
export const catalogDir = repoPath("prisma", "catalog");
export const migrationsDir = repoPath("prisma", "migrations");
/** The labelled retrieval dev set. */
export const devsetDir = repoPath("packages", "retrieval", "devset");
