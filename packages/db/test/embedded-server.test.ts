// The embedded PostgreSQL server as users meet it: one real `postgres` per data folder,
// private files, loopback and a password only, shared by every ToolRec process on that
// folder, surviving the exit or the SIGKILL of the process that started it, and stopped by
// the last one that closes.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { clusterLink, openDatabase, openEmbeddedServer, pidAlive, readCredentials, readPostmasterPid, serverLogPath, type Database } from "../src/index.js";

const holder = fileURLToPath(new URL("./fixtures/hold-database.ts", import.meta.url));
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A fresh data folder; afterwards a server a failed test left running on it is stopped. */
function tmp(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-embedded-test-"));
  cleanups.push(async () => {
    const pm = fs.existsSync(clusterLink(dir)) ? postmaster(dir) : null;
    if (pm && pidAlive(pm.pid)) {
      process.kill(pm.pid, "SIGINT");
      await waitGone(pm.pid);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

async function open(dataDir: string): Promise<Database> {
  const db = await openDatabase({ databaseUrl: null, dataDir });
  cleanups.push(() => db.close());
  return db;
}

async function waitGone(pid: number, ms = 15_000) {
  for (const t0 = Date.now(); pidAlive(pid) && Date.now() - t0 < ms; ) await sleep(50);
  return !pidAlive(pid);
}

/** The postmaster of a data folder, from its postmaster.pid. */
const postmaster = (dataDir: string) => readPostmasterPid(fs.realpathSync(clusterLink(dataDir)));

/** Postmasters running on this cluster, counted from the process table. */
function postmastersOn(clusterDir: string): number {
  let n = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (argv[0]?.endsWith("/postgres") && argv.includes(clusterDir)) n++;
    } catch {
      // gone meanwhile
    }
  }
  return n;
}

interface Holder { child: ChildProcess; pid: number; kind: string; port: number; close(): Promise<number | null> }

/** Another ToolRec process holding the database of `dataDir` (test/fixtures/hold-database.ts). */
async function holdInChild(dataDir: string, toolId?: string): Promise<Holder> {
  const child = spawn(process.execPath, ["--import", "tsx", holder, dataDir, ...(toolId ? [toolId] : [])], { stdio: ["pipe", "pipe", "inherit"] });
  cleanups.push(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`hold-database exited with ${code} before it was ready`)));
  });
  const info = JSON.parse(line) as { pid: number; kind: string; port: number };
  return { child, ...info, close: () => (child.stdin!.end("close\n"), exit) };
}

async function connectError(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  c.on("error", () => undefined);
  try {
    await c.connect();
    await c.end();
    return "connected";
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).message;
  }
}

describe("embedded PostgreSQL: files and access", () => {
  it("keeps its files private and answers only on loopback, only with the generated password", async () => {
    const dir = tmp();
    const db = await open(dir);
    expect(db.kind).toBe("embedded");
    expect(mode(dir)).toBe(0o711); // the server's own user may pass through, nobody may list
    expect(mode(clusterLink(dir))).toBe(0o700);
    expect(mode(path.join(dir, "credentials.json"))).toBe(0o600);
    expect(mode(serverLogPath(dir))).toBe(0o600);
    const password = readCredentials(dir).embeddedDbPassword!;
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(db.url).toBe(`postgresql://toolrec:${password}@127.0.0.1:${db.embedded!.port}/postgres?sslmode=disable`);
    expect([5432, 6379]).not.toContain(db.embedded!.port);

    const [settings] = await db.prisma.$queryRaw<{ listen: string; sockets: string; enc: string; version: string }[]>`
      SELECT current_setting('listen_addresses') AS listen, current_setting('unix_socket_directories') AS sockets,
             current_setting('password_encryption') AS enc, current_setting('server_version') AS version`;
    expect(settings).toMatchObject({ listen: "127.0.0.1", sockets: "", enc: "scram-sha-256" });
    expect(settings!.version).toMatch(/^18\./);

    const port = db.embedded!.port;
    expect(await connectError(`postgresql://toolrec:wrong@127.0.0.1:${port}/postgres`)).toBe("28P01");
    expect(await connectError(`postgresql://postgres:postgres@127.0.0.1:${port}/postgres`)).toBe("28P01");
    const outside = Object.values(os.networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal);
    if (outside) expect(await connectError(`postgresql://toolrec:${password}@${outside.address}:${port}/postgres`)).toBe("ECONNREFUSED");
  });

  it("applies migrations once and keeps the data across restarts", async () => {
    const dir = tmp();
    const first = await openDatabase({ databaseUrl: null, dataDir: dir });
    await first.prisma.category.create({ data: { id: "display", code: "DISP", name: "Display" } });
    const pid = postmaster(dir)!.pid;
    await first.close();
    expect(await waitGone(pid)).toBe(true); // the last user stopped it

    const again = await open(dir);
    expect(again.kind).toBe("embedded");
    expect(await again.prisma.category.findMany({ select: { id: true } })).toEqual([{ id: "display" }]);
  });

  it.skipIf(process.getuid?.() !== 0)("as root, keeps the cluster where the postgres user can reach it when the checkout is in a private folder (e.g. /root)", async () => {
    const privateParent = tmp();
    fs.chmodSync(privateParent, 0o700); // like /root: the postgres user cannot enter it
    const dataDir = path.join(privateParent, ".data");
    const home = tmp(); // instead of /var/lib/toolrec
    const server = await openEmbeddedServer({ dataDir, home });
    cleanups.push(() => server.close());
    expect(fs.lstatSync(clusterLink(dataDir)).isSymbolicLink()).toBe(true);
    expect(server.clusterDir.startsWith(path.join(fs.realpathSync(home), "clusters") + path.sep)).toBe(true);
    expect(mode(server.clusterDir)).toBe(0o700);
    expect(await connectError(server.url)).toBe("connected");
  });
});

describe("embedded PostgreSQL: one server per data folder, shared", () => {
  it("two processes opening a fresh folder at the same moment share one server, and both tools survive a restart", async () => {
    const dir = tmp();
    const [a, b] = await Promise.all([holdInChild(dir, "tool_from_a"), holdInChild(dir, "tool_from_b")]);
    expect(a.port).toBe(b.port);
    expect([a.kind, b.kind].sort()).toEqual(["embedded", "embedded-shared"]);
    const cluster = fs.realpathSync(clusterLink(dir));
    expect(postmastersOn(cluster)).toBe(1);
    const pid = postmaster(dir)!.pid;
    expect([await a.close(), await b.close()]).toEqual([0, 0]);
    expect(await waitGone(pid)).toBe(true);

    const db = await open(dir);
    expect((await db.prisma.tool.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((t) => t.id)).toEqual(["system.tool_from_a", "system.tool_from_b"]);
  });

  it("waits while another server is starting (its postmaster.pid still empty) instead of failing", async () => {
    // Two processes starting at once: the loser's postgres can find the winner's lock file
    // created but not yet written. Here the "other server" then gives up and removes it.
    const dir = tmp();
    await (await openDatabase({ databaseUrl: null, dataDir: dir })).close();
    const lockFile = path.join(fs.realpathSync(clusterLink(dir)), "postmaster.pid");
    await sleep(200);
    expect(fs.existsSync(lockFile)).toBe(false);
    fs.writeFileSync(lockFile, "");
    const removed = sleep(1500).then(() => fs.rmSync(lockFile));
    const db = await open(dir);
    await removed;
    expect(db.kind).toBe("embedded");
    expect(await db.prisma.tool.count()).toBe(0);
    expect(fs.readFileSync(serverLogPath(dir), "utf8")).toMatch(/lock file "postmaster\.pid" is empty/);
  });

  it("a process that joined keeps working after the one that started the server exits", async () => {
    const dir = tmp();
    const starter = await holdInChild(dir);
    expect(starter.kind).toBe("embedded");
    const joiner = await open(dir);
    expect(joiner.kind).toBe("embedded-shared");
    const pid = postmaster(dir)!.pid;
    expect(await starter.close()).toBe(0);
    await joiner.prisma.category.create({ data: { id: "sound", code: "SND", name: "Sound" } });
    expect(await joiner.prisma.category.count()).toBe(1);
    expect(postmaster(dir)!.pid).toBe(pid);

    await joiner.close();
    expect(await waitGone(pid)).toBe(true); // the last one out stops it
  });

  it("adopts a server left running by a process killed with SIGKILL", async () => {
    const dir = tmp();
    const starter = await holdInChild(dir, "before_the_crash");
    const { pid, port } = postmaster(dir)!;
    starter.child.kill("SIGKILL");
    await new Promise((r) => starter.child.once("exit", r));
    expect(pidAlive(pid)).toBe(true); // the server outlives its starter

    const db = await openDatabase({ databaseUrl: null, dataDir: dir });
    expect(db.kind).toBe("embedded-shared");
    expect(db.embedded!.port).toBe(port);
    expect((await db.prisma.tool.findMany({ select: { id: true } })).map((t) => t.id)).toEqual(["system.before_the_crash"]);
    await db.close();
    expect(await waitGone(pid)).toBe(true);
  });

  it("starts the server again on the same port when it is killed under a running process", async () => {
    const dir = tmp();
    const db = await open(dir);
    const { pid, port } = postmaster(dir)!;
    process.kill(pid, "SIGKILL");
    let count: number | null = null;
    for (const t0 = Date.now(); count === null && Date.now() - t0 < 30_000; await sleep(200)) {
      count = await db.prisma.category.count().catch(() => null);
    }
    expect(count).toBe(0);
    expect(postmaster(dir)).toMatchObject({ port, status: "ready" });
    expect(postmaster(dir)!.pid).not.toBe(pid);
  });
});
