// Embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM, file-backed) served over the
// PostgreSQL wire protocol on loopback, so the same pg/Prisma code serves it and a real server.
import fs from "node:fs";
import path from "node:path";
import net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  url: string;
  port: number;
  close(): Promise<void>;
}

interface LockFile { pid: number; port: number; url: string }

const lockPath = (dir: string) => path.join(dir, "server.json");

/** Servers this process runs, by data folder: PGlite must never open the same files twice. */
const servedHere = new Map<string, EmbeddedPostgres>();

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
  });
}

/** The embedded server another process of ours already serves from `dir`, if any. */
export async function findRunningEmbedded(dir: string): Promise<LockFile | null> {
  try {
    const own = servedHere.get(path.resolve(dir));
    if (own) return { pid: process.pid, port: own.port, url: own.url };
    const lock = JSON.parse(fs.readFileSync(lockPath(dir), "utf8")) as LockFile;
    if (lock.pid !== process.pid && pidAlive(lock.pid) && (await portAnswers(lock.port))) return lock;
  } catch {
    // no lock file, or a stale one
  }
  return null;
}

/**
 * Opens the PGlite database in `dir` and serves it on 127.0.0.1:`port` (0 = any free port).
 * PGlite is single-connection; the socket server multiplexes up to `maxConnections` clients
 * and keeps a client's transaction exclusive until it ends.
 */
export async function startEmbeddedPostgres(opts: { dir: string; port?: number; maxConnections?: number }): Promise<EmbeddedPostgres> {
  fs.mkdirSync(opts.dir, { recursive: true });
  const running = await findRunningEmbedded(opts.dir);
  if (running) {
    throw new Error(`the embedded database in ${opts.dir} is already served by process ${running.pid} at ${running.url}`);
  }
  const db = await PGlite.create(path.join(opts.dir, "pgdata"));
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port: opts.port ?? 0,
    maxConnections: opts.maxConnections ?? 16,
  });
  await server.start();
  const port = Number(server.getServerConn().split(":").at(-1));
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;
  fs.writeFileSync(lockPath(opts.dir), JSON.stringify({ pid: process.pid, port, url } satisfies LockFile));
  let closed = false;
  const handle: EmbeddedPostgres = {
    url,
    port,
    async close() {
      if (closed) return;
      closed = true;
      servedHere.delete(path.resolve(opts.dir));
      await server.stop();
      await db.close();
      fs.rmSync(lockPath(opts.dir), { force: true });
    },
  };
  servedHere.set(path.resolve(opts.dir), handle);
  return handle;
}
