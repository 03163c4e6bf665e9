// `npm start`: installs what is missing, builds, then serves the API (:4000) and the console
// (:3000), both on 127.0.0.1 unless HOST / CONSOLE_HOST say otherwise. The API starts (or
// joins) the embedded PostgreSQL server under .data/, applies migrations and seeds the
// catalog on first start. Stopping this process (Ctrl-C, SIGTERM, or SIGKILL of it or of npm)
// stops both servers: see supervisor.mjs. Plain Node with no dependencies: it runs before
// `npm install` has.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureAll, root, timings } from "./ensure.mjs";
import { createSupervisor, watchParents } from "./supervisor.mjs";

const t0 = Date.now();
ensureAll();
// Everything written from here on (database, credentials, logs, evaluation results) is
// private to this user.
process.umask(0o077);
const tServe = Date.now();
const apiPort = Number(process.env.API_PORT ?? 4000);
const consolePort = Number(process.env.CONSOLE_PORT ?? 3000);
const apiHost = process.env.HOST ?? "127.0.0.1";
const consoleHost = process.env.CONSOLE_HOST ?? "127.0.0.1";
const apiUrl = `http://127.0.0.1:${apiPort}`;
const dataDir = path.resolve(process.env.TOOLREC_DATA_DIR || path.join(root, ".data"));
const supervisor = createSupervisor({ runDir: path.join(dataDir, "run") });

/** Whether the embedded server of the data folder runs (its postmaster.pid names a live process). */
function embeddedServerRuns() {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

let exiting = false;
async function shutdown(code) {
  if (exiting) return;
  exiting = true;
  await supervisor.stop();
  // The API stops the embedded server when it closes as its last user. One that was killed
  // (or hung and was killed) could not: stop the server if no other ToolRec process uses it.
  if (!process.env.DATABASE_URL && embeddedServerRuns()) {
    spawnSync(process.execPath, ["--import", "tsx", "packages/db/scripts/stop-embedded.ts", dataDir], { cwd: root, stdio: "inherit" });
  }
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));
process.on("SIGHUP", () => shutdown(0));
watchParents(() => {
  console.error("[start] the process that started npm start is gone; stopping");
  void shutdown(1);
});

async function waitFor(url, seconds) {
  for (let i = 0; i < seconds * 4 && !exiting; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  if (!exiting) throw new Error(`${url} did not answer within ${seconds}s`);
}

// A port that is already taken would make us report someone else's server as ours.
function portFree(port, host) {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => resolve(false)).once("listening", () => probe.close(() => resolve(true)));
    probe.listen(port, host);
  });
}

try {
  const reaped = await supervisor.reapStale();
  if (reaped.length) console.log(`[start] stopped ${reaped.join(" and ")} left by an earlier npm start`);
  for (const [name, port, host, variable] of [["API", apiPort, apiHost, "API_PORT"], ["console", consolePort, consoleHost, "CONSOLE_PORT"]]) {
    if (!(await portFree(port, host))) {
      const other = supervisor.othersRunning().find((r) => r.port === port);
      console.error(
        other
          ? `[start] port ${port} is used by the ${other.name} of another npm start (pid ${other.supervisorPid}): stop it, or set ${variable} (the database is shared)`
          : `[start] port ${port} for the ${name} is already in use: stop what runs there, or set ${variable}`,
      );
      process.exit(1);
    }
  }

  const onExit = (name) => (code, signal) => {
    console.error(`[start] the ${name} exited (${signal ?? code}); stopping`);
    void shutdown(code || 1);
  };
  supervisor.start("API", process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
    cwd: root,
    env: { PORT: String(apiPort), HOST: apiHost },
    port: apiPort,
    onExit: onExit("API"),
  });
  await waitFor(`${apiUrl}/health`, 180);
  // The console shows the latest retrieval evaluation; on a first start there is none yet, so
  // compute it in the background (about a second for the BM25 default over the dev set).
  const evalFile = path.join(dataDir, "eval", "retrieval-latest.json");
  if (!fs.existsSync(evalFile) && !exiting) {
    const evalRun = spawn(process.execPath, ["--import", "tsx", "packages/retrieval/scripts/run-eval.ts", "--summary"], { cwd: root, stdio: "ignore" });
    evalRun.on("exit", (code) => console.log(code === 0 ? `[start] retrieval evaluation written to ${evalFile}` : `[start] retrieval evaluation failed (exit ${code}); run npm run eval:retrieval`));
  }
  // next directly (not through npm, which does not pass signals on to it).
  supervisor.start("console", process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(consolePort), "-H", consoleHost], {
    cwd: path.join(root, "apps/console"),
    env: { TOOLREC_API_URL: `${apiUrl}/graphql`, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    port: consolePort,
    onExit: onExit("console"),
  });
  // --- Training worker (issue 11): one local worker when /usr/bin/python3 has torch. It makes
  // its own WORKER key with the admin key (kept mode 0600 in <data>/worker/worker-key); its run
  // folders are under <data>/worker. Without torch, say how to get one.
  const workerPython = process.env.TOOLREC_WORKER_PYTHON ?? "/usr/bin/python3";
  let workerNote;
  if (process.env.TOOLREC_START_WORKER === "0") {
    workerNote = "not started (TOOLREC_START_WORKER=0)";
  } else if (spawnSync(workerPython, ["-c", "import torch"], { stdio: "ignore" }).status === 0) {
    supervisor.start("worker", process.execPath, ["--import", "tsx", "apps/worker/src/main.ts", "--local"], {
      cwd: root,
      env: { TOOLREC_API_URL: `${apiUrl}/graphql`, TOOLREC_WORKER_PYTHON: workerPython },
      onExit: onExit("worker"),
    });
    workerNote = `one local worker (${workerPython} with torch; trains toolrec/tiny-random on the CPU, gpus: 0)`;
  } else {
    workerNote = `none: ${workerPython} has no torch (apt-get install python3-torch), or run \`TOOLREC_WORKER_KEY=... npm run worker -- --api ${apiUrl}/graphql\` on a GPU machine`;
  }
  // --- end of the training worker block
  await waitFor(`http://127.0.0.1:${consolePort}/sign-in`, 120);
  if (!exiting) {
    console.log(`
ToolRec is running: ready ${((Date.now() - t0) / 1000).toFixed(1)}s after npm start (${[...timings.map((t) => `${t.label} ${t.seconds.toFixed(1)}s`), `database, migrations, seed and serving ${((Date.now() - tServe) / 1000).toFixed(1)}s`].join(", ")})
  API      ${apiUrl}/graphql   (health ${apiUrl}/health, metrics ${apiUrl}/metrics)${apiHost === "127.0.0.1" ? "" : `  listening on ${apiHost}`}
  Console  http://127.0.0.1:${consolePort}${consoleHost === "127.0.0.1" ? "" : `  listening on ${consoleHost}`}
  Worker   ${workerNote}
  Admin API key: ${process.env.TOOLREC_ADMIN_API_KEY ? "TOOLREC_ADMIN_API_KEY" : `${path.relative(root, path.join(dataDir, "credentials.json"))} (adminApiKey)`}
Press Ctrl+C to stop.`);
  }
} catch (err) {
  console.error(`[start] ${err.message}`);
  await shutdown(1);
}
