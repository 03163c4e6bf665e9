// Serving in a real browser (issue 10): the Playground generates suggestions for a dialogue and
// shows the prompt, the retrieved tools and where the time went, with the API's field errors
// next to the field; the Models page creates an OpenAI-compatible variant (served by the
// recommender's stand-in for vLLM: a real HTTP server with no model behind it, since none can
// run here), starts an experiment between the grounded default and it, `toolrec simulate
// --serve` (the real CLI, a child process) fills it over HTTP, the A/B table shows impressions in
// both arms, and the experiment is stopped.

import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startOpenAiStandIn, type OpenAiStandIn } from "@toolrec/recommender/test-support";
import { signedInSession, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
const apiUrl = inject("apiUrl");
const adminApiKey = inject("adminApiKey");
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let browser: Browser;
let context: BrowserContext;
let page: Page;
let standIn: OpenAiStandIn;

const openPages = () => context.pages();

beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  ({ browser, context, page } = await signedInSession(consoleUrl, adminApiKey));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await standIn?.close();
});

/** `toolrec simulate --serve` against the e2e API, as a user would run it. */
function simulateServe(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["packages/cli/bin/toolrec.mjs", "simulate", "--serve", "--url", apiUrl, "--key", adminApiKey, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

const exposed = () => page.getByRole("list", { name: "Exposed suggestions", exact: true }).locator("> li");
const notExposed = () => page.getByRole("list", { name: "Not exposed suggestions", exact: true }).locator("> li");

describe("console: serving", () => {
  test("the Playground generates K suggestions, exposes N with tool badges, and shows the prompt", async () => {
    await withScreenshots("playground-generate", openPages, async () => {
      await page.getByRole("link", { name: "Playground", exact: true }).click();
      await page.waitForURL(/\/playground$/);
      // The first example dialogue: "my phone is so slow and storage is full".
      await expect.poll(() => page.getByLabel("User query").inputValue()).toMatch(/storage is full/);
      await page.getByLabel("K (generated)").fill("6");
      await page.getByLabel("N (exposed)").fill("3");
      await page.getByRole("button", { name: "Generate suggestions" }).click();

      await page.getByTestId("playground-result").waitFor();
      await expect.poll(() => exposed().count()).toBe(3);
      expect(await notExposed().count()).toBe(3);
      expect(await exposed().evaluateAll((li) => li.map((x) => x.getAttribute("data-exposed")))).toEqual(["true", "true", "true"]);
      expect(await page.getByTestId("generator").textContent()).toMatch(/grounded/);
      expect(await page.getByTestId("result-version").textContent()).toBe("grounded");
      // Grounded on the retrieved storage tools: at least one exposed suggestion invokes one.
      expect(await exposed().getByTestId("tool-badge").count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="retrieved-tools"] tbody tr').count()).toBeGreaterThan(0);
      const prompt = (await page.getByTestId("prompt").textContent()) ?? "";
      expect(prompt).toContain("my phone is so slow and storage is full");
      expect(await page.getByTestId("raw-output").textContent()).toMatch(/No model answered/);
      expect(await page.getByTestId("timings").textContent()).toMatch(/retrieval .*ms.*generation .*ms.*logging .*ms/);
      // The inputs are in the URL: a reload keeps them.
      await page.getByLabel("N (exposed)").fill("2");
      await expect.poll(() => page.url()).toMatch(/[?&]n=2/);
      await page.reload();
      expect(await page.getByLabel("N (exposed)").inputValue()).toBe("2");
    });
  });

  test("the API's BAD_USER_INPUT lands on the field it names", async () => {
    await withScreenshots("playground-errors", openPages, async () => {
      await page.getByLabel("N (exposed)").fill("8"); // N > K = 6
      await page.getByRole("button", { name: "Generate suggestions" }).click();
      const n = page.getByLabel("N (exposed)");
      await expect.poll(() => n.getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#err-pg-n").textContent()).toMatch(/n must be an integer from 1 to k \(6\)/);
      expect(await page.getByLabel("K (generated)").getAttribute("aria-invalid")).toBeNull();

      await page.getByLabel("N (exposed)").fill("3");
      await page.getByLabel("User query").fill("   ");
      await page.getByRole("button", { name: "Generate suggestions" }).click();
      await expect.poll(() => page.getByLabel("User query").getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("N (exposed)").getAttribute("aria-invalid")).toBeNull();
      // Let the edited dialogue reach the URL before leaving the page.
      await expect.poll(() => page.url()).toMatch(/userQuery%22%3A%22\+\+\+%22/);
    });
  });

  let variantId = "";

  test("Models: a variant version on an OpenAI-compatible server, with the API's errors beside the fields", async () => {
    await withScreenshots("models-create", openPages, async () => {
      await page.getByRole("link", { name: "Models", exact: true }).click();
      await page.waitForURL(/\/models$/);
      const grounded = page.locator('[data-testid="model-versions"] tr[data-version="grounded"]');
      await expect.poll(() => grounded.textContent()).toMatch(/default/);

      const form = page.getByRole("form", { name: "Create model version" });
      await form.getByLabel("Name", { exact: true }).fill("standin-variant");
      await form.getByLabel("Base URL").fill("not a url");
      await form.getByLabel("Model", { exact: true }).fill("toolrec-standin");
      await form.getByRole("button", { name: "Create version" }).click();
      await expect.poll(() => form.getByLabel("Base URL").getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator("#err-mv-new-baseUrl").textContent()).toMatch(/is not a URL/);

      await form.getByLabel("Base URL").fill(standIn.url);
      await form.getByLabel("Deadline (ms)").fill("5000");
      await form.getByRole("button", { name: "Create version" }).click();
      // The new version is listed and selected (in the URL), its stored settings shown.
      const row = page.locator('[data-testid="model-versions"] tr[data-version="standin-variant"]');
      await row.waitFor();
      await expect.poll(() => page.url()).toMatch(/[?&]version=/);
      variantId = new URL(page.url()).searchParams.get("version") ?? "";
      const settings = (await page.getByTestId("version-settings").textContent()) ?? "";
      expect(settings).toContain(standIn.url);
      expect(settings).toContain('"timeoutMs": 5000');
      // Created, not made the default: it offers "Make default" and has no default badge.
      expect(await row.locator(".badge").count()).toBe(0);
      expect(await row.getByRole("button", { name: "Make standin-variant the default" }).count()).toBe(1);
    });
  });

  test("the Playground serves with the variant: the model's raw output and its parsed suggestions", async () => {
    await withScreenshots("playground-variant", openPages, async () => {
      await page.goto(`${consoleUrl}/playground?version=${encodeURIComponent(variantId)}`);
      await page.getByRole("button", { name: "Generate suggestions" }).click();
      await page.getByTestId("playground-result").waitFor();
      await expect.poll(() => page.getByTestId("result-version").textContent()).toBe("standin-variant");
      expect(await page.getByTestId("generator").textContent()).toMatch(/openai/);
      // The stand-in answers with numbered lines: the raw text is shown as the model wrote it.
      expect(await page.getByTestId("raw-output").textContent()).toMatch(/^1\. /m);
      expect(await exposed().count()).toBe(3);
      expect(await page.getByTestId("timings").textContent()).toMatch(/model server .* in 1 attempt/);
      expect(standIn.requests.some((r) => r.path.endsWith("/chat/completions"))).toBe(true);
    });
  });

  test("Models: an experiment between the grounded default and the variant fills from simulate --serve, then stops", async () => {
    await withScreenshots("models-experiment", openPages, async () => {
      await page.goto(`${consoleUrl}/models`);
      const start = page.getByRole("form", { name: "Start experiment" });
      await start.waitFor();
      await start.getByLabel("Experiment name").fill("grounded vs standin");
      // Defaults: the default version first (the control), the other version second, 50/50.
      await expect.poll(() => start.getByLabel("Arm 1 version").inputValue()).toBe("mv_grounded");
      await start.getByLabel("Arm 2 version").selectOption(variantId);
      await start.getByLabel("Arm 1 percent").fill("60");
      await expect.poll(() => page.getByTestId("arm-sum").textContent()).toMatch(/110% of users \(must be 100\)/);
      await start.getByRole("button", { name: "Start experiment" }).click();
      // The API names the arms list for a sum that is not 100.
      await expect.poll(() => page.locator("#err-exp-arms").textContent()).toMatch(/percentages sum to 110, not 100/);
      await start.getByLabel("Arm 1 percent").fill("50");
      await start.getByRole("button", { name: "Start experiment" }).click();
      const running = page.getByTestId("running-experiment");
      await running.waitFor();
      expect(await running.textContent()).toMatch(/grounded vs standin/);
      expect(await running.textContent()).toMatch(/grounded.*50%.*control/);

      // Live traffic: the documented simulated users, sticky per user to their arm.
      const sim = await simulateServe(["--users", "40", "--impressions", "160", "--seed", "11", "--rate", "200", "--concurrency", "4"]);
      expect(sim.code, sim.output).toBe(0);
      expect(sim.output).toMatch(/served 160 impressions/);

      const table = page.getByTestId("ab-table");
      const impressions = (name: string) => table.locator(`tr[data-version="${name}"]`).getAttribute("data-impressions");
      await expect.poll(async () => Number(await impressions("grounded")), { timeout: 20_000 }).toBeGreaterThan(0);
      await expect.poll(async () => Number(await impressions("standin-variant")), { timeout: 20_000 }).toBeGreaterThan(0);
      // Every served impression is in one arm (the report polls while the experiment runs).
      await expect.poll(async () => Number(await impressions("grounded")) + Number(await impressions("standin-variant")), { timeout: 20_000 }).toBe(160);
      const control = table.locator('tr[data-version="grounded"]');
      expect(await control.textContent()).toMatch(/control/);
      // Every rate with its Wilson interval; the variant with its difference against control.
      expect(await control.textContent()).toMatch(/\[\d+\.\d%, \d+\.\d%\]/);
      expect(await table.locator('tr[data-version="standin-variant"]').getByTestId("difference").count()).toBe(4);
      await expect.poll(async () => Number(await page.getByTestId("chart-ctr-per-arm").getAttribute("data-points"))).toBeGreaterThanOrEqual(2);
      expect(Number(await page.getByTestId("chart-tool-invoking-ctr-per-arm").getAttribute("data-points"))).toBeGreaterThanOrEqual(2);

      await page.getByRole("button", { name: "Stop experiment…" }).click();
      await page.getByRole("button", { name: "Yes, stop it" }).click();
      await page.getByRole("form", { name: "Start experiment" }).waitFor();
      // The stopped experiment's report stays available.
      const option = page.getByLabel("Report", { exact: true }).locator("option", { hasText: "grounded vs standin (stopped" });
      await page.getByLabel("Report", { exact: true }).selectOption((await option.getAttribute("value")) ?? "");
      await expect.poll(() => page.url()).toMatch(/[?&]experiment=exp_/);
      await expect.poll(async () => Number(await impressions("standin-variant"))).toBeGreaterThan(0);
    });
  });
});
