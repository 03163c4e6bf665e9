// Retrieval in a real browser (issues #5, #12): the dialogue editor drives a live preview of the
// ranked tools with a bar per stage score (utterance, context, prior, fused) and the matched
// words; a multi-turn follow-up is resolved from the context, and switching the context part
// off in B shows (and highlights) what differs; each column has a toggle per lexical part
// (context, prior, clicks, classifier), and switching the classifier off in B reaches the API;
// the status line says how the phrase classifier stands (and its progress while it retrains);
// clearing the query clears the results; the latest evaluation is shown; the tool editor
// previews an unsaved edit's impact on the dev set's tune part (the test part is held out), and
// the tune part's misses are listed with links to the preview and the missed tool's editor.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { signedInSession, withScreenshots } from "./support/browser";

const consoleUrl = inject("consoleUrl");
/** The dev set the e2e stack's API reads (the repository's). */
const DEVSET = fileURLToPath(new URL("../packages/retrieval/devset/dialogues.jsonl", import.meta.url));
const adminApiKey = inject("adminApiKey");

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

const hitIds = (column: string) =>
  page.locator(`[data-testid="hits-${column}"] > li`).evaluateAll((items) => items.map((li) => li.getAttribute("data-tool-id")));

describe("console: retrieval", () => {
  test("the example dialogue retrieves storage tools, with a bar per stage score and the words that matched", async () => {
    await withScreenshots("retrieval-preview", openPages, async () => {
      await page.getByRole("link", { name: "Retrieval", exact: true }).click();
      await page.waitForURL(/\/retrieval$/);
      await expect.poll(() => page.getByTestId("retriever-A").textContent()).toBe("utterance");
      await expect.poll(async () => (await hitIds("A")).filter((id) => id?.startsWith("storage.")).length).toBeGreaterThanOrEqual(3);
      const first = page.locator('[data-testid="hits-A"] > li').first();
      expect(await first.textContent()).toMatch(/matched/);
      // One bar per stage: the utterance match, the frequency prior and the fused total, each with a width.
      for (const stage of ["utterance", "prior", "fused"]) {
        const bar = first.locator(`[data-stage="${stage}"]`);
        expect(await bar.count()).toBe(1);
        const width = await bar.locator("span > span").evaluate((el) => (el as HTMLElement).style.width);
        expect(Number.parseFloat(width)).toBeGreaterThan(0);
      }
      // The top tool's fused bar is the full scale of its column.
      expect(Number.parseFloat(await first.locator('[data-stage="fused"] span > span').evaluate((el) => (el as HTMLElement).style.width))).toBe(100);
      await expect.poll(() => page.getByTestId("retrieval-status").textContent()).toMatch(/708 enabled tools indexed/);
      // The phrase classifier the API trained at start-up, and how long that took.
      await expect.poll(() => page.getByTestId("classifier-status").textContent()).toMatch(/classifier: 708 tools, trained in \d+\.\d s/);
    });
  });

  test("while the classifier retrains after an edit, the status line shows its progress", async () => {
    await withScreenshots("retrieval-classifier-training", openPages, async () => {
      // A retraining lasts about two seconds, too short to catch reliably between two status
      // polls, so this test rewrites the classifier field of the real status answer (the API
      // side of the state is tested in apps/api/test/retrieval.test.ts).
      await page.route("**/api/graphql", async (route) => {
        const sent = route.request().postDataJSON() as { query?: string } | null;
        if (!sent?.query?.includes("retrievalStatus")) return route.fallback();
        const response = await route.fetch();
        const body = (await response.json()) as { data: { retrievalStatus: { classifier: Record<string, unknown> } } };
        body.data.retrievalStatus.classifier = { ...body.data.retrievalStatus.classifier, state: "TRAINING", progress: 0.42 };
        await route.fulfill({ response, json: body });
      });
      await page.reload();
      const status = page.getByTestId("classifier-status");
      await expect.poll(() => status.textContent()).toMatch(/retraining\s*42% \(the previous model, 708 tools, serves meanwhile\)/);
      expect(await status.getByRole("progressbar", { name: "classifier training" }).getAttribute("value")).toBe("42");
      await page.unroute("**/api/graphql");
      await page.reload();
      await expect.poll(() => status.textContent()).toMatch(/classifier: 708 tools/);
    });
  });

  test("a follow-up is resolved from the earlier turns and the assistant's response", async () => {
    await withScreenshots("retrieval-multi-turn", openPages, async () => {
      await page.getByLabel("User query").fill("yes, do that please");
      await page.getByLabel("Assistant response").fill("");
      await page.getByRole("button", { name: "+ Add turn" }).click();
      await page.getByLabel("Turn 1 text").fill("it's getting dark and I can't find my keys");
      await page.getByRole("button", { name: "+ Add turn" }).click();
      await expect.poll(() => page.getByLabel("Turn 2 role").inputValue()).toBe("ASSISTANT");
      await page.getByLabel("Turn 2 text").fill("I can turn on the flashlight for you.");
      await expect.poll(async () => (await hitIds("A"))[0] ?? "").toMatch(/flashlight/);
      // The earlier turns are the context part's evidence: the flashlight has a context bar.
      expect(await page.locator('[data-testid="hits-A"] > li').first().locator('[data-stage="context"]').count()).toBe(1);

      // A/B: B without the context part cannot resolve "do that"; the page says what differs and marks it.
      const compare = page.getByLabel("Compare two configurations (A / B)");
      if (!(await compare.isChecked())) await compare.check();
      await page.getByRole("group", { name: "Stages of configuration B" }).getByLabel("Context").uncheck();
      await expect.poll(() => page.getByTestId("ab-diff").textContent()).toMatch(/differ between A and B/);
      const flashlight = page.locator('[data-testid="hits-A"] > li').first();
      expect(await flashlight.getAttribute("data-differs")).toBe("true");
      await expect.poll(async () => (await hitIds("B")).some((id) => id?.includes("flashlight"))).toBe(false);

      // Every lexical part has its toggle in both columns, on by default (the classifier too).
      for (const column of ["A", "B"]) {
        const stages = page.getByRole("group", { name: `Stages of configuration ${column}` });
        for (const part of ["Context", "Prior", "Clicks", "Classifier"]) {
          expect(await stages.getByLabel(part, { exact: true }).isEnabled()).toBe(true);
        }
        expect(await stages.getByLabel("Classifier", { exact: true }).isChecked()).toBe(true);
      }
      // Switching the classifier off in B is sent to the API, which says it did not run it.
      const previewB = page.waitForResponse((response) => {
        if (!response.url().endsWith("/api/graphql") || response.request().method() !== "POST") return false;
        const sent = response.request().postDataJSON() as { query?: string; variables?: { config?: { classifier?: boolean } | null } } | null;
        return sent?.query?.includes("retrievalPreview") === true && sent.variables?.config?.classifier === false;
      });
      await page.getByRole("group", { name: "Stages of configuration B" }).getByLabel("Classifier", { exact: true }).uncheck();
      const answer = (await (await previewB).json()) as { data?: { retrievalPreview?: { stagesUsed?: { classifier?: boolean; context?: boolean } } } };
      expect(answer.data?.retrievalPreview?.stagesUsed).toMatchObject({ classifier: false, context: false });
      await expect.poll(() => page.getByRole("group", { name: "Stages of configuration A" }).getByLabel("Classifier", { exact: true }).isChecked()).toBe(true);

      // Clearing the query clears the results and says why.
      await page.getByLabel("User query").fill("");
      await page.getByText("Type a user query to retrieve tools.").waitFor();
      await expect.poll(() => page.locator('[data-testid="hits-A"]').count()).toBe(0);
      await expect.poll(() => page.locator('[data-testid="hits-B"]').count()).toBe(0);
    });
  });

  test("with no evaluation run on this stack, the page says how to produce one", async () => {
    await withScreenshots("retrieval-evaluation", openPages, async () => {
      // The e2e stack points TOOLREC_RETRIEVAL_EVAL_PATH into its fresh data folder.
      const card = page.getByTestId("evaluation");
      await expect.poll(() => card.textContent()).toMatch(/No evaluation yet\. Run npm run eval:retrieval/);
    });
  });

  test("the tune part's misses are listed for curators: open one in the preview, or the missed tool's editor", async () => {
    await withScreenshots("retrieval-misses", openPages, async () => {
      const splitOf = new Map(
        readFileSync(DEVSET, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => {
          const row = JSON.parse(l) as { id: string; split: string };
          return [row.id, row.split] as const;
        }),
      );
      const card = page.getByTestId("tune-misses");
      await expect.poll(() => card.getByTestId("tune-misses-summary").textContent()).toMatch(/Recall@5 0\.\d{3} on \d+ tune-part dialogues · \d+ misses · \d+ test-part dialogues held out/);
      const ids = await card.locator("li[data-dialogue-id]").evaluateAll((items) => items.map((li) => li.getAttribute("data-dialogue-id")));
      expect(ids.length).toBe(20);
      expect(ids.every((id) => splitOf.get(id ?? "") === "tune")).toBe(true);

      // One category's misses.
      await card.getByLabel("Category of the misses").selectOption("display");
      await expect.poll(async () => (await card.locator("li[data-dialogue-id]").allTextContents()).every((t) => t.includes("· display ·"))).toBe(true);

      // Open the first single-turn miss in the preview: its words become the dialogue above.
      const first = card.locator("li[data-dialogue-id]").filter({ hasNotText: "multi_turn" }).first();
      const quoted = (await first.locator("div").filter({ hasText: /^“/ }).first().textContent()) ?? "";
      await first.getByRole("button", { name: "Open in the preview" }).click();
      await expect.poll(() => page.getByLabel("User query").inputValue()).toBe(quoted.replace(/^“|”$/g, ""));

      // The missed tool's link opens its editor, which lists the dialogues it is missed in.
      const dialogueId = await first.getAttribute("data-dialogue-id");
      const missed = first.locator("[data-relevant-tool]").filter({ has: page.locator(".warn-text") }).first();
      const toolId = await missed.getAttribute("data-relevant-tool");
      await missed.getByRole("link").click();
      await page.waitForURL(new RegExp(`/tools/${toolId!.replace(".", "\\.")}$`));
      const item = page.getByTestId("tool-misses").locator(`[data-miss-id="${dialogueId}"]`);
      await item.waitFor();
      expect(await page.getByTestId("tool-misses").textContent()).toMatch(/Missed in \d+ of \d+ tune-part dialogues labelled with this tool/);
      // An unsaved phrase with that dialogue's words would bring the tool into its top 5: the item says so.
      await page.getByRole("textbox", { name: "Utterance 1", exact: true }).fill(quoted.replace(/^“|”$/g, ""));
      await expect.poll(() => item.textContent(), { timeout: 20_000 }).toMatch(/enters the top 5 with this edit/);
      await page.getByRole("button", { name: "Discard changes" }).click();
      await page.goBack();
    });
  });

  test("the tool editor previews an unsaved edit's impact on the dev set", async () => {
    await withScreenshots("impact-preview", openPages, async () => {
      await page.goto(`${consoleUrl}/tools/sound.clean_speaker`);
      const panel = page.getByTestId("impact-preview");
      await panel.waitFor();
      expect(await panel.textContent()).toMatch(/before you save/);
      // Teach the speaker tool the words of dev-set dialogue d002 (tune part: a dark-theme request).
      await page.getByRole("textbox", { name: "Utterance 1", exact: true }).fill("could you flip the whole phone over to the dark theme? these white menus are so harsh");
      await panel.locator('[data-dialogue-id="d002"]').waitFor();
      expect(await panel.textContent()).toMatch(/Enters the top 5 of/);
      expect(await panel.textContent()).toMatch(/of \d+ tune-part dialogues change their top 5 \(\d+ test-part dialogues held out\)/);
      await page.getByRole("button", { name: "Discard changes" }).click();
      await expect.poll(() => panel.textContent()).toMatch(/before you save/);
    });
  });
});
