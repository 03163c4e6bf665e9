// Batch calibration of a window of impressions (Eq. 6, 7, 9 over every row): the entry points
// over the columnar path. Kept apart from calibration.ts (configuration and the weights) so
// that columnar.ts can build on calibration.ts without an import cycle (issue 9 code item 1):
// calibration.ts <- columnar.ts <- calibration-batch.ts.
import {
  resolveCalibrationConfig,
  type CalibrateOptions,
  type CalibratedSample,
  type CalibrationColumns,
  type CalibrationConfigInput,
  type CalibrationImpression,
  type CalibrationResult,
  type ToolPercentileLookup,
  type UserOutcome,
} from "./calibration";
import { calibratePrepared, encodeColumnarWindow, prepareColumnarWindow } from "./columnar";
import type { SuggestionOutcome } from "./labels";

const NO_TOOLS: ToolPercentileLookup = () => undefined;

/**
 * uctr(u) = desirable impressions of u / all impressions of u, over the given rows
 * (the dataset's window). Keyed by user id, in first-seen order. Computed by the
 * columnar path (`prepareColumnarWindow`), one row per outcome.
 */
export function userCtr(rows: readonly UserOutcome[]): Map<string, number> {
  const window = encodeColumnarWindow(
    rows.map((r) => ({ userId: r.userId, suggestions: [{ toolId: null, exposed: true, clicked: r.desirable }] })),
    NO_TOOLS,
  );
  const { userUctr } = prepareColumnarWindow(window);
  return new Map(window.users.map((id, u) => [id, userUctr[u] as number]));
}

/**
 * Calibrates a window of impressions into typed-array columns plus aggregates: an adapter
 * over the columnar path (columnar.ts). `encodeColumnarWindow` encodes the impressions
 * (users in first-seen order), `prepareColumnarWindow` computes labels, the deciding tool
 * and per-user uctr, `calibratePrepared` applies Eq. 6, 7, 9 and the aggregates; each row's
 * deciding suggestion is mapped back to its toolId. `config` is resolved with
 * `resolveCalibrationConfig` (its errors come first). A tool that can decide an
 * impression's p without a percentile in [0, 1] throws CalibrationInputError naming
 * `impressions[i]`.
 */
export function calibrateColumns(
  impressions: readonly CalibrationImpression[],
  toolPercentile: ToolPercentileLookup,
  config: CalibrationConfigInput = {},
  options: CalibrateOptions = {},
): CalibrationColumns {
  const cfg = resolveCalibrationConfig(config);
  const window = encodeColumnarWindow(impressions, toolPercentile);
  const prepared = prepareColumnarWindow(window);
  const { wU, wS, weight, aggregates } = calibratePrepared(prepared, cfg, options);
  const n = window.length;
  const toolIds = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const j = prepared.decidingSuggestion[i] as number;
    const row = impressions[i] as CalibrationImpression;
    toolIds[i] = j < 0 ? null : (row.suggestions[j - (window.offsets[i] as number)] as SuggestionOutcome).toolId;
  }
  return {
    length: n,
    desirable: prepared.desirable,
    uctr: prepared.uctr,
    toolInvoking: prepared.toolInvoking,
    toolIds,
    frequencyPercentile: prepared.frequencyPercentile,
    wU,
    wS,
    weight,
    aggregates,
  };
}

/**
 * Calibrates a window of impressions: one CalibratedSample per impression (same
 * order) and the window's aggregates. See `calibrateColumns` for a typed-array
 * result without per-sample objects.
 */
export function calibrate(
  impressions: readonly CalibrationImpression[],
  toolPercentile: ToolPercentileLookup,
  config: CalibrationConfigInput = {},
  options: CalibrateOptions = {},
): CalibrationResult {
  const c = calibrateColumns(impressions, toolPercentile, config, options);
  const samples = new Array<CalibratedSample>(c.length);
  for (let i = 0; i < c.length; i++) {
    const impression = impressions[i] as CalibrationImpression;
    const p = c.frequencyPercentile[i] as number;
    const weight = c.weight[i] as number;
    samples[i] = {
      impressionId: impression.id,
      userId: impression.userId,
      desirable: c.desirable[i] === 1,
      uctr: c.uctr[i] as number,
      toolInvoking: c.toolInvoking[i] === 1,
      toolId: c.toolIds[i] ?? null,
      frequencyPercentile: Number.isNaN(p) ? null : p,
      wU: c.wU[i] as number,
      wS: c.wS[i] as number,
      weight,
      masked: weight === 0,
    };
  }
  return { samples, aggregates: c.aggregates };
}
