/**
 * Offline simulated A/B tests (issue 13): simulated users (SIMULATION.md's dialogues and
 * activity, with a click model that answers to what is shown) are served by two or more arms,
 * and each arm gets the paper's Table 1 metrics with 95% intervals and its difference against
 * the control (ab-test.ts). Pure and seeded: arms are functions (the CLI passes the same
 * generators the API serves); the same catalog, arms, options and seed give the same numbers.
 *
 * The user model (README "Offline experiments" states it next to every table):
 *   activity     impression i goes to user u with weight 1/rank(u)^zipfExponent
 *                (0 = every user equally active)
 *   propensity   d_u = clickRateMedian * exp(clickRateSigma * Z), Z ~ N(0, 1), capped at 0.9
 *   dialogue     a topic tool drawn with weight sqrt(invocationCount); the user query is one of
 *                its utterances, lightly varied; a templated assistant response; 35% carry one
 *                earlier exchange about a tool of the same category
 *   exposure     the first 3 (70%), 4 (20%) or 5 (10%) of the K suggestions
 *   appeal       a_j = decay(position j) * b_j, decay = 1, .8, .65, .55, .5, ...
 *                b_j = 1 for a general query;
 *                b_j = 1 + (toolPreference - 1) * rel_j * (0.8 + 0.4 p) for a tool-invoking one,
 *                rel_j = 1 for the topic tool, relevanceSameCategory for a tool of its category,
 *                relevanceOther otherwise (toolPreference = 1: no preference for tools at all);
 *                with discernment r > 0 each user has their own preference
 *                1 + (toolPreference - 1) * min(10, (clickRateMedian / d_u)^r): users who click
 *                less are choosier (their clicks say more), frequent clickers click anything
 *   click        P(click) = 1 - exp(-d_u * sum_exposed a_j / 2.45)  (2.45 = the decay sum of
 *                three exposed general queries, so such an impression is clicked with about
 *                d_u); the clicked suggestion is drawn with weight a_j. At most one click.
 * Arms see the same impressions, users and random draws (common random numbers): their
 * differences come from what they suggest.
 */

import { abReport, countArmOutcomes, type ArmReport } from "./ab-test";
import { ValidationError } from "./errors";
import { createRng, type SimulationTool } from "./simulate";

export interface ExperimentUserModel {
  /** Users in the population. */
  readonly users: number;
  /** Activity variation: Zipf exponent of users' impression shares (0 = equal). */
  readonly zipfExponent: number;
  /** Median of the per-user click propensity d_u. */
  readonly clickRateMedian: number;
  /** Log-normal sigma of d_u (0 = every user the same). */
  readonly clickRateSigma: number;
  /** How much more a relevant tool-invoking suggestion is clicked than a general one (1 = no preference). */
  readonly toolPreference: number;
  /**
   * How much choosier users who click less are: user u's tool preference is
   * 1 + (toolPreference - 1) * min(10, (clickRateMedian / d_u)^discernment). 0 (default): every user
   * has toolPreference. Makes a user's click rate say how informative their clicks are (Eq. 6's premise).
   */
  readonly discernment: number;
  /** rel of a tool of the topic's category (the topic tool itself has 1). */
  readonly relevanceSameCategory: number;
  /** rel of any other tool. */
  readonly relevanceOther: number;
}

export const DEFAULT_EXPERIMENT_USER_MODEL: Readonly<ExperimentUserModel> = Object.freeze({
  users: 400,
  zipfExponent: 1,
  clickRateMedian: 0.03,
  clickRateSigma: 1,
  toolPreference: 3,
  discernment: 0,
  relevanceSameCategory: 0.5,
  relevanceOther: 0.1,
});

/** "Users with no preference for tools": the sensitivity case. */
export const NO_TOOL_PREFERENCE: Partial<ExperimentUserModel> = Object.freeze({ toolPreference: 1 });

export interface OfflineDialogue {
  readonly userQuery: string;
  readonly assistantResponse: string;
  readonly history: readonly { readonly role: "USER" | "ASSISTANT"; readonly content: string }[];
}

/** What an arm is asked for one impression. */
export interface OfflineRequest {
  /** 0-based impression index (the same impression for every arm). */
  readonly index: number;
  readonly impressionId: string;
  readonly userId: string;
  readonly dialogue: OfflineDialogue;
  readonly k: number;
}

export interface OfflineSuggestion {
  readonly text: string;
  /** The enabled tool it invokes, else null (a general query). */
  readonly toolId: string | null;
}

export interface OfflineArm {
  readonly name: string;
  /** K suggestions, best first (more are cut to K). */
  suggest(request: OfflineRequest): Promise<readonly OfflineSuggestion[]> | readonly OfflineSuggestion[];
}

export interface OfflineImpression {
  readonly id: string;
  readonly userId: string;
  readonly topicToolId: string;
  readonly dialogue: OfflineDialogue;
  readonly suggestions: { text: string; toolId: string | null; exposed: boolean; clicked: boolean }[];
}

export interface OfflineExperimentOptions {
  readonly impressions: number;
  readonly seed: number;
  /** Suggestions per impression. Default 5. */
  readonly k?: number;
  /** Default: the first arm. */
  readonly controlArm?: string;
  readonly userModel?: Partial<ExperimentUserModel>;
  /** Keep every arm's served impressions (for building datasets from a log). */
  readonly keepLog?: boolean;
  /** Called after each impression with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface OfflineExperimentResult {
  readonly seed: number;
  readonly impressions: number;
  readonly k: number;
  readonly userModel: ExperimentUserModel;
  readonly controlArm: string;
  readonly arms: ArmReport[];
  /** Per arm, when keepLog. */
  readonly logs?: Readonly<Record<string, OfflineImpression[]>>;
}

const DECAY = [1, 0.8, 0.65, 0.55, 0.5];
const decay = (i: number) => DECAY[i] ?? 0.5;
/** Decay sum of three exposed general queries: such an impression is clicked with about d_u. */
const BASE_APPEAL = 2.45;

const PREFIXES = ["", "", "", "hey, ", "can you ", "please ", "quick question: "];
const SUFFIXES = ["", "", "", "?", " please", " now"];
const RESPONSES = ["Sure, here's how: {name}.", "You can do that with {name}.", "That's under {name}.", "I can help with {name}."];

/** A 32-bit seed from (seed, stream, index). */
function subSeed(seed: number, stream: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39);
  return (h ^ (h >>> 15)) >>> 0;
}

function normal(rng: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

function cumulative(weights: readonly number[]): Float64Array {
  const c = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (c[i] = s += w));
  return c;
}

function draw(c: Float64Array, rng: () => number): number {
  const x = rng() * (c[c.length - 1] as number);
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((c[mid] as number) > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const pick = <T>(items: readonly T[], rng: () => number): T => items[Math.floor(rng() * items.length)] as T;

/** Each parameter's allowed range, as people read it (the checks below). */
export const EXPERIMENT_USER_MODEL_RANGES: Readonly<Record<keyof ExperimentUserModel, string>> = Object.freeze({
  users: "an integer from 1 to 1000000",
  zipfExponent: "from 0 to 5",
  clickRateMedian: "above 0, at most 0.9",
  clickRateSigma: "from 0 to 5",
  toolPreference: "above 0, at most 100",
  discernment: "from 0 to 3",
  relevanceSameCategory: "from 0 to 1",
  relevanceOther: "from 0 to 1",
});

/** Defaults filled in; a parameter out of range is a ValidationError on `userModel.<name>`. */
export function resolveExperimentUserModel(partial: Partial<ExperimentUserModel> = {}): ExperimentUserModel {
  const m = { ...DEFAULT_EXPERIMENT_USER_MODEL, ...partial };
  const check = (name: keyof ExperimentUserModel, ok: boolean) => {
    if (!ok) throw new ValidationError(`userModel.${name}`, `offline experiment: userModel.${name} must be ${EXPERIMENT_USER_MODEL_RANGES[name]} (got ${String(m[name])})`);
  };
  check("users", Number.isInteger(m.users) && m.users >= 1 && m.users <= 1_000_000);
  check("zipfExponent", m.zipfExponent >= 0 && m.zipfExponent <= 5);
  check("clickRateMedian", m.clickRateMedian > 0 && m.clickRateMedian <= 0.9);
  check("clickRateSigma", m.clickRateSigma >= 0 && m.clickRateSigma <= 5);
  check("toolPreference", m.toolPreference > 0 && m.toolPreference <= 100);
  check("discernment", m.discernment >= 0 && m.discernment <= 3);
  check("relevanceSameCategory", m.relevanceSameCategory >= 0 && m.relevanceSameCategory <= 1);
  check("relevanceOther", m.relevanceOther >= 0 && m.relevanceOther <= 1);
  return m;
}

/** Runs the experiment (header). Throws RangeError for bad options or arm names. */
export async function runOfflineExperiment(
  catalog: readonly SimulationTool[],
  arms: readonly OfflineArm[],
  options: OfflineExperimentOptions,
): Promise<OfflineExperimentResult> {
  const model = resolveExperimentUserModel(options.userModel);
  const k = options.k ?? 5;
  const n = options.impressions;
  if (arms.length < 1) throw new RangeError("offline experiment: at least one arm");
  if (new Set(arms.map((a) => a.name)).size !== arms.length) throw new RangeError("offline experiment: arm names must be distinct");
  if (!Number.isInteger(n) || n < 1) throw new RangeError("offline experiment: impressions must be a positive integer");
  if (!Number.isInteger(k) || k < 1 || k > 12) throw new RangeError("offline experiment: k must be an integer from 1 to 12");
  const controlArm = options.controlArm ?? (arms[0] as OfflineArm).name;
  const tools = catalog.filter((t) => t.enabled !== false && t.utterances.length > 0);
  if (tools.length === 0) throw new RangeError("offline experiment: the catalog has no enabled tools with utterances");
  const byId = new Map(catalog.map((t) => [t.id, t]));
  const byCategory = new Map<string, SimulationTool[]>();
  for (const t of tools) byCategory.set(t.categoryId, [...(byCategory.get(t.categoryId) ?? []), t]);
  // Frequency percentile p (mid-rank share of tools invoked less or as often), for the appeal.
  const counts = [...catalog].map((t) => t.invocationCount).sort((a, b) => a - b);
  const percentile = (c: number) => {
    let below = 0;
    let equal = 0;
    for (const x of counts) (x < c ? below++ : x === c ? equal++ : 0);
    return (below + equal) / counts.length;
  };
  const pOf = new Map(catalog.map((t) => [t.id, percentile(t.invocationCount)]));
  const topicCum = cumulative(tools.map((t) => Math.sqrt(Math.max(1, t.invocationCount))));

  // Users: activity weights and propensities from the seed alone.
  const userRng = createRng(subSeed(options.seed, 0, 0));
  const activity = cumulative(Array.from({ length: model.users }, (_, r) => 1 / Math.pow(r + 1, model.zipfExponent)));
  const propensity = Array.from({ length: model.users }, () => Math.min(0.9, model.clickRateMedian * Math.exp(model.clickRateSigma * normal(userRng))));
  // Discernment 0 leaves every user at toolPreference (the default model's numbers exactly).
  const preference = propensity.map((d) => (model.discernment === 0 ? model.toolPreference : 1 + (model.toolPreference - 1) * Math.min(10, Math.pow(model.clickRateMedian / d, model.discernment))));
  const userId = (u: number) => `u${String(u + 1).padStart(4, "0")}`;

  const tallies = new Map(arms.map((a) => [a.name, [] as OfflineImpression[]]));
  const fill = (s: string, t: SimulationTool) => s.replaceAll("{name}", t.name);
  let lastYield = performance.now();
  for (let i = 0; i < n; i++) {
    const rng = createRng(subSeed(options.seed, 1, i));
    const u = draw(activity, rng);
    const topic = tools[draw(topicCum, rng)] as SimulationTool;
    let q = `${pick(PREFIXES, rng)}${pick(topic.utterances, rng)}${pick(SUFFIXES, rng)}`;
    if (rng() < 0.5) q = q.charAt(0).toUpperCase() + q.slice(1);
    const history: { role: "USER" | "ASSISTANT"; content: string }[] = [];
    if (rng() < 0.35) {
      const other = pick(byCategory.get(topic.categoryId) ?? [topic], rng);
      history.push({ role: "USER", content: pick(other.utterances, rng) }, { role: "ASSISTANT", content: fill(pick(RESPONSES, rng), other) });
    }
    const dialogue: OfflineDialogue = { userQuery: q, assistantResponse: fill(pick(RESPONSES, rng), topic), history };
    const r = rng();
    const exposedN = Math.min(k, r < 0.7 ? 3 : r < 0.9 ? 4 : 5);
    const request: OfflineRequest = { index: i, impressionId: `exp${options.seed}-${i}`, userId: userId(u), dialogue, k };
    const d = propensity[u] as number;
    const toolPreference = preference[u] as number;
    for (const arm of arms) {
      const list = (await arm.suggest(request)).slice(0, k);
      // The same draws for every arm (common random numbers).
      const clickRng = createRng(subSeed(options.seed, 2, i));
      const appeal = list.map((s, j) => {
        if (j >= exposedN) return 0;
        if (!s.toolId) return decay(j);
        const t = byId.get(s.toolId);
        const rel = s.toolId === topic.id ? 1 : t && t.categoryId === topic.categoryId ? model.relevanceSameCategory : model.relevanceOther;
        return decay(j) * (1 + (toolPreference - 1) * rel * (0.8 + 0.4 * (pOf.get(s.toolId) ?? 0.5)));
      });
      const total = appeal.reduce((a, b) => a + b, 0);
      const clicked = total > 0 && clickRng() < 1 - Math.exp((-d * total) / BASE_APPEAL) ? draw(cumulative(appeal), clickRng) : -1;
      tallies.get(arm.name)!.push({
        id: request.impressionId,
        userId: request.userId,
        topicToolId: topic.id,
        dialogue,
        suggestions: list.map((s, j) => ({ text: s.text, toolId: s.toolId ?? null, exposed: j < exposedN, clicked: j === clicked })),
      });
    }
    options.onProgress?.(i + 1, n);
    // Let timers and I/O run (progress bars, test runners, the API's other requests when it
    // runs as a background job) at least every 20 ms of a long experiment.
    if (performance.now() - lastYield > 20) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      lastYield = performance.now();
    }
  }
  const reports = abReport(
    arms.map((a) => ({
      arm: a.name,
      counts: countArmOutcomes(tallies.get(a.name)!.map((imp) => ({ suggestions: imp.suggestions.map((s) => ({ exposed: s.exposed, clicked: s.clicked, toolInvoking: s.toolId !== null })) }))),
    })),
    controlArm,
  );
  return {
    seed: options.seed,
    impressions: n,
    k,
    userModel: model,
    controlArm,
    arms: reports,
    ...(options.keepLog ? { logs: Object.fromEntries(tallies) } : {}),
  };
}
