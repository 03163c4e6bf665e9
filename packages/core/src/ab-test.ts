/**
 * A/B statistics over served impressions, the paper's Table 1 measured per arm (a model
 * version in an experiment, or a simulated arm offline): counts in, per-arm proportions with
 * 95% Wilson score intervals and each arm's difference against the control arm with Newcombe's
 * hybrid score interval. Pure: callers count (SQL aggregates, or countArmOutcomes).
 *
 * Metrics, for one arm in one time window:
 * - impressions: served impressions.
 * - ctr: impressions with at least one click on an exposed suggestion / impressions
 *   (the desirable share, definitions.md "Labels").
 * - toolCtr (tool-invoking CTR): impressions with at least one click on an exposed
 *   tool-invoking suggestion / impressions. A tool-invoking suggestion resolves to an enabled
 *   tool (definitions.md, System-side calibration).
 * - clicksPerExposed: clicked suggestions / exposed suggestions, read as a proportion of
 *   exposures. Suggestions of one impression are not independent (one user, one moment), so
 *   its interval is narrower than the truth; compare arms on ctr first.
 * - toolShareExposed: exposed tool-invoking suggestions / exposed suggestions (the paper's
 *   Table 4 "query type distribution"), the same caveat.
 */

/** z for a two-sided 95% interval: the 0.975 quantile of the standard normal. */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval {
  /** successes / trials. */
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

function checkCounts(successes: number, trials: number, what: string): void {
  if (!Number.isInteger(successes) || !Number.isInteger(trials) || successes < 0 || trials < 0 || successes > trials) {
    throw new RangeError(`${what}: need integers 0 <= successes <= trials, got ${successes}/${trials}`);
  }
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927):
 *   centre = (p + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²).
 * Null when there are no trials.
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): ProportionInterval | null {
  checkCounts(successes, trials, "wilsonInterval");
  if (trials === 0) return null;
  const n = trials;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // The exact ends at p = 0 and p = 1 (floating point would leave 1e-17 crumbs).
  return { estimate: p, lower: successes === 0 ? 0 : Math.max(0, centre - half), upper: successes === n ? 1 : Math.min(1, centre + half) };
}

export interface DifferenceInterval {
  /** p1 − p0: the arm's proportion minus the control's. */
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Newcombe's hybrid score interval for p1 − p0 of two independent proportions (Newcombe 1998,
 * method 10), from the two Wilson intervals (l1, u1) and (l0, u0):
 *   lower = d − √((p1 − l1)² + (u0 − p0)²),  upper = d + √((u1 − p1)² + (p0 − l0)²).
 * Null when either side has no trials.
 */
export function newcombeDifference(successes1: number, trials1: number, successes0: number, trials0: number, z = Z_95): DifferenceInterval | null {
  const a = wilsonInterval(successes1, trials1, z);
  const b = wilsonInterval(successes0, trials0, z);
  if (!a || !b) return null;
  const d = a.estimate - b.estimate;
  return {
    difference: d,
    lower: d - Math.sqrt((a.estimate - a.lower) ** 2 + (b.upper - b.estimate) ** 2),
    upper: d + Math.sqrt((a.upper - a.estimate) ** 2 + (b.estimate - b.lower) ** 2),
  };
}

/** What an arm's impressions add up to (the header's numerators and denominators). */
export interface ArmCounts {
  readonly impressions: number;
  /** Impressions with at least one clicked (exposed) suggestion. */
  readonly clickedImpressions: number;
  /** Impressions with at least one clicked tool-invoking suggestion. */
  readonly toolClickedImpressions: number;
  readonly exposedSuggestions: number;
  /** Clicked suggestions (a click needs an exposure). */
  readonly clickedSuggestions: number;
  readonly exposedToolSuggestions: number;
}

export const AB_METRICS = ["ctr", "toolCtr", "clicksPerExposed", "toolShareExposed"] as const;
export type AbMetric = (typeof AB_METRICS)[number];

/** Numerator and denominator of each metric. */
export function metricCounts(c: ArmCounts, metric: AbMetric): { successes: number; trials: number } {
  switch (metric) {
    case "ctr":
      return { successes: c.clickedImpressions, trials: c.impressions };
    case "toolCtr":
      return { successes: c.toolClickedImpressions, trials: c.impressions };
    case "clicksPerExposed":
      return { successes: c.clickedSuggestions, trials: c.exposedSuggestions };
    case "toolShareExposed":
      return { successes: c.exposedToolSuggestions, trials: c.exposedSuggestions };
  }
}

export interface ArmMetric {
  readonly successes: number;
  readonly trials: number;
  /** The proportion and its 95% Wilson interval; null without trials. */
  readonly value: ProportionInterval | null;
  /** Against the control arm (null for the control itself, or without trials on either side). */
  readonly difference: DifferenceInterval | null;
  /** (p1 − p0) / p0, as the paper reports lifts; null for the control or when p0 is 0 or unknown. */
  readonly relativeLift: number | null;
}

export interface ArmReport {
  readonly arm: string;
  readonly control: boolean;
  readonly counts: ArmCounts;
  readonly metrics: Readonly<Record<AbMetric, ArmMetric>>;
}

function checkArmCounts(arm: string, c: ArmCounts): void {
  const pairs: [number, number, string][] = [
    [c.clickedImpressions, c.impressions, "clickedImpressions/impressions"],
    [c.toolClickedImpressions, c.clickedImpressions, "toolClickedImpressions/clickedImpressions"],
    [c.clickedSuggestions, c.exposedSuggestions, "clickedSuggestions/exposedSuggestions"],
    [c.exposedToolSuggestions, c.exposedSuggestions, "exposedToolSuggestions/exposedSuggestions"],
  ];
  for (const [s, t, what] of pairs) checkCounts(s, t, `arm ${arm}: ${what}`);
}

/**
 * The A/B table: every arm's metrics, each non-control arm against `controlArm` (95% unless z
 * is given). Arms keep their order. Throws RangeError for an unknown control arm or counts
 * that cannot be (more clicked than shown).
 */
export function abReport(arms: readonly { readonly arm: string; readonly counts: ArmCounts }[], controlArm: string, z = Z_95): ArmReport[] {
  const control = arms.find((a) => a.arm === controlArm);
  if (!control) throw new RangeError(`abReport: control arm ${controlArm} is not among the arms`);
  for (const a of arms) checkArmCounts(a.arm, a.counts);
  return arms.map((a) => {
    const isControl = a.arm === controlArm;
    const metrics = {} as Record<AbMetric, ArmMetric>;
    for (const m of AB_METRICS) {
      const { successes, trials } = metricCounts(a.counts, m);
      const base = metricCounts(control.counts, m);
      const value = wilsonInterval(successes, trials, z);
      const difference = isControl ? null : newcombeDifference(successes, trials, base.successes, base.trials, z);
      const p0 = base.trials > 0 ? base.successes / base.trials : 0;
      const relativeLift = isControl || difference === null || p0 === 0 ? null : difference.difference / p0;
      metrics[m] = { successes, trials, value, difference, relativeLift };
    }
    return { arm: a.arm, control: isControl, counts: a.counts, metrics };
  });
}

/** One served impression's suggestions, as the A/B counts need them. */
export interface ImpressionOutcome {
  readonly suggestions: readonly { readonly exposed: boolean; readonly clicked: boolean; readonly toolInvoking: boolean }[];
}

/** ArmCounts of some impressions (the same numbers the API's SQL aggregates compute). */
export function countArmOutcomes(impressions: Iterable<ImpressionOutcome>): ArmCounts {
  let impressionsN = 0;
  let clickedImpressions = 0;
  let toolClickedImpressions = 0;
  let exposedSuggestions = 0;
  let clickedSuggestions = 0;
  let exposedToolSuggestions = 0;
  for (const imp of impressions) {
    impressionsN++;
    let clicked = false;
    let toolClicked = false;
    for (const s of imp.suggestions) {
      if (!s.exposed) continue;
      exposedSuggestions++;
      if (s.toolInvoking) exposedToolSuggestions++;
      if (s.clicked) {
        clickedSuggestions++;
        clicked = true;
        if (s.toolInvoking) toolClicked = true;
      }
    }
    if (clicked) clickedImpressions++;
    if (toolClicked) toolClickedImpressions++;
  }
  return { impressions: impressionsN, clickedImpressions, toolClickedImpressions, exposedSuggestions, clickedSuggestions, exposedToolSuggestions };
}
