/**
 * How well a retrieved tool fits the dialogue, for the grounded generator. The retriever's
 * fused score only orders tools (RRF gives 1/61, 1/62, ... whatever the match), so it cannot
 * say "none of these fit" for a weather question; this lexical overlap can.
 *
 *   terms(x)      = content words of x (core's tokenize, minus function words, numbers and
 *                   words every phone request shares, such as "phone")
 *   w(d)          = weight of dialogue word d: 1 in the user query q_u, 0.6 in the assistant
 *                   response A, 0.4 in an earlier user turn, 0.25 in an earlier assistant turn
 *                   (the largest when a word occurs in several)
 *   m(t)          = max w(d) over dialogue words d that match t (sameWord), else 0
 *   coverage(P)   = Σ_{t ∈ terms(P)} m(t) / |terms(P)|        for a phrase P of the tool
 *   need(tool)    = share of q_u's content words found anywhere in the tool's text
 *                   (canonical query, name, utterances, description)
 *   fit(tool)     = max( max_P coverage(P),  0.8 · need(tool) )
 *
 * with P ranging over the canonical query, the name and each utterance. The phrase with the
 * highest coverage is the one the dialogue talks about.
 */

import { tokenize } from "@toolrec/core";
import { memoByTool, type ToolTexts } from "../tool-memo";

/** Words that say nothing about which tool is meant. */
const FUNCTION_WORDS = new Set(
  (
    "a an the and or but if so than then that this these those there here it its is are was were be been being am " +
    "do does did doing done have has had of to in into at by for with from as about i im ive id me my mine myself we " +
    "our us you your youre he she him her they them their what whats which who whom whose when where why how can " +
    "could would should will shall may might must please hey hi hello ok okay thanks thank just some any all very " +
    "really too also again still now let lets get got want wanna need like sure yes yeah no not dont doesnt cant " +
    "wont isnt one thing stuff something kind bit way go going gonna make know think tell show give help use try see " +
    "more much many most lot lots usually often maybe actually instead gets getting"
  ).split(" "),
);
/** Words nearly every request to a phone assistant contains. */
const DOMAIN_WORDS = new Set(["phone", "phones", "device", "devices", "mobile", "smartphone", "android", "iphone", "assistant"]);

/**
 * Content words of a text: tokenize, minus function and domain words, single letters and
 * numbers (a "24" in "highs of 24°C" must not match "Use 24-hour time"). Direction words stay:
 * "turn on battery saver" and "turn off battery saver" are different answers.
 */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const w of tokenize(text)) if (w.length > 1 && !allDigits(w) && !FUNCTION_WORDS.has(w) && !DOMAIN_WORDS.has(w)) out.push(w);
  return out;
}

/** /^\d+$/ for a non-empty word, without a regular expression (every dialogue word is tested). */
function allDigits(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Two words are the same word when equal, or when their common prefix is at least 3 letters
 * and covers all but one letter of the shorter ("lag"/"lagging", "apps"/"app",
 * "closing"/"close", "batteries"/"battery"); "phone"/"photo" differ.
 */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const n = Math.min(a.length, b.length);
  let p = 0;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  return p >= 3 && p >= n - 1;
}

/**
 * Words indexed by their first three letters: sameWord needs a common prefix of three (or
 * equality), so only words sharing it are compared.
 */
class WordIndex {
  private readonly exact = new Map<string, number>();
  private readonly byPrefix = new Map<string, [string, number][]>();
  add(word: string, weight: number): void {
    const held = this.exact.get(word);
    if (held !== undefined && held >= weight) return;
    this.exact.set(word, weight);
    if (word.length < 3) return;
    const p = word.slice(0, 3);
    const list = this.byPrefix.get(p);
    if (!list) this.byPrefix.set(p, [[word, weight]]);
    else {
      const i = list.findIndex(([w]) => w === word);
      if (i >= 0) list[i] = [word, weight];
      else list.push([word, weight]);
    }
  }
  /** The largest weight of a word that is the same word as `term` (sameWord), else 0. */
  weight(term: string, prefix: string = term.slice(0, 3)): number {
    let best = this.exact.get(term) ?? 0;
    if (term.length < 3) return best;
    const list = this.byPrefix.get(prefix);
    if (list) for (const [w, weight] of list) if (weight > best && sameWord(term, w)) best = weight;
    return best;
  }
}

/** A phrase's content words with their three-letter prefixes (WordIndex.weight's key), computed once per tool. */
interface Terms {
  readonly words: readonly string[];
  readonly prefixes: readonly string[];
}
const terms = (words: string[]): Terms => ({ words, prefixes: words.map((w) => w.slice(0, 3)) });

export interface FitDialogue {
  readonly userQuery: string;
  readonly assistantResponse: string | null;
  readonly history: readonly { readonly role: "USER" | "ASSISTANT"; readonly content: string }[];
}

/** The dialogue's words with their weights w(d), and the user query's content words. */
export interface DialogueWords {
  readonly index: WordIndex;
  readonly userQueryWords: readonly string[];
  /** Whether the dialogue uses this exact word (for the opposite-direction check). */
  has(word: string): boolean;
}

export function dialogueWords(dialogue: FitDialogue): DialogueWords {
  const index = new WordIndex();
  const seen = new Set<string>();
  const add = (words: readonly string[], weight: number) => {
    for (const w of words) {
      index.add(w, weight);
      seen.add(w);
    }
  };
  const userQueryWords = contentWords(dialogue.userQuery);
  add(userQueryWords, 1);
  add(contentWords(dialogue.assistantResponse ?? ""), 0.6);
  for (const turn of dialogue.history) add(contentWords(turn.content), turn.role === "USER" ? 0.4 : 0.25);
  return { index, userQueryWords, has: (w) => seen.has(w) };
}

/** coverage(P) of the header for a phrase's content words; 0 for none. */
function coverage(p: Terms, words: DialogueWords): number {
  const n = p.words.length;
  if (n === 0) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += words.index.weight(p.words[i]!, p.prefixes[i]!);
  return sum / n;
}

/** coverage(P) of the header; 0 for a phrase without content words. */
export function phraseCoverage(phrase: string, words: DialogueWords): number {
  return coverage(terms(contentWords(phrase)), words);
}

export type FitTool = ToolTexts;

/** A tool's texts reduced to content words (memoised per tool). */
const toolWords = memoByTool((tool) => {
  const canonical = terms(contentWords(tool.canonicalQuery));
  const name = terms(contentWords(tool.name));
  const utterances = tool.utterances.map((u) => terms(contentWords(u)));
  const all = new WordIndex();
  for (const w of [...canonical.words, ...name.words, ...utterances.flatMap((u) => u.words), ...contentWords(tool.description)]) all.add(w, 1);
  return { canonical, name, utterances, all };
});

export interface ToolFit {
  /** fit(tool) of the header, in [0, 1]. */
  readonly fit: number;
  /** The phrase with the highest coverage: "canonical", or the index of an utterance. */
  readonly bestPhrase: "canonical" | number;
  readonly canonicalCoverage: number;
  /** Coverage of each utterance, in order. */
  readonly utteranceCoverage: readonly number[];
  /** Content words of the canonical query (phrase "canonical") or of utterance i. */
  words(phrase: "canonical" | number): readonly string[];
}

/** A ToolFit; `words` is a method so that no closure is made per tool and request. */
class Fit implements ToolFit {
  constructor(
    readonly fit: number,
    readonly bestPhrase: "canonical" | number,
    readonly canonicalCoverage: number,
    readonly utteranceCoverage: readonly number[],
    private readonly tw: ReturnType<typeof toolWords>,
  ) {}
  words(phrase: "canonical" | number): readonly string[] {
    return phrase === "canonical" ? this.tw.canonical.words : (this.tw.utterances[phrase]?.words ?? []);
  }
}

/** fit(tool) of the header for one tool. */
export function toolFit(tool: FitTool, words: DialogueWords): ToolFit {
  const tw = toolWords(tool);
  const canonicalCoverage = Math.max(coverage(tw.canonical, words), coverage(tw.name, words));
  // Plain loops: this runs for every retrieved tool of every request.
  const utteranceCoverage = new Array<number>(tw.utterances.length);
  let best: ToolFit["bestPhrase"] = "canonical";
  let bestCoverage = canonicalCoverage;
  for (let i = 0; i < tw.utterances.length; i++) {
    const c = coverage(tw.utterances[i]!, words);
    utteranceCoverage[i] = c;
    if (c > bestCoverage) {
      best = i;
      bestCoverage = c;
    }
  }
  const q = words.userQueryWords;
  let found = 0;
  for (const w of q) if (tw.all.weight(w) > 0) found++;
  const need = q.length === 0 ? 0 : found / q.length;
  return new Fit(Math.max(bestCoverage, 0.8 * need), best, canonicalCoverage, utteranceCoverage, tw);
}
