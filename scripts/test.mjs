// `npm test`: every test in the repo. Installs what is missing, type-checks every workspace,
// builds the console for the browser tests, then runs one vitest over all projects (unit,
// API integration over HTTP on the embedded PostgreSQL server and, when it answers, the
// PostgreSQL on 127.0.0.1:5432; Playwright e2e; npm start's supervisor).
import { execSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureAll, root } from "./ensure.mjs";

ensureAll();
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" };
console.log("\n▶ type-checking every workspace");
execSync("npx turbo run typecheck --output-logs=errors-only", { cwd: root, stdio: "inherit", env });

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-test-")), "vitest.json");
console.log("\n▶ vitest (all projects)");
const args = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...process.argv.slice(2)];
const run = spawnSync("npx", args, { cwd: root, stdio: "inherit", env });

// The Python trainer's tests run under Debian's python3 with python3-torch (.ci/run installs
// them); transformers/peft are not installable here, so those tests skip with the reason.
const python = "/usr/bin/python3";
let pySummary = null;
const hasTorch = spawnSync(python, ["-c", "import torch, pytest"], { stdio: "ignore" }).status === 0;
if (hasTorch) {
  console.log("\n▶ trainer (pytest)");
  const py = spawnSync(python, ["-m", "pytest", "-q", "-rs", "apps/trainer/tests"], { cwd: root, env: { ...env, PYTHONPATH: "apps/trainer" }, encoding: "utf8" });
  process.stdout.write(py.stdout + py.stderr);
  const line = py.stdout.split("\n").reverse().find((l) => /\d+ (passed|failed|error)/.test(l)) ?? "";
  pySummary = {
    passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0),
    failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0) + Number(/(\d+) error/.exec(line)?.[1] ?? 0),
    skipped: Number(/(\d+) skipped/.exec(line)?.[1] ?? 0),
    status: py.status,
  };
} else {
  console.log(`\n▶ trainer (pytest) not run: ${python} lacks torch or pytest (apt-get install python3-torch python3-pytest)`);
}

let summary = null;
try {
  const r = JSON.parse(fs.readFileSync(report, "utf8"));
  summary = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
} catch {}
if (summary && pySummary) {
  for (const k of ["passed", "failed", "skipped"]) summary[k] += pySummary[k];
}
if (summary) console.log(`\ntests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
process.exit(run.status || (pySummary && pySummary.status) || 0);
