// `npx tsx packages/retrieval/scripts/add-dialogues.ts NEW.jsonl... [--against PROPOSALS.json]... [--write]`
//
// Adds hand-written dialogues to the dev set (devset/dialogues.jsonl) under the dev set's rules,
// then gives them a split with split-devset's seeded assignment. A new row is
// {category, kind, dialogue, relevant} (no id, no split). It is refused when:
//  - a `relevant` id is not a catalog tool, or `kind` is not direct | indirect | multi_turn;
//  - any of its user turns is within word-set Jaccard 0.5 of a catalog phrase (utterance,
//    canonical query, situation; also the phrases of each --against proposals file): a dialogue
//    that repeats the catalog measures nothing, and the catalog gates refuse phrases at 0.6 of a
//    dev-set turn, so a close dialogue would also fail them;
//  - its user query is within 0.6 of a user query already in the dev set, or of an earlier new row.
// Without --write it only reports. Ids continue the dev set's numbering.
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { devsetDir } from "@toolrec/config";
import { loadCatalog, phraseWords, wordJaccard, NEAR_COPY_THRESHOLD } from "@toolrec/db/catalog";
import { devsetIdNumber } from "../src/eval/data.js";
import { readProposals } from "./judge-proposals.js";
import { assignSplits, parseRows } from "./split-devset.js";

/** A new dialogue's user turns may not come this close to a catalog phrase (the README's rule). */
export const CATALOG_OVERLAP_LIMIT = 0.5;
const KINDS = ["direct", "indirect", "multi_turn"];

interface NewRow {
  category?: string;
  kind: string;
  dialogue: { userQuery: string; assistantResponse?: string | null; history?: { role: string; content: string }[] };
  relevant: string[];
}

const userTurns = (r: NewRow) => [r.dialogue.userQuery, ...(r.dialogue.history ?? []).filter((t) => t.role.toUpperCase() === "USER").map((t) => t.content)];

type DevRow = Record<string, unknown> & { id: string; dialogue: NewRow["dialogue"] };

/**
 * The rules in the header, pure: which new rows join the dev set (with ids continuing its
 * numbering) and why the others are refused. `phrases` are the catalog's (and proposals') phrases.
 */
export function admitDialogues(existing: readonly DevRow[], candidates: readonly NewRow[], toolIds: ReadonlySet<string>, phrases: readonly string[]): { added: DevRow[]; refused: { index: number; why: string }[] } {
  const phraseSets = phrases.map((p) => ({ p, w: phraseWords(p) }));
  const queries = existing.map((r) => phraseWords(r.dialogue.userQuery));
  let next = Math.max(0, ...existing.map((r) => devsetIdNumber(r.id))) + 1;
  const added: DevRow[] = [];
  const refused: { index: number; why: string }[] = [];
  candidates.forEach((r, index) => {
    const refuse = (why: string) => refused.push({ index, why });
    if (typeof r?.dialogue?.userQuery !== "string" || !Array.isArray(r.relevant)) return refuse("not a dialogue row: needs dialogue.userQuery and relevant");
    const missing = r.relevant.filter((id) => !toolIds.has(id));
    if (!KINDS.includes(r.kind) || r.relevant.length < 1 || r.relevant.length > 3 || missing.length) return refuse(`bad kind or relevant ids (${missing.join(", ")})`);
    for (const turn of userTurns(r)) {
      const w = phraseWords(turn);
      const close = phraseSets.find((s) => wordJaccard(w, s.w) >= CATALOG_OVERLAP_LIMIT);
      if (close) return refuse(`"${turn}" is close to the catalog phrase "${close.p}"`);
    }
    const q = phraseWords(r.dialogue.userQuery);
    if (queries.some((o) => wordJaccard(q, o) >= NEAR_COPY_THRESHOLD)) return refuse(`"${r.dialogue.userQuery}" repeats a dev-set query`);
    queries.push(q);
    const id = `d${String(next++).padStart(3, "0")}`;
    added.push({ id, category: r.relevant[0]!.split(".")[0], kind: r.kind, dialogue: { userQuery: r.dialogue.userQuery, assistantResponse: r.dialogue.assistantResponse ?? null, history: r.dialogue.history ?? [] }, relevant: r.relevant });
  });
  return { added, refused };
}

function main(args: string[]): number {
  const files: string[] = [];
  const against: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--against") against.push(args[++i]!);
    else if (args[i] !== "--write") files.push(args[i]!);
  }
  if (files.length === 0) {
    console.error("usage: add-dialogues.ts NEW.jsonl... [--against PROPOSALS.json]... [--write]");
    return 2;
  }
  const catalog = loadCatalog();
  const phrases = catalog.tools.flatMap((t) => [t.canonicalQuery, ...t.utterances, ...(t.situations ?? [])]);
  for (const file of against) {
    for (const p of Object.values(readProposals(file))) {
      phrases.push(...(p.utterances ?? []), ...(p.situations ?? []));
    }
  }
  const path = join(devsetDir, "dialogues.jsonl");
  const rows = parseRows<DevRow>(readFileSync(path, "utf8"), path);
  const candidates = files.flatMap((file) => parseRows<NewRow>(readFileSync(resolve(file), "utf8"), file).map((row, i) => ({ file, row, n: i + 1 })));
  const { added, refused } = admitDialogues(rows, candidates.map((c) => c.row), new Set(catalog.tools.map((t) => t.id)), phrases);
  for (const r of refused) console.log(`refused ${candidates[r.index]!.file} row ${candidates[r.index]!.n}: ${r.why}`);
  const out = assignSplits([...rows, ...added]);
  const split = (s: string) => out.slice(rows.length).filter((r) => r.split === s).length;
  console.log(`${added.length} added (${split("tune")} tune, ${split("test")} test), ${refused.length} refused`);
  if (args.includes("--write") && added.length) writeFileSync(path, out.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    console.error(`add-dialogues: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
