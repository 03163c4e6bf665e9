// `npm start`'s supervisor (scripts/supervisor.mjs) with dummy servers in place of the API and
// the console: whatever way the supervisor ends, nothing it started keeps running, and a
// child left behind by a crash is stopped by the next start, while processes that are not
// ours are never touched.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !fs.readFileSync(`/proc/${pid}/stat`, "utf8").includes(") Z "); // a zombie is gone
  } catch {
    return false;
  }
}

async function allGone(pids: number[], ms = 10_000): Promise<number[]> {
  for (const t0 = Date.now(); pids.some(alive) && Date.now() - t0 < ms; ) await sleep(50);
  return pids.filter(alive);
}

const started: ChildProcess[] = [];
const leftovers: number[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

interface Run {
  proc: ChildProcess;
  reaped: string[];
  supervisor: number;
  children: number[];
  helpers: number[];
  ports: number[];
}

/** Runs fixtures/run-supervisor.mjs (optionally under fake npm) and waits until both dummies serve. */
async function runSupervisor(runDir: string, opts: { stubborn?: boolean; underNpm?: boolean } = {}): Promise<Run> {
  const args = [fixture("run-supervisor.mjs"), runDir, ...(opts.stubborn ? ["--stubborn"] : [])];
  const proc = spawn(process.execPath, opts.underNpm ? [fixture("fake-npm.mjs"), process.execPath, ...args] : args, {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, MARKER_DIR: path.dirname(runDir) },
  });
  started.push(proc);
  const run = { proc, reaped: [], supervisor: 0, children: [], helpers: [], ports: [] } as Run;
  const dummies: { pid: number; helper: number; port: number }[] = [];
  await new Promise<void>((resolve, reject) => {
    proc.once("exit", (code) => reject(new Error(`run-supervisor exited with ${code}`)));
    readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
      const msg = JSON.parse(line);
      if (msg.reaped) run.reaped = msg.reaped;
      else if (msg.supervisor) Object.assign(run, { supervisor: msg.supervisor, children: msg.children });
      else dummies.push(msg);
      if (run.supervisor && dummies.length === 2) resolve();
    });
  });
  run.helpers = dummies.map((d) => d.helper);
  run.ports = dummies.map((d) => d.port);
  leftovers.push(run.supervisor, ...run.children, ...run.helpers);
  return run;
}

function tmpRunDir(): string {
  folders.push(fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-supervisor-test-")));
  return path.join(folders.at(-1)!, "run");
}

describe("npm start's supervisor", () => {
  it("stopping it (SIGTERM) stops the servers and everything they started", async () => {
    const run = await runSupervisor(tmpRunDir());
    expect(run.children.every(alive) && run.helpers.every(alive)).toBe(true);
    process.kill(run.supervisor, "SIGTERM");
    expect(await allGone([...run.children, ...run.helpers])).toEqual([]);
  });

  it("killing it with SIGKILL takes the servers down too, each through its own graceful shutdown", async () => {
    const runDir = tmpRunDir();
    const run = await runSupervisor(runDir);
    process.kill(run.supervisor, "SIGKILL");
    expect(await allGone([...run.children, ...run.helpers])).toEqual([]);
    // Each finished its SIGTERM handler (the API closes the database there).
    expect(run.children.map((pid) => fs.existsSync(path.join(path.dirname(runDir), `${pid}.closed`)))).toEqual([true, true]);
  });

  it("killing npm with SIGKILL (the supervisor's grandparent, through sh) stops everything", async () => {
    const run = await runSupervisor(tmpRunDir(), { underNpm: true });
    run.proc.kill("SIGKILL"); // fake npm
    expect(await allGone([run.supervisor, ...run.children, ...run.helpers])).toEqual([]);
  });

  it("a child left running by a crashed start is stopped by the next start; a live start's children and strangers are not", async () => {
    const runDir = tmpRunDir();
    // A start whose children hang in their shutdown, then the start is killed outright.
    const crashed = await runSupervisor(runDir, { stubborn: true });
    process.kill(crashed.supervisor, "SIGKILL");
    await sleep(300);
    expect(crashed.children.every(alive)).toBe(true); // still holding their ports

    // A stranger recorded under a dead supervisor: same pid file shape, not our process.
    const stranger = spawn("sleep", ["30"], { stdio: "ignore" });
    started.push(stranger);
    fs.writeFileSync(path.join(runDir, "999999-stranger.json"), JSON.stringify({ name: "stranger", pid: stranger.pid, supervisorPid: 999999, runId: "someone-else", command: "sleep 30" }));

    const next = await runSupervisor(runDir);
    expect(next.reaped.sort()).toEqual(["api", "console"]);
    expect(await allGone(crashed.children)).toEqual([]);
    expect(alive(stranger.pid!)).toBe(true);

    // A third start while the second runs leaves the second's children alone.
    const third = await runSupervisor(runDir);
    expect(third.reaped).toEqual([]);
    expect(next.children.every(alive)).toBe(true);
    process.kill(third.supervisor, "SIGTERM");
    process.kill(next.supervisor, "SIGTERM");
    expect(await allGone([...next.children, ...third.children])).toEqual([]);
  });
});
