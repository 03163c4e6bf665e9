import { formatCompact, formatInt } from "@/lib/format";

/** Bin edges: one decimal below 10, whole numbers (compact) above. */
function edgeLabel(v: number): string {
  return v < 10 ? String(Math.round(v * 10) / 10) : formatCompact(Math.round(v));
}
import type { HistogramBin } from "@/lib/queries";

interface Props {
  bins: HistogramBin[];
  width?: number;
  height?: number;
  title?: string;
}

/** Rounded tick values for a linear count axis. */
function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.001; v += step) ticks.push(Math.round(v));
  if ((ticks[ticks.length - 1] ?? 0) < max) ticks.push(Math.round((ticks[ticks.length - 1] ?? 0) + step));
  return ticks;
}

/**
 * A small hand-written SVG bar chart for invocationHistogram: the bins are log-spaced, so
 * equal-width bars read as a log x-axis; bin edges label the axis.
 */
export function HistogramChart({ bins, width = 720, height = 220, title = "Invocation count distribution" }: Props) {
  const margin = { top: 12, right: 12, bottom: 40, left: 44 };
  const innerW = width - margin.left - margin.right;
  const innerH = height - margin.top - margin.bottom;
  const maxCount = Math.max(0, ...bins.map((b) => b.count));
  const ticks = niceTicks(maxCount);
  const yMax = Math.max(1, ticks[ticks.length - 1] ?? 1);
  const band = bins.length > 0 ? innerW / bins.length : innerW;
  const gap = Math.min(4, band * 0.15);
  const y = (v: number) => innerH - (v / yMax) * innerH;
  const total = bins.reduce((s, b) => s + b.count, 0);

  if (bins.length === 0) return <p className="muted">No enabled tools to chart.</p>;

  return (
    <svg
      className="chart"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={`${title}: ${bins.length} log-spaced bins, ${formatInt(total)} tools`}
      data-testid="histogram"
    >
      <title>{title}</title>
      <g transform={`translate(${margin.left},${margin.top})`}>
        {ticks.map((t) => (
          <g key={t} transform={`translate(0,${y(t)})`}>
            <line x1={0} x2={innerW} className="grid" />
            <text x={-6} dy="0.32em" textAnchor="end" className="tick">
              {formatCompact(t)}
            </text>
          </g>
        ))}
        {bins.map((bin, i) => {
          const h = innerH - y(bin.count);
          return (
            <g key={i}>
              <rect
                x={i * band + gap / 2}
                y={y(bin.count)}
                width={Math.max(1, band - gap)}
                height={Math.max(0, h)}
                className="bar"
              >
                <title>
                  {`${formatInt(bin.count)} tools with ${formatInt(Math.round(bin.lower))}–${formatInt(Math.round(bin.upper))} invocations`}
                </title>
              </rect>
              {bin.count > 0 && h > 14 && (
                <text x={i * band + band / 2} y={y(bin.count) + 12} textAnchor="middle" className="bar-label">
                  {bin.count}
                </text>
              )}
              {bin.count > 0 && h <= 14 && (
                <text x={i * band + band / 2} y={y(bin.count) - 3} textAnchor="middle" className="tick">
                  {bin.count}
                </text>
              )}
            </g>
          );
        })}
        <line x1={0} x2={innerW} y1={innerH} y2={innerH} className="axis" />
        {bins.map((bin, i) => (
          <text key={`x${i}`} x={i * band} y={innerH + 14} textAnchor="middle" className="tick">
            {edgeLabel(bin.lower)}
          </text>
        ))}
        <text x={innerW} y={innerH + 14} textAnchor="middle" className="tick">
          {edgeLabel(bins[bins.length - 1]?.upper ?? 0)}
        </text>
        <text x={innerW / 2} y={innerH + 32} textAnchor="middle" className="axis-title">
          invocation count (log-spaced bins)
        </text>
        <text transform={`translate(${-34},${innerH / 2}) rotate(-90)`} textAnchor="middle" className="axis-title">
          tools
        </text>
      </g>
    </svg>
  );
}
