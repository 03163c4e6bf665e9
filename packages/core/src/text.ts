/**
 * Text normalisation shared by uniqueness checks (utterances, names, canonical
 * queries) and tool matching. Pure and locale-independent.
 */

const COMBINING_MARKS = /\p{M}+/gu;
// Apostrophes join a word ("don't" -> "dont"); every other punctuation mark or
// symbol separates words ("wi-fi" -> "wi fi", "clear_cache" -> "clear cache").
const APOSTROPHES = /['\u2018\u2019\u02bc\uff07]/gu;
const PUNCTUATION_OR_SYMBOL = /[\p{P}\p{S}]+/gu;
const WHITESPACE = /\s+/gu;
// ASCII text (nearly every query) needs no NFKD and has no combining marks; its punctuation
// and symbols are exactly these ranges. Same result, about half the time (the serving path
// normalises a dozen texts per request).
const ASCII = /^[\x00-\x7f]*$/;
const ASCII_PUNCTUATION_OR_SYMBOL = /[!-/:-@[-`{-~]+/g;
const ASCII_WHITESPACE = /\s+/g;

/**
 * Lowercases, strips diacritics (NFKD, then drops combining marks), removes
 * apostrophes, turns other punctuation and symbols into spaces, collapses runs
 * of whitespace to one space and trims. Letters of any script and digits are kept.
 *
 * normalizeText("  Turn ON the Wi-Fi, please! ") === "turn on the wi fi please"
 * normalizeText("Café  crème") === "cafe creme"
 */
export function normalizeText(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase().replace(/'/g, "").replace(ASCII_PUNCTUATION_OR_SYMBOL, " ").replace(ASCII_WHITESPACE, " ").trim();
  return s
    .normalize("NFKD")
    .replace(COMBINING_MARKS, "")
    .toLowerCase()
    .replace(APOSTROPHES, "")
    .replace(PUNCTUATION_OR_SYMBOL, " ")
    .replace(WHITESPACE, " ")
    .trim();
}

/** Words of `normalizeText(s)`; an empty or punctuation-only string gives []. */
export function tokenize(s: string): string[] {
  const normalized = normalizeText(s);
  return normalized === "" ? [] : normalized.split(" ");
}
