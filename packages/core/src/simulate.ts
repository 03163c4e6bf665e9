/**
 * Realistic demo click logs (issue #4): a seeded, pure generator of ImpressionInput
 * objects grounded in the SysToolkit catalog. The user model is documented in
 * packages/core/SIMULATION.md; the defaults put the upper quartile of per-user uctr
 * near the paper's 0.07 (Sec. 4.3) and make tool-invoking suggestions ~2.5x as
 * clickable per exposure as general ones (Figure 2's finding).
 */

import { buildToolMatcher } from "./matcher";

export interface SimulationTool {
  readonly id: string;
  readonly categoryId: string;
  readonly name: string;
  readonly description?: string;
  readonly canonicalQuery: string;
  readonly utterances: readonly string[];
  readonly invocationCount: number;
  readonly actionType?: string;
  readonly enabled?: boolean;
}

export interface SimulationOptions {
  readonly users: number;
  readonly impressions: number;
  readonly seed?: number;
  /** Timestamps fall in [end - days, end). Default 2026-05-01T00:00:00Z (fixed, so a seed gives one file). */
  readonly end?: Date;
  readonly days?: number;
  /** Suggestions per impression (K). Default 5. */
  readonly k?: number;
  /** Zipf exponent of users' impression counts. Default 1.0. */
  readonly zipfExponent?: number;
  /** Median of users' desirable-impression rate d_u (log-normal). Default 0.032. */
  readonly desirableRateMedian?: number;
  /** Log-normal sigma of d_u. Default 1.0. */
  readonly desirableRateSigma?: number;
  /**
   * Choice weight of a tool-invoking suggestion relative to a general one when a desirable
   * impression's click is placed (times 0.8 + 0.4 p). Default 5, which with chatOnlyRate 0.4
   * gives a measured per-exposure CTR ratio of about 2.2-2.3 (SIMULATION.md).
   */
  readonly toolClickMultiplier?: number;
  /**
   * Share of impressions whose K suggestions are all general follow-ups (the assistant found
   * no tool that fits, as for most chit-chat and knowledge questions). Default 0.4.
   */
  readonly chatOnlyRate?: number;
  /** Share of tool-invoking suggestions whose log carries the toolId (the rest are left to the matcher). Default 0.8. */
  readonly loggedToolIdRate?: number;
  /** Id prefix. Default `sim<seed>`. */
  readonly idPrefix?: string;
}

export interface SimulatedImpression {
  id: string;
  userId: string;
  timestamp: string;
  dialogue: {
    userQuery: string;
    assistantResponse: string;
    history: { role: "USER" | "ASSISTANT"; content: string }[];
  };
  suggestions: { text: string; toolId?: string; exposed: boolean; clicked: boolean }[];
}

// ---------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------

/** mulberry32: a small, fast 32-bit PRNG; uniform in [0, 1). */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box-Muller. */
function normal(rng: () => number): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Index drawn from cumulative weights (ascending, last = total) by binary search. */
function drawCumulative(cumulative: Float64Array, rng: () => number): number {
  const x = rng() * (cumulative[cumulative.length - 1] as number);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulativeOf(weights: ArrayLike<number>): Float64Array {
  const c = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) c[i] = sum += weights[i] as number;
  return c;
}

function pick<T>(items: readonly T[], rng: () => number): T {
  return items[Math.floor(rng() * items.length)] as T;
}

function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

// ---------------------------------------------------------------------------
// Text templates
// ---------------------------------------------------------------------------

const QUERY_PREFIXES = ["", "", "", "hey, ", "can you ", "please ", "quick question: ", "ok so "];
const QUERY_SUFFIXES = ["", "", "", "?", " please", " now", " thanks"];

const GENERAL_FOLLOW_UPS = [
  "Why does this happen?",
  "Tell me more about {name}",
  "What else can I try?",
  "How long does it take?",
  "Does this work on every phone?",
  "Explain that step by step",
  "Can you say that more simply?",
  "What does {name} actually do?",
  "Any other {category} tips?",
  "Is there a faster way?",
  "Will this affect my other settings?",
  "Thanks, that helps",
  "What if that doesn't work?",
  "Is it safe to do that?",
];

const OPENERS: Record<string, string[]> = {
  OPEN_SETTINGS: ["Sure. You'll find it under Settings > {name}.", "Open Settings and go to {name}."],
  TOGGLE: ["You can switch {name} on or off from Quick Settings or under Settings > {name}.", "That's the {name} switch."],
  SET_VALUE: ["You can change that in Settings > {name}; the new value applies right away.", "Adjust it under {name}."],
  QUERY_STATUS: ["I can check that for you.", "Here's how to see it."],
  EXECUTE: ["Here's what helps.", "This usually fixes it."],
  LAUNCH: ["I can open {name} for you.", "That's in {name}."],
};

function firstSentence(text: string | undefined): string {
  if (!text) return "";
  const m = /^.*?[.!?](\s|$)/.exec(text);
  return (m ? m[0] : text).trim();
}

function fill(template: string, tool: SimulationTool): string {
  return template.replaceAll("{name}", tool.name).replaceAll("{category}", tool.categoryId);
}

function varyQuery(utterance: string, rng: () => number): string {
  let q = `${pick(QUERY_PREFIXES, rng)}${utterance}${pick(QUERY_SUFFIXES, rng)}`;
  if (rng() < 0.5) q = q.charAt(0).toUpperCase() + q.slice(1);
  return q;
}

/** The canonical query, sometimes with case or punctuation changes that normalizeText undoes. */
function varyCanonical(canonical: string, rng: () => number): string {
  const r = rng();
  if (r < 0.08) return canonical.toLowerCase();
  if (r < 0.14) return `${canonical}?`;
  return canonical;
}

function response(tool: SimulationTool, rng: () => number): string {
  const opener = fill(pick(OPENERS[tool.actionType ?? "EXECUTE"] ?? OPENERS.EXECUTE!, rng), tool);
  const detail = firstSentence(tool.description);
  return detail ? `${opener} ${detail}` : opener;
}

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

const POSITION_DECAY = [1, 0.8, 0.65, 0.55, 0.5];

/**
 * Yields `impressions` impressions in timestamp order. Deterministic for a given
 * (tools, options). Throws RangeError on an empty catalog or bad sizes.
 */
export function* generateImpressions(catalog: readonly SimulationTool[], options: SimulationOptions): Generator<SimulatedImpression> {
  const tools = catalog.filter((t) => t.enabled !== false && t.utterances.length > 0);
  const nUsers = options.users;
  const m = options.impressions;
  if (tools.length === 0) throw new RangeError("simulate: the catalog has no enabled tools with utterances");
  if (!Number.isInteger(nUsers) || nUsers < 1) throw new RangeError("simulate: users must be a positive integer");
  if (!Number.isInteger(m) || m < 0) throw new RangeError("simulate: impressions must be a non-negative integer");
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const k = options.k ?? 5;
  const end = (options.end ?? new Date("2026-05-01T00:00:00Z")).getTime();
  const spanMs = (options.days ?? 28) * 86_400_000;
  const toolMultiplier = options.toolClickMultiplier ?? 5;
  const loggedRate = options.loggedToolIdRate ?? 0.8;
  const chatOnlyRate = options.chatOnlyRate ?? 0.4;
  const prefix = options.idPrefix ?? `sim${seed}`;
  const matcher = buildToolMatcher(tools);

  // Tools: topic tools are drawn by sqrt(invocationCount); p ranks them for the click boost.
  const byCategory = new Map<string, SimulationTool[]>();
  for (const t of tools) (byCategory.get(t.categoryId) ?? byCategory.set(t.categoryId, []).get(t.categoryId)!).push(t);
  const topicCumulative = cumulativeOf(tools.map((t) => Math.sqrt(Math.max(1, t.invocationCount))));
  const sortedCounts = tools.map((t) => t.invocationCount).sort((a, b) => a - b);
  const percentile = new Map(
    tools.map((t) => {
      let below = 0;
      while (below < sortedCounts.length && (sortedCounts[below] as number) < t.invocationCount) below++;
      return [t.id, tools.length === 1 ? 1 : below / (tools.length - 1)];
    }),
  );

  // Users: Zipf-like activity (weight 1/rank^s) and a log-normal rate d_u of desirable impressions.
  const s = options.zipfExponent ?? 1.0;
  const activity = cumulativeOf(Array.from({ length: nUsers }, (_, i) => 1 / Math.pow(i + 1, s)));
  const median = options.desirableRateMedian ?? 0.032;
  const sigma = options.desirableRateSigma ?? 1.0;
  const rate = Float64Array.from({ length: nUsers }, () => Math.min(0.9, median * Math.exp(sigma * normal(rng))));
  const width = String(nUsers).length;
  const userId = (u: number) => `u${String(u + 1).padStart(Math.max(4, width), "0")}`;

  // Who sees each impression: every user at least once (when m >= users), the rest Zipf, shuffled.
  const owners = new Int32Array(m);
  for (let i = 0; i < m; i++) owners[i] = i < nUsers ? i : drawCumulative(activity, rng);
  for (let i = m - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = owners[i] as number;
    owners[i] = owners[j] as number;
    owners[j] = tmp;
  }
  // Which of a user's n_u impressions are desirable: round(d_u * n_u) of them (stochastic
  // rounding), spread at random over the user's impressions, so uctr tracks d_u closely.
  const seen = new Int32Array(nUsers);
  for (let i = 0; i < m; i++) seen[owners[i] as number]! += 1;
  const remaining = Int32Array.from(seen);
  const quota = Int32Array.from(seen, (n, u) => {
    const x = (rate[u] as number) * n;
    return Math.min(n, Math.floor(x) + (rng() < x - Math.floor(x) ? 1 : 0));
  });

  for (let i = 0; i < m; i++) {
    const u = owners[i] as number;
    const topic = tools[drawCumulative(topicCumulative, rng)] as SimulationTool;
    const related = byCategory.get(topic.categoryId) ?? [topic];

    // Dialogue: the topic tool's utterance, lightly varied; sometimes an earlier exchange.
    const history: SimulatedImpression["dialogue"]["history"] = [];
    const exchanges = rng() < 0.35 ? (rng() < 0.3 ? 2 : 1) : 0;
    for (let e = 0; e < exchanges; e++) {
      const earlier = pick(related, rng);
      history.push({ role: "USER", content: varyQuery(pick(earlier.utterances, rng), rng) });
      history.push({ role: "ASSISTANT", content: response(earlier, rng) });
    }
    const userQuery = varyQuery(pick(topic.utterances, rng), rng);

    // K suggestions: none (chat only), or 1-3 tool canonical queries from the topic's category;
    // the rest general follow-ups.
    const nTools = rng() < chatOnlyRate ? 0 : Math.min(k, related.length, 1 + Math.floor(rng() * 3));
    const chosen = new Set<SimulationTool>();
    if (nTools > 0 && rng() < 0.6) chosen.add(topic);
    for (let guard = 0; chosen.size < nTools && guard < 50; guard++) chosen.add(pick(related, rng));
    const texts = new Set<string>();
    const drafts: { text: string; toolId: string | null }[] = [];
    for (const t of chosen) {
      drafts.push({ text: varyCanonical(t.canonicalQuery, rng), toolId: t.id });
      texts.add(t.canonicalQuery.toLowerCase());
    }
    for (let guard = 0; drafts.length < k && guard < 100; guard++) {
      const text = fill(pick(GENERAL_FOLLOW_UPS, rng), topic);
      if (texts.has(text.toLowerCase()) || matcher.match(text) !== null) continue;
      texts.add(text.toLowerCase());
      drafts.push({ text, toolId: null });
    }
    shuffle(drafts, rng);

    // Exposure (the N shown: the first 3, 4 or 5). A desirable impression gets exactly one
    // click, on an exposed suggestion drawn with weight decay(position) * (toolMultiplier *
    // (0.8 + 0.4 p) for a tool-invoking one, popular tools a little more; 1 for a general one).
    const shown = Math.min(drafts.length, rng() < 0.7 ? 3 : rng() < 0.67 ? 4 : 5);
    const desirable = rng() * (remaining[u] as number) < (quota[u] as number);
    remaining[u]! -= 1;
    if (desirable) quota[u]! -= 1;
    let clickedAt = -1;
    if (desirable) {
      clickedAt = chooseClickedPosition(
        drafts.slice(0, shown).map((d) => (d.toolId === null ? null : (percentile.get(d.toolId) ?? 0.5))),
        rng,
        toolMultiplier,
      );
    }
    const suggestions = drafts.map((d, j) => {
      const logged = d.toolId !== null && rng() < loggedRate;
      return { text: d.text, ...(logged ? { toolId: d.toolId as string } : {}), exposed: j < shown, clicked: j === clickedAt };
    });

    const timestamp = new Date(end - spanMs + Math.floor(((i + rng()) / Math.max(1, m)) * spanMs)).toISOString();
    yield {
      id: `${prefix}-${String(i + 1).padStart(String(m).length, "0")}`,
      userId: userId(u),
      timestamp,
      dialogue: { userQuery, assistantResponse: response(topic, rng), history },
      suggestions,
    };
  }
}

/**
 * Where a desirable impression's one click lands among the exposed suggestions (SIMULATION.md,
 * Exposure and clicks): weight decay(position) * boost, boost = toolMultiplier * (0.8 + 0.4 p)
 * for a tool-invoking suggestion (p its tool's frequency percentile), 1 for a general one.
 * `exposed[j]` is p of position j's tool, or null for a general query. Also what
 * `toolrec simulate --serve` uses to click on served suggestions.
 */
export function chooseClickedPosition(exposed: readonly (number | null)[], rng: () => number, toolMultiplier = 5): number {
  const weights = exposed.map((p, j) => (p === null ? 1 : toolMultiplier * (0.8 + 0.4 * p)) * (POSITION_DECAY[j] ?? 0.5));
  return drawCumulative(cumulativeOf(weights), rng);
}

/** All of `generateImpressions` as an array. */
export function simulateImpressions(catalog: readonly SimulationTool[], options: SimulationOptions): SimulatedImpression[] {
  return [...generateImpressions(catalog, options)];
}

export interface SimulationSummary {
  readonly impressions: number;
  readonly users: number;
  /** Upper quartile (numpy linear) of per-user uctr. */
  readonly uctrUpperQuartile: number;
  /** Per exposed suggestion. */
  readonly toolInvokingCtr: number;
  readonly generalCtr: number;
  /** Impressions of the most active user / mean impressions per user. */
  readonly headToMeanRatio: number;
}

/** Summary statistics of simulated logs (the properties SIMULATION.md promises). Tool-invoking = carries a tool (logged or by matcher). */
export function summarizeSimulation(rows: readonly SimulatedImpression[], isToolInvoking: (s: SimulatedImpression["suggestions"][number]) => boolean): SimulationSummary {
  const perUser = new Map<string, [number, number]>();
  let toolExposed = 0, toolClicked = 0, genExposed = 0, genClicked = 0;
  for (const r of rows) {
    const desirable = r.suggestions.some((s) => s.exposed && s.clicked);
    const c = perUser.get(r.userId) ?? [0, 0];
    c[0] += 1;
    c[1] += desirable ? 1 : 0;
    perUser.set(r.userId, c);
    for (const s of r.suggestions) {
      if (!s.exposed) continue;
      if (isToolInvoking(s)) {
        toolExposed++;
        toolClicked += s.clicked ? 1 : 0;
      } else {
        genExposed++;
        genClicked += s.clicked ? 1 : 0;
      }
    }
  }
  const uctr = [...perUser.values()].map(([n, d]) => d / n).sort((a, b) => a - b);
  const h = (uctr.length - 1) * 0.75;
  const j = Math.floor(h);
  const q = uctr.length === 0 ? NaN : j + 1 < uctr.length ? (uctr[j] as number) + (h - j) * ((uctr[j + 1] as number) - (uctr[j] as number)) : (uctr[j] as number);
  const counts = [...perUser.values()].map(([n]) => n);
  return {
    impressions: rows.length,
    users: perUser.size,
    uctrUpperQuartile: q,
    toolInvokingCtr: toolExposed ? toolClicked / toolExposed : 0,
    generalCtr: genExposed ? genClicked / genExposed : 0,
    headToMeanRatio: counts.length ? Math.max(...counts) / (rows.length / counts.length) : 0,
  };
}
