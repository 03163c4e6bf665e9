// `npx tsx packages/retrieval/scripts/catalog-holdout.ts [--catalog DIR]`
//
// How well the embedded default generalises to phrasings the catalog does not contain, measured
// on the catalog itself, so curators can judge an expansion without reading the dev set. Each
// tool's utterances and situations are dealt into 5 folds (the i-th phrase into fold i mod 5);
// for each fold the index is built without it and every held-out phrase is asked alone (no
// assistant response): is its own tool first, in the top 5? The dev set is never read.
import { createUtteranceRetriever } from "../src/utterance.js";
import { buildRetrievalQuery } from "../src/query.js";
import type { ToolDocument } from "../src/types.js";
import { catalogDocuments } from "../test-support/catalog.js";

const FOLDS = 5;

interface Tally { n: number; at1: number; at5: number }
const tally = (): Tally => ({ n: 0, at1: 0, at5: 0 });

export function catalogHoldout(docs: readonly ToolDocument[]): { utterances: Tally; situations: Tally } {
  const out = { utterances: tally(), situations: tally() };
  for (let fold = 0; fold < FOLDS; fold++) {
    const held: { id: string; text: string; kind: "utterances" | "situations" }[] = [];
    const kept = docs.map((d) => {
      const phrases = [
        ...d.utterances.map((text) => ({ text, kind: "utterances" as const })),
        ...(d.situations ?? []).map((text) => ({ text, kind: "situations" as const })),
      ];
      const keep = phrases.filter((p, i) => (i % FOLDS === fold ? (held.push({ id: d.id, ...p }), false) : true));
      return {
        ...d,
        utterances: keep.filter((p) => p.kind === "utterances").map((p) => p.text),
        situations: keep.filter((p) => p.kind === "situations").map((p) => p.text),
      };
    });
    const retriever = createUtteranceRetriever(kept);
    for (const h of held) {
      const rank = retriever.searchSync(buildRetrievalQuery({ userQuery: h.text }), 5, undefined, { explain: false }).findIndex((x) => x.id === h.id);
      const t = out[h.kind];
      t.n++;
      if (rank === 0) t.at1++;
      if (rank >= 0) t.at5++;
    }
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const dir = args.includes("--catalog") ? args[args.indexOf("--catalog") + 1] : undefined;
  const docs = catalogDocuments(dir);
  const r = catalogHoldout(docs);
  const line = (label: string, t: Tally) =>
    `${label.padEnd(12)} ${String(t.n).padStart(5)}  R@1 ${(t.at1 / t.n).toFixed(3)}  R@5 ${(t.at5 / t.n).toFixed(3)}`;
  const all = { n: r.utterances.n + r.situations.n, at1: r.utterances.at1 + r.situations.at1, at5: r.utterances.at5 + r.situations.at5 };
  console.log(`held-out catalog phrases (${docs.length} tools, ${FOLDS} folds, phrase alone):`);
  console.log(line("all", all));
  console.log(line("utterances", r.utterances));
  console.log(line("situations", r.situations));
}
