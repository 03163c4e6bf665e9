// `npx tsx packages/retrieval/scripts/tune-utterance.ts [--grid JSON] [--from dNNN]`
//
// Chooses the utterance stage's weights on the TUNE part of the dev set only (rows with
// "split": "tune"). The test part is never read here: its figures come from
// `npm run eval:retrieval` after the defaults are fixed. --from dNNN scores only tune dialogues
// from that id on (e.g. those written after the catalog phrases: see judge-proposals.ts).
import { createLexicalRetriever } from "../src/lexical.js";
import { createUtteranceRetriever } from "../src/utterance.js";
import type { UtteranceOptions } from "../src/utterance.js";
import { buildRetrievalQuery } from "../src/query.js";
import { scoreRankings as evaluate } from "../src/metrics.js";
import type { MetricSummary } from "../src/metrics.js";
import { idAtOrAfter, loadDevset } from "../src/eval/data.js";
import { catalogDocuments } from "../test-support/catalog.js";

const docs = catalogDocuments();
const from = process.argv.includes("--from") ? process.argv[process.argv.indexOf("--from") + 1]! : null;
const tune = loadDevset().filter((d) => d.split === "tune" && idAtOrAfter(d.id, from));
const queries = tune.map((d) => ({ id: d.id, q: buildRetrievalQuery(d.dialogue) }));

function score(search: (q: ReturnType<typeof buildRetrievalQuery>) => string[]): { all: MetricSummary; indirect: MetricSummary } {
  const ranked = new Map(queries.map(({ id, q }) => [id, search(q)]));
  const e = evaluate(ranked, tune);
  return { all: e.overall, indirect: e.byKind.indirect as MetricSummary };
}
const f = (x: number) => x.toFixed(3);
function line(label: string, r: { all: MetricSummary; indirect: MetricSummary }): string {
  return `${label.padEnd(60)} R@1 ${f(r.all.recallAt1)}  R@5 ${f(r.all.recallAt5)}  ind R@5 ${f(r.indirect.recallAt5)}  MRR ${f(r.all.mrr)}`;
}

const bm25 = createLexicalRetriever(docs);
console.log(`tune part: ${tune.length} dialogues, ${docs.length} tools`);
console.log(line("bm25 (before)", score((q) => bm25.searchSync(q, 10).map((h) => h.id))));
const run = (label: string, opts: UtteranceOptions) => {
  const r = createUtteranceRetriever(docs, opts);
  console.log(line(label, score((q) => r.searchSync(q, 10).map((h) => h.id))));
};
run("utterance (defaults)", {});
if (process.argv.includes("--grid")) {
  const grid = JSON.parse(process.argv[process.argv.indexOf("--grid") + 1] ?? "[]") as [string, UtteranceOptions][];
  for (const [label, opts] of grid) run(label, opts);
}
if (process.argv.includes("--fuse")) {
  const u = createUtteranceRetriever(docs, { discrimination: 0.5, contextWeight: 1.5, priorWeight: 2 });
  for (const mu of [0.3, 0.5, 1, 2]) {
    console.log(line(`linear utterance + ${mu}·bm25`, score((q) => {
      const s = new Map<string, number>();
      for (const h of u.searchSync(q, 50)) s.set(h.id, h.score);
      for (const h of bm25.searchSync(q, 50)) s.set(h.id, (s.get(h.id) ?? 0) + mu * h.score);
      return [...s.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map((x) => x[0]);
    })));
  }
  for (const k of [10, 60]) {
    console.log(line(`rrf k${k}`, score((q) => {
      const s = new Map<string, number>();
      u.searchSync(q, 50).forEach((h, i) => s.set(h.id, 1 / (k + i + 1)));
      bm25.searchSync(q, 50).forEach((h, i) => s.set(h.id, (s.get(h.id) ?? 0) + 1 / (k + i + 1)));
      return [...s.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map((x) => x[0]);
    })));
  }
}
