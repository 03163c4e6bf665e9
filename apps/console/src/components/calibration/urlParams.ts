// The inspector's state as URL parameters: the config (only what differs from the API's
// defaults), the window and the sample filters. Pure, so the URL is the one source of truth.

import { asTri } from "@/components/TriSelect";
import { enumParam, numberParam, type ParamUpdates } from "@/lib/urlState";
import type { CalibrationConfigInput, MuMode, SystemSideMode, TimeWindow } from "./queries";
import type { SampleFilterState } from "./SampleTable";

const MU_MODES: readonly MuMode[] = ["FIXED", "UPPER_QUARTILE"];
const SYSTEM_SIDES: readonly SystemSideMode[] = ["OFF", "STATIC", "DYNAMIC"];

export function configFromParams(params: URLSearchParams, defaults: CalibrationConfigInput): CalibrationConfigInput {
  const s = params.get("s");
  const flag = (key: string, fallback: boolean) => (params.get(key) === "1" ? true : params.get(key) === "0" ? false : fallback);
  return {
    alpha: numberParam(params, "alpha", defaults.alpha),
    gamma: numberParam(params, "gamma", defaults.gamma),
    k: numberParam(params, "k", defaults.k),
    mu: numberParam(params, "mu", defaults.mu),
    muMode: enumParam(params, "muMode", MU_MODES, defaults.muMode),
    s: s === null || s.trim() === "" || !Number.isFinite(Number(s)) ? defaults.s : Number(s),
    userSide: flag("userSide", defaults.userSide),
    systemSide: enumParam(params, "systemSide", SYSTEM_SIDES, defaults.systemSide),
  };
}

/** Every config parameter: set where `config` differs from `defaults`, cleared where it does not. */
export function configParams(config: CalibrationConfigInput, defaults: CalibrationConfigInput): ParamUpdates {
  const out: ParamUpdates = {};
  for (const key of Object.keys(defaults) as (keyof CalibrationConfigInput)[]) {
    const v = config[key];
    out[key] = v === defaults[key] || v === null ? null : typeof v === "boolean" ? (v ? "1" : "0") : String(v);
  }
  return out;
}

export type WindowPreset = "all" | "7" | "14" | "28" | "custom";

export interface WindowState {
  preset: WindowPreset;
  window: TimeWindow;
}

export const ALL_TIME: WindowState = { preset: "all", window: { from: null, to: null } };

const PRESETS: readonly WindowPreset[] = ["7", "14", "28", "custom"];

/** The window in the URL: a preset and the bounds it stood for when chosen, so a link keeps its window. */
export function windowFromParams(params: URLSearchParams): WindowState {
  const preset = enumParam(params, "window", PRESETS, null);
  if (!preset) return ALL_TIME;
  return { preset, window: { from: params.get("from") || null, to: params.get("to") || null } };
}

export function windowParams(state: WindowState | null): ParamUpdates {
  if (!state || state.preset === "all") return { window: null, from: null, to: null };
  return { window: state.preset, from: state.window.from, to: state.window.to };
}

export function filterFromParams(params: URLSearchParams): SampleFilterState {
  return { label: asTri(params.get("label")), toolInvoking: asTri(params.get("toolInvoking")), masked: asTri(params.get("masked")), userId: params.get("user") ?? "" };
}

/** The parameters of the filters in `patch` only: a change to one filter leaves the others as the URL has them. */
export function filterParams(patch: Partial<SampleFilterState>): ParamUpdates {
  return { label: patch.label, toolInvoking: patch.toolInvoking, masked: patch.masked, user: patch.userId };
}
