/**
 * Columns of a dataset, as SPSS and survey researchers know them.
 *
 * Three kinds:
 * - `numeric`: measurements (age, income, a 1–10 rating); Float64Array with NaN as system-missing.
 * - `categorical`: answer codes with value labels (1 = "Man", 2 = "Vrouw"); also Float64Array so that
 *   any SPSS code (including 99 or -1) survives, with `ordered` for Likert scales.
 * - `string`: text (open answers, ids).
 *
 * Every column carries the SPSS dictionary: variable label, user-missing definition, measurement
 * level and display format, so a .sav or CSV+codebook round trip loses nothing.
 */

export type Measure = 'nominal' | 'ordinal' | 'scale';

/**
 * User-missing values as SPSS defines them: up to three discrete values, or a range
 * `[lo, hi]` plus at most one discrete value (numeric variables only). String variables
 * have up to three discrete values and no range.
 */
export interface MissingValues<V extends number | string = number | string> {
  readonly values: readonly V[];
  readonly range: readonly [number, number] | null;
}

export const NO_MISSING: MissingValues<never> = Object.freeze({ values: [], range: null });

interface ColumnBase {
  readonly name: string;
  /** Variable label (question wording), or null. */
  readonly label: string | null;
  readonly measure: Measure | null;
  /** SPSS print format such as "F8.2" or "A20", or null when unknown. */
  readonly format: string | null;
}

export interface NumericColumn extends ColumnBase {
  readonly type: 'numeric';
  readonly values: Float64Array;
  readonly valueLabels: ReadonlyMap<number, string>;
  readonly missing: MissingValues<number>;
}

export interface CategoricalColumn extends ColumnBase {
  readonly type: 'categorical';
  /** Answer codes; NaN is system-missing. */
  readonly values: Float64Array;
  readonly valueLabels: ReadonlyMap<number, string>;
  readonly missing: MissingValues<number>;
  /** True for ordered scales (Likert, ratings); mirrors measure === 'ordinal'. */
  readonly ordered: boolean;
}

export interface StringColumn extends ColumnBase {
  readonly type: 'string';
  readonly values: readonly string[];
  readonly valueLabels: ReadonlyMap<string, string>;
  readonly missing: MissingValues<string>;
  /** Declared width in bytes (SPSS A-format width); 0 when unknown. */
  readonly width: number;
}

export type Column = NumericColumn | CategoricalColumn | StringColumn;
export type NumberColumn = NumericColumn | CategoricalColumn;

export interface ColumnOptions<V extends number | string> {
  label?: string | null;
  measure?: Measure | null;
  format?: string | null;
  valueLabels?: ReadonlyMap<V, string> | Iterable<readonly [V, string]>;
  missing?: MissingValues<V>;
}

export function numericColumn(name: string, values: Float64Array, opts: ColumnOptions<number> = {}): NumericColumn {
  return {
    type: 'numeric',
    name,
    values,
    label: opts.label ?? null,
    measure: opts.measure ?? 'scale',
    format: opts.format ?? null,
    valueLabels: toMap(opts.valueLabels),
    missing: opts.missing ?? NO_MISSING,
  };
}

export function categoricalColumn(
  name: string,
  values: Float64Array,
  opts: ColumnOptions<number> & { ordered?: boolean } = {},
): CategoricalColumn {
  const ordered = opts.ordered ?? opts.measure === 'ordinal';
  return {
    type: 'categorical',
    name,
    values,
    label: opts.label ?? null,
    measure: opts.measure ?? (ordered ? 'ordinal' : 'nominal'),
    format: opts.format ?? null,
    valueLabels: toMap(opts.valueLabels),
    missing: opts.missing ?? NO_MISSING,
    ordered,
  };
}

export function stringColumn(
  name: string,
  values: readonly string[],
  opts: ColumnOptions<string> & { width?: number } = {},
): StringColumn {
  return {
    type: 'string',
    name,
    values,
    label: opts.label ?? null,
    measure: opts.measure ?? 'nominal',
    format: opts.format ?? null,
    valueLabels: toMap(opts.valueLabels),
    missing: opts.missing ?? NO_MISSING,
    width: opts.width ?? 0,
  };
}

/** Physical length of a column (before any row selection of its dataset). */
export function columnLength(col: Column): number {
  return col.values.length;
}

/** True when a number is system-missing (NaN) or user-missing under the column's definition. */
export function isMissingNumber(missing: MissingValues<number>, v: number): boolean {
  if (Number.isNaN(v)) return true;
  if (missing.range !== null && v >= missing.range[0] && v <= missing.range[1]) return true;
  for (const m of missing.values) if (m === v) return true;
  return false;
}

/** True when a string is user-missing. SPSS compares strings after trimming trailing blanks. */
export function isMissingString(missing: MissingValues<string>, v: string): boolean {
  if (missing.values.length === 0) return false;
  const t = v.replace(/ +$/, '');
  for (const m of missing.values) if (m.replace(/ +$/, '') === t) return true;
  return false;
}

/** Label of a code, or the code itself as text when it has no label. */
export function labelOf(col: Column, value: number | string): string {
  if (col.type === 'string') return col.valueLabels.get(String(value)) ?? String(value);
  const n = typeof value === 'number' ? value : Number(value);
  return col.valueLabels.get(n) ?? String(value);
}

function toMap<V>(labels: ReadonlyMap<V, string> | Iterable<readonly [V, string]> | undefined): ReadonlyMap<V, string> {
  if (labels === undefined) return new Map();
  if (labels instanceof Map) return labels;
  return new Map(labels as Iterable<readonly [V, string]>);
}
