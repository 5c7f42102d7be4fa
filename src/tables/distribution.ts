/**
 * Shares of answer groups over a domain (one or several subgroup domains at once), base masks,
 * and the "Niet gevraagd" cell.
 */
import type { WaveData } from './context.js';
import { and, askedMask, countMask, indicator, rowsOf, tableFilter, validMask, valuesOf } from './domain.js';
import type { Estimate } from './estimator.js';
import type { Cell } from './model.js';
import { codesOf, type AnswerGroup } from './answer-groups.js';
import { requireVariable, type BuildInput } from './input.js';
import type { GroupDomain } from './subgroups.js';

export interface Distribution {
  readonly ests: Estimate[];
  /** Unweighted base (asked ∧ answered one of the groups' codes ∧ domain). */
  readonly n: number;
  readonly weightedN: number;
  /** The base mask. */
  readonly base: Uint8Array;
}

/** Shares of each answer group of `variable` over `domain` ∧ asked ∧ valid. */
export function distribution(input: BuildInput, wave: WaveData, variable: string, groups: readonly AnswerGroup[], domain: Uint8Array): Distribution {
  requireVariable(input, wave, variable);
  const values = valuesOf(input.ctx, wave, variable);
  const base = and(domain, askedMask(input.ctx, wave, variable), tableFilter(input.ctx, wave, input.t.filter), validMask(values, codesOf(groups)));
  const n = countMask(base);
  if (n === 0) return { ests: groups.map(emptyEstimate), n, weightedN: 0, base };
  const est = wave.estimator!;
  const category = groupOfRow(values, groups, base);
  const ests = category === null ? est.proportions(groups.map((g) => indicator(values, g.codes, base)), base) : est.shares(category, groups.length, [rowsOf(base)])[0];
  return { ests, n, weightedN: ests[0]?.weightedN ?? 0, base };
}

/**
 * `distribution` for several domains (subgroup columns, a leading total): the answer group of
 * every row once, the disjoint subgroup domains in one pass over the data (svyby), the total
 * (or overlapping domains) in the same call on their own rows.
 */
export function distributions(input: BuildInput, wave: WaveData, variable: string, groups: readonly AnswerGroup[], domains: readonly GroupDomain[]): Distribution[] {
  requireVariable(input, wave, variable);
  const values = valuesOf(input.ctx, wave, variable);
  const base0 = and(askedMask(input.ctx, wave, variable), tableFilter(input.ctx, wave, input.t.filter), validMask(values, codesOf(groups)));
  const category = groupOfRow(values, groups, base0);
  if (category === null) return distributionsOfIndicators(input, wave, variable, groups, domains, values, base0);
  const plain = domains.filter((d) => !d.isTotal);
  const { g, overlap } = groupCodesOf(plain, values.length);
  const est = wave.estimator!;
  const byGroup = overlap || plain.length < 2 ? null : est.sharesBy(category, groups.length, unionWith(base0, g), g, plain.length);
  const bases = domains.map((d) => and(base0, d.mask));
  const own = domains.map((d, di) => (byGroup === null || d.isTotal ? di : -1)).filter((di) => di >= 0);
  const ownEsts = est.shares(category, groups.length, own.map((di) => rowsOf(bases[di])));
  return domains.map((d, di) => {
    const base = bases[di];
    const n = countMask(base);
    const ests = byGroup === null || d.isTotal ? ownEsts[own.indexOf(di)] : byGroup[plain.indexOf(d)];
    return { ests, n, weightedN: n === 0 ? 0 : ests[0].weightedN, base };
  });
}

/** The pre-single-pass route, for answer groups that share a code: one 0/1 indicator per group. */
function distributionsOfIndicators(input: BuildInput, wave: WaveData, variable: string, groups: readonly AnswerGroup[], domains: readonly GroupDomain[], values: Float64Array, base0: Uint8Array): Distribution[] {
  const plain = domains.filter((d) => !d.isTotal);
  const { g, overlap } = groupCodesOf(plain, values.length);
  if (overlap || plain.length < 2) return domains.map((d) => distribution(input, wave, variable, groups, d.mask));
  const union = unionWith(base0, g);
  const byGroup = wave.estimator!.proportionsBy(groups.map((gr) => indicator(values, gr.codes, union)), union, g, plain.length);
  return domains.map((d) => {
    if (d.isTotal) return distribution(input, wave, variable, groups, d.mask);
    const j = plain.indexOf(d);
    const base = and(base0, d.mask);
    const n = countMask(base);
    return { ests: byGroup[j], n, weightedN: n === 0 ? 0 : byGroup[j][0].weightedN, base };
  });
}

function emptyEstimate(): Estimate {
  return { estimate: NaN, se: NaN, ci: null, n: 0, weightedN: 0, df: NaN };
}

/** Answer group of each row of `base` (−1 elsewhere), or null when two groups share a code. */
function groupOfRow(values: Float64Array, groups: readonly AnswerGroup[], base: Uint8Array): Int32Array | null {
  const groupOfCode = new Map<number, number>();
  for (const [k, g] of groups.entries()) {
    for (const c of g.codes) {
      if (groupOfCode.has(c)) return null;
      groupOfCode.set(c, k);
    }
  }
  const out = new Int32Array(values.length).fill(-1);
  for (let i = 0; i < out.length; i++) if (base[i] === 1) out[i] = groupOfCode.get(values[i]) ?? -1;
  return out;
}

/** Subgroup number of each row (NaN in none), and whether the subgroups overlap. */
function groupCodesOf(plain: readonly GroupDomain[], nrow: number): { g: Float64Array; overlap: boolean } {
  const g = new Float64Array(nrow).fill(NaN);
  let overlap = false;
  plain.forEach((d, j) => {
    for (let i = 0; i < nrow; i++) {
      if (d.mask[i] === 1) {
        if (!Number.isNaN(g[i])) overlap = true;
        g[i] = j;
      }
    }
  });
  return { g, overlap };
}

/** Rows of `base` that are in some subgroup. */
function unionWith(base: Uint8Array, g: Float64Array): Uint8Array {
  const union = new Uint8Array(base.length);
  for (let i = 0; i < union.length; i++) union[i] = base[i] === 1 && !Number.isNaN(g[i]) ? 1 : 0;
  return union;
}

/** Base mask of a variable: domain ∧ asked ∧ table filter ∧ valid (optionally among codes). */
export function baseMask(input: BuildInput, wave: WaveData, variable: string, domain: Uint8Array, codes?: ReadonlySet<number>): Uint8Array {
  requireVariable(input, wave, variable);
  return and(domain, askedMask(input.ctx, wave, variable), tableFilter(input.ctx, wave, input.t.filter), validMask(valuesOf(input.ctx, wave, variable), codes));
}

/**
 * "Niet gevraagd" when the routing asked nobody in this domain (a subgroup that did not get the
 * question, as report 3 prints), else null.
 */
export function notAskedCell(input: BuildInput, wave: WaveData, variable: string, domain: Uint8Array): Cell | null {
  const asked = askedMask(input.ctx, wave, variable);
  const filter = tableFilter(input.ctx, wave, input.t.filter);
  for (let i = 0; i < domain.length; i++) if ((domain[i] & asked[i] & filter[i]) === 1) return null;
  return { format: 'text', estimate: null, shown: null, decimals: 0, se: null, ci: null, n: 0, weightedN: null, flags: ['notAsked'], text: input.ctx.texts.notAsked };
}

/** Union of masks' counts: respondents in any of them. */
export function unionCount(masks: readonly Uint8Array[]): number {
  if (masks.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < masks[0].length; i++) {
    for (const m of masks) {
      if (m[i] === 1) {
        n++;
        break;
      }
    }
  }
  return n;
}
