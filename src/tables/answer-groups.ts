/**
 * Answer categories of a table after collapsing and excluding special answers, and their
 * column heads.
 */
import type { CategorySpec, CollapseGroupSpec } from '../spec/schema.js';
import type { ResolvedOptions } from './context.js';
import type { ColumnHead } from './model.js';

export interface AnswerGroup {
  readonly label: string;
  readonly codes: ReadonlySet<number>;
  readonly special?: CategorySpec['special'];
}

export interface GroupDefaults {
  /** Drop N.v.t. from the base unless the table says otherwise. */
  readonly excludeNotApplicable: boolean;
  /** Collapse applied unless the table gives its own. */
  readonly collapse?: readonly CollapseGroupSpec[] | null;
  readonly reverse?: boolean;
}

/**
 * Columns (or rows) of a categorical variable: categories or collapse groups, without the
 * excluded special answers, reversed for disagree-first scales (special answers stay last).
 */
export function answerGroups(cats: readonly CategorySpec[], o: ResolvedOptions, d: GroupDefaults): AnswerGroup[] {
  const excludeNA = o.excludeNotApplicable ?? d.excludeNotApplicable;
  const excluded = new Set<number>();
  for (const c of cats) {
    if (c.special === 'notApplicable' && excludeNA) excluded.add(c.code);
    if (c.special === 'dontKnow' && !o.showDontKnow) excluded.add(c.code);
  }
  const collapse = o.collapse ?? d.collapse ?? null;
  let groups: AnswerGroup[];
  if (collapse) {
    const covered = new Set<number>();
    groups = collapse
      .map((g) => {
        g.codes.forEach((c) => covered.add(c));
        return { label: g.label, codes: new Set(g.codes.filter((c) => !excluded.has(c))), special: g.special };
      })
      .filter((g) => g.codes.size > 0);
    for (const c of cats) if (!covered.has(c.code) && !excluded.has(c.code)) groups.push({ label: c.label, codes: new Set([c.code]), special: c.special });
  } else {
    groups = cats.filter((c) => !excluded.has(c.code)).map((c) => ({ label: c.label, codes: new Set([c.code]), special: c.special }));
  }
  if (o.reverse || d.reverse) {
    const plain = groups.filter((g) => g.special === undefined || g.special === 'other');
    const special = groups.filter((g) => !(g.special === undefined || g.special === 'other'));
    groups = [...plain.reverse(), ...special];
  }
  return groups;
}

export function codesOf(groups: readonly AnswerGroup[]): Set<number> {
  const s = new Set<number>();
  for (const g of groups) for (const c of g.codes) s.add(c);
  return s;
}

/** Column heads of answer groups. */
export function groupColumns(groups: readonly AnswerGroup[], group?: string, n?: number): ColumnHead[] {
  return groups.map((g) => ({ label: g.label, ...(group !== undefined ? { group } : {}), ...(n !== undefined ? { n } : {}) }));
}
