/**
 * The calibration model matrix, parametrised as R: `calibrate(design, list(~a+b, ~c), list(...))`
 * becomes the formula `~ a*b + c` (survey's margins2totals), whose model.matrix has an intercept,
 * treatment contrasts for every main effect and products of them for interactions, with the first
 * level (sorted: codes numerically, strings by code point as R in the C locale) as reference.
 * The column space is what calibrated weights depend on; the exact columns matter too, because
 * R's grake rescales the base weights by the mean of T/t̂ over the columns when all exceed 20.
 * Numeric totals follow as their own columns.
 */
import type { Dataset } from '../data/dataset.js';
import { isMissingNumber } from '../data/column.js';
import type { CalibrationProblem } from './calibrate.js';
import type { Canonical, MarginCells } from './cells.js';
import { WeightingError } from './errors.js';
import type { WeightingRequest } from './request.js';

function compareCanonical(a: Canonical, b: Canonical): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** All non-empty subsets of 0..k-1, by size then lexicographically (R's term order within a margin). */
function subsets(k: number): number[][] {
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    const s: number[] = [];
    for (let b = 0; b < k; b++) if (mask & (1 << b)) s.push(b);
    out.push(s);
  }
  return out.sort((a, b) => a.length - b.length);
}

export function calibrationModelMatrix(data: Dataset, request: WeightingRequest, cells: readonly MarginCells[]): CalibrationProblem {
  const n = data.nrow;
  const x: Float64Array[] = [];
  const totals: number[] = [];
  const names: string[] = [];
  if (cells.length > 0) {
    x.push(new Float64Array(n).fill(1));
    totals.push(cells[0].target.reduce((a, b) => a + b, 0));
    names.push('(Intercept)');
  }
  const seen = new Set<string>();
  cells.forEach((c, m) => {
    // Data levels of each variable in sorted order; position 0 is the reference level.
    const levelRank = c.variables.map((v) => {
      const dataValues = v.values.slice(0, v.inData).map((val, i) => ({ val, i }));
      dataValues.sort((a, b) => compareCanonical(a.val, b.val));
      const rank = new Int32Array(v.values.length).fill(-1);
      dataValues.forEach((d, r) => (rank[d.i] = r));
      return { rank, count: dataValues.length, sorted: dataValues.map((d) => d.val) };
    });
    for (const term of subsets(c.variables.length)) {
      const key = term.map((k) => c.variables[k].name).sort().join(':');
      if (seen.has(key)) continue;
      seen.add(key);
      // Every combination of non-reference levels of the term's variables.
      const radices = term.map((k) => levelRank[k].count - 1);
      if (radices.some((r) => r <= 0)) continue;
      const ncol = radices.reduce((a, b) => a * b, 1);
      const base = x.length;
      for (let j = 0; j < ncol; j++) x.push(new Float64Array(n));
      const colTotals = new Float64Array(ncol);
      const colOf = (levelOf: (k: number) => number): number => {
        let col = 0;
        let stride = 1;
        for (let t = 0; t < term.length; t++) {
          const r = levelRank[term[t]].rank[levelOf(term[t])];
          if (r <= 0) return -1;
          col += (r - 1) * stride;
          stride *= radices[t];
        }
        return col;
      };
      for (let i = 0; i < n; i++) {
        const col = colOf((k) => c.variables[k].row[i]);
        if (col >= 0) x[base + col][i] = 1;
      }
      for (let j = 0; j < c.ncell; j++) {
        const col = colOf((k) => c.variables[k].cell[j]);
        if (col >= 0) colTotals[col] += c.target[j];
      }
      for (let j = 0; j < ncol; j++) {
        totals.push(colTotals[j]);
        let rest = j;
        const parts = term.map((k, t) => {
          const r = (rest % radices[t]) + 1;
          rest = Math.floor(rest / radices[t]);
          return `${c.variables[k].name}${String(levelRank[k].sorted[r])}`;
        });
        names.push(`margins[${m}] ${parts.join(':')}`);
      }
    }
  });
  // Columns empty in both data and population are dropped, as R calibrate does.
  for (let k = x.length - 1; k >= 0; k--) {
    if (totals[k] === 0 && x[k].every((v) => v === 0)) {
      x.splice(k, 1);
      totals.splice(k, 1);
      names.splice(k, 1);
    }
  }
  request.totals.forEach((t, k) => {
    const field = `totals[${k}].variable`;
    const col = data.numberColumn(t.variable, field);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const value = col.values[data.physical(i)];
      if (isMissingNumber(col.missing, value)) {
        throw new WeightingError(`row ${i + 1}: "${t.variable}" is missing; calibration needs a value for every row`, { field });
      }
      v[i] = value;
    }
    x.push(v);
    totals.push(t.total);
    names.push(t.variable);
  });
  return { x, totals: Float64Array.from(totals), names };
}
