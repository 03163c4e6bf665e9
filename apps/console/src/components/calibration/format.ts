// Number formatting for calibration terms: fixed decimals for the equations, trimmed
// decimals for axis ticks, and the exact value for tooltips and data attributes.

/** A term with `digits` decimals (4 by default, as the API's `steps` lines). */
export function term(v: number | null | undefined, digits = 4): string {
  if (v == null) return "—";
  if (!Number.isFinite(v)) return String(v);
  return v.toFixed(digits);
}

/** A number with at most `digits` decimals, trailing zeros dropped (0.25, 3, 1.6664). */
export function short(v: number | null | undefined, digits = 4): string {
  if (v == null) return "—";
  if (!Number.isFinite(v)) return String(v);
  const fixed = v.toFixed(digits);
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

/** A share in [0, 1] as a percentage with one decimal. */
export function percent(v: number, digits = 1): string {
  return `${(v * 100).toFixed(digits)}%`;
}

/** The exact value, for title attributes and data-value. */
export function exact(v: number | null | undefined): string {
  return v == null ? "" : String(v);
}

/** Rounded tick values from 0 to at least max, about `count` of them. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0];
  const step = niceStep(max / count);
  const ticks: number[] = [];
  for (let i = 0; i * step <= max + step * 1e-9; i++) ticks.push(round(i * step, step));
  if ((ticks.at(-1) ?? 0) < max) ticks.push(round(ticks.length * step, step));
  return ticks;
}

/** Ticks inside [min, max] on a nice step (for the x axis). */
export function rangeTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const step = niceStep((max - min) / count);
  const first = Math.ceil(min / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(round(v, step));
  return ticks;
}

function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw - 1e-12) ?? raw;
}

function round(v: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(decimals));
}

/** ISO string → the value of an <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** An <input type="datetime-local"> value → ISO string (null when empty or invalid). */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
