// The offline experiments' serving path: model versions as arms from their stored settings,
// and OpenAI-compatible versions against a real local HTTP server (the stand-in for vLLM):
// one that answers serves, one that is gone is refused up front, one whose server drops the
// connection mid-run fails the experiment, one that is merely slow is counted as fallbacks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runOfflineExperiment, ValidationError } from "@toolrec/core";
import { ArmUnavailableError, createServingContext, groundedArm, modelVersionArm, offlineServingProblem, validateModelVersionSettings, type ServingTool } from "../src/index";
import { catalogTools, startOpenAiStandIn, type OpenAiStandIn } from "../test-support/index";

// The seed catalog; a tool's category is its id's prefix (its file).
const TOOLS: ServingTool[] = [...catalogTools().values()].map((t) => ({ ...t, categoryId: t.id.split(".")[0] ?? "x" }));
// A plain retriever for the test: tools sharing the most words with the user query.
const retrieve = async (dialogue: { userQuery: string }, topN: number) => {
  const words = new Set(dialogue.userQuery.toLowerCase().split(/\W+/u).filter((w) => w.length > 2));
  return TOOLS.map((t) => ({ id: t.id, score: t.utterances.join(" ").toLowerCase().split(/\W+/u).filter((w) => words.has(w)).length }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, topN);
};

let standIn: OpenAiStandIn;
beforeAll(async () => {
  standIn = await startOpenAiStandIn();
});
afterAll(async () => {
  await standIn?.close();
});

const openai = (extra: Record<string, unknown> = {}) => ({ kind: "openai", baseUrl: standIn.url, model: "toolrec-standin", timeoutMs: 5000, ...extra });

describe("offline serving", () => {
  it("a grounded version's arm serves what the grounded arm serves; an OpenAI-compatible one is served by its server", async () => {
    const ctx = createServingContext(TOOLS, retrieve);
    const posts = () => standIn.requests.filter((r) => r.method === "POST").length;
    const before = posts();
    const result = await runOfflineExperiment(ctx.tools, [groundedArm(ctx, "a"), modelVersionArm(ctx, { name: "b", settings: { kind: "grounded" } }), modelVersionArm(ctx, { name: "c", settings: openai() })], {
      impressions: 60,
      seed: 2,
    });
    const [a, b, c] = result.arms;
    expect(b!.counts).toEqual(a!.counts);
    expect(c!.counts.impressions).toBe(60);
    expect(posts() - before).toBe(60);
  });

  it("settings this build cannot run are a ValidationError on the field given", () => {
    const ctx = createServingContext(TOOLS, retrieve);
    expect(() => modelVersionArm(ctx, { name: "x", settings: { kind: "grounded", temperature: 1 } }, "arms[1].settings")).toThrow(ValidationError);
    expect(() => modelVersionArm(ctx, { name: "x", settings: { kind: "nope" } }, "arms[1].settings")).toThrow(expect.objectContaining({ field: "arms[1].settings.kind" }));
  });

  it("says why a version cannot serve offline: no key, no server; grounded and a live server can", async () => {
    expect(await offlineServingProblem(validateModelVersionSettings({ kind: "grounded" }))).toBeNull();
    expect(await offlineServingProblem(validateModelVersionSettings(openai()))).toBeNull();
    expect(await offlineServingProblem(validateModelVersionSettings(openai({ apiKeyEnv: "TOOLREC_TEST_NO_SUCH_KEY" })), {})).toMatch(/TOOLREC_TEST_NO_SUCH_KEY is not set/);
    const gone = await startOpenAiStandIn();
    const url = gone.url;
    await gone.close();
    expect(await offlineServingProblem(validateModelVersionSettings(openai({ baseUrl: url })))).toMatch(/not reachable/);
  });

  it("a server that drops the connection fails the experiment; a slow one is counted as fallbacks", async () => {
    const ctx = createServingContext(TOOLS, retrieve);
    // The generator retries once after a connection error; both attempts are dropped.
    standIn.reply({ reset: true }, { reset: true });
    await expect(runOfflineExperiment(ctx.tools, [groundedArm(ctx), modelVersionArm(ctx, { name: "llm", settings: openai() })], { impressions: 5, seed: 1 })).rejects.toThrow(ArmUnavailableError);

    const slow = modelVersionArm(ctx, { name: "slow", settings: openai({ timeoutMs: 100 }) });
    standIn.reply({ content: "1. too late", delayMs: 600 }, { content: "1. too late", delayMs: 600 });
    const result = await runOfflineExperiment(ctx.tools, [groundedArm(ctx), slow], { impressions: 4, seed: 1 });
    expect(result.arms[1]!.counts.impressions).toBe(4);
    expect(slow.fallbacks.timeout).toBe(2);
  });
});
