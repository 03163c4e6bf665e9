// A curator edits a tool's situations in a real browser: the list shows what the catalog has,
// an added situation is saved as a new version, and a blank one gets the API's message next to it.

import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { apiQuery } from "./support/api";
import { launchBrowser, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
const apiUrl = inject("apiUrl");
const adminApiKey = inject("adminApiKey");

const TOOL_ID = "display.min_brightness";
interface StoredTool {
  version: number;
  situations: string[];
}
const stored = () =>
  apiQuery<{ tool: StoredTool }>(apiUrl, adminApiKey, `query($id: ID!) { tool(id: $id) { version situations } }`, { id: TOOL_ID }).then((d) => d.tool);

let browser: Browser;
let context: BrowserContext;
let page: Page;
const openPages = () => context.pages();

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  await page.goto(`${consoleUrl}/tools/${TOOL_ID}`);
  await page.waitForURL(/\/sign-in/);
  await page.getByLabel("API key").fill(adminApiKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/tools/);
  await page.goto(`${consoleUrl}/tools/${TOOL_ID}`);
  await page.getByTestId("tool-title").waitFor();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("console: tool situations", () => {
  test("lists the tool's situations and saves an added one as a new version", async () => {
    await withScreenshots("situations-save", openPages, async () => {
      const before = await stored();
      expect(before.situations.length).toBeGreaterThanOrEqual(2);
      const first = page.getByRole("textbox", { name: "Situation 1", exact: true });
      await expect.poll(() => first.inputValue()).toBe(before.situations[0]);

      await page.getByRole("button", { name: "+ Add situation" }).click();
      const added = page.getByRole("textbox", { name: `Situation ${before.situations.length + 1}`, exact: true });
      await added.fill("the usher at the cinema keeps glaring at my glowing screen");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect.poll(() => page.getByTestId("saved").textContent()).toContain(`Saved as version ${before.version + 1}`);

      const after = await stored();
      expect(after.situations).toEqual([...before.situations, "the usher at the cinema keeps glaring at my glowing screen"]);
      await expect.poll(() => page.locator(`[data-testid="revision"][data-version="${after.version}"]`).textContent()).toContain("Situations");
    });
  });

  test("a blank situation shows the API's message next to that situation and saves nothing", async () => {
    await withScreenshots("situations-blank", openPages, async () => {
      const before = await stored();
      await page.getByRole("button", { name: "+ Add situation" }).click();
      const index = before.situations.length; // the new, blank entry
      await page.getByRole("button", { name: "Save", exact: true }).click();
      const error = page.locator(`#err-situations\\[${index}\\]`);
      await error.waitFor();
      expect((await error.textContent())?.trim()).not.toBe("");
      expect(await page.getByRole("textbox", { name: `Situation ${index + 1}`, exact: true }).getAttribute("aria-invalid")).toBe("true");
      expect(await stored()).toEqual(before);
    });
  });
});
