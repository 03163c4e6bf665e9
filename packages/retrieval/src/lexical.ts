// Lexical stage: BM25 (MiniSearch's BM25+) over a tool's name, canonical query, utterances
// and description, with per-field boosts, stop-words and a light stemmer.
//
// A RetrievalQuery has weighted segments (see query.ts). Two ways of using the weights:
//  - "termBoost" (default): one search over the union of the segments' terms, each term
//    boosted by the largest weight of a segment that contains it;
//  - "perSegment": one search per segment, document scores summed weighted by segment weight.

import MiniSearch from "minisearch";
import type { SearchResult } from "minisearch";
import { DEFAULT_STOP_WORDS, createAnalyzer } from "./text-analysis.js";
import type { Retriever, RetrievalQuery, StageHit, ToolDocument } from "./types.js";

export type LexicalField = "name" | "canonicalQuery" | "utterances" | "description";

export interface LexicalOptions {
  /** Stage name reported in results. Default "bm25". */
  name?: string;
  /** Field boosts (0 leaves the field out). Defaults: DEFAULT_FIELD_BOOSTS. */
  fieldBoosts?: Partial<Record<LexicalField, number>>;
  /** Apply the light English stemmer (text-analysis.ts). Default true. */
  stemming?: boolean;
  /** Stop-words to drop, or false for none. Default DEFAULT_STOP_WORDS. */
  stopWords?: ReadonlySet<string> | false;
  /** BM25+ parameters. Default MiniSearch's { k: 1.2, b: 0.7, d: 0.5 }. */
  bm25?: { k: number; b: number; d: number };
  /** How segment weights are applied (see the header). Default "termBoost". */
  segmentMode?: "termBoost" | "perSegment";
  /**
   * Also index each pair of adjacent non-stop-words joined into one term ("wi fi" -> "wifi",
   * "screen shot" -> "screenshot"), on documents and queries. Default true.
   */
  compounds?: boolean;
  /** Prefix-match query terms of at least this many characters (0 = off). Default 0. */
  prefixMinLength?: number;
}

/**
 * Chosen on the tuning split (scripts/tune-split.ts, leave-one-utterance-out over the
 * catalog), not on the dev set: R@5 0.730 against 0.674 for name/canonicalQuery 3,
 * utterances 2, description 1. The description is the longest text and the one most likely to
 * share words with a new phrasing of a need, so it earns the largest boost; the short name
 * and canonical query come next.
 */
export const DEFAULT_FIELD_BOOSTS: Readonly<Record<LexicalField, number>> = Object.freeze({
  name: 2,
  canonicalQuery: 2,
  utterances: 1,
  description: 3,
});

const FIELDS: LexicalField[] = ["name", "canonicalQuery", "utterances", "description"];

/** A lexical retriever whose index can follow edits to single tools. */
export interface LexicalRetriever extends Retriever {
  /** Adds a tool, or replaces the indexed text of a tool with the same id. */
  upsert(doc: ToolDocument): void;
  /** Removes a tool from the index; returns false when it was not indexed. */
  remove(id: string): boolean;
  has(id: string): boolean;
  /** Number of indexed tools. */
  readonly size: number;
  /** Synchronous search (the async `search` wraps it). */
  searchSync(query: RetrievalQuery, topK: number): StageHit[];
  /** The analysed terms of a text (tokenize, stop-words, stemming), as the index sees them. */
  analyze(text: string): string[];
}

interface QueryTerm {
  term: string;
  weight: number;
  surface: string;
}

export function createLexicalRetriever(docs: Iterable<ToolDocument>, options: LexicalOptions = {}): LexicalRetriever {
  const stemming = options.stemming ?? true;
  const stopWords = options.stopWords === false ? null : (options.stopWords ?? DEFAULT_STOP_WORDS);
  const boosts = { ...DEFAULT_FIELD_BOOSTS, ...options.fieldBoosts };
  const segmentMode = options.segmentMode ?? "termBoost";
  const prefixMinLength = options.prefixMinLength ?? 0;
  // MiniSearch reads a boost of 0 as "no boost" (1): leave such fields out of the search.
  const searchFields = FIELDS.filter((f) => boosts[f] > 0);

  const compounds = options.compounds ?? true;

  /** Analysed terms with the surface words they came from (text-analysis.ts). */
  const analyzeWithSurface = createAnalyzer({ stemming, stopWords: stopWords ?? false, compounds, synonyms: false });
  const analyze = (text: string): string[] => analyzeWithSurface(text).map((x) => x.term);

  const index = new MiniSearch<ToolDocument>({
    idField: "id",
    fields: FIELDS,
    storeFields: [],
    extractField: (doc, field) => {
      if (field === "utterances") return doc.utterances.join("\n");
      const v = (doc as unknown as Record<string, unknown>)[field];
      return typeof v === "string" ? v : "";
    },
    // The whole analysis happens in `tokenize`; terms arrive final.
    tokenize: (text) => analyze(text),
    processTerm: (term) => term,
    searchOptions: {
      fields: searchFields,
      boost: boosts,
      combineWith: "OR",
      ...(options.bm25 ? { bm25: options.bm25 } : {}),
    },
    // No background vacuuming timers: searches skip (and clean up) discarded documents, and
    // edits are rare.
    autoVacuum: false,
  });
  index.addAll([...docs]);

  /** Analysed query terms with their weights and the first surface form that produced them. */
  const weightedTerms = (segments: RetrievalQuery["segments"]): QueryTerm[] => {
    const byTerm = new Map<string, QueryTerm>();
    for (const seg of segments) {
      for (const { term, surface } of analyzeWithSurface(seg.text)) {
        const prev = byTerm.get(term);
        if (!prev) byTerm.set(term, { term, weight: seg.weight, surface });
        else if (seg.weight > prev.weight) prev.weight = seg.weight;
      }
    }
    return [...byTerm.values()];
  };

  const runTerms = (terms: QueryTerm[]): SearchResult[] => {
    if (terms.length === 0) return [];
    const weightOf = new Map(terms.map((t) => [t.term, t.weight]));
    return index.search(terms.map((t) => t.term).join(" "), {
      tokenize: (s) => s.split(" "),
      processTerm: (t) => t,
      boostTerm: (t) => weightOf.get(t) ?? 1,
      prefix: prefixMinLength > 0 ? (t) => t.length >= prefixMinLength : false,
    });
  };

  const searchSync = (query: RetrievalQuery, topK: number): StageHit[] => {
    if (topK <= 0) return [];
    const segments = query.segments.length > 0 ? query.segments : [{ text: query.text, weight: 1, source: "userQuery" as const }];
    const surfaceOf = new Map<string, string>();
    const scores = new Map<string, { score: number; terms: Set<string> }>();
    const add = (results: SearchResult[], factor: number): void => {
      for (const r of results) {
        const id = String(r.id);
        let e = scores.get(id);
        if (!e) scores.set(id, (e = { score: 0, terms: new Set() }));
        e.score += factor * r.score;
        for (const t of r.queryTerms) e.terms.add(t);
      }
    };
    if (segmentMode === "perSegment") {
      for (const seg of segments) {
        const terms = weightedTerms([{ ...seg, weight: 1 }]);
        for (const t of terms) if (!surfaceOf.has(t.term)) surfaceOf.set(t.term, t.surface);
        add(runTerms(terms), seg.weight);
      }
    } else {
      const terms = weightedTerms(segments);
      for (const t of terms) surfaceOf.set(t.term, t.surface);
      add(runTerms(terms), 1);
    }
    const ranked = [...scores.entries()].sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return ranked.slice(0, topK).map(([id, e], i) => ({
      id,
      rank: i + 1,
      score: e.score,
      matchedTerms: [...e.terms].map((t) => surfaceOf.get(t) ?? t),
    }));
  };

  return {
    name: options.name ?? "bm25",
    async search(query, topK) {
      return searchSync(query, topK);
    },
    searchSync,
    analyze,
    upsert(doc) {
      if (index.has(doc.id)) index.discard(doc.id);
      index.add(doc);
    },
    remove(id) {
      if (!index.has(id)) return false;
      index.discard(id);
      return true;
    },
    has(id) {
      return index.has(id);
    },
    get size() {
      return index.documentCount;
    },
  };
}
