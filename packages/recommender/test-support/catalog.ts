// The SysToolkit seed catalog (prisma/catalog/tools/*.json) as generator tools, read straight
// from the files (no database), with each enabled tool's frequency percentile (Eq. 7's p).
// Tests pick the tools a retriever returned for a dialogue by id, in rank order.
import fs from "node:fs";
import path from "node:path";
import { catalogDir } from "@toolrec/config";
import { frequencyPercentiles } from "@toolrec/core";
import type { GeneratorTool } from "../src/index";

export interface CatalogTool {
  id: string;
  name: string;
  description: string;
  canonicalQuery: string;
  utterances: string[];
  invocationCount: number;
  enabled: boolean;
}

let cached: Map<string, CatalogTool & { frequencyPercentile: number }> | null = null;

/** Every enabled catalog tool by id, with its frequency percentile. */
export function catalogTools(): ReadonlyMap<string, CatalogTool & { frequencyPercentile: number }> {
  if (cached) return cached;
  const dir = path.join(catalogDir, "tools");
  const tools: CatalogTool[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    for (const t of JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as CatalogTool[]) {
      if (t.enabled !== false) tools.push({ ...t, enabled: true });
    }
  }
  const p = frequencyPercentiles(tools);
  cached = new Map(tools.map((t) => [t.id, { ...t, frequencyPercentile: p.get(t.id) ?? 0 }]));
  return cached;
}

/** Retrieved tools in the given order: rank i+1 and the default fusion's score 1/(60 + rank). */
export function retrieved(ids: readonly string[]): GeneratorTool[] {
  const all = catalogTools();
  return ids.map((id, i) => {
    const t = all.get(id);
    if (!t) throw new Error(`no catalog tool ${id}`);
    return {
      id: t.id, name: t.name, description: t.description, canonicalQuery: t.canonicalQuery, utterances: t.utterances,
      frequencyPercentile: t.frequencyPercentile, rank: i + 1, score: 1 / (60 + i + 1),
    };
  });
}
