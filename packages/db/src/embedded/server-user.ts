// Which system user runs the embedded PostgreSQL. PostgreSQL refuses to run as root: as root
// we run it as the `postgres` system user (created when missing), otherwise as ourselves.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

export interface ServerUser {
  name: string;
  /** Set when the server runs as another user than this process (we are root). */
  uid?: number;
  gid?: number;
}

export const SERVER_USER_NAME = "postgres";

function ids(name: string): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync("id", ["-u", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    const gid = Number(execFileSync("id", ["-g", name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

let cached: ServerUser | undefined;

export function serverUser(): ServerUser {
  if (cached) return cached;
  if (process.getuid?.() !== 0) return (cached = { name: "the current user" });
  let found = ids(SERVER_USER_NAME);
  if (!found) {
    // The same account a distribution's postgresql package creates: a system user with no login.
    const shell = fs.existsSync("/usr/sbin/nologin") ? "/usr/sbin/nologin" : "/bin/false";
    const made = spawnSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", shell, SERVER_USER_NAME], { encoding: "utf8" });
    found = ids(SERVER_USER_NAME);
    if (!found) {
      throw new Error(
        `PostgreSQL refuses to run as root, and the "${SERVER_USER_NAME}" system user to run it as could not be created ` +
          `(useradd: ${(made.error?.message ?? made.stderr) || `exit ${made.status}`}). Create it ` +
          `(useradd --system ${SERVER_USER_NAME}), run ToolRec as a non-root user, or set DATABASE_URL.`,
      );
    }
  }
  return (cached = { name: SERVER_USER_NAME, ...found });
}

/** Whether `user` can enter `dir` (every folder above it traversable); always true for ourselves. */
export function canEnter(user: ServerUser, dir: string): boolean {
  if (user.uid === undefined) return true;
  return spawnSync("/bin/sh", ["-c", 'cd "$1"', "sh", dir], { uid: user.uid, gid: user.gid, cwd: "/", stdio: "ignore" }).status === 0;
}

/** Gives a file or folder we created to the server's user. */
export function giveTo(user: ServerUser, p: string): void {
  if (user.uid !== undefined) fs.chownSync(p, user.uid, user.gid!);
}
