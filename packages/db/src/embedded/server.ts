// The embedded PostgreSQL server: a real `postgres` process on 127.0.0.1 over the cluster in
// <dataDir>/postgres, shared by every ToolRec process that uses that data folder.
//
// Who owns the files: PostgreSQL's own postmaster lock (postmaster.pid). We start `postgres`
// only when no live postmaster owns the cluster; if two processes race, PostgreSQL lets one
// postmaster run and the other exits, and its starter joins the one that runs.
//
// Lifetime: the server runs detached (its own session), so a Ctrl-C in a terminal or the
// exit of the process that started it does not stop it under the others. Every process that
// uses it holds a shared advisory lock (the lease) on a connection of its own; the lease goes
// away with the connection, also when a process is killed. A process that closes gracefully
// stops the server when it can take that lock exclusively: nobody else uses it. A server
// left by a process killed with SIGKILL keeps running and is adopted by the next start.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { readCredentials } from "../credentials.js";
import { securePrivateDir } from "../data-dir.js";
import { pgBinaries, reachableBinaries, type PgBinaries } from "./binaries.js";
import { clusterLink, ensureCluster, SERVER_ROLE, type Cluster } from "./cluster.js";
import { pidAlive } from "./pid.js";
import { canEnter, serverUser, type ServerUser } from "./server-user.js";

export interface EmbeddedServer {
  url: string;
  port: number;
  /** The cluster folder the server runs on (its real path). */
  clusterDir: string;
  /** True when this process started the server, false when it joined a running one. */
  started: boolean;
  /** Ends this process's use; stops the server when no other ToolRec process uses it. */
  close(): Promise<void>;
}

export interface EmbeddedServerOptions {
  /** The data folder (.data): cluster in ./postgres, password in ./credentials.json, log in ./postgres.log. */
  dataDir: string;
  /** Port for a server this process starts (default TOOLREC_EMBEDDED_DB_PORT; 0 = a free port). A running server is joined on its own port. */
  port?: number;
  /** Where the cluster and binaries go when the server's user cannot enter the checkout (default /var/lib/toolrec). */
  home?: string;
  log?: (line: string) => void;
  /** How long to wait for a server that is starting or stopping (default 60 s). */
  timeoutMs?: number;
}

/** pg_advisory_lock key of the lease (the migration runner uses 7015461). */
const LEASE_KEY = 7015462;
export const serverLogPath = (dataDir: string) => path.join(dataDir, "postgres.log");
const LOG_ROTATE_BYTES = 10 * 1024 * 1024;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function embeddedUrl(port: number, password: string): string {
  return `postgresql://${SERVER_ROLE}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres?sslmode=disable`;
}

export interface PostmasterStatus { pid: number; port: number; status: string }

/** postmaster.pid: line 1 the pid, line 4 the port, line 8 the status (starting, ready, stopping). */
export function readPostmasterPid(clusterDir: string): PostmasterStatus | null {
  try {
    const lines = fs.readFileSync(path.join(clusterDir, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!pid || !port) return null; // being written
    return { pid, port, status: (lines[7] ?? "").trim() };
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const isAuthError = (err: unknown) => (err as { code?: string }).code === "28P01";

/** Holds the lease: a connection with the shared advisory lock. */
async function takeLease(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: "toolrec-lease", connectionTimeoutMillis: 5000 });
  client.on("error", () => undefined); // a stopped server ends it; close() and the retry loop handle that
  try {
    await client.connect();
    await client.query("SELECT pg_advisory_lock_shared($1)", [LEASE_KEY]);
    return client;
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
}

type SpawnResult = { kind: "ready"; pid: number; port: number } | { kind: "owned-elsewhere" } | { kind: "port-taken" };

/** Starts `postgres` detached on the cluster and waits until it is ready or has exited. */
async function spawnPostmaster(cluster: Cluster, bins: PgBinaries, user: ServerUser, port: number, dataDir: string, deadline: number): Promise<SpawnResult> {
  const logPath = serverLogPath(dataDir);
  try {
    if (fs.statSync(logPath).size > LOG_ROTATE_BYTES) fs.renameSync(logPath, `${logPath}.1`);
  } catch {
    // no log yet
  }
  const logFd = fs.openSync(logPath, "a", 0o600);
  const offset = fs.fstatSync(logFd).size;
  const state: { exited: { code: number | null; signal: string | null } | null } = { exited: null };
  let child: ChildProcess;
  try {
    child = spawn(
      bins.postgres,
      [
        "-D", cluster.dir,
        "-p", String(port),
        "-c", "listen_addresses=127.0.0.1",
        "-c", "unix_socket_directories=",
        "-c", "log_line_prefix=%m [%p] ",
      ],
      // Its own session: terminal signals and our exit leave it running for the other users.
      { detached: true, stdio: ["ignore", logFd, logFd], uid: user.uid, gid: user.gid, cwd: "/", env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } },
    );
  } finally {
    fs.closeSync(logFd); // the child holds its own copy
  }
  child.once("exit", (code, signal) => (state.exited = { code, signal }));
  child.once("error", (err) => (state.exited = { code: null, signal: `not started: ${err.message}` }));
  child.unref();
  const pid = child.pid;
  while (Date.now() < deadline) {
    const pm = readPostmasterPid(cluster.dir);
    if (pm && pm.pid === pid && pm.status === "ready") return { kind: "ready", pid, port: pm.port };
    if (state.exited) break;
    await sleep(20);
  }
  const exited = state.exited;
  if (!exited) {
    if (pid) process.kill(pid, "SIGQUIT");
    throw new Error(`the embedded PostgreSQL server did not become ready in time; see ${logPath}`);
  }
  // Its own lines in the (shared) log say why it stopped.
  const fd = fs.openSync(logPath, "r");
  const buf = Buffer.alloc(Math.min(fs.fstatSync(fd).size - offset, 64 * 1024));
  fs.readSync(fd, buf, 0, buf.length, offset);
  fs.closeSync(fd);
  const lines = buf.toString("utf8").split("\n").filter((l) => pid === undefined || l.includes(`[${pid}]`) || !/\[\d+\]/.test(l));
  const text = lines.join("\n");
  // Another postmaster holds the lock, or is starting (it has created postmaster.pid and not
  // yet written it: "is empty"), or the backends of one that was killed still hold its shared
  // memory (they exit within moments): wait and look again.
  if (/lock file "postmaster\.pid" (already exists|is empty)|pre-existing shared memory block/.test(text)) return { kind: "owned-elsewhere" };
  if (/could not bind|Address already in use|could not create any TCP\/IP sockets/.test(text)) return { kind: "port-taken" };
  const why = lines.filter((l) => /FATAL|PANIC|ERROR/.test(l)).slice(-3).join("\n") || `exit ${exited.code ?? exited.signal}`;
  throw new Error(`the embedded PostgreSQL server failed to start:\n${why}\n(full log: ${logPath})`);
}

interface Context {
  dataDir: string;
  cluster: Cluster;
  bins: PgBinaries;
  user: ServerUser;
  log: (line: string) => void;
  timeoutMs: number;
}

/**
 * Joins the server running on <dataDir>/postgres, or starts it (creating the cluster on the
 * first start). Never opens the files while another postmaster owns them.
 */
export async function openEmbeddedServer(opts: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => undefined);
  const dataDir = path.resolve(opts.dataDir);
  const home = opts.home ?? "/var/lib/toolrec";
  securePrivateDir(dataDir);
  const user = serverUser();
  const bins = reachableBinaries(await pgBinaries(), user, home);
  const cluster = await ensureCluster({ dataDir, bins, user, home, log });
  if (!canEnter(user, cluster.dir)) {
    throw new Error(
      `the ${user.name} user that runs PostgreSQL cannot enter ${cluster.dir} (a folder above it is private, e.g. the checkout moved under /root): ` +
        "move the checkout, let that user through the folders above it (chmod o+x), or set DATABASE_URL",
    );
  }
  const ctx: Context = { dataDir, cluster, bins, user, log, timeoutMs: opts.timeoutMs ?? 60_000 };
  const explicitPort = opts.port || Number(process.env.TOOLREC_EMBEDDED_DB_PORT || 0);
  const first = await acquire(ctx, explicitPort, true);
  const url = embeddedUrl(first.port, cluster.password);
  let lease = first.lease;
  let closing: Promise<void> | null = null;

  // If the server goes away under us (killed from outside), start it again on the same port,
  // so the connection pools of this process keep their URL.
  const watch = (client: pg.Client) =>
    client.once("end", async () => {
      if (closing) return;
      log(`the embedded PostgreSQL server went away; starting it again on port ${first.port}`);
      for (let attempt = 0; !closing; attempt++) {
        try {
          const again = await acquire(ctx, first.port, false);
          if (closing) return void (await again.lease.end().catch(() => undefined));
          lease = again.lease;
          return watch(lease);
        } catch (err) {
          if (attempt % 10 === 0) log(`the embedded PostgreSQL server could not be started again: ${(err as Error).message}`);
          await sleep(1000);
        }
      }
    });
  watch(lease);

  return {
    url,
    port: first.port,
    clusterDir: cluster.dir,
    started: first.started,
    close() {
      closing ??= (async () => {
        // Release before disconnecting: a backend frees its locks only when it has exited,
        // which can be after our next connection asks for the lock.
        await lease.query("SELECT pg_advisory_unlock_shared($1)", [LEASE_KEY]).catch(() => undefined);
        await lease.end().catch(() => undefined);
        if (await stopIfUnused(cluster.dir, url)) log("stopped the embedded PostgreSQL server (no other ToolRec process uses it)");
      })();
      return closing;
    },
  };
}

/** Takes a lease on the running server, starting it when no postmaster owns the cluster. */
async function acquire(ctx: Context, wantedPort: number, portExplicit: boolean): Promise<{ port: number; started: boolean; lease: pg.Client }> {
  const { cluster, dataDir } = ctx;
  const deadline = Date.now() + ctx.timeoutMs;
  let unreachableSince = 0;
  for (;;) {
    if (Date.now() > deadline) {
      throw new Error(
        `the embedded PostgreSQL server in ${cluster.dir} did not answer within ${ctx.timeoutMs / 1000}s; see ${serverLogPath(dataDir)} ` +
          `(if no postgres process runs, ${path.join(cluster.dir, "postmaster.pid")} is stale: remove it)`,
      );
    }
    const pm = readPostmasterPid(cluster.dir);
    const live = pm !== null && pidAlive(pm.pid);
    if (live && pm.status === "ready") {
      try {
        return { port: pm.port, started: false, lease: await takeLease(embeddedUrl(pm.port, cluster.password)) };
      } catch (err) {
        if (isAuthError(err)) throw new Error(`the embedded PostgreSQL server refused the password in ${path.join(dataDir, "credentials.json")}: restore the file that belongs to ${clusterLink(dataDir)}`);
        // Stopping, or a stale postmaster.pid whose pid now belongs to another process:
        // after a while let PostgreSQL's own lock check decide.
        unreachableSince ||= Date.now();
        if (Date.now() - unreachableSince < 3000) {
          await sleep(100);
          continue;
        }
      }
    } else if (live) {
      await sleep(50); // starting or stopping
      continue;
    }
    const port = wantedPort || (await freePort());
    const result = await spawnPostmaster(cluster, ctx.bins, ctx.user, port, dataDir, deadline);
    if (result.kind === "ready") {
      ctx.log(`started PostgreSQL ${ctx.bins.version.replace(/^(\d+\.\d+).*/, "$1")} (pid ${result.pid}) on 127.0.0.1:${result.port}; cluster ${cluster.dir}, log ${serverLogPath(dataDir)}`);
      return { port: result.port, started: true, lease: await takeLease(embeddedUrl(result.port, cluster.password)) };
    }
    if (result.kind === "port-taken" && (portExplicit || wantedPort)) {
      throw new Error(`the embedded PostgreSQL server cannot listen on 127.0.0.1:${port}${portExplicit ? " (TOOLREC_EMBEDDED_DB_PORT)" : ""}: the port is taken`);
    }
    // owned-elsewhere: another process's postmaster holds the lock; join it on the next turn.
    unreachableSince = 0;
    await sleep(50);
  }
}

/**
 * Stops the server on `clusterDir` when no process holds a lease (a fast shutdown: sessions
 * end, committed data is on disk). Returns whether it stopped it.
 */
async function stopIfUnused(clusterDir: string, url: string): Promise<boolean> {
  const pm = readPostmasterPid(clusterDir);
  if (!pm || !pidAlive(pm.pid)) return false;
  const client = new pg.Client({ connectionString: url, application_name: "toolrec-stop", connectionTimeoutMillis: 5000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ free: boolean }>("SELECT pg_try_advisory_lock($1) AS free", [LEASE_KEY]);
    if (!rows[0]?.free) return false;
    // Holding the lock keeps joiners waiting until the shutdown ends their connection; they
    // then start a new server.
    process.kill(pm.pid, "SIGINT");
    for (let i = 0; i < 600 && pidAlive(pm.pid); i++) await sleep(50);
    return true;
  } catch {
    return false; // already stopping, or not ours to stop
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * For supervisors (scripts/start.mjs): stops the server of `dataDir` if it runs and no
 * ToolRec process uses it, e.g. after the process that used it was killed.
 */
export async function stopUnusedEmbeddedServer(dataDir: string): Promise<boolean> {
  const link = clusterLink(path.resolve(dataDir));
  if (!fs.existsSync(link)) return false;
  const clusterDir = fs.realpathSync(link);
  const pm = readPostmasterPid(clusterDir);
  const { embeddedDbPassword } = readCredentials(dataDir);
  if (!pm || !embeddedDbPassword) return false;
  return stopIfUnused(clusterDir, embeddedUrl(pm.port, embeddedDbPassword));
}
