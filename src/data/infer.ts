/**
 * Gathering the cells of one text column into numbers or strings as they stream past.
 *
 * Without a codebook a column is numeric while every non-empty cell is a number; the first cell that
 * is not turns it into a string column. Only the cells seen before that point need their original
 * text again (the numbers cannot give back "007"); the caller re-reads those few columns, so the
 * common case stays one pass and one Float64Array per column.
 *
 * The decimal mark is decided per column: only points, or only commas ("6,5"), make a number column;
 * a column that uses both is ambiguous and becomes a string column (a codebook can say otherwise).
 * An integer written with a leading zero ("007", "0612") is an identifier, not a number, so it
 * makes the column a string column too: reading it as 7 would lose the zeros.
 */
import { type NumberCell, parseNumberCell } from './csv/number.js';

export type Decimal = '.' | ',' | 'auto';

/** Grows a Float64Array by doubling; starts small, since a wide file has a million of them. */
export class NumberList {
  values = new Float64Array(8);
  length = 0;
  push(v: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = v;
  }
  toArray(): Float64Array {
    return this.values.slice(0, this.length);
  }
}

const cell: NumberCell = { value: NaN, ok: true, mark: 'none', leadingZero: false };

/** Collects one column whose type is to be inferred. */
export class InferringColumn {
  /** 'number' until a cell is not a number. */
  kind: 'number' | 'string' = 'number';
  readonly numbers = new NumberList();
  /** Texts from row `stringsFrom` on, once the column is a string column. */
  strings: string[] = [];
  stringsFrom = 0;
  /** A number was seen before the column turned string: rows before stringsFrom must be re-read. */
  needsReread = false;
  sawPoint = false;
  sawComma = false;
  private sawNumber = false;
  private rows = 0;

  constructor(private readonly decimal: Decimal) {}

  add(text: string): void {
    if (this.kind === 'number') {
      parseNumberCell(text, this.decimal, cell);
      if (cell.ok && !cell.leadingZero) {
        if (cell.mark === '.') this.sawPoint = true;
        else if (cell.mark === ',') this.sawComma = true;
        if (!Number.isNaN(cell.value)) this.sawNumber = true;
        this.numbers.push(cell.value);
        this.rows++;
        return;
      }
      this.kind = 'string';
      this.stringsFrom = this.rows;
      this.needsReread = this.sawNumber;
    }
    this.strings.push(text);
    this.rows++;
  }

  /** True when the column ended as numbers with one consistent decimal mark. */
  isNumeric(): boolean {
    return this.kind === 'number' && !(this.sawPoint && this.sawComma);
  }
}
