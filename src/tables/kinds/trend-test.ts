/**
 * The wave test of a trend table: per row, the latest wave against the previous one as
 * independent samples, t = (θ₁ − θ₀) / √(se₁² + se₀²) with Welch–Satterthwaite df
 * (src/estimate waveDifference). Its notes say the direction ("Significant hoger dan in 2019"),
 * which rows could not be tested and why (a published figure without N, a published mean),
 * and how the SE of a published wave was made (SRS from p and N, with the design effect the
 * spec gives). Nothing here chooses an N or a design effect: both come from the spec or no
 * test is made.
 */
import type { Cell } from '../model.js';
import type { WaveData } from '../context.js';
import type { WaveStat } from '../estimator.js';
import { marked } from '../cells.js';
import type { PendingTest } from '../significance.js';
import type { BuildInput, DraftRow } from '../shared.js';

export interface CellStat {
  readonly cell: Cell;
  /** Estimate and SE for the wave test (proportion 0–1 or mean), or null. */
  readonly test: WaveStat | null;
  /** A published figure shown but not testable: without N (noN) or a mean without SE (noSE). */
  readonly untested?: 'noN' | 'noSE';
  /** A published share with N: the design effect the spec gives for it, null when none is given. */
  readonly publishedDesignEffect?: number | null;
}

export interface WaveTest {
  readonly tests: PendingTest[];
  readonly significanceNotes: (significant: readonly PendingTest[]) => string[];
  readonly testNotes: () => string[];
}

/** Tests of the last column against the one before it; `grid[row][wave]`. */
export function waveTest(input: BuildInput, waves: readonly WaveData[], grid: readonly (readonly CellStat[])[], draft: DraftRow[]): WaveTest {
  const { ctx, o } = input;
  const last = waves.length - 1;
  const latest = String(waves[last].year);
  const previous = String(waves[last - 1].year);
  const tests: PendingTest[] = [];
  const rowOf = new Map<PendingTest, number>();
  const untested: { row: number; reason: 'noN' | 'noSE'; missing: string }[] = [];
  let comparable = 0;
  const published = new Map<string, { wave: string; designEffect: number | null }>();
  grid.forEach((cells, ri) => {
    const a = cells[last];
    const b = cells[last - 1];
    if (a.cell.shown === null || b.cell.shown === null) return; // nothing to compare (not asked, suppressed)
    comparable++;
    if (a.test === null || b.test === null || !(a.test.se > 0 || b.test.se > 0)) {
      const gap = b.untested !== undefined ? { reason: b.untested, missing: previous } : a.untested !== undefined ? { reason: a.untested, missing: latest } : null;
      if (gap) untested.push({ row: ri, ...gap });
      return;
    }
    [a, b].forEach((c, i) => {
      const wave = i === 0 ? latest : previous;
      if (c.publishedDesignEffect !== undefined) published.set(`${wave} ${c.publishedDesignEffect}`, { wave, designEffect: c.publishedDesignEffect });
    });
    const p = ctx.tests.independentDifference(a.test, b.test).p;
    const test: PendingTest = { p, direction: a.test.estimate >= b.test.estimate ? 1 : -1, apply: () => (draft[ri].cells[last] = marked(draft[ri].cells[last], o.mark)) };
    rowOf.set(test, ri);
    tests.push(test);
  });
  const label = (ri: number): string => draft[ri].label;
  return {
    tests,
    significanceNotes: (significant) => {
      const higher = significant.filter((t) => t.direction === 1).map((t) => label(rowOf.get(t)!));
      const lower = significant.filter((t) => t.direction === -1).map((t) => label(rowOf.get(t)!));
      if (lower.length === 0) return [ctx.texts.waveDirection(o.mark, o.level, o.bh, previous, 1)];
      if (higher.length === 0) return [ctx.texts.waveDirection(o.mark, o.level, o.bh, previous, -1)];
      return [ctx.texts.waveMixed(o.mark, o.level, o.bh, previous, higher, lower)];
    },
    testNotes: () => {
      const notes: string[] = [];
      // one note per reason; "all rows" when no comparable row was tested and one reason covers them
      const reasons = [...new Set(untested.map((u) => `${u.reason} ${u.missing}`))];
      for (const key of reasons) {
        const group = untested.filter((u) => `${u.reason} ${u.missing}` === key);
        const all = group.length === comparable;
        notes.push(ctx.texts.waveNotTested(previous, latest, group[0].missing, group[0].reason, all ? null : group.map((u) => label(u.row))));
      }
      for (const w of published.values()) notes.push(ctx.texts.wavePublishedSe(w.wave, w.designEffect));
      return notes;
    },
  };
}
