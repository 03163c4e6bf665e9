/**
 * The SysToolkit catalog seed (prisma/catalog) and the dev set's user turns, as files:
 * reading and parsing only. Field-level problems are left to the quality gates (gates.ts), so
 * the typed objects are what the files say.
 */

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { catalogDir, devsetDir } from "@toolrec/config";

export const CATALOG_ACTION_TYPES = [
  "OPEN_SETTINGS",
  "TOGGLE",
  "SET_VALUE",
  "QUERY_STATUS",
  "EXECUTE",
  "LAUNCH",
] as const;
export type CatalogActionType = (typeof CATALOG_ACTION_TYPES)[number];

/** Grounding sources accepted in the catalog (see prisma/catalog/README.md). */
export const GROUNDING_SOURCES = [
  "android.settings",
  "android.intent",
  "qs_tile",
  "app_actions",
  "shortcuts",
  "massive",
  "mtop",
  "androidworld",
  "oem",
] as const;

export interface CatalogGrounding {
  /** One of GROUNDING_SOURCES. */
  readonly source: string;
  /** The public identifier (intent action, tile spec, BII, ...); absent for `oem`. */
  readonly id?: string;
  /** For `oem`: one line saying which vendors ship it and why there is no public id. */
  readonly reason?: string;
}

export interface CatalogCategory {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly target: number;
}

export interface CatalogTool {
  /** `<category>.<verb>_<object>`. */
  readonly id: string;
  /** The category whose file (`tools/<categoryId>.json`) holds the tool. */
  readonly categoryId: string;
  readonly name: string;
  readonly description: string;
  readonly canonicalQuery: string;
  readonly utterances: readonly string[];
  /** Situations or needs a user describes without naming the tool ("I'm at the cinema"). */
  readonly situations: readonly string[];
  /** A JSON Schema object (type "object"), or null when the action takes no values. */
  readonly parameters: Readonly<Record<string, unknown>> | null;
  readonly actionType: CatalogActionType;
  readonly grounding: readonly CatalogGrounding[];
  /** 1..10, hand-assigned everyday-ness. */
  readonly popularity: number;
  /** Derived from popularity by prisma/catalog/derive-counts.ts. */
  readonly invocationCount: number;
}

export interface Catalog {
  readonly categories: readonly CatalogCategory[];
  readonly tools: readonly CatalogTool[];
}

/** `<repo>/prisma/catalog`. */
export const DEFAULT_CATALOG_DIR = catalogDir;
/** `<repo>/packages/retrieval/devset/dialogues.jsonl`. */
export const DEFAULT_DEVSET_PATH = join(devsetDir, "dialogues.jsonl");

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads `<dir>/categories.json` and every `<dir>/tools/*.json` (the files named after
 * a category first, in category order, then any other file alphabetically). Each tool
 * gets `categoryId` = its file's base name. Throws only when a file is missing, is
 * not valid JSON, or is not an array.
 */
export function loadCatalog(dir: string = DEFAULT_CATALOG_DIR): Catalog {
  const categoriesPath = join(dir, "categories.json");
  const categories = readJson(categoriesPath);
  if (!Array.isArray(categories)) throw new Error(`${categoriesPath}: expected a JSON array of categories`);
  const toolsDir = join(dir, "tools");
  if (!existsSync(toolsDir)) throw new Error(`${toolsDir}: no tools directory`);

  const files = readdirSync(toolsDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length));
  const order = new Map<string, number>();
  (categories as CatalogCategory[]).forEach((c, i) => order.set(c.id, i));
  files.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));

  const tools: CatalogTool[] = [];
  for (const categoryId of files) {
    const path = join(toolsDir, `${categoryId}.json`);
    const list = readJson(path);
    if (!Array.isArray(list)) throw new Error(`${path}: expected a JSON array of tools`);
    for (const tool of list as Record<string, unknown>[]) tools.push({ ...tool, categoryId } as unknown as CatalogTool);
  }
  return { categories: categories as CatalogCategory[], tools };
}

/** One thing a user said in a dev-set dialogue: the current query or an earlier USER turn. */
export interface DevsetUserTurn {
  /** The dialogue's id. */
  readonly id: string;
  readonly text: string;
  /** The dialogue's part: a test-part turn is held out, so messages name it without its words. */
  readonly split?: "tune" | "test";
}

/**
 * The user's words in every dev-set dialogue (`dialogue.userQuery` and the USER turns of
 * `dialogue.history`), for the gate that keeps situations from copying them. Returns null when
 * the file does not exist; throws on a line that is not JSON.
 */
export function loadDevsetUserTurns(path: string = DEFAULT_DEVSET_PATH): DevsetUserTurn[] | null {
  if (!existsSync(path)) return null;
  const turns: DevsetUserTurn[] = [];
  readFileSync(path, "utf8")
    .split(/\r?\n/u)
    .forEach((line, i) => {
      if (line.trim() === "") return;
      let row: { id?: unknown; split?: unknown; dialogue?: { userQuery?: unknown; history?: unknown } };
      try {
        row = JSON.parse(line) as typeof row;
      } catch (error) {
        throw new Error(`${path}:${i + 1}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const id = typeof row.id === "string" ? row.id : `line ${i + 1}`;
      const split: { split?: "tune" | "test" } = row.split === "tune" || row.split === "test" ? { split: row.split } : {};
      if (typeof row.dialogue?.userQuery === "string") turns.push({ id, text: row.dialogue.userQuery, ...split });
      if (Array.isArray(row.dialogue?.history)) {
        for (const turn of row.dialogue.history as { role?: unknown; content?: unknown }[]) {
          if (String(turn?.role).toUpperCase() === "USER" && typeof turn.content === "string") turns.push({ id, text: turn.content, ...split });
        }
      }
    });
  return turns;
}
