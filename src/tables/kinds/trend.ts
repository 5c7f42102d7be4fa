/**
 * T12 Trend table across waves [TR]: rows = items (share agreeing, share mentioning, a mean,
 * a share ≤ max) or the categories of one question (distribution trend); columns = waves.
 * A wave's cell comes from its microdata or from its published aggregate; a wave that did
 * not ask the item prints "Niet gevraagd". The latest wave is tested against the previous
 * one per row (trend-test.ts).
 *
 * SE of a published aggregate: a published percentage p with base n implies, under simple
 * random sampling, the unbiased variance estimate v(p) = p(1 − p)/(n − 1) (Cochran 1977, §3.2,
 * without the finite population correction), which is what R svymean gives for an SRS of n with
 * share p; a weighted or clustered survey has a larger variance, by its design effect deff (Kish
 * 1965, §8.2), so se = √(deff · p(1 − p)/(n − 1)) with the deff the spec gives for the wave or
 * the table (`designEffect`), else 1 and a note says so. Checked against R survey in
 * test/fixtures/tables/wave-test.R. A published mean carries no SE, so a mean is not tested
 * against a published wave (a note says so).
 */
import type { PublishedTableSpec, RowSpec } from '../../spec/schema.js';
import { meanCell, shareCell, shareCells, textCell } from '../cells.js';
import type { WaveData } from '../context.js';
import { allRows, hasVariable, indicator, valuesOf } from '../domain.js';
import type { Cell } from '../model.js';
import { roundHalfUp } from '../rounding.js';
import {
  answerGroups,
  baseMask,
  categoriesOf,
  codesOf,
  distribution,
  finish,
  questionInfo,
  questions,
  rules,
  tableError,
  type BuildInput,
  type Builder,
  type DraftRow,
} from '../shared.js';
import { optionIndicator } from './multiple-response.js';
import { waveTest, type CellStat } from './trend-test.js';

interface TrendRow {
  readonly key: string;
  readonly label: string;
  readonly spec: RowSpec | null;
  /** Category codes for a distribution trend row. */
  readonly codes?: ReadonlySet<number>;
}

export const trend: Builder = (input) => {
  const { ctx, o, t } = input;
  const years = o.waves ?? ctx.waves.map((w) => w.year);
  const waves = years.map((y) => {
    const w = ctx.waves.find((x) => x.year === y);
    if (!w) throw tableError(input, `unknown wave ${y}`, 'options');
    return w;
  });
  const distributionMode = !(t.rows && t.rows.length > 0);
  let rows: TrendRow[];
  if (!distributionMode) {
    rows = t.rows!.map((r) => ({ key: r.key ?? r.variable ?? r.question ?? r.label, label: r.label, spec: r }));
  } else {
    const q = questions(input)[0];
    const groups = answerGroups(categoriesOf(input, q), o, { excludeNotApplicable: false });
    rows = groups.map((g) => ({ key: [...g.codes].join('+'), label: g.label, spec: null, codes: g.codes }));
  }

  const grid: CellStat[][] = rows.map(() => []);
  for (const w of waves) {
    const col = w.published[t.id] !== undefined && (w.data === null || !microdataCovers(input, w, rows)) ? publishedColumn(input, w, w.published[t.id], rows) : microColumn(input, w, rows, distributionMode);
    col.forEach((c, ri) => grid[ri].push(c));
  }

  const draft: DraftRow[] = rows.map((r, ri) => ({ label: r.label, role: 'data', cells: grid[ri].map((c) => c.cell) }));
  const test = o.waveTest && waves.length >= 2 ? waveTest(input, waves, grid, draft) : null;
  return finish(input, {
    columns: waves.map((w) => ({ label: w.spec.label ?? String(w.year) })),
    rows: draft,
    nBase: null,
    chart: 'line',
    ...(test === null ? {} : { tests: test.tests, significanceNotes: test.significanceNotes, testNotes: test.testNotes }),
    between: `${waves[waves.length - 2]?.year ?? ''} ${ctx.texts.and} ${waves[waves.length - 1].year}`,
  });
};

/** True when the wave's microdata has every row's variable (else published figures are used). */
function microdataCovers(input: BuildInput, w: WaveData, rows: readonly TrendRow[]): boolean {
  return rows.every((r) => r.spec === null || hasVariable(input.ctx, w, r.spec.variable ?? r.spec.question ?? ''));
}

function notAsked(input: BuildInput): CellStat {
  return { cell: textCell(input.ctx.texts.notAsked, ['notAsked']), test: null };
}

function publishedColumn(input: BuildInput, w: WaveData, pub: PublishedTableSpec, rows: readonly TrendRow[]): CellStat[] {
  const deff = pub.designEffect ?? w.spec.designEffect ?? null;
  return rows.map((r) => {
    const v = pub.rows[r.key];
    if (v === undefined || v === 'notAsked') return notAsked(input);
    const value = typeof v === 'number' ? v : v.value;
    const n = typeof v === 'number' ? (pub.n ?? null) : (v.n ?? pub.n ?? null);
    if (r.spec?.stat === 'mean') {
      return {
        cell: { format: 'mean', estimate: value, shown: roundHalfUp(value, 1), decimals: 1, se: null, ci: null, n, weightedN: null, flags: ['published'] },
        test: null,
        untested: 'noSE',
      };
    }
    const p = value / 100;
    const se = n !== null && n >= 2 ? Math.sqrt(((deff ?? 1) * p * (1 - p)) / (n - 1)) : null;
    const cell: Cell = { format: 'percent', estimate: p, shown: roundHalfUp(value, 0), decimals: 0, se, ci: null, n, weightedN: null, flags: ['published'] };
    // an SRS of n: n − 1 degrees of freedom
    if (se === null || n === null) return { cell, test: null, untested: 'noN' };
    return { cell, test: { estimate: p, se, df: n - 1 }, publishedDesignEffect: deff };
  });
}

function askedInWave(input: BuildInput, w: WaveData, name: string): boolean {
  const q = input.ctx.catalog.questions.get(input.ctx.catalog.variables.get(name)?.owner ?? name);
  if (q?.waves && !q.waves.includes(w.year)) return false;
  return hasVariable(input.ctx, w, name);
}

function microColumn(input: BuildInput, w: WaveData, rows: readonly TrendRow[], distributionMode: boolean): CellStat[] {
  if (w.data === null || w.estimator === null) return rows.map(() => notAsked(input));
  const r = rules(input.o);
  if (distributionMode) {
    const q = questions(input)[0];
    if (!askedInWave(input, w, q.variables[0])) return rows.map(() => notAsked(input));
    const groups = rows.map((row) => ({ label: row.label, codes: row.codes! }));
    const d = distribution(input, w, q.variables[0], groups, allRows(w));
    const cells = shareCells(d.ests, r, true);
    return cells.map((c, i) => ({ cell: c, test: c.estimate === null ? null : { estimate: d.ests[i].estimate, se: d.ests[i].se, df: d.ests[i].df } }));
  }
  return rows.map((row) => {
    const spec = row.spec!;
    const name = spec.variable ?? spec.question!;
    if (!askedInWave(input, w, name)) return notAsked(input);
    const q = questionInfo(input, spec.question ?? name);
    const variable = spec.variable ?? q.variables[0];
    const values = valuesOf(input.ctx, w, variable);
    const stat = spec.stat ?? 'share';
    if (stat === 'mean') {
      const base = baseMask(input, w, variable, allRows(w), meanCodes(input, q));
      const e = w.estimator!.mean(values, base);
      const cell = meanCell(e.n === 0 ? null : e, r);
      return { cell, test: cell.estimate === null ? null : { estimate: e.estimate, se: e.se, df: e.df } };
    }
    let base: Uint8Array;
    let ind: Float64Array;
    if (stat === 'shareAtMost') {
      base = baseMask(input, w, variable, allRows(w), meanCodes(input, q));
      const max = spec.max ?? input.o.insufficientMax;
      ind = new Float64Array(values.length);
      for (let i = 0; i < ind.length; i++) ind[i] = base[i] === 0 ? NaN : values[i] <= max ? 1 : 0;
    } else if (q.type === 'multiple' || (q.categories === null && q.type !== 'rating')) {
      base = baseMask(input, w, variable, allRows(w));
      ind = optionIndicator(values, base);
    } else {
      const cats = categoriesOf(input, q);
      base = baseMask(input, w, variable, allRows(w), codesOf(answerGroups(cats, input.o, { excludeNotApplicable: false })));
      ind = indicator(values, new Set(spec.codes ?? input.o.target ?? [cats[0].code]), base);
    }
    let n = 0;
    for (let i = 0; i < base.length; i++) n += base[i];
    if (n === 0) return { cell: shareCell(null, r), test: null };
    const e = w.estimator!.proportion(ind, base);
    const cell = shareCell(e, r);
    return { cell, test: cell.estimate === null ? null : { estimate: e.estimate, se: e.se, df: e.df } };
  });
}

/** Codes that count for a mean: a rating's range, or all non-special categories. */
function meanCodes(input: BuildInput, q: ReturnType<typeof questionInfo>): ReadonlySet<number> | undefined {
  if (q.categories && q.categories.length > 0) return new Set(q.categories.filter((c) => c.special === undefined).map((c) => c.code));
  if (q.type === 'rating') {
    const [lo, hi] = q.range ?? [1, 10];
    const s = new Set<number>();
    for (let c = lo; c <= hi; c++) s.add(c);
    return s;
  }
  return undefined;
}

export { meanCodes };
