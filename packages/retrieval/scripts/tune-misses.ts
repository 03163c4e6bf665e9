// `npx tsx packages/retrieval/scripts/tune-misses.ts [--k 5] [--json OPTS]`
//
// Prints the TUNE part's misses of the embedded default: for each dialogue whose relevant tool
// is not in the top k, the rank of each relevant tool, its per-part score and the tools that beat
// it (with their parts and matched words). The test part is never read here (held out).
import { createUtteranceRetriever } from "../src/utterance.js";
import type { UtteranceHit, UtteranceOptions } from "../src/utterance.js";
import { buildRetrievalQuery } from "../src/query.js";
import { loadDevset } from "../src/eval/data.js";
import { isMiss, relevantRanks } from "../src/misses.js";
import { catalogDocuments } from "../test-support/catalog.js";

const args = process.argv.slice(2);
const k = Number(args[args.indexOf("--k") + 1] ?? 5) || 5;
const opts = (args.includes("--json") ? JSON.parse(args[args.indexOf("--json") + 1] ?? "{}") : {}) as UtteranceOptions;
const docs = catalogDocuments();
const tune = loadDevset().filter((d) => d.split === "tune");
const r = createUtteranceRetriever(docs, opts);
const fmt = (h: UtteranceHit) =>
  `${h.id} ${h.score.toFixed(2)} [u ${h.parts.utterance.toFixed(2)} c ${h.parts.context.toFixed(2)} p ${h.parts.prior.toFixed(2)}] {${(h.matchedTerms ?? []).join(",")}}`;
let misses = 0;
// R@k lost, split by whether the relevant tool outside the top k is the first listed one.
const lost = { first: 0, other: 0 };
for (const d of tune) {
  const hits = r.searchSync(buildRetrievalQuery(d.dialogue), 50);
  const relevant = relevantRanks(d, hits.map((h) => h.id));
  const ranks = relevant.map((x) => x.rank ?? 0);
  // a miss: any relevant tool outside top k, or (--r1) no relevant tool at rank 1
  const missK = isMiss(relevant, k);
  relevant.forEach((x, i) => {
    if (x.rank === null || x.rank > k) lost[i === 0 ? "first" : "other"] += 1 / relevant.length / tune.length;
  });
  const miss1 = !ranks.includes(1);
  if (!missK && !(args.includes("--r1") && miss1)) continue;
  misses++;
  console.log(`\n${d.id} ${d.kind} ${missK ? "MISS@" + k : "miss@1"}  relevant ${d.relevant.map((id, i) => `${id}#${ranks[i] || ">50"}`).join(" ")}`);
  for (const h of d.dialogue.history ?? []) console.log(`  ${h.role}: ${h.content}`);
  console.log(`  Q: ${d.dialogue.userQuery}`);
  if (d.dialogue.assistantResponse) console.log(`  A: ${d.dialogue.assistantResponse}`);
  const worst = Math.max(...ranks.map((x) => x || 51));
  hits.slice(0, Math.min(worst - 1, 6)).forEach((h, i) => console.log(`   ${i + 1}. ${fmt(h)}`));
  for (const id of d.relevant) {
    const h = hits.find((x) => x.id === id);
    console.log(`   * ${h ? fmt(h) : id + " (not retrieved)"}`);
  }
}
console.log(`\n${misses} of ${tune.length} tune dialogues listed`);
console.log(`R@${k} lost: ${(lost.first + lost.other).toFixed(3)} (the first relevant tool ${lost.first.toFixed(3)}, a second or third ${lost.other.toFixed(3)})`);
