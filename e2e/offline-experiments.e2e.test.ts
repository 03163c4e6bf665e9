// Offline experiments in a real browser (issue 13): the console starts a simulated A/B test
// between the grounded default and an OpenAI-compatible version (served by the recommender's
// stand-in for vLLM: a real HTTP server with no model behind it), shows its progress while the
// API simulates, lists it, and shows the table and the CTR / tool-invoking CTR chart with
// interval whiskers, with the numbers the API stored; bad input shows the API's message next
// to the field.

import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startOpenAiStandIn, type OpenAiStandIn } from "@toolrec/recommender/test-support";
import { apiQuery } from "./support/api";
import { signedInSession, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
const apiUrl = inject("apiUrl");
const adminApiKey = inject("adminApiKey");

let browser: Browser;
let context: BrowserContext;
let page: Page;
let standIn: OpenAiStandIn;
const VARIANT = `offline-standin-${Date.now().toString(36)}`;
const IMPRESSIONS = 3000;

const openPages = () => context.pages();

beforeAll(async () => {
  standIn = await startOpenAiStandIn();
  await apiQuery(apiUrl, adminApiKey, `mutation($input: ModelVersionInput!) { createModelVersion(input: $input) { id } }`, {
    input: { name: VARIANT, settings: { kind: "openai", baseUrl: standIn.url, model: "toolrec-standin", timeoutMs: 10_000 } },
  });
  ({ browser, context, page } = await signedInSession(consoleUrl, adminApiKey));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await standIn?.close();
});

describe("console: offline experiments", () => {
  test("starts an experiment, shows progress, then the stored table and the chart with whiskers", async () => {
    await withScreenshots("offline-experiment", openPages, async () => {
      const { defaultModelVersion } = await apiQuery<{ defaultModelVersion: { name: string } }>(apiUrl, adminApiKey, `{ defaultModelVersion { name } }`);
      await page.getByRole("link", { name: "Offline experiments", exact: true }).click();
      await page.waitForURL(/\/offline-experiments/);
      await page.getByRole("form", { name: "Start offline experiment" }).waitFor();

      // Bad input: the API's message next to the field it names.
      await page.getByLabel("Name", { exact: true }).fill("e2e offline");
      await page.getByLabel("Impressions per arm").fill("5");
      await page.getByRole("button", { name: "Run offline experiment" }).click();
      await expect.poll(() => page.locator("#err-oexp-impressions").textContent()).toMatch(/impressions must be an integer from 100/);

      // Exactly two arms: the default (control) and the stand-in version.
      const boxes = page.getByTestId("arm-picker").getByRole("checkbox");
      for (const box of await boxes.all()) {
        const label = (await box.getAttribute("aria-label")) ?? "";
        const want = label === `Arm ${defaultModelVersion.name}` || label === `Arm ${VARIANT}`;
        if ((await box.isChecked()) !== want) await box.click();
      }
      await page.getByLabel(`${defaultModelVersion.name} is the control`).check();
      await page.getByLabel("Impressions per arm").fill(String(IMPRESSIONS));
      await page.getByLabel("Seed").fill("5");
      await page.getByLabel("Tool preference").fill("4");
      await page.getByRole("button", { name: "Run offline experiment" }).click();

      // Running: a progress bar, and the experiment in the list.
      const detail = page.getByTestId("offline-detail");
      await page.getByTestId("offline-progress").getByRole("progressbar").waitFor();
      expect(await page.locator('[data-testid="offline-experiments"] tr[data-experiment="e2e offline"]').count()).toBe(1);
      await expect.poll(() => detail.getAttribute("data-status"), { timeout: 180_000, interval: 500 }).toBe("SUCCEEDED");

      // The table: one row per arm, control first, every arm served every impression.
      const rows = page.locator('[data-testid="offline-table"] tbody tr');
      expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-arm"), tr.getAttribute("data-impressions")]))).toEqual([
        [defaultModelVersion.name, String(IMPRESSIONS)],
        [VARIANT, String(IMPRESSIONS)],
      ]);
      expect(await rows.nth(0).textContent()).toContain("control");
      expect(await rows.nth(1).getByTestId("difference").count()).toBeGreaterThan(0);

      // The chart: CTR and tool-invoking CTR per arm, each a dot within its whisker, the numbers the API stored.
      const stored = await apiQuery<{ offlineExperiments: { name: string; rows: { arm: { name: string }; ctr: { value: number; lower: number; upper: number }; toolInvokingCtr: { value: number } }[] }[] }>(
        apiUrl,
        adminApiKey,
        `{ offlineExperiments { name rows { arm { name } ctr { value lower upper } toolInvokingCtr { value } } } }`,
      );
      const mine = stored.offlineExperiments.find((e) => e.name === "e2e offline")!;
      for (const [chart, metric] of [["chart-ctr-per-arm", "ctr"], ["chart-tool-invoking-ctr-per-arm", "toolInvokingCtr"]] as const) {
        const marks = page.getByTestId(chart).getByTestId("interval");
        expect(await marks.count()).toBe(2);
        const shown = await marks.evaluateAll((gs) => gs.map((g) => ({ arm: g.getAttribute("data-arm"), value: Number(g.getAttribute("data-value")), lower: Number(g.getAttribute("data-lower")), upper: Number(g.getAttribute("data-upper")), whiskers: g.querySelectorAll("line").length })));
        for (const s of shown) {
          expect(s.lower).toBeLessThanOrEqual(s.value);
          expect(s.upper).toBeGreaterThanOrEqual(s.value);
          expect(s.upper).toBeGreaterThan(s.lower);
          expect(s.whiskers).toBe(3);
          expect(s.value).toBeCloseTo(mine.rows.find((r) => r.arm.name === s.arm)![metric].value, 12);
        }
      }
      // A reload keeps the selection (it is in the URL) and shows the same stored table.
      await page.reload();
      await expect.poll(() => page.getByTestId("offline-detail").getAttribute("data-status")).toBe("SUCCEEDED");
      expect(await page.locator('[data-testid="offline-table"] tbody tr').count()).toBe(2);
    });
  });
});
