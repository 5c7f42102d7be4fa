/**
 * Notes that say which of two compared groups is higher ("* Significant verschil (p<.05) tussen
 * kleine en grote gemeenten: hoger bij grote gemeenten"), for tests with a direction: a share or
 * a mean compared between exactly two groups. A test across more groups or of a whole
 * distribution (Rao–Scott over several categories) has no direction and keeps the plain note.
 */
import type { BuildInput, GroupDomain } from './shared.js';
import type { PendingTest } from './significance.js';

/** Sign of second − first, or undefined when either is missing or they are equal. */
export function directionOf(first: number | null | undefined, second: number | null | undefined): 1 | -1 | undefined {
  if (first === null || first === undefined || second === null || second === undefined || !Number.isFinite(first) || !Number.isFinite(second) || first === second) return undefined;
  return second > first ? 1 : -1;
}

/**
 * The significance notes of a table comparing two groups; `labelOf` names the row (or category)
 * a test belongs to, read when the note is made (after the spec's own labels replaced them).
 * Falls back to the plain note when a significant test has no direction or more groups are compared.
 */
export function groupDirectionNotes(input: BuildInput, compared: readonly GroupDomain[], between: string, labelOf: (t: PendingTest) => string): (significant: readonly PendingTest[]) => string[] {
  const { ctx, o } = input;
  return (significant) => {
    if (compared.length !== 2 || significant.some((t) => t.direction === undefined)) {
      return [o.bh ? ctx.texts.significantBh(o.level, between, o.mark) : ctx.texts.significantBetween(o.level, between, o.mark)];
    }
    const group = (g: GroupDomain): string => g.label.charAt(0).toLowerCase() + g.label.slice(1);
    const strip = (l: string): string => (l.endsWith(o.mark) ? l.slice(0, -o.mark.length) : l);
    const parts = [-1, 1]
      .map((d) => ({ group: group(d === 1 ? compared[1] : compared[0]), rows: significant.filter((t) => t.direction === d).map((t) => strip(labelOf(t))) }))
      .filter((p) => p.rows.length > 0);
    return [ctx.texts.groupDirection(o.mark, o.level, o.bh, between, parts.length === 1 ? [{ group: parts[0].group, rows: null }] : parts)];
  };
}
