/**
 * Chat follow-ups for the grounded generator: the dialogue's kind (a problem, a how-to, a
 * question, a request) and its topic (the key noun phrase of the user's query) fill a small
 * set of natural templates. Rule-based and deterministic: the same dialogue gives the same
 * follow-ups. When no noun phrase is found only templates without a topic are used, so a
 * follow-up never reads "Tell me more about ?".
 */

export type DialogueKind = "problem" | "howto" | "question" | "request" | "statement";

export interface Topic {
  /** The noun phrase without determiner, in the user's spelling ("phone", "weather in Paris", "Wi-Fi", "Pride and Prejudice"). */
  readonly phrase: string;
  /** The head noun, the phrase's last word before any "in Paris" ("phone", "weather", "Prejudice"). */
  readonly head: string;
  /** "my" for my/our; "the" for the/this/a/...; null for a bare noun or a name ("Wi-Fi", "Paris"). */
  readonly determiner: "my" | "the" | null;
  /** The user asked for "a"/"an" something ("tell me a joke"): "another joke" reads well. */
  readonly indefinite: boolean;
}

const key = (w: string) => w.toLowerCase().replace(/['’]/gu, "");

const DETERMINERS = new Map<string, "my" | "the">([
  ["my", "my"], ["our", "my"], ["the", "the"], ["this", "the"], ["that", "the"], ["these", "the"], ["those", "the"],
  ["a", "the"], ["an", "the"], ["your", "the"], ["his", "the"], ["her", "the"], ["their", "the"], ["some", "the"],
]);
/** Words that never belong to a noun phrase: pronouns, auxiliaries, question words, conjunctions, adverbs. */
const FUNCTION_WORDS = new Set(
  (
    "i im ive id me you youre he she it its we they them us him her is are was were be been being am do does did " +
    "doing done have has had can could would should will shall may might must wont cant dont doesnt isnt arent wasnt " +
    "didnt couldnt shouldnt not no yes what whats which who whos whom when where wheres why how hows and or but so if " +
    "then than because while after before until since to of in on at by for with from about into onto over under " +
    "up down out off again still just very really too also always never sometimes suddenly anymore ever now today " +
    "tonight tomorrow yesterday please thanks thank hey hi hello ok okay there here anything something everything " +
    "nothing much many more most less lot lots all any every each other another same such only own actually maybe"
  ).split(" "),
);
/** Verbs and adjectives that end a noun phrase ("my battery drains", "wifi keeps dropping"), unless right after a determiner ("the sound"). */
const VERB_LIKE = new Set(
  (
    "get gets got keep keeps kept stop stops stopped start starts started seem seems seemed feel feels felt make makes " +
    "made let lets want wants need needs know knew think thought like likes go goes went going gonna take takes took " +
    "tell tells told show shows give gives gave find found set turn work works run runs ran die dies died drain drains " +
    "lag lags freeze freezes froze crash crashes overheat overheats charge charges sound sounds look looks wrote write " +
    "writes said say says came come comes saw see sees bought buy sent won lost slow slower fast faster quick quickly " +
    "hot cold broken stuck full empty low high loud quiet weird strange bright dark dim morning evening week weekend"
  ).split(" "),
);
/** Evaluative adjectives dropped from the front of a phrase ("a good podcast" → "podcast"). */
const EVALUATIVE = new Set(["good", "great", "best", "nice", "new", "cool", "fun", "funny", "quick", "easy", "simple", "interesting", "decent", "cheap", "little"]);
/** Words ending in -ing or -ed that are nouns. */
const ING_ED_NOUNS = new Set(["morning", "evening", "ceiling", "wedding", "building", "meeting", "setting", "ring", "thing", "string", "spring", "wing", "king", "ping", "parking", "clothing", "lightning", "recording", "speed", "bed", "feed", "seed"]);
const TIME_WORDS = new Set(["today", "tonight", "tomorrow", "yesterday", "now", "later", "soon", "morning", "evening", "week", "weekend"]);
const PREPOSITIONS = new Set(["in", "of", "for", "at", "near", "from"]);
/** Connectors inside a name ("Pride and Prejudice", "Lord of the Rings"). */
const NAME_CONNECTORS = new Set(["and", "of", "the", "de", "la", "von", "van", "&"]);
/** Things a person gets checked ("Should I get my battery checked?"). */
const HARDWARE = new Set(["phone", "battery", "speaker", "speakers", "screen", "display", "camera", "microphone", "mic", "charger", "port", "headphones", "earbuds", "watch", "tablet", "laptop", "sim", "button"]);

const PROBLEM = /\b(why|wont|cant|cannot|isnt|doesnt|didnt|not working|keeps|stopped|broken|slow\w*|lag\w*|drain\w*|freez\w*|froze|crash\w*|overheat\w*|hot|stuck|error|issue|problem|dies|dying|dead|glitch\w*|muffled|blurry|flicker\w*|disconnect\w*|dropping|weak|fail\w*|full|too (bright|dark|dim|loud|quiet|small|big|slow))\b/u;
const HOWTO = /^(how (do|can|would|should|to)|how to|where (do|can|is) i|is there a way)\b/u;
const QUESTION = /^(what|whats|who|whos|when|where|wheres|which|is|are|does|do|did|will|can|could|would|should|how)\b/u;
const REQUEST = /^(tell|give|show|play|recommend|suggest|find|read|write|make|send|call|set|turn|open|search|remind|translate)\b/u;
/** "tell me a joke", "can you recommend a podcast", "suggest some music": asked for one of something. */
const ASK_FOR_ONE = /^(?:(?:can|could|would) you )?(tell|give|show|recommend|suggest|find|read|write|play|send) (me )?(a|an|some) /u;

/** The words of a text in the user's spelling. */
function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*|&/gu) ?? [];
}

/** A text's words normalised for the rules above (lowercase, no apostrophes), joined by spaces. */
function flat(text: string): string {
  return words(text).map(key).join(" ");
}

export function dialogueKind(userQuery: string): DialogueKind {
  const q = flat(userQuery);
  if (HOWTO.test(q)) return "howto";
  if (PROBLEM.test(q)) return "problem";
  if (QUESTION.test(q) || userQuery.trim().endsWith("?")) return "question";
  if (REQUEST.test(q)) return "request";
  return "statement";
}

/** Could be part of a noun phrase; right after a determiner verb-like words are nouns too ("the sound", "my charge"). */
function nouny(word: string, afterDeterminer: boolean): boolean {
  const k = key(word);
  if (FUNCTION_WORDS.has(k) || /^\d+$/u.test(k) || k === "&") return false;
  if (afterDeterminer) return true;
  if (VERB_LIKE.has(k)) return false;
  if (k.length > 4 && (k.endsWith("ing") || k.endsWith("ed")) && !ING_ED_NOUNS.has(k)) return false;
  if (k.length > 5 && k.endsWith("ly") && k !== "family") return false;
  return true;
}

const capitalised = (w: string) => /^\p{Lu}/u.test(w);

/** A sentence-initial capital is not the user's spelling ("Wifi keeps dropping" → "wifi"); "Wi-Fi" keeps its inner capital. */
function spelling(word: string, index: number): string {
  if (index === 0 && /^\p{Lu}[\p{Ll}\p{N}'’-]*$/u.test(word)) return word.toLowerCase();
  return word;
}

interface Span {
  words: string[];
  determiner: Topic["determiner"];
  indefinite: boolean;
  tail: string[];
}

/** A following "in/of/for Paris" (a capitalised name, possibly after a time word). */
function nameTail(ws: readonly string[], from: number): string[] {
  let j = from;
  while (j < ws.length && TIME_WORDS.has(key(ws[j]!))) j++;
  if (j + 1 >= ws.length || !PREPOSITIONS.has(key(ws[j]!)) || !capitalised(ws[j + 1]!)) return [];
  const tail = [key(ws[j]!)];
  for (let m = j + 1; m < ws.length && m < j + 4 && capitalised(ws[m]!); m++) tail.push(ws[m]!);
  return tail;
}

/** A name: capitalised words not at the start, joined by connectors ("Pride and Prejudice"). */
function nameAt(ws: readonly string[], i: number): string[] | null {
  if (i === 0 || !capitalised(ws[i]!) || FUNCTION_WORDS.has(key(ws[i]!))) return null;
  const out = [ws[i]!];
  let j = i + 1;
  while (j < ws.length) {
    if (capitalised(ws[j]!)) out.push(ws[j++]!);
    else if (NAME_CONNECTORS.has(key(ws[j]!)) && j + 1 < ws.length && capitalised(ws[j + 1]!)) out.push(ws[j]!, ws[j + 1]!), (j += 2);
    else break;
  }
  return out;
}

/**
 * The key noun phrase of a text: the words after a determiner ("my phone", "the weather in
 * Paris"), else a name ("Pride and Prejudice"), else the first run of noun-like words
 * ("Wi-Fi"). At most 3 words; a word ending in -s after a singular noun is read as the verb
 * ("battery drains", "phone lags"); evaluative adjectives in front are dropped.
 */
function nounPhrase(text: string): Span | null {
  const ws = words(text);
  const run = (from: number, determiner: Topic["determiner"], indefinite: boolean): Span | null => {
    let start = from;
    while (start < ws.length - 1 && EVALUATIVE.has(key(ws[start]!))) start++;
    let end = start;
    while (end < ws.length && end - start < 3 && nouny(ws[end]!, determiner !== null && end === from)) {
      const cur = key(ws[end]!);
      if (end > start && /[^s]s$/u.test(cur) && !/s$/u.test(key(ws[end - 1]!))) break;
      end++;
    }
    if (end === start) return null;
    const np = ws.slice(start, end).map((w, i) => spelling(w, start + i));
    return { words: np, determiner, indefinite, tail: nameTail(ws, end) };
  };
  for (let i = 0; i < ws.length - 1; i++) {
    const det = DETERMINERS.get(key(ws[i]!));
    if (det === undefined) continue;
    const found = run(i + 1, det, key(ws[i]!) === "a" || key(ws[i]!) === "an" || key(ws[i]!) === "some");
    if (found) return found;
  }
  for (let i = 1; i < ws.length; i++) {
    const name = nameAt(ws, i);
    if (name) return { words: name, determiner: null, indefinite: false, tail: [] };
  }
  for (let i = 0; i < ws.length; i++) {
    if (i === 0 && REQUEST.test(key(ws[0]!))) continue; // a request's verb ("Play ...") is not the topic
    if (!nouny(ws[i]!, false)) continue;
    const found = run(i, null, false);
    if (found) return found;
  }
  return null;
}

/** The topic of a dialogue: the user query's noun phrase, else the latest earlier user turn's. */
export function dialogueTopic(userQuery: string, history: readonly { role: string; content: string }[] = []): Topic | null {
  const texts = [userQuery, ...history.filter((t) => t.role === "USER").map((t) => t.content).reverse()];
  for (const text of texts) {
    const span = nounPhrase(text);
    if (!span) continue;
    return {
      phrase: [...span.words, ...span.tail].join(" "),
      head: span.words[span.words.length - 1]!,
      determiner: span.determiner,
      indefinite: span.indefinite,
    };
  }
  return null;
}

/** "my phone", "the weather in Paris", "Wi-Fi". */
export function topicPhrase(topic: Topic): string {
  return topic.determiner ? `${topic.determiner} ${topic.phrase}` : topic.phrase;
}

const capitalize = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Symptom-specific follow-ups for common phone complaints ("What else can slow down my phone?"). */
const SYMPTOMS: readonly [RegExp, (np: string) => string][] = [
  [/\b(lag\w*|slow\w*|sluggish|freez\w*|froze)\b/u, (np) => `What else can slow down ${np}?`],
  [/\b(drain\w*|dies|dying|dead)\b/u, (np) => `What else drains ${np}?`],
  [/\b(overheat\w*|hot)\b/u, (np) => `What else makes ${np} overheat?`],
  [/\b(crash\w*)\b/u, (np) => `What else makes ${np} crash?`],
  [/\b(disconnect\w*|dropping|drops|weak)\b/u, (np) => `What else can make ${np} unstable?`],
  [/\b(full|space)\b/u, () => "What takes up the most space?"],
  [/\btoo (bright|dark|dim)\b/u, (np) => `How else can I make ${np} easier on my eyes?`],
];

/** Follow-ups that need no topic, by kind. */
const KIND_FOLLOW_UPS: Record<DialogueKind, readonly string[]> = {
  problem: ["What else could be causing this?", "How do I keep this from happening again?", "What if that doesn't fix it?"],
  howto: ["Is there a quicker way to do this?", "What if that doesn't work?", "Can I undo it later?"],
  question: ["Can you explain that in more detail?", "Where can I read more about this?"],
  request: ["What else can you do?"],
  statement: ["What else can you help me with?"],
};
/** Follow-ups for any dialogue, so that K = 12 can always be filled. */
const GENERAL_FOLLOW_UPS: readonly string[] = [
  "Tell me more",
  "What else can you help me with?",
  "Can you explain that more simply?",
  "Can you give me an example?",
  "What should I do next?",
  "Is there anything I should watch out for?",
  "Can you summarize that?",
  "Can you say that differently?",
  "Why does that happen?",
  "Where can I learn more?",
  "What are my options?",
  "Can you show me the steps again?",
];

function topicFollowUps(kind: DialogueKind, topic: Topic, q: string): string[] {
  const np = topicPhrase(topic);
  const definite = topic.determiner === null && /^\p{Ll}/u.test(topic.phrase) ? `the ${topic.phrase}` : np;
  const askedForOne = ASK_FOR_ONE.exec(q);
  if (askedForOne && topic.indefinite) {
    const verb = askedForOne[1]!;
    const me = askedForOne[2] ?? "";
    return q.startsWith(verb) ? [`${capitalize(verb)} ${me}another ${topic.phrase}`] : [`Can you ${verb} ${me}another ${topic.phrase}?`];
  }
  switch (kind) {
    case "problem": {
      const out: string[] = [];
      const symptom = SYMPTOMS.find(([re]) => re.test(q));
      if (symptom) out.push(symptom[1](np));
      if (topic.determiner === "my" && HARDWARE.has(key(topic.head))) out.push(`Should I get ${np} checked?`);
      out.push(`Is this a common problem with ${definite}?`);
      return out;
    }
    case "howto":
      return topic.indefinite ? [] : [`What else can I do with ${definite}?`];
    case "question":
      return topic.indefinite ? [] : [`Tell me more about ${np}`, `What else should I know about ${np}?`];
    default:
      return [];
  }
}

/**
 * Chat follow-ups for a dialogue, best first, without duplicates: topic templates for its
 * kind (when a topic was found), then the kind's topic-free follow-ups, then general ones
 * (at least 12 in all).
 */
export function chatFollowUps(userQuery: string, history: readonly { role: string; content: string }[] = []): string[] {
  const kind = dialogueKind(userQuery);
  const topic = dialogueTopic(userQuery, history);
  const tail = TOPIC_FREE[kind];
  if (!topic) return [...tail.texts];
  // Only the few topic templates vary per request; the topic-free tail is deduplicated once.
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of topicFollowUps(kind, topic, flat(userQuery))) {
    const key = s.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  for (let i = 0; i < tail.texts.length; i++) if (!seen.has(tail.keys[i]!)) out.push(tail.texts[i]!);
  return out;
}

/** Per kind, its topic-free follow-ups then the general ones, without duplicates (lowercased keys alongside). */
const TOPIC_FREE = {} as Record<DialogueKind, { texts: readonly string[]; keys: readonly string[] }>;
for (const kind of Object.keys(KIND_FOLLOW_UPS) as DialogueKind[]) {
  const texts: string[] = [];
  const keys: string[] = [];
  for (const s of [...KIND_FOLLOW_UPS[kind], ...GENERAL_FOLLOW_UPS]) {
    const key = s.toLowerCase();
    if (keys.includes(key)) continue;
    texts.push(s);
    keys.push(key);
  }
  TOPIC_FREE[kind] = { texts, keys };
}
