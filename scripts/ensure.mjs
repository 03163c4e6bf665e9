// Brings a checkout to a runnable state, doing only what is missing: npm packages, the
// generated Prisma client, and (when asked) the console's production build.
import { execSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { watchedEnv } from "./supervisor.mjs";

export const root = fileURLToPath(new URL("..", import.meta.url));

function newest(dir, skip = /node_modules|\.next|\.turbo|generated/) {
  let t = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip.test(entry.name)) continue;
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p, skip) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const mtime = (p) => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

/** Seconds spent in each step this run, for the start-up report. */
export const timings = [];

function run(cmd, label) {
  console.log(`\n▶ ${label}: ${cmd}`);
  const t0 = Date.now();
  // watchedEnv: an install or a build stops too when `npm start` / `npm test` is killed.
  execSync(cmd, { cwd: root, stdio: "inherit", env: watchedEnv({ NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1" }) });
  timings.push({ label, seconds: (Date.now() - t0) / 1000 });
}

/** Installs with `npm ci` when node_modules does not match package-lock.json (stamped by hash). */
export function ensureInstalled() {
  const lock = fs.readFileSync(path.join(root, "package-lock.json"));
  const hash = crypto.createHash("sha256").update(lock).digest("hex");
  const stamp = path.join(root, "node_modules", ".toolrec-installed");
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== hash) {
    run("npm ci --no-audit --no-fund", "installing npm packages");
    fs.writeFileSync(stamp, hash);
  }
}

export function ensurePrismaClient() {
  const generated = path.join(root, "packages/db/src/generated/client.ts");
  if (mtime(generated) < mtime(path.join(root, "prisma/schema.prisma"))) {
    run("node scripts/prisma-generate.mjs", "generating the Prisma client");
  }
}

export function ensureConsoleBuild() {
  const consoleDir = path.join(root, "apps/console");
  const built = path.join(consoleDir, ".next", "BUILD_ID");
  if (mtime(built) < newest(consoleDir)) {
    run("npx turbo run build --filter=@toolrec/console --output-logs=errors-only", "building the console");
  }
}

export function ensureAll({ console: withConsole = true } = {}) {
  ensureInstalled();
  ensurePrismaClient();
  if (withConsole) ensureConsoleBuild();
}
