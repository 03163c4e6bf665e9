// A small hand-written SVG bar chart of one calibration histogram (wU, wS or the combined
// weight), desirable and undesirable side by side in each bin. The API bins both labels on
// the same equal-width edges (WeightHistogram in preference.graphql); the chart draws each
// bin where its edges fall on a fixed axis (axes.ts), so moving a slider moves the bars.

import { formatInt } from "@/lib/format";
import { barValue, histogramPeak, type Domain, type HistogramScale } from "./axes";
import { niceTicks, percent, rangeTicks, short } from "./format";
import type { HistogramView, LabelHistogramsView } from "./queries";
import styles from "./calibration.module.css";

interface Props {
  /** "wU", "wS" or "weight": names the data-testid (histogram-wU, …). */
  name: string;
  title: string;
  hist: LabelHistogramsView;
  scale: HistogramScale;
  /** The x axis; the API's bins are drawn where they fall on it. */
  domain: Domain;
  /** The y axis top (at least the tallest bar); defaults to fitting the bars. */
  yMax?: number;
  width?: number;
  height?: number;
}

const total = (h: HistogramView) => h.counts.reduce((s, c) => s + c, 0) + h.below + h.above + h.nan;

export function WeightHistogram({ name, title, hist, scale, domain, yMax: yTop, width = 380, height = 190 }: Props) {
  const margin = { top: 10, right: 12, bottom: 34, left: scale === "share" ? 40 : 44 };
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const { desirable: d, undesirable: u } = hist;
  const edges = d.edges.length >= 2 ? d.edges : u.edges;
  const bins = Math.max(d.counts.length, u.counts.length);
  const min = edges[0] ?? 0;
  const max = edges[edges.length - 1] ?? 1;
  const totals = { desirable: total(d), undesirable: total(u) };

  const peak = Math.max(histogramPeak(hist, scale), yTop ?? 0);
  const yTicks = niceTicks(peak, 4);
  const yMax = Math.max(scale === "share" ? 0.01 : 1, yTicks.at(-1) ?? 1);
  const y = (v: number) => innerH - (v / yMax) * innerH;
  const [lo, hi] = domain;
  const x = (v: number) => (hi > lo ? ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * innerW : 0);
  const xTicks = rangeTicks(lo, hi, 5);
  const outside = [
    d.below + u.below > 0 ? `${formatInt(d.below + u.below)} below ${short(min)}` : null,
    d.above + u.above > 0 ? `${formatInt(d.above + u.above)} above ${short(max)}` : null,
    d.nan + u.nan > 0 ? `${formatInt(d.nan + u.nan)} NaN` : null,
  ].filter(Boolean);

  const bar = (label: "desirable" | "undesirable", h: HistogramView, i: number) => {
    const count = h.counts[i] ?? 0;
    const v = barValue(h, count, scale);
    const top = y(v);
    const lower = h.edges[i] ?? min;
    const upper = h.edges[i + 1] ?? max;
    // The bin's span on the fixed axis, desirable on its left half, undesirable on its right.
    const left = x(lower);
    const band = Math.max(0, x(upper) - left);
    const gap = Math.min(2, band * 0.2);
    const barW = Math.max(0.75, (band - gap) / 2);
    return (
      <rect
        key={`${label}-${i}`}
        className={label === "desirable" ? styles.barDesirable : styles.barUndesirable}
        x={left + gap / 2 + (label === "desirable" ? 0 : barW)}
        y={top}
        width={barW}
        height={Math.max(0, innerH - top)}
        data-label={label}
        data-bin={i}
        data-count={count}
      >
        <title>{`${label}: ${formatInt(count)} samples with ${name} in [${short(lower)}, ${short(upper)}${i === bins - 1 ? "]" : ")"}${totals[label] > 0 ? ` (${percent(count / totals[label])} of ${label})` : ""}`}</title>
      </rect>
    );
  };

  return (
    <figure className={styles.histFigure}>
      <figcaption className={styles.histCaption}>
        <span className={styles.histTitle}>{title}</span>
        {outside.length > 0 && <span className="small muted">{outside.join(" · ")}</span>}
      </figcaption>
      <svg
        className={styles.hist}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}: ${bins} bins from ${short(min)} to ${short(max)}; ${formatInt(totals.desirable)} desirable, ${formatInt(totals.undesirable)} undesirable samples`}
        data-testid={`histogram-${name}`}
        data-min={min}
        data-max={max}
        data-domain={`${lo},${hi}`}
        data-y-max={yMax}
        data-edges={edges.join(",")}
        data-desirable={d.counts.join(",")}
        data-undesirable={u.counts.join(",")}
      >
        <g transform={`translate(${margin.left},${margin.top})`}>
          {yTicks.map((t) => (
            <g key={t} transform={`translate(0,${y(t)})`}>
              <line x1={0} x2={innerW} className={styles.grid} />
              <text x={-5} dy="0.32em" textAnchor="end" className={styles.tick}>
                {scale === "share" ? percent(t, t < 0.1 && t > 0 ? 1 : 0) : formatInt(t)}
              </text>
            </g>
          ))}
          {Array.from({ length: bins }, (_, i) => (
            <g key={i}>
              {bar("desirable", d, i)}
              {bar("undesirable", u, i)}
            </g>
          ))}
          <line x1={0} x2={innerW} y1={innerH} y2={innerH} className={styles.axis} />
          {xTicks.map((t) => (
            <g key={t} transform={`translate(${x(t)},${innerH})`}>
              <line y1={0} y2={4} className={styles.axis} />
              <text y={14} textAnchor="middle" className={styles.tick}>
                {short(t, 3)}
              </text>
            </g>
          ))}
          <text x={innerW / 2} y={innerH + 29} textAnchor="middle" className={styles.axisTitle}>
            {name}
          </text>
        </g>
      </svg>
    </figure>
  );
}

export type { HistogramScale } from "./axes";

export function HistogramLegend() {
  return (
    <span className={styles.legend}>
      <span className={`${styles.swatch} ${styles.swatchDesirable}`} /> desirable
      <span className={`${styles.swatch} ${styles.swatchUndesirable}`} /> undesirable
    </span>
  );
}
