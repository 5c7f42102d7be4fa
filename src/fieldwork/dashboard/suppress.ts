/**
 * Small cells: a count of respondents below the threshold (but above zero) is not shown, so no
 * one in a small stratum or on a rarely reached page can be picked out. When a column adds up
 * to a total shown elsewhere (the overall counts), one hidden cell could be worked out by
 * subtraction; then the smallest other non-zero cell is hidden as well (complementary
 * suppression, as statistical offices do for frequency tables). It is shown as "x", not as
 * "< 5", since it is not small.
 */

/** A count as published: the number, a small count ("fewer than `threshold`"), or a complementary hidden one. */
export type Cell = number | { readonly hidden: 'small' | 'complement'; readonly threshold: number };

export function isSuppressed(c: Cell): c is Exclude<Cell, number> {
  return typeof c !== 'number';
}

/** `12`, `< 5` for a small count, `x` for a count hidden so that a small one cannot be derived. */
export function cellText(c: Cell): string {
  if (typeof c === 'number') return String(c);
  return c.hidden === 'small' ? `< ${c.threshold}` : 'x';
}

/** The cells of one column, with small counts (and, when needed, a complementary one) hidden. */
export function suppressColumn(counts: readonly number[], threshold: number): Cell[] {
  const small = new Set<number>();
  counts.forEach((n, i) => {
    if (n > 0 && n < threshold) small.add(i);
  });
  let complement = -1;
  if (small.size === 1) {
    counts.forEach((n, i) => {
      if (!small.has(i) && n > 0 && (complement === -1 || n < counts[complement])) complement = i;
    });
  }
  return counts.map((n, i) => {
    if (small.has(i)) return { hidden: 'small', threshold };
    if (i === complement) return { hidden: 'complement', threshold };
    return n;
  });
}
