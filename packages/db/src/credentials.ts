// The local secrets of one data folder, in <dataDir>/credentials.json (mode 0600): the admin
// API key and the embedded PostgreSQL's password. The only code that reads or writes the file.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { securePrivateDir } from "./data-dir.js";

export interface Credentials {
  /** The admin API key created at the first start (apps/api's ensureAdminKey). */
  adminApiKey?: string;
  /** The password of the embedded server's `toolrec` role, generated with its cluster. */
  embeddedDbPassword?: string;
}

export const credentialsPath = (dataDir: string) => path.join(dataDir, "credentials.json");

export function readCredentials(dataDir: string): Credentials {
  try {
    return JSON.parse(fs.readFileSync(credentialsPath(dataDir), "utf8")) as Credentials;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new Error(`${credentialsPath(dataDir)} cannot be read: ${(err as Error).message}`);
  }
}

/**
 * Merges `patch` into the file. Read-merge-write right before an atomic rename, so a field
 * another process wrote a moment ago is kept; the file is never seen half-written.
 */
export function updateCredentials(dataDir: string, patch: Credentials): Credentials {
  securePrivateDir(dataDir);
  const next = { ...readCredentials(dataDir), ...patch };
  const file = credentialsPath(dataDir);
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(next, null, 2) + "\n", { mode: 0o600 });
  fs.renameSync(tmp, file);
  return next;
}
