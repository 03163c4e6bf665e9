import { spawn } from "node:child_process";
import { repoPath } from "@toolrec/config";
import type { Command } from "../main.js";

// The worker is an app (apps/worker); the CLI starts it as a process rather than importing it,
// so packages keep depending on packages only.
export const workerCommand: Command = {
  name: "worker",
  summary: "claim queued training runs from the API and train them here (apps/worker)",
  usage: `usage: toolrec worker [options]   (toolrec worker --help lists them; same as npm run worker)`,
  async run(args) {
    const child = spawn(process.execPath, ["--import", "tsx", repoPath("apps", "worker", "src", "main.ts"), ...args], { stdio: "inherit" });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    return new Promise<number>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 130 : 1))));
  },
};
