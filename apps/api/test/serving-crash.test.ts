// Logging that loses nothing (issue 10): the API runs as a child process, many `suggestions`
// requests run concurrently, and the process gets SIGKILL while requests are in flight. After a
// restart on the same database, every impression whose response came back is there with all
// its suggestions (K of them, the texts that were returned, exposure flags as served).
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { availableBackends, scratchPostgresDatabase } from "@toolrec/db/test-support";

const backends = await availableBackends();
const apiRoot = fileURLToPath(new URL("..", import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

interface Child { proc: ChildProcess; origin: string; exited: Promise<void> }

async function startChild(env: Record<string, string>): Promise<Child> {
  const port = await freePort();
  const proc = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", TOOLREC_SEED_DEMO: "0", TOOLREC_RETRIEVAL_POLL_MS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stdout!.on("data", (c: Buffer) => (log += c.toString()));
  proc.stderr!.on("data", (c: Buffer) => (log += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the API exited at start:\n${log}`);
    if (Date.now() > deadline) throw new Error(`the API did not start within 90 s:\n${log}`);
    const ok = await fetch(`${origin}/health`).then((r) => r.ok, () => false);
    if (ok) return { proc, origin, exited };
    await new Promise((r) => setTimeout(r, 200));
  }
}

const SUGGEST = `query($input: SuggestionInput!) { suggestions(input: $input) { impressionId suggestions { position text } notExposed { position text } } }`;
const IMPRESSION = `query($id: ID!) { impression(id: $id) { id userId suggestions { position text exposed } } }`;
const QUERIES = ["Why is my phone lagging?", "Turn on dark mode", "My battery drains fast", "How do I share my wifi password?", "It's too loud in here", "Set an alarm for 7"];

describe.each(backends)("kill -9 under load on %s", (backend) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-crash-test-"));
  const adminKey = `trk_${crypto.randomBytes(24).toString("base64url")}`;
  let drop: (() => Promise<void>) | undefined;
  let child: Child | null = null;

  afterAll(async () => {
    if (child && child.proc.exitCode === null) {
      child.proc.kill("SIGTERM");
      await child.exited;
    }
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("every impression whose response was returned is in the database after SIGKILL and a restart", async () => {
    const env: Record<string, string> = { TOOLREC_DATA_DIR: dataDir, TOOLREC_ADMIN_API_KEY: adminKey };
    if (backend === "postgres") {
      const scratch = await scratchPostgresDatabase();
      drop = scratch.drop;
      env.DATABASE_URL = scratch.url;
    } else {
      env.DATABASE_URL = "";
    }
    child = await startChild(env);
    const gql = (origin: string, query: string, variables: Record<string, unknown>) =>
      fetch(`${origin}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${adminKey}` }, body: JSON.stringify({ query, variables }) }).then(
        (r) => r.json() as Promise<{ data?: any; errors?: unknown[] }>,
      );

    // 24 clients in a loop; the kill comes while they are busy.
    const returned = new Map<string, { userId: string; texts: string[] }>();
    let stop = false;
    let failures = 0;
    const origin = child.origin;
    const clients = Array.from({ length: 24 }, async (_, c) => {
      for (let i = 0; !stop; i++) {
        const userId = `crash-${c}-${i}`;
        try {
          const res = await gql(origin, SUGGEST, { input: { userId, dialogue: { userQuery: QUERIES[(c + i) % QUERIES.length] } } });
          if (res.data?.suggestions) {
            const s = res.data.suggestions;
            returned.set(s.impressionId, { userId, texts: [...s.suggestions, ...s.notExposed].map((x: { text: string }) => x.text) });
          } else failures++;
        } catch {
          failures++; // the connection died with the process: that request never got an answer
          return;
        }
      }
    });
    const enough = Date.now() + 20_000;
    while (returned.size < 150 && Date.now() < enough) await new Promise((r) => setTimeout(r, 20));
    child.proc.kill("SIGKILL");
    stop = true;
    await Promise.all(clients);
    await child.exited;
    expect(returned.size).toBeGreaterThanOrEqual(50);

    // Restart on the same database and look every returned impression up.
    child = await startChild(env);
    const missing: string[] = [];
    for (const [id, want] of returned) {
      const imp = (await gql(child.origin, IMPRESSION, { id })).data?.impression;
      if (!imp) {
        missing.push(id);
        continue;
      }
      expect(imp.userId).toBe(want.userId);
      expect(imp.suggestions.map((s: { text: string }) => s.text)).toEqual(want.texts);
      expect(imp.suggestions.map((s: { exposed: boolean }) => s.exposed)).toEqual([true, true, true, false, false, false]);
    }
    expect(missing).toEqual([]);
  }, 240_000);
});
