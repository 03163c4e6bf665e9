/**
 * Dual-level preference calibration (paper section 4.3): user-side calibration
 * (Eq. 6), system-side calibration (Eq. 7) and the combined sample weight w(Q_r)
 * (Eq. 9). Exact definitions: docs/definitions.md.
 */

import { ValidationError } from "./errors";
import type { Histogram } from "./histogram";
import type { SuggestionOutcome } from "./labels";

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/** System-side calibration mode: the paper's frequency-aware weight, Table 2's static variant, or none. */
export type SystemSideMode = "OFF" | "STATIC" | "DYNAMIC";
/** mu of Eq. 6: the fixed value, or the upper quartile of the window's per-user uctr. */
export type MuMode = "FIXED" | "UPPER_QUARTILE";

export interface CalibrationConfig {
  /** Eq. 6 weight bound: w_u in [1 - alpha, 1 + alpha]. In [0, 1]. */
  readonly alpha: number;
  /** Eq. 7 maximum weight bound: w_s in [1, 1 + gamma] for clicked tool-invoking queries. >= 0. */
  readonly gamma: number;
  /** Eq. 7 sensitivity exponent on the frequency percentile p. > 0. */
  readonly k: number;
  /** Eq. 6 centre mu when muMode is FIXED. In [0, 1]. */
  readonly mu: number;
  readonly muMode: MuMode;
  /** Eq. 6 scale s; when absent, the population standard deviation of per-user uctr. >= 0. */
  readonly s?: number;
  /** User-side calibration (Eq. 6) on or off. */
  readonly userSide: boolean;
  readonly systemSide: SystemSideMode;
}

/** Input to `resolveCalibrationConfig`: any subset; `s: null` means "derive s from the data". */
export type CalibrationConfigInput = Partial<Omit<CalibrationConfig, "s">> & { readonly s?: number | null };

/** The paper's values: alpha 0.25, gamma 1.25, k 3, mu 0.07; ToolRec = user side + DYNAMIC. */
export const DEFAULT_CALIBRATION_CONFIG: Readonly<CalibrationConfig> = Object.freeze({
  alpha: 0.25,
  gamma: 1.25,
  k: 3,
  mu: 0.07,
  muMode: "FIXED",
  userSide: true,
  systemSide: "DYNAMIC",
});

/** Table 2's variants (1-4) and the full model, as partial configs. */
export const TABLE2_VARIANTS: Readonly<Record<"1" | "2" | "3" | "4" | "ToolRec", CalibrationConfigInput>> =
  Object.freeze({
    "1": { userSide: false, systemSide: "OFF" },
    "2": { userSide: true, systemSide: "OFF" },
    "3": { userSide: false, systemSide: "STATIC" },
    "4": { userSide: true, systemSide: "STATIC" },
    ToolRec: { userSide: true, systemSide: "DYNAMIC" },
  });

/** A calibration setting out of range or unknown; `field` is the setting (or unknown key). */
export class CalibrationConfigError extends ValidationError {
  constructor(field: string, message: string) {
    super(field, `${field}: ${message}`);
  }
}

const CONFIG_FIELDS = new Set(["alpha", "gamma", "k", "mu", "muMode", "s", "userSide", "systemSide"]);

function finiteNumber(field: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new CalibrationConfigError(field, `must be a finite number, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

/**
 * Fills defaults (DEFAULT_CALIBRATION_CONFIG) and validates: alpha in [0, 1],
 * gamma >= 0, k > 0, mu in [0, 1], s >= 0 when given, muMode / systemSide from
 * their enums, userSide boolean, no unknown keys. Throws CalibrationConfigError.
 */
export function resolveCalibrationConfig(partial: CalibrationConfigInput = {}): CalibrationConfig {
  for (const key of Object.keys(partial)) {
    if (!CONFIG_FIELDS.has(key)) throw new CalibrationConfigError(key, "unknown calibration setting");
  }
  const pick = <K extends keyof CalibrationConfig>(key: K): unknown =>
    partial[key] === undefined ? DEFAULT_CALIBRATION_CONFIG[key] : partial[key];

  const alpha = finiteNumber("alpha", pick("alpha"));
  if (alpha < 0 || alpha > 1) throw new CalibrationConfigError("alpha", `must be in [0, 1], got ${alpha}`);
  const gamma = finiteNumber("gamma", pick("gamma"));
  if (gamma < 0) throw new CalibrationConfigError("gamma", `must be >= 0, got ${gamma}`);
  const k = finiteNumber("k", pick("k"));
  if (k <= 0) throw new CalibrationConfigError("k", `must be > 0, got ${k}`);
  const mu = finiteNumber("mu", pick("mu"));
  if (mu < 0 || mu > 1) throw new CalibrationConfigError("mu", `must be in [0, 1], got ${mu}`);

  const muMode = pick("muMode");
  if (muMode !== "FIXED" && muMode !== "UPPER_QUARTILE") {
    throw new CalibrationConfigError("muMode", `must be "FIXED" or "UPPER_QUARTILE", got ${JSON.stringify(muMode)}`);
  }
  const systemSide = pick("systemSide");
  if (systemSide !== "OFF" && systemSide !== "STATIC" && systemSide !== "DYNAMIC") {
    throw new CalibrationConfigError(
      "systemSide",
      `must be "OFF", "STATIC" or "DYNAMIC", got ${JSON.stringify(systemSide)}`,
    );
  }
  const userSide = pick("userSide");
  if (typeof userSide !== "boolean") {
    throw new CalibrationConfigError("userSide", `must be a boolean, got ${JSON.stringify(userSide)}`);
  }

  const config: { -readonly [K in keyof CalibrationConfig]: CalibrationConfig[K] } = {
    alpha,
    gamma,
    k,
    mu,
    muMode,
    userSide,
    systemSide,
  };
  if (partial.s !== undefined && partial.s !== null) {
    const s = finiteNumber("s", partial.s);
    if (s < 0) throw new CalibrationConfigError("s", `must be >= 0, got ${s}`);
    config.s = s;
  }
  return config;
}

// ---------------------------------------------------------------------------
// User activity statistics (inputs of Eq. 6)
// ---------------------------------------------------------------------------

/** One impression reduced to what uctr needs. */
export interface UserOutcome {
  readonly userId: string;
  readonly desirable: boolean;
}

/**
 * Upper quartile (0.75 quantile) by linear interpolation between closest ranks,
 * numpy's default method (`numpy.quantile(x, 0.75)`, method="linear", Hyndman &
 * Fan type 7): sort ascending into x[0..n-1], h = (n - 1) * 0.75, j = floor(h);
 * Q = x[j] + (h - j) * (x[j+1] - x[j]) (just x[j] when j = n - 1).
 * Example: [1, 2, 3, 4] -> h = 2.25 -> 3 + 0.25 * (4 - 3) = 3.25.
 * Values must be finite; returns NaN for no values.
 */
export function upperQuartile(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const x = Float64Array.from(values).sort();
  const h = (n - 1) * 0.75;
  const j = Math.floor(h);
  const lower = x[j] as number;
  if (j + 1 >= n) return lower;
  return lower + (h - j) * ((x[j + 1] as number) - lower);
}

/**
 * Population standard deviation (divide by n, numpy.std's default ddof = 0):
 * sqrt(sum((x - mean)^2) / n), computed in two passes with the compensated
 * ("corrected two-pass") formula. Exactly 0 when all values are equal (numpy can
 * return ~1e-17 there from rounding in the mean; we return 0 so Eq. 6's s == 0
 * rule applies). NaN for no values.
 */
export function populationStd(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return 0;
  const mean = sum / n;
  let squares = 0;
  let deviations = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - mean;
    squares += d * d;
    deviations += d;
  }
  return Math.sqrt(Math.max(0, (squares - (deviations * deviations) / n) / n));
}

export interface MuAndS {
  readonly mu: number;
  readonly s: number;
}

/**
 * mu and s of Eq. 6 for a window. mu: config.mu (FIXED) or the upper quartile of the
 * per-user uctr values (UPPER_QUARTILE; config.mu when there are no users).
 * s: config.s when given, else the population standard deviation of the per-user
 * uctr values (0 when there are no users). `stats`, when given, caches the two window
 * statistics across calls on the same values (a prepared window's `stats`): each is
 * computed on first need and reused after.
 */
export function resolveMuAndS(
  userCtrs: ArrayLike<number> | ReadonlyMap<string, number>,
  config: Pick<CalibrationConfig, "mu" | "muMode" | "s">,
  stats: { upperQuartile?: number; std?: number } = {},
): MuAndS {
  const values: ArrayLike<number> = isMap(userCtrs) ? Float64Array.from(userCtrs.values()) : userCtrs;
  const mu =
    config.muMode === "UPPER_QUARTILE" && values.length > 0 ? (stats.upperQuartile ??= upperQuartile(values)) : config.mu;
  const s = config.s ?? (values.length > 0 ? (stats.std ??= populationStd(values)) : 0);
  return { mu, s };
}

function isMap(x: ArrayLike<number> | ReadonlyMap<string, number>): x is ReadonlyMap<string, number> {
  return x instanceof Map;
}

// ---------------------------------------------------------------------------
// The weights
// ---------------------------------------------------------------------------

/**
 * Eq. 6, user-side weight: t = tanh((uctr - mu) / s);
 * desirable: w_u = 1 - alpha * t; undesirable: w_u = 1 + alpha * t; s == 0 gives 1.
 */
export function userSideWeight(desirable: boolean, uctr: number, mu: number, s: number, alpha: number): number {
  if (s === 0) return 1;
  const t = Math.tanh((uctr - mu) / s);
  return desirable ? 1 - alpha * t : 1 + alpha * t;
}

/**
 * Eq. 7, system-side weight. DYNAMIC: desirable and tool-invoking: (1 + gamma)^(p^k);
 * undesirable and tool-invoking: 0; otherwise 1. STATIC: 1 + gamma in place of
 * (1 + gamma)^(p^k). OFF: 1. `p` (the deciding tool's frequency percentile) is
 * needed only for a desirable tool-invoking impression under DYNAMIC.
 */
export function systemSideWeight(
  desirable: boolean,
  toolInvoking: boolean,
  p: number | null,
  gamma: number,
  k: number,
  mode: SystemSideMode,
): number {
  if (mode === "OFF" || !toolInvoking) return 1;
  if (!desirable) return 0;
  if (mode === "STATIC") return 1 + gamma;
  if (p === null || Number.isNaN(p)) {
    throw new RangeError("systemSideWeight: a desirable tool-invoking impression needs its frequency percentile p");
  }
  return Math.pow(1 + gamma, Math.pow(p, k));
}

/**
 * Eq. 9, combined sample weight w(Q_r). Both sides on: desirable max(w_u, w_s),
 * undesirable min(w_u, w_s). One side on: that side's weight. Neither: 1 (vanilla
 * KTO). `systemSide` may be the mode ("OFF" = off) or a boolean.
 */
export function combinedWeight(
  desirable: boolean,
  wU: number,
  wS: number,
  userSide: boolean,
  systemSide: boolean | SystemSideMode,
): number {
  const systemOn = systemSide !== false && systemSide !== "OFF";
  if (userSide && systemOn) return desirable ? Math.max(wU, wS) : Math.min(wU, wS);
  if (userSide) return wU;
  if (systemOn) return wS;
  return 1;
}

// ---------------------------------------------------------------------------
// Batch calibration of a dataset window
// ---------------------------------------------------------------------------

/** One recommendation event; suggestions' toolIds are already resolved to enabled tools (or null). */
export interface CalibrationImpression {
  readonly id: string;
  readonly userId: string;
  readonly suggestions: readonly SuggestionOutcome[];
}

/** Frequency percentile p per enabled tool id: a map (e.g. from `frequencyPercentiles`) or a lookup. */
export type ToolPercentileLookup = ReadonlyMap<string, number> | ((toolId: string) => number | undefined);

/** Impressions calibration cannot weigh; `field` says where, e.g. "impressions[12]". */
export class CalibrationInputError extends ValidationError {
  constructor(field: string, message: string) {
    super(field, `${field}: ${message}`);
  }
}

export interface CalibratedSample {
  readonly impressionId: string;
  readonly userId: string;
  readonly desirable: boolean;
  readonly uctr: number;
  readonly toolInvoking: boolean;
  /** The tool that decided p: desirable, the clicked tool with the largest p; undesirable, the exposed one with the largest p. */
  readonly toolId: string | null;
  readonly frequencyPercentile: number | null;
  /** Eq. 6 (1 when the user side is off). */
  readonly wU: number;
  /** Eq. 7 (1 when the system side is OFF). */
  readonly wS: number;
  /** Eq. 9. */
  readonly weight: number;
  /** weight == 0: the example contributes nothing to the loss. */
  readonly masked: boolean;
}

export interface LabelHistograms {
  readonly desirable: Histogram;
  readonly undesirable: Histogram;
}

export interface CalibrationAggregates {
  readonly mu: number;
  readonly s: number;
  /** Distinct users in the window. */
  readonly users: number;
  readonly counts: {
    readonly total: number;
    readonly desirable: number;
    readonly undesirable: number;
    readonly masked: number;
    readonly toolInvoking: number;
  };
  readonly weightSum: number;
  /** Kish's effective sample size (sum w)^2 / sum w^2; 0 when every weight is 0. */
  readonly effectiveSampleSize: number;
  /** Ranges: wU [1 - alpha, 1 + alpha] ([0, 2] if alpha = 0); wS [0, 1 + gamma]; weight [0, max(1 + alpha, 1 + gamma)]. */
  readonly histograms: {
    readonly wU: LabelHistograms;
    readonly wS: LabelHistograms;
    readonly weight: LabelHistograms;
  };
}

/** Column-oriented result: row i is impressions[i]. */
export interface CalibrationColumns {
  readonly length: number;
  readonly desirable: Uint8Array;
  readonly uctr: Float64Array;
  readonly toolInvoking: Uint8Array;
  readonly toolIds: (string | null)[];
  /** NaN where the impression is not tool-invoking. */
  readonly frequencyPercentile: Float64Array;
  readonly wU: Float64Array;
  readonly wS: Float64Array;
  readonly weight: Float64Array;
  readonly aggregates: CalibrationAggregates;
}

export interface CalibrationResult {
  readonly samples: CalibratedSample[];
  readonly aggregates: CalibrationAggregates;
}

export interface CalibrateOptions {
  /** Bins per histogram (default 20). */
  readonly histogramBins?: number;
}
