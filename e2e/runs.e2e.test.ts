// Training runs in a real browser (issue 11): the Runs page says when no worker is connected
// and cancels a queued run; the create form shows the API's validation beside the field and
// queues a run; a real worker process (apps/worker) trains it with Debian's torch while the run
// page polls: status, live charts, log tail, artifact downloads through the console, and
// "register as model version".

import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createKey, createSmallDataset, gqlCall, pythonHasTorch, TRAINER_PYTHON, type GqlCall } from "@toolrec/api/test-support";
import { signedInSession, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
const apiUrl = inject("apiUrl");
const adminApiKey = inject("adminApiKey");
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const PYTHON = TRAINER_PYTHON;
const hasTorch = pythonHasTorch(PYTHON);

let browser: Browser;
let context: BrowserContext;
let page: Page;
let admin: GqlCall;
let dataset: { id: string; name: string };
let worker: ChildProcess | null = null;
let workDir = "";
const workerOutput: string[] = [];
const openPages = () => context.pages();

const status = () => page.getByTestId("run-status").first().getAttribute("data-status");

beforeAll(async () => {
  admin = gqlCall(apiUrl, adminApiKey);
  dataset = await createSmallDataset(admin, { name: `runs e2e ${Date.now()}` });
  ({ browser, context, page } = await signedInSession(consoleUrl, adminApiKey));
});

afterAll(async () => {
  if (worker?.pid && worker.exitCode === null) {
    try {
      process.kill(-worker.pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  await browser?.close();
});

describe("console: training runs", () => {
  test("with no worker connected the page says so, and a queued run is cancelled at once", async () => {
    await withScreenshots("runs-no-worker", openPages, async () => {
      await page.getByRole("link", { name: "Runs", exact: true }).click();
      await page.waitForURL(/\/runs$/);
      await page.getByTestId("no-worker").waitFor();
      const { createTrainingRun } = await admin<{ createTrainingRun: { id: string } }>(`mutation($input: TrainingRunInput!) { createTrainingRun(input: $input) { id } }`, {
        input: { datasetId: dataset.id, baseModel: "toolrec/tiny-random", hyperparameters: { gpus: 0, maxSteps: 3 } },
      });
      await page.reload();
      const row = page.locator(`[data-testid="runs-table"] tr[data-run-id="${createTrainingRun.id}"]`);
      await row.getByRole("link", { name: createTrainingRun.id }).click();
      await page.waitForURL(new RegExp(`/runs/${createTrainingRun.id}$`));
      await expect.poll(status).toBe("QUEUED");
      await page.getByRole("button", { name: "Cancel run…" }).click();
      await page.getByRole("button", { name: "Yes, cancel it" }).click();
      await expect.poll(status).toBe("CANCELLED");
      await expect.poll(() => page.getByTestId("log-tail").textContent()).toContain("[api] cancelled by");
    });
  });

  test.skipIf(!hasTorch)(`queue a run in the form; a real worker trains it while the page follows${hasTorch ? "" : ` (skipped: ${PYTHON} lacks torch)`}`, async () => {
    await withScreenshots("runs-train", openPages, async () => {
      await page.goto(`${consoleUrl}/runs/new`);
      await page.getByLabel("Dataset").selectOption(dataset.id);
      // Defaults and help come from the API's schema.
      await expect.poll(() => page.locator("#hp-beta").getAttribute("placeholder")).toBe("0.01");
      expect(await page.locator("#help-beta").textContent()).toContain("KTO beta (Eq. 3)");
      // The default gpus (1) has no GPU worker here.
      await page.getByTestId("gpu-hint").waitFor();
      // The API's validation message lands beside the field.
      await page.locator("#hp-beta").fill("0");
      await page.getByRole("button", { name: "Queue run" }).click();
      await expect.poll(() => page.locator("#err-beta").textContent()).toContain("beta must be > 0");
      await page.locator("#hp-beta").fill("");
      for (const [name, value] of [["gpus", "0"], ["batchSize", "4"], ["maxSteps", "6"], ["maxLength", "64"]] as const) await page.locator(`#hp-${name}`).fill(value);
      await page.getByTestId("gpu-hint").waitFor({ state: "detached" });
      await page.getByRole("button", { name: "Queue run" }).click();
      await page.waitForURL(/\/runs\/run_[0-9a-f]+$/);
      const runId = page.url().split("/").at(-1)!;
      await expect.poll(status).toBe("QUEUED");

      // A real worker process, as `npm run worker` starts one.
      const { key } = await createKey(admin, "WORKER", "e2e worker");
      workDir = fs.mkdtempSync(path.join(os.tmpdir(), "toolrec-e2e-worker-"));
      worker = spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts", "--once", "--name", "e2e worker", "--work-dir", workDir, "--poll-ms", "500"], {
        cwd: repoRoot,
        env: { ...process.env, TOOLREC_API_URL: apiUrl, TOOLREC_WORKER_KEY: key, TOOLREC_WORKER_PYTHON: PYTHON },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      for (const s of [worker.stdout!, worker.stderr!]) s.on("data", (d: Buffer) => workerOutput.push(d.toString()));

      await expect.poll(status, { timeout: 150_000, interval: 1000, message: `worker output:\n${workerOutput.join("").slice(-3000)}` }).toBe("SUCCEEDED");
      expect(await page.getByTestId("run-progress").textContent()).toBe("step 6 of 6");
      // The charts drew every step.
      for (const chart of ["chart-loss", "chart-kl", "chart-rewards", "chart-learning-rate", "chart-tokens-per-second"]) {
        expect(await page.getByTestId(chart).getAttribute("data-points"), chart).not.toBe("0");
      }
      expect(await page.getByTestId("chart-loss").getAttribute("data-points")).toBe("6");
      expect(await page.getByTestId("log-tail").textContent()).toContain("[trainer] step 6/6");

      // Artifacts download through the console with the session cookie only.
      const link = page.getByTestId("artifacts").getByRole("link", { name: "adapter/adapter_config.json" });
      const href = await link.getAttribute("href");
      const response = await page.request.get(`${consoleUrl}${href}`);
      expect(response.status()).toBe(200);
      expect(JSON.parse(await response.text())).toMatchObject({ peft_type: "LORA", base_model_name_or_path: "toolrec/tiny-random" });
      await page.getByTestId("artifacts").getByRole("link", { name: "adapter/adapter_model.safetensors" }).waitFor();

      // Register as a model version.
      await page.getByLabel("Adapter name").fill("e2e-adapter");
      await page.getByRole("button", { name: "Register as model version" }).click();
      await expect.poll(() => page.getByTestId("model-version").textContent()).toContain("--lora-modules e2e-adapter=");

      // The list shows it done.
      await page.goto(`${consoleUrl}/runs`);
      const row = page.locator(`[data-testid="runs-table"] tr[data-run-id="${runId}"]`);
      await expect.poll(() => row.getByTestId("run-status").getAttribute("data-status")).toBe("SUCCEEDED");
    });
  });
});
