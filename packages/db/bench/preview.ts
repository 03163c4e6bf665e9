// `npx tsx packages/db/bench/preview.ts [--impressions 10000] [--rounds 20]`
//
// The live calibration inspector's cost (issue #4; target < 150 ms for 10k impressions) on
// the embedded PostgreSQL server: a cold preview (the window read from the database and prepared) and a
// warm one (the data-version check, one query, plus core's calibratePrepared under a new
// config), as the API's calibrationPreview does them. Best and median of R warm rounds.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { simulateImpressions } from "@toolrec/core";
import { CalibrationWindowCache, calibrateWindow, ingestImpressions, loadCatalog, openDatabase, resolveConfigInput, seedCatalog } from "../src/index.js";

const { values } = parseArgs({ options: { impressions: { type: "string", default: "10000" }, rounds: { type: "string", default: "20" } } });
const N = Number(values.impressions);
const ROUNDS = Number(values.rounds);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-bench-preview-"));
const db = await openDatabase({ databaseUrl: null, dataDir });
try {
  await seedCatalog(db.prisma);
  await ingestImpressions(db.prisma, simulateImpressions(loadCatalog().tools, { users: Math.max(10, Math.round(N / 15)), impressions: N, seed: 2 }));
  const cache = new CalibrationWindowCache();
  let t0 = performance.now();
  const cold = await cache.get(db.prisma, null);
  calibrateWindow(cold.window, resolveConfigInput({}));
  const coldMs = performance.now() - t0;
  const warm: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    t0 = performance.now();
    const { window, cached } = await cache.get(db.prisma, null);
    if (!cached) throw new Error("expected a cache hit");
    calibrateWindow(window, resolveConfigInput({ alpha: 0.1 + (r % 10) / 20, systemSide: r % 2 ? "STATIC" : "DYNAMIC" }));
    warm.push(performance.now() - t0);
  }
  warm.sort((a, b) => a - b);
  console.log(`calibration preview on the embedded PostgreSQL, ${N.toLocaleString("en")} impressions`);
  console.log(`  cold (load window + prepare + calibrate): ${coldMs.toFixed(1)} ms`);
  console.log(`  warm (version check + calibrate): best ${warm[0]!.toFixed(1)} ms, median ${warm[Math.floor(ROUNDS / 2)]!.toFixed(1)} ms ${warm[Math.floor(ROUNDS / 2)]! < 150 ? "(target < 150 ms: met)" : "(target < 150 ms: NOT met)"}`);
} finally {
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
