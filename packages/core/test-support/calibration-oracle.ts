// The calibration oracle: an independent, straightforward implementation of
// docs/definitions.md (labels, Eq. 6, 7, 9 and the aggregates), per-row loops straight from
// the text, deliberately not using src/ (no shared helpers, naive statistics). Tests of
// packages/core and apps/api check the real implementations against it.

export interface OracleImpression {
  readonly id?: string;
  readonly userId: string;
  /** toolId: the tool a suggestion resolves to (logged or matched), null for none. */
  readonly suggestions: readonly { readonly toolId: string | null; readonly exposed: boolean; readonly clicked: boolean }[];
}

export interface OracleConfig {
  readonly alpha: number;
  readonly gamma: number;
  readonly k: number;
  readonly mu: number;
  readonly muMode: "FIXED" | "UPPER_QUARTILE";
  /** Explicit s; undefined or null = the population std of per-user uctr. */
  readonly s?: number | null;
  readonly userSide: boolean;
  readonly systemSide: "OFF" | "STATIC" | "DYNAMIC";
}

/** Eq. 7's p per enabled tool: (enabled tools with a strictly smaller count) / (n - 1); n = 1 gives 1. */
export function frequencyPercentileOracle(enabledCounts: ReadonlyMap<string, number>): Map<string, number> {
  const counts = [...enabledCounts.values()];
  const n = counts.length;
  return new Map([...enabledCounts].map(([id, c]) => [id, n === 1 ? 1 : counts.filter((x) => x < c).length / (n - 1)]));
}

/**
 * Calibrates `imps` by the text of definitions.md. `percentiles` holds p for every enabled
 * tool: a suggestion whose toolId is not in it is not tool-invoking.
 */
export function calibrationOracle(imps: readonly OracleImpression[], percentiles: ReadonlyMap<string, number>, cfg: OracleConfig) {
  const rows = imps.map((imp) => {
    // Labels: desirable iff at least one exposed suggestion was clicked.
    const desirable = imp.suggestions.some((s) => s.exposed && s.clicked);
    // Eq. 7's evidence: clicked tool suggestions if desirable, exposed ones if undesirable;
    // p is the largest p among them (the first in generated order on a tie).
    let toolId: string | null = null;
    for (const s of imp.suggestions) {
      if (s.toolId === null || !percentiles.has(s.toolId) || !(desirable ? s.exposed && s.clicked : s.exposed)) continue;
      if (toolId === null || percentiles.get(s.toolId)! > percentiles.get(toolId)!) toolId = s.toolId;
    }
    return { id: imp.id, userId: imp.userId, desirable, toolInvoking: toolId !== null, toolId, p: toolId === null ? null : percentiles.get(toolId)! };
  });
  // uctr(u) = desirable impressions of u / all impressions of u.
  const perUser = new Map<string, { n: number; d: number }>();
  for (const r of rows) {
    const u = perUser.get(r.userId) ?? { n: 0, d: 0 };
    u.n += 1;
    u.d += r.desirable ? 1 : 0;
    perUser.set(r.userId, u);
  }
  const uctrs = [...perUser.values()].map((u) => u.d / u.n);
  let mu = cfg.mu;
  if (cfg.muMode === "UPPER_QUARTILE" && uctrs.length > 0) {
    // numpy.quantile(x, 0.75), linear interpolation
    const x = [...uctrs].sort((a, b) => a - b);
    const h = (x.length - 1) * 0.75;
    const j = Math.floor(h);
    mu = j + 1 < x.length ? x[j]! + (h - j) * (x[j + 1]! - x[j]!) : x[j]!;
  }
  const mean = uctrs.reduce((a, b) => a + b, 0) / uctrs.length;
  const s = cfg.s ?? (uctrs.length > 0 ? Math.sqrt(uctrs.reduce((a, u) => a + (u - mean) ** 2, 0) / uctrs.length) : 0);
  const systemOn = cfg.systemSide !== "OFF";
  const samples = rows.map((r) => {
    const uctr = perUser.get(r.userId)!.d / perUser.get(r.userId)!.n;
    // Eq. 6
    let wU = 1;
    if (cfg.userSide && s !== 0) {
      const t = Math.tanh((uctr - mu) / s);
      wU = r.desirable ? 1 - cfg.alpha * t : 1 + cfg.alpha * t;
    }
    // Eq. 7
    let wS = 1;
    if (systemOn && r.toolInvoking) {
      if (!r.desirable) wS = 0;
      else wS = cfg.systemSide === "STATIC" ? 1 + cfg.gamma : Math.pow(1 + cfg.gamma, Math.pow(r.p!, cfg.k));
    }
    // Eq. 9
    const weight = cfg.userSide && systemOn ? (r.desirable ? Math.max(wU, wS) : Math.min(wU, wS)) : cfg.userSide ? wU : systemOn ? wS : 1;
    return { ...r, uctr, wU, wS, weight };
  });
  const sumW = samples.reduce((a, x) => a + x.weight, 0);
  const sumW2 = samples.reduce((a, x) => a + x.weight * x.weight, 0);
  return {
    samples,
    mu,
    s,
    users: perUser.size,
    counts: {
      total: samples.length,
      desirable: samples.filter((x) => x.desirable).length,
      undesirable: samples.filter((x) => !x.desirable).length,
      masked: samples.filter((x) => x.weight === 0).length,
      toolInvoking: samples.filter((x) => x.toolInvoking).length,
    },
    weightSum: sumW,
    ess: sumW2 > 0 ? (sumW * sumW) / sumW2 : 0,
  };
}

export type CalibrationOracleResult = ReturnType<typeof calibrationOracle>;
