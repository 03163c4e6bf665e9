/**
 * Impression labels (docs/definitions.md, "Labels" and "System-side
 * calibration"). One place for each rule; calibration.ts builds on these.
 */

/** One generated suggestion of an impression (the paper's Q_r has K of them). */
export interface SuggestionOutcome {
  /** The enabled SysToolkit tool this suggestion invokes, already resolved (logged toolId, else the matcher); null for a general query. */
  readonly toolId: string | null;
  /** Shown to the user (part of the paper's Q'_r). */
  readonly exposed: boolean;
  /** Clicked by the user. Only an exposed suggestion counts as clicked. */
  readonly clicked: boolean;
}

/** A suggestion counts as clicked only if it was also exposed. */
export function isClicked(suggestion: SuggestionOutcome): boolean {
  return suggestion.exposed && suggestion.clicked;
}

/** A suggestion is tool-invoking iff it resolves to an enabled SysToolkit tool. */
export function isToolInvokingSuggestion(
  suggestion: SuggestionOutcome,
): suggestion is SuggestionOutcome & { readonly toolId: string } {
  return suggestion.toolId !== null;
}

/**
 * Desirable (Q_r^+) iff at least one exposed suggestion was clicked; otherwise
 * undesirable (Q_r^-).
 */
export function isDesirable(suggestions: readonly SuggestionOutcome[]): boolean {
  for (let i = 0; i < suggestions.length; i++) {
    if (isClicked(suggestions[i] as SuggestionOutcome)) return true;
  }
  return false;
}

/**
 * Whether a suggestion is evidence for the impression being tool-invoking: for a
 * desirable impression the clicked suggestions count, for an undesirable one the
 * exposed suggestions count.
 */
export function countsTowardToolInvoking(suggestion: SuggestionOutcome, desirable: boolean): boolean {
  return desirable ? isClicked(suggestion) : suggestion.exposed;
}

/**
 * An impression is tool-invoking iff, desirable: at least one clicked suggestion is
 * tool-invoking; undesirable: at least one exposed suggestion is tool-invoking.
 */
export function impressionToolInvoking(
  suggestions: readonly SuggestionOutcome[],
  desirable: boolean = isDesirable(suggestions),
): boolean {
  for (let i = 0; i < suggestions.length; i++) {
    const s = suggestions[i] as SuggestionOutcome;
    if (isToolInvokingSuggestion(s) && countsTowardToolInvoking(s, desirable)) return true;
  }
  return false;
}

export interface DecidingTool {
  readonly toolId: string;
  /** The tool's frequency percentile p (Eq. 7). */
  readonly p: number;
}

/**
 * The tool that decides an impression's p (Eq. 7): among the suggestions that count
 * toward tool-invoking (clicked ones if desirable, exposed ones if undesirable), the
 * tool-invoking one with the largest p; the first in generated order wins a tie.
 * Returns null iff the impression is not tool-invoking. `percentileOf` must return
 * a number for every tool id that occurs.
 */
export function decidingTool(
  suggestions: readonly SuggestionOutcome[],
  desirable: boolean,
  percentileOf: (toolId: string) => number,
): DecidingTool | null {
  let bestId: string | null = null;
  let bestP = -Infinity;
  for (let i = 0; i < suggestions.length; i++) {
    const s = suggestions[i] as SuggestionOutcome;
    if (!isToolInvokingSuggestion(s) || !countsTowardToolInvoking(s, desirable)) continue;
    const p = percentileOf(s.toolId);
    if (bestId === null || p > bestP) {
      bestId = s.toolId;
      bestP = p;
    }
  }
  return bestId === null ? null : { toolId: bestId, p: bestP };
}
