// `npm test`: every test in the repo. Installs what is missing, type-checks every workspace,
// builds the console for the browser tests, then runs one vitest over all projects (unit,
// API integration over HTTP on PGlite and, when it answers, PostgreSQL; Playwright e2e).
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

let summary = null;
try {
  const r = JSON.parse(fs.readFileSync(report, "utf8"));
  summary = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
} catch {}
if (summary) console.log(`\ntests: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
process.exit(run.status ?? 1);
