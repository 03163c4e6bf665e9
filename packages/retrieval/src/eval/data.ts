// File inputs of the evaluation and benchmark scripts: the dev set and the tool catalog.

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { DevsetItem } from "../metrics.js";
import type { Dialogue, ToolDocument } from "../types.js";

/** The repository root (four levels above this file: packages/retrieval/src/eval). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");
/** Where the labelled dev set lives. */
export const DEVSET_PATH = join(REPO_ROOT, "packages/retrieval/devset/dialogues.jsonl");
/** The seed catalog: one JSON array of tools per category. */
export const CATALOG_TOOLS_DIR = join(REPO_ROOT, "prisma/catalog/tools");

function isTurnRole(x: unknown): x is "USER" | "ASSISTANT" {
  return x === "USER" || x === "ASSISTANT";
}

function parseDialogue(x: unknown, where: string): Dialogue {
  if (typeof x !== "object" || x === null) throw new Error(`${where}: dialogue is not an object`);
  const d = x as Record<string, unknown>;
  if (typeof d.userQuery !== "string") throw new Error(`${where}: dialogue.userQuery is not a string`);
  const history: NonNullable<Dialogue["history"]> = [];
  if (Array.isArray(d.history)) {
    for (const t of d.history as unknown[]) {
      const turn = t as Record<string, unknown>;
      const role = typeof turn?.role === "string" ? turn.role.toUpperCase() : turn?.role;
      if (!isTurnRole(role) || typeof turn.content !== "string") throw new Error(`${where}: bad history turn`);
      history.push({ role, content: turn.content });
    }
  }
  return {
    userQuery: d.userQuery,
    assistantResponse: typeof d.assistantResponse === "string" ? d.assistantResponse : null,
    history,
  };
}

/** Parses dev-set JSONL: one {id, category, kind, dialogue, relevant} per non-empty line. */
export function parseDevset(text: string): DevsetItem[] {
  const out: DevsetItem[] = [];
  text.split(/\r?\n/u).forEach((line, i) => {
    if (line.trim() === "") return;
    const where = `dev set line ${i + 1}`;
    const o = JSON.parse(line) as Record<string, unknown>;
    if (typeof o.id !== "string") throw new Error(`${where}: id is not a string`);
    if (!Array.isArray(o.relevant) || !o.relevant.every((r) => typeof r === "string")) {
      throw new Error(`${where}: relevant is not a list of tool ids`);
    }
    out.push({
      id: o.id,
      category: typeof o.category === "string" ? o.category : "unknown",
      kind: typeof o.kind === "string" ? o.kind : "unknown",
      dialogue: parseDialogue(o.dialogue, where),
      relevant: o.relevant as string[],
    });
  });
  return out;
}

export function loadDevset(path = DEVSET_PATH): DevsetItem[] {
  return parseDevset(readFileSync(path, "utf8"));
}

export function devsetExists(path = DEVSET_PATH): boolean {
  return existsSync(path);
}

/** Reads the seed catalog's JSON files directly (no database) as retrieval documents. */
export function loadCatalogFiles(dir = CATALOG_TOOLS_DIR): ToolDocument[] {
  const docs: ToolDocument[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const categoryId = file.replace(/\.json$/u, "");
    const tools = JSON.parse(readFileSync(join(dir, file), "utf8")) as Record<string, unknown>[];
    for (const t of tools) {
      if (t.enabled === false) continue;
      docs.push({
        id: String(t.id),
        name: String(t.name ?? ""),
        description: String(t.description ?? ""),
        canonicalQuery: String(t.canonicalQuery ?? ""),
        utterances: Array.isArray(t.utterances) ? t.utterances.map(String) : [],
        categoryId: typeof t.categoryId === "string" ? t.categoryId : categoryId,
      });
    }
  }
  return docs;
}

/**
 * The catalog as retrieval documents: through @toolrec/db's loadCatalog() when that module
 * exists (packages/db/src/catalog.ts), else straight from the JSON files.
 */
export async function loadToolDocuments(): Promise<{ docs: ToolDocument[]; source: string }> {
  const catalogModule = join(REPO_ROOT, "packages/db/src/catalog.ts");
  if (existsSync(catalogModule)) {
    try {
      const mod = (await import(catalogModule)) as { loadCatalog?: () => unknown };
      if (typeof mod.loadCatalog === "function") {
        const docs = toDocuments(await mod.loadCatalog());
        if (docs.length > 0) return { docs, source: "packages/db loadCatalog()" };
      }
    } catch {
      // fall through to the files
    }
  }
  return { docs: loadCatalogFiles(), source: "prisma/catalog/tools/*.json" };
}

/** Accepts loadCatalog()'s result in the shapes it may take: tools[], or {tools}. */
function toDocuments(x: unknown): ToolDocument[] {
  const tools = Array.isArray(x) ? x : Array.isArray((x as { tools?: unknown })?.tools) ? (x as { tools: unknown[] }).tools : [];
  const docs: ToolDocument[] = [];
  for (const raw of tools) {
    const t = raw as Record<string, unknown>;
    if (typeof t.id !== "string" || t.enabled === false) continue;
    docs.push({
      id: t.id,
      name: String(t.name ?? ""),
      description: String(t.description ?? ""),
      canonicalQuery: String(t.canonicalQuery ?? ""),
      utterances: Array.isArray(t.utterances) ? t.utterances.map(String) : [],
      categoryId: String(t.categoryId ?? t.id.split(".")[0] ?? ""),
    });
  }
  return docs;
}
