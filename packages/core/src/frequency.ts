/**
 * Normalised frequency percentile `p` of a tool (the p of Eq. 7).
 *
 * p(tool) = (number of enabled tools whose invocationCount is strictly less than
 * this tool's) / (n - 1), n = number of enabled tools; n = 1 gives p = 1.
 * Ties share a p. Callers pass only enabled tools, with counts snapshotted when
 * the dataset is built (docs/definitions.md, "System-side calibration").
 */

export interface ToolInvocationCount {
  readonly id: string;
  readonly invocationCount: number;
}

/** Number of entries of an ascending array strictly less than `value` (lower bound). */
function countStrictlyLess(sortedCounts: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sortedCounts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sortedCounts[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function assertCount(count: number, what: string): void {
  if (!Number.isFinite(count)) {
    throw new RangeError(`${what}: invocationCount must be a finite number, got ${String(count)}`);
  }
}

/** The enabled tools' invocation counts in ascending order, for `frequencyPercentile`. */
export function sortedInvocationCounts(tools: readonly ToolInvocationCount[]): Float64Array {
  const counts = new Float64Array(tools.length);
  for (let i = 0; i < tools.length; i++) {
    const count = (tools[i] as ToolInvocationCount).invocationCount;
    assertCount(count, `tools[${i}]`);
    counts[i] = count;
  }
  return counts.sort(); // typed-array sort is numeric
}

/**
 * p for one tool (Eq. 7's p) whose count is `count`, given all enabled tools' counts
 * in ascending order (`sortedInvocationCounts`). O(log n). `count` is expected to
 * be one of `sortedCounts`; the result is clamped to [0, 1] otherwise.
 */
export function frequencyPercentile(count: number, sortedCounts: ArrayLike<number>): number {
  assertCount(count, "count");
  const n = sortedCounts.length;
  if (n === 0) throw new RangeError("frequencyPercentile: sortedCounts is empty (no enabled tools)");
  if (n === 1) return 1;
  return Math.min(1, countStrictlyLess(sortedCounts, count) / (n - 1));
}

/**
 * p for every enabled tool (Eq. 7's p), keyed by tool id. O(n log n): one sort, then
 * one binary search per tool. Throws on a duplicate id or a non-finite count.
 */
export function frequencyPercentiles(tools: readonly ToolInvocationCount[]): Map<string, number> {
  const sorted = sortedInvocationCounts(tools);
  const n = tools.length;
  const percentiles = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const tool = tools[i] as ToolInvocationCount;
    if (percentiles.has(tool.id)) {
      throw new RangeError(`frequencyPercentiles: duplicate tool id "${tool.id}"`);
    }
    percentiles.set(tool.id, n === 1 ? 1 : countStrictlyLess(sorted, tool.invocationCount) / (n - 1));
  }
  return percentiles;
}
