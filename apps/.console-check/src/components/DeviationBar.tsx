/**
 * toolCount vs target as a bar from the centre line: deviation (count - target) / target,
 * drawn over ±50% with the ±20% "ok" band shaded.
 */
export function DeviationBar({ count, target, tolerance = 0.2 }: { count: number; target: number; tolerance?: number }) {
  const deviation = target > 0 ? (count - target) / target : count > 0 ? 1 : 0;
  const range = 0.5;
  const clamped = Math.max(-range, Math.min(range, deviation));
  const half = 50; // percent of the track
  const left = clamped < 0 ? half + (clamped / range) * half : half;
  const width = Math.abs(clamped / range) * half;
  const ok = Math.abs(deviation) <= tolerance + 1e-9;
  const bandLeft = half - (tolerance / range) * half;
  const bandWidth = (tolerance / range) * half * 2;
  const percent = Math.round(deviation * 100);
  const sign = percent > 0 ? "+" : "";
  return (
    <span className="deviation" title={`${count} of target ${target} (${sign}${(deviation * 100).toFixed(0)}%)`}>
      <span className="deviation-track">
        <span className="deviation-band" style={{ left: `${bandLeft}%`, width: `${bandWidth}%` }} />
        <span className="deviation-center" />
        <span className={`deviation-fill ${ok ? "ok" : "off"}`} style={{ left: `${left}%`, width: `${Math.max(width, 0.8)}%` }} />
      </span>
      <span className={`deviation-text ${ok ? "ok-text" : "warn-text"}`}>
        {sign}
        {percent}% {ok ? "ok" : deviation > 0 ? "over" : "under"}
      </span>
    </span>
  );
}
