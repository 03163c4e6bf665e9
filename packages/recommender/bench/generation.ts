// `npx tsx packages/recommender/bench/generation.ts [--rounds R] [--calls N]`
//
// What generation costs the serving path, per call, against a baseline measured in the same
// process:
//  - grounded: groundedCandidates (K = 6, 5 retrieved tools) over the realistic dialogues of
//    test-support, against renderPrompt on the same inputs (what every generator pays anyway);
//  - openai: the generator against the vLLM stand-in (loopback HTTP, answers at once), against a
//    bare fetch of the same request to the same server (what any HTTP client pays): the ratio
//    is the generator's own overhead (prompt, JSON, parsing, tool resolution).
// The best of R rounds is reported (the least disturbed by other work on a shared machine).
import { parseArgs } from "node:util";
import { createOpenAiGenerator, groundedCandidates, renderPrompt, validateModelVersionSettings, type GenerationInput, type OpenAiSettings } from "../src/index";
import { DIALOGUE_CASES, retrieved, startOpenAiStandIn, standInAnswer } from "../test-support/index";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" }, calls: { type: "string", default: "20000" } } });
const ROUNDS = Number(values.rounds);
const CALLS = Number(values.calls);

const inputs: GenerationInput[] = Object.values(DIALOGUE_CASES).map((c) => ({ dialogue: c.dialogue, k: 6, tools: retrieved(c.tools) }));

async function best(calls: number, fn: (i: number) => unknown | Promise<unknown>): Promise<number> {
  let bestUs = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) await fn(i);
    bestUs = Math.min(bestUs, ((performance.now() - t0) * 1000) / calls);
  }
  return bestUs;
}

const prompt = await best(CALLS, (i) => {
  const x = inputs[i % inputs.length]!;
  return renderPrompt({ dialogue: x.dialogue, k: x.k, tools: x.tools });
});
const grounded = await best(CALLS, (i) => groundedCandidates(inputs[i % inputs.length]!));
console.log(`grounded: ${grounded.toFixed(1)} µs/call; renderPrompt (baseline): ${prompt.toFixed(1)} µs/call; ratio ${(grounded / prompt).toFixed(1)}x`);

const server = await startOpenAiStandIn();
try {
  const settings = validateModelVersionSettings({ kind: "openai", baseUrl: server.url, model: "bench" }) as OpenAiSettings;
  const gen = createOpenAiGenerator({ settings, env: {} });
  const httpCalls = Math.max(200, Math.round(CALLS / 20));
  const bodies = inputs.map((x) => JSON.stringify({ model: "bench", messages: [{ role: "user", content: renderPrompt({ dialogue: x.dialogue, k: x.k, tools: x.tools }) }], temperature: 0.7, max_tokens: 256, n: 1, stream: false }));
  const bare = await best(httpCalls, async (i) => {
    const res = await fetch(`${server.url}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: bodies[i % bodies.length]! });
    return res.text();
  });
  const openai = await best(httpCalls, async (i) => {
    const r = await gen.generate(inputs[i % inputs.length]!);
    if (r.fallback) throw new Error(`fell back: ${r.fallback.detail}`);
  });
  console.log(`openai generator: ${openai.toFixed(0)} µs/call; bare fetch of the same request (baseline): ${bare.toFixed(0)} µs/call; ratio ${(openai / bare).toFixed(2)}x (stand-in answers at once; answer example: ${JSON.stringify(standInAnswer(renderPrompt({ dialogue: inputs[0]!.dialogue, k: 3, tools: inputs[0]!.tools })))})`);
} finally {
  await server.close();
}
