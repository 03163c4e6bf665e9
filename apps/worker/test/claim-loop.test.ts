// The worker's claim loop against a stand-in API over real HTTP (a handful of GraphQL answers,
// not the API: it checks only how the loop reacts to a failed claim).
import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config.js";
import { startWorker } from "../src/worker.js";

type Answer = { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };

async function standIn(claimAnswers: Answer[]) {
  const claims: number[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const { query } = JSON.parse(body) as { query: string };
      let answer: Answer = { data: {} };
      if (query.includes("registerWorker")) answer = { data: { registerWorker: { id: "w1", name: "t", gpuCount: 0, models: [] } } };
      else if (query.includes("claimTrainingRun")) {
        claims.push(Date.now());
        answer = claimAnswers.shift() ?? { data: { claimTrainingRun: null } };
      } else if (query.includes("stopWorker")) answer = { data: { stopWorker: { id: "w1" } } };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, claims, close: () => new Promise((r) => server.close(r)) };
}

const error = (code: string): Answer => ({ errors: [{ message: `refused (${code})`, extensions: { code } }] });
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  delete process.env.TOOLREC_WORKER_KEY;
});

async function runUntilClaims(first: Answer, wanted: number) {
  const api = await standIn([first]);
  cleanups.push(api.close);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-claim-loop-"));
  cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  process.env.TOOLREC_WORKER_KEY = "trk_test";
  const config = resolveConfig(["--api", api.url, "--work-dir", workDir, "--poll-ms", "50", "--python", "/nonexistent/python"], {});
  const lines: string[] = [];
  const worker = startWorker(config, (l) => lines.push(l));
  const outcome = worker.done.then(() => "stopped", (e: Error) => `exited: ${e.message}`);
  const deadline = Date.now() + 10_000;
  while (api.claims.length < wanted && Date.now() < deadline) {
    if ((await Promise.race([outcome, new Promise((r) => setTimeout(() => r(null), 20))])) !== null) break;
  }
  worker.stop();
  return { claims: api.claims.length, outcome: await outcome, lines };
}

describe("the worker's claim loop", () => {
  it("a claim refused because its lease ran out is tried again at the next poll; the worker stays up", async () => {
    const r = await runUntilClaims(error("LEASE_LOST"), 3);
    expect(r.claims).toBeGreaterThanOrEqual(3);
    expect(r.outcome).toBe("stopped");
    expect(r.lines.some((l) => l.includes("claim failed") && l.includes("LEASE_LOST"))).toBe(true);
  });

  it("a claim refused for a bad key stops the worker with the API's message", async () => {
    const r = await runUntilClaims(error("UNAUTHENTICATED"), 3);
    expect(r.claims).toBe(1);
    expect(r.outcome).toContain("refused (UNAUTHENTICATED)");
  });
});
