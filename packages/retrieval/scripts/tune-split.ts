// `npx tsx packages/retrieval/scripts/tune-split.ts [--grid]`
//
// The tuning split for the lexical stage, separate from the held-out dev set (which must not
// be swept; see devset/README.md): leave-one-utterance-out over the catalog. For fold j
// (j = 0..3) utterance j of every tool is removed from the index and used as the query; the
// tool it came from is the one relevant answer. It measures how well a new phrasing finds a
// tool whose other phrasings are indexed, which is the dev set's situation for single-turn
// dialogues. Query segment weights cannot be tuned here (no multi-turn context), so they keep
// the defaults of query.ts.

import { createLexicalRetriever } from "../src/lexical.js";
import type { LexicalOptions } from "../src/lexical.js";
import { queryFromText } from "../src/query.js";
import { ndcgAtK, recallAtK, reciprocalRank } from "../src/metrics.js";
import type { ToolDocument } from "../src/types.js";
import { catalogDocuments } from "../test-support/catalog.js";
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";

export interface SplitScore {
  n: number;
  recallAt1: number;
  recallAt5: number;
  ndcgAt5: number;
  mrr: number;
}

export function leaveOneUtteranceOut(docs: ToolDocument[], options: LexicalOptions, folds = 4): SplitScore {
  let n = 0;
  let r1 = 0;
  let r5 = 0;
  let nd = 0;
  let rr = 0;
  for (let j = 0; j < folds; j++) {
    const held = docs.map((d) => ({ ...d, utterances: d.utterances.filter((_, i) => i !== j) }));
    const r = createLexicalRetriever(held, options);
    for (const d of docs) {
      const u = d.utterances[j];
      if (!u) continue;
      const ranked = r.searchSync(queryFromText(u), 10).map((h) => h.id);
      n++;
      r1 += recallAtK(ranked, [d.id], 1);
      r5 += recallAtK(ranked, [d.id], 5);
      nd += ndcgAtK(ranked, [d.id], 5);
      rr += reciprocalRank(ranked, [d.id]);
    }
  }
  return { n, recallAt1: r1 / n, recallAt5: r5 / n, ndcgAt5: nd / n, mrr: rr / n };
}

function main(args: string[]): void {
  const docs = catalogDocuments();
  const variants: [string, LexicalOptions][] = [
    ["default", {}],
    ["no stemming", { stemming: false }],
    ["no stop-words", { stopWords: false }],
    ["no compounds", { compounds: false }],
    ["per-segment", { segmentMode: "perSegment" }],
    ["prefix >= 5", { prefixMinLength: 5 }],
    ["flat boosts", { fieldBoosts: { name: 1, canonicalQuery: 1, utterances: 1, description: 1 } }],
    ["name/cq 3, utt 2, desc 1", { fieldBoosts: { name: 3, canonicalQuery: 3, utterances: 2, description: 1 } }],
  ];
  if (args.includes("--grid")) {
    for (const name of [1, 2, 3]) for (const cq of [1, 2, 3]) for (const utt of [1, 2]) for (const desc of [1, 2, 3]) {
      variants.push([`n${name} cq${cq} u${utt} d${desc}`, { fieldBoosts: { name, canonicalQuery: cq, utterances: utt, description: desc } }]);
    }
    for (const k of [0.9, 1.2, 1.5]) for (const b of [0.5, 0.7, 0.9]) for (const d of [0, 0.5, 1]) {
      variants.push([`bm25 k${k} b${b} d${d}`, { bm25: { k, b, d } }]);
    }
  }
  console.log(`leave-one-utterance-out over ${docs.length} tools (4 folds)`);
  console.log(`${"variant".padEnd(28)}     n  R@1    R@5    nDCG@5 MRR`);
  for (const [label, opts] of variants) {
    const s = leaveOneUtteranceOut(docs, opts);
    console.log(`${label.padEnd(28)} ${String(s.n).padStart(5)}  ${s.recallAt1.toFixed(3)}  ${s.recallAt5.toFixed(3)}  ${s.ndcgAt5.toFixed(3)}  ${s.mrr.toFixed(3)}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
