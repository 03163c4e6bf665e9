/**
 * Features of the `toolrec/ranker` policy: phi(x, y) for a dialogue x and a candidate
 * suggestion y. The twin of apps/trainer/toolrec_trainer/ranker_features.py; both test suites
 * read test-support/golden/ranker-features.json, so a change on one side fails the other.
 *
 *    i  name          value
 *    0  tool          1 when y invokes a tool, else 0
 *    1  p             the tool's frequency percentile p (0.5 when unknown); 0 for a general query
 *    2  rrank         1 / retrieval rank of y's tool for x; 0 when not retrieved or general
 *    3  rscore        retrieval score of y's tool / the best retrieved score; 0 as above
 *    4  topCategory   1 when y's tool is in the category of x's top retrieved tool
 *    5  overlap       share of y's content words found in x's content words
 *    6  length        min(words of y, 20) / 10
 *    7  question      1 when y ends with "?"
 *    8  grounded      1 - i / 16 for the grounded pool's i-th candidate (0-based); 0 outside it
 *    9  inPool        1 when y is in the grounded pool
 *
 * Words are lower-cased ASCII letter/digit runs; content words are those longer than one
 * character and not in STOPWORDS (kept small and explicit so Python can repeat it exactly).
 */

export const FEATURE_NAMES = ["tool", "p", "rrank", "rscore", "topCategory", "overlap", "length", "question", "grounded", "inPool"] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
/** Pool positions the `grounded` feature spreads over. */
export const GROUNDED_SPAN = 16;
/** The reference policy's only weight: GROUNDED_SCALE on `grounded` (the grounded pool's order). */
export const GROUNDED_SCALE = 8;

const STOPWORDS = new Set(
  (
    "a an the and or but if so to of in on at by for with from as is are was were be been it its this that these those " +
    "i me my we our you your he she they them what which who when where why how can could would should will do does did " +
    "not no yes please hey hi ok okay thanks just some any all more about into than then there here also get"
  ).split(" "),
);

function asciiWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

export function contentWords(text: string): string[] {
  return asciiWords(text).filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** Identity of a candidate within one candidate set. */
export function candidateKey(text: string): string {
  return asciiWords(text).join(" ");
}

/** A candidate as the ranker sees it (also one entry of a dataset row's pool and list). */
export interface RankerCandidate {
  readonly text: string;
  readonly toolId: string | null;
  /** The tool's frequency percentile (null when unknown or general). */
  readonly p: number | null;
  /** The tool's category (null for a general query). */
  readonly category: string | null;
}

export interface RankerRetrieved {
  readonly toolId: string;
  readonly rank: number;
  readonly score: number;
  readonly category: string | null;
}

/** What a dataset row carries for the ranker (and what features need of x). */
export interface RankerContextInput {
  /** The dialogue as one text (dialogueText). */
  readonly dialogue: string;
  readonly retrieved: readonly RankerRetrieved[];
  readonly pool: readonly RankerCandidate[];
}

export interface RankerContext {
  readonly words: ReadonlySet<string>;
  readonly retrieved: ReadonlyMap<string, RankerRetrieved>;
  readonly maxScore: number;
  readonly topCategory: string | null;
  readonly pool: readonly RankerCandidate[];
  readonly poolIndex: ReadonlyMap<string, number>;
}

/** The dialogue as one text: user query, assistant response, earlier turns. */
export function dialogueText(d: { readonly userQuery: string; readonly assistantResponse?: string | null; readonly history?: readonly { readonly content: string }[] | null }): string {
  return [d.userQuery, d.assistantResponse ?? "", ...(d.history ?? []).map((t) => t.content)].filter((s) => s !== "").join("\n");
}

export function rankerContext(input: RankerContextInput): RankerContext {
  const retrieved = new Map<string, RankerRetrieved>();
  for (const r of input.retrieved) retrieved.set(r.toolId, r);
  const poolIndex = new Map<string, number>();
  input.pool.forEach((c, i) => {
    const k = candidateKey(c.text);
    if (!poolIndex.has(k)) poolIndex.set(k, i);
  });
  return {
    words: new Set(contentWords(input.dialogue)),
    retrieved,
    maxScore: Math.max(0, ...input.retrieved.map((r) => r.score || 0)),
    topCategory: input.retrieved[0]?.category ?? null,
    pool: input.pool,
    poolIndex,
  };
}

/** phi(x, y) (header). */
export function rankerFeatures(ctx: RankerContext, c: RankerCandidate): number[] {
  const f = new Array<number>(FEATURE_NAMES.length).fill(0);
  if (c.toolId) {
    f[0] = 1;
    f[1] = c.p ?? 0.5;
    const r = ctx.retrieved.get(c.toolId);
    if (r !== undefined) {
      f[2] = 1 / Math.max(1, Math.trunc(r.rank));
      f[3] = ctx.maxScore > 0 ? (r.score || 0) / ctx.maxScore : 0;
    }
    f[4] = c.category !== null && c.category === ctx.topCategory ? 1 : 0;
  }
  const words = contentWords(c.text);
  f[5] = words.length > 0 ? words.filter((w) => ctx.words.has(w)).length / words.length : 0;
  f[6] = Math.min(asciiWords(c.text).length, 20) / 10;
  f[7] = c.text.trim().endsWith("?") ? 1 : 0;
  const i = ctx.poolIndex.get(candidateKey(c.text));
  if (i !== undefined) {
    f[8] = 1 - i / GROUNDED_SPAN;
    f[9] = 1;
  }
  return f;
}

/** The reference policy's weights (the grounded order). */
export function referenceWeights(): number[] {
  const w = new Array<number>(FEATURE_NAMES.length).fill(0);
  w[FEATURE_NAMES.indexOf("grounded")] = GROUNDED_SCALE;
  return w;
}

/**
 * log pi_w(Y|x), Plackett-Luce over the pool plus the list's own items (ranker.py's
 * plackett_luce_logps for one list): sum_i [ s(y_i) - log sum_{c not yet chosen} exp s(c) ].
 */
export function plackettLuceLogp(ctx: RankerContext, list: readonly RankerCandidate[], weights: readonly number[]): number {
  const cands = [...ctx.pool];
  const index = new Map(ctx.poolIndex);
  const positions: number[] = [];
  for (const it of list) {
    const k = candidateKey(it.text);
    let i = index.get(k);
    if (i === undefined) {
      i = cands.length;
      index.set(k, i);
      cands.push(it);
    }
    if (!positions.includes(i)) positions.push(i);
  }
  const scores = cands.map((c) => rankerFeatures(ctx, c).reduce((s, f, j) => s + f * (weights[j] as number), 0));
  const available = scores.map(() => true);
  let total = 0;
  for (const p of positions) {
    let m = -Infinity;
    scores.forEach((s, j) => {
      if (available[j] && s > m) m = s;
    });
    let sum = 0;
    scores.forEach((s, j) => {
      if (available[j]) sum += Math.exp(s - m);
    });
    total += (scores[p] as number) - (m + Math.log(sum));
    available[p] = false;
  }
  return total;
}
