/**
 * Subgroup splits of a table: the domains (with a leading total), the groups compared in
 * significance tests and the test of one variable across them.
 */
import type { WaveData } from './context.js';
import { validMask, valuesOf } from './domain.js';
import { requireVariable, tableError, type BuildInput } from './input.js';

export interface GroupDomain {
  readonly id: string;
  readonly label: string;
  readonly mask: Uint8Array;
  readonly isTotal: boolean;
  /** Index in the subgroup's group list; -1 for the total. */
  readonly index: number;
}

/** Domains of the table's subgroup split (with a leading total when the subgroup asks for it). */
export function subgroupDomains(input: BuildInput, wave: WaveData, withTotal?: boolean): GroupDomain[] {
  const sub = subgroup(input);
  requireVariable(input, wave, sub.variable);
  const values = valuesOf(input.ctx, wave, sub.variable);
  const out: GroupDomain[] = [];
  if (withTotal ?? sub.total ?? false) out.push({ id: 'total', label: input.ctx.texts.total, mask: allRowsMask(values.length), isTotal: true, index: -1 });
  sub.groups.forEach((g, gi) => {
    const codes = new Set(typeof g.codes === 'number' ? [g.codes] : g.codes);
    out.push({ id: g.id ?? `g${gi + 1}`, label: g.label, mask: validMask(values, codes), isTotal: false, index: gi });
  });
  return out;
}

/**
 * Whether a split table shows a leading "Totaal" column: the table's options.byTotal, else the
 * subgroup's `total`, else the kind's default.
 */
export function splitTotal(input: BuildInput, kindDefault = false): boolean {
  return input.o.byTotal ?? subgroup(input).total ?? kindDefault;
}

function allRowsMask(n: number): Uint8Array {
  return new Uint8Array(n).fill(1);
}

export function subgroup(input: BuildInput) {
  const id = input.o.by;
  const sub = input.ctx.spec.subgroups?.find((s) => s.id === id);
  if (id === undefined || !sub) throw tableError(input, `kind ${input.t.kind} needs options.by (a subgroup)`, 'options');
  return sub;
}

/** The groups compared in significance tests (options.significance.compare, default all). */
export function comparedGroups(input: BuildInput, groups: readonly GroupDomain[]): GroupDomain[] {
  const plain = groups.filter((g) => !g.isTotal);
  const cmp = input.o.compare;
  if (cmp === undefined) return plain;
  return cmp.map((c) => {
    const g = plain.find((x) => x.id === c || x.label === c);
    if (!g) throw tableError(input, `significance.compare names unknown group "${c}" (groups: ${plain.map((x) => x.id).join(', ')})`, 'options');
    return g;
  });
}

/** "kleine en grote gemeenten": the subgroup's contrast label or the compared labels joined. */
export function contrastText(input: BuildInput, compared: readonly GroupDomain[]): string {
  const sub = subgroup(input);
  if (sub.contrastLabel !== undefined && input.o.compare === undefined) return sub.contrastLabel;
  const labels = compared.map((g) => g.label.toLowerCase());
  return labels.length <= 2 ? labels.join(` ${input.ctx.texts.and} `) : `${labels.slice(0, -1).join(', ')} ${input.ctx.texts.and} ${labels[labels.length - 1]}`;
}

/** Group code per row for the compared groups (0, 1, …), NaN elsewhere. */
export function groupCodes(compared: readonly GroupDomain[], nrow: number): Float64Array {
  const out = new Float64Array(nrow).fill(NaN);
  compared.forEach((g, gi) => {
    for (let i = 0; i < nrow; i++) if (g.mask[i] === 1 && Number.isNaN(out[i])) out[i] = gi;
  });
  return out;
}

/**
 * Test one variable across the compared groups: Rao–Scott on the codes (default), or a
 * t-test on `tValues` (a 0/1 indicator or the value itself) when the table asks for it and
 * exactly two groups are compared.
 */
export function subgroupTest(input: BuildInput, wave: WaveData, codes: Float64Array, base: Uint8Array, compared: readonly GroupDomain[], tValues?: Float64Array): number {
  const est = wave.estimator!;
  const g = groupCodes(compared, codes.length);
  const dom = new Uint8Array(base.length);
  for (let i = 0; i < dom.length; i++) dom[i] = base[i] === 1 && !Number.isNaN(g[i]) ? 1 : 0;
  const nPerGroup = compared.map((_, gi) => {
    let n = 0;
    for (let i = 0; i < dom.length; i++) if (dom[i] === 1 && g[i] === gi) n++;
    return n;
  });
  if (nPerGroup.some((n) => n < 2)) return NaN;
  // Everyone gave the same answer (report 6, Tabel 3: "Nooit 0%" in every column): there is no
  // difference to test, and Rao–Scott needs two observed categories, so no mark (p undefined).
  if (tValues === undefined && distinctCount(codes, dom) < 2) return NaN;
  const useT = (input.o.test === 'ttest' || tValues !== undefined) && compared.length === 2;
  if (useT) return est.ttest(tValues ?? codes, g, dom).p;
  return est.raoScott(codes, g, dom).p;
}

/** Number of distinct non-missing values of `values` within `mask` (stops at 2). */
function distinctCount(values: Float64Array, mask: Uint8Array): number {
  let first = NaN;
  for (let i = 0; i < values.length; i++) {
    if (mask[i] !== 1 || Number.isNaN(values[i])) continue;
    if (Number.isNaN(first)) first = values[i];
    else if (values[i] !== first) return 2;
  }
  return Number.isNaN(first) ? 0 : 1;
}
