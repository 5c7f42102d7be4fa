/**
 * Row masks over a wave's dataset: who was asked (routing), the table filter, subgroups,
 * valid answers. Percentages are over those asked: a base is always asked ∧ answered.
 */
import { InvalidInputError } from '../errors.js';
import { variableOf } from '../spec/catalog.js';
import { evaluate, parseExpression, type Expr } from '../spec/expression.js';
import type { StudyContext, WaveData } from './context.js';

const valueCache = new WeakMap<WaveData, Map<string, Float64Array>>();
const maskCache = new WeakMap<WaveData, Map<string, Uint8Array>>();
const exprCache = new Map<string, Expr>();

function cached<T>(store: WeakMap<WaveData, Map<string, T>>, wave: WaveData, key: string, make: () => T): T {
  let m = store.get(wave);
  if (!m) store.set(wave, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) m.set(key, (v = make()));
  return v;
}

function dataOf(wave: WaveData) {
  if (wave.data === null) throw new InvalidInputError(`wave ${wave.year} has no microdata`);
  return wave.data;
}

/** True when the wave's data holds the variable (a question may not have been asked in a wave). */
export function hasVariable(ctx: StudyContext, wave: WaveData, name: string): boolean {
  return wave.data !== null && wave.data.has(variableOf(ctx.catalog, name));
}

/** Values of a numeric variable with user-missing as NaN (cached per wave). */
export function valuesOf(ctx: StudyContext, wave: WaveData, name: string): Float64Array {
  const v = variableOf(ctx.catalog, name);
  return cached(valueCache, wave, v, () => dataOf(wave).validNumbers(v));
}

function compile(src: string): Expr {
  let e = exprCache.get(src);
  if (!e) exprCache.set(src, (e = parseExpression(src)));
  return e;
}

/** 1 where the expression holds. */
export function expressionMask(ctx: StudyContext, wave: WaveData, src: string): Uint8Array {
  return cached(maskCache, wave, `expr:${src}`, () => {
    const data = dataOf(wave);
    const e = compile(src);
    const out = new Uint8Array(data.nrow);
    const getters = new Map<string, (i: number) => number | string | null>();
    const getter = (name: string): ((i: number) => number | string | null) => {
      let g = getters.get(name);
      if (g) return g;
      const v = variableOf(ctx.catalog, name);
      if (!data.has(v)) g = () => null;
      else {
        const col = data.column(v);
        if (col.type === 'string') {
          const s = data.strings(v);
          g = (i) => (data.isMissing(v, i) || s[i] === '' ? null : s[i]);
        } else {
          const vals = valuesOf(ctx, wave, v);
          g = (i) => vals[i];
        }
      }
      getters.set(name, g);
      return g;
    };
    for (let i = 0; i < out.length; i++) out[i] = evaluate(e, (n) => getter(n)(i)) ? 1 : 0;
    return out;
  });
}

export function allRows(wave: WaveData): Uint8Array {
  return cached(maskCache, wave, 'all', () => new Uint8Array(dataOf(wave).nrow).fill(1));
}

/** Rows that were asked the variable: the owning question's and the item's `askedIf`. */
export function askedMask(ctx: StudyContext, wave: WaveData, name: string): Uint8Array {
  const v = variableOf(ctx.catalog, name);
  const info = ctx.catalog.variables.get(v);
  const q = info ? ctx.catalog.questions.get(info.owner) : ctx.catalog.questions.get(name);
  const conds = [q?.askedIf, info?.askedIf].filter((c): c is string => c !== undefined);
  if (conds.length === 0) return allRows(wave);
  return and(...conds.map((c) => expressionMask(ctx, wave, c)));
}

export function and(...masks: Uint8Array[]): Uint8Array {
  if (masks.length === 1) return masks[0];
  const out = masks[0].slice();
  // mask by mask: a tight loop per mask instead of a loop over the masks per row
  for (let j = 1; j < masks.length; j++) {
    const m = masks[j];
    for (let i = 0; i < out.length; i++) out[i] &= m[i];
  }
  return out;
}

/** Rows where `values` is a valid number and (when given) one of `codes`. */
export function validMask(values: Float64Array, codes?: ReadonlySet<number>): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    out[i] = Number.isNaN(x) ? 0 : codes === undefined || codes.has(x) ? 1 : 0;
  }
  return out;
}

/** 0/1 indicator of `codes`, NaN where `base` is 0 (so the proportion's base is the mask). */
export function indicator(values: Float64Array, codes: ReadonlySet<number>, base: Uint8Array): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = base[i] === 0 ? NaN : codes.has(values[i]) ? 1 : 0;
  return out;
}

/** Row numbers where the mask is 1, ascending. */
export function rowsOf(mask: Uint8Array): Int32Array {
  const rows = new Int32Array(countMask(mask));
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i] === 1) rows[j++] = i;
  return rows;
}

export function countMask(m: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < m.length; i++) n += m[i];
  return n;
}

/** The table's own filter (in addition to routing), or every row. */
export function tableFilter(ctx: StudyContext, wave: WaveData, filter: string | undefined): Uint8Array {
  return filter === undefined ? allRows(wave) : expressionMask(ctx, wave, filter);
}
