/**
 * Dual-level calibration (Eq. 6, 7, 9) over a window held as flat typed arrays: no
 * strings, no per-row objects. The one implementation of the calibration pass:
 * `calibrateColumns` / `calibrate` (calibration.ts) encode their impressions with
 * `encodeColumnarWindow` and run it; the API's calibration preview and datasets run it on
 * windows loaded from the database (encoded and prepared once, each new config then
 * costs one pass); the numpy benchmark times it.
 *
 * Two stages: `prepareColumnarWindow` does the config-independent work (labels, the
 * deciding tool and its p, per-user uctr); `calibratePrepared` applies a config.
 */

import {
  CalibrationInputError,
  combinedWeight,
  resolveCalibrationConfig,
  resolveMuAndS,
  systemSideWeight,
  userSideWeight,
  type CalibrateOptions,
  type CalibrationAggregates,
  type CalibrationConfig,
  type CalibrationConfigInput,
  type LabelHistograms,
  type ToolPercentileLookup,
} from "./calibration";
import { HistogramAccumulator } from "./histogram";
import { countsTowardToolInvoking, isDesirable, type SuggestionOutcome } from "./labels";

/** A window of impressions as columns. Row i's suggestions are [offsets[i], offsets[i+1]), in generated order. */
export interface ColumnarWindow {
  readonly length: number;
  /**
   * Row -> user, 0..userCount-1; every user must have at least one row. Number users in
   * first-seen order (as encodeColumnarWindow does) to match calibrateColumns exactly (the
   * order of the std's sum).
   */
  readonly userIndex: Int32Array;
  readonly userCount: number;
  /** length + 1 suggestion offsets. */
  readonly offsets: Int32Array;
  /**
   * Per suggestion: p (Eq. 7) of the enabled tool it resolves to; NaN for a general query.
   * Read only where the suggestion can decide p (clicked ones of a desirable row, exposed
   * ones of an undesirable row), so it may be NaN elsewhere (encodeColumnarWindow).
   */
  readonly toolP: Float64Array;
  /** Per suggestion: 1 if shown (Q'_r). */
  readonly exposed: Uint8Array;
  /** Per suggestion: 1 if clicked (counts only when exposed). */
  readonly clicked: Uint8Array;
}

/** The config-independent part of calibrating a window. */
export interface PreparedWindow {
  readonly window: ColumnarWindow;
  readonly desirable: Uint8Array;
  readonly toolInvoking: Uint8Array;
  /** Per row: the suggestion (global index) that decided p, -1 when not tool-invoking. */
  readonly decidingSuggestion: Int32Array;
  /** Per row: the deciding tool's p, NaN when not tool-invoking. */
  readonly frequencyPercentile: Float64Array;
  /** Per user: desirable impressions / impressions. */
  readonly userUctr: Float64Array;
  /** Per row: its user's uctr. */
  readonly uctr: Float64Array;
  /** Lazily computed and kept: upper quartile and population std of userUctr. */
  readonly stats: { upperQuartile?: number; std?: number };
}

/**
 * Labels (desirable iff an exposed suggestion was clicked), the deciding tool (largest p
 * among clicked tool-invoking suggestions if desirable, exposed ones if not; the first
 * wins a tie) and per-user uctr (definitions.md).
 */
export function prepareColumnarWindow(w: ColumnarWindow): PreparedWindow {
  const n = w.length;
  const desirable = new Uint8Array(n);
  const toolInvoking = new Uint8Array(n);
  const deciding = new Int32Array(n).fill(-1);
  const percentile = new Float64Array(n).fill(Number.NaN);
  const total = new Float64Array(w.userCount);
  const clickedImpressions = new Float64Array(w.userCount);
  const { offsets, toolP, exposed, clicked, userIndex } = w;
  for (let i = 0; i < n; i++) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] as number;
    // One pass: whether some exposed suggestion was clicked, and the best tool among the
    // clicked ones and among the exposed ones (the first wins a tie); the label picks one.
    let d = 0;
    let bestClicked = -1;
    let pClicked = -Infinity;
    let bestExposed = -1;
    let pExposed = -Infinity;
    for (let j = start; j < end; j++) {
      if (exposed[j] !== 1) continue;
      const c = clicked[j] === 1;
      if (c) d = 1;
      const p = toolP[j] as number;
      if (p !== p) continue; // NaN: a general query
      if (bestExposed < 0 || p > pExposed) {
        bestExposed = j;
        pExposed = p;
      }
      if (c && (bestClicked < 0 || p > pClicked)) {
        bestClicked = j;
        pClicked = p;
      }
    }
    const best = d === 1 ? bestClicked : bestExposed;
    desirable[i] = d;
    if (best >= 0) {
      toolInvoking[i] = 1;
      deciding[i] = best;
      percentile[i] = d === 1 ? pClicked : pExposed;
    }
    const u = userIndex[i] as number;
    total[u] = (total[u] as number) + 1;
    clickedImpressions[u] = (clickedImpressions[u] as number) + d;
  }
  const userUctr = new Float64Array(w.userCount);
  for (let u = 0; u < w.userCount; u++) userUctr[u] = (clickedImpressions[u] as number) / (total[u] as number);
  const uctr = new Float64Array(n);
  for (let i = 0; i < n; i++) uctr[i] = userUctr[userIndex[i] as number] as number;
  return { window: w, desirable, toolInvoking, decidingSuggestion: deciding, frequencyPercentile: percentile, userUctr, uctr, stats: {} };
}

export interface ColumnarCalibration {
  readonly config: CalibrationConfig;
  readonly prepared: PreparedWindow;
  readonly wU: Float64Array;
  readonly wS: Float64Array;
  readonly weight: Float64Array;
  readonly aggregates: CalibrationAggregates;
}

/** Eq. 6, 7 and 9 plus aggregates and histograms under one config. */
export function calibratePrepared(prepared: PreparedWindow, config: CalibrationConfigInput = {}, options: CalibrateOptions = {}): ColumnarCalibration {
  const cfg = resolveCalibrationConfig(config);
  const { desirable, toolInvoking, frequencyPercentile: percentile, userUctr, stats } = prepared;
  const n = prepared.window.length;
  const users = userUctr.length;
  // Eq. 6's mu and s, the window statistics computed once per window (kept in stats).
  const { mu, s } = resolveMuAndS(userUctr, cfg, stats);

  const bins = options.histogramBins ?? 20;
  const pair = (min: number, max: number) => [new HistogramAccumulator(bins, min, max), new HistogramAccumulator(bins, min, max)] as const;
  const hU = cfg.alpha > 0 ? pair(1 - cfg.alpha, 1 + cfg.alpha) : pair(0, 2);
  const hS = pair(0, 1 + cfg.gamma);
  const hW = pair(0, Math.max(1 + cfg.alpha, 1 + cfg.gamma));
  const wUs = new Float64Array(n);
  const wSs = new Float64Array(n);
  const weights = new Float64Array(n);
  let nDesirable = 0;
  let nMasked = 0;
  let nToolInvoking = 0;
  let sumW = 0;
  let sumW2 = 0;
  // Eq. 6 depends on the row only through (user, label): computed once per user and label.
  const userIndex = prepared.window.userIndex;
  const wUDesirable = new Float64Array(users);
  const wUUndesirable = new Float64Array(users);
  for (let u = 0; u < users; u++) {
    wUDesirable[u] = cfg.userSide ? userSideWeight(true, userUctr[u] as number, mu, s, cfg.alpha) : 1;
    wUUndesirable[u] = cfg.userSide ? userSideWeight(false, userUctr[u] as number, mu, s, cfg.alpha) : 1;
  }
  const [hUd, hUu] = hU;
  const [hSd, hSu] = hS;
  const [hWd, hWu] = hW;
  for (let i = 0; i < n; i++) {
    const d = desirable[i] === 1;
    const ti = toolInvoking[i] === 1;
    const u = userIndex[i] as number;
    // Eq. 6 (per user, above), Eq. 7, Eq. 9
    const wU = d ? (wUDesirable[u] as number) : (wUUndesirable[u] as number);
    const wS = ti ? systemSideWeight(d, true, percentile[i] as number, cfg.gamma, cfg.k, cfg.systemSide) : 1;
    const w = combinedWeight(d, wU, wS, cfg.userSide, cfg.systemSide);
    wUs[i] = wU;
    wSs[i] = wS;
    weights[i] = w;
    if (d) {
      hUd.add(wU);
      hSd.add(wS);
      hWd.add(w);
      nDesirable += 1;
    } else {
      hUu.add(wU);
      hSu.add(wS);
      hWu.add(w);
    }
    nToolInvoking += ti ? 1 : 0;
    if (w === 0) nMasked += 1;
    sumW += w;
    sumW2 += w * w;
  }
  const both = (h: readonly [HistogramAccumulator, HistogramAccumulator]): LabelHistograms => ({ desirable: h[0].result(), undesirable: h[1].result() });
  return {
    config: cfg,
    prepared,
    wU: wUs,
    wS: wSs,
    weight: weights,
    aggregates: {
      mu,
      s,
      users,
      counts: { total: n, desirable: nDesirable, undesirable: n - nDesirable, masked: nMasked, toolInvoking: nToolInvoking },
      weightSum: sumW,
      effectiveSampleSize: sumW2 > 0 ? (sumW * sumW) / sumW2 : 0,
      histograms: { wU: both(hU), wS: both(hS), weight: both(hW) },
    },
  };
}

/** Both stages at once. */
export function calibrateColumnar(w: ColumnarWindow, config: CalibrationConfigInput = {}, options: CalibrateOptions = {}): ColumnarCalibration {
  return calibratePrepared(prepareColumnarWindow(w), config, options);
}

/**
 * Encodes impressions (as `calibrate` takes them) into a ColumnarWindow, numbering users in
 * first-seen order. `toolPercentile` (a map or a lookup) is asked only for the tools that
 * can decide an impression's p (Eq. 7): those of the clicked suggestions of a desirable
 * impression, of the exposed ones of an undesirable impression, in generated order; each
 * must get a p in [0, 1] (enabled tools only), else CalibrationInputError naming
 * `impressions[i]`. The other suggestions' toolP is NaN (never read).
 */
export function encodeColumnarWindow(
  impressions: readonly { readonly userId: string; readonly suggestions: readonly SuggestionOutcome[] }[],
  toolPercentile: ToolPercentileLookup,
): ColumnarWindow & { readonly users: string[] } {
  const lookup: (toolId: string) => number | undefined =
    typeof toolPercentile === "function" ? toolPercentile : (id) => toolPercentile.get(id);
  const n = impressions.length;
  let m = 0;
  for (const imp of impressions) m += imp.suggestions.length;
  const userIndex = new Int32Array(n);
  const offsets = new Int32Array(n + 1);
  const p = new Float64Array(m);
  const exposed = new Uint8Array(m);
  const clicked = new Uint8Array(m);
  const users: string[] = [];
  const indexOf = new Map<string, number>();
  let j = 0;
  for (let i = 0; i < n; i++) {
    const imp = impressions[i]!;
    let u = indexOf.get(imp.userId);
    if (u === undefined) {
      u = users.length;
      indexOf.set(imp.userId, u);
      users.push(imp.userId);
    }
    userIndex[i] = u;
    offsets[i] = j;
    const desirable = isDesirable(imp.suggestions);
    for (const s of imp.suggestions) {
      if (s.toolId === null || !countsTowardToolInvoking(s, desirable)) p[j] = Number.NaN;
      else {
        const v = lookup(s.toolId);
        if (v === undefined || !(v >= 0 && v <= 1)) {
          throw new CalibrationInputError(
            `impressions[${i}]`,
            `tool "${s.toolId}" has no frequency percentile in [0, 1] (got ${String(v)}); pass only enabled tools`,
          );
        }
        p[j] = v;
      }
      exposed[j] = s.exposed ? 1 : 0;
      clicked[j] = s.clicked ? 1 : 0;
      j++;
    }
  }
  offsets[n] = j;
  return { length: n, userIndex, userCount: users.length, offsets, toolP: p, exposed, clicked, users };
}
