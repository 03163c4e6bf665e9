// Runs `npm start`'s long-lived children (the API, the console) so that they go down with it:
//   - each child runs in its own process group, and stopping signals the whole group (a
//     server's own children included), SIGTERM first, SIGKILL after a grace period;
//   - every Node process below carries parent-watch.cjs (NODE_OPTIONS): when the supervisor
//     is gone (killed with SIGKILL, so it could not stop anyone) it stops itself;
//   - each child is recorded in <runDir>/<supervisor pid>-<name>.json; a later start stops a
//     recorded child whose supervisor is dead, after checking that the process is still
//     that child (its environment carries the run's id). Never a process that is not ours.
// Plain Node with no dependencies: it runs before `npm install` has.
import { execFileSync, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const watchScript = fileURLToPath(new URL("./parent-watch.cjs", import.meta.url));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/** Whether any process of the group still exists. */
const groupAlive = (pgid) => signalGroup(pgid, 0);

async function stopGroup(pgid, graceMs) {
  if (!signalGroup(pgid, "SIGTERM")) return;
  for (const t0 = Date.now(); groupAlive(pgid) && Date.now() - t0 < graceMs; ) await sleep(50);
  signalGroup(pgid, "SIGKILL");
}

/** Whether `pid` is the child recorded in `record` (the run id is in its environment). */
function isRecordedChild(record) {
  try {
    return fs.readFileSync(`/proc/${record.pid}/environ`, "utf8").split("\0").includes(`TOOLREC_RUN_ID=${record.runId}`);
  } catch {
    // No /proc (macOS): compare the command line.
    try {
      return execFileSync("ps", ["-p", String(record.pid), "-o", "command="], { encoding: "utf8" }).trim() === record.command;
    } catch {
      return false;
    }
  }
}

/**
 * Calls `onGone` when the process that started us goes away (npm start killed with SIGKILL
 * leaves us running otherwise). Watches the parent and, when that is a shell, its parent.
 */
export function watchParents(onGone, everyMs = 500) {
  const watched = [process.ppid];
  try {
    const stat = fs.readFileSync(`/proc/${process.ppid}/stat`, "utf8");
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const grandparent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (/^(sh|bash|dash)$/.test(comm) && grandparent > 1) watched.push(grandparent);
  } catch {
    // no /proc: the parent alone
  }
  const timer = setInterval(() => {
    if (process.ppid !== watched[0] || watched.some((pid) => !pidAlive(pid))) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
}

/**
 * The environment for a child that must not outlive this process: parent-watch.cjs preloaded
 * into every Node process below it, watching this process's pid.
 */
export function watchedEnv(env = {}) {
  const nodeOptions = [process.env.NODE_OPTIONS, env.NODE_OPTIONS, `--require ${JSON.stringify(watchScript)}`].filter(Boolean).join(" ");
  return { ...process.env, ...env, NODE_OPTIONS: nodeOptions, TOOLREC_SUPERVISOR_PID: String(process.pid) };
}

export function createSupervisor({ runDir, log = (line) => console.error(line), graceMs = 10_000 }) {
  fs.mkdirSync(runDir, { recursive: true, mode: 0o700 });
  const runId = crypto.randomBytes(8).toString("hex");
  const children = new Map(); // name → { child, record, file }
  let stopping = null;
  const recordFile = (name) => path.join(runDir, `${process.pid}-${name}.json`);

  return {
    runId,
    /**
     * Stops children recorded by earlier supervisors that are no longer running (crashed or
     * killed); returns their names. Children of a live supervisor (another `npm start`) are
     * left alone.
     */
    async reapStale() {
      const reaped = [];
      for (const file of fs.readdirSync(runDir).filter((f) => f.endsWith(".json"))) {
        const full = path.join(runDir, file);
        let record;
        try {
          record = JSON.parse(fs.readFileSync(full, "utf8"));
        } catch {
          fs.rmSync(full, { force: true });
          continue;
        }
        if (record.supervisorPid !== process.pid && pidAlive(record.supervisorPid)) continue;
        if (pidAlive(record.pid) && isRecordedChild(record)) {
          log(`[start] stopping the ${record.name} (pid ${record.pid}) left running by an earlier start`);
          await stopGroup(record.pid, graceMs);
          reaped.push(record.name);
        }
        fs.rmSync(full, { force: true });
      }
      return reaped;
    },

    /** The live children of another running supervisor on this run folder, by name. */
    othersRunning() {
      const out = [];
      for (const file of fs.readdirSync(runDir).filter((f) => f.endsWith(".json"))) {
        try {
          const r = JSON.parse(fs.readFileSync(path.join(runDir, file), "utf8"));
          if (r.supervisorPid !== process.pid && pidAlive(r.supervisorPid) && pidAlive(r.pid)) out.push(r);
        } catch {
          // being written or removed
        }
      }
      return out;
    },

    /** Starts a child in its own process group; `onExit(code, signal)` when it ends unasked. */
    start(name, cmd, args, { cwd, env = {}, port, onExit } = {}) {
      const child = spawn(cmd, args, {
        cwd,
        detached: true, // its own process group: stop() signals the group
        stdio: ["ignore", "inherit", "inherit"],
        env: watchedEnv({ ...env, TOOLREC_RUN_ID: runId }),
      });
      const record = { name, pid: child.pid, supervisorPid: process.pid, runId, port, command: [cmd, ...args].join(" "), startedAt: new Date().toISOString() };
      const file = recordFile(name);
      if (child.pid) fs.writeFileSync(file, JSON.stringify(record) + "\n", { mode: 0o600 });
      children.set(name, { child, record, file });
      child.on("exit", (code, signal) => {
        fs.rmSync(file, { force: true });
        children.delete(name);
        if (!stopping) onExit?.(code, signal);
      });
      child.on("error", (err) => {
        fs.rmSync(file, { force: true });
        children.delete(name);
        if (!stopping) onExit?.(null, err.message);
      });
      return child;
    },

    /** Stops every child (and whatever it started in its group); resolves when all are gone. */
    stop() {
      stopping ??= Promise.all(
        [...children.values()].map(async ({ child, file }) => {
          await stopGroup(child.pid, graceMs);
          fs.rmSync(file, { force: true });
        }),
      ).then(() => undefined);
      return stopping;
    },
  };
}
