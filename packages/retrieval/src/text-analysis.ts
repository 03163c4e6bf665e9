import { tokenize } from "@toolrec/core";

// Term analysis for the lexical stages: stop-words and a light English suffix stemmer.
// Tokens come from @toolrec/core's `tokenize` (lowercased, diacritics stripped, punctuation
// split), so everything here works on lowercase [a-z0-9...] words.

/**
 * English function words and chat filler that carry no information about which tool is
 * meant. Direction words that do ("on", "off", "up", "down", "out", "back") are NOT here:
 * "turn off wifi" and "turn on wifi" name different actions.
 */
export const DEFAULT_STOP_WORDS: ReadonlySet<string> = new Set([
  "a", "an", "the", "and", "or", "but", "if", "so", "than", "then", "that", "this", "these",
  "those", "there", "here", "it", "its", "itself", "is", "are", "was", "were", "be", "been",
  "being", "am", "do", "does", "did", "doing", "done", "have", "has", "had", "having", "of",
  "to", "in", "into", "at", "by", "for", "with", "from", "as", "about", "i", "im", "ive",
  "id", "me", "my", "mine", "myself", "we", "our", "us", "you", "your", "youre", "he", "she",
  "him", "her", "they", "them", "their", "what", "which", "who", "whom", "whose", "when",
  "where", "why", "how", "can", "could", "would", "should", "will", "shall", "may", "might",
  "must", "please", "pls", "plz", "hey", "hi", "hello", "ok", "okay", "thanks", "thank",
  "just", "some", "any", "all", "very", "really", "too", "also", "again", "still", "now",
  "let", "lets", "get", "got", "want", "wanna", "need", "like", "would", "sure", "yes",
  "yeah", "no", "not", "dont", "doesnt", "cant", "wont", "isnt", "is", "be", "one", "thing",
  "stuff", "something", "kind", "bit", "way", "go", "going", "gonna", "make", "know", "think",
]);

/**
 * Words that name the same thing for phone users, mapped to one spelling before stemming:
 * British and American spellings, and a few everyday synonyms ("torch" is the flashlight,
 * "cellular" data is mobile data, "pics" are photos). Applied to the catalog and to queries alike.
 */
export const DEFAULT_SYNONYMS: ReadonlyMap<string, string> = new Map([
  ["mum", "mom"], ["mummy", "mom"], ["mommy", "mom"], ["colour", "color"], ["colours", "colors"],
  ["favourite", "favorite"], ["favourites", "favorites"], ["centre", "center"], ["grey", "gray"],
  ["theatre", "theater"], ["kilometre", "kilometer"], ["kilometres", "kilometers"], ["metre", "meter"],
  ["metres", "meters"], ["travelling", "traveling"], ["cancelled", "canceled"], ["programme", "program"],
  ["licence", "license"], ["tyre", "tire"], ["tyres", "tires"], ["neighbour", "neighbor"],
  ["neighbours", "neighbors"], ["organise", "organize"], ["customise", "customize"], ["optimise", "optimize"],
  ["personalise", "personalize"], ["recognise", "recognize"], ["realise", "realize"],
  ["minimise", "minimize"], ["maximise", "maximize"], ["behaviour", "behavior"], ["analyse", "analyze"],
  ["dialling", "dialing"], ["labelled", "labeled"], ["torch", "flashlight"], ["cellular", "mobile"],
  ["pic", "photo"], ["pics", "photos"], ["telly", "tv"],
]);

const VOWEL = /[aeiouy]/u;

/** True when the stem keeps at least one vowel and two letters (Porter's *v* condition). */
function viable(stem: string): boolean {
  return stem.length >= 2 && VOWEL.test(stem);
}

/** Removes one trailing doubled consonant except l, s and z ("stopp" -> "stop", "call" stays). */
function undouble(w: string): string {
  const n = w.length;
  if (n >= 2 && w[n - 1] === w[n - 2] && /[bcdfghjkmnpqrtvwx]/u.test(w[n - 1] ?? "")) return w.slice(0, -1);
  return w;
}

/**
 * A light English suffix stemmer (a small subset of Porter step 1 plus "-ly"): plurals,
 * "-ing", "-ed", "-ly" and a final silent "e", so "charging", "charged", "charges" and
 * "charge" all map to "charg", "batteries" and "battery" to "battery", "settings" to "set".
 * Words of three letters or fewer and words with digits are returned unchanged.
 */
export function lightStem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/u.test(w)) return w;
  // Plurals.
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (/(?:sh|ch|x|zz)es$/u.test(w)) w = w.slice(0, -2);
  else if (w.endsWith("s") && !/(?:ss|us|is)$/u.test(w)) w = w.slice(0, -1);
  // Verb and adverb endings.
  if (w.endsWith("ing") && viable(w.slice(0, -3)) && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ed") && viable(w.slice(0, -2)) && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith("ly") && viable(w.slice(0, -2)) && w.length > 5) w = w.slice(0, -2);
  // Final silent e ("charge" -> "charg", matching "charging" -> "charg").
  if (w.endsWith("e") && w.length > 3 && viable(w.slice(0, -1))) w = w.slice(0, -1);
  return w;
}

export interface AnalyzerOptions {
  /** Apply lightStem. Default true. */
  stemming?: boolean;
  /** Stop-words to drop, or false for none. Default DEFAULT_STOP_WORDS. */
  stopWords?: ReadonlySet<string> | false;
  /**
   * Also emit each pair of adjacent kept words joined into one term ("wi fi" -> "wifi",
   * "screen shot" -> "screenshot"). Default true.
   */
  compounds?: boolean;
  /** Spelling variants and synonyms mapped before stemming, or false for none. Default DEFAULT_SYNONYMS. */
  synonyms?: ReadonlyMap<string, string> | false;
  /**
   * Also emit "direction pairs": each direction word (on, off, up, down; enable/activate count
   * as on, disable/deactivate as off) paired with every kept word within `particleWindow`
   * words of it on the same line, in either order ("mobile data is off" and "turn off mobile
   * data" both give `off~data`). Default false (the utterance stage turns it on).
   */
  particlePairs?: boolean;
  /** Pair "on", "up", "down" only as particles (after a phrasal verb, or ending the line). Default true. */
  particleStrict?: boolean;
  /** Words either side of a direction word that it pairs with. Default 2. */
  particleWindow?: number;
}

/** Direction words and the direction they name (the particle of a direction pair). */
export const DIRECTION_WORDS: ReadonlyMap<string, string> = new Map([
  ["on", "on"], ["off", "off"], ["up", "up"], ["down", "down"],
  ["enable", "on"], ["enabled", "on"], ["activate", "on"], ["activated", "on"],
  ["disable", "off"], ["disabled", "off"], ["deactivate", "off"], ["deactivated", "off"],
]);

/** Direction words that are also prepositions, and the verbs that make them particles. */
const PREPOSITIONS: ReadonlySet<string> = new Set(["on", "up", "down"]);
const PHRASAL_VERBS: ReadonlySet<string> = new Set([
  "turn", "turned", "turning", "turns", "switch", "switched", "switching", "put", "flip", "flipped", "keep", "kept",
  "leave", "left", "set", "power", "powered", "log", "sign", "signed", "back", "come", "comes", "came", "go", "goes",
  "went", "stay", "stays", "stayed", "be", "is", "are", "was", "were", "been", "bring", "pull", "speed", "slow",
  "shut", "calm", "tone", "turnt", "crank", "cranked", "bump", "bumped", "hold", "wake", "woke", "sync", "start",
]);

/** "off" -> "off~": the prefix of a direction pair's term. */
const DIRECTION_PREFIX: ReadonlyMap<string, string> = new Map([...new Set(DIRECTION_WORDS.values())].map((d) => [d, `${d}~`]));

/** An analysed term and the surface word(s) it came from. */
export interface AnalyzedTerm {
  term: string;
  surface: string;
}

/** What an analysed term is: a word, a joined pair of adjacent words, or a direction pair. */
export const TermKind = { Word: 0, Compound: 1, Direction: 2 } as const;
export type TermKind = (typeof TermKind)[keyof typeof TermKind];

/**
 * Calls `visit(term, first, second, kind)` for every term of `text` without building an array;
 * the surface is `first` for a word and `first second` for a pair (joined only by a caller
 * that keeps it).
 */
export type TermVisitor = (text: string, visit: (term: string, first: string, second: string, kind: TermKind) => void) => void;

/**
 * The one text analysis of the lexical stages: each line is tokenized (@toolrec/core),
 * stop-words dropped, the rest stemmed; with `compounds`, each pair of adjacent kept words
 * also gives the concatenation of their terms; with `particlePairs`, direction pairs.
 * The visitor form is what a search uses (no per-term objects); `createAnalyzer` collects it.
 */
export function createTermVisitor(options: AnalyzerOptions = {}): TermVisitor {
  const stemming = options.stemming ?? true;
  const stopWords = options.stopWords === false ? null : (options.stopWords ?? DEFAULT_STOP_WORDS);
  const compounds = options.compounds ?? true;
  const particlePairs = options.particlePairs ?? false;
  const synonyms = options.synonyms === false ? null : (options.synonyms ?? DEFAULT_SYNONYMS);
  const window = options.particleWindow ?? 2;
  const strict = options.particleStrict ?? true;
  // Stemming is the costly step and the vocabulary is small: remember each word's term.
  const memo = new Map<string, string | null>();
  const processTerm = (word: string): string | null => {
    let t = memo.get(word);
    if (t !== undefined) return t;
    const w = synonyms?.get(word) ?? word;
    t = stopWords?.has(w) ? null : stemming ? lightStem(w) : w;
    if (memo.size < 50_000) memo.set(word, t);
    return t;
  };
  // Joined pairs ("wi" + "fi", "off~" + "data") are memoised so the same string object (and its
  // cached hash) comes back on every search.
  // At most 100,000 are kept, so arbitrary queries to a long-running API cannot grow it unbounded.
  const joined = new Map<string, Map<string, string>>();
  let nJoined = 0;
  const join = (a: string, b: string): string => {
    const m = joined.get(a);
    const s = m?.get(b);
    if (s !== undefined) return s;
    const ab = a + b;
    if (nJoined < 100_000) {
      if (m) m.set(b, ab);
      else joined.set(a, new Map([[b, ab]]));
      nJoined++;
    }
    return ab;
  };
  // Scratch for one line's terms and the kept positions (a search is synchronous).
  let terms: (string | null)[] = [];
  let kept = new Int32Array(64);
  return (text, visit) => {
    for (const line of text.split("\n")) {
      const toks = tokenize(line);
      const n = toks.length;
      if (terms.length < n) terms = new Array<string | null>(n).fill(null);
      for (let i = 0; i < n; i++) {
        const term = processTerm(toks[i] as string);
        terms[i] = term;
        if (term) visit(term, toks[i] as string, "", TermKind.Word);
      }
      if (compounds) {
        for (let i = 0; i + 1 < n; i++) {
          const a = terms[i];
          const b = terms[i + 1];
          if (a && b) visit(join(a, b), toks[i] as string, toks[i + 1] as string, TermKind.Compound);
        }
      }
      if (!particlePairs) continue;
      // Direction pairs over the kept words (stop-words removed, so the window spans content).
      if (kept.length < n) kept = new Int32Array(n * 2);
      let nk = 0;
      for (let i = 0; i < n; i++) if (terms[i] || DIRECTION_WORDS.has(toks[i] as string)) kept[nk++] = i;
      for (let a = 0; a < nk; a++) {
        const i = kept[a] as number;
        const word = toks[i] as string;
        const dir = DIRECTION_WORDS.get(word);
        if (!dir) continue;
        // "on", "up" and "down" are often prepositions ("on my phone", "up the hill"): they pair
        // only as a particle, after a phrasal verb ("turn on wifi") or closing the line ("wifi is on").
        if (strict && PREPOSITIONS.has(word) && i !== n - 1 && !PHRASAL_VERBS.has(toks[i - 1] ?? "")) continue;
        const hi = Math.min(nk - 1, a + window);
        for (let b = Math.max(0, a - window); b <= hi; b++) {
          const j = kept[b] as number;
          const t = terms[j];
          if (j === i || !t || DIRECTION_WORDS.has(toks[j] as string)) continue;
          visit(join(DIRECTION_PREFIX.get(dir) as string, t), toks[i] as string, toks[j] as string, TermKind.Direction);
        }
      }
    }
  };
}

/** The analysis as an array of terms with their surface words (createTermVisitor, collected). */
export function createAnalyzer(options: AnalyzerOptions = {}): (text: string) => AnalyzedTerm[] {
  const each = createTermVisitor(options);
  return (text: string): AnalyzedTerm[] => {
    const out: AnalyzedTerm[] = [];
    each(text, (term, first, second) => out.push({ term, surface: second === "" ? first : `${first} ${second}` }));
    return out;
  };
}
