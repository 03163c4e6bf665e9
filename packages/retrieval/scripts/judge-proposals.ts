// `npx tsx packages/retrieval/scripts/judge-proposals.ts PROPOSALS.json [--from dNNN]`
//
// Judges curators' proposed phrases (prisma/catalog/proposals/*.json: per tool id, more
// `utterances` and `situations`) on the TUNE part of the dev set only: the default retriever on
// the seeded catalog against the same retriever on the catalog with the proposals merged in.
// The test part is never read.
//
// --from dNNN judges only tune dialogues from that id on. Use it with dialogues written after the
// catalog phrases being compared: older tune dialogues had catalog phrases written from their
// misses, which makes them a judge biased towards the seeded catalog.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createUtteranceRetriever } from "../src/utterance.js";
import { buildRetrievalQuery } from "../src/query.js";
import { scoreRankings, type MetricSummary } from "../src/metrics.js";
import { idAtOrAfter, loadDevset } from "../src/eval/data.js";
import type { ToolDocument } from "../src/types.js";
import { catalogDocuments } from "../test-support/catalog.js";

export type Proposals = Record<string, { utterances?: string[]; situations?: string[] }>;

export const readProposals = (file: string): Proposals => JSON.parse(readFileSync(resolve(file), "utf8")) as Proposals;

/** The catalog's documents with each tool's proposed phrases appended (unknown ids are an error). */
export function withProposals(docs: readonly ToolDocument[], proposals: Proposals): ToolDocument[] {
  const known = new Set(docs.map((d) => d.id));
  const unknown = Object.keys(proposals).filter((id) => !known.has(id));
  if (unknown.length) throw new Error(`proposals name tools the catalog does not have: ${unknown.slice(0, 5).join(", ")}`);
  return docs.map((d) => {
    const p = proposals[d.id];
    return p ? { ...d, utterances: [...d.utterances, ...(p.utterances ?? [])], situations: [...(d.situations ?? []), ...(p.situations ?? [])] } : d;
  });
}

function main(args: string[]): number {
  const fromAt = args.indexOf("--from");
  const from = fromAt >= 0 ? args[fromAt + 1]! : null;
  // The file is the argument that is neither a flag nor --from's value (without --from, any).
  const file = args.find((a, i) => !a.startsWith("--") && (fromAt < 0 || i !== fromAt + 1));
  if (!file) {
    console.error("usage: judge-proposals.ts PROPOSALS.json [--from dNNN]");
    return 2;
  }
  const tune = loadDevset().filter((d) => d.split === "tune" && idAtOrAfter(d.id, from));
  const proposals = readProposals(file);
  const seeded = catalogDocuments();
  const proposed = withProposals(seeded, proposals);
  const queries = tune.map((d) => ({ d, q: buildRetrievalQuery(d.dialogue) }));

  const rankings = (docs: ToolDocument[]) => {
    const r = createUtteranceRetriever(docs);
    return new Map(queries.map(({ d, q }) => [d.id, r.searchSync(q, 10).map((h) => h.id)]));
  };
  const before = rankings(seeded);
  const after = rankings(proposed);

  const f = (x: number) => x.toFixed(3);
  const line = (label: string, s: MetricSummary, ind: MetricSummary | undefined) =>
    `${label.padEnd(22)} R@1 ${f(s.recallAt1)}  R@5 ${f(s.recallAt5)}  indirect R@5 ${ind ? f(ind.recallAt5) : "-"}  MRR ${f(s.mrr)}`;
  console.log(`tune part${from ? ` from ${from}` : ""}: ${tune.length} dialogues; ${Object.keys(proposals).length} tools with proposals`);
  for (const [label, ranked] of [["seeded catalog", before], ["with proposals", after]] as const) {
    const e = scoreRankings(ranked, tune);
    console.log(line(label, e.overall, e.byKind.indirect));
  }
  // Paired: where did the best-ranked relevant tool move? (Noise shows as moves both ways.)
  const firstHit = (ranked: string[], relevant: readonly string[]) => {
    const i = ranked.findIndex((id) => relevant.includes(id));
    return i < 0 ? 11 : i + 1;
  };
  let up = 0;
  let down = 0;
  for (const d of tune) {
    const a = firstHit(before.get(d.id)!, d.relevant);
    const b = firstHit(after.get(d.id)!, d.relevant);
    if (b < a) up++;
    if (b > a) down++;
  }
  console.log(`first relevant tool ranked higher in ${up} dialogues, lower in ${down}`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
