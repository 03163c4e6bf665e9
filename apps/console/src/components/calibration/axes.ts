"use client";

// Fixed axes for the weight histograms. The API bins each histogram between the weight's
// own bounds under the config (wU in [1 - alpha, 1 + alpha], Eq. 6), so a chart scaled to its
// bins looks the same for every alpha. Drawn on an axis that does not move with the sliders,
// the bars spread out or bunch up as the weights do.

import { useRef } from "react";
import type { CalibrationConfigInput, HistogramView, LabelHistogramsView } from "./queries";

export type HistogramName = "wU" | "wS" | "weight";
export type HistogramScale = "share" | "count";
export type Domain = readonly [number, number];

/** The smallest of `steps` that holds `v` (then whole numbers): the axis changes only past a step. */
function ceilStep(v: number, steps: readonly number[]): number {
  return steps.find((s) => v <= s + 1e-12) ?? Math.ceil(v);
}

/**
 * The x axis of a histogram under `config`. wU stays within 1 ± alpha (Eq. 6): [0.5, 1.5] up to
 * alpha 0.5, [0, 2] above. wS is 0 (masked), 1, or up to 1 + gamma (Eq. 7); the combined weight
 * (Eq. 9) up to the larger of 1 + alpha and 1 + gamma: [0, 2.5], [0, 4], [0, 6], … .
 */
export function fixedDomain(name: HistogramName, config: Pick<CalibrationConfigInput, "alpha" | "gamma">): Domain {
  if (name === "wU") return config.alpha <= 0.5 ? [0.5, 1.5] : [0, 2];
  const top = name === "wS" ? 1 + config.gamma : Math.max(1 + config.alpha, 1 + config.gamma);
  return [0, ceilStep(top, [2.5, 4, 6, 8, 11])];
}

const total = (h: HistogramView) => h.counts.reduce((s, c) => s + c, 0) + h.below + h.above + h.nan;

/** A bin's bar height: its count, or its share of the label's samples. */
export function barValue(h: HistogramView, count: number, scale: HistogramScale): number {
  if (scale === "count") return count;
  const n = total(h);
  return n > 0 ? count / n : 0;
}

/** The tallest bar of both labels. */
export function histogramPeak(hist: LabelHistogramsView, scale: HistogramScale): number {
  const { desirable: d, undesirable: u } = hist;
  return Math.max(0, ...d.counts.map((c) => barValue(d, c, scale)), ...u.counts.map((c) => barValue(u, c, scale)));
}

/**
 * The y axis top: the tallest bar seen since `resetKey` last changed. It grows when a bar
 * would not fit and never shrinks while the sliders move, so heights compare across settings.
 */
export function useStickyMax(value: number, resetKey: string): number {
  const ref = useRef<{ key: string; max: number }>({ key: resetKey, max: value });
  if (ref.current.key !== resetKey) ref.current = { key: resetKey, max: value };
  else if (value > ref.current.max) ref.current = { key: resetKey, max: value };
  return ref.current.max;
}
