/**
 * The drill-down of one sample's weight: every term of Eq. 6, 7 and 9 with the values
 * used, for the console's inspector. The weights come from calibration.ts's functions,
 * so an explanation always agrees with `calibrate`.
 */

import { combinedWeight, systemSideWeight, userSideWeight, type CalibrationConfig, type SystemSideMode } from "./calibration";

export type WeightCombination = "MAX" | "MIN" | "USER_SIDE_ONLY" | "SYSTEM_SIDE_ONLY" | "VANILLA";

export interface SampleTerms {
  readonly desirable: boolean;
  readonly uctr: number;
  readonly toolInvoking: boolean;
  readonly toolId: string | null;
  /** The deciding tool's frequency percentile; null when not tool-invoking. */
  readonly p: number | null;
}

export interface WeightBreakdown {
  readonly desirable: boolean;
  readonly userSide: boolean;
  readonly uctr: number;
  readonly mu: number;
  readonly s: number;
  readonly z: number | null;
  readonly t: number | null;
  readonly alpha: number;
  readonly wU: number;
  readonly systemSide: SystemSideMode;
  readonly toolInvoking: boolean;
  readonly toolId: string | null;
  readonly p: number | null;
  readonly gamma: number;
  readonly k: number;
  readonly pToTheK: number | null;
  readonly dynamicBoost: number | null;
  readonly staticBoost: number;
  readonly wS: number;
  readonly combination: WeightCombination;
  readonly weight: number;
  readonly masked: boolean;
  readonly steps: string[];
}

const f = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4));

export function explainWeight(
  sample: SampleTerms,
  config: Pick<CalibrationConfig, "alpha" | "gamma" | "k" | "userSide" | "systemSide">,
  mu: number,
  s: number,
): WeightBreakdown {
  const { desirable, uctr, toolInvoking } = sample;
  const p = toolInvoking ? sample.p : null;
  const steps: string[] = [];
  const label = desirable ? "desirable" : "undesirable";

  // Eq. 6: t = tanh((uctr - mu) / s); desirable 1 - alpha*t, undesirable 1 + alpha*t; s == 0 gives 1.
  const z = s === 0 ? null : (uctr - mu) / s;
  const t = z === null ? null : Math.tanh(z);
  const wU = config.userSide ? userSideWeight(desirable, uctr, mu, s, config.alpha) : 1;
  if (!config.userSide) steps.push("Eq. 6 user side off: wU = 1");
  else if (t === null) steps.push(`Eq. 6 s = 0: wU = 1`);
  else {
    steps.push(`Eq. 6 t = tanh((uctr - mu) / s) = tanh((${f(uctr)} - ${f(mu)}) / ${f(s)}) = ${f(t)}`);
    steps.push(`Eq. 6 ${label}: wU = 1 ${desirable ? "-" : "+"} alpha * t = 1 ${desirable ? "-" : "+"} ${f(config.alpha)} * ${f(t)} = ${f(wU)}`);
  }

  // Eq. 7: DYNAMIC (1+gamma)^(p^k) / 0 / 1; STATIC 1+gamma in place of the boost; OFF 1.
  const pToTheK = p === null ? null : Math.pow(p, config.k);
  const dynamicBoost = pToTheK === null ? null : Math.pow(1 + config.gamma, pToTheK);
  const staticBoost = 1 + config.gamma;
  const wS = systemSideWeight(desirable, toolInvoking, p, config.gamma, config.k, config.systemSide);
  if (config.systemSide === "OFF") steps.push("Eq. 7 system side OFF: wS = 1");
  else if (!toolInvoking) steps.push(`Eq. 7 not tool-invoking: wS = 1`);
  else if (!desirable) steps.push(`Eq. 7 undesirable and tool-invoking (${sample.toolId}): wS = 0 (masked negative)`);
  else if (config.systemSide === "STATIC") steps.push(`Eq. 7 STATIC, desirable and tool-invoking (${sample.toolId}): wS = 1 + gamma = ${f(wS)}`);
  else {
    steps.push(
      `Eq. 7 DYNAMIC, desirable and tool-invoking (${sample.toolId}, p = ${f(p as number)}): wS = (1 + gamma)^(p^k) = ${f(staticBoost)}^(${f(p as number)}^${f(config.k)}) = ${f(staticBoost)}^${f(pToTheK as number)} = ${f(wS)}`,
    );
  }

  // Eq. 9: both on, desirable max / undesirable min; one side on, that side; neither, 1.
  const systemOn = config.systemSide !== "OFF";
  const combination: WeightCombination =
    config.userSide && systemOn ? (desirable ? "MAX" : "MIN") : config.userSide ? "USER_SIDE_ONLY" : systemOn ? "SYSTEM_SIDE_ONLY" : "VANILLA";
  const weight = combinedWeight(desirable, wU, wS, config.userSide, config.systemSide);
  const rule = {
    MAX: `max(wU, wS) = max(${f(wU)}, ${f(wS)})`,
    MIN: `min(wU, wS) = min(${f(wU)}, ${f(wS)})`,
    USER_SIDE_ONLY: "wU (user side only)",
    SYSTEM_SIDE_ONLY: "wS (system side only)",
    VANILLA: "1 (vanilla KTO)",
  }[combination];
  steps.push(`Eq. 9 ${label}: w = ${rule} = ${f(weight)}`);

  return {
    desirable,
    userSide: config.userSide,
    uctr,
    mu,
    s,
    z,
    t,
    alpha: config.alpha,
    wU,
    systemSide: config.systemSide,
    toolInvoking,
    toolId: toolInvoking ? sample.toolId : null,
    p,
    gamma: config.gamma,
    k: config.k,
    pToTheK,
    dynamicBoost,
    staticBoost,
    wS,
    combination,
    weight,
    masked: weight === 0,
    steps,
  };
}
