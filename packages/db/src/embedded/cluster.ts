// The embedded server's cluster (its data directory): <dataDir>/postgres, mode 0700, owned by
// the user that runs the server, created once by initdb with a generated password (stored in
// credentials.json) and scram-sha-256 authentication on loopback only.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { readCredentials, updateCredentials } from "../credentials.js";
import type { PgBinaries } from "./binaries.js";
import { pidAlive } from "./pid.js";
import { canEnter, giveTo, type ServerUser } from "./server-user.js";

export const SERVER_ROLE = "toolrec";

export interface Cluster {
  /** The real path of the cluster folder (what the server is given). */
  dir: string;
  password: string;
  /** True when this call created it. */
  created: boolean;
}

/** <dataDir>/postgres: the cluster itself, or a link to it (clusterHome below). */
export const clusterLink = (dataDir: string) => path.join(dataDir, "postgres");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Folders `postgres.init-<pid>-…` left by an initdb that was interrupted. */
function removeAbandonedInits(parent: string) {
  for (const name of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    const m = /^postgres\.init-(\d+)-/.exec(name) ?? /^\.pw-(\d+)-/.exec(name);
    if (m && !pidAlive(Number(m[1]))) fs.rmSync(path.join(parent, name), { recursive: true, force: true });
  }
}

/**
 * Creates the cluster unless it exists. Several processes may call this at once: each runs
 * initdb into its own temporary folder, and one atomic step (a rename, or creating the
 * link) decides whose cluster becomes <dataDir>/postgres; the others discard theirs.
 * The winner then stores its password; a process that finds the cluster before the
 * password waits for it.
 *
 * When `user` cannot enter `dataDir` (a checkout under /root, as root), the cluster lives in
 * `<home>/clusters/<random id>` and <dataDir>/postgres is a link to it.
 */
export async function ensureCluster(opts: { dataDir: string; bins: PgBinaries; user: ServerUser; home: string; log: (line: string) => void }): Promise<Cluster> {
  const link = clusterLink(opts.dataDir);
  let created = false;
  if (!fs.existsSync(link)) created = await createCluster(opts);
  let dir: string;
  try {
    dir = fs.realpathSync(link);
  } catch {
    throw new Error(`${link} links to ${fs.readlinkSync(link)}, which is gone: remove the link to create a new, empty database`);
  }
  for (let waited = 0; ; waited += 100) {
    const password = readCredentials(opts.dataDir).embeddedDbPassword;
    if (password) return { dir, password, created };
    if (waited >= 15_000) {
      throw new Error(
        `the embedded database in ${link} has no password in ${path.join(opts.dataDir, "credentials.json")} (embeddedDbPassword): ` +
          `restore that file, or remove ${link} to create a new, empty database`,
      );
    }
    await sleep(100);
  }
}

async function createCluster(opts: { dataDir: string; bins: PgBinaries; user: ServerUser; home: string; log: (line: string) => void }): Promise<boolean> {
  const { dataDir, bins, user } = opts;
  const link = clusterLink(dataDir);
  const local = canEnter(user, dataDir);
  const parent = local ? dataDir : path.join(opts.home, "clusters");
  if (!local) {
    fs.mkdirSync(parent, { recursive: true, mode: 0o711 });
    fs.chmodSync(opts.home, 0o755);
    fs.chmodSync(parent, 0o711);
  }
  removeAbandonedInits(parent);
  const tag = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  const tmp = path.join(parent, `postgres.init-${tag}`);
  const pwFile = path.join(parent, `.pw-${tag}`);
  const password = crypto.randomBytes(24).toString("base64url");
  fs.mkdirSync(tmp, { mode: 0o700 });
  giveTo(user, tmp);
  fs.writeFileSync(pwFile, password, { mode: 0o600 });
  giveTo(user, pwFile);
  const t0 = Date.now();
  try {
    await promisify(execFile)(
      bins.initdb,
      [
        "-D", tmp,
        "--username", SERVER_ROLE,
        "--pwfile", pwFile,
        "--auth", "scram-sha-256",
        "--encoding", "UTF8",
        // PostgreSQL's own Unicode locale: the same on every machine, no OS locales needed.
        "--locale-provider", "builtin", "--builtin-locale", "C.UTF-8", "--locale", "C",
      ],
      { uid: user.uid, gid: user.gid, cwd: "/", env: { PATH: process.env.PATH ?? "/usr/bin:/bin" } },
    );
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    const e = err as { stderr?: string; message: string };
    throw new Error(`initdb failed: ${(e.stderr || e.message).trim()}`);
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
  // Loopback TCP only (the server gets no Unix socket), password required for every role.
  const hba = path.join(tmp, "pg_hba.conf");
  fs.writeFileSync(hba, "# written by ToolRec: loopback only, scram-sha-256\nhost all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n");
  giveTo(user, hba);

  const final = local ? link : path.join(parent, `cluster-${tag}`);
  try {
    fs.renameSync(tmp, final); // locally: fails when another process's cluster is already there
    if (!local) fs.symlinkSync(final, link); // elsewhere: the link decides
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!local) fs.rmSync(final, { recursive: true, force: true });
    return false;
  }
  updateCredentials(dataDir, { embeddedDbPassword: password });
  opts.log(`created the embedded PostgreSQL cluster in ${local ? link : `${final} (linked from ${link}: the ${user.name} user cannot enter ${dataDir})`} in ${Date.now() - t0} ms`);
  return true;
}
