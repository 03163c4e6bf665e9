// The worker key: TOOLREC_WORKER_KEY, or a mode-0600 file. npm start's local worker (--local)
// makes its own key with the admin key when its file is missing or the key was revoked.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dataDir } from "@toolrec/config";
import { ApiClient, ApiError } from "./api.js";
import { readKeyFile, writeKeyFile, type WorkerConfig } from "./config.js";

async function isWorkerKey(apiUrl: string, key: string): Promise<boolean> {
  try {
    const { viewer } = await new ApiClient(apiUrl, key).gql<{ viewer: { role: string } }>(`{ viewer { role } }`);
    return viewer.role === "WORKER";
  } catch (err) {
    if (err instanceof ApiError && err.code === "UNAUTHENTICATED") return false;
    throw err;
  }
}

function adminKey(): string {
  if (process.env.TOOLREC_ADMIN_API_KEY) return process.env.TOOLREC_ADMIN_API_KEY;
  const file = path.join(dataDir(), "credentials.json");
  try {
    const key = (JSON.parse(fs.readFileSync(file, "utf8")) as { adminApiKey?: string }).adminApiKey;
    if (key) return key;
  } catch {
    // no credentials file
  }
  throw new Error(`--local needs the admin key to create a worker key: TOOLREC_ADMIN_API_KEY or ${file} (npm start writes it)`);
}

export async function resolveWorkerKey(config: WorkerConfig, log: (line: string) => void): Promise<string> {
  if (process.env.TOOLREC_WORKER_KEY) return process.env.TOOLREC_WORKER_KEY.trim();
  if (config.keyFile && fs.existsSync(config.keyFile)) {
    const key = readKeyFile(config.keyFile);
    if (!config.local || (await isWorkerKey(config.apiUrl, key))) return key;
    log(`the key in ${config.keyFile} is no longer a valid WORKER key; creating a new one`);
  }
  if (!config.local || !config.keyFile) {
    throw new Error("no worker key: set TOOLREC_WORKER_KEY or pass --key-file FILE (mode 0600) with a key of role WORKER (console: API keys)");
  }
  const admin = new ApiClient(config.apiUrl, adminKey());
  const { createApiKey } = await admin.gql<{ createApiKey: { key: string } }>(
    `mutation($n: String!) { createApiKey(name: $n, role: WORKER) { key } }`,
    { n: `local worker on ${os.hostname()} (npm start)` },
  );
  writeKeyFile(config.keyFile, createApiKey.key);
  log(`created a WORKER key for this machine in ${config.keyFile} (mode 0600)`);
  return createApiKey.key;
}
