/**
 * writeSav: a Dataset as an SPSS system file in UTF-8, little-endian, bytecode-compressed by
 * default. Record layouts follow the PSPP developers guide ("System File Format"). The file is
 * written to a temporary file in the same folder and renamed when complete, so an error never
 * leaves a partial file behind.
 */
import type { FileHandle } from 'node:fs/promises';
import { InvalidInputError } from '../../errors.js';
import { writeFileAtomic } from '../../files/index.js';
import type { Column, Measure } from '../column.js';
import type { Dataset } from '../dataset.js';
import {
  CODE_EOF,
  CODE_RAW,
  CODE_SPACES,
  CODE_SYSMIS,
  HIGHEST,
  LOWEST,
  MAX_STRING_WIDTH,
  SYSMIS,
  segmentCount,
  segmentUsed,
  segmentWidth,
  slotsOf,
} from './constants.js';
import { FORMAT_TYPE_F, FORMAT_TYPE_STRING, type SpssFormat, packFormat, parseFormat } from './format.js';

export interface WriteSavOptions {
  compression?: 'bytecode' | 'none';
}

const BIAS = 100;
/** Output is written to the file in pieces of about this many bytes. */
const FLUSH_AT = 1 << 20;
const PRODUCT = '@(#) SPSS DATA FILE spiegel';
const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
const MEASURE_CODE: Record<Measure, number> = { nominal: 1, ordinal: 2, scale: 3 };

/** How one column goes into the file. */
interface Plan {
  col: Column;
  shortName: string;
  /** 0 numeric, else string width in bytes. */
  width: number;
  format: SpssFormat;
  measure: Measure;
  /** Short names of the segments (one entry unless a very long string). */
  segmentNames: string[];
  firstSlot: number;
}

export async function writeSav(data: Dataset, path: string, options: WriteSavOptions = {}): Promise<void> {
  const compressed = (options.compression ?? 'bytecode') === 'bytecode';
  if (data.ncol === 0) throw new InvalidInputError(`cannot write ${path}: a .sav file needs at least one variable`);
  const plans = planVariables(data);
  // The output rule's atomic write: a temporary file beside `path`, flushed, renamed when complete.
  await writeFileAtomic(path, async (fh) => {
    const out = new Output(fh);
    writeDictionary(out, data, plans, compressed);
    await out.flushIfFull();
    if (compressed) await writeBytecodeData(out, data, plans);
    else await writeRawData(out, data, plans);
    await out.flush();
  });
}

// ---------------------------------------------------------------- variables

/** SPSS variable names: letter or @#$ first, then letters, digits, . _ $ # @; at most 64 bytes. */
function checkName(name: string): void {
  const bad = (why: string): never => {
    throw new InvalidInputError(`variable name "${name}" cannot be written to a .sav file: ${why}`);
  };
  if (name.length === 0) bad('it is empty');
  if (Buffer.byteLength(name, 'utf8') > 64) bad('it is longer than 64 bytes');
  if (!/^[\p{L}@#$][\p{L}\p{N}._$#@]*$/u.test(name)) bad('SPSS names start with a letter and contain only letters, digits and . _ $ # @');
  if (name.endsWith('.')) bad('it ends with a period');
  if (RESERVED.has(name.toUpperCase())) bad('it is an SPSS reserved word');
}

function planVariables(data: Dataset): Plan[] {
  const used = new Set<string>();
  let nextNumber = 1;
  const upperNames = new Set<string>();
  const shortFor = (base: string): string => {
    // The 8-byte name: ASCII letters/digits of the long name, made unique with a number.
    let stem = base.normalize('NFKD').replace(/[^A-Za-z0-9@#$_]/g, '').toUpperCase();
    if (!/^[A-Z@#$]/.test(stem)) stem = `V${stem}`;
    stem = stem.slice(0, 8);
    if (!used.has(stem) && !RESERVED.has(stem)) {
      used.add(stem);
      return stem;
    }
    // One number for all stems, never reused: stems share numbered names ("VRAAG_12" and
    // "VRAAG_13" both shorten to "VRAAG_1" + digits), so a number per stem would search past
    // the other stems' names again and again. This way each variable costs a bounded search.
    for (;;) {
      const suffix = String(nextNumber++);
      const candidate = stem.slice(0, 8 - suffix.length) + suffix;
      if (!used.has(candidate)) {
        used.add(candidate);
        return candidate;
      }
    }
  };
  let slot = 0;
  return data.columns.map((col): Plan => {
    checkName(col.name);
    if (upperNames.has(col.name.toUpperCase())) {
      throw new InvalidInputError(`variable names "${col.name}" and another differ only in case; SPSS names ignore case`);
    }
    upperNames.add(col.name.toUpperCase());
    let width = 0;
    if (col.type === 'string') {
      let maxBytes = 1;
      const values = data.strings(col.name);
      for (const v of values) maxBytes = Math.max(maxBytes, Buffer.byteLength(v, 'utf8'));
      for (const v of col.valueLabels.keys()) maxBytes = Math.max(maxBytes, Buffer.byteLength(v, 'utf8'));
      width = Math.max(col.width, maxBytes);
      if (width > MAX_STRING_WIDTH) {
        throw new InvalidInputError(`string variable "${col.name}" needs ${width} bytes; SPSS allows at most ${MAX_STRING_WIDTH}`);
      }
    }
    const shortName = shortFor(col.name);
    const segmentNames = [shortName];
    for (let i = 1; i < segmentCount(width); i++) segmentNames.push(shortFor(shortName.slice(0, 5)));
    const format = formatFor(col, width);
    const measure: Measure =
      col.type === 'categorical' ? (col.ordered || col.measure === 'ordinal' ? 'ordinal' : 'nominal') : (col.measure ?? (width > 0 ? 'nominal' : 'scale'));
    checkLabels(col);
    const plan: Plan = { col, shortName, width, format, measure, segmentNames, firstSlot: slot };
    for (let i = 0; i < segmentCount(width); i++) slot += slotsOf(segmentWidth(width, i));
    return plan;
  });
}

function formatFor(col: Column, width: number): SpssFormat {
  if (width > 0) return { type: FORMAT_TYPE_STRING, width: Math.min(width, 255), decimals: 0 };
  const parsed = col.format === null ? null : parseFormat(col.format);
  if (parsed !== null && parsed.type !== FORMAT_TYPE_STRING && parsed.type !== 2) return parsed;
  // No usable format: whole numbers get F8.0, others F8.2 (SPSS's default).
  const values = col.values as Float64Array;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && !Number.isInteger(v)) return { type: FORMAT_TYPE_F, width: 8, decimals: 2 };
  }
  return { type: FORMAT_TYPE_F, width: 8, decimals: 0 };
}

function checkLabels(col: Column): void {
  for (const label of col.valueLabels.values()) {
    if (Buffer.byteLength(label, 'utf8') > 255) {
      throw new InvalidInputError(`a value label of variable "${col.name}" is longer than 255 bytes, the SPSS limit: "${label.slice(0, 40)}…"`);
    }
  }
  if (col.type === 'string') {
    if (col.missing.range !== null) throw new InvalidInputError(`string variable "${col.name}" cannot have a missing-value range`);
    if (col.missing.values.length > 3) throw new InvalidInputError(`variable "${col.name}" has more than 3 missing values`);
    for (const m of col.missing.values) {
      if (Buffer.byteLength(m, 'utf8') > 8) {
        throw new InvalidInputError(`missing value "${m}" of string variable "${col.name}" is longer than 8 bytes, the SPSS limit`);
      }
    }
  } else {
    const max = col.missing.range === null ? 3 : 1;
    if (col.missing.values.length > max) {
      throw new InvalidInputError(`variable "${col.name}" has too many missing values (SPSS allows 3, or a range plus 1)`);
    }
  }
}

// ---------------------------------------------------------------- output buffer

class Output {
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;
  private position = 0;
  constructor(private readonly fh: FileHandle) {}

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  int32(v: number): void {
    this.ensure(4);
    this.pos = this.buf.writeInt32LE(v, this.pos);
  }
  float64(v: number): void {
    this.ensure(8);
    this.pos = this.buf.writeDoubleLE(v, this.pos);
  }
  int64(v: number): void {
    this.ensure(8);
    this.pos = this.buf.writeBigInt64LE(BigInt(v), this.pos);
  }
  uint8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  bytes(b: Buffer): void {
    this.ensure(b.length);
    this.pos += b.copy(this.buf, this.pos);
  }
  /** Text in `size` bytes, padded with `pad` (spaces by default). */
  fixed(text: string | Buffer, size: number, pad = 0x20): void {
    const b = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    this.ensure(size);
    const n = b.copy(this.buf, this.pos, 0, Math.min(b.length, size));
    this.buf.fill(pad, this.pos + n, this.pos + size);
    this.pos += size;
  }
  /** Direct access for the data writers. */
  reserve(n: number): { buf: Buffer; at: number } {
    this.ensure(n);
    const at = this.pos;
    this.pos += n;
    return { buf: this.buf, at };
  }
  get length(): number {
    return this.pos;
  }
  async flushIfFull(limit = 1 << 20): Promise<void> {
    if (this.pos >= limit) await this.flush();
  }
  async flush(): Promise<void> {
    let done = 0;
    while (done < this.pos) {
      const r = await this.fh.write(this.buf, done, this.pos - done, this.position + done);
      done += r.bytesWritten;
    }
    this.position += this.pos;
    this.pos = 0;
  }
}

// ---------------------------------------------------------------- dictionary

function writeDictionary(out: Output, data: Dataset, plans: Plan[], compressed: boolean): void {
  const caseSlots = plans.reduce((n, p) => {
    for (let i = 0; i < segmentCount(p.width); i++) n += slotsOf(segmentWidth(p.width, i));
    return n;
  }, 0);
  const now = new Date();
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number): string => String(n).padStart(2, '0');

  // File header
  out.fixed('$FL2', 4);
  out.fixed(PRODUCT, 60);
  out.int32(2);
  out.int32(caseSlots);
  out.int32(compressed ? 1 : 0);
  out.int32(0);
  out.int32(data.nrow <= 0x7fffffff ? data.nrow : -1);
  out.float64(BIAS);
  out.fixed(`${two(now.getUTCDate())} ${months[now.getUTCMonth()]} ${two(now.getUTCFullYear() % 100)}`, 9);
  out.fixed(`${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`, 8);
  out.fixed('', 64);
  out.fixed('', 3, 0);

  // Variable records
  for (const p of plans) {
    const col = p.col;
    for (let seg = 0; seg < p.segmentNames.length; seg++) {
      const w = segmentWidth(p.width, seg);
      const fmt = p.width === 0 ? packFormat(p.format) : packFormat({ type: FORMAT_TYPE_STRING, width: w, decimals: 0 });
      const first = seg === 0;
      const label = first && col.label !== null ? Buffer.from(col.label, 'utf8') : null;
      let missingCode = 0;
      const missing: Buffer[] = [];
      if (first && col.type !== 'string') {
        const vals = col.missing.values.map(Number);
        if (col.missing.range !== null) {
          missingCode = vals.length > 0 ? -3 : -2;
          const [lo, hi] = col.missing.range;
          missing.push(dbl(lo === -Infinity ? LOWEST : lo), dbl(hi === Infinity ? HIGHEST : hi));
        } else {
          missingCode = vals.length;
        }
        for (const v of vals) missing.push(dbl(Number.isNaN(v) ? SYSMIS : v));
      } else if (first && col.type === 'string' && p.width <= 8 && col.missing.values.length > 0) {
        missingCode = col.missing.values.length;
        for (const m of col.missing.values) missing.push(padded(m, 8));
      }
      out.int32(2);
      out.int32(w);
      out.int32(label === null ? 0 : 1);
      out.int32(missingCode);
      out.int32(fmt);
      out.int32(fmt);
      out.fixed(p.segmentNames[seg], 8);
      if (label !== null) {
        out.int32(label.length);
        out.fixed(label, Math.ceil(label.length / 4) * 4);
      }
      for (const m of missing) out.bytes(m);
      for (let c = 1; c < slotsOf(w); c++) {
        out.int32(2);
        out.int32(-1);
        out.int32(0);
        out.int32(0);
        out.int32(0);
        out.int32(0);
        out.fixed('', 8);
      }
    }
  }

  // Value labels for numeric and short string variables (type 3 + type 4)
  for (const p of plans) {
    const col = p.col;
    if (col.valueLabels.size === 0 || p.width > 8) continue;
    out.int32(3);
    out.int32(col.valueLabels.size);
    for (const [value, label] of col.valueLabels as ReadonlyMap<number | string, string>) {
      out.bytes(typeof value === 'number' ? dbl(Number.isNaN(value) ? SYSMIS : value) : padded(value, 8));
      const lb = Buffer.from(label, 'utf8');
      out.uint8(lb.length);
      out.fixed(lb, Math.ceil((lb.length + 1) / 8) * 8 - 1);
    }
    out.int32(4);
    out.int32(1);
    out.int32(p.firstSlot + 1);
  }

  // Machine integer info: version, machine code -1, IEEE floats, compression, little-endian, UTF-8.
  extension(out, 3, 4, [1, 0, 0, -1, 1, compressed ? 1 : 0, 2, 65001].map(int32le));
  extension(out, 4, 8, [SYSMIS, HIGHEST, LOWEST].map(dbl));

  // Variable display parameters: one entry per segment (as PSPP writes them).
  const display: Buffer[] = [];
  for (const p of plans) {
    for (let seg = 0; seg < p.segmentNames.length; seg++) {
      display.push(int32le(MEASURE_CODE[p.measure]));
      display.push(int32le(p.width === 0 ? Math.max(p.format.width, 1) : Math.min(Math.max(segmentWidth(p.width, seg), 1), 255)));
      display.push(int32le(p.width === 0 ? 1 : 0));
    }
  }
  extension(out, 11, 4, display);

  // Long variable names
  const longNames = plans.map((p) => `${p.shortName}=${p.col.name}`).join('\t');
  extension(out, 13, 1, [Buffer.from(longNames, 'utf8')]);

  // Very long strings
  const vls = plans.filter((p) => p.width > 255).map((p) => `${p.shortName}=${String(p.width).padStart(5, '0')}\0\t`);
  if (vls.length > 0) extension(out, 14, 1, [Buffer.from(vls.join(''), 'utf8')]);

  // 64-bit case count
  extension(out, 16, 8, [int64le(1), int64le(data.nrow)]);

  // Character encoding
  extension(out, 20, 1, [Buffer.from('UTF-8', 'latin1')]);

  // Long string value labels
  const lsvl: Buffer[] = [];
  for (const p of plans) {
    if (p.width <= 8 || p.col.valueLabels.size === 0) continue;
    const name = Buffer.from(p.col.name, 'utf8');
    lsvl.push(int32le(name.length), name, int32le(p.width), int32le(p.col.valueLabels.size));
    for (const [value, label] of p.col.valueLabels as ReadonlyMap<string, string>) {
      const lb = Buffer.from(label, 'utf8');
      lsvl.push(int32le(p.width), padded(value, p.width), int32le(lb.length), lb);
    }
  }
  if (lsvl.length > 0) extension(out, 21, 1, lsvl);

  // Long string missing values
  const lsmv: Buffer[] = [];
  for (const p of plans) {
    if (p.width <= 8 || p.col.type !== 'string' || p.col.missing.values.length === 0) continue;
    const name = Buffer.from(p.col.name, 'utf8');
    lsmv.push(int32le(name.length), name, Buffer.from([p.col.missing.values.length]), int32le(8));
    for (const m of p.col.missing.values) lsmv.push(padded(m, 8));
  }
  if (lsmv.length > 0) extension(out, 22, 1, lsmv);

  out.int32(999);
  out.int32(0);
}

function extension(out: Output, subtype: number, size: number, parts: Buffer[]): void {
  const total = parts.reduce((n, b) => n + b.length, 0);
  out.int32(7);
  out.int32(subtype);
  out.int32(size);
  out.int32(total / size);
  for (const b of parts) out.bytes(b);
}

function dbl(v: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeDoubleLE(v);
  return b;
}
function int32le(v: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeInt32LE(v);
  return b;
}
function int64le(v: number): Buffer {
  const b = Buffer.allocUnsafe(8);
  b.writeBigInt64LE(BigInt(v));
  return b;
}
function padded(text: string, size: number): Buffer {
  const b = Buffer.alloc(size, 0x20);
  Buffer.from(text, 'utf8').copy(b, 0, 0, size);
  return b;
}

// ---------------------------------------------------------------- data

/** Per variable: numeric values, or string values as their padded UTF-8 slot bytes. */
interface DataSource {
  numbers: (Float64Array | null)[];
  strings: (readonly string[] | null)[];
}

function sources(data: Dataset, plans: Plan[]): DataSource {
  return {
    numbers: plans.map((p) => (p.width === 0 ? (p.col.values as Float64Array) : null)),
    strings: plans.map((p) => (p.width > 0 ? (p.col.values as readonly string[]) : null)),
  };
}

/**
 * The bytes of one string value laid out in its slots: each segment of a very long string carries
 * up to 255 bytes of text in its slots; short strings carry all their bytes; blanks pad.
 */
function stringSlots(value: string, width: number, scratch: Buffer): void {
  const n = segmentCount(width);
  if (n === 1) {
    // The width is at least the value's UTF-8 length (planVariables), so nothing is cut.
    const written = value.length === 0 ? 0 : scratch.write(value, 0, width, 'utf8');
    scratch.fill(0x20, written);
    return;
  }
  scratch.fill(0x20);
  const text = Buffer.from(value, 'utf8');
  let from = 0;
  let at = 0;
  for (let i = 0; i < n && from < text.length; i++) {
    const used = segmentUsed(width, i);
    text.copy(scratch, at, from, Math.min(text.length, from + used));
    from += used;
    at += slotsOf(segmentWidth(width, i)) * 8;
  }
}

function slotBytes(width: number): number {
  let n = 0;
  for (let i = 0; i < segmentCount(width); i++) n += slotsOf(segmentWidth(width, i)) * 8;
  return n;
}

async function writeRawData(out: Output, data: Dataset, plans: Plan[]): Promise<void> {
  const src = sources(data, plans);
  const scratch = plans.map((p) => (p.width > 0 ? Buffer.alloc(slotBytes(p.width)) : null));
  for (let i = 0; i < data.nrow; i++) {
    const r = data.physical(i);
    for (let v = 0; v < plans.length; v++) {
      const nums = src.numbers[v];
      if (nums !== null) {
        const x = nums[r];
        out.float64(Number.isNaN(x) ? SYSMIS : x);
      } else {
        const s = scratch[v] as Buffer;
        stringSlots((src.strings[v] as readonly string[])[r], plans[v].width, s);
        out.bytes(s);
      }
    }
    if (out.length >= FLUSH_AT) await out.flush();
  }
}

/**
 * Bytecode compression: codes are collected eight at a time, each block followed by the raw
 * 8-byte values its codes (253) announce. Whole numbers -99..151 become one code byte.
 */
async function writeBytecodeData(out: Output, data: Dataset, plans: Plan[]): Promise<void> {
  const src = sources(data, plans);
  const scratch = plans.map((p) => (p.width > 0 ? Buffer.alloc(slotBytes(p.width)) : null));
  const block = Buffer.alloc(8 + 64);
  let nCodes = 0;
  let nRaw = 0;
  const emitBlock = (): void => {
    const len = 8 + nRaw * 8;
    const { buf, at } = out.reserve(len);
    for (let k = 0; k < len; k++) buf[at + k] = block[k];
    for (let k = 0; k < 8; k++) block[k] = 0;
    nCodes = 0;
    nRaw = 0;
  };
  for (let i = 0; i < data.nrow; i++) {
    const r = data.physical(i);
    for (let v = 0; v < plans.length; v++) {
      const nums = src.numbers[v];
      if (nums !== null) {
        const x = nums[r];
        if (Number.isNaN(x)) {
          block[nCodes++] = CODE_SYSMIS;
        } else if (Number.isInteger(x) && x >= 1 - BIAS && x <= 251 - BIAS && !Object.is(x, -0)) {
          block[nCodes++] = x + BIAS;
        } else {
          block[nCodes++] = CODE_RAW;
          block.writeDoubleLE(x, 8 + 8 * nRaw++);
        }
        if (nCodes === 8) emitBlock();
      } else {
        const s = scratch[v] as Buffer;
        stringSlots((src.strings[v] as readonly string[])[r], plans[v].width, s);
        for (let o = 0; o < s.length; o += 8) {
          if (isBlank8(s, o)) {
            block[nCodes++] = CODE_SPACES;
          } else {
            block[nCodes++] = CODE_RAW;
            const d = 8 + 8 * nRaw++;
            for (let k = 0; k < 8; k++) block[d + k] = s[o + k];
          }
          if (nCodes === 8) emitBlock();
        }
      }
    }
    if (out.length >= FLUSH_AT) await out.flush();
  }
  block[nCodes++] = CODE_EOF;
  emitBlock();
}

function isBlank8(b: Buffer, o: number): boolean {
  for (let k = 0; k < 8; k++) if (b[o + k] !== 0x20) return false;
  return true;
}
