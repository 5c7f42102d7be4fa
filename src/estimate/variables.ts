/**
 * Reading analysis variables for estimation: numeric values with missing values as NaN,
 * categories in code order (value-label order where there are labels), subset matching
 * by value or value label, and domains (`by`) as one integer per row.
 */

import type { Dataset } from '../data/dataset.js';
import { InvalidInputError } from '../errors.js';

/** A category of a variable: its code (number, or text for string variables) and its label. */
export interface Level {
  readonly code: number | string;
  /** Value label, or the code as text when there is none. */
  readonly label: string;
  /** Output value: the label when there is one, else the code itself. */
  readonly value: number | string;
}

/** Values of a variable to be averaged or summed: user- and system-missing become NaN. */
export function numericValues(data: Dataset, name: string, field: string): Float64Array {
  const col = data.column(name, field);
  if (col.type === 'string') {
    throw new InvalidInputError(`variable "${name}" is a string variable; a numeric variable is needed`, { field });
  }
  return data.validNumbers(name, field);
}

/** A variable's categories and each row's category number; shared, so read only. */
export interface Categories {
  readonly levels: Level[];
  readonly index: Int32Array;
}

// Per dataset (columns never change) and variable: a request or a report asks for the same
// `by` variable again and again.
const categoriesCache = new WeakMap<Dataset, Map<string, Categories>>();

/**
 * Categories of a variable and each row's category number (−1 when missing).
 * Order: labelled codes in value-label order, then other observed codes ascending
 * (strings: labelled first, then sorted). The answer is cached per dataset: do not modify it.
 */
export function categories(data: Dataset, name: string, field: string): Categories {
  let byName = categoriesCache.get(data);
  if (byName === undefined) categoriesCache.set(data, (byName = new Map()));
  let hit = byName.get(name);
  if (hit === undefined) byName.set(name, (hit = categoriesOf(data, name, field)));
  return hit;
}

function categoriesOf(data: Dataset, name: string, field: string): Categories {
  const col = data.column(name, field);
  const n = data.nrow;
  const index = new Int32Array(n).fill(-1);
  const levels: Level[] = [];
  if (col.type === 'string') {
    const v = data.strings(name, field);
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) if (!data.isMissing(name, i) && v[i] !== '') seen.add(v[i]);
    const codes: string[] = [];
    for (const code of col.valueLabels.keys()) if (!col.missing.values.includes(code)) codes.push(code);
    const rest = [...seen].filter((c) => !col.valueLabels.has(c)).sort();
    const pos = new Map<string, number>();
    for (const c of [...codes, ...rest]) {
      pos.set(c, levels.length);
      const label = col.valueLabels.get(c);
      levels.push({ code: c, label: label ?? c, value: label ?? c });
    }
    for (let i = 0; i < n; i++) {
      if (data.isMissing(name, i) || v[i] === '') continue;
      index[i] = pos.get(v[i]) as number;
    }
    return { levels, index };
  }
  const plain = col.missing.values.length === 0 && col.missing.range === null;
  const v = plain ? data.numbers(name, field) : data.validNumbers(name, field);
  // Small whole-number codes (the usual case) are looked up in a table instead of a hash map,
  // indexed by integers (x | 0), not by doubles.
  let small = true;
  const flag = new Uint8Array(65536);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (x !== x) continue; // NaN
    const c = x | 0;
    if (c !== x || c < 0 || c >= 65536) {
      small = false;
      break;
    }
    flag[c] = 1;
  }
  const seen = new Set<number>();
  if (small) {
    for (let c = 0; c < 65536; c++) if (flag[c] === 1) seen.add(c);
  } else for (let i = 0; i < n; i++) if (!Number.isNaN(v[i])) seen.add(v[i]);
  const codes: number[] = [];
  for (const code of col.valueLabels.keys()) {
    // A labelled user-missing code is not a category.
    if (!Number.isNaN(code) && !isUserMissing(col.missing, code)) codes.push(code);
  }
  const rest = [...seen].filter((c) => !col.valueLabels.has(c)).sort((a, b) => a - b);
  const pos = new Map<number, number>();
  for (const c of [...codes, ...rest]) {
    pos.set(c, levels.length);
    const label = col.valueLabels.get(c);
    levels.push({ code: c, label: label ?? String(c), value: label ?? c });
  }
  if (small) {
    const table = new Int32Array(65536).fill(-1);
    for (const [c, k] of pos) if (Number.isInteger(c) && c >= 0 && c < 65536) table[c] = k;
    for (let i = 0; i < n; i++) {
      const x = v[i];
      if (x === x) index[i] = table[x | 0];
    }
  } else for (let i = 0; i < n; i++) if (!Number.isNaN(v[i])) index[i] = pos.get(v[i]) as number;
  return { levels, index };
}

function isUserMissing(m: { values: readonly number[]; range: readonly [number, number] | null }, v: number): boolean {
  if (m.range !== null && v >= m.range[0] && v <= m.range[1]) return true;
  return m.values.includes(v);
}

export interface SubsetSpec {
  readonly variable: string;
  /** Values (codes or value labels) that select a row. */
  readonly in: readonly (number | string)[];
}

/** Rows selected by a subset (missing values never match). */
export function subsetMask(data: Dataset, subset: SubsetSpec, field: string): Uint8Array {
  const { levels, index } = categories(data, subset.variable, `${field}.variable`);
  const wanted = new Uint8Array(levels.length);
  subset.in.forEach((want, j) => {
    let hit = false;
    levels.forEach((lv, k) => {
      if (lv.code === want || lv.label === want || (typeof want === 'string' && typeof lv.code === 'number' && String(lv.code) === want)) {
        wanted[k] = 1;
        hit = true;
      }
    });
    if (!hit) {
      throw new InvalidInputError(
        `value ${JSON.stringify(want)} does not occur in variable "${subset.variable}" (neither as code nor as value label)`,
        { field: `${field}.in[${j}]` },
      );
    }
  });
  const mask = new Uint8Array(data.nrow);
  for (let i = 0; i < mask.length; i++) mask[i] = index[i] >= 0 && wanted[index[i]] === 1 ? 1 : 0;
  return mask;
}

/** One domain: a combination of categories of the `by` variables. */
export interface Domain {
  /** By-variable name → category (label, or code without label). Empty without `by`. */
  readonly by: Readonly<Record<string, number | string>>;
  /** Category number per by-variable. */
  readonly levels: readonly number[];
}

export interface Domains {
  readonly domains: Domain[];
  /** Domain number of each row, −1 when outside the subset or missing on a by-variable. */
  readonly ofRow: Int32Array;
}

/**
 * Domains as the cross-classification of the `by` variables (every combination of their
 * categories, also empty ones, so that tables keep their cells), restricted to the subset.
 * The first by-variable varies slowest.
 */
export function buildDomains(data: Dataset, by: readonly string[], subset: Uint8Array | null, field: string): Domains {
  const n = data.nrow;
  const ofRow = new Int32Array(n);
  const cats = by.map((b, j) => categories(data, b, `${field}[${j}]`));
  let count = 1;
  for (const c of cats) count *= c.levels.length;
  if (cats.length === 1 && subset === null) ofRow.set(cats[0].index); // one variable: its categories
  else for (let i = 0; i < n; i++) {
    if (subset !== null && subset[i] === 0) {
      ofRow[i] = -1;
      continue;
    }
    let d = 0;
    for (const c of cats) {
      const k = c.index[i];
      if (k < 0) {
        d = -1;
        break;
      }
      d = d * c.levels.length + k;
    }
    ofRow[i] = d;
  }
  const domains: Domain[] = [];
  for (let d = 0; d < count; d++) {
    const lv: number[] = new Array<number>(cats.length);
    let rest = d;
    for (let j = cats.length - 1; j >= 0; j--) {
      lv[j] = rest % cats[j].levels.length;
      rest = Math.floor(rest / cats[j].levels.length);
    }
    const rec: Record<string, number | string> = {};
    by.forEach((b, j) => {
      rec[b] = cats[j].levels[lv[j]].value;
    });
    domains.push({ by: rec, levels: lv });
  }
  return { domains, ofRow };
}

/** Row numbers per domain (counting sort): one pass, no copies of columns. */
export function rowsByDomain(ofRow: Int32Array, nDomains: number, keep?: (i: number) => boolean): Int32Array[] {
  const counts = new Int32Array(nDomains);
  for (let i = 0; i < ofRow.length; i++) if (ofRow[i] >= 0 && (keep === undefined || keep(i))) counts[ofRow[i]]++;
  const out = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(nDomains);
  for (let i = 0; i < ofRow.length; i++) {
    const d = ofRow[i];
    if (d >= 0 && (keep === undefined || keep(i))) out[d][fill[d]++] = i;
  }
  return out;
}
