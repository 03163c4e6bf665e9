// The curator's core loop in a real browser: sign in, find a tool, edit it, see the
// revision, hit an optimistic-concurrency conflict from a stale tab, and see the API's
// validation message next to the field it names.

import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { apiQuery } from "./support/api";
import { launchBrowser, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
const apiUrl = inject("apiUrl");
const adminApiKey = inject("adminApiKey");

interface FoundTool {
  id: string;
  name: string;
  description: string;
  version: number;
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let stale: Page | undefined;
let tool: FoundTool;

const openPages = () => context.pages();

beforeAll(async () => {
  // The seeded catalog's flashlight tool.
  const data = await apiQuery<{ tools: { edges: { node: FoundTool }[] } }>(
    apiUrl,
    adminApiKey,
    `query { tools(filter: { search: "flashlight" }, first: 5) { edges { node { id name description version } } } }`,
  );
  const hit = data.tools.edges.find((e) => e.node.name === "Turn on flashlight")?.node;
  if (!hit) throw new Error("the seeded catalog has no tool named 'Turn on flashlight'");
  tool = hit;

  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

describe("console: tools", () => {
  test("an unauthenticated page load goes to sign-in; the admin key signs in", async () => {
    await withScreenshots("sign-in", openPages, async () => {
      await page.goto(`${consoleUrl}/tools`);
      await page.waitForURL(/\/sign-in/);
      await page.getByLabel("API key").fill("not-a-real-key");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => page.locator("#signin-error").textContent()).toBe("That API key is not valid or has been revoked.");

      await page.getByLabel("API key").fill(adminApiKey);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL(/\/tools/);
      await expect.poll(() => page.getByTestId("viewer").textContent()).toContain("ADMIN");

      // The key lives in an httpOnly cookie only: page JavaScript cannot see it.
      const visible = await page.evaluate(() => document.cookie);
      expect(visible).not.toContain(adminApiKey);
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.value === adminApiKey);
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe("Strict");
    });
  });

  test("search finds the flashlight tool and opens it", async () => {
    await withScreenshots("search", openPages, async () => {
      await page.getByLabel("Search tools").fill("flashlight");
      await page.waitForURL(/q=flashlight/);
      const link = page.getByRole("link", { name: tool.name, exact: true });
      await link.waitFor();
      await link.click();
      await page.waitForURL(new RegExp(`/tools/${tool.id.replace(/\./g, "\\.")}$`));
      await expect.poll(() => page.getByTestId("tool-title").textContent()).toBe(tool.name);
      await expect.poll(() => page.getByTestId("grounding").textContent()).not.toBe("");
    });
  });

  test("editing the description saves a new version and shows it in the history; a stale tab gets a conflict", async () => {
    await withScreenshots("edit-and-conflict", openPages, async () => {
      // A second tab loads the same tool before the first one saves: its copy goes stale.
      stale = await context.newPage();
      await stale.goto(`${consoleUrl}/tools/${encodeURIComponent(tool.id)}`);
      await expect.poll(() => stale!.getByTestId("tool-version").textContent()).toBe(`v${tool.version}`);

      const added = `Verified end to end ${Date.now()}.`;
      const description = `${tool.description} ${added}`;
      await page.locator("#f-description").fill(description);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      const newVersion = tool.version + 1;
      await expect.poll(() => page.getByTestId("saved").textContent()).toContain(`Saved as version ${newVersion}`);
      await expect.poll(() => page.getByTestId("tool-version").textContent()).toBe(`v${newVersion}`);

      // The revision history shows the new version with a word-level description diff.
      const revision = page.locator(`[data-testid="revision"][data-version="${newVersion}"]`);
      await revision.waitFor();
      const change = revision.locator('tr[data-field="description"]');
      await change.waitFor();
      await expect.poll(() => change.locator("ins").allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining(added.split(" ")[0]!)]),
      );
      expect((await change.locator("ins").allTextContents()).join("")).toContain(added);

      // The stale tab still holds the old version: its save must be refused with CONFLICT,
      // the message must say which version is current, and its edits must stay.
      const staleText = "A stale edit that must not overwrite the first one.";
      await stale.locator("#f-description").fill(staleText);
      await stale.getByRole("button", { name: "Save", exact: true }).click();
      const conflict = stale.getByTestId("conflict");
      await conflict.waitFor();
      const message = await conflict.textContent();
      expect(message).toContain(`Someone else saved this tool (now version ${newVersion})`);
      expect(message).toContain("your edits are kept below");
      expect(await stale.locator("#f-description").inputValue()).toBe(staleText);

      // The stored tool kept the first tab's description.
      const stored = await apiQuery<{ tool: FoundTool }>(
        apiUrl,
        adminApiKey,
        `query($id: ID!) { tool(id: $id) { id name description version } }`,
        { id: tool.id },
      );
      expect(stored.tool.version).toBe(newVersion);
      expect(stored.tool.description).toBe(description);
      tool = stored.tool;
      await stale.close();
      stale = undefined;
    });
  });

  test("an empty name shows the API's validation message next to the name field", async () => {
    await withScreenshots("validation", openPages, async () => {
      await page.locator("#f-name").fill("");
      await page.getByRole("button", { name: "Save", exact: true }).click();
      const error = page.locator('[data-field="name"] .field-error');
      await error.waitFor();
      expect((await error.textContent())?.trim()).not.toBe("");
      expect(await page.locator("#f-name").getAttribute("aria-invalid")).toBe("true");
      // Nothing was saved.
      const stored = await apiQuery<{ tool: FoundTool }>(
        apiUrl,
        adminApiKey,
        `query($id: ID!) { tool(id: $id) { id name description version } }`,
        { id: tool.id },
      );
      expect(stored.tool.name).toBe(tool.name);
      expect(stored.tool.version).toBe(tool.version);
    });
  });

  test("categories page lists the 16 categories with the distribution chart", async () => {
    await withScreenshots("categories", openPages, async () => {
      await page.goto(`${consoleUrl}/categories`);
      const rows = page.locator('[data-testid="categories"] tbody tr');
      await expect.poll(() => rows.count()).toBe(16);
      await page.getByTestId("histogram").waitFor();
      expect(await page.locator('[data-testid="histogram"] rect.bar').count()).toBeGreaterThan(0);
    });
  });
});
