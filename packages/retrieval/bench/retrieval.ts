// `npm run bench -- retrieval` (or `npx tsx packages/retrieval/bench/retrieval.ts [--rounds N]`)
//
// In-process latency of the embedded default (the utterance stage with context and prior, and
// with 200 synthetic click pairs so the click stage is exercised) against the earlier
// whole-tool BM25 (MiniSearch) in the same run: 708 tools, every dev-set dialogue, top 5,
// query building included, calls interleaved so both see the same machine state. Reports
// p50/p95/p99 per call and the ratio to BM25, the default without its phrase classifier, and
// what the classifier adds to building the index (its training, once per catalog version), and
// how long requests wait while an edit retrains it (inline against in the background);
// writes .data/bench/retrieval-latest.json.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { dataDir } from "@toolrec/config";
import { HybridRetriever, runRetrieval } from "../src/fusion.js";
import { createUtteranceRetriever, type ClickPair } from "../src/utterance.js";
import { queryFromText } from "../src/query.js";
import { loadDevset } from "../src/eval/data.js";
import { catalogDocuments } from "../test-support/catalog.js";

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf("--rounds") + 1] ?? "") || 10;
const docs = catalogDocuments();
const devset = loadDevset();
// Click pairs: the tune part's dialogues paired with their first relevant tool (a stand-in
// for logged clicks; the bench measures cost, not quality).
const clicks: ClickPair[] = devset.filter((d) => d.split === "tune").slice(0, 200).map((d) => ({ dialogue: d.dialogue, toolId: d.relevant[0] as string }));

const contenders = {
  "utterance (default)": new HybridRetriever(docs, { lexical: true, clicks }),
  "no classifier": new HybridRetriever(docs, { lexical: { classifier: false }, clicks }),
  "bm25 (before)": new HybridRetriever(docs, { lexical: { engine: "bm25" } }),
};
type Name = keyof typeof contenders;
const samples: Record<Name, number[]> = { "utterance (default)": [], "no classifier": [], "bm25 (before)": [] };

// Warm-up (index build, JIT).
for (const p of Object.values(contenders)) for (const d of devset.slice(0, 100)) await runRetrieval(p, d.dialogue, 5);

for (let r = 0; r < rounds; r++) {
  for (const d of devset) {
    for (const name of Object.keys(contenders) as Name[]) {
      const t = performance.now();
      await runRetrieval(contenders[name], d.dialogue, 5);
      samples[name].push(performance.now() - t);
    }
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
};
const summary = Object.fromEntries(
  (Object.keys(samples) as Name[]).map((n) => [n, { p50: pct(samples[n], 50), p95: pct(samples[n], 95), p99: pct(samples[n], 99), calls: samples[n].length }]),
);
const base = summary["bm25 (before)"]!;
console.log(`retrieval latency: ${docs.length} tools, ${devset.length} dialogues x ${rounds} rounds, top 5, query building included`);
console.log(`${"".padEnd(22)} p50 ms   p95 ms   p99 ms   p50 ratio to bm25`);
for (const [n, s] of Object.entries(summary)) {
  console.log(`${n.padEnd(22)} ${s.p50.toFixed(3).padStart(6)}   ${s.p95.toFixed(3).padStart(6)}   ${s.p99.toFixed(3).padStart(6)}   ${(s.p50 / base.p50).toFixed(2)}x`);
}
// Index build with and without the classifier (a new seed each time, so nothing is reused).
const build = (classifier: boolean, seed: number): number => {
  const t = performance.now();
  createUtteranceRetriever(docs, { classifier, classifierTraining: { seed } }).searchSync(queryFromText("warm up"), 1);
  return performance.now() - t;
};
const builds = { withClassifier: [] as number[], without: [] as number[] };
for (let i = 0; i < 3; i++) {
  builds.without.push(build(false, 1000 + i));
  builds.withClassifier.push(build(true, 1000 + i));
}
const buildMs = { withClassifier: pct(builds.withClassifier, 50), without: pct(builds.without, 50), rebuild: 0, first: 0 };
console.log(`index build (median of 3): ${buildMs.without.toFixed(0)} ms without the classifier, ${buildMs.withClassifier.toFixed(0)} ms with its training (${(buildMs.withClassifier / buildMs.without).toFixed(1)}x)`);
// The rebuild after an edit (the first search after it), against the first build of the same
// retriever: the rebuild re-analyses only the edited tool's texts (classifier off: its training
// runs apart, in the background, in the API).
const rebuilds: number[] = [];
const rebuilt = createUtteranceRetriever(docs, { classifier: false });
const firstBuild = performance.now();
rebuilt.searchSync(queryFromText("warm up"), 1);
const firstBuildMs = performance.now() - firstBuild;
for (let i = 0; i < 21; i++) {
  const edited = docs[(i * 31) % docs.length]!;
  rebuilt.upsert({ ...edited, utterances: [...edited.utterances, `a rebuild for the bench, edit ${i}`] });
  const t = performance.now();
  rebuilt.searchSync(queryFromText("warm up"), 1);
  rebuilds.push(performance.now() - t);
}
buildMs.rebuild = pct(rebuilds, 50);
buildMs.first = firstBuildMs;
console.log(`rebuild after an edit (median of 21): ${buildMs.rebuild.toFixed(1)} ms, the same retriever's first build ${firstBuildMs.toFixed(0)} ms (${(buildMs.rebuild / firstBuildMs).toFixed(2)}x)`);

// Catalog edits while requests keep coming: one search every 2 ms of planned arrivals over 3 s
// (longer if the model is not ready by then); a request's wait is from its planned arrival to its
// answer. Inline, the first search after an edit trains the classifier and every request behind
// it waits; in the background (what the API runs) the previous model answers while the new one
// trains between requests. A burst is `edits` edits 100 ms apart; "ready" is the time from the
// last edit until the model for the final catalog serves.
const duringRetrain = async (background: boolean, seed: number, edits = 1) => {
  const r = createUtteranceRetriever(docs, { classifierTraining: { seed }, classifierBackground: background });
  await r.classifierReady();
  const waits: number[] = [];
  const t0 = performance.now();
  let lastEdit = 0;
  let readyMs: number | null = null;
  for (let i = 0; i * 2 < 3000 || readyMs === null; i++) {
    const planned = t0 + i * 2;
    while (performance.now() < planned) await new Promise<void>((resolve) => setImmediate(resolve));
    if (i % 50 === 0 && i / 50 < edits) {
      const edited = docs[(i / 50) * 13]!;
      r.upsert({ ...edited, utterances: [...edited.utterances, `an edit for the bench, seed ${seed}, edit ${i / 50}`] });
      lastEdit = performance.now();
    }
    const d = devset[i % devset.length]!;
    r.searchSync(queryFromText(d.dialogue.userQuery), 5);
    waits.push(performance.now() - planned);
    if (readyMs === null && lastEdit > 0 && i / 50 >= edits - 1 && r.classifierStatus().state === "ready") readyMs = performance.now() - lastEdit;
  }
  return { p50: pct(waits, 50), p99: pct(waits, 99), max: Math.max(...waits), requests: waits.length, trainingMs: r.classifierStatus().trainingMs, readyMs };
};
const retrain = {
  inline: await duringRetrain(false, 2000),
  background: await duringRetrain(true, 2001),
  "background, a burst of 5 edits": await duringRetrain(true, 2002, 5),
};
console.log(`requests during a retrain after an edit (one every 2 ms for 3 s, wait = planned arrival to answer):`);
for (const [n, x] of Object.entries(retrain)) {
  console.log(`  ${n.padEnd(30)} p50 ${x.p50.toFixed(2)} ms, p99 ${x.p99.toFixed(1)} ms, worst ${x.max.toFixed(1)} ms over ${x.requests} requests; the final model serves ${(x.readyMs ?? 0).toFixed(0)} ms after the last edit (its training ${(x.trainingMs ?? 0).toFixed(0)} ms)`);
}
console.log(`  background / inline: worst wait ${(retrain.background.max / retrain.inline.max).toFixed(3)}x, p99 ${(retrain.background.p99 / retrain.inline.p99).toFixed(3)}x`);

const out = join(dataDir(), "bench", "retrieval-latest.json");
mkdirSync(join(dataDir(), "bench"), { recursive: true });
writeFileSync(out, `${JSON.stringify({ generatedAt: new Date().toISOString(), tools: docs.length, dialogues: devset.length, rounds, clickPairs: clicks.length, summary, buildMs, retrain }, null, 2)}\n`);
console.log(`wrote ${out}`);
