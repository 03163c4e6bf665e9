// The labelled dev set: parsing and reading. (The catalog comes from @toolrec/db's
// loadCatalog, turned into documents by documents.ts; see scripts/ and the tests.)

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { devsetDir } from "@toolrec/config";
import type { DevsetItem } from "../metrics.js";
import type { Dialogue } from "../types.js";

/** Where the labelled dev set lives. */
export const DEVSET_PATH = join(devsetDir, "dialogues.jsonl");

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

/** Parses dev-set JSONL: one {id, category, kind, dialogue, relevant, split} per non-empty line. */
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
      ...(o.split === "tune" || o.split === "test" ? { split: o.split } : {}),
    });
  });
  return out;
}

/** The number of a dev-set id ("d1042" -> 1042). Ids passed d999, so they compare as numbers, never as strings. */
export function devsetIdNumber(id: string): number {
  return Number(id.replace(/^d/u, ""));
}

/** Whether `id` is at or after `from` ("dNNN"; null: every id), by number. */
export function idAtOrAfter(id: string, from: string | null): boolean {
  return from === null || devsetIdNumber(id) >= devsetIdNumber(from);
}

export function loadDevset(path = DEVSET_PATH): DevsetItem[] {
  return parseDevset(readFileSync(path, "utf8"));
}

export function devsetExists(path = DEVSET_PATH): boolean {
  return existsSync(path);
}

