// Never lose an edit, and history that works (issue 9, Console 1 and 2), in a real browser:
// an unsaved tool edit survives a nav click and the Back button until the curator chooses to
// leave; a refused save brings the first invalid field into view with the cursor in it; Escape
// cancels the delete confirmation; the new-tool form says "Category", not "categoryId"; the
// tools list keeps its page, filters and sort in the URL, so Back from a tool returns to page 2
// and Back from a filter returns to the list before it (not to sign-in); the Retrieval
// dialogue survives a reload; /sign-in while signed in goes to the console.

import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Dialog, Page } from "playwright-core";
import { apiQuery } from "./support/api";
import { signedInSession, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
const apiUrl = inject("apiUrl");
const adminApiKey = inject("adminApiKey");

/** A tool these specs edit without saving (the stored tool must not change). */
const TOOL_ID = "sound.clean_speaker";
const TOOL_NAME = "Clean speaker";

let browser: Browser;
let context: BrowserContext;
let page: Page;
const openPages = () => context.pages();

/** Every dialog the page opens, answered with `answer` (confirm: accept = leave). */
const dialogs: string[] = [];
let answer: "accept" | "dismiss" = "dismiss";
const onDialog = (dialog: Dialog) => {
  dialogs.push(dialog.message());
  void (answer === "accept" ? dialog.accept() : dialog.dismiss());
};

/** expect.poll with room for a loaded machine (vitest's default is one second). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

const storedTool = async () =>
  (await apiQuery<{ tool: { version: number; description: string } }>(apiUrl, adminApiKey, `query($id: ID!) { tool(id: $id) { version description } }`, { id: TOOL_ID })).tool;

beforeAll(async () => {
  ({ browser, context, page } = await signedInSession(consoleUrl, adminApiKey));
  page.on("dialog", onDialog);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** Opens the tool from the tools list (an in-app navigation, so Back stays in the app). */
async function openToolFromList() {
  await page.getByRole("link", { name: "Tools", exact: true }).click();
  await page.waitForURL(/\/tools(\?.*)?$/);
  await page.getByLabel("Search tools").fill("clean speaker");
  await page.waitForURL(/q=clean/);
  await page.getByRole("link", { name: TOOL_NAME, exact: true }).click();
  await page.waitForURL(new RegExp(`/tools/${TOOL_ID.replace(".", "\\.")}$`));
  await poll(() => page.getByTestId("tool-title").textContent()).toBe(TOOL_NAME);
}

describe("console: never lose an edit", () => {
  test("an unsaved edit survives a nav click and Back until the curator confirms leaving", async () => {
    await withScreenshots("leave-guard", openPages, async () => {
      const before = await storedTool();
      await openToolFromList();
      const edited = `${before.description} An edit that is not saved yet.`;
      await page.locator("#f-description").fill(edited);

      // A nav link asks first; refusing keeps the page and the edit.
      answer = "dismiss";
      dialogs.length = 0;
      await page.getByRole("link", { name: "Categories", exact: true }).click();
      await poll(() => dialogs.length).toBe(1);
      expect(dialogs[0]).toMatch(/unsaved edits/);
      await page.waitForTimeout(300);
      expect(new URL(page.url()).pathname).toBe(`/tools/${TOOL_ID}`);
      expect(await page.locator("#f-description").inputValue()).toBe(edited);

      // So does the breadcrumb, and so does the browser's Back button.
      await page.locator(".crumbs").getByRole("link", { name: "Tools", exact: true }).click();
      await poll(() => dialogs.length).toBe(2);
      // (The browser's Back, as a user presses it; a refused traversal never completes.)
      await page.goBack({ timeout: 5_000 }).catch(() => null);
      await poll(() => dialogs.length).toBe(3);
      await page.waitForTimeout(300);
      expect(new URL(page.url()).pathname).toBe(`/tools/${TOOL_ID}`);
      expect(await page.locator("#f-description").inputValue()).toBe(edited);

      // Confirming leaves; nothing was saved.
      answer = "accept";
      await page.getByRole("link", { name: "Categories", exact: true }).click();
      await page.waitForURL(/\/categories$/);
      expect(dialogs).toHaveLength(4);
      expect(await storedTool()).toEqual(before);
      answer = "dismiss";
    });
  });

  test("a refused save scrolls to the first invalid field and puts the cursor in it", async () => {
    await withScreenshots("focus-invalid", openPages, async () => {
      await page.setViewportSize({ width: 1400, height: 650 });
      await page.goto(`${consoleUrl}/tools/${TOOL_ID}`);
      await page.locator("#f-name").fill("");
      // Save sits under the form: clicking it scrolls the name field out of view.
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await page.locator('[data-field="name"] .field-error').waitFor();
      await poll(() => page.evaluate(() => document.activeElement?.id)).toBe("f-name");
      await poll(() => page.locator("#f-name").evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }))
        .toBe(true);
      await page.getByRole("button", { name: "Discard changes" }).click();
      await page.setViewportSize({ width: 1500, height: 1100 });
    });
  });

  test("Escape cancels the delete confirmation", async () => {
    await withScreenshots("delete-escape", openPages, async () => {
      const before = await storedTool();
      await page.getByRole("button", { name: "Delete tool…" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Confirm delete" });
      await confirm.waitFor();
      // It opens with the focus on Cancel, so Escape (or Enter) is the safe answer.
      await poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Cancel");
      await page.keyboard.press("Escape");
      await confirm.waitFor({ state: "detached" });
      await poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Delete tool…");
      expect(await storedTool()).toEqual(before);
    });
  });

  test("the new-tool form names the field as the form does: Category, not categoryId", async () => {
    await withScreenshots("new-tool-labels", openPages, async () => {
      await page.goto(`${consoleUrl}/tools/new`);
      await page.getByRole("button", { name: "Create tool" }).click();
      const error = page.locator('[data-field="categoryId"] .field-error');
      await error.waitFor();
      const text = (await error.textContent()) ?? "";
      expect(text).toMatch(/^Category\b/);
      expect(text).not.toContain("categoryId");
    });
  });
});

describe("console: state in the URL, and history that works", () => {
  test("Back from a tool opened on page 2 returns to page 2", async () => {
    await withScreenshots("back-to-page-2", openPages, async () => {
      await page.goto(`${consoleUrl}/tools`);
      const firstRow = () => page.locator(".tools-table tbody tr").first().locator("a.strong").textContent();
      const page1First = await (async () => {
        await page.locator(".tools-table tbody tr a.strong").first().waitFor();
        return firstRow();
      })();
      await page.getByRole("button", { name: "Next →" }).click();
      await page.waitForURL(/after=/);
      await poll(() => page.locator(".pager").textContent()).toMatch(/51–100 of/);
      await poll(firstRow).not.toBe(page1First);
      const page2First = await firstRow();
      const page2Url = page.url();

      await page.locator(".tools-table tbody tr").first().locator("a.strong").click();
      await page.waitForURL(/\/tools\/[^/?]+$/);
      await page.goBack();
      await page.waitForURL(page2Url);
      await poll(() => page.locator(".pager").textContent()).toMatch(/51–100 of/);
      await poll(firstRow).toBe(page2First);

      // And Previous is page 1 again.
      await page.getByRole("button", { name: "← Previous" }).click();
      await poll(firstRow).toBe(page1First);
      expect(page.url()).not.toMatch(/after=/);
    });
  });

  test("each filter is a history entry: Back undoes it, and Back from the first filter is the plain list, not sign-in", async () => {
    await withScreenshots("filter-history", openPages, async () => {
      // A fresh sign-in: the list is the first page of the console in this tab.
      const fresh = await signedInSession(consoleUrl, adminApiKey);
      try {
        const p = fresh.page;
        const count = () => p.getByTestId("tool-count").textContent();
        await p.getByTestId("tool-count").waitFor();
        const all = await count();
        await p.getByLabel("Category", { exact: true }).selectOption("media");
        await p.waitForURL(/category=media/);
        const media = await (async () => {
          await poll(count).not.toBe(all);
          return count();
        })();
        await p.getByLabel("Enabled", { exact: true }).selectOption("false");
        await p.waitForURL(/enabled=false/);
        await poll(count).not.toBe(media);

        await p.goBack();
        await p.waitForURL((u) => u.searchParams.get("category") === "media" && !u.searchParams.has("enabled"));
        await poll(count).toBe(media);
        expect(await p.getByLabel("Enabled", { exact: true }).inputValue()).toBe("");

        await p.goBack();
        await p.waitForURL((u) => u.pathname === "/tools" && u.search === "");
        await poll(count).toBe(all);
        expect(await p.getByLabel("Category", { exact: true }).inputValue()).toBe("");
      } finally {
        await fresh.context.close();
        await fresh.browser.close();
      }
    });
  });

  test("Relevance is offered only with a search, and a search is part of the URL", async () => {
    await withScreenshots("relevance-option", openPages, async () => {
      await page.goto(`${consoleUrl}/tools`);
      const sortOptions = () => page.getByLabel("Sort by").locator("option").allTextContents();
      await poll(sortOptions).not.toContain("Relevance");
      await page.getByLabel("Search tools").fill("wifi");
      await page.waitForURL(/q=wifi/);
      await poll(sortOptions).toContain("Relevance");
      await page.getByLabel("Sort by").selectOption("RELEVANCE");
      await page.waitForURL(/sort=RELEVANCE/);
      // Clearing the search drops the Relevance order with it: no error, the default order.
      await page.getByLabel("Search tools").fill("");
      await page.waitForURL((u) => !u.searchParams.has("q") && !u.searchParams.has("sort"));
      await poll(sortOptions).not.toContain("Relevance");
      expect(await page.locator(".notice.error").count()).toBe(0);
      await page.reload();
      await poll(() => page.getByTestId("tool-count").textContent()).toMatch(/\d+ tools/);
    });
  });

  test("the Retrieval dialogue is in the URL: a reload keeps it, Back returns to the one before", async () => {
    await withScreenshots("retrieval-url", openPages, async () => {
      await page.goto(`${consoleUrl}/retrieval`);
      const query = () => page.getByLabel("User query").inputValue();
      await poll(query).toBe("my phone is so slow and storage is full");
      await page.getByLabel("User query").fill("it is too dark to find my keys");
      await page.waitForURL(/dialogue=/);
      await page.reload();
      await poll(query).toBe("it is too dark to find my keys");
      await page.goBack();
      await page.waitForURL((u) => u.pathname === "/retrieval" && !u.searchParams.has("dialogue"));
      await poll(query).toBe("my phone is so slow and storage is full");
    });
  });

  test("/sign-in while signed in goes to the console", async () => {
    await withScreenshots("signed-in-sign-in", openPages, async () => {
      await page.goto(`${consoleUrl}/sign-in`);
      await page.waitForURL(/\/tools$/);
      await page.goto(`${consoleUrl}/sign-in?next=${encodeURIComponent("/categories")}`);
      await page.waitForURL(/\/categories$/);
    });
  });
});
