// Calibration and case studies in a real browser (issue #4): the inspector shows the API's
// calibrationPreview (summary and histograms) and follows alpha; its numbers equal those the
// API returns for the same config, fetched directly here; a sample's drill-down shows the
// API's Eq. 6/7/9 terms; "Save as dataset" stores the config and its export downloads through
// the console; an impression is starred as a case study and shown in the Figure 8 view.

import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { apiQuery } from "./support/api";
import { signedInSession, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
const apiUrl = inject("apiUrl");
const adminApiKey = inject("adminApiKey");

/** What the inspector sends at first: every CalibrationConfigInput field, the paper's defaults. */
const DEFAULTS = { alpha: 0.25, gamma: 1.25, k: 3, mu: 0.07, muMode: "FIXED", s: null, userSide: true, systemSide: "DYNAMIC" };

const SUMMARY_FIELDS = [
  "sampleCount",
  "desirableCount",
  "undesirableCount",
  "maskedCount",
  "toolInvokingCount",
  "effectiveSampleSize",
  "mu",
  "s",
  "weightSum",
] as const;

interface Hist {
  edges: number[];
  counts: number[];
}
interface Preview {
  config: { alpha: number };
  sampleCount: number;
  desirableCount: number;
  undesirableCount: number;
  maskedCount: number;
  toolInvokingCount: number;
  effectiveSampleSize: number;
  mu: number;
  s: number;
  weightSum: number;
  histograms: { wU: { desirable: Hist; undesirable: Hist } };
}

const PREVIEW = `query($config: CalibrationConfigInput) {
  calibrationPreview(config: $config) {
    config { alpha }
    ${SUMMARY_FIELDS.join(" ")}
    histograms { wU { desirable { edges counts } undesirable { edges counts } } }
  }
}`;

const fetchPreview = async (config: Record<string, unknown>) =>
  (await apiQuery<{ calibrationPreview: Preview }>(apiUrl, adminApiKey, PREVIEW, { config })).calibrationPreview;

let browser: Browser;
let context: BrowserContext;
let page: Page;
const openPages = () => context.pages();

/** A small click log, for an API that does not seed the demo log (TOOLREC_SEED_DEMO=0). */
async function ingestFallbackLog(): Promise<void> {
  const tools = await apiQuery<{ tools: { edges: { node: { id: string; canonicalQuery: string } }[] } }>(
    apiUrl,
    adminApiKey,
    `query { tools(first: 12, filter: { enabled: true }) { edges { node { id canonicalQuery } } } }`,
  );
  const ids = tools.tools.edges.map((e) => e.node);
  const now = Date.now();
  // Users 0-4 never click (uctr 0 < mu), users 5-9 click every other time; a third of the
  // impressions show no tool, so both labels have weights that alpha moves.
  const impressions = Array.from({ length: 120 }, (_, i) => {
    const tool = ids[i % ids.length]!;
    const desirable = i % 10 >= 5 && i % 2 === 0;
    const toolShown = i % 3 !== 0;
    const clickTool = desirable && toolShown && i % 4 === 0;
    const first = toolShown ? { text: tool.canonicalQuery, toolId: tool.id } : { text: "How does that work?" };
    return {
      id: `e2e-calib-${i}`,
      userId: `e2e-u${i % 10}`,
      timestamp: new Date(now - (i + 1) * 3_600_000).toISOString(),
      dialogue: { userQuery: `help me with ${tool.canonicalQuery.toLowerCase()} ${i}`, assistantResponse: "Sure, here is how." },
      suggestions: [
        { ...first, exposed: true, clicked: clickTool },
        { text: "Tell me more", exposed: true, clicked: desirable && !clickTool },
        { text: "Anything else?", exposed: false, clicked: false },
      ],
    };
  });
  await apiQuery(apiUrl, adminApiKey, `mutation($impressions: [ImpressionInput!]!) { ingestImpressions(impressions: $impressions) { accepted } }`, {
    impressions,
  });
}

beforeAll(async () => {
  const stats = await apiQuery<{ impressionStats: { impressions: number } }>(apiUrl, adminApiKey, `query { impressionStats { impressions } }`);
  if (stats.impressionStats.impressions === 0) await ingestFallbackLog();

  ({ browser, context, page } = await signedInSession(consoleUrl, adminApiKey));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
});

/** The summary cards' exact values (data-value) and the wU histogram's data attributes. */
async function readInspector() {
  const summary: Record<string, number> = {};
  for (const field of SUMMARY_FIELDS) summary[field] = Number(await page.getByTestId(`summary-${field}`).getAttribute("data-value"));
  const svg = page.getByTestId("histogram-wU");
  const list = async (attr: string) => ((await svg.getAttribute(attr)) ?? "").split(",").map(Number);
  return { summary, wU: { edges: await list("data-edges"), desirable: await list("data-desirable"), undesirable: await list("data-undesirable") } };
}

/** Waits until the inspector shows the API's answer for this alpha and is not updating. */
async function waitForAlpha(alpha: number) {
  await expect.poll(() => page.getByTestId("calibration-summary").getAttribute("data-alpha"), { timeout: 20_000 }).toBe(String(alpha));
  await expect.poll(() => page.getByTestId("calibration-status").getAttribute("data-state"), { timeout: 20_000 }).toBe("ready");
}

function expectEqualToApi(shown: Awaited<ReturnType<typeof readInspector>>, api: Preview) {
  for (const field of SUMMARY_FIELDS) expect(shown.summary[field], field).toBe(api[field]);
  expect(shown.wU.edges).toEqual(api.histograms.wU.desirable.edges);
  expect(shown.wU.desirable).toEqual(api.histograms.wU.desirable.counts);
  expect(shown.wU.undesirable).toEqual(api.histograms.wU.undesirable.counts);
}

describe("console: calibration inspector", () => {
  let before: Awaited<ReturnType<typeof readInspector>>;

  test("shows the API's preview for the paper's defaults", async () => {
    await withScreenshots("calibration-defaults", openPages, async () => {
      await page.getByRole("link", { name: "Calibration", exact: true }).click();
      await page.waitForURL(/\/calibration$/);
      await waitForAlpha(0.25);
      before = await readInspector();
      const api = await fetchPreview(DEFAULTS);
      expect(api.sampleCount).toBeGreaterThan(0);
      expectEqualToApi(before, api);
      // The three histograms are drawn, with a bar per bin and label.
      for (const name of ["wU", "wS", "weight"]) {
        const bars = await page.locator(`[data-testid="histogram-${name}"] rect`).count();
        expect(bars).toBe(2 * (api.histograms.wU.desirable.counts.length));
      }
    });
  });

  test("changing alpha changes the summary and the wU histogram, to the API's numbers for that config", async () => {
    await withScreenshots("calibration-alpha", openPages, async () => {
      await page.getByRole("spinbutton", { name: "alpha", exact: true }).fill("0.5");
      await waitForAlpha(0.5);
      const after = await readInspector();

      // Changed: the user-side weights spread from 1 ± 0.25 to 1 ± 0.5.
      expect(after.summary.weightSum).not.toBe(before.summary.weightSum);
      expect(after.summary.effectiveSampleSize).not.toBe(before.summary.effectiveSampleSize);
      expect(after.wU.edges).not.toEqual(before.wU.edges);
      expect(after.wU.edges[0]).toBeCloseTo(0.5, 12);
      expect(after.wU.edges.at(-1)).toBeCloseTo(1.5, 12);
      // Labels and counts that alpha does not touch stay put.
      expect(after.summary.sampleCount).toBe(before.summary.sampleCount);
      expect(after.summary.desirableCount).toBe(before.summary.desirableCount);

      // Equal to the API's answer for the same window and config, fetched directly.
      expectEqualToApi(after, await fetchPreview({ ...DEFAULTS, alpha: 0.5 }));

      // The slider drives the same value.
      await page.getByRole("slider", { name: "alpha slider" }).focus();
      await page.keyboard.press("ArrowRight");
      await waitForAlpha(0.51);
      expectEqualToApi(await readInspector(), await fetchPreview({ ...DEFAULTS, alpha: 0.51 }));
      await page.getByRole("spinbutton", { name: "alpha", exact: true }).fill("0.5");
      await waitForAlpha(0.5);
    });
  });

  test("moving alpha moves the wU bars on a fixed axis, and the config is in the URL", async () => {
    await withScreenshots("calibration-fixed-axis", openPages, async () => {
      const alphaBox = page.getByRole("spinbutton", { name: "alpha", exact: true });
      const svg = page.getByTestId("histogram-wU");
      /** The axis, and the left edge of the lowest bar and the right edge of the highest, in pixels. */
      const geometry = () =>
        svg.evaluate((el) => {
          const bars = Array.from(el.querySelectorAll("rect")).filter((r) => Number(r.getAttribute("data-count")) > 0);
          const xs = bars.map((r) => Number(r.getAttribute("x")));
          const rights = bars.map((r) => Number(r.getAttribute("x")) + Number(r.getAttribute("width")));
          return { domain: el.getAttribute("data-domain"), yMax: Number(el.getAttribute("data-y-max")), left: Math.min(...xs), right: Math.max(...rights) };
        });
      await alphaBox.fill("0.25");
      await waitForAlpha(0.25);
      const at25 = await geometry();
      await alphaBox.fill("0.35");
      await waitForAlpha(0.35);
      const at35 = await geometry();

      // The axis did not rescale: same domain, same y axis.
      expect(at35.domain).toBe("0.5,1.5");
      expect(at35.domain).toBe(at25.domain);
      expect(at35.yMax).toBe(at25.yMax);
      // So the bars spread out with alpha: wU = 1 ∓ alpha·t, 1.4 times as wide.
      expect(at35.left).toBeLessThan(at25.left);
      expect(at35.right).toBeGreaterThan(at25.right);
      const centre = (g: typeof at25) => (g.left + g.right) / 2;
      expect((at35.right - centre(at35)) / (at25.right - centre(at25))).toBeCloseTo(1.4, 1);

      // The config lives in the URL: a reload shows the same alpha (and the same preview).
      await page.waitForURL(/alpha=0\.35/);
      await page.reload();
      await waitForAlpha(0.35);
      expect(await alphaBox.inputValue()).toBe("0.35");
      expectEqualToApi(await readInspector(), await fetchPreview({ ...DEFAULTS, alpha: 0.35 }));

      await alphaBox.fill("0.5");
      await waitForAlpha(0.5);
    });
  });

  test("a sample's drill-down shows the API's Eq. 6, 7 and 9 terms", async () => {
    await withScreenshots("calibration-drilldown", openPages, async () => {
      await page.getByLabel("Label", { exact: true }).selectOption("true");
      await page.getByLabel("Tool-invoking", { exact: true }).selectOption("true");
      const api = await apiQuery<{
        calibrationPreview: { samples: { totalCount: number; edges: { node: { index: number; breakdown: Record<string, number | string | null> } }[] } };
      }>(
        apiUrl,
        adminApiKey,
        `query($config: CalibrationConfigInput) { calibrationPreview(config: $config) { samples(first: 1, filter: { label: true, toolInvoking: true }) {
          totalCount edges { node { index breakdown { uctr mu s t alpha wU p gamma k pToTheK dynamicBoost wS combination weight } } } } } }`,
        { config: { ...DEFAULTS, alpha: 0.5 } },
      );
      const first = api.calibrationPreview.samples.edges[0]?.node;
      if (!first) throw new Error("the click log has no desirable tool-invoking impression");
      await expect.poll(() => page.getByTestId("samples-total").getAttribute("data-value")).toBe(String(api.calibrationPreview.samples.totalCount));
      const row = page.locator(`[data-testid="sample-table"] tbody tr[data-index="${first.index}"]`);
      await row.click();
      const drill = page.getByTestId("sample-drilldown");
      await expect.poll(() => drill.getAttribute("data-index")).toBe(String(first.index));
      // It opens under the table: the page brings it into view.
      await expect
        .poll(() => drill.evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight / 2; }), { timeout: 5_000 })
        .toBe(true);
      const b = first.breakdown;
      for (const name of ["uctr", "mu", "s", "t", "alpha", "wU", "p", "gamma", "k", "pToTheK", "dynamicBoost", "wS", "weight"]) {
        expect(Number(await drill.getByTestId(`term-${name}`).first().getAttribute("data-value")), name).toBe(b[name]);
      }
      expect(await drill.getByTestId("term-combination").textContent()).toBe(b.combination);
      // Rendered as the equation with the numbers substituted.
      expect(await drill.textContent()).toMatch(/\(1 \+ γ\).*= \(1 \+ 1\.25\)/);
      // The logged impression: the dialogue and the suggestions with a clicked tool badge.
      await drill.getByTestId("user-query").waitFor();
      expect(await drill.locator('[data-testid="suggestions"] li[data-clicked="true"]').count()).toBeGreaterThan(0);
      await drill.getByRole("button", { name: "Close drill-down" }).click();
      await page.getByRole("button", { name: "Clear filters" }).click();
    });
  });

  test("Inspect loads a dataset's config and window and keeps the sample filters", async () => {
    await withScreenshots("calibration-inspect", openPages, async () => {
      const userId = (await page.locator('[data-testid="users"] tbody tr code').first().textContent())!.trim();
      await page.getByLabel("User", { exact: true }).fill(userId);
      await page.waitForURL(new RegExp(`user=${userId}`));
      const demo = await apiQuery<{ preferenceDatasets: { edges: { node: { id: string; config: { alpha: number } } }[] } }>(
        apiUrl,
        adminApiKey,
        `query { preferenceDatasets(first: 50) { edges { node { id config { alpha } } } } }`,
      );
      const dataset = demo.preferenceDatasets.edges.map((e) => e.node).find((d) => d.config.alpha !== 0.5);
      if (!dataset) throw new Error("no stored dataset with an alpha other than the inspector's 0.5");
      await page.locator(`[data-testid="dataset-table"] tr[data-dataset-id="${dataset.id}"]`).getByRole("button", { name: "Inspect" }).click();
      await waitForAlpha(dataset.config.alpha);
      expect(await page.getByLabel("User", { exact: true }).inputValue()).toBe(userId);
      expect(new URL(page.url()).searchParams.get("user")).toBe(userId);
      await expect.poll(() => page.getByTestId("samples-total").getAttribute("data-value")).not.toBe(null);
      await page.getByRole("button", { name: "Clear filters" }).click();
      await page.waitForURL((u) => !u.searchParams.has("user"));
      await page.getByRole("spinbutton", { name: "alpha", exact: true }).fill("0.5");
      await waitForAlpha(0.5);
    });
  });

  test("saves the config as a dataset, lists it with its counts and downloads its export", async () => {
    await withScreenshots("calibration-dataset", openPages, async () => {
      const name = `e2e alpha 0.5 ${Date.now()}`;
      await page.getByLabel("Save as dataset").fill(name);
      await page.getByRole("button", { name: "Save", exact: true }).click();
      await expect.poll(() => page.getByTestId("dataset-saved").textContent()).toContain(name);

      const listed = await apiQuery<{
        preferenceDatasets: { edges: { node: { id: string; name: string; sampleCount: number; maskedCount: number; checksum: string; config: { alpha: number }; exportPaths: { jsonl: string } } }[] };
      }>(apiUrl, adminApiKey, `query { preferenceDatasets(first: 50) { edges { node { id name sampleCount maskedCount checksum config { alpha } exportPaths { jsonl } } } } }`);
      const d = listed.preferenceDatasets.edges.map((e) => e.node).find((n) => n.name === name);
      if (!d) throw new Error("the saved dataset is not in preferenceDatasets");
      expect(d.config.alpha).toBe(0.5);
      const shownMasked = Number(await page.getByTestId("summary-maskedCount").getAttribute("data-value"));
      expect(d.maskedCount).toBe(shownMasked);

      const row = page.locator(`[data-testid="dataset-table"] tr[data-dataset-id="${d.id}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain(d.sampleCount.toLocaleString("en-US"));
      const href = await row.getByRole("link", { name: "JSONL" }).getAttribute("href");
      expect(href).toBe(`/api${d.exportPaths.jsonl}`);
      // Through the console's route, with the session cookie only (no key in the page).
      const response = await page.request.get(`${consoleUrl}${href}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["x-checksum-sha256"]).toBe(d.checksum);
      const lines = (await response.text()).trim().split("\n");
      expect(lines).toHaveLength(d.sampleCount);
      expect(Object.keys(JSON.parse(lines[0]!))).toEqual(expect.arrayContaining(["prompt", "completion", "label", "weight"]));

      await row.getByRole("button", { name: `Delete ${name}` }).click();
      await row.getByRole("button", { name: "Delete it" }).click();
      await row.waitFor({ state: "detached" });
    });
  });
});

describe("console: case studies", () => {
  let impressionId = "";

  test("browse impressions, open one to its dialogue and suggestions, star it with a note", async () => {
    await withScreenshots("case-studies-star", openPages, async () => {
      await page.getByRole("link", { name: "Case studies", exact: true }).click();
      await page.waitForURL(/\/case-studies$/);
      await page.getByLabel("Desirable", { exact: true }).selectOption("true");
      await page.getByLabel("Tool-invoking", { exact: true }).selectOption("true");
      await page.getByLabel("Starred", { exact: true }).selectOption("false");
      const api = await apiQuery<{ impressions: { totalCount: number; edges: { node: { id: string } }[] } }>(
        apiUrl,
        adminApiKey,
        `query { impressions(first: 1, filter: { desirable: true, toolInvoking: true, starred: false }) { totalCount edges { node { id } } } }`,
      );
      impressionId = api.impressions.edges[0]?.node.id ?? "";
      if (!impressionId) throw new Error("no desirable tool-invoking impression to star");
      const row = page.locator(`[data-testid="impression-table"] tr[data-impression-id="${impressionId}"]`);
      await expect.poll(() => page.locator('[data-testid="impression-table"] tbody tr[data-impression-id]').first().getAttribute("data-impression-id")).toBe(impressionId);
      await row.click();
      const expanded = page.locator(`tr[data-expanded-for="${impressionId}"]`);
      await expanded.getByTestId("user-query").waitFor();
      expect(await expanded.locator('[data-testid="suggestions"] li[data-clicked="true"] [data-testid="tool-badge"]').count()).toBeGreaterThan(0);

      await expanded.getByTestId("star-button").click();
      await expanded.getByLabel("Case-study title").fill("E2E: a tool-invoking click");
      await expanded.getByLabel("Case-study note").fill("The user clicked the suggestion that runs the tool.");
      await expanded.getByRole("button", { name: "★ Star" }).click();
      await expect.poll(() => page.getByTestId("case-studies").textContent()).toContain("E2E: a tool-invoking click");
    });
  });

  test("the case-study view: dialogue, suggestions with tool badges and clicks, the note and the calibration terms", async () => {
    await withScreenshots("case-study-view", openPages, async () => {
      await page.locator(`[data-testid="case-study-card"][data-impression-id="${impressionId}"]`).click();
      await page.waitForURL(new RegExp(`/case-studies/${impressionId}$`));
      await expect.poll(() => page.getByTestId("case-study-title").textContent()).toBe("E2E: a tool-invoking click");
      const figure = page.getByTestId("figure");
      await figure.getByTestId("user-query").waitFor();
      expect(await figure.locator('li[data-clicked="true"] [data-testid="tool-badge"]').count()).toBeGreaterThan(0);
      expect(await page.getByTestId("case-study-note").textContent()).toBe("The user clicked the suggestion that runs the tool.");

      // The terms of this impression in the newest dataset that holds it, as the API has them.
      const data = await apiQuery<{ preferenceDatasets: { edges: { node: { sample: { breakdown: { weight: number; wU: number; wS: number } } | null } }[] } }>(
        apiUrl,
        adminApiKey,
        `query($id: ID!) { preferenceDatasets(first: 20) { edges { node { sample(impressionId: $id) { breakdown { weight wU wS } } } } } }`,
        { id: impressionId },
      );
      // The stack seeds a demo dataset over the whole demo log, so the impression is in one.
      const sample = data.preferenceDatasets.edges.map((e) => e.node.sample).find((s) => s);
      if (!sample) throw new Error("the starred impression is in no stored dataset; the seeded demo dataset should hold it");
      const terms = page.getByTestId("case-study-calibration");
      await terms.getByTestId("breakdown").waitFor();
      expect(Number(await terms.getByTestId("term-weight").getAttribute("data-value"))).toBe(sample.breakdown.weight);
      expect(Number(await terms.getByTestId("term-wU").getAttribute("data-value"))).toBe(sample.breakdown.wU);

      // Unstar (leaves the database as it was).
      await page.getByRole("button", { name: "Unstar" }).click();
      await page.getByTestId("star-button").waitFor();
    });
  });
});
