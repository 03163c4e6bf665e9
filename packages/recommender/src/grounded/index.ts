/**
 * The grounded generator: the embedded default, a non-LLM baseline. It builds K candidates
 * from the retrieved tools (each tool's canonical query, or the utterance that best fits the
 * dialogue when that one reads as a command) interleaved with chat follow-ups about the
 * dialogue's topic. Deterministic: the same input gives the same candidates.
 *
 * Which tools. Only tools that fit the dialogue (fit.ts, fit ≥ MIN_FIT) are suggested: the
 * retriever always returns its top N, and a weather question must not get "Tell me what's
 * playing". A chip with a direction word whose opposite the dialogue uses ("Turn off battery
 * saver" after "turning on battery saver") counts half its fit. They are ordered by
 *   priority(tool) = s · (0.5 + 0.5 · fit) · (0.8 + 0.2 · p)
 * where s is the retrieval score over the best retrieved score (1/rank when scores are not
 * positive) and p the tool's frequency percentile (0.5 when unknown): retrieval decides, and
 * fit and frequency separate neighbours whose fused RRF scores differ by about 2%.
 *
 * Interleaving. tool, tool, chat, tool, chat, tool, ...: with N = 3 exposed, a user whose need
 * tools meet sees two tool chips and one chat follow-up. With no fitting tool, every candidate
 * is a chat follow-up (topic.ts).
 */

import { normalizeText } from "@toolrec/core";
import { checkK, createToolResolver, type Candidate, type GenerationInput, type GenerationResult, type GeneratorTool, type SuggestionGenerator } from "../generator";
import { MAX_SUGGESTION_LENGTH } from "../parse";
import { PROMPT_TEMPLATE_VERSION, renderPrompt } from "../prompt";
import { dialogueWords, toolFit, type DialogueWords } from "./fit";
import { chatFollowUps } from "./topic";

export { dialogueKind, dialogueTopic, chatFollowUps, type DialogueKind, type Topic } from "./topic";

/** The least fit (fit.ts) of a suggested tool. */
export const MIN_FIT = 0.4;
/** An utterance replaces the canonical query only when it covers the dialogue this much better. */
const UTTERANCE_MARGIN = 0.2;
/** Verbs a command starts with; an utterance starting otherwise ("my phone says...") is a need, not a chip. */
const COMMAND_VERBS = new Set(
  (
    "turn open set show check change add start play stop delete manage use schedule remove search clear allow make " +
    "take block find lock pause share switch read mute save scan cancel move put keep hide record resume reset send " +
    "download pair limit restart call connect forget skip edit clean free eject close uninstall install update enable " +
    "disable restrict optimize boost empty restore copy run test erase silence unmute dim brighten rotate increase " +
    "decrease lower raise reduce"
  ).split(" "),
);
const COMMAND_MAX_WORDS = 7;
/** A chip that does the opposite of what the dialogue says ("Turn off battery saver" after "turn on battery saver") fits half as well. */
const OPPOSITES = new Map([["on", "off"], ["off", "on"], ["up", "down"], ["down", "up"], ["enable", "disable"], ["disable", "enable"], ["increase", "decrease"], ["decrease", "increase"]]);

function contradicts(chipWords: readonly string[], words: DialogueWords): boolean {
  return chipWords.some((w) => {
    const opposite = OPPOSITES.get(w);
    return opposite !== undefined && words.has(opposite) && !words.has(w);
  });
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

function readsAsCommand(utterance: string): boolean {
  const ws = utterance.trim().split(/\s+/u);
  const first = (ws[0] ?? "").toLowerCase();
  return COMMAND_VERBS.has(first) && ws.length <= COMMAND_MAX_WORDS && !/\b(i|i'm|im|i've)\b/iu.test(utterance);
}

interface RankedTool {
  tool: GeneratorTool;
  text: string;
  fit: number;
  priority: number;
}

function rankTools(input: GenerationInput): RankedTool[] {
  const words = dialogueWords(input.dialogue);
  const maxScore = Math.max(0, ...input.tools.map((t) => t.score));
  return input.tools.map((tool) => {
    const f = toolFit(tool, words);
    let text = tool.canonicalQuery.trim();
    let phrase: "canonical" | number = "canonical";
    if (f.bestPhrase !== "canonical") {
      const utterance = tool.utterances[f.bestPhrase] ?? "";
      const coverage = f.utteranceCoverage[f.bestPhrase] ?? 0;
      if (readsAsCommand(utterance) && coverage >= f.canonicalCoverage + UTTERANCE_MARGIN) {
        text = capitalize(utterance.trim());
        phrase = f.bestPhrase;
      }
    }
    const fit = contradicts(f.words(phrase), words) ? f.fit / 2 : f.fit;
    const s = maxScore > 0 ? Math.max(0, tool.score) / maxScore : 1 / Math.max(1, tool.rank);
    const priority = s * (0.5 + 0.5 * fit) * (0.8 + 0.2 * (tool.frequencyPercentile ?? 0.5));
    return { tool, text, fit, priority };
  });
}

const byPriority = (a: RankedTool, b: RankedTool) => b.priority - a.priority || a.tool.rank - b.tool.rank || (a.tool.id < b.tool.id ? -1 : a.tool.id > b.tool.id ? 1 : 0);

/** The grounded candidates for an input: exactly K, distinct after normalizeText, none over MAX_SUGGESTION_LENGTH. */
export function groundedCandidates(input: GenerationInput): Candidate[] {
  checkK(input.k);
  const ranked = rankTools(input);
  const tools = ranked.filter((r) => r.fit >= MIN_FIT).sort(byPriority);
  const chat = chatFollowUps(input.dialogue.userQuery, input.dialogue.history);
  const resolve = createToolResolver(input.tools, input.matcher);

  const out: Candidate[] = [];
  const seen = new Set<string>();
  const push = (c: Candidate): boolean => {
    const k = normalizeText(c.text);
    // Code points are counted only when the UTF-16 length could exceed the limit.
    if (k === "" || seen.has(k) || (c.text.length > MAX_SUGGESTION_LENGTH && [...c.text].length > MAX_SUGGESTION_LENGTH)) return false;
    seen.add(k);
    out.push(c);
    return true;
  };
  let ti = 0;
  let ci = 0;
  const nextTool = (): boolean => {
    while (ti < tools.length) {
      const r = tools[ti++]!;
      if (push({ text: r.text, toolId: r.tool.id, source: "grounded" })) return true;
    }
    return false;
  };
  const nextChat = (): boolean => {
    while (ci < chat.length) {
      const text = chat[ci++]!;
      if (push({ text, toolId: resolve(text), source: "grounded" })) return true;
    }
    return false;
  };
  while (out.length < input.k) {
    const p = out.length;
    const wantTool = p < 2 || p % 2 === 1; // T T C T C T ...
    const added = wantTool ? nextTool() || nextChat() : nextChat() || nextTool();
    if (!added) break; // both lists exhausted (cannot happen for K ≤ 12: there are more general follow-ups)
  }
  return out;
}

/** The grounded generator (name "grounded"). */
export function createGroundedGenerator(): SuggestionGenerator {
  return {
    name: "grounded",
    async generate(input: GenerationInput): Promise<GenerationResult> {
      return groundedResult(input);
    },
  };
}

/** The grounded answer as a GenerationResult (also what the OpenAI generator falls back to). */
export function groundedResult(input: GenerationInput): GenerationResult {
  const start = performance.now();
  const candidates = groundedCandidates(input);
  let prompt: string | undefined;
  return {
    candidates,
    generator: "grounded",
    fallback: null,
    // What a model would have been given: only the Playground shows it, so it is rendered when read.
    get prompt() {
      return (prompt ??= renderPrompt({ dialogue: input.dialogue, k: input.k, tools: input.tools }));
    },
    promptTemplateVersion: PROMPT_TEMPLATE_VERSION,
    rawOutput: null,
    timings: { totalMs: performance.now() - start, modelMs: null, attempts: 0 },
  };
}
