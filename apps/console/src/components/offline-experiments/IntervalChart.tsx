// A small SVG dot-and-whisker chart (hand-written like MetricChart and HistogramChart: no chart
// library): one rate per arm with its 95% interval as a whisker, the control's value as a dashed
// reference line. The Offline experiments page draws CTR and tool-invoking CTR with it.
import styles from "./offline.module.css";

export interface IntervalPoint {
  label: string;
  value: number;
  lower: number;
  upper: number;
  control: boolean;
}

const pct = (v: number) => `${(v * 100).toFixed(v < 0.1 ? 1 : 0)}%`;

export function IntervalChart({ title, points, width = 560, height = 210 }: { title: string; points: IntervalPoint[]; width?: number; height?: number }) {
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  const m = { top: 12, right: 12, bottom: 34, left: 48 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  if (points.length === 0) {
    return (
      <figure className={styles.chart} data-testid={`chart-${slug}`} data-points={0}>
        <figcaption className={styles.chartTitle}>{title}</figcaption>
        <p className="muted small">No arms.</p>
      </figure>
    );
  }
  // From 0 (rates are compared as sizes), up to the highest whisker with some room.
  const yMax = Math.max(...points.map((p) => p.upper)) * 1.15 || 0.01;
  const y = (v: number) => h - (v / yMax) * h;
  const band = w / points.length;
  const x = (i: number) => band * (i + 0.5);
  const control = points.find((p) => p.control);
  const ticks = [0, yMax / 2, yMax];
  return (
    <figure className={styles.chart} data-testid={`chart-${slug}`} data-points={points.length}>
      <figcaption className={styles.chartTitle}>{title}</figcaption>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${title} per arm with 95% intervals: ${points.map((p) => `${p.label} ${pct(p.value)} [${pct(p.lower)}, ${pct(p.upper)}]`).join("; ")}`}>
        <g transform={`translate(${m.left},${m.top})`}>
          {ticks.map((t, i) => (
            <g key={i} transform={`translate(0,${y(t)})`}>
              <line x1={0} x2={w} className="grid" />
              <text x={-6} dy="0.32em" textAnchor="end" className="tick">
                {pct(t)}
              </text>
            </g>
          ))}
          <line x1={0} x2={w} y1={h} y2={h} className="axis" />
          {control && <line x1={0} x2={w} y1={y(control.value)} y2={y(control.value)} className={styles.reference} />}
          {points.map((p, i) => (
            <g key={p.label} data-testid="interval" data-arm={p.label} data-value={p.value} data-lower={p.lower} data-upper={p.upper}>
              <title>{`${p.label}: ${pct(p.value)} [${pct(p.lower)}, ${pct(p.upper)}]`}</title>
              <line x1={x(i)} x2={x(i)} y1={y(p.lower)} y2={y(p.upper)} className={styles.whisker} />
              <line x1={x(i) - 7} x2={x(i) + 7} y1={y(p.lower)} y2={y(p.lower)} className={styles.whisker} />
              <line x1={x(i) - 7} x2={x(i) + 7} y1={y(p.upper)} y2={y(p.upper)} className={styles.whisker} />
              <circle cx={x(i)} cy={y(p.value)} r={4.5} className={p.control ? styles.dotControl : styles.dot} />
              <text x={x(i)} y={h + 15} textAnchor="middle" className="tick">
                {p.label.length > 18 ? `${p.label.slice(0, 17)}…` : p.label}
              </text>
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
