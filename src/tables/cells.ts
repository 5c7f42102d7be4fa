/**
 * Cell constructors: every numeric cell carries estimate, SE, CI, n and weighted N from the
 * estimator, plus `shown` rounded by the table's convention and the disclosure flags.
 */
import type { Cell, CellFlag } from './model.js';
import type { Estimate } from './estimator.js';
import { proportionInterval, type ShareInterval } from './proportion-interval.js';
import { largestRemainder, roundHalfUp, wholePercent } from './rounding.js';

export interface CellRules {
  readonly minBase: number;
  readonly rounding: 'whole' | 'largestRemainder';
  /** Bases from minBase up to below this are flagged lowBase; 0 = off. */
  readonly lowBase?: number;
  /** Interval of a share (default logit). */
  readonly interval?: ShareInterval;
}

function baseFlags(n: number, rules: CellRules): CellFlag[] {
  return rules.lowBase !== undefined && n < rules.lowBase ? ['lowBase'] : [];
}

export function textCell(text: string, flags: readonly CellFlag[] = []): Cell {
  return { format: 'text', estimate: null, shown: null, decimals: 0, se: null, ci: null, n: null, weightedN: null, flags, text };
}

export function emptyCell(flags: readonly CellFlag[] = ['notEstimable']): Cell {
  return { format: 'percent', estimate: null, shown: null, decimals: 0, se: null, ci: null, n: 0, weightedN: 0, flags };
}

/** A cell whose base is under the disclosure minimum: nothing but the flag and the base. */
export function suppressedCell(format: Cell['format'], n: number): Cell {
  return { format, estimate: null, shown: null, decimals: format === 'mean' ? 1 : 0, se: null, ci: null, n, weightedN: null, flags: ['suppressed'] };
}

export function countCell(count: number, weighted: number | null = null): Cell {
  return { format: 'count', estimate: count, shown: count, decimals: 0, se: null, ci: null, n: count, weightedN: weighted, flags: [] };
}

/** A number printed as given (population counts, published figures). */
export function numberCell(value: number, decimals = 0, flags: readonly CellFlag[] = []): Cell {
  return { format: 'number', estimate: value, shown: roundHalfUp(value, decimals), decimals, se: null, ci: null, n: null, weightedN: null, flags };
}

/**
 * Percent cells for a set of shares over one base (a row of a grid, a column of a
 * frequency table). `sumsToOne` marks sets of exclusive categories: only those get
 * largest-remainder rounding. A base under the minimum suppresses the whole set.
 */
export function shareCells(estimates: readonly (Estimate | null)[], rules: CellRules, sumsToOne: boolean): Cell[] {
  const n = estimates.find((e) => e !== null)?.n ?? 0;
  if (n === 0) return estimates.map(() => emptyCell());
  if (n < rules.minBase) return estimates.map(() => suppressedCell('percent', n));
  // an estimate that cannot be computed (e.g. zero weights in the domain) prints nothing
  const ests = estimates.map((e) => (e === null || !Number.isFinite(e.estimate) ? null : e));
  const p = ests.map((e) => (e === null ? null : e.estimate));
  const shown = rules.rounding === 'largestRemainder' && sumsToOne ? largestRemainder(p) : p.map((x) => (x === null ? null : wholePercent(x)));
  return ests.map((e, i) =>
    e === null
      ? emptyCell()
      : { format: 'percent', estimate: e.estimate, shown: shown[i], decimals: 0, se: e.se, ci: proportionInterval(e, rules.interval), n: e.n, weightedN: e.weightedN, flags: baseFlags(n, rules) },
  );
}

/** One share (an item of an item-share list, a trend row). */
export function shareCell(e: Estimate | null, rules: CellRules): Cell {
  return shareCells([e], rules, false)[0];
}

/** A mean with one decimal ("6,5"); `asPercent` for means of percentages 0–100 shown whole with "%". */
export function meanCell(e: Estimate | null, rules: CellRules, decimals = 1, asPercent = false): Cell {
  if (e === null || e.n === 0 || Number.isNaN(e.estimate)) return { ...emptyCell(), format: asPercent ? 'percent' : 'mean', decimals };
  if (e.n < rules.minBase) return suppressedCell(asPercent ? 'percent' : 'mean', e.n);
  if (asPercent) {
    // A mean of percentages is a share too: its interval on the logit scale stays inside 0–100%.
    const share = { estimate: e.estimate / 100, se: e.se / 100, df: e.df };
    return { format: 'percent', estimate: share.estimate, shown: roundHalfUp(e.estimate, decimals), decimals, se: share.se, ci: proportionInterval(share, rules.interval), n: e.n, weightedN: e.weightedN, flags: baseFlags(e.n, rules) };
  }
  return { format: 'mean', estimate: e.estimate, shown: roundHalfUp(e.estimate, decimals), decimals, se: e.se, ci: e.ci, n: e.n, weightedN: e.weightedN, flags: baseFlags(e.n, rules) };
}

/** A "Totaal 100%" cell: the shares of exclusive categories over one base sum to 1 by construction. */
export function totalCell(n: number, weightedN: number | null, rules: CellRules): Cell {
  if (n === 0) return emptyCell();
  if (n < rules.minBase) return suppressedCell('percent', n);
  return { format: 'percent', estimate: 1, shown: 100, decimals: 0, se: 0, ci: null, n, weightedN, flags: [] };
}

/** Add the significance mark and flag to a cell. */
export function marked(c: Cell, mark: string): Cell {
  return { ...c, mark, flags: [...c.flags, 'significant'] };
}

export function hasSuppressed(cells: readonly Cell[]): boolean {
  return cells.some((c) => c.flags.includes('suppressed'));
}
