/**
 * Turns the data part of a system file into columns, one chunk at a time.
 *
 * A case is a row of 8-byte slots: a numeric variable takes one slot (a double), a string
 * variable ceil(width / 8) slots, a very long string one run of slots per 255-byte segment.
 * Uncompressed data is the slots as they are; bytecode compression (PSPP "Data Record") puts
 * eight 1-byte codes before the 8-byte values they need, and a case may start anywhere inside
 * such a block. Chunks are fed in order; a decoder returns how far it got so the caller keeps
 * the incomplete rest for the next chunk.
 */
import iconv from 'iconv-lite';
import { FileFormatError } from '../../errors.js';
import { CODE_EOF, CODE_RAW, CODE_SPACES, CODE_SYSMIS, SYSMIS } from './constants.js';
import type { SavDictionary } from './dictionary.js';

const KIND_NUMBER = 0;
/** Distinct values remembered per string variable; past this the variable is decoded row by row. */
const STRING_CACHE_LIMIT = 1024;
const KIND_STRING = 1;

export class CaseAssembler {
  /** Values of each numeric variable (index = variable's position among numeric variables). */
  numbers: Float64Array[];
  strings: string[][];
  /** Cases completed in the current batch (index of the next row in the arrays). */
  row = 0;
  /** Cases handed out in earlier batches (takeBatch). */
  private first = 0;
  /** The current batch has at least `batchRows` cases: the decoders stop at the next block boundary. */
  full = false;
  /** Next slot of the current case. */
  private slot = 0;
  private capacity: number;
  done = false;

  private readonly slotKind: Uint8Array;
  /** Numeric column index, or string variable index, per slot. */
  private readonly slotTarget: Int32Array;
  /** Byte offset of a string slot inside its variable's scratch buffer. */
  private readonly slotDest: Int32Array;
  private readonly scratch: Buffer[];
  private readonly pieces: { start: number; len: number }[][];
  private readonly joined: Buffer[];
  private readonly caches: (Map<string, string> | null)[];
  private readonly caseSlots: number;
  /** Cases the header gives (-1: not given). Advisory: the data decide, a difference is a warning. */
  private readonly declared: number;
  private readonly bias: number;
  private readonly le: boolean;
  private readonly decodeText: (b: Buffer, start: number, end: number) => string;

  /** String variables whose text is wanted; the others are skipped (no decoding, no storage). */
  private readonly wantString: boolean[];

  /**
   * `batchRows`: cases per batch when the caller takes the data in batches (takeBatch), or
   * Infinity to collect every case. `wanted`: per variable (dictionary order), whether its
   * values are kept; numbers are cheap and always decoded, unwanted strings are skipped.
   */
  constructor(
    dict: SavDictionary,
    private readonly file: string,
    initialCapacity: number,
    private readonly batchRows = Number.POSITIVE_INFINITY,
    wanted: readonly boolean[] | null = null,
  ) {
    this.wantString = [];
    this.caseSlots = dict.caseSlots;
    this.declared = dict.cases;
    this.bias = dict.bias;
    this.le = dict.littleEndian;
    this.slotKind = new Uint8Array(dict.caseSlots);
    this.slotTarget = new Int32Array(dict.caseSlots);
    this.slotDest = new Int32Array(dict.caseSlots);
    // A command block of 8 codes may finish up to 8 cases past the batch limit.
    this.capacity = Math.max(1, Number.isFinite(batchRows) ? batchRows + 8 : initialCapacity);
    this.numbers = [];
    this.strings = [];
    this.scratch = [];
    this.pieces = [];
    this.joined = [];
    this.caches = [];
    for (const [vi, v] of dict.variables.entries()) {
      if (v.width === 0) {
        const k = this.numbers.length;
        this.numbers.push(new Float64Array(this.capacity));
        this.slotKind[v.segments[0].slot] = KIND_NUMBER;
        this.slotTarget[v.segments[0].slot] = k;
      } else {
        const j = this.strings.length;
        this.strings.push([]);
        this.wantString.push(wanted === null || wanted[vi]);
        let bytes = 0;
        const pieces: { start: number; len: number }[] = [];
        for (const seg of v.segments) {
          pieces.push({ start: bytes, len: seg.used });
          for (let s = 0; s < seg.slots; s++) {
            this.slotKind[seg.slot + s] = KIND_STRING;
            this.slotTarget[seg.slot + s] = j;
            this.slotDest[seg.slot + s] = bytes + 8 * s;
          }
          bytes += 8 * seg.slots;
        }
        this.scratch.push(Buffer.alloc(bytes, 0x20));
        this.pieces.push(pieces);
        this.joined.push(Buffer.alloc(v.width));
        this.caches.push(v.width <= 255 ? new Map() : null);
      }
    }
    this.decodeText = textDecoder(dict.encoding);
    if (this.caseSlots === 0) this.done = true;
  }

  private fail(message: string, offset: number): never {
    throw new FileFormatError(message, { file: this.file, offset });
  }

  /** Case boundary: decode the strings of the finished case, make room for the next. */
  private finishCase(): void {
    const r = this.row;
    for (let j = 0; j < this.scratch.length; j++) {
      if (!this.wantString[j]) continue;
      const pieces = this.pieces[j];
      const buf = this.scratch[j];
      let text: string;
      if (pieces.length === 1) {
        const cache = this.caches[j];
        if (cache === null) {
          text = this.decodeText(buf, 0, pieces[0].len);
        } else {
          // Survey strings repeat (codes, places, "Weet niet"): one string object per distinct
          // value keeps the heap small for millions of rows. The key is the raw bytes as latin1.
          const key = buf.toString('latin1', 0, pieces[0].len);
          const hit = cache.get(key);
          if (hit !== undefined) {
            text = hit;
          } else {
            text = this.decodeText(buf, 0, pieces[0].len);
            cache.set(key, text);
            if (cache.size > STRING_CACHE_LIMIT) this.caches[j] = null;
          }
        }
      } else {
        const joined = this.joined[j];
        let at = 0;
        for (const p of pieces) at += buf.copy(joined, at, p.start, p.start + p.len);
        text = this.decodeText(joined, 0, at);
      }
      this.strings[j].push(text);
    }
    this.row = r + 1;
    this.slot = 0;
    if (this.row === this.capacity) this.grow();
    if (this.row >= this.batchRows) this.full = true;
  }

  private grow(): void {
    this.capacity *= 2;
    this.numbers = this.numbers.map((old) => {
      const next = new Float64Array(this.capacity);
      next.set(old);
      return next;
    });
  }

  /**
   * Decodes whole cases of uncompressed data in buf[start, end); returns where it stopped.
   * `baseOffset` is the file offset of buf[0], for error messages.
   */
  decodeRaw(buf: Buffer, start: number, end: number): number {
    const caseBytes = this.caseSlots * 8;
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const le = this.le;
    let p = start;
    while (!this.done && !this.full && p + caseBytes <= end) {
      const r = this.row;
      for (let s = 0; s < this.caseSlots; s++, p += 8) {
        if (this.slotKind[s] === KIND_NUMBER) {
          const v = dv.getFloat64(p, le);
          this.numbers[this.slotTarget[s]][r] = v === SYSMIS ? Number.NaN : v;
        } else {
          const dst = this.scratch[this.slotTarget[s]];
          const o = this.slotDest[s];
          for (let b = 0; b < 8; b++) dst[o + b] = buf[p + b];
        }
      }
      this.finishCase();
    }
    return p;
  }

  /**
   * Decodes complete command blocks of bytecode-compressed data in buf[start, end); returns
   * where it stopped (at a block whose raw values are not all in the buffer yet).
   */
  decodeBytecode(buf: Buffer, start: number, end: number, baseOffset: number, inflated = false): number {
    // Offsets in inflated zlib data are not file offsets: errors then name the block's offset.
    const at = (i: number): number => (inflated ? baseOffset : baseOffset + i);
    const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const le = this.le;
    const bias = this.bias;
    const kind = this.slotKind;
    const target = this.slotTarget;
    const dest = this.slotDest;
    const scratch = this.scratch;
    const caseSlots = this.caseSlots;
    // Hot loop: case position kept in locals, written back on every exit.
    let slot = this.slot;
    let row = this.row;
    let numbers = this.numbers;
    let p = start;
    // A full batch stops at the next block boundary, so decoding resumes at a block start.
    outer: while (!this.done && !this.full && p + 8 <= end) {
      let need = 8;
      for (let k = 0; k < 8; k++) {
        const c = buf[p + k];
        if (c === CODE_RAW) need += 8;
        else if (c === CODE_EOF) break;
      }
      if (p + need > end) break;
      let q = p + 8;
      for (let k = 0; k < 8; k++) {
        const c = buf[p + k];
        if (c === 0) {
          this.padding++;
          continue;
        }
        if (c === CODE_EOF) {
          this.slot = slot;
          if (slot !== 0) this.fail(`data ends in the middle of case ${this.first + row + 1}`, at(p + k));
          this.done = true;
          this.endOffset = at(p + k);
          return end;
        }
        const s = slot;
        if (kind[s] === KIND_NUMBER) {
          let v: number;
          if (c === CODE_RAW) {
            v = dv.getFloat64(q, le);
            q += 8;
            if (v === SYSMIS) v = Number.NaN;
          } else if (c === CODE_SYSMIS) {
            v = Number.NaN;
          } else if (c === CODE_SPACES) {
            this.slot = slot;
            this.fail(`compressed data has code 254 (spaces) for numeric variable slot ${s + 1} in case ${this.first + row + 1}`, at(p + k));
          } else {
            v = c - bias;
          }
          numbers[target[s]][row] = v;
        } else {
          const dst = scratch[target[s]];
          const o = dest[s];
          // Eight single-byte moves beat Buffer.copy/fill call overhead for 8 bytes.
          if (c === CODE_RAW) {
            for (let b = 0; b < 8; b++) dst[o + b] = buf[q + b];
            q += 8;
          } else if (c === CODE_SPACES) {
            for (let b = 0; b < 8; b++) dst[o + b] = 0x20;
          } else if (c === bias) {
            for (let b = 0; b < 8; b++) dst[o + b] = 0;
          } else {
            this.slot = slot;
            this.fail(`compressed data has code ${c} for string variable slot ${s + 1} in case ${this.first + row + 1}`, at(p + k));
          }
        }
        if (++slot === caseSlots) {
          this.slot = slot;
          this.finishCase();
          slot = 0;
          row = this.row;
          numbers = this.numbers;
          if (this.done) {
            p = q;
            break outer;
          }
        }
      }
      p = q;
    }
    this.slot = slot;
    return p;
  }

  /** End of the data: checks that no case is cut off. */
  finish(offset: number): void {
    if (this.slot !== 0) this.fail(`data ends in the middle of case ${this.first + this.row + 1}`, offset);
    this.done = true;
    this.endOffset = offset;
  }

  /** Padding codes (0) seen so far: they carry no value, so a file full of them is a bomb. */
  padding = 0;

  /** Rows the columns are allocated for now. */
  get capacityRows(): number {
    return this.capacity;
  }

  /** File offset where the data ended (the end-of-data code, or the end of the file), once done. */
  endOffset = -1;

  /**
   * Once the data have ended: a warning when the header's case count differs from the cases read,
   * or null. The count is advisory (as haven and PSPP treat it); the cases in the file are read.
   */
  caseCountMismatch(): string | null {
    if (this.declared < 0 || this.declared === this.total) return null;
    return `the file header says ${this.declared} cases, but the data hold ${this.total}; all ${this.total} were read`;
  }

  /** Cases read in all batches so far. */
  get total(): number {
    return this.first + this.row;
  }

  /**
   * Hands out the first min(row, batchRows) cases of the current batch as columns of their own
   * (unwanted string variables: empty arrays) and moves any cases beyond that to the front.
   */
  takeBatch(): { rows: number; numbers: Float64Array[]; strings: string[][] } {
    const n = Math.min(this.row, this.batchRows);
    const rest = this.row - n;
    const partial = rest > 0 || this.slot > 0;
    // (Only a whole-file read, which takes one batch at the end, can hand out an array itself.)
    const numbers = this.numbers.map((a) => {
      const out = a.length === n ? a : a.slice(0, n);
      // Also the case being decoded (its numbers already sit in row `this.row`).
      if (partial) a.copyWithin(0, n, this.row + 1);
      return out;
    });
    const strings = this.strings.map((a, j) => {
      if (!this.wantString[j]) return [];
      if (a.length === n) {
        const out = a;
        this.strings[j] = [];
        return out;
      }
      const out = a.slice(0, n);
      this.strings[j] = a.slice(n);
      return out;
    });
    this.first += n;
    this.row = rest;
    this.full = this.row >= this.batchRows;
    return { rows: n, numbers, strings };
  }
}

/** Decoder for string values in the file's encoding, trimming trailing blanks and NUL padding. */
function textDecoder(encoding: string): (b: Buffer, start: number, end: number) => string {
  const utf8 = /^utf-?8$/i.test(encoding);
  return (b, start, end) => {
    let e = end;
    while (e > start && (b[e - 1] === 0x20 || b[e - 1] === 0)) e--;
    if (e === start) return '';
    if (utf8) return b.toString('utf8', start, e);
    let ascii = true;
    for (let i = start; i < e; i++) {
      if (b[i] >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return b.toString('latin1', start, e);
    return iconv.decode(b.subarray(start, e), encoding);
  };
}
