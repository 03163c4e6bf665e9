// Layout at 1024 px (issue 9, Console 5 and 6), and at 1440 px for comparison: every nav item
// (API keys included) is on screen and not covered, the tools table's columns all fit without
// sideways scrolling, the dark nav shows a focus ring to keyboard users, and the console has
// a favicon.

import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { signedInSession, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
const adminApiKey = inject("adminApiKey");

const NAV = ["Tools", "Categories", "Retrieval", "Calibration", "Runs", "Models", "Playground", "Offline experiments", "Case studies", "API keys"];
const TOOL_COLUMNS = ["Name", "Category", "Canonical query", "Invocations", "Freq. pct.", "Enabled"];

let browser: Browser;
let context: BrowserContext;
let page: Page;
const openPages = () => context.pages();

beforeAll(async () => {
  ({ browser, context, page } = await signedInSession(consoleUrl, adminApiKey));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** The element is inside the viewport and is what a click at its centre would hit. */
function fullyShown(selector: string, index: number) {
  return page.evaluate(
    ([sel, i]) => {
      const el = document.querySelectorAll(sel)[i as number] as HTMLElement | undefined;
      if (!el) return "missing";
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.left < 0 || r.right > window.innerWidth || r.top < 0 || r.bottom > window.innerHeight) return `outside: ${JSON.stringify(r)}`;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return hit && (hit === el || el.contains(hit)) ? "shown" : `covered by ${hit?.outerHTML.slice(0, 80)}`;
    },
    [selector, index] as const,
  );
}

describe.each([1024, 1440])("console layout at %i px", (width) => {
  test("every nav item is visible, API keys included", async () => {
    await withScreenshots(`layout-nav-${width}`, openPages, async () => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${consoleUrl}/tools`);
      const links = page.locator("nav.nav a");
      expect(await links.allTextContents()).toEqual(NAV);
      for (const [i, name] of NAV.entries()) expect(await fullyShown("nav.nav a", i), name).toBe("shown");
    });
  });

  test("the tools table shows every column without sideways scrolling", async () => {
    await withScreenshots(`layout-tools-${width}`, openPages, async () => {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${consoleUrl}/tools`);
      await page.locator(".tools-table tbody tr a.strong").first().waitFor();
      const headers = (await page.locator(".tools-table thead th").allTextContents()).map((t) => t.trim());
      expect(headers).toEqual(TOOL_COLUMNS);
      const wrap = await page.locator(".table-wrap").evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(wrap.scroll).toBeLessThanOrEqual(wrap.client + 1);
      for (const [i, name] of TOOL_COLUMNS.entries()) expect(await fullyShown(".tools-table thead th", i), name).toBe("shown");
    });
  });
});

describe("console chrome", () => {
  test("keyboard focus on the dark nav shows a ring", async () => {
    await withScreenshots("nav-focus-ring", openPages, async () => {
      await page.setViewportSize({ width: 1024, height: 800 });
      await page.goto(`${consoleUrl}/tools`);
      // Tab from the top of the page: the brand, then the first nav item.
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      const ring = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        return { text: el.textContent, style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
      });
      expect(ring.text).toBe("Tools");
      expect(ring.style).toBe("solid");
      expect(ring.width).toBeGreaterThanOrEqual(2);
      // Light on the dark bar (#18202e): the ring's brightest channel is well above the bar's.
      const channels = (ring.color.match(/\d+/g) ?? []).slice(0, 3).map(Number);
      expect(Math.max(...channels)).toBeGreaterThan(150);
    });
  });

  test("the console has a favicon, served without a session", async () => {
    await withScreenshots("favicon", openPages, async () => {
      const href = await page.locator('head link[rel="icon"]').first().getAttribute("href");
      expect(href).toMatch(/icon/);
      const response = await fetch(new URL(href!, consoleUrl), { redirect: "manual" });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/image\/svg/);
    });
  });
});
