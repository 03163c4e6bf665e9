// The `openai` generator against a real HTTP server speaking the protocol (test-support's
// stand-in for vLLM), started per test on a free loopback port.
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { buildToolMatcher, normalizeText } from "@toolrec/core";
import {
  createGenerator,
  createOpenAiGenerator,
  groundedCandidates,
  validateModelVersionSettings,
  type GeneratorEvent,
  type GenerationInput,
  type OpenAiSettings,
} from "../src/index";
import { retrieved, startOpenAiStandIn, type OpenAiStandIn } from "../test-support/index";

const input: GenerationInput = {
  dialogue: {
    userQuery: "Why is my phone lagging?",
    assistantResponse: "Clearing the cache and closing background apps usually helps.",
    history: [{ role: "USER", content: "hi" }],
  },
  k: 6,
  tools: retrieved(["storage.clear_ram", "storage.clear_cache", "apps.close_recent_apps"]),
};

const servers: OpenAiStandIn[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function standIn(port?: number): Promise<OpenAiStandIn> {
  const s = await startOpenAiStandIn({ port });
  servers.push(s);
  return s;
}

function settings(baseUrl: string, over: Partial<OpenAiSettings> = {}): OpenAiSettings {
  return validateModelVersionSettings({ kind: "openai", baseUrl, model: "toolrec-lora", timeoutMs: 1500, ...over }) as OpenAiSettings;
}

function generator(baseUrl: string, over: Partial<OpenAiSettings> = {}, extra: { env?: Record<string, string>; retryDelayMs?: number; onEvent?: (e: GeneratorEvent) => void } = {}) {
  const events: GeneratorEvent[] = [];
  const gen = createOpenAiGenerator({
    settings: settings(baseUrl, over),
    label: "v7",
    env: extra.env ?? {},
    retryDelayMs: extra.retryDelayMs,
    onEvent: (e) => {
      events.push(e);
      extra.onEvent?.(e);
    },
  });
  return { gen, events };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe("openai generator: a model that answers", () => {
  it("sends the Eq. 1 prompt as the user message and serves the model's suggestions, resolved to tools", async () => {
    const server = await standIn();
    const { gen, events } = generator(server.url, { temperature: 0.3, maxTokens: 200 });
    const result = await gen.generate(input);

    expect(server.requests).toHaveLength(1);
    const req = server.requests[0]!;
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.body).toMatchObject({ model: "toolrec-lora", temperature: 0.3, max_tokens: 200, messages: [{ role: "user", content: result.prompt }] });
    expect(req.authorization).toBeNull();

    expect(result.generator).toBe("openai:v7");
    expect(result.fallback).toBeNull();
    expect(result.rawOutput).toMatch(/^1\. Free up RAM\n2\. Clear device cache\n/);
    expect(result.candidates).toHaveLength(6);
    expect(result.candidates.every((c) => c.source === "model")).toBe(true);
    expect(result.candidates.slice(0, 3).map((c) => c.toolId)).toEqual(["storage.clear_ram", "storage.clear_cache", "apps.close_recent_apps"]);
    expect(result.candidates.slice(3).every((c) => c.toolId === null)).toBe(true);
    expect(result.timings.attempts).toBe(1);
    expect(result.timings.modelMs).toBeGreaterThan(0);
    expect(events).toEqual([]);
  });

  it("posts the raw prompt to /completions with api: completions (what a LoRA trained by apps/trainer saw)", async () => {
    const server = await standIn();
    const { gen } = generator(server.url, { api: "completions" });
    const result = await gen.generate(input);
    expect(server.requests[0]!.path).toBe("/v1/completions");
    expect(server.requests[0]!.body).toMatchObject({ model: "toolrec-lora", prompt: result.prompt });
    expect(result.fallback).toBeNull();
    expect(result.candidates[0]!.toolId).toBe("storage.clear_ram");
  });

  it("sends the key from the named environment variable and never shows it", async () => {
    const server = await standIn();
    const { gen } = generator(server.url, { apiKeyEnv: "TOOLREC_TEST_MODEL_KEY" }, { env: { TOOLREC_TEST_MODEL_KEY: "sk-secret-123" } });
    const result = await gen.generate(input);
    expect(server.requests[0]!.authorization).toBe("Bearer sk-secret-123");
    expect(JSON.stringify(result)).not.toContain("sk-secret-123");
  });

  it("resolves tools only among the retrieved ones or through the catalog matcher, and fills a short answer from grounded", async () => {
    const server = await standIn();
    server.reply({
      content: JSON.stringify([
        { text: "clear memory and close background apps", toolId: "storage.clear_ram" }, // an utterance of a retrieved tool
        { text: "Turn on battery saver", toolId: "sound.clean_speaker" }, // proposed id not retrieved: the matcher decides
        { text: "What is RAM?", toolId: "storage.clear_ram" }, // a retrieved id is kept as proposed
        { text: "what is ram" }, // a duplicate
      ]),
    });
    const matcher = buildToolMatcher([{ id: "battery.turn_on_battery_saver", canonicalQuery: "Turn on battery saver", utterances: [] }]);
    const { gen, events } = generator(server.url);
    const result = await gen.generate({ ...input, matcher });
    expect(result.candidates.slice(0, 3)).toEqual([
      { text: "clear memory and close background apps", toolId: "storage.clear_ram", source: "model" },
      { text: "Turn on battery saver", toolId: "battery.turn_on_battery_saver", source: "model" },
      { text: "What is RAM?", toolId: "storage.clear_ram", source: "model" },
    ]);
    // Three places filled by the grounded generator, without repeating what the model said.
    expect(result.candidates).toHaveLength(6);
    expect(result.candidates.slice(3).every((c) => c.source === "grounded")).toBe(true);
    const keys = result.candidates.map((c) => normalizeText(c.text));
    expect(new Set(keys).size).toBe(6);
    expect(events).toEqual([{ type: "short_output", generator: "openai:v7", missing: 3 }]);
    expect(result.generator).toBe("openai:v7");
  });

  it("drops the cut-off last line of an answer that hit max tokens", async () => {
    const server = await standIn();
    server.reply({ content: "1. Free up RAM\n2. Clear device cache\n3. Close all rec", finishReason: "length" });
    const { gen } = generator(server.url);
    const result = await gen.generate({ ...input, k: 2 });
    expect(result.candidates.map((c) => c.text)).toEqual(["Free up RAM", "Clear device cache"]);
  });
});

describe("openai generator: falling back to grounded", () => {
  const grounded = groundedCandidates(input);

  async function expectFallback(server: OpenAiStandIn | string, reason: string, over: Partial<OpenAiSettings> = {}, extra = {}) {
    const { gen, events } = generator(typeof server === "string" ? server : server.url, over, extra);
    const result = await gen.generate(input);
    expect(result.generator).toBe(`openai:v7→grounded (${reason})`);
    expect(result.fallback).toMatchObject({ from: "openai:v7", reason });
    expect(result.candidates).toEqual(grounded);
    expect(events.filter((e) => e.type === "fallback")).toEqual([{ type: "fallback", generator: "openai:v7", reason }]);
    return { result, events };
  }

  it("answers with grounded past the deadline, without waiting for the slow server", async () => {
    const server = await standIn();
    server.reply({ content: "1. Free up RAM", delayMs: 5000 });
    const started = Date.now();
    const { result } = await expectFallback(server, "timeout", { timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(result.fallback?.detail).toBe("no answer within 200 ms");
    expect(result.timings.attempts).toBe(1);
  });

  it("falls back on an HTTP error without retrying it", async () => {
    const server = await standIn();
    server.reply({ status: 500, body: "CUDA out of memory" });
    const { result, events } = await expectFallback(server, "http_status");
    expect(result.fallback?.detail).toBe("HTTP 500");
    expect(result.rawOutput).toBe("CUDA out of memory");
    expect(server.requests).toHaveLength(1);
    expect(events.some((e) => e.type === "retry")).toBe(false);
  });

  it("falls back on an answer that is not JSON", async () => {
    const server = await standIn();
    server.reply({ raw: "<html>Bad Gateway</html>" });
    const { result } = await expectFallback(server, "bad_response");
    expect(result.fallback?.detail).toBe("the answer is not JSON");
    expect(result.rawOutput).toBe("<html>Bad Gateway</html>");
  });

  it("falls back on an answer without choices or content", async () => {
    const server = await standIn();
    server.reply({ json: { choices: [] } }, { json: { choices: [{ index: 0, message: { role: "assistant", content: null } }] } }, { json: { error: "x" } });
    const first = await expectFallback(server, "bad_response");
    expect(first.result.fallback?.detail).toBe("the answer has no choices");
    const second = await expectFallback(server, "bad_response");
    expect(second.result.fallback?.detail).toBe("the first choice has no message content");
    await expectFallback(server, "bad_response");
  });

  it("counts a parse failure when no suggestion can be read from the content", async () => {
    const server = await standIn();
    server.reply({ content: "```\n?!\n...\n```" });
    const { events, result } = await expectFallback(server, "unparseable");
    expect(events.filter((e) => e.type === "parse_failure")).toEqual([{ type: "parse_failure", generator: "openai:v7" }]);
    expect(result.rawOutput).toBe("```\n?!\n...\n```");
  });

  it("retries once after a dropped connection and then serves the model's answer", async () => {
    const server = await standIn();
    server.reply({ reset: true });
    const { gen, events } = generator(server.url);
    const result = await gen.generate(input);
    expect(result.fallback).toBeNull();
    expect(result.generator).toBe("openai:v7");
    expect(result.timings.attempts).toBe(2);
    expect(server.requests).toHaveLength(2);
    expect(events.map((e) => e.type)).toEqual(["retry"]);
  });

  it("retries once after a refused connection: a server that comes up in time answers", async () => {
    const port = await closedPort();
    let started: Promise<OpenAiStandIn> | null = null;
    const { gen, events } = generator(`http://127.0.0.1:${port}/v1`, {}, {
      retryDelayMs: 300,
      onEvent: (e) => {
        if (e.type === "retry") started = standIn(port);
      },
    });
    const result = await gen.generate(input);
    expect(started).not.toBeNull();
    expect(events[0]).toMatchObject({ type: "retry", generator: "openai:v7" });
    expect((events[0] as { detail: string }).detail).toMatch(/ECONNREFUSED/);
    expect(result.fallback).toBeNull();
    expect(result.timings.attempts).toBe(2);
    expect((await started!).requests).toHaveLength(1);
  });

  it("falls back when the connection is still refused after the retry", async () => {
    const port = await closedPort();
    const { result, events } = await expectFallback(`http://127.0.0.1:${port}/v1`, "connection");
    expect(result.fallback?.detail).toMatch(/ECONNREFUSED/);
    expect(result.timings.attempts).toBe(2);
    expect(events.map((e) => e.type)).toEqual(["retry", "fallback"]);
  });

  it("falls back without calling when the key's environment variable is unset", async () => {
    const server = await standIn();
    const { result } = await expectFallback(server, "no_api_key", { apiKeyEnv: "TOOLREC_TEST_UNSET_KEY" });
    expect(result.fallback?.detail).toBe("environment variable TOOLREC_TEST_UNSET_KEY is not set");
    expect(server.requests).toHaveLength(0);
  });

  it("keeps serving when the metrics hook throws", async () => {
    const server = await standIn();
    server.reply({ status: 503 });
    const gen = createOpenAiGenerator({ settings: settings(server.url), onEvent: () => { throw new Error("metrics down"); } });
    const result = await gen.generate(input);
    expect(result.generator).toBe("openai:toolrec-lora→grounded (http_status)");
  });
});

describe("createGenerator", () => {
  it("builds the generator a version's settings name", async () => {
    const server = await standIn();
    expect(createGenerator({ kind: "grounded" }).name).toBe("grounded");
    const gen = createGenerator(validateModelVersionSettings({ kind: "openai", baseUrl: server.url, model: "m" }), { label: "ToolRec v2" });
    expect(gen.name).toBe("openai:ToolRec v2");
    expect((await gen.generate(input)).fallback).toBeNull();
  });
});
