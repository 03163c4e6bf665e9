// `npm start`: installs what is missing, builds, then serves the API (:4000) and the console
// (:3000). The API prepares the embedded database (PGlite under .data/), applies migrations
// and seeds the catalog on first start. Plain Node with no dependencies: it runs before
// `npm install` has.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureAll, root, timings } from "./ensure.mjs";

const t0 = Date.now();
ensureAll();
const tServe = Date.now();
const apiPort = Number(process.env.API_PORT ?? 4000);
const consolePort = Number(process.env.CONSOLE_PORT ?? 3000);
const apiUrl = `http://127.0.0.1:${apiPort}`;
const children = [];

function start(name, cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit"] });
  child.on("exit", (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const c of children) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 1500).unref();
}
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

async function waitFor(url, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${seconds}s`);
}

// A port that is already taken would make us report someone else's server as ours.
function portFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false)).once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port);
  });
}
for (const [name, port, variable] of [["API", apiPort, "API_PORT"], ["console", consolePort, "CONSOLE_PORT"]]) {
  if (!(await portFree(port))) {
    console.error(`[start] port ${port} for the ${name} is already in use: stop what runs there, or set ${variable}`);
    process.exit(1);
  }
}

start("api", process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], { PORT: String(apiPort) });
await waitFor(`${apiUrl}/health`, 180);
// The console shows the latest retrieval evaluation; on a first start there is none yet, so
// compute it in the background (about a second for the BM25 default over the dev set).
const evalFile = path.join(process.env.TOOLREC_DATA_DIR ?? path.join(root, ".data"), "eval", "retrieval-latest.json");
if (!fs.existsSync(evalFile)) {
  const evalRun = spawn(process.execPath, ["--import", "tsx", "packages/retrieval/src/eval/run-eval.ts", "--summary"], { cwd: root, stdio: "ignore" });
  evalRun.on("exit", (code) => console.log(code === 0 ? `[start] retrieval evaluation written to ${evalFile}` : `[start] retrieval evaluation failed (exit ${code}); run npm run eval:retrieval`));
}
start("console", "npm", ["run", "start", "-w", "@toolrec/console"], { PORT: String(consolePort), TOOLREC_API_URL: `${apiUrl}/graphql` });

// --- Training worker (issue 11): one local worker when /usr/bin/python3 has torch. It makes
// its own WORKER key with the admin key (kept mode 0600 in <data>/worker/worker-key); its run
// folders are under <data>/worker. Without torch, say how to get one.
const workerPython = process.env.TOOLREC_WORKER_PYTHON ?? "/usr/bin/python3";
let workerNote;
if (process.env.TOOLREC_START_WORKER === "0") {
  workerNote = "not started (TOOLREC_START_WORKER=0)";
} else if (spawnSync(workerPython, ["-c", "import torch"], { stdio: "ignore" }).status === 0) {
  start("worker", process.execPath, ["--import", "tsx", "apps/worker/src/main.ts", "--local"], { TOOLREC_API_URL: `${apiUrl}/graphql`, TOOLREC_WORKER_PYTHON: workerPython });
  workerNote = `one local worker (${workerPython} with torch; trains toolrec/tiny-random on the CPU, gpus: 0)`;
} else {
  workerNote = `none: ${workerPython} has no torch (apt-get install python3-torch), or run \`TOOLREC_WORKER_KEY=... npm run worker -- --api ${apiUrl}/graphql\` on a GPU machine`;
}
// --- end of the training worker block
await waitFor(`http://127.0.0.1:${consolePort}/sign-in`, 120);
console.log(`
ToolRec is running: ready ${((Date.now() - t0) / 1000).toFixed(1)}s after npm start (${[...timings.map((t) => `${t.label} ${t.seconds.toFixed(1)}s`), `database, migrations, seed and serving ${((Date.now() - tServe) / 1000).toFixed(1)}s`].join(", ")})
  API      ${apiUrl}/graphql   (health ${apiUrl}/health, metrics ${apiUrl}/metrics)
  Console  http://127.0.0.1:${consolePort}
  Worker   ${workerNote}
  Admin API key: ${process.env.TOOLREC_ADMIN_API_KEY ? "TOOLREC_ADMIN_API_KEY" : ".data/credentials.json (adminApiKey)"}
Press Ctrl+C to stop.`);
