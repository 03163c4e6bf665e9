import styles from "./runs.module.css";

export interface Series {
  label: string;
  className: string;
  points: { x: number; y: number | null }[];
}

/** Compact number for axis labels: 5e-6, 0.0123, 1.2k. */
export function formatMetric(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a < 1e-3 || a >= 1e6) return v.toExponential(1);
  if (a >= 1000) return `${(v / 1000).toFixed(1)}k`;
  return Number(v.toPrecision(3)).toString();
}

/**
 * A small SVG line chart (hand-written like HistogramChart: no chart library): per-step
 * training metrics (x = optimizer step), and the Models page's A/B rates over time (x = a
 * bucket's start, labelled by `xLabel`). Gaps (null) break the line; a lone point is a dot.
 */
export function MetricChart({
  title,
  series,
  width = 420,
  height = 170,
  xLabel = (v, end) => (end === "min" ? `step ${v}` : String(v)),
  xAxis = "step",
  empty = "No steps reported yet.",
  yFormat = formatMetric,
}: {
  title: string;
  series: Series[];
  width?: number;
  height?: number;
  /** An x value as the axis shows it at its ends (default: "step N"). */
  xLabel?: (v: number, end: "min" | "max") => string;
  /** What x is, for the chart's accessible name ("… by step", "… by time"). */
  xAxis?: string;
  empty?: string;
  yFormat?: (v: number) => string;
}) {
  const m = { top: 10, right: 10, bottom: 24, left: 52 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const pts = series.flatMap((s) => s.points.filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y)));
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  if (pts.length === 0) {
    return (
      <figure className={styles.chart} data-testid={`chart-${slug}`} data-points={0}>
        <figcaption className={styles.chartTitle}>{title}</figcaption>
        <p className="muted small">{empty}</p>
      </figure>
    );
  }
  const xMin = Math.min(...pts.map((p) => p.x));
  const xMax = Math.max(...pts.map((p) => p.x));
  let yMin = Math.min(...pts.map((p) => p.y));
  let yMax = Math.max(...pts.map((p) => p.y));
  if (yMin === yMax) {
    const pad = Math.abs(yMin) * 0.1 || 1;
    yMin -= pad;
    yMax += pad;
  }
  const x = (v: number) => (xMax === xMin ? w / 2 : ((v - xMin) / (xMax - xMin)) * w);
  const y = (v: number) => h - ((v - yMin) / (yMax - yMin)) * h;
  const path = (s: Series) => {
    let d = "";
    let pen = false;
    for (const p of s.points) {
      if (p.y === null || !Number.isFinite(p.y)) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  // Points with no drawn neighbour (a single bucket, a point between gaps) would not show as a line.
  const lonely = (s: Series) =>
    s.points.filter((p, i) => {
      const ok = (q: { y: number | null } | undefined) => q !== undefined && q.y !== null && Number.isFinite(q.y);
      return ok(p) && !ok(s.points[i - 1]) && !ok(s.points[i + 1]);
    }) as { x: number; y: number }[];
  const yTicks = [yMin, (yMin + yMax) / 2, yMax];
  return (
    <figure className={styles.chart} data-testid={`chart-${slug}`} data-points={pts.length}>
      <figcaption className={styles.chartTitle}>
        {title}
        {series.length > 1 &&
          series.map((s) => (
            <span key={s.label} className={styles.legend}>
              <span className={`${styles.swatch} ${styles[s.className] ?? ""}`} /> {s.label}
            </span>
          ))}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={`${title} by ${xAxis}, ${pts.length} points`}>
        <g transform={`translate(${m.left},${m.top})`}>
          {yTicks.map((t, i) => (
            <g key={i} transform={`translate(0,${y(t)})`}>
              <line x1={0} x2={w} className="grid" />
              <text x={-6} dy="0.32em" textAnchor="end" className="tick">
                {yFormat(t)}
              </text>
            </g>
          ))}
          <line x1={0} x2={w} y1={h} y2={h} className="axis" />
          <text x={0} y={h + 16} className="tick" textAnchor="start">
            {xLabel(xMin, "min")}
          </text>
          <text x={w} y={h + 16} className="tick" textAnchor="end">
            {xLabel(xMax, "max")}
          </text>
          {series.map((s) => (
            <g key={s.label}>
              <path d={path(s)} className={`${styles.line} ${styles[s.className] ?? ""}`} />
              {lonely(s).map((p) => (
                <circle key={p.x} cx={x(p.x)} cy={y(p.y)} r={3} className={`${styles.dot} ${styles[s.className] ?? ""}`} />
              ))}
            </g>
          ))}
        </g>
      </svg>
    </figure>
  );
}
