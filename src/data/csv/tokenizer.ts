/**
 * An incremental CSV tokenizer (RFC 4180 with a choice of separator).
 *
 * Text arrives in chunks of any size; every complete record is handed to `onRecord` together with
 * the 1-based line number on which it starts, so later errors (wrong number of fields, a value that
 * does not parse) can name the line. Fields may be enclosed in double quotes and then contain the
 * separator, line breaks and doubled quotes. Line ends are LF or CRLF (a lone CR is kept as text).
 *
 * Anything that is not valid CSV is an error naming file and line, never a guess: a quote inside an
 * unquoted field, text after a closing quote, a quote that is never closed.
 */
import { FileFormatError } from '../../errors.js';
import { MAX_COLUMNS } from '../limits.js';

const QUOTE = 34;
const LF = 10;
const CR = 13;

export type RecordHandler = (fields: string[], line: number) => void;

export class CsvTokenizer {
  private readonly sep: number;
  private fields: string[] = [];
  /** Text of the current field gathered from earlier chunks (field spans a chunk boundary). */
  private pending = '';
  /** Inside a quoted field. */
  private quoted = false;
  /** The current field started with a quote (possibly already closed). */
  private wasQuoted = false;
  /** Just saw a quote inside a quoted field: either an escaped quote or the closing one. */
  private quoteSeen = false;
  /** A CR ended the previous chunk outside quotes; the record ends if LF follows. */
  private crPending = false;
  /** Line of the start of the current record, and of the current position. */
  private recordLine = 1;
  private line = 1;
  private fieldLine = 1;
  /** True while no character of the current record has been seen. */
  private atRecordStart = true;
  /** Longest field allowed, and what a field is called in the error (limits.ts). */
  private maxChars = Number.POSITIVE_INFINITY;
  private fieldWhat = 'field';

  constructor(
    separator: string,
    private readonly file: string,
    private readonly onRecord: RecordHandler,
  ) {
    if (separator.length !== 1 || separator === '"' || separator === '\n' || separator === '\r') {
      throw new FileFormatError(`cannot use ${JSON.stringify(separator)} as separator`, { file });
    }
    this.sep = separator.charCodeAt(0);
  }

  /**
   * From now on a field longer than `maxChars` is an error naming file, line, column and the
   * limit, raised before the field is gathered further (memory stays bounded).
   */
  limitFields(maxChars: number, what: string): void {
    this.maxChars = maxChars;
    this.fieldWhat = what;
  }

  private tooLong(length: number): never {
    const n = this.maxChars.toLocaleString('en-US');
    throw new FileFormatError(
      `${this.fieldWhat} ${this.fields.length + 1} is longer than ${n} characters (${length.toLocaleString('en-US')} or more); spiegel reads ${this.fieldWhat}s of at most ${n} characters`,
      { file: this.file, line: this.fieldLine, column: this.fields.length + 1 },
    );
  }

  /** Feeds the next piece of text. */
  push(text: string): void {
    const sep = this.sep;
    let i = 0;
    const n = text.length;
    let start = 0; // start of the unconsumed part of the current field in `text`
    if (this.crPending) {
      this.crPending = false;
      if (n > 0 && text.charCodeAt(0) === LF) {
        i = 1;
        start = 1;
        this.endRecord();
        this.line++;
      } else {
        // A lone CR is ordinary text of the field.
        this.ordinaryChar();
        this.pending += '\r';
      }
    }
    if (this.quoteSeen && n > 0) {
      // The previous chunk ended on a quote inside a quoted field.
      this.quoteSeen = false;
      if (text.charCodeAt(0) === QUOTE) {
        this.pending += '"';
        i = 1;
        start = 1;
      } else {
        this.quoted = false;
      }
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.quoted) {
        if (c === QUOTE) {
          if (i + 1 === n) {
            // Escaped or closing: the next chunk tells.
            this.pending += text.slice(start, i);
            this.quoteSeen = true;
            return;
          }
          this.pending += text.slice(start, i);
          if (text.charCodeAt(i + 1) === QUOTE) {
            this.pending += '"';
            i += 2;
            start = i;
          } else {
            this.quoted = false;
            i++;
            start = i;
          }
        } else {
          // Jump to the next quote, counting the line breaks passed.
          let q = text.indexOf('"', i);
          if (q < 0) q = n;
          for (let j = i; j < q; j++) if (text.charCodeAt(j) === LF) this.line++;
          i = q;
        }
        continue;
      }
      if (c === sep) {
        this.fields.push(this.takeField(text, start, i));
        // A separator means one more field follows.
        if (this.fields.length >= MAX_COLUMNS) {
          throw new FileFormatError(
            `this line has more than ${MAX_COLUMNS.toLocaleString('en-US')} fields; spiegel reads at most ${MAX_COLUMNS.toLocaleString('en-US')} columns`,
            { file: this.file, line: this.recordLine },
          );
        }
        this.atRecordStart = false;
        i++;
        start = i;
        this.fieldLine = this.line;
      } else if (c === LF || c === CR) {
        const end = i;
        if (c === CR) {
          if (i + 1 < n) {
            if (text.charCodeAt(i + 1) !== LF) {
              // Lone CR: an ordinary character.
              this.ordinaryChar();
              i++;
              continue;
            }
            i += 2;
          } else {
            // CR at the end of the chunk: decided when the next chunk comes.
            this.pending += text.slice(start, end);
            this.crPending = true;
            return;
          }
        } else {
          i++;
        }
        this.pending += text.slice(start, end);
        start = i;
        this.endRecord();
        this.line++;
      } else if (c === QUOTE) {
        if (this.wasQuoted) this.afterClosingQuote();
        if (i !== start || this.pending.length > 0) {
          throw new FileFormatError(
            'double quote inside an unquoted field (enclose the field in double quotes and write a quote as "")',
            { file: this.file, line: this.line },
          );
        }
        this.quoted = true;
        this.wasQuoted = true;
        this.fieldLine = this.line;
        this.atRecordStart = false;
        i++;
        start = i;
      } else {
        this.ordinaryChar();
        i++;
        // Skip the rest of an ordinary run in a tight loop.
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === sep || d === LF || d === CR || d === QUOTE) break;
          i++;
        }
      }
    }
    if (this.pending.length + (n - start) > this.maxChars) this.tooLong(this.pending.length + (n - start));
    this.pending += text.slice(start, n);
  }

  /** Signals the end of the input; flushes the last record. */
  end(): void {
    if (this.crPending) {
      this.crPending = false;
      this.endRecord();
      return;
    }
    if (this.quoted && !this.quoteSeen) {
      throw new FileFormatError('the file ends inside a quoted field (a closing double quote is missing)', {
        file: this.file,
        line: this.fieldLine,
      });
    }
    this.quoted = false;
    this.quoteSeen = false;
    if (!this.atRecordStart || this.pending.length > 0 || this.wasQuoted) this.endRecord();
  }

  private ordinaryChar(): void {
    if (this.wasQuoted) this.afterClosingQuote();
    this.atRecordStart = false;
  }

  private afterClosingQuote(): never {
    throw new FileFormatError('a closing double quote must be followed by the separator or the end of the line', {
      file: this.file,
      line: this.line,
    });
  }

  private takeField(text: string, start: number, end: number): string {
    let f: string;
    if (this.pending.length > 0) {
      f = this.pending + text.slice(start, end);
      this.pending = '';
    } else {
      f = text.slice(start, end);
    }
    if (f.length > this.maxChars) this.tooLong(f.length);
    this.wasQuoted = false;
    return f;
  }

  private endRecord(): void {
    const last = this.pending;
    if (last.length > this.maxChars) this.tooLong(last.length);
    this.pending = '';
    this.wasQuoted = false;
    this.fields.push(last);
    const fields = this.fields;
    this.fields = [];
    this.atRecordStart = true;
    const line = this.recordLine;
    this.recordLine = this.line + 1;
    this.fieldLine = this.recordLine;
    this.onRecord(fields, line);
  }
}
