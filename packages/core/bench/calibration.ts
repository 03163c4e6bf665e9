// `npx tsx packages/core/bench/calibration.ts [--impressions N] [--rounds R]`
//
// Throughput of core's calibration (labels, deciding tool, uctr, mu/s, Eq. 6, 7, 9,
// aggregates and six histograms) against a vectorised numpy implementation of the same
// formulas (calibration_numpy.py beside this file) on the same synthetic window: N
// impressions of K = 5 suggestions, Zipf-like users, 708 tools. The head-to-head is
// core's calibrateColumnar on the same flat arrays numpy gets; calibrateColumns on
// per-impression objects (string ids; encodes them, then the same columnar pass) and the
// preview path (calibratePrepared: a new config on an already prepared window) are
// reported too. Inputs are built before timing; the best of R rounds is reported (the least disturbed
// by other work on a shared machine), for numpy too.
// Needs python3 with numpy (Debian: apt-get install python3-numpy); else numpy is skipped.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { calibrateColumnar, calibrateColumns, calibratePrepared, createRng, prepareColumnarWindow, type CalibrationImpression, type ColumnarWindow } from "../src/index";

const { values } = parseArgs({ options: { impressions: { type: "string", default: "1000000" }, rounds: { type: "string", default: "7" }, json: { type: "boolean" } } });
const N = Number(values.impressions);
const ROUNDS = Number(values.rounds);
const K = 5;
const TOOLS = 708;
const USERS = Math.max(10, Math.round(N / 15));

// Synthetic window, shared by both sides through flat binary columns.
const rng = createRng(42);
const userOf = new Int32Array(N);
const pOf = new Float64Array(N * K); // NaN = general query
const exposed = new Uint8Array(N * K);
const clicked = new Uint8Array(N * K);
const toolPercentile = new Map<string, number>();
const toolIds: string[] = [];
for (let t = 0; t < TOOLS; t++) {
  toolIds.push(`tool.t${t}`);
  toolPercentile.set(`tool.t${t}`, t / (TOOLS - 1));
}
const zipf = Float64Array.from({ length: USERS }, (_, i) => 1 / (i + 1));
for (let i = 1; i < USERS; i++) zipf[i]! += zipf[i - 1]!;
const impressions: CalibrationImpression[] = [];
const firstSeen = new Map<number, number>();
for (let i = 0; i < N; i++) {
  const x = rng() * zipf[USERS - 1]!;
  let lo = 0, hi = USERS - 1;
  while (lo < hi) { const m = (lo + hi) >> 1; if (zipf[m]! > x) hi = m; else lo = m + 1; }
  // users numbered in first-seen order, only users who occur (as encodeColumnarWindow does)
  let u = firstSeen.get(lo);
  if (u === undefined) firstSeen.set(lo, (u = firstSeen.size));
  userOf[i] = u;
  const shown = rng() < 0.7 ? 3 : 4;
  const clickAt = rng() < 0.06 ? Math.floor(rng() * shown) : -1;
  const suggestions = [];
  for (let j = 0; j < K; j++) {
    const tool = rng() < 0.35 ? Math.floor(rng() * TOOLS) : -1;
    pOf[i * K + j] = tool < 0 ? NaN : tool / (TOOLS - 1);
    exposed[i * K + j] = j < shown ? 1 : 0;
    clicked[i * K + j] = j === clickAt ? 1 : 0;
    suggestions.push({ toolId: tool < 0 ? null : toolIds[tool]!, exposed: j < shown, clicked: j === clickAt });
  }
  impressions.push({ id: `i${i}`, userId: `u${u}`, suggestions });
}

const USERS_SEEN = firstSeen.size;
const config = { alpha: 0.25, gamma: 1.25, k: 3, mu: 0.07, muMode: "FIXED" as const, userSide: true, systemSide: "DYNAMIC" as const };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// The best of R rounds: the least disturbed by other work on a shared machine (numpy's side reports the same).

function time(run: () => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return Math.min(...times);
}

// JS, head-to-head: the full pipeline from the same flat arrays numpy reads.
const columnar: ColumnarWindow = {
  length: N, userIndex: userOf, userCount: USERS_SEEN, offsets: Int32Array.from({ length: N + 1 }, (_, i) => i * K),
  toolP: pOf, exposed, clicked,
};
calibrateColumnar(columnar, config);
const jsMs = time(() => calibrateColumnar(columnar, config));
const result = calibrateColumnar(columnar, config);
// The preview path: the window prepared once, then only the config-dependent pass.
const prepared = prepareColumnarWindow(columnar);
const previewMs = time(() => calibratePrepared(prepared, { ...config, alpha: 0.3 }));
// The object API (strings, per-row objects).
calibrateColumns(impressions.slice(0, 10_000), toolPercentile, config);
const objectMs = time(() => calibrateColumns(impressions, toolPercentile, config));

// numpy: same data from binary files, same formulas, vectorised.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-bench-cal-"));
fs.writeFileSync(path.join(dir, "user.i32"), Buffer.from(userOf.buffer));
fs.writeFileSync(path.join(dir, "p.f64"), Buffer.from(pOf.buffer));
fs.writeFileSync(path.join(dir, "exposed.u8"), Buffer.from(exposed.buffer));
fs.writeFileSync(path.join(dir, "clicked.u8"), Buffer.from(clicked.buffer));
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "calibration_numpy.py");
let numpy: { ms: number; weightSum: number; mu: number; s: number; masked: number; version: string } | null = null;
let numpyError: string | null = null;
try {
  const out = execFileSync(process.env.TOOLREC_PYTHON ?? "/usr/bin/python3", [script, dir, String(N), String(K), String(USERS_SEEN), String(ROUNDS)], { encoding: "utf8" });
  numpy = JSON.parse(out.trim().split("\n").at(-1)!);
} catch (err) {
  numpyError = (err as Error).message.split("\n")[0]!;
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const a = result.aggregates;
const agree = numpy ? Math.abs(numpy.weightSum - a.weightSum) / Math.max(1, a.weightSum) < 1e-9 && numpy.masked === a.counts.masked && Math.abs(numpy.s - a.s) < 1e-12 : null;
const report = {
  bench: "calibration",
  impressions: N,
  suggestionsPerImpression: K,
  users: USERS_SEEN,
  rounds: ROUNDS,
  js: { bestMs: jsMs, impressionsPerSecond: N / (jsMs / 1000) },
  jsObjectApi: { bestMs: objectMs, impressionsPerSecond: N / (objectMs / 1000) },
  jsRecalibratePrepared: { bestMs: previewMs, impressionsPerSecond: N / (previewMs / 1000) },
  numpy: numpy ? { bestMs: numpy.ms, impressionsPerSecond: N / (numpy.ms / 1000), version: numpy.version } : { skipped: numpyError },
  jsSpeedupOverNumpy: numpy ? numpy.ms / jsMs : null,
  resultsAgree: agree,
};
if (values.json) console.log(JSON.stringify(report));
else {
  console.log(`calibration (Eq. 6, 7, 9 + aggregates + histograms), ${N.toLocaleString("en")} impressions x ${K} suggestions, ${USERS_SEEN.toLocaleString("en")} users, best of ${ROUNDS} rounds`);
  const rate = (ms: number) => `${(N / (ms / 1000) / 1e6).toFixed(2)} M impressions/s`;
  console.log(`  core calibrateColumnar, flat arrays (Node ${process.version}): ${jsMs.toFixed(1)} ms  (${rate(jsMs)})`);
  console.log(`  core calibrateColumns, per-impression objects:        ${objectMs.toFixed(1)} ms  (${rate(objectMs)})`);
  console.log(`  core calibratePrepared, new config on a prepared window: ${previewMs.toFixed(1)} ms  (${rate(previewMs)})`);
  if (numpy) {
    console.log(`  numpy ${numpy.version}, flat arrays, same formulas, vectorised: ${numpy.ms.toFixed(1)} ms  (${rate(numpy.ms)})`);
    console.log(`  JS (calibrateColumnar) / numpy speed: ${(numpy.ms / jsMs).toFixed(2)}x ${numpy.ms >= jsMs ? "(target met: at least as fast as numpy)" : "(SLOWER than numpy)"}; results agree: ${agree}`);
  } else console.log(`  numpy: skipped (${numpyError}); install python3-numpy`);
}
