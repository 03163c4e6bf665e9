// Debian chromium through playwright-core (`npx playwright install` cannot download here).

import fs from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../artifacts");

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} not found: install Debian's chromium (apt-get install -y chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

function slug(text: string): string {
  return text.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").slice(0, 80);
}

/** Screenshots of every open page into e2e/artifacts/ (gitignored). */
export async function screenshotAll(name: string, pages: Page[]): Promise<string[]> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const files: string[] = [];
  for (const [i, page] of pages.entries()) {
    if (page.isClosed()) continue;
    const file = path.join(ARTIFACTS_DIR, `${slug(name)}-${i + 1}.png`);
    try {
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    } catch {
      // a crashed page cannot be captured; the error itself is reported by the test
    }
  }
  return files;
}

/** Runs a test body; on failure saves screenshots of `pages()` and rethrows. */
export async function withScreenshots(name: string, pages: () => Page[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    const files = await screenshotAll(`FAILED-${name}`, pages());
    if (files.length > 0) console.error(`[e2e] screenshots: ${files.join(", ")}`);
    throw error;
  }
}

/** A browser with one page signed in to the console with `apiKey` (for specs that are not about signing in). */
export async function signedInSession(consoleUrl: string, apiKey: string): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1500, height: 1100 } });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  await page.goto(`${consoleUrl}/sign-in`);
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/tools/);
  return { browser, context, page };
}
