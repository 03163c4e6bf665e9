/**
 * Quality gates of the SysToolkit catalog: one small named function per rule, in a table
 * (`CATALOG_GATES`), so the seed tests, the negative tests and `toolrec toolkit check` share
 * one definition of "valid catalog" and a violation names the rule it broke.
 */

import { normalizeText, validateToolFields, TOOL_ID_PATTERN } from "@toolrec/core";
import { CATALOG_ACTION_TYPES, GROUNDING_SOURCES, loadCatalog, loadDevsetUserTurns, type Catalog, type CatalogTool, type DevsetUserTurn } from "./load.js";
import {
  DESCRIPTION_SIMILARITY_THRESHOLD,
  NEAR_COPY_THRESHOLD,
  descriptionSimilarities,
  nearestCopies,
  phraseWords,
  wordJaccard,
} from "./similarity.js";

/** The paper's own examples: each must be a tool reachable by its canonical query. */
export const PAPER_EXAMPLES: readonly { readonly canonicalQuery: string; readonly toolId: string }[] = [
  { canonicalQuery: "Clear device cache", toolId: "storage.clear_cache" },
  { canonicalQuery: "Free up space", toolId: "storage.free_up_space" },
  { canonicalQuery: "Play music", toolId: "media.play_music" },
  { canonicalQuery: "Turn on Wi-Fi", toolId: "network.turn_on_wifi" },
  { canonicalQuery: "Set an alarm", toolId: "clock.set_alarm" },
  { canonicalQuery: "Clean the speaker", toolId: "sound.clean_speaker" },
  { canonicalQuery: "Open battery health settings", toolId: "battery.open_battery_health_settings" },
  { canonicalQuery: "Check battery health status", toolId: "battery.check_battery_health" },
];

/** Everyday tools (Wi-Fi on, flashlight on, set alarm, volume up, brightness): top decile of invocationCount. */
export const EVERYDAY_TOOL_IDS: readonly string[] = [
  "network.turn_on_wifi",
  "camera.turn_on_flashlight",
  "clock.set_alarm",
  "sound.increase_volume",
  "display.set_brightness",
];

export type CatalogGate =
  | "total"
  | "category"
  | "category-count"
  | "fields"
  | "unique-id"
  | "unique-name"
  | "unique-canonical-query"
  | "canonical-query-words"
  | "description-sentences"
  | "near-duplicate-description"
  | "utterances"
  | "unique-utterance"
  | "situations"
  | "unique-situation"
  | "situation-copies-utterance"
  | "situation-devset-copy"
  | "utterance-devset-copy"
  | "parameters"
  | "action-type"
  | "grounding"
  | "popularity"
  | "count-order"
  | "long-tail"
  | "everyday-top-decile"
  | "required-tool";

export interface CatalogViolation {
  readonly gate: CatalogGate;
  /** The tool (or, for category gates, the category) concerned, when there is one. */
  readonly subject?: string;
  readonly message: string;
}

export interface CatalogQualityOptions {
  /** Exact number of tools; null skips the check. Default 708. */
  readonly expectedTotal?: number | null;
  /** Each category's count must be within target x (1 +/- tolerance). Default 0.2. */
  readonly categoryTolerance?: number;
  /** Default 4. */
  readonly minUtterances?: number;
  /** Situations every tool needs. Default 2 (no tool is exempt: see prisma/catalog/README.md). */
  readonly minSituations?: number;
  /** Default 6. */
  readonly maxCanonicalQueryWords?: number;
  /** Default 3. */
  readonly maxDescriptionSentences?: number;
  /** Default DESCRIPTION_SIMILARITY_THRESHOLD; pairs strictly above it are flagged. */
  readonly descriptionSimilarityThreshold?: number;
  /** Default NEAR_COPY_THRESHOLD; phrase pairs at or above it are near copies. */
  readonly nearCopyThreshold?: number;
  /** The smallest count in the top decile must be >= this x the median count. Default 3. */
  readonly minTopDecileToMedianRatio?: number;
  /** Default PAPER_EXAMPLES. */
  readonly requiredTools?: readonly { readonly canonicalQuery: string; readonly toolId: string }[];
  /** Default EVERYDAY_TOOL_IDS. */
  readonly everydayToolIds?: readonly string[];
  /**
   * The dev set's user turns (loadDevsetUserTurns): no situation or utterance may copy one. Without
   * them the devset gates report that it could not run, so a missing dev set never passes silently;
   * pass [] to check a catalog that has no dev set.
   */
  readonly devset?: readonly DevsetUserTurn[] | null;
}

export type ResolvedCatalogQualityOptions = Required<Omit<CatalogQualityOptions, "devset">> & { readonly devset: readonly DevsetUserTurn[] | null };

function resolveOptions(o: CatalogQualityOptions): ResolvedCatalogQualityOptions {
  return {
    expectedTotal: o.expectedTotal === undefined ? 708 : o.expectedTotal,
    categoryTolerance: o.categoryTolerance ?? 0.2,
    minUtterances: o.minUtterances ?? 4,
    minSituations: o.minSituations ?? 2,
    maxCanonicalQueryWords: o.maxCanonicalQueryWords ?? 6,
    maxDescriptionSentences: o.maxDescriptionSentences ?? 3,
    descriptionSimilarityThreshold: o.descriptionSimilarityThreshold ?? DESCRIPTION_SIMILARITY_THRESHOLD,
    nearCopyThreshold: o.nearCopyThreshold ?? NEAR_COPY_THRESHOLD,
    minTopDecileToMedianRatio: o.minTopDecileToMedianRatio ?? 3,
    requiredTools: o.requiredTools ?? PAPER_EXAMPLES,
    everydayToolIds: o.everydayToolIds ?? EVERYDAY_TOOL_IDS,
    devset: o.devset ?? null,
  };
}

// ---------------------------------------------------------------------------
// Helpers shared by the gates
// ---------------------------------------------------------------------------

export interface InvocationCountStats {
  readonly topDecileSize: number;
  /** Smallest count among the top decile (the ceil(N/10) highest counts). */
  readonly topDecileMin: number;
  readonly median: number;
  readonly ratio: number;
}

/** Top-decile floor vs median of the invocation counts (ratio = topDecileMin / median). */
export function invocationCountStats(counts: readonly number[]): InvocationCountStats {
  const sorted = [...counts].sort((a, b) => b - a);
  const n = sorted.length;
  if (n === 0) return { topDecileSize: 0, topDecileMin: 0, median: 0, ratio: 0 };
  const topDecileSize = Math.ceil(n / 10);
  const topDecileMin = sorted[topDecileSize - 1]!;
  const mid = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { topDecileSize, topDecileMin, median, ratio: median > 0 ? topDecileMin / median : Infinity };
}

/**
 * Sentences of a description: split after ., ! or ? followed by whitespace and an
 * upper-case letter, digit or opening quote/bracket (so "e.g. the" or "Wi-Fi 6.0" do not split).
 */
export function countSentences(text: string): number {
  const trimmed = text.trim();
  if (trimmed === "") return 0;
  return trimmed.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'(\u201c])/u).length;
}

const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
const idOf = (tool: CatalogTool): string => (typeof tool.id === "string" ? tool.id : JSON.stringify(tool.id));
const stringsOf = (list: unknown): string[] => (Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : []);
const isValidPopularity = (p: unknown): p is number => typeof p === "number" && Number.isInteger(p) && p >= 1 && p <= 10;

/** normalised canonical query -> owning tool id (the first tool that has it; unique-canonical-query flags the rest). */
function canonicalOwners(tools: readonly CatalogTool[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const tool of tools) {
    if (typeof tool.canonicalQuery !== "string") continue;
    const key = normalizeText(tool.canonicalQuery);
    if (!owners.has(key)) owners.set(key, tool.id);
  }
  return owners;
}

/** Tools whose invocationCount can be judged: a number, and a valid popularity (the popularity gate owns the rest). */
function countedTools(tools: readonly CatalogTool[]): CatalogTool[] {
  return tools.filter((t) => typeof t.invocationCount === "number" && isValidPopularity(t.popularity));
}

/** Flags the second and later tools whose `value` equals an earlier one's after normalizeText. */
function uniqueBy(gate: CatalogGate, label: string, value: (t: CatalogTool) => unknown) {
  return ({ tools }: GateInput): CatalogViolation[] => {
    const out: CatalogViolation[] = [];
    const seen = new Map<string, string>();
    for (const tool of tools) {
      const v = value(tool);
      if (typeof v !== "string") continue;
      const key = normalizeText(v);
      const first = seen.get(key);
      if (first !== undefined) out.push({ gate, subject: tool.id, message: `${label} "${v}" duplicates ${first} (normalised "${key}")` });
      else seen.set(key, tool.id);
    }
    return out;
  };
}

// ---------------------------------------------------------------------------
// The gates
// ---------------------------------------------------------------------------

export interface GateInput {
  readonly catalog: Catalog;
  readonly tools: readonly CatalogTool[];
  readonly options: ResolvedCatalogQualityOptions;
}

export type GateCheck = (input: GateInput) => CatalogViolation[];

const v = (gate: CatalogGate, subject: string | undefined, message: string): CatalogViolation =>
  subject === undefined ? { gate, message } : { gate, subject, message };

const total: GateCheck = ({ tools, options }) =>
  options.expectedTotal !== null && tools.length !== options.expectedTotal
    ? [v("total", undefined, `expected exactly ${options.expectedTotal} tools, found ${tools.length}`)]
    : [];

const category: GateCheck = ({ catalog, tools }) => {
  const known = new Set(catalog.categories.map((c) => c.id));
  return tools.flatMap((tool) => [
    ...(known.has(tool.categoryId) ? [] : [v("category", idOf(tool), `file tools/${tool.categoryId}.json is not a category of categories.json`)]),
    ...(typeof tool.id === "string" && !tool.id.startsWith(`${tool.categoryId}.`)
      ? [v("category", tool.id, `id must start with its category "${tool.categoryId}."`)]
      : []),
  ]);
};

const categoryCount: GateCheck = ({ catalog, tools, options }) => {
  const counts = new Map<string, number>();
  for (const tool of tools) counts.set(tool.categoryId, (counts.get(tool.categoryId) ?? 0) + 1);
  return catalog.categories.flatMap((c) => {
    const count = counts.get(c.id) ?? 0;
    const low = Math.ceil(c.target * (1 - options.categoryTolerance));
    const high = Math.floor(c.target * (1 + options.categoryTolerance));
    return count < low || count > high ? [v("category-count", c.id, `${count} tools, target ${c.target} (allowed ${low}..${high})`)] : [];
  });
};

/** validateToolFields (all but `parameters`, which the parameters gate owns), the id pattern and a present invocationCount. */
const fields: GateCheck = ({ tools }) => {
  const out: CatalogViolation[] = [];
  for (const tool of tools) {
    const id = idOf(tool);
    for (const e of validateToolFields(tool as unknown as Record<string, unknown>)) {
      if (e.field !== "parameters") out.push(v("fields", id, `${e.field}: ${e.message}`));
    }
    if (typeof tool.id === "string" && !TOOL_ID_PATTERN.test(tool.id)) out.push(v("fields", id, `id must match ${TOOL_ID_PATTERN.source}`));
  }
  return out;
};

const canonicalQueryWords: GateCheck = ({ tools, options }) =>
  tools.flatMap((tool) => {
    if (typeof tool.canonicalQuery !== "string") return [];
    // Words as a reader counts them: "Wi-Fi" and "screen-on" are one word each.
    const words = tool.canonicalQuery.trim().split(/\s+/u).filter((w) => w !== "").length;
    return words > options.maxCanonicalQueryWords
      ? [v("canonical-query-words", idOf(tool), `canonical query has ${words} words (max ${options.maxCanonicalQueryWords})`)]
      : [];
  });

const descriptionSentences: GateCheck = ({ tools, options }) =>
  tools.flatMap((tool) => {
    if (typeof tool.description !== "string") return [];
    const n = countSentences(tool.description);
    return n < 1 || n > options.maxDescriptionSentences
      ? [v("description-sentences", idOf(tool), `description has ${n} sentences (allowed 1..${options.maxDescriptionSentences})`)]
      : [];
  });

const nearDuplicateDescription: GateCheck = ({ tools, options }) => {
  const threshold = options.descriptionSimilarityThreshold;
  return descriptionSimilarities(tools.filter((t) => typeof t.description === "string"), threshold)
    .filter((pair) => pair.similarity > threshold)
    .map((pair) =>
      v("near-duplicate-description", pair.b, `description is a near-duplicate of ${pair.a}'s (TF-IDF cosine ${pair.similarity.toFixed(3)} > ${threshold})`),
    );
};

const utterances: GateCheck = ({ tools, options }) =>
  tools
    .filter((tool) => !Array.isArray(tool.utterances) || tool.utterances.length < options.minUtterances)
    .map((tool) => v("utterances", idOf(tool), `needs at least ${options.minUtterances} utterances, has ${Array.isArray(tool.utterances) ? tool.utterances.length : 0}`));

/**
 * Flags a phrase of `list` (normalised) that another tool already has in that list, or that
 * `reserved` gives to another tool (its canonical query, its utterances).
 */
function uniquePhrases(
  gate: CatalogGate,
  noun: string,
  list: (t: CatalogTool) => unknown,
  reserved: (tools: readonly CatalogTool[]) => Map<string, { id: string; kind: string }>,
): GateCheck {
  return ({ tools }) => {
    const out: CatalogViolation[] = [];
    const taken = reserved(tools);
    const owner = new Map<string, string>();
    for (const tool of tools) {
      for (const p of new Set(stringsOf(list(tool)).map(normalizeText))) {
        const first = owner.get(p);
        if (first !== undefined && first !== tool.id) out.push(v(gate, tool.id, `${noun} "${p}" is also ${noun === "utterance" ? "an" : "a"} ${noun} of ${first}`));
        else owner.set(p, tool.id);
        const other = taken.get(p);
        if (other !== undefined && other.id !== tool.id) out.push(v(gate, tool.id, `${noun} "${p}" is ${other.kind} of ${other.id}`));
      }
    }
    return out;
  };
}

const canonicalQueriesOf = (tools: readonly CatalogTool[]) =>
  new Map([...canonicalOwners(tools)].map(([q, id]) => [q, { id, kind: "the canonical query" }]));

/** No utterance shared by two tools (normalised) nor equal to another tool's canonical query. */
const uniqueUtterance = uniquePhrases("unique-utterance", "utterance", (t) => t.utterances, canonicalQueriesOf);

const situations: GateCheck = ({ tools, options }) =>
  tools
    .filter((tool) => stringsOf(tool.situations).length < options.minSituations)
    .map((tool) =>
      v(
        "situations",
        idOf(tool),
        `needs at least ${options.minSituations} situations (a need described without naming the tool, e.g. "I'm at the cinema"), has ${stringsOf(tool.situations).length}`,
      ),
    );

/** No situation shared by two tools (normalised), nor equal to another tool's utterance or canonical query. */
const uniqueSituation = uniquePhrases("unique-situation", "situation", (t) => t.situations, (tools) => {
  const taken = canonicalQueriesOf(tools);
  for (const tool of tools) for (const u of stringsOf(tool.utterances)) taken.set(normalizeText(u), { id: tool.id, kind: "an utterance" });
  return taken;
});

/** A situation adds a new way of describing the need: it must not repeat (or nearly repeat) the tool's own utterances or canonical query. */
const situationCopiesUtterance: GateCheck = ({ tools, options }) => {
  const out: CatalogViolation[] = [];
  for (const tool of tools) {
    const own = [...stringsOf(tool.utterances), ...(typeof tool.canonicalQuery === "string" ? [tool.canonicalQuery] : [])].map((u) => ({ u, words: phraseWords(u) }));
    for (const s of stringsOf(tool.situations)) {
      const words = phraseWords(s);
      for (const { u, words: uw } of own) {
        const j = wordJaccard(words, uw);
        if (j >= options.nearCopyThreshold) {
          out.push(v("situation-copies-utterance", tool.id, `situation "${s}" copies its own utterance "${u}" (word overlap ${j.toFixed(2)} >= ${options.nearCopyThreshold})`));
          break;
        }
      }
    }
  }
  return out;
};

/**
 * The dev set is held out: no curator phrase of this kind (situations, utterances) may equal
 * or nearly copy what a user says in it, or the scores it reports would measure recall of copies.
 */
function devsetCopy(gate: CatalogGate, noun: string, phrasesOf: (tool: CatalogTool) => readonly string[]): GateCheck {
  return ({ tools, options }) => {
    if (options.devset === null) {
      return [v(gate, undefined, `no dev set given: ${noun}s were not checked against the dev set's user turns`)];
    }
    const phrases = tools.flatMap((tool) => phrasesOf(tool).map((text) => ({ tool, text })));
    const turns = options.devset;
    const copies = nearestCopies(
      phrases.map((s) => s.text),
      turns.map((t) => t.text),
      options.nearCopyThreshold,
    );
    return phrases.flatMap(({ tool, text }, i) => {
      const copy = copies[i];
      if (!copy) return [];
      const turn = turns[copy.index]!;
      const overlap = `(word overlap ${copy.jaccard.toFixed(2)} >= ${options.nearCopyThreshold})`;
      // The test part is held out from curators: name the dialogue, never quote it.
      const what = turn.split === "test" ? `held-out test dialogue ${turn.id} ${overlap}; its words are not shown` : `dev-set dialogue ${turn.id}: "${turn.text}" ${overlap}`;
      return [v(gate, tool.id, `${noun} "${text}" copies ${what}`)];
    });
  };
}
const situationDevsetCopy = devsetCopy("situation-devset-copy", "situation", (t) => stringsOf(t.situations));
const utteranceDevsetCopy = devsetCopy("utterance-devset-copy", "utterance", (t) => stringsOf(t.utterances));

const parameters: GateCheck = ({ tools }) =>
  tools.flatMap((tool) =>
    validateToolFields({ parameters: tool.parameters }, { partial: true }).map((e) => v("parameters", idOf(tool), e.message)),
  );

const actionType: GateCheck = ({ tools }) =>
  tools
    .filter((tool) => !(CATALOG_ACTION_TYPES as readonly string[]).includes(tool.actionType))
    .map((tool) => v("action-type", idOf(tool), `unknown actionType ${JSON.stringify(tool.actionType)} (one of ${CATALOG_ACTION_TYPES.join(", ")})`));

const grounding: GateCheck = ({ tools }) =>
  tools.flatMap((tool) => {
    const id = idOf(tool);
    if (!Array.isArray(tool.grounding) || tool.grounding.length === 0) return [v("grounding", id, "needs at least one grounding entry")];
    return tool.grounding.flatMap((g, i) => {
      if (typeof g !== "object" || g === null) return [v("grounding", id, `grounding[${i}] must be an object`)];
      if (!(GROUNDING_SOURCES as readonly string[]).includes(g.source)) return [v("grounding", id, `grounding[${i}]: unknown source ${JSON.stringify(g.source)}`)];
      if (g.source === "oem") return isNonEmptyString(g.reason) ? [] : [v("grounding", id, `grounding[${i}]: an oem entry needs a reason`)];
      return isNonEmptyString(g.id) ? [] : [v("grounding", id, `grounding[${i}]: a ${g.source} entry needs an id`)];
    });
  });

const popularity: GateCheck = ({ tools }) =>
  tools
    .filter((tool) => !isValidPopularity(tool.popularity))
    .map((tool) => v("popularity", idOf(tool), `popularity must be an integer 1..10, got ${String(tool.popularity)}`));

const invocationCountPresent: GateCheck = ({ tools }) =>
  tools
    .filter((tool) => typeof tool.invocationCount !== "number")
    .map((tool) => v("fields", idOf(tool), "needs invocationCount (run npm run catalog:counts)"));

/** A tool never has more invocations than one with a higher popularity (the derivation ranks popularity first). */
const countOrder: GateCheck = ({ tools }) => {
  const byPopularity = new Map<number, { min: CatalogTool; max: CatalogTool }>();
  for (const t of countedTools(tools)) {
    const r = byPopularity.get(t.popularity);
    if (!r) byPopularity.set(t.popularity, { min: t, max: t });
    else {
      if (t.invocationCount < r.min.invocationCount) r.min = t;
      if (t.invocationCount > r.max.invocationCount) r.max = t;
    }
  }
  const levels = [...byPopularity.keys()].sort((a, b) => b - a);
  const out: CatalogViolation[] = [];
  for (let i = 1; i < levels.length; i += 1) {
    const higher = byPopularity.get(levels[i - 1]!)!.min;
    const lower = byPopularity.get(levels[i]!)!.max;
    if (lower.invocationCount > higher.invocationCount) {
      out.push(
        v(
          "count-order",
          lower.id,
          `popularity-${lower.popularity} tool has invocationCount ${lower.invocationCount} > ${higher.invocationCount} of popularity-${higher.popularity} ${higher.id} (stale counts? run npm run catalog:counts)`,
        ),
      );
    }
  }
  return out;
};

const longTail: GateCheck = ({ tools, options }) => {
  const counted = countedTools(tools);
  if (counted.length === 0) return [];
  const stats = invocationCountStats(counted.map((t) => t.invocationCount));
  return stats.ratio < options.minTopDecileToMedianRatio
    ? [v("long-tail", undefined, `top-decile floor ${stats.topDecileMin} is ${stats.ratio.toFixed(2)}x the median ${stats.median} (need >= ${options.minTopDecileToMedianRatio}x)`)]
    : [];
};

const everydayTopDecile: GateCheck = ({ tools, options }) => {
  const counted = countedTools(tools);
  if (counted.length === 0) return [];
  const { topDecileMin } = invocationCountStats(counted.map((t) => t.invocationCount));
  const byId = new Map(tools.map((t) => [t.id, t]));
  return options.everydayToolIds.flatMap((id) => {
    const tool = byId.get(id);
    if (tool === undefined) return [v("everyday-top-decile", id, "everyday tool is missing")];
    return typeof tool.invocationCount === "number" && tool.invocationCount < topDecileMin
      ? [v("everyday-top-decile", id, `invocationCount ${tool.invocationCount} is below the top decile (${topDecileMin})`)]
      : [];
  });
};

const requiredTool: GateCheck = ({ tools, options }) => {
  const owners = canonicalOwners(tools);
  return options.requiredTools.flatMap((example) => {
    const owner = owners.get(normalizeText(example.canonicalQuery));
    if (owner === undefined) return [v("required-tool", example.toolId, `no tool has the canonical query "${example.canonicalQuery}"`)];
    return owner === example.toolId ? [] : [v("required-tool", example.toolId, `canonical query "${example.canonicalQuery}" belongs to ${owner}`)];
  });
};

export interface CatalogGateDefinition {
  readonly gate: CatalogGate;
  /** The rule in one line, for `toolrec toolkit check` and the README. */
  readonly rule: string;
  readonly check: GateCheck;
}

/** Every gate, in report order. A violation's `gate` is the name of the entry that found it. */
export const CATALOG_GATES: readonly CatalogGateDefinition[] = [
  { gate: "total", rule: "exactly the expected number of tools (708)", check: total },
  { gate: "category", rule: "every tool file is a category of categories.json and every id starts with its category", check: category },
  { gate: "category-count", rule: "each category's tool count within +/-20% of its target", check: categoryCount },
  { gate: "fields", rule: "validateToolFields (lengths, unique utterances and situations within a tool), the id pattern, an invocationCount", check: (input: GateInput) => [...fields(input), ...invocationCountPresent(input)] },
  { gate: "unique-id", rule: "ids unique", check: uniqueBy("unique-id", "id", (t) => t.id) },
  { gate: "unique-name", rule: "names unique ignoring case and punctuation", check: uniqueBy("unique-name", "name", (t) => t.name) },
  { gate: "unique-canonical-query", rule: "canonical queries unique ignoring case and punctuation", check: uniqueBy("unique-canonical-query", "canonical query", (t) => t.canonicalQuery) },
  { gate: "canonical-query-words", rule: "canonical queries of at most 6 words", check: canonicalQueryWords },
  { gate: "description-sentences", rule: "descriptions of 1 to 3 sentences", check: descriptionSentences },
  { gate: "near-duplicate-description", rule: "no two descriptions with TF-IDF cosine above the threshold", check: nearDuplicateDescription },
  { gate: "utterances", rule: "at least 4 utterances per tool", check: utterances },
  { gate: "unique-utterance", rule: "no utterance shared by two tools or equal to another tool's canonical query", check: uniqueUtterance },
  { gate: "situations", rule: "at least 2 situations per tool", check: situations },
  { gate: "unique-situation", rule: "no situation shared by two tools or equal to another tool's utterance or canonical query", check: uniqueSituation },
  { gate: "situation-copies-utterance", rule: "no situation equal to or a near copy of the tool's own utterances or canonical query", check: situationCopiesUtterance },
  { gate: "situation-devset-copy", rule: "no situation equal to or a near copy of a dev-set user turn", check: situationDevsetCopy },
  { gate: "utterance-devset-copy", rule: "no utterance equal to or a near copy of a dev-set user turn", check: utteranceDevsetCopy },
  { gate: "parameters", rule: "parameters null or a valid object JSON Schema", check: parameters },
  { gate: "action-type", rule: "actionType one of the six action types", check: actionType },
  { gate: "grounding", rule: "at least one grounding entry, each with a known source and an id (oem: a reason)", check: grounding },
  { gate: "popularity", rule: "popularity an integer 1..10", check: popularity },
  { gate: "count-order", rule: "invocationCount never above that of a more popular tool", check: countOrder },
  { gate: "long-tail", rule: "top-decile invocation floor at least 3x the median", check: longTail },
  { gate: "everyday-top-decile", rule: "the everyday tools in the top decile of invocationCount", check: everydayTopDecile },
  { gate: "required-tool", rule: "the paper's examples reachable by their canonical queries", check: requiredTool },
];

/** Runs every gate of CATALOG_GATES and returns the violations ([] when the catalog passes). */
export function catalogQualityReport(catalog: Catalog, options: CatalogQualityOptions = {}): CatalogViolation[] {
  const input: GateInput = { catalog, tools: catalog.tools, options: resolveOptions(options) };
  return CATALOG_GATES.flatMap((g) => g.check(input));
}

/**
 * The catalog files and the dev set, checked with every gate: what `toolrec toolkit check` and the
 * seed tests run. `devsetPath` defaults to the repository's dev set.
 */
export function checkCatalogFiles(opts: { dir?: string; devsetPath?: string } = {}): {
  catalog: Catalog;
  devsetTurns: number | null;
  violations: CatalogViolation[];
} {
  const catalog = loadCatalog(opts.dir);
  const devset = loadDevsetUserTurns(opts.devsetPath);
  return { catalog, devsetTurns: devset?.length ?? null, violations: catalogQualityReport(catalog, { devset }) };
}
