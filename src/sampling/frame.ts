/**
 * Frames (registers) as row streams. A CSV frame is read streaming, record by record, so a
 * 20-million-row register never has to fit in memory: the sampler reads it once to collect the
 * few columns it needs, and once more to copy the selected records. Other formats (.sav) and
 * in-memory datasets are read through src/data and iterated row by row.
 */
import { extname } from 'node:path';
import { FileFormatError } from '../errors.js';
import { decodeFile } from '../data/csv/decode.js';
import { CsvTokenizer } from '../data/csv/tokenizer.js';
import { detectSeparator } from '../data/csv/read.js';
import { labelOf } from '../data/column.js';
import type { Dataset } from '../data/dataset.js';
import { readDataset } from '../data/io.js';

/** A cell as the sampler sees it: text, or a number for numeric columns of a dataset. */
export type Cell = string | number;

export interface FrameSource {
  /** File name for messages (or a description). */
  readonly name: string;
  /** Column names. */
  header(): Promise<string[]>;
  /**
   * Calls `onRow` for every record with its 0-based row number and the 1-based line (CSV) or row
   * number (other formats) for messages. `cell(j)` returns the value of column j.
   */
  scan(onRow: (cell: (j: number) => Cell, row: number, line: number) => void): Promise<void>;
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

  async scan(onRow: (cell: (j: number) => Cell, row: number, line: number) => void): Promise<void> {
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
  async scan(onRow: (cell: (j: number) => Cell, row: number, line: number) => void): Promise<void> {
    const cols = this.data.columns;
    let r = 0;
    const cell = (j: number): Cell => {
      const c = cols[j];
      const v = c.values[r];
      if (c.type === 'string') return v as string;
      if (c.type === 'categorical' && c.valueLabels.size > 0) return labelOf(c, v as number);
      return v as number;
    };
    for (let i = 0; i < this.data.nrow; i++) {
      r = this.data.physical(i);
      onRow(cell, i, i + 1);
    }
  }
}

/** A frame file: CSV streams; other formats are read whole. */
export async function openFrame(path: string, encoding?: string): Promise<FrameSource> {
  if (extname(path).toLowerCase() === '.csv') return new CsvFrame(path, encoding);
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
