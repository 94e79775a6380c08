import { type SuggestionMethod, suggestionMethods } from '@anneal/core';

export type Suggestions = Record<SuggestionMethod, number | null>;

/** Spreads above this (largest / smallest suggestion over the runs) earn a warning. */
export const untrustedSpread = 10;

/**
 * The median of positive rates; for an even count the geometric mean of the middle two,
 * since rates live on a log scale (the median of 1e-4 and 1e-2 is 1e-3).
 */
export function medianRate(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : Math.sqrt((sorted[mid - 1] as number) * (sorted[mid] as number));
}

/**
 * Each method's median suggestion over the runs, its spread (largest / smallest; 1 for
 * one run; null when no run had a suggestion), and a warning for a spread above 10×.
 */
export function robustSuggestions(runs: readonly Suggestions[]): { suggestions: Suggestions; spread: Suggestions; warnings: string[] } {
  const suggestions = {} as Suggestions;
  const spread = {} as Suggestions;
  const warnings: string[] = [];
  for (const method of suggestionMethods) {
    const values = runs.map((run) => run[method]).filter((v): v is number => v !== null);
    if (values.length === 0) {
      suggestions[method] = null;
      spread[method] = null;
      continue;
    }
    const low = Math.min(...values);
    const high = Math.max(...values);
    suggestions[method] = medianRate(values);
    spread[method] = high / low;
    if (high / low > untrustedSpread) {
      warnings.push(
        `${method}: the ${values.length} runs suggest ${low.toExponential(2)} to ${high.toExponential(2)}, ` +
          `a spread of ${(high / low).toFixed(1)}× (> ${untrustedSpread}×): this suggestion is not to be trusted on this model`,
      );
    }
  }
  return { suggestions, spread, warnings };
}
