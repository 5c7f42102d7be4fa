/**
 * Frames (registers) as row streams with two kinds of pass: `scan` over every row for a few
 * columns, and `select` for the full records of chosen rows. CSV frames are read record by
 * record and .sav/.zsav frames in batches of cases (src/data/sav openSav, only the columns a
 * scan names), so a 20-million-row register never has to fit in memory: the sampler scans it
 * once for the columns it needs, and selects the sampled records in a second pass. An in-memory
 * dataset is a frame too.
 */
import { extname } from 'node:path';
import { FileFormatError } from '../errors.js';
import { decodeFile } from '../data/csv/decode.js';
import { CsvTokenizer } from '../data/csv/tokenizer.js';
import { detectSeparator } from '../data/csv/read.js';
import { type Column, labelOf, numericColumn, stringColumn } from '../data/column.js';
import { Dataset } from '../data/dataset.js';
import { readDataset } from '../data/io.js';
import { openSav } from '../data/sav/index.js';

/** A cell as the sampler sees it: text, or a number for numeric columns of a dataset. */
export type Cell = string | number;

export interface FrameSource {
  /** File name for messages (or a description). */
  readonly name: string;
  /** Column names. */
  header(): Promise<string[]>;
  /**
   * Calls `onRow` for every record with its 0-based row number and the 1-based line (CSV) or row
   * number (other formats) for messages. `cell(j)` returns the value of column j; when
   * `columns` is given, only those columns may be asked for (a .sav frame then decodes no others).
   */
  scan(onRow: (cell: (j: number) => Cell, row: number, line: number) => void, columns?: readonly number[]): Promise<void>;
  /** The full records of the given rows (0-based, ascending), in that order. */
  select(rows: Uint32Array): Promise<Dataset>;
}

/** Streaming CSV frame (UTF-8 unless an encoding is given; separator detected from the header). */
export class CsvFrame implements FrameSource {
  private names: string[] | null = null;
  separator = ',';
  constructor(
    readonly name: string,
    private readonly encoding = 'utf-8',
  ) {}

  async header(): Promise<string[]> {
    if (this.names === null) {
      let names: string[] | null = null;
      try {
        await this.records((fields) => {
          names = fields.map((f) => f.trim());
          throw new StopScan();
        });
      } catch (e) {
        if (!(e instanceof StopScan)) throw e;
      }
      if (names === null) throw new FileFormatError('the file is empty (a CSV file needs a header line)', { file: this.name, line: 1 });
      this.names = names;
    }
    return this.names;
  }

  /** Every field is tokenized anyway, so `columns` changes nothing here. */
  async scan(onRow: (cell: (j: number) => Cell, row: number, line: number) => void, _columns?: readonly number[]): Promise<void> {
    let ncol = -1;
    let row = 0;
    let current: string[] = [];
    const cell = (j: number): Cell => current[j];
    await this.records((fields, line) => {
      if (ncol < 0) {
        ncol = fields.length;
        return;
      }
      if (fields.length !== ncol) {
        if (fields.length === 1 && fields[0] === '') return;
        throw new FileFormatError(`this row has ${fields.length} fields, the header has ${ncol}`, { file: this.name, line });
      }
      current = fields;
      onRow(cell, row++, line);
    });
  }

  /**
   * The selected records as text, one column per header field: numeric where every selected
   * value reads as a number (or is empty), else string.
   */
  async select(rows: Uint32Array): Promise<Dataset> {
    const header = await this.header();
    const texts = header.map(() => new Array<string>(rows.length));
    let next = 0;
    await this.scan((cell, row) => {
      if (next >= rows.length || rows[next] !== row) return;
      header.forEach((_, j) => (texts[j][next] = String(cell(j))));
      next++;
    });
    const cols: Column[] = header.map((h, j) => {
      const t = texts[j];
      const numeric = t.every((s) => s.trim() === '' || Number.isFinite(Number(s)));
      return numeric ? numericColumn(h, Float64Array.from(t, (s) => (s.trim() === '' ? NaN : Number(s)))) : stringColumn(h, t);
    });
    return new Dataset(cols);
  }

  /** Raw records (header first), streaming. */
  async records(onRecord: (fields: string[], line: number) => void): Promise<void> {
    let tokenizer: CsvTokenizer | null = null;
    let buffered = '';
    for await (const chunk of decodeFile(this.name, this.encoding, this.name)) {
      if (tokenizer !== null) {
        tokenizer.push(chunk);
        continue;
      }
      buffered += chunk;
      if (/[\r\n]/.test(buffered) || buffered.length > 1 << 16) {
        this.separator = detectSeparator(buffered);
        tokenizer = new CsvTokenizer(this.separator, this.name, onRecord);
        tokenizer.push(buffered);
        buffered = '';
      }
    }
    if (tokenizer === null) {
      this.separator = detectSeparator(buffered);
      tokenizer = new CsvTokenizer(this.separator, this.name, onRecord);
      tokenizer.push(buffered);
    }
    tokenizer.end();
  }
}

class StopScan extends Error {}

/** An in-memory dataset as a frame; categorical cells are given by value label when they have one. */
export class DatasetFrame implements FrameSource {
  constructor(
    readonly data: Dataset,
    readonly name = 'frame',
  ) {}
  async header(): Promise<string[]> {
    return this.data.names();
  }
  async scan(onRow: (cell: (j: number) => Cell, row: number, line: number) => void, _columns?: readonly number[]): Promise<void> {
    const cols = this.data.columns;
    let r = 0;
    const cell = (j: number): Cell => cellOf(cols[j], r);
    for (let i = 0; i < this.data.nrow; i++) {
      r = this.data.physical(i);
      onRow(cell, i, i + 1);
    }
  }

  async select(rows: Uint32Array): Promise<Dataset> {
    const d = this.data;
    return new Dataset(d.columns, Uint32Array.from(rows, (r) => d.physical(r))).materialize();
  }
}

/** A cell of a dataset column: categorical values by value label when they have one. */
function cellOf(c: Column, r: number): Cell {
  const v = c.values[r];
  if (c.type === 'string') return v as string;
  if (c.type === 'categorical' && c.valueLabels.size > 0) return labelOf(c, v as number);
  return v as number;
}

/**
 * A .sav/.zsav frame, read streaming: each pass opens the file, reads the dictionary and decodes
 * the cases in batches, keeping only the columns the pass needs. Cells are as in DatasetFrame.
 */
export class SavFrame implements FrameSource {
  private names: string[] | null = null;
  constructor(
    readonly name: string,
    private readonly encoding?: string,
    /** Cases per batch (memory of a pass: this many rows of the columns it reads). */
    private readonly batchRows = 65_536,
  ) {}

  async header(): Promise<string[]> {
    if (this.names === null) {
      const sav = await openSav(this.name, this.options());
      this.names = sav.columns.map((c) => c.name);
      await sav.close();
    }
    return this.names;
  }

  async scan(onRow: (cell: (j: number) => Cell, row: number, line: number) => void, columns?: readonly number[]): Promise<void> {
    const header = await this.header();
    const wanted = columns === undefined ? header.map((_, j) => j) : [...new Set(columns)].sort((a, b) => a - b);
    // Batch column of each header column (batches keep the file's order), -1 when not read.
    const at = new Int32Array(header.length).fill(-1);
    wanted.forEach((j, k) => (at[j] = k));
    const sav = await openSav(this.name, this.options());
    try {
      let cols: readonly Column[] = [];
      let r = 0;
      const cell = (j: number): Cell => {
        const k = at[j];
        if (k < 0) throw new Error(`internal: column ${header[j]} was not asked for in this pass over ${this.name}`);
        return cellOf(cols[k], r);
      };
      let row = 0;
      for await (const batch of sav.batches({ columns: wanted.map((j) => header[j]), batchRows: this.batchRows })) {
        cols = batch.columns;
        for (r = 0; r < batch.nrow; r++, row++) onRow(cell, row, row + 1);
      }
    } finally {
      await sav.close();
    }
  }

  /** The selected cases with the file's full dictionary (labels, missing values, formats). */
  async select(rows: Uint32Array): Promise<Dataset> {
    const sav = await openSav(this.name, this.options());
    try {
      const out = sav.columns.map((c) => (c.type === 'string' ? new Array<string>(rows.length) : new Float64Array(rows.length)));
      let next = 0;
      let first = 0;
      for await (const batch of sav.batches({ batchRows: this.batchRows })) {
        const end = first + batch.nrow;
        for (; next < rows.length && rows[next] < end; next++) {
          const r = rows[next] - first;
          batch.columns.forEach((c, j) => (out[j][next] = c.values[r]));
        }
        first = end;
        if (next === rows.length) break;
      }
      if (next < rows.length) throw new Error(`internal: row ${rows[next] + 1} is past the end of ${this.name} (${first} cases)`);
      return new Dataset(sav.columns.map((c, j): Column => ({ ...c, values: out[j] }) as Column));
    } finally {
      await sav.close();
    }
  }

  private options(): { encoding?: string } {
    return this.encoding === undefined ? {} : { encoding: this.encoding };
  }
}

/** A frame file: CSV and .sav/.zsav stream; other formats are read whole. */
export async function openFrame(path: string, encoding?: string): Promise<FrameSource> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return new CsvFrame(path, encoding);
  if (ext === '.sav' || ext === '.zsav') return new SavFrame(path, encoding);
  return new DatasetFrame(await readDataset(path), path);
}

export function cellText(c: Cell): string {
  return typeof c === 'number' ? (Number.isNaN(c) ? '' : String(c)) : c.trim();
}

export function cellNumber(c: Cell): number {
  if (typeof c === 'number') return c;
  const t = c.trim();
  if (t === '') return NaN;
  const v = Number(t.replace(',', '.'));
  return v;
}
