/**
 * Derives every catalog tool's `invocationCount` from its hand-assigned `popularity`
 * (1..10) and writes it back into prisma/catalog/tools/*.json, right after `popularity`.
 *
 *   npx tsx prisma/catalog/derive-counts.ts        (or: npm run catalog:counts)
 *
 * Derivation (documented in prisma/catalog/README.md, "How invocationCount is derived"):
 *   1. Rank all tools of all categories together: popularity descending; ties broken by
 *      the FNV-1a 32-bit hash of the tool id (ascending), then by the id itself. The hash
 *      spreads a popularity band over its ranks without favouring any category or any
 *      alphabetical position, and it does not change when tools are added or reordered.
 *   2. invocationCount = round(C / rank^S) with C = ZIPF_C and S = ZIPF_S (rank from 1).
 *
 * Deterministic: same files in, same counts out; running it twice changes nothing.
 */

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Invocations of the rank-1 tool over the notional observation window. */
export const ZIPF_C = 200_000;
/** Zipf exponent: 1 is classic Zipf (count halves from rank 1 to 2, 1/10 by rank 10). */
export const ZIPF_S = 1.0;

/** FNV-1a, 32-bit, over the UTF-8 bytes of `s`; an unsigned integer. */
export function fnv1a32(s: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(s, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface PopularityInput {
  readonly id: string;
  readonly popularity: number;
}

/** Ranks the tools (see the header) and returns id -> invocationCount. */
export function deriveInvocationCounts(
  tools: readonly PopularityInput[],
  c: number = ZIPF_C,
  s: number = ZIPF_S,
): Map<string, number> {
  const ranked = [...tools].sort(
    (a, b) =>
      b.popularity - a.popularity ||
      fnv1a32(a.id) - fnv1a32(b.id) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const counts = new Map<string, number>();
  ranked.forEach((tool, index) => {
    counts.set(tool.id, Math.round(c / Math.pow(index + 1, s)));
  });
  return counts;
}

/** Copy of `tool` with `invocationCount` set and placed right after `popularity`. */
function withCount(tool: Record<string, unknown>, count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tool)) {
    if (key === "invocationCount") continue;
    out[key] = value;
    if (key === "popularity") out.invocationCount = count;
  }
  if (!("invocationCount" in out)) out.invocationCount = count;
  return out;
}

function main(): void {
  const catalogDir = dirname(fileURLToPath(import.meta.url));
  const toolsDir = join(catalogDir, "tools");
  const files = readdirSync(toolsDir)
    .filter((f) => f.endsWith(".json"))
    .sort();

  const perFile = new Map<string, Record<string, unknown>[]>();
  const inputs: PopularityInput[] = [];
  for (const file of files) {
    const tools = JSON.parse(readFileSync(join(toolsDir, file), "utf8")) as Record<string, unknown>[];
    if (!Array.isArray(tools)) throw new Error(`${file}: expected a JSON array of tools`);
    for (const tool of tools) {
      const { id, popularity } = tool;
      if (typeof id !== "string") throw new Error(`${file}: a tool has no string id`);
      if (typeof popularity !== "number" || !Number.isInteger(popularity) || popularity < 1 || popularity > 10) {
        throw new Error(`${file}: ${id}: popularity must be an integer 1..10, got ${String(popularity)}`);
      }
      inputs.push({ id, popularity });
    }
    perFile.set(file, tools);
  }
  const ids = new Set(inputs.map((t) => t.id));
  if (ids.size !== inputs.length) throw new Error("duplicate tool ids; fix them before deriving counts");

  const counts = deriveInvocationCounts(inputs);
  let changed = 0;
  for (const [file, tools] of perFile) {
    const updated = tools.map((tool) => withCount(tool, counts.get(tool.id as string)!));
    const text = JSON.stringify(updated, null, 2) + "\n";
    const path = join(toolsDir, file);
    if (readFileSync(path, "utf8") !== text) {
      writeFileSync(path, text);
      changed += 1;
    }
  }

  // Same statistics as the long-tail gate: the top decile is the ceil(N/10) highest counts.
  const sorted = [...counts.values()].sort((a, b) => b - a);
  const n = sorted.length;
  const topDecileMin = sorted[Math.ceil(n / 10) - 1]!;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  console.log(
    `${n} tools, C=${ZIPF_C}, s=${ZIPF_S}: max ${sorted[0]}, top-decile floor ${topDecileMin}, median ${median} ` +
      `(${(topDecileMin / median).toFixed(2)}x), min ${sorted[n - 1]}; ${changed} file(s) rewritten`,
  );
}

const invokedPath = process.argv[1] === undefined ? "" : resolve(process.argv[1]);
if (invokedPath === fileURLToPath(import.meta.url)) main();
