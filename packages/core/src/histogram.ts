/**
 * Fixed-range histograms for calibration reports (weight distributions).
 *
 * `bins` equal-width bins between `min` and `max`: bin i covers
 * [edges[i], edges[i+1]) and the last bin also includes `max` (numpy.histogram's
 * convention). Values below `min` / above `max` are counted in `below` / `above`,
 * NaN values in `nan`; none of those land in a bin.
 */
export interface Histogram {
  readonly min: number;
  readonly max: number;
  /** bins + 1 edges, edges[0] = min, edges[bins] = max. */
  readonly edges: number[];
  readonly counts: number[];
  readonly below: number;
  readonly above: number;
  readonly nan: number;
}

function checkRange(bins: number, min: number, max: number): void {
  if (!Number.isSafeInteger(bins) || bins < 1) {
    throw new RangeError(`histogram: bins must be a positive integer, got ${String(bins)}`);
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) {
    throw new RangeError(`histogram: need finite min < max, got [${String(min)}, ${String(max)}]`);
  }
}

/**
 * Streaming histogram: `add` values one at a time, then `result()`. Used by
 * `histogram` and by `calibrate`, which fills several in one pass.
 */
export class HistogramAccumulator {
  private readonly counts: Float64Array;
  private readonly scale: number;
  private below = 0;
  private above = 0;
  private nan = 0;

  constructor(
    readonly bins: number,
    readonly min: number,
    readonly max: number,
  ) {
    checkRange(bins, min, max);
    this.counts = new Float64Array(bins);
    this.scale = bins / (max - min);
  }

  add(value: number): void {
    if (value >= this.min && value <= this.max) {
      const bin = Math.floor((value - this.min) * this.scale);
      this.counts[bin < this.bins ? bin : this.bins - 1]! += 1;
    } else if (value < this.min) this.below += 1;
    else if (value > this.max) this.above += 1;
    else this.nan += 1;
  }

  result(): Histogram {
    const edges = new Array<number>(this.bins + 1);
    const width = (this.max - this.min) / this.bins;
    for (let i = 0; i < this.bins; i++) edges[i] = this.min + i * width;
    edges[this.bins] = this.max;
    return {
      min: this.min,
      max: this.max,
      edges,
      counts: Array.from(this.counts),
      below: this.below,
      above: this.above,
      nan: this.nan,
    };
  }
}

/** Histogram of `values` over `bins` equal-width bins in [min, max]. */
export function histogram(values: ArrayLike<number>, bins: number, min: number, max: number): Histogram {
  const acc = new HistogramAccumulator(bins, min, max);
  for (let i = 0; i < values.length; i++) acc.add(values[i] as number);
  return acc.result();
}
