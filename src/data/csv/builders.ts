/**
 * Column builders of the CSV reader: each collects one column's cells as they are tokenized and
 * makes the finished column, declared by the codebook (every cell must parse as the declared
 * type, or the error names file, line and column) or inferred (see ../infer.ts).
 */
import { FileFormatError } from '../../errors.js';
import {
  type CategoricalColumn,
  type Column,
  type MissingValues,
  type NumericColumn,
  type StringColumn,
  NO_MISSING,
  categoricalColumn,
  numericColumn,
  stringColumn,
} from '../column.js';
import { type CodebookVariable, CodebookError, codebookNumber } from '../codebook.js';
import { type Decimal, InferringColumn, NumberList } from '../infer.js';
import { type NumberCell, parseNumberCell } from './number.js';

/** What the reader settled on for a file, as the builders need it. */
export interface Settings {
  file: string;
  encoding: string;
  separator: string | null;
  decimal: Decimal;
  na: ReadonlySet<string>;
}

export interface ColumnBuilder {
  add(text: string, line: number): void;
  finish(): Column;
}

export function makeBuilder(name: string, v: CodebookVariable | null, s: Settings): ColumnBuilder {
  if (v === null || v.type === null) return new InferredBuilder(name, v, s);
  if (v.type === 'string') return new StringBuilder(name, v, s);
  return new DeclaredNumberBuilder(name, v, v.type, s);
}

const cell: NumberCell = { value: NaN, ok: true, mark: 'none', leadingZero: false };

class DeclaredNumberBuilder implements ColumnBuilder {
  private readonly numbers = new NumberList();
  private firstPoint = 0;
  private firstComma = 0;
  constructor(
    private readonly name: string,
    private readonly v: CodebookVariable,
    private readonly type: 'numeric' | 'categorical',
    private readonly s: Settings,
  ) {}

  add(text: string, line: number): void {
    if (this.s.na.has(text)) {
      this.numbers.push(NaN);
      return;
    }
    parseNumberCell(text, this.s.decimal, cell);
    if (!cell.ok) {
      throw new FileFormatError(
        `column "${this.name}" is ${this.type} in the codebook, but "${shorten(text)}" ` +
          (/^\s*[+-]?(\d+[.,]?\d*|[.,]\d+)[eE][+-]?\d+\s*$/.test(text) ? 'is too large for a number (beyond ±1.8e308)' : 'is not a number') +
          (this.s.decimal !== 'auto' && /^\s*[+-]?\d*[.,]\d+\s*$/.test(text) ? ` with decimal mark "${this.s.decimal}"` : ''),
        { file: this.s.file, line },
      );
    }
    if (cell.mark === '.' && this.firstPoint === 0) this.firstPoint = line;
    if (cell.mark === ',' && this.firstComma === 0) this.firstComma = line;
    if (this.firstPoint > 0 && this.firstComma > 0) {
      throw new FileFormatError(
        `column "${this.name}" mixes decimal points (line ${this.firstPoint}) and decimal commas (line ${this.firstComma}); set decimal in the codebook or use --decimal`,
        { file: this.s.file, line },
      );
    }
    this.numbers.push(cell.value);
  }

  finish(): Column {
    return numberColumn(this.name, this.numbers.toArray(), this.v, this.type);
  }
}

class StringBuilder implements ColumnBuilder {
  private readonly values: string[] = [];
  private maxBytes = 0;
  constructor(
    private readonly name: string,
    private readonly v: CodebookVariable | null,
    private readonly s: Settings,
  ) {}
  add(text: string, line: number): void {
    const t = this.s.na.has(text) ? '' : text;
    const bytes = byteLength(t);
    if (this.v?.width != null && bytes > this.v.width) {
      throw new FileFormatError(
        `column "${this.name}" has width ${this.v.width} in the codebook, but this value is ${bytes} bytes long`,
        { file: this.s.file, line },
      );
    }
    if (bytes > this.maxBytes) this.maxBytes = bytes;
    this.values.push(t);
  }
  finish(): Column {
    return textColumn(this.name, this.values, this.maxBytes, this.v);
  }
}

/** A column without a declared type: numbers while possible, else text. */
export class InferredBuilder implements ColumnBuilder {
  private readonly col: InferringColumn;
  private text: string[] | null = null;
  constructor(
    private readonly name: string,
    private readonly v: CodebookVariable | null,
    private readonly s: Settings,
  ) {
    this.col = new InferringColumn(s.decimal);
  }
  add(text: string): void {
    this.col.add(this.s.na.has(text) ? '' : text);
  }
  needsFullText(): boolean {
    return this.col.needsReread || (this.col.kind === 'number' && !this.col.isNumeric());
  }
  setText(values: string[]): void {
    this.text = this.s.na.size > 0 ? values.map((t) => (this.s.na.has(t) ? '' : t)) : values;
  }
  finish(): Column {
    if (this.col.isNumeric()) {
      const type = this.v !== null && this.v.values.length > 0 ? 'categorical' : 'numeric';
      return numberColumn(this.name, this.col.numbers.toArray(), this.v, type);
    }
    let values = this.text;
    if (values === null) {
      // Every cell before the first text cell was empty.
      values = new Array<string>(this.col.stringsFrom).fill('');
      for (const t of this.col.strings) values.push(t);
    }
    let max = 0;
    for (const t of values) max = Math.max(max, byteLength(t));
    return textColumn(this.name, values, max, this.v);
  }
}

function byteLength(t: string): number {
  return t.length === 0 ? 0 : Buffer.byteLength(t, 'utf8');
}

function shorten(t: string): string {
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

// ---------------------------------------------------------------------------------------------
// Applying the codebook's dictionary

function numberColumn(
  name: string,
  values: Float64Array,
  v: CodebookVariable | null,
  type: 'numeric' | 'categorical',
): NumericColumn | CategoricalColumn {
  const labels = new Map<number, string>();
  let missing: MissingValues<number> = NO_MISSING;
  if (v !== null) {
    for (const [code, label] of v.values) {
      const x = codebookNumber(code);
      if (!Number.isFinite(x)) {
        throw new CodebookError(
          `value label code "${code}" is not a number, but "${name}" is a ${type} variable (quote codes only for string variables)`,
          v.where(`values.${code}`, true),
        );
      }
      labels.set(x, label);
    }
    missing = numberMissing(v, name);
    if (v.format !== null && /^A/.test(v.format)) {
      throw new CodebookError(`format ${v.format} is a string format, but "${name}" is a ${type} variable (use for example F8.2)`, v.where('format'));
    }
  }
  const opts = {
    label: v?.label ?? null,
    measure: v?.measure ?? null,
    format: v?.format ?? null,
    valueLabels: labels,
    missing,
  };
  if (type === 'categorical') {
    return categoricalColumn(name, values, { ...opts, measure: opts.measure ?? undefined });
  }
  return numericColumn(name, values, { ...opts, measure: v === null ? 'scale' : (v.measure ?? 'scale') });
}

function numberMissing(v: CodebookVariable, name: string): MissingValues<number> {
  const values: number[] = [];
  for (const t of v.missingValues) {
    const x = codebookNumber(t);
    if (!Number.isFinite(x)) {
      throw new CodebookError(`missing value "${t}" of numeric variable "${name}" is not a number`, v.where('missing'));
    }
    values.push(x);
  }
  let range: [number, number] | null = null;
  if (v.missingRange !== null) {
    const lo = codebookNumber(v.missingRange[0]);
    const hi = codebookNumber(v.missingRange[1]);
    if (Number.isNaN(lo) || Number.isNaN(hi) || lo > hi) {
      throw new CodebookError(
        `missing range of "${name}" must be two numbers [low, high] with low <= high (lowest/highest for open ends)`,
        v.where('missing'),
      );
    }
    range = [lo, hi];
  }
  const max = range === null ? 3 : 1;
  if (values.length > max) {
    throw new CodebookError(
      `"${name}" has ${values.length} missing values; SPSS allows at most three, or a range plus one value`,
      v.where('missing'),
    );
  }
  return values.length === 0 && range === null ? NO_MISSING : { values, range };
}

function textColumn(name: string, values: string[], maxBytes: number, v: CodebookVariable | null): StringColumn {
  if (v !== null && v.missingRange !== null) {
    throw new CodebookError(`"${name}" is a string variable; SPSS allows no missing range for strings`, v.where('missing'));
  }
  if (v !== null && v.missingValues.length > 3) {
    throw new CodebookError(`"${name}" has ${v.missingValues.length} missing values; SPSS allows at most three`, v.where('missing'));
  }
  if (v !== null && v.format !== null && !/^A\d/.test(v.format)) {
    throw new CodebookError(`format ${v.format} is a numeric format, but "${name}" is a string variable (use A<width>)`, v.where('format'));
  }
  const labels = new Map<string, string>(v === null ? [] : v.values.map(([c, l]) => [c, l] as [string, string]));
  const width = v?.width ?? Math.max(1, maxBytes);
  return stringColumn(name, values, {
    label: v?.label ?? null,
    measure: v?.measure ?? 'nominal',
    format: v?.format ?? null,
    valueLabels: labels,
    missing: v === null || v.missingValues.length === 0 ? NO_MISSING : { values: [...v.missingValues], range: null },
    width,
  });
}

