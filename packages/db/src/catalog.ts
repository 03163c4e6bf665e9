/**
 * The SysToolkit catalog seed (prisma/catalog): loading and quality gates.
 *
 * `loadCatalog` only reads and parses files (no database, no validation beyond the
 * file layout); `catalogQualityReport` runs every catalog gate and returns the
 * violations, so the seed tests and the CLI share one definition of "valid catalog".
 */

import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { normalizeText, tokenize, validateJsonSchema, validateToolFields, TOOL_ID_PATTERN } from "@toolrec/core";

// ---------------------------------------------------------------------------
// Types and loading
// ---------------------------------------------------------------------------

export const CATALOG_ACTION_TYPES = [
  "OPEN_SETTINGS",
  "TOGGLE",
  "SET_VALUE",
  "QUERY_STATUS",
  "EXECUTE",
  "LAUNCH",
] as const;
export type CatalogActionType = (typeof CATALOG_ACTION_TYPES)[number];

/** Grounding sources accepted in the catalog (see prisma/catalog/README.md). */
export const GROUNDING_SOURCES = [
  "android.settings",
  "android.intent",
  "qs_tile",
  "app_actions",
  "shortcuts",
  "massive",
  "mtop",
  "androidworld",
  "oem",
] as const;

export interface CatalogGrounding {
  /** One of GROUNDING_SOURCES. */
  readonly source: string;
  /** The public identifier (intent action, tile spec, BII, ...); absent for `oem`. */
  readonly id?: string;
  /** For `oem`: one line saying which vendors ship it and why there is no public id. */
  readonly reason?: string;
}

export interface CatalogCategory {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly target: number;
}

export interface CatalogTool {
  /** `<category>.<verb>_<object>`. */
  readonly id: string;
  /** The category whose file (`tools/<categoryId>.json`) holds the tool. */
  readonly categoryId: string;
  readonly name: string;
  readonly description: string;
  readonly canonicalQuery: string;
  readonly utterances: readonly string[];
  /** A JSON Schema object (type "object"), or null when the action takes no values. */
  readonly parameters: Readonly<Record<string, unknown>> | null;
  readonly actionType: CatalogActionType;
  readonly grounding: readonly CatalogGrounding[];
  /** 1..10, hand-assigned everyday-ness. */
  readonly popularity: number;
  /** Derived from popularity by prisma/catalog/derive-counts.ts. */
  readonly invocationCount: number;
}

export interface Catalog {
  readonly categories: readonly CatalogCategory[];
  readonly tools: readonly CatalogTool[];
}

/** `<repo>/prisma/catalog`, resolved from this file (packages/db/src). */
export const DEFAULT_CATALOG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../../prisma/catalog");

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Reads `<dir>/categories.json` and every `<dir>/tools/*.json` (the files named after
 * a category first, in category order, then any other file alphabetically). Each tool
 * gets `categoryId` = its file's base name. Throws only when a file is missing, is
 * not valid JSON, or is not an array; field-level problems are left to
 * `catalogQualityReport`, so the typed objects are what the files say.
 */
export function loadCatalog(dir: string = DEFAULT_CATALOG_DIR): Catalog {
  const categoriesPath = join(dir, "categories.json");
  const categories = readJson(categoriesPath);
  if (!Array.isArray(categories)) throw new Error(`${categoriesPath}: expected a JSON array of categories`);
  const toolsDir = join(dir, "tools");
  if (!existsSync(toolsDir)) throw new Error(`${toolsDir}: no tools directory`);

  const files = readdirSync(toolsDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => f.slice(0, -".json".length));
  const order = new Map<string, number>();
  (categories as CatalogCategory[]).forEach((c, i) => order.set(c.id, i));
  files.sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0));

  const tools: CatalogTool[] = [];
  for (const categoryId of files) {
    const path = join(toolsDir, `${categoryId}.json`);
    const list = readJson(path);
    if (!Array.isArray(list)) throw new Error(`${path}: expected a JSON array of tools`);
    for (const tool of list as Record<string, unknown>[]) tools.push({ ...tool, categoryId } as unknown as CatalogTool);
  }
  return { categories: categories as CatalogCategory[], tools };
}

// ---------------------------------------------------------------------------
// Near-duplicate descriptions: TF-IDF cosine
// ---------------------------------------------------------------------------

/** English function words dropped before TF-IDF (they carry no capability meaning). */
export const DESCRIPTION_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each either else etc even ever every few for " +
    "from further get gets had has have having he her here hers herself him himself his how i if in into is it " +
    "its itself just let lets may me might more most much must my myself no nor not now of off on once one only " +
    "or other our ours ourselves out over own per same she should so some such than that the their theirs them " +
    "themselves then there these they this those through thus to too under until up upon us very via was we " +
    "were what whatever when whenever where whether which while who whom whose why will with within without " +
    "would yet you your yours yourself yourselves"
  ).split(" "),
);

export interface SimilarPair {
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
}

/** Terms of a description for the similarity check: `tokenize`, minus stop-words. */
export function descriptionTerms(description: string): string[] {
  return tokenize(description).filter((t) => !DESCRIPTION_STOP_WORDS.has(t));
}

/**
 * Pairwise cosine similarity of the tools' descriptions as TF-IDF vectors over
 * `descriptionTerms`: raw term frequency x smoothed idf, idf(t) = ln((1 + N) / (1 + df(t))) + 1
 * (N = number of tools, df = tools whose description has t), vectors L2-normalised.
 * Returns every pair with similarity >= `minSimilarity`, most similar first.
 */
export function descriptionSimilarities(
  tools: readonly Pick<CatalogTool, "id" | "description">[],
  minSimilarity = 0,
): SimilarPair[] {
  const termLists = tools.map((t) => descriptionTerms(typeof t.description === "string" ? t.description : ""));
  const df = new Map<string, number>();
  for (const terms of termLists) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = tools.length;
  const vectors = termLists.map((terms) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v = new Map<string, number>();
    let norm = 0;
    for (const [t, f] of tf) {
      const w = f * (Math.log((1 + n) / (1 + df.get(t)!)) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });

  const pairs: SimilarPair[] = [];
  for (let i = 0; i < n; i += 1) {
    const vi = vectors[i]!;
    for (let j = i + 1; j < n; j += 1) {
      const vj = vectors[j]!;
      const [small, large] = vi.size <= vj.size ? [vi, vj] : [vj, vi];
      let dot = 0;
      for (const [t, w] of small) {
        const other = large.get(t);
        if (other !== undefined) dot += w * other;
      }
      if (dot >= minSimilarity && dot > 0) pairs.push({ a: tools[i]!.id, b: tools[j]!.id, similarity: dot });
    }
  }
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

/**
 * Threshold above which two descriptions are near-duplicates (TF-IDF cosine, as above).
 *
 * Chosen from this catalog's own distribution (708 tools, 250,278 pairs, measured when
 * the gate was introduced):
 *  - distinct capabilities sit far below it: a tool's most similar other description
 *    has median similarity 0.26 (p90 0.40, p95 0.47, p99 0.54); the most similar pair
 *    in the whole catalog is 0.58 (storage.move_files_to_sd_card ~ move_app_to_sd_card,
 *    two different tools), only 8 pairs exceed 0.5 and none exceeds 0.6;
 *  - the legitimately close pairs are on/off variants of one capability (61 pairs such
 *    as turn_on_x/turn_off_x, enable/disable, show/hide): they share the object words but
 *    each says what that direction does, and score median 0.20, max 0.54
 *    (battery.show/hide_battery_percentage);
 *  - near-identical text scores far above: copying a description and swapping one
 *    content word for another gives > 0.7 in 99.9% of the catalog's descriptions
 *    (median 0.91), swapping two words > 0.7 in 95% (median 0.82). "on", "off" and other
 *    function words are stop-words, so two descriptions that differ only in on/off
 *    score 1.0 and are flagged, as they should be.
 * 0.7 leaves a 0.12 margin over the most similar legitimate pair while catching almost
 * every copy-paste with one or two words changed; a higher value (0.8) would let a third
 * of the two-word edits through, a lower one (0.6) would sit right on the real pairs.
 */
export const DESCRIPTION_SIMILARITY_THRESHOLD = 0.7;

// ---------------------------------------------------------------------------
// Quality gates
// ---------------------------------------------------------------------------

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
  | "parameters"
  | "action-type"
  | "grounding"
  | "popularity"
  | "count-order"
  | "long-tail"
  | "required-tool"
  | "everyday-top-decile";

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
  /** Default 6. */
  readonly maxCanonicalQueryWords?: number;
  /** Default 3. */
  readonly maxDescriptionSentences?: number;
  /** Default DESCRIPTION_SIMILARITY_THRESHOLD; pairs strictly above it are flagged. */
  readonly descriptionSimilarityThreshold?: number;
  /** The smallest count in the top decile must be >= this x the median count. Default 3. */
  readonly minTopDecileToMedianRatio?: number;
  /** Default PAPER_EXAMPLES. */
  readonly requiredTools?: readonly { readonly canonicalQuery: string; readonly toolId: string }[];
  /** Default EVERYDAY_TOOL_IDS. */
  readonly everydayToolIds?: readonly string[];
}

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

/**
 * Runs every catalog gate and returns the violations ([] when the catalog passes):
 * total count; known categories and id prefixes; per-category counts within the
 * tolerance of the target; `validateToolFields`; ids, names and canonical queries
 * unique after `normalizeText`; canonical queries of at most N words; descriptions of
 * 1..3 sentences and no near-duplicate pair (TF-IDF cosine above the threshold);
 * >= 4 utterances, none shared by two tools (normalised) nor equal to another tool's
 * canonical query; parameters null or a valid object schema; a known actionType;
 * grounding present (known source; an id, or for `oem` a reason); popularity 1..10;
 * invocationCount non-increasing in popularity and long-tailed (top-decile floor >= 3x
 * the median); the paper's examples present and findable by canonical query; the
 * everyday tools in the top decile.
 */
export function catalogQualityReport(catalog: Catalog, options: CatalogQualityOptions = {}): CatalogViolation[] {
  const expectedTotal = options.expectedTotal === undefined ? 708 : options.expectedTotal;
  const tolerance = options.categoryTolerance ?? 0.2;
  const minUtterances = options.minUtterances ?? 4;
  const maxQueryWords = options.maxCanonicalQueryWords ?? 6;
  const maxSentences = options.maxDescriptionSentences ?? 3;
  const threshold = options.descriptionSimilarityThreshold ?? DESCRIPTION_SIMILARITY_THRESHOLD;
  const minRatio = options.minTopDecileToMedianRatio ?? 3;
  const requiredTools = options.requiredTools ?? PAPER_EXAMPLES;
  const everyday = options.everydayToolIds ?? EVERYDAY_TOOL_IDS;

  const out: CatalogViolation[] = [];
  const add = (gate: CatalogGate, subject: string | undefined, message: string): void => {
    out.push(subject === undefined ? { gate, message } : { gate, subject, message });
  };
  const { categories, tools } = catalog;

  // Totals and categories.
  if (expectedTotal !== null && tools.length !== expectedTotal) {
    add("total", undefined, `expected exactly ${expectedTotal} tools, found ${tools.length}`);
  }
  const categoryIds = new Set(categories.map((c) => c.id));
  const perCategory = new Map<string, number>();
  for (const tool of tools) {
    perCategory.set(tool.categoryId, (perCategory.get(tool.categoryId) ?? 0) + 1);
    if (!categoryIds.has(tool.categoryId)) {
      add("category", tool.id, `file tools/${tool.categoryId}.json is not a category of categories.json`);
    }
    if (typeof tool.id === "string" && !tool.id.startsWith(`${tool.categoryId}.`)) {
      add("category", tool.id, `id must start with its category "${tool.categoryId}."`);
    }
  }
  for (const category of categories) {
    const count = perCategory.get(category.id) ?? 0;
    const low = Math.ceil(category.target * (1 - tolerance));
    const high = Math.floor(category.target * (1 + tolerance));
    if (count < low || count > high) {
      add("category-count", category.id, `${count} tools, target ${category.target} (allowed ${low}..${high})`);
    }
  }

  // Per-tool fields.
  for (const tool of tools) {
    const id = typeof tool.id === "string" ? tool.id : JSON.stringify(tool.id);
    for (const e of validateToolFields(tool as unknown as Record<string, unknown>)) {
      add("fields", id, `${e.field}: ${e.message}`);
    }
    if (typeof tool.id === "string" && !TOOL_ID_PATTERN.test(tool.id)) {
      add("fields", id, `id must match ${TOOL_ID_PATTERN.source}`);
    }
    if (typeof tool.canonicalQuery === "string") {
      // Words as a reader counts them: "Wi-Fi" and "screen-on" are one word each.
      const words = tool.canonicalQuery.trim().split(/\s+/u).filter((w) => w !== "").length;
      if (words > maxQueryWords) add("canonical-query-words", id, `canonical query has ${words} words (max ${maxQueryWords})`);
    }
    if (typeof tool.description === "string") {
      const sentences = countSentences(tool.description);
      if (sentences < 1 || sentences > maxSentences) {
        add("description-sentences", id, `description has ${sentences} sentences (allowed 1..${maxSentences})`);
      }
    }
    if (!Array.isArray(tool.utterances) || tool.utterances.length < minUtterances) {
      add("utterances", id, `needs at least ${minUtterances} utterances`);
    }
    const parameters: unknown = tool.parameters;
    if (parameters !== null) {
      const isObject = typeof parameters === "object" && parameters !== null && !Array.isArray(parameters);
      if (!isObject || (parameters as Record<string, unknown>).type !== "object") {
        add("parameters", id, 'parameters must be null or a JSON Schema with type "object"');
      } else {
        const problem = validateJsonSchema(parameters);
        if (problem !== null) add("parameters", id, problem);
      }
    }
    if (!(CATALOG_ACTION_TYPES as readonly string[]).includes(tool.actionType)) {
      add("action-type", id, `unknown actionType ${JSON.stringify(tool.actionType)}`);
    }
    if (!Array.isArray(tool.grounding) || tool.grounding.length === 0) {
      add("grounding", id, "needs at least one grounding entry");
    } else {
      tool.grounding.forEach((g, i) => {
        if (typeof g !== "object" || g === null) return add("grounding", id, `grounding[${i}] must be an object`);
        if (!(GROUNDING_SOURCES as readonly string[]).includes(g.source)) {
          add("grounding", id, `grounding[${i}]: unknown source ${JSON.stringify(g.source)}`);
        } else if (g.source === "oem") {
          if (!isNonEmptyString(g.reason)) add("grounding", id, `grounding[${i}]: an oem entry needs a reason`);
        } else if (!isNonEmptyString(g.id)) {
          add("grounding", id, `grounding[${i}]: a ${g.source} entry needs an id`);
        }
      });
    }
    if (typeof tool.popularity !== "number" || !Number.isInteger(tool.popularity) || tool.popularity < 1 || tool.popularity > 10) {
      add("popularity", id, `popularity must be an integer 1..10, got ${String(tool.popularity)}`);
    }
  }

  // Uniqueness (ignoring case and punctuation).
  const uniqueGate = (gate: CatalogGate, label: string, value: (t: CatalogTool) => unknown): void => {
    const seen = new Map<string, string>();
    for (const tool of tools) {
      const v = value(tool);
      if (typeof v !== "string") continue;
      const key = normalizeText(v);
      const first = seen.get(key);
      if (first !== undefined) add(gate, tool.id, `${label} "${v}" duplicates ${first} (normalised "${key}")`);
      else seen.set(key, tool.id);
    }
  };
  uniqueGate("unique-id", "id", (t) => t.id);
  uniqueGate("unique-name", "name", (t) => t.name);
  uniqueGate("unique-canonical-query", "canonical query", (t) => t.canonicalQuery);

  const queryOwner = new Map<string, string>();
  for (const tool of tools) {
    if (typeof tool.canonicalQuery === "string") queryOwner.set(normalizeText(tool.canonicalQuery), tool.id);
  }
  const utteranceOwner = new Map<string, string>();
  for (const tool of tools) {
    if (!Array.isArray(tool.utterances)) continue;
    for (const u of new Set(tool.utterances.filter((x): x is string => typeof x === "string").map(normalizeText))) {
      const first = utteranceOwner.get(u);
      if (first !== undefined && first !== tool.id) {
        add("unique-utterance", tool.id, `utterance "${u}" is also an utterance of ${first}`);
      } else utteranceOwner.set(u, tool.id);
      const owner = queryOwner.get(u);
      if (owner !== undefined && owner !== tool.id) {
        add("unique-utterance", tool.id, `utterance "${u}" is the canonical query of ${owner}`);
      }
    }
  }

  // Near-duplicate descriptions.
  const describable = tools.filter((t) => typeof t.description === "string");
  for (const pair of descriptionSimilarities(describable, threshold)) {
    if (pair.similarity > threshold) {
      add(
        "near-duplicate-description",
        pair.b,
        `description is a near-duplicate of ${pair.a}'s (TF-IDF cosine ${pair.similarity.toFixed(3)} > ${threshold})`,
      );
    }
  }

  // Invocation counts.
  const counted = tools.filter((t) => typeof t.invocationCount === "number" && typeof t.popularity === "number");
  if (counted.length === tools.length && tools.length > 0) {
    const byPopularity = new Map<number, { min: number; max: number }>();
    for (const t of counted) {
      const r = byPopularity.get(t.popularity) ?? { min: Infinity, max: -Infinity };
      r.min = Math.min(r.min, t.invocationCount);
      r.max = Math.max(r.max, t.invocationCount);
      byPopularity.set(t.popularity, r);
    }
    const levels = [...byPopularity.keys()].sort((a, b) => b - a);
    for (let i = 1; i < levels.length; i += 1) {
      const higher = byPopularity.get(levels[i - 1]!)!;
      const lower = byPopularity.get(levels[i]!)!;
      if (lower.max > higher.min) {
        add(
          "count-order",
          undefined,
          `a popularity-${levels[i]} tool has invocationCount ${lower.max} > ${higher.min} of a popularity-${levels[i - 1]} tool (stale counts? run npm run catalog:counts)`,
        );
      }
    }
    const stats = invocationCountStats(counted.map((t) => t.invocationCount));
    if (stats.ratio < minRatio) {
      add(
        "long-tail",
        undefined,
        `top-decile floor ${stats.topDecileMin} is ${stats.ratio.toFixed(2)}x the median ${stats.median} (need >= ${minRatio}x)`,
      );
    }
    const byId = new Map(tools.map((t) => [t.id, t]));
    for (const id of everyday) {
      const tool = byId.get(id);
      if (tool === undefined) add("everyday-top-decile", id, "everyday tool is missing");
      else if (tool.invocationCount < stats.topDecileMin) {
        add("everyday-top-decile", id, `invocationCount ${tool.invocationCount} is below the top decile (${stats.topDecileMin})`);
      }
    }
  } else {
    add("fields", undefined, "every tool needs invocationCount (run npm run catalog:counts)");
  }

  // The paper's examples, reachable by canonical query.
  for (const example of requiredTools) {
    const owner = queryOwner.get(normalizeText(example.canonicalQuery));
    if (owner === undefined) {
      add("required-tool", example.toolId, `no tool has the canonical query "${example.canonicalQuery}"`);
    } else if (owner !== example.toolId) {
      add("required-tool", example.toolId, `canonical query "${example.canonicalQuery}" belongs to ${owner}`);
    }
  }
  return out;
}
