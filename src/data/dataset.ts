/**
 * A dataset: named columns of equal length, plus an optional row selection.
 *
 * Selecting columns and filtering rows never copy column data: a filtered dataset shares
 * its columns with the original and keeps a Uint32Array of physical row numbers (as
 * arquero's filter bitmaps do). Column data is materialised only when a caller asks for
 * the values of a view (`numbers`, `strings`).
 */

import { InvalidInputError, UnknownVariableError } from '../errors.js';
import {
  type Column,
  type NumberColumn,
  type StringColumn,
  columnLength,
  isMissingNumber,
  isMissingString,
} from './column.js';

export class Dataset {
  readonly columns: readonly Column[];
  /** Physical row numbers of this view, in order; null when the view is every row. */
  readonly rows: Uint32Array | null;
  private readonly byName: Map<string, Column>;

  constructor(columns: readonly Column[], rows: Uint32Array | null = null) {
    const byName = new Map<string, Column>();
    let len = -1;
    for (const col of columns) {
      if (byName.has(col.name)) throw new InvalidInputError(`duplicate variable name "${col.name}"`);
      byName.set(col.name, col);
      const n = columnLength(col);
      if (len === -1) len = n;
      else if (n !== len) {
        throw new InvalidInputError(`variable "${col.name}" has ${n} values, expected ${len}`);
      }
    }
    if (rows !== null && len >= 0) {
      for (let i = 0; i < rows.length; i++) {
        if (rows[i] >= len) throw new InvalidInputError(`row selection refers to row ${rows[i]} of ${len}`);
      }
    }
    this.columns = columns;
    this.rows = rows;
    this.byName = byName;
    this.physicalRows = len < 0 ? 0 : len;
  }

  /** Number of rows in the underlying columns. */
  readonly physicalRows: number;

  /** Number of rows in this view. */
  get nrow(): number {
    return this.rows === null ? this.physicalRows : this.rows.length;
  }

  get ncol(): number {
    return this.columns.length;
  }

  names(): string[] {
    return this.columns.map((c) => c.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The column called `name`; throws a typed error naming the variable (with a suggestion) otherwise. */
  column(name: string, field?: string): Column {
    const col = this.byName.get(name);
    if (col === undefined) throw new UnknownVariableError(name, field === undefined ? {} : { field }, this.names());
    return col;
  }

  /** A numeric or categorical column; a string column is a type error naming the variable. */
  numberColumn(name: string, field?: string): NumberColumn {
    const col = this.column(name, field);
    if (col.type === 'string') {
      throw new InvalidInputError(`variable "${name}" is a string variable; a numeric variable is needed`, field === undefined ? {} : { field });
    }
    return col;
  }

  /** Physical row number of view row i. */
  physical(i: number): number {
    return this.rows === null ? i : this.rows[i];
  }

  /** Values of a numeric/categorical column in view order. No copy when the view is every row. */
  numbers(name: string, field?: string): Float64Array {
    const col = this.numberColumn(name, field);
    if (this.rows === null) return col.values;
    const out = new Float64Array(this.rows.length);
    for (let i = 0; i < out.length; i++) out[i] = col.values[this.rows[i]];
    return out;
  }

  /**
   * Values in view order with user-missing values turned into NaN, so that estimators only
   * need to test for NaN. Copies.
   */
  validNumbers(name: string, field?: string): Float64Array {
    const col = this.numberColumn(name, field);
    const out = new Float64Array(this.nrow);
    for (let i = 0; i < out.length; i++) {
      const v = col.values[this.physical(i)];
      out[i] = isMissingNumber(col.missing, v) ? NaN : v;
    }
    return out;
  }

  strings(name: string, field?: string): readonly string[] {
    const col = this.column(name, field);
    if (col.type !== 'string') {
      throw new InvalidInputError(`variable "${name}" is not a string variable`, field === undefined ? {} : { field });
    }
    if (this.rows === null) return col.values;
    return Array.from(this.rows, (r) => (col as StringColumn).values[r]);
  }

  /** True when view row i of `name` is system- or user-missing. */
  isMissing(name: string, i: number): boolean {
    const col = this.column(name);
    const r = this.physical(i);
    if (col.type === 'string') return isMissingString(col.missing, col.values[r]);
    return isMissingNumber(col.missing, col.values[r]);
  }

  /** Number of valid (not missing) values of a variable in this view. */
  validCount(name: string): number {
    let n = 0;
    for (let i = 0; i < this.nrow; i++) if (!this.isMissing(name, i)) n++;
    return n;
  }

  /** A view with only the named columns, in that order. Shares column data. */
  select(names: readonly string[]): Dataset {
    return new Dataset(names.map((n) => this.column(n)), this.rows);
  }

  /** A view with the rows for which `keep(i)` is true (i is a view row number). Shares column data. */
  filter(keep: (i: number) => boolean): Dataset {
    const idx: number[] = [];
    for (let i = 0; i < this.nrow; i++) if (keep(i)) idx.push(this.physical(i));
    return new Dataset(this.columns, Uint32Array.from(idx));
  }

  /** A view of view rows [start, end). */
  slice(start: number, end: number = this.nrow): Dataset {
    const idx = new Uint32Array(Math.max(0, Math.min(end, this.nrow) - start));
    for (let i = 0; i < idx.length; i++) idx[i] = this.physical(start + i);
    return new Dataset(this.columns, idx);
  }

  /** A dataset whose columns hold exactly the rows of this view (copies only if filtered). */
  materialize(): Dataset {
    if (this.rows === null) return this;
    const rows = this.rows;
    const cols = this.columns.map((c): Column => {
      if (c.type === 'string') return { ...c, values: Array.from(rows, (r) => c.values[r]) };
      const v = new Float64Array(rows.length);
      for (let i = 0; i < rows.length; i++) v[i] = c.values[rows[i]];
      return { ...c, values: v };
    });
    return new Dataset(cols);
  }

  /** This dataset with a column added or replaced; the column must have one value per view row. */
  withColumn(col: Column): Dataset {
    const base = this.materialize();
    if (columnLength(col) !== base.nrow) {
      throw new InvalidInputError(`new variable "${col.name}" has ${columnLength(col)} values, expected ${base.nrow}`);
    }
    const cols = base.columns.filter((c) => c.name !== col.name);
    const at = base.columns.findIndex((c) => c.name === col.name);
    if (at >= 0) cols.splice(at, 0, col);
    else cols.push(col);
    return new Dataset(cols);
  }
}
