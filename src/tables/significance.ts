/**
 * Significance marking. Tests come from the estimator (Rao–Scott, t-test) or from
 * TestFunctions (independent waves, Benjamini–Hochberg); here they are only collected,
 * optionally adjusted over the table, compared with the level and turned into marks and a note.
 */
import type { StudyContext } from './context.js';
import type { ResolvedOptions } from './context.js';

export interface PendingTest {
  readonly p: number;
  /** Called when the test is significant. */
  readonly apply: () => void;
  /** Sign of the difference (later/second minus earlier/first), for a note that says which is higher. */
  readonly direction?: 1 | -1;
}

export interface Decision {
  readonly significant: number;
  readonly tested: number;
  /** The tests found significant (after adjustment), in the order given. */
  readonly significantTests: readonly PendingTest[];
}

/** Decide all tests of one table: BH-adjusted when the table asks for it. */
export function decide(ctx: StudyContext, tests: readonly PendingTest[], o: ResolvedOptions): Decision {
  const valid = tests.filter((t) => Number.isFinite(t.p));
  if (valid.length === 0) return { significant: 0, tested: 0, significantTests: [] };
  const p = o.bh ? ctx.tests.benjaminiHochberg(valid.map((t) => t.p)) : valid.map((t) => t.p);
  const significantTests: PendingTest[] = [];
  valid.forEach((t, i) => {
    if (p[i] < o.level) {
      t.apply();
      significantTests.push(t);
    }
  });
  return { significant: significantTests.length, tested: valid.length, significantTests };
}

/** The note under a table with significance marks. */
export function significanceNote(ctx: StudyContext, o: ResolvedOptions, between: string): string {
  if (o.significanceNote !== undefined) return o.significanceNote;
  return o.bh ? ctx.texts.significantBh(o.level, between, o.mark) : ctx.texts.significantBetween(o.level, between, o.mark);
}
