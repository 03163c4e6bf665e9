// Starts the whole stack for the browser specs:
//   1. the API in-process via startApi (fresh temp dir → fresh embedded PostgreSQL, seeded),
//   2. the console with `next start` on a free port (built first when .next is missing
//      or older than the console's sources), with TOOLREC_API_URL pointing at (1).
// Set E2E_CONSOLE_URL + E2E_API_URL + E2E_ADMIN_API_KEY to test an already running stack.

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const consoleDir = path.join(repoRoot, "apps/console");
const nextBin = path.join(repoRoot, "node_modules/next/dist/bin/next");

function log(line: string) {
  console.log(`[e2e] ${line}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Newest modification time under `dir` (skipping build output and dependencies). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".next" || entry.name === "node_modules" || entry.name === "next-env.d.ts") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "inherit", "inherit"] });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}`)),
    );
  });
}

async function ensureConsoleBuilt(): Promise<void> {
  const buildId = path.join(consoleDir, ".next/BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const inputs = ["src", "public", "next.config.ts", "package.json", "tsconfig.json"]
    .map((name) => path.join(consoleDir, name))
    .filter((p) => fs.existsSync(p));
  const newest = Math.max(0, ...inputs.map((p) => (fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)));
  if (built && process.env.E2E_REBUILD !== "1" && built >= newest) {
    log("console build is up to date");
    return;
  }
  log(built ? "console sources changed since the last build: rebuilding" : "building the console (no .next yet)");
  await run(process.execPath, [nextBin, "build"], consoleDir, { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
}

async function waitForHttp(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered`);
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (response.status < 500) return;
      lastError = `HTTP ${response.status}`;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${lastError}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      // The console runs in its own process group: stop next and anything it forked.
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      resolve();
    }
  });
}

export default async function setup(project: TestProject) {
  if (process.env.E2E_CONSOLE_URL && process.env.E2E_API_URL && process.env.E2E_ADMIN_API_KEY) {
    log(`using the running stack at ${process.env.E2E_CONSOLE_URL}`);
    project.provide("consoleUrl", process.env.E2E_CONSOLE_URL.replace(/\/$/, ""));
    project.provide("apiUrl", process.env.E2E_API_URL);
    project.provide("adminApiKey", process.env.E2E_ADMIN_API_KEY);
    return;
  }

  const cleanups: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (e) {
        log(`cleanup failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  };

  try {
    // Build first (CPU-heavy) so the API is not idling meanwhile.
    await ensureConsoleBuilt();

    const dataDir = await mkdtemp(path.join(os.tmpdir(), "toolrec-e2e-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    // No evaluation file for this fresh stack (not the checkout's .data/eval): the Retrieval
    // page shows the same state on every machine.
    process.env.TOOLREC_RETRIEVAL_EVAL_PATH = path.join(dataDir, "eval", "retrieval-latest.json");
    const { startApi } = await import("@toolrec/api/server");
    const started = Date.now();
    const api = await startApi({ port: 0, dataDir, databaseUrl: null, seed: true, log: (line) => log(`api: ${line}`) });
    cleanups.push(() => api.close());
    log(`API ready at ${api.url} in ${Date.now() - started} ms`);

    const port = await freePort();
    const consoleUrl = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: consoleDir,
      env: { ...process.env, TOOLREC_API_URL: api.url, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout?.on("data", (d: Buffer) => process.stdout.write(`[console] ${d.toString()}`));
    child.stderr?.on("data", (d: Buffer) => process.stderr.write(`[console] ${d.toString()}`));
    cleanups.push(() => stopProcess(child));
    await waitForHttp(`${consoleUrl}/sign-in`, 60_000, child);
    log(`console ready at ${consoleUrl}`);

    project.provide("consoleUrl", consoleUrl);
    project.provide("apiUrl", api.url);
    project.provide("adminApiKey", api.adminApiKey);
  } catch (e) {
    await teardown();
    throw e;
  }
  return teardown;
}
