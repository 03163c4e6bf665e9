// `npx tsx packages/retrieval/scripts/split-devset.ts [--check]`
//
// Splits the dev set (devset/dialogues.jsonl) into a tuning part and a held-out test part, once:
// every row gets `"split": "tune" | "test"`. Rows that already have a split keep it, so re-running
// after adding dialogues only assigns the new rows and never moves a dialogue between the parts.
// New rows are assigned at random with a fixed seed, stratified by kind (direct, indirect,
// multi_turn): within each kind the new rows are shuffled and TEST_FRACTION of them go to the test
// part, so both parts keep the dev set's mix of kinds. --check writes nothing and exits 1 when a row
// has no split or an unknown one.

import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { devsetDir } from "@toolrec/config";
import { createRng } from "@toolrec/core";

export const DEVSET_SPLITS = ["tune", "test"] as const;
export type DevsetSplit = (typeof DEVSET_SPLITS)[number];

/** Seed of the assignment; fixed so the split is reproducible from the file alone. */
export const SPLIT_SEED = 20_261_204;
/** Share of each kind's new rows that go to the held-out test part. */
export const TEST_FRACTION = 0.5;

type Row = Record<string, unknown> & { id: string; kind?: unknown; split?: unknown };

/**
 * Gives every row without a split one, as the header says; rows with a split are returned as they
 * are. Pure: the same rows always get the same assignment.
 */
export function assignSplits(rows: readonly Row[], seed = SPLIT_SEED, testFraction = TEST_FRACTION): Row[] {
  for (const row of rows) {
    if (row.split !== undefined && !(DEVSET_SPLITS as readonly unknown[]).includes(row.split)) {
      throw new Error(`dev set row ${row.id}: split must be "tune" or "test", got ${JSON.stringify(row.split)}`);
    }
  }
  const rng = createRng(seed);
  const byKind = new Map<string, number[]>();
  rows.forEach((row, i) => {
    if (row.split !== undefined) return;
    const kind = String(row.kind ?? "unknown");
    (byKind.get(kind) ?? byKind.set(kind, []).get(kind)!).push(i);
  });
  const assigned = new Map<number, DevsetSplit>();
  for (const kind of [...byKind.keys()].sort()) {
    const indices = byKind.get(kind)!;
    // Fisher-Yates with the seeded generator.
    for (let i = indices.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rng() * (i + 1));
      [indices[i], indices[j]] = [indices[j]!, indices[i]!];
    }
    const testCount = Math.round(indices.length * testFraction);
    indices.forEach((rowIndex, k) => assigned.set(rowIndex, k < testCount ? "test" : "tune"));
  }
  return rows.map((row, i) => (assigned.has(i) ? { ...row, split: assigned.get(i) } : row));
}

/** The rows of a JSONL text (blank lines skipped); a line that is not JSON is named by its number. */
export function parseRows<T>(text: string, where = "input"): T[] {
  return text.split(/\r?\n/u).flatMap((line, i) => {
    if (line.trim() === "") return [];
    try {
      return [JSON.parse(line) as T];
    } catch (err) {
      throw new Error(`${where} line ${i + 1} is not JSON: ${(err as Error).message}`);
    }
  });
}

function main(args: string[]): number {
  const path = join(devsetDir, "dialogues.jsonl");
  const text = readFileSync(path, "utf8");
  const rows = parseRows<Row>(text, path);
  if (args.includes("--check")) {
    const bad = rows.filter((r) => !(DEVSET_SPLITS as readonly unknown[]).includes(r.split)).map((r) => r.id);
    console.log(bad.length ? `${bad.length} rows without a valid split: ${bad.slice(0, 10).join(", ")}` : `all ${rows.length} rows have a split`);
    return bad.length ? 1 : 0;
  }
  const before = rows.filter((r) => r.split === undefined).length;
  const out = assignSplits(rows);
  const next = out.map((r) => JSON.stringify(r)).join("\n") + "\n";
  if (next !== text) writeFileSync(path, next);
  const counts = new Map<string, number>();
  for (const r of out) counts.set(`${String(r.split)} ${String(r.kind)}`, (counts.get(`${String(r.split)} ${String(r.kind)}`) ?? 0) + 1);
  console.log(`${out.length} dialogues, ${before} newly assigned (seed ${SPLIT_SEED}, test fraction ${TEST_FRACTION})`);
  for (const [k, n] of [...counts].sort()) console.log(`  ${k}: ${n}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
