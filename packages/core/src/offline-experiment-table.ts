/**
 * The offline experiment as a table shaped like the paper's Tables 1 and 2: absolute metrics
 * with 95% Wilson intervals and the relative lift over the control with its interval
 * (Newcombe's difference interval divided by the control's rate, which treats that rate as
 * known: a slight understatement of the lift's uncertainty).
 */

import type { AbMetric, ArmReport } from "./ab-test";

export interface LiftInterval {
  readonly lift: number;
  readonly lower: number;
  readonly upper: number;
}

/** Relative lift of an arm's metric over the control, with the interval above; null for the control. */
export function relativeLift(report: ArmReport, control: ArmReport, metric: AbMetric): LiftInterval | null {
  const m = report.metrics[metric];
  const p0 = control.metrics[metric].value?.estimate ?? 0;
  if (report.control || !m.difference || p0 === 0) return null;
  return { lift: m.difference.difference / p0, lower: m.difference.lower / p0, upper: m.difference.upper / p0 };
}

const pct = (x: number, digits = 2) => `${(100 * x).toFixed(digits)}%`;
const signed = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;

const COLUMNS: readonly [AbMetric, string][] = [
  ["ctr", "CTR"],
  ["toolCtr", "tool-invoking CTR"],
  ["clicksPerExposed", "clicks / exposed"],
  ["toolShareExposed", "tool share of exposed"],
];

/** A plain-text table: one row per arm, each metric as "value [lo, hi]  lift [lo, hi]". */
export function formatExperimentTable(arms: readonly ArmReport[], labels: Readonly<Record<string, string>> = {}): string {
  const control = arms.find((a) => a.control) ?? arms[0];
  if (!control) return "";
  const header = ["arm", "impressions", ...COLUMNS.flatMap(([, name]) => [name, "lift"])];
  const rows = arms.map((a) => [
    labels[a.arm] ?? a.arm,
    String(a.counts.impressions),
    ...COLUMNS.flatMap(([m]) => {
      const v = a.metrics[m].value;
      const lift = relativeLift(a, control, m);
      return [
        v ? `${pct(v.estimate)} [${pct(v.lower)}, ${pct(v.upper)}]` : "n/a",
        a.control ? "(control)" : lift ? `${signed(lift.lift)} [${signed(lift.lower)}, ${signed(lift.upper)}]` : "n/a",
      ];
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join(" | ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}
