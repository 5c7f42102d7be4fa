/**
 * Matches the cells of a margin (population entries) to the rows of the data.
 *
 * A population entry names one category per margin variable, by value label or, where the code has
 * no label, by code; string variables match by value (or value label). Every row must fall in
 * exactly one cell: a missing value or a category the margin does not list is an error naming the
 * row, as R's `na.fail` and `postStratify` ("strata absent from population") refuse it too.
 */
import type { Dataset } from '../data/dataset.js';
import { isMissingNumber, isMissingString } from '../data/column.js';
import { WeightingError } from './errors.js';
import type { WeightingMargin } from './request.js';

export interface MarginCells {
  /** Population entry (cell) index of every row, 0-based. */
  readonly cell: Int32Array;
  /** Number of cells = number of population entries. */
  readonly ncell: number;
  /** Population N of each cell. */
  readonly target: Float64Array;
  /** Readable name of each cell, e.g. "ageclass=15-26, sex=man". */
  readonly labels: readonly string[];
  /** Category of each variable for each cell, as written in the request. */
  readonly categories: readonly Record<string, string | number>[];
  /** Per margin variable: its distinct values, and each row's and each cell's index into them. */
  readonly variables: readonly VariableCategories[];
}

export type Canonical = number | string;

export interface VariableCategories {
  readonly name: string;
  /** Distinct values (codes, or strings for string variables); data values first. */
  readonly values: readonly Canonical[];
  /** Number of leading `values` that occur in the data. */
  readonly inData: number;
  readonly row: Int32Array;
  readonly cell: Int32Array;
}

interface VariableIndex {
  /** Canonical value → category index of this variable. */
  readonly byValue: Map<Canonical, number>;
  /** Row → category index, -1 for missing. */
  readonly rowIndex: Int32Array;
  /** Token (label or code as text) → canonical value. */
  readonly tokens: Map<string, Canonical>;
  /** Canonical value → readable text. */
  readonly display: Map<Canonical, string>;
}

function indexVariable(data: Dataset, name: string, field: string): VariableIndex {
  const col = data.column(name, field);
  const n = data.nrow;
  const byValue = new Map<Canonical, number>();
  const display = new Map<Canonical, string>();
  const tokens = new Map<string, Canonical>();
  const rowIndex = new Int32Array(n);
  const add = (v: Canonical, text: string): number => {
    let k = byValue.get(v);
    if (k === undefined) {
      k = byValue.size;
      byValue.set(v, k);
      display.set(v, text);
    }
    return k;
  };
  if (col.type === 'string') {
    for (let i = 0; i < n; i++) {
      const v = col.values[data.physical(i)];
      rowIndex[i] = v === '' || isMissingString(col.missing, v) ? -1 : add(v, col.valueLabels.get(v) ?? v);
    }
    for (const v of byValue.keys()) tokens.set(String(v), v);
    for (const [v, label] of col.valueLabels) {
      tokens.set(label, v);
      if (!display.has(v)) display.set(v, label);
    }
  } else {
    const values = col.values;
    const rows = data.rows;
    const plain = col.missing.values.length === 0 && col.missing.range === null;
    // Small whole-number codes (the usual case) are looked up in a table instead of a Map.
    const table = new Int32Array(4096).fill(-1);
    for (let i = 0; i < n; i++) {
      const v = rows === null ? values[i] : values[rows[i]];
      if (plain ? v !== v : isMissingNumber(col.missing, v)) {
        rowIndex[i] = -1;
        continue;
      }
      const iv = v | 0;
      if (iv === v && iv >= 0 && iv < 4096) {
        let k = table[iv];
        if (k < 0) k = table[iv] = add(v, col.valueLabels.get(v) ?? String(v));
        rowIndex[i] = k;
      } else rowIndex[i] = add(v, col.valueLabels.get(v) ?? String(v));
    }
    for (const v of byValue.keys()) tokens.set(String(v), v);
    for (const [v, label] of col.valueLabels) {
      if (!display.has(v)) display.set(v, label);
      if (!tokens.has(String(v))) tokens.set(String(v), v);
    }
    // Labels take precedence over codes written as text.
    for (const [v, label] of col.valueLabels) tokens.set(label, v);
  }
  return { byValue, rowIndex, tokens, display };
}

/** Cells of margin `m` (its position `mi` in the request is used in messages). */
export function marginCells(data: Dataset, m: WeightingMargin, mi: number): MarginCells {
  const field = `margins[${mi}]`;
  const idx = m.variables.map((v, k) => indexVariable(data, v, `${field}.variables[${k}]`));
  const names = m.variables;
  const title = `margins[${mi}] (${names.join(' × ')})`;

  const dataCounts = idx.map((v) => v.byValue.size);
  // Mixed-radix number of a combination of categories; population categories that do not occur in
  // the data get their own index so that an empty cell can be reported.
  const entryKeys: Canonical[][] = m.population.map((p, j) =>
    names.map((v, k) => {
      const raw = p[v] as string | number;
      const c = idx[k].tokens.get(String(raw));
      if (c === undefined) {
        throw new WeightingError(
          `${title}: category "${String(raw)}" of "${v}" does not occur in the data and is not a value label of "${v}"` +
            ` (categories in the data: ${[...idx[k].display.values()].slice(0, 20).map((s) => `"${s}"`).join(', ')})`,
          { field: `${field}.population[${j}].${v}` },
        );
      }
      if (!idx[k].byValue.has(c)) idx[k].byValue.set(c, idx[k].byValue.size);
      return c;
    }),
  );
  const strides: number[] = [];
  let space = 1;
  for (const v of idx) {
    strides.push(space);
    space *= Math.max(1, v.byValue.size);
  }
  const combo = new Map<number, number>();
  const target = new Float64Array(m.population.length);
  const labels: string[] = [];
  entryKeys.forEach((keys, j) => {
    let code = 0;
    keys.forEach((c, k) => (code += (idx[k].byValue.get(c) as number) * strides[k]));
    const label = names.map((v, k) => `${v}=${idx[k].display.get(keys[k]) ?? String(keys[k])}`).join(', ');
    const prev = combo.get(code);
    if (prev !== undefined) {
      throw new WeightingError(`${title}: cell ${label} is listed twice (population[${prev}] and population[${j}])`, {
        field: `${field}.population[${j}]`,
      });
    }
    combo.set(code, j);
    target[j] = m.population[j].N;
    labels.push(label);
  });

  const n = data.nrow;
  const cell = new Int32Array(n);
  const lookup = space <= 1 << 24 ? new Int32Array(space).fill(-1) : null;
  if (lookup !== null) for (const [code, j] of combo) lookup[code] = j;
  function finish(): MarginCells {
    const variables: VariableCategories[] = idx.map((v, k) => {
      const values: Canonical[] = new Array<Canonical>(v.byValue.size);
      for (const [val, ci] of v.byValue) values[ci] = val;
      const cellIdx = Int32Array.from(entryKeys, (keys) => v.byValue.get(keys[k]) as number);
      return { name: names[k], values, inData: dataCounts[k], row: v.rowIndex, cell: cellIdx };
    });
    return { cell, ncell: m.population.length, target, labels, variables, categories: m.population.map((p) => {
      const c: Record<string, string | number> = {};
      for (const v of names) c[v] = p[v] as string | number;
      return c;
    }) };
  }
  const rowIdx = idx.map((v) => v.rowIndex);
  const nv = rowIdx.length;
  if (nv === 1 && lookup !== null) {
    // One variable: the cell is a table lookup of the category index.
    const r0 = rowIdx[0];
    let ok = true;
    for (let i = 0; i < n; i++) {
      const c = r0[i];
      const j = c < 0 ? -1 : lookup[c];
      if (j < 0) {
        ok = false;
        break;
      }
      cell[i] = j;
    }
    if (ok) return finish();
  }
  for (let i = 0; i < n; i++) {
    let code = 0;
    let missingAt = -1;
    for (let k = 0; k < nv; k++) {
      const c = rowIdx[k][i];
      if (c < 0) {
        missingAt = k;
        break;
      }
      code += c * strides[k];
    }
    if (missingAt >= 0) {
      throw new WeightingError(`row ${i + 1}: "${names[missingAt]}" is missing; every row needs a category for ${title}`, { field });
    }
    const j = lookup !== null ? lookup[code] : (combo.get(code) ?? -1);
    if (j < 0) {
      const desc = names
        .map((v, k) => {
          const c = idx[k].rowIndex[i];
          for (const [val, ci] of idx[k].byValue) if (ci === c) return `${v}=${idx[k].display.get(val) ?? String(val)}`;
          return `${v}=?`;
        })
        .join(', ');
      throw new WeightingError(`${title}: the data has category ${desc} (row ${i + 1}) but the margin gives no population count for it`, {
        field: `${field}.population`,
      });
    }
    cell[i] = j;
  }
  return finish();
}

/** Weighted total per cell. */
export function cellTotals(cells: MarginCells, w: Float64Array): Float64Array {
  const t = new Float64Array(cells.ncell);
  const c = cells.cell;
  for (let i = 0; i < c.length; i++) t[c[i]] += w[i];
  return t;
}

/**
 * Checks that every cell with a population count has rows, and no cell without population has rows
 * (R postStratify refuses both). Cells with N = 0 and no rows are allowed and ignored.
 */
export function checkCells(cells: MarginCells, mi: number, rowCounts?: Int32Array): void {
  const counts = rowCounts ?? new Int32Array(cells.ncell);
  if (rowCounts === undefined) for (let i = 0; i < cells.cell.length; i++) counts[cells.cell[i]]++;
  for (let j = 0; j < cells.ncell; j++) {
    if (counts[j] === 0 && cells.target[j] > 0) {
      throw new WeightingError(
        `margins[${mi}]: cell ${cells.labels[j]} has population N=${cells.target[j]} but no rows in the data (empty cell); ` +
          'combine it with a neighbouring category',
        { field: `margins[${mi}].population[${j}]` },
      );
    }
    if (counts[j] > 0 && cells.target[j] === 0) {
      throw new WeightingError(`margins[${mi}]: cell ${cells.labels[j]} has ${counts[j]} rows in the data but population N=0`, {
        field: `margins[${mi}].population[${j}].N`,
      });
    }
  }
}

/** Population size of a margin; all margins must agree (else raking cannot converge). */
export function checkMarginTotals(all: readonly MarginCells[]): void {
  if (all.length < 2) return;
  const sum = (c: MarginCells): number => c.target.reduce((a, b) => a + b, 0);
  const first = sum(all[0]);
  for (let m = 1; m < all.length; m++) {
    const s = sum(all[m]);
    if (Math.abs(s - first) > 1e-9 * Math.max(Math.abs(first), 1)) {
      throw new WeightingError(
        `population totals disagree between margins: margins[0] adds up to ${first} but margins[${m}] to ${s}`,
        { field: `margins[${m}].population` },
      );
    }
  }
}
