// `npm run bench [-- FILTER...]`: runs every benchmark script the repository has and prints
// their reports, one after the other (they measure time; running them in parallel would
// spoil each other's numbers). A script is any `*.ts` file in a workspace's `bench/` folder:
//   packages/*/bench/*.ts, apps/*/bench/*.ts       (e.g. core's calibration vs numpy, db's ingestion vs COPY)
// FILTER words keep only the scripts whose path contains one of them (`npm run bench -- ingest`).
// Exit status: 1 when any script failed. Plain Node; scripts run through tsx.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const filters = process.argv.slice(2).filter((a) => !a.startsWith("-"));

function list(dir, test) {
  try {
    return fs.readdirSync(path.join(root, dir)).filter(test).map((f) => path.join(dir, f));
  } catch {
    return [];
  }
}

const found = [];
for (const group of ["packages", "apps"]) {
  for (const pkg of list(group, () => true)) {
    found.push(...list(path.join(pkg, "bench"), (f) => f.endsWith(".ts")).sort());
  }
}
const scripts = found.filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)));
if (scripts.length === 0) {
  console.error(`no benchmark scripts found${filters.length ? ` matching ${filters.join(", ")}` : ""}`);
  process.exit(1);
}

console.log(`running ${scripts.length} benchmark${scripts.length === 1 ? "" : "s"}: ${scripts.join(", ")}`);
const results = [];
for (const script of scripts) {
  console.log(`\n▶ ${script}`);
  const t0 = Date.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", script], { cwd: root, stdio: "inherit", env: process.env });
  results.push({ script, status: run.status ?? 1, seconds: (Date.now() - t0) / 1000 });
}
console.log("\nsummary");
for (const r of results) console.log(`  ${r.status === 0 ? "ok    " : "FAILED"} ${r.script} (${r.seconds.toFixed(1)} s)`);
process.exit(results.some((r) => r.status !== 0) ? 1 : 0);
