/**
 * Reading a CSV file, with or without a codebook, into a Dataset.
 *
 * The file is streamed (decoded chunk by chunk, tokenized incrementally) so that memory holds the
 * columns, not the file. Each column is either declared by the codebook (then every cell must parse
 * as the declared type, or the error names file, line and column) or inferred (see ../infer.ts).
 */
import { access } from 'node:fs/promises';
import { FileFormatError, InvalidInputError } from '../../errors.js';
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
import {
  type Codebook,
  type CodebookVariable,
  CodebookError,
  codebookNumber,
  codebookPathFor,
  loadCodebook,
} from '../codebook.js';
import { Dataset } from '../dataset.js';
import { type Decimal, InferringColumn, NumberList } from '../infer.js';
import { checkEncoding, decodeFile } from './decode.js';
import { type NumberCell, parseNumberCell } from './number.js';
import { CsvTokenizer } from './tokenizer.js';
import { checkCodebookColumns, checkHeader } from './header.js';
import { MAX_FIELD_CHARS, MAX_NAME_CHARS } from '../limits.js';
import type { WarningHandler } from '../warnings.js';

export interface CsvReadOptions {
  /** Field separator; detected from the header line when absent (comma, semicolon or tab). */
  separator?: string;
  /** Decimal mark of numbers; detected per column when absent. */
  decimal?: '.' | ',';
  /** Character encoding; default from the codebook, else UTF-8. */
  encoding?: string;
  /** Codebook path; by default `<name>.codebook.yaml|yml|json` beside the CSV is used if present. `false`: none. */
  codebook?: string | false;
  /** Texts that mean "missing" besides the empty field (e.g. "NA"). */
  na?: readonly string[];
  /** Told when the file disagrees with itself in a way the reader can settle (see ../warnings.ts). */
  onWarning?: WarningHandler;
}

interface Settings {
  file: string;
  encoding: string;
  separator: string | null;
  decimal: Decimal;
  na: ReadonlySet<string>;
}

/** The codebook that applies to `path` under `options`, or null. */
export async function findCodebook(path: string, options: CsvReadOptions): Promise<Codebook | null> {
  if (options.codebook === false) return null;
  if (options.codebook !== undefined) return loadCodebook(options.codebook);
  for (const candidate of codebookPathFor(path)) {
    try {
      await access(candidate);
    } catch {
      continue;
    }
    return loadCodebook(candidate);
  }
  return null;
}

export async function readCsv(path: string, options: CsvReadOptions = {}): Promise<Dataset> {
  const codebook = await findCodebook(path, options);
  const encSource = options.encoding ?? codebook?.encoding ?? 'utf-8';
  const encoding = checkEncoding(
    encSource,
    options.encoding === undefined && codebook?.encoding != null ? codebook.where('encoding') : { field: '--encoding' },
  );
  const separator = options.separator ?? codebook?.separator ?? null;
  if (separator !== null && (separator.length !== 1 || separator === '"' || separator === '\n' || separator === '\r')) {
    throw new InvalidInputError(`separator must be one character such as "," or ";" (got ${JSON.stringify(separator)})`, {
      field: '--separator',
    });
  }
  const settings: Settings = {
    file: path,
    encoding,
    separator,
    decimal: options.decimal ?? codebook?.decimal ?? 'auto',
    na: new Set(options.na ?? codebook?.na ?? []),
  };

  let builders: ColumnBuilder[] = [];
  let rows = 0;
  await scan(settings, (header) => {
    if (codebook !== null) checkCodebookColumns(codebook, header, path);
    builders = header.map((name) => makeBuilder(name, codebook?.variables.get(name) ?? null, settings));
  }, (fields, line) => {
    for (let j = 0; j < fields.length; j++) builders[j].add(fields[j], line);
    rows++;
  });

  // Columns that turned out to be text after numbers were seen: read their text again.
  const reread = builders
    .map((b, j) => ({ b, j }))
    .filter(({ b }) => b instanceof InferredBuilder && b.needsFullText());
  if (reread.length > 0) {
    const texts = reread.map(() => new Array<string>(rows));
    let r = 0;
    await scan(settings, () => undefined, (fields, line) => {
      if (r >= rows) throw new FileFormatError('the file changed while it was being read', { file: path, line });
      for (let k = 0; k < reread.length; k++) texts[k][r] = fields[reread[k].j];
      r++;
    });
    if (r !== rows) throw new FileFormatError('the file changed while it was being read', { file: path });
    reread.forEach(({ b }, k) => (b as InferredBuilder).setText(texts[k]));
  }
  return new Dataset(builders.map((b) => b.finish()));
}

/** Streams `settings.file` through the tokenizer: the header once, then every data record. */
async function scan(
  settings: Settings,
  onHeader: (names: string[]) => void,
  onRow: (fields: string[], line: number) => void,
): Promise<void> {
  const file = settings.file;
  let tokenizer: CsvTokenizer | null = null;
  let ncol = -1;
  let buffered = '';
  const onRecord = (fields: string[], line: number): void => {
    if (ncol < 0) {
      const names = fields.map((f) => f.trim());
      checkHeader(names, file, line);
      ncol = names.length;
      // Data fields may be longer than names, up to their own limit.
      (tokenizer as unknown as CsvTokenizer).limitFields(MAX_FIELD_CHARS, 'field');
      onHeader(names);
      return;
    }
    if (fields.length !== ncol) {
      if (fields.length === 1 && fields[0] === '') return; // blank line
      throw new FileFormatError(`this row has ${fields.length} fields, the header has ${ncol}`, { file, line });
    }
    onRow(fields, line);
  };
  const start = (text: string): void => {
    const sep = settings.separator ?? detectSeparator(text);
    tokenizer = new CsvTokenizer(sep, file, onRecord);
    tokenizer.limitFields(MAX_NAME_CHARS, 'column name');
    tokenizer.push(text);
  };
  for await (const chunk of decodeFile(file, settings.encoding, file)) {
    if (tokenizer !== null) {
      (tokenizer as CsvTokenizer).push(chunk);
      continue;
    }
    buffered += chunk;
    // Detect the separator once the header line is complete (or 1 MB of it is there).
    if (settings.separator !== null || buffered.length >= 1 << 20 || headerEnd(buffered) >= 0) {
      start(buffered);
      buffered = '';
    }
  }
  if (tokenizer === null) {
    if (buffered.length === 0) throw new FileFormatError('the file is empty (a CSV file needs a header line)', { file, line: 1 });
    start(buffered);
  }
  (tokenizer as unknown as CsvTokenizer).end();
  if (ncol < 0) throw new FileFormatError('the file is empty (a CSV file needs a header line)', { file, line: 1 });
}

/** Index of the first line end outside quotes, or -1. */
function headerEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) return i;
  }
  return -1;
}

/** The separator of the header line: the most frequent of ; , and tab outside quotes (comma on a tie). */
export function detectSeparator(text: string): string {
  const end = headerEnd(text);
  const line = end < 0 ? text : text.slice(0, end);
  let quoted = false;
  let comma = 0;
  let semi = 0;
  let tab = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted) {
      if (c === 44) comma++;
      else if (c === 59) semi++;
      else if (c === 9) tab++;
    }
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}

// ---------------------------------------------------------------------------------------------
// Column builders

interface ColumnBuilder {
  add(text: string, line: number): void;
  finish(): Column;
}

function makeBuilder(name: string, v: CodebookVariable | null, s: Settings): ColumnBuilder {
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
class InferredBuilder implements ColumnBuilder {
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

