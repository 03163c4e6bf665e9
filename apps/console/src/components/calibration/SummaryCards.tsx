// The preview's aggregates as cards. Each value carries data-testid="summary-<field>" and
// data-value with the API's exact number (the text is rounded for reading).

import { formatInt } from "@/lib/format";
import { exact, percent } from "./format";
import type { CalibrationSummaryView } from "./queries";
import styles from "./calibration.module.css";

interface Card {
  field: keyof CalibrationSummaryView;
  label: string;
  value: number;
  text: string;
  sub?: string;
}

export function SummaryCards({ summary, stale }: { summary: CalibrationSummaryView; stale: boolean }) {
  const n = summary.sampleCount;
  const share = (v: number) => (n > 0 ? percent(v / n) : "—");
  const cards: Card[] = [
    { field: "sampleCount", label: "Samples", value: n, text: formatInt(n), sub: `${formatInt(summary.userCount)} users` },
    { field: "desirableCount", label: "Desirable", value: summary.desirableCount, text: formatInt(summary.desirableCount), sub: share(summary.desirableCount) },
    { field: "undesirableCount", label: "Undesirable", value: summary.undesirableCount, text: formatInt(summary.undesirableCount), sub: share(summary.undesirableCount) },
    { field: "maskedCount", label: "Masked (w = 0)", value: summary.maskedCount, text: formatInt(summary.maskedCount), sub: share(summary.maskedCount) },
    { field: "toolInvokingCount", label: "Tool-invoking", value: summary.toolInvokingCount, text: formatInt(summary.toolInvokingCount), sub: share(summary.toolInvokingCount) },
    {
      field: "effectiveSampleSize",
      label: "Effective size",
      value: summary.effectiveSampleSize,
      text: summary.effectiveSampleSize.toFixed(1),
      sub: "Kish (Σw)² / Σw²",
    },
    { field: "mu", label: "μ (mu)", value: summary.mu, text: summary.mu.toFixed(4), sub: summary.config.muMode === "FIXED" ? "fixed" : "upper quartile" },
    { field: "s", label: "s", value: summary.s, text: summary.s.toFixed(4), sub: summary.config.s == null ? "auto (std of uctr)" : "fixed" },
    { field: "weightSum", label: "Weight sum Σw", value: summary.weightSum, text: summary.weightSum.toFixed(2), sub: n > 0 ? `mean ${(summary.weightSum / n).toFixed(4)}` : undefined },
  ];
  return (
    <div
      className={`${styles.summary} ${stale ? styles.stale : ""}`}
      data-testid="calibration-summary"
      data-alpha={summary.config.alpha}
      data-gamma={summary.config.gamma}
      data-k={summary.config.k}
      data-config={JSON.stringify(summary.config)}
      data-from={summary.from ?? ""}
      data-to={summary.to ?? ""}
      aria-busy={stale}
    >
      {cards.map((c) => (
        <div key={c.field} className={styles.summaryCard}>
          <div className={styles.summaryLabel}>{c.label}</div>
          <div className={styles.summaryValue} data-testid={`summary-${c.field}`} data-value={exact(c.value)} title={exact(c.value)}>
            {c.text}
          </div>
          {c.sub && <div className={styles.summarySub}>{c.sub}</div>}
        </div>
      ))}
    </div>
  );
}
