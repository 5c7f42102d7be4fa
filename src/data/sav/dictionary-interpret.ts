/**
 * The second half of reading a .sav dictionary: the raw records, read up to the termination
 * record by ./dictionary.ts, interpreted once the character encoding is known: machine info and
 * encoding, very long strings, long names, display parameters, value labels and missing values
 * (record layouts: PSPP developers guide, "System File Format").
 */
import iconv from 'iconv-lite';
import { FileFormatError } from '../../errors.js';
import type { Measure } from '../column.js';
import { HIGHEST, LOWEST, MAX_STRING_WIDTH, SEGMENT_WIDTH, SYSMIS, segmentCount, segmentUsed, segmentWidth, slotsOf } from './constants.js';
import { type SpssFormat, formatToString } from './format.js';
import type { SavDictionary, SavVariable } from './dictionary.js';

/** A variable record that is not a string continuation. */
export interface RawRecord {
  offset: number;
  width: number;
  slot: number;
  name: Buffer;
  label: Buffer | null;
  missingCode: number;
  missing: Buffer[];
  print: SpssFormat;
}

export interface RawValueLabels {
  offset: number;
  entries: { value: Buffer; label: Buffer }[];
  slots: number[];
}

export interface RawExtension {
  offset: number;
  data: Buffer;
  size: number;
  count: number;
}

/** What the first pass read: the header fields and the records, names and labels still bytes. */
export interface RawDictionary {
  readonly file: string;
  readonly littleEndian: boolean;
  readonly compression: number;
  readonly bias: number;
  /** Cases as the header says (-1: unknown; extension record 16 may tell). */
  readonly cases: number;
  /** Slots per case as the variable records give them. */
  readonly slot: number;
  readonly dataOffset: number;
  readonly records: readonly RawRecord[];
  readonly valueLabels: readonly RawValueLabels[];
  readonly extensions: ReadonlyMap<number, RawExtension>;
}

const MEASURES: readonly (Measure | null)[] = [null, 'nominal', 'ordinal', 'scale'];

/** Windows code pages and other character codes of the machine integer info record. */
function encodingFromCharacterCode(code: number): string | null {
  if (code === 65001) return 'utf-8';
  if (code === 2 || code === 20127) return 'ascii';
  if (code === 3) return 'windows-1252';
  if (code >= 28591 && code <= 28605) return `iso-8859-${code - 28590}`;
  if (iconv.encodingExists(`cp${code}`)) return `cp${code}`;
  return null;
}

export function interpretDictionary(raw: RawDictionary, encodingOverride?: string): SavDictionary {
  const { file, compression, bias, slot, dataOffset, records, valueLabels, extensions } = raw;
  let cases = raw.cases;
  const fail = (message: string, offset: number): never => {
    throw new FileFormatError(message, { file, offset });
  };
  const le = raw.littleEndian;
  const i32 = (b: Buffer, at: number): number => (le ? b.readInt32LE(at) : b.readInt32BE(at));
  const f64 = (b: Buffer, at: number): number => (le ? b.readDoubleLE(at) : b.readDoubleBE(at));

  // ---- Machine info, encoding
  let encoding: string | null = null;
  const intInfo = extensions.get(3);
  if (intInfo !== undefined) {
    if (intInfo.size !== 4 || intInfo.count !== 8) fail('machine integer info record has the wrong size', intInfo.offset);
    const floatRep = i32(intInfo.data, 16);
    if (floatRep !== 1) fail(`floating-point format ${floatRep} is not IEEE 754 (only IEEE files are supported)`, intInfo.offset + 16 + 16);
    encoding = encodingFromCharacterCode(i32(intInfo.data, 28));
  }
  const encRec = extensions.get(20);
  if (encRec !== undefined) encoding = encRec.data.toString('latin1').replace(/\0+$/, '').trim();
  if (encodingOverride !== undefined) encoding = encodingOverride;
  if (encoding === null) encoding = 'windows-1252';
  if (!iconv.encodingExists(encoding)) {
    fail(`unknown character encoding "${encoding}"`, encRec?.offset ?? intInfo?.offset ?? 0);
  }
  const enc = encoding;
  const utf8 = /^utf-?8$/i.test(enc);
  const decode = (b: Buffer): string => (utf8 ? b.toString('utf8') : iconv.decode(b, enc));
  const decodeTrim = (b: Buffer): string => decode(trimEnd(b));

  if (cases === -1) {
    const ext = extensions.get(16);
    if (ext !== undefined && ext.size === 8 && ext.count === 2) {
      const n = le ? ext.data.readBigInt64LE(8) : ext.data.readBigInt64BE(8);
      if (n >= 0n && n <= BigInt(Number.MAX_SAFE_INTEGER)) cases = Number(n);
    }
  }

  // ---- Very long strings: SHORT=00300\0\t...
  const veryLong = new Map<string, number>();
  const vls = extensions.get(14);
  if (vls !== undefined) {
    for (const pair of decode(vls.data).split(/\0?\t/)) {
      const item = pair.replace(/\0+$/, '');
      if (item === '') continue;
      const eq = item.indexOf('=');
      const w = Number(item.slice(eq + 1));
      if (eq <= 0 || !Number.isInteger(w) || w <= 255 || w > MAX_STRING_WIDTH) {
        fail(`very long string record has a bad entry "${item}"`, vls.offset);
      }
      veryLong.set(item.slice(0, eq).toUpperCase(), w);
    }
  }

  // ---- Long names: SHORT=Long Name\tSHORT2=...
  const longNames = new Map<string, string>();
  const ln = extensions.get(13);
  if (ln !== undefined) {
    for (const item of decode(ln.data).split('\t')) {
      if (item === '') continue;
      const eq = item.indexOf('=');
      if (eq <= 0 || eq === item.length - 1) fail(`long variable name record has a bad entry "${item}"`, ln.offset);
      longNames.set(item.slice(0, eq).toUpperCase(), item.slice(eq + 1));
    }
  }

  // ---- Assemble user variables (very long strings span several records)
  interface Building {
    first: RawRecord;
    width: number;
    segments: { slot: number; slots: number; used: number }[];
    recordIndexes: number[];
  }
  const building: Building[] = [];
  const slotOwner = new Map<number, number>(); // first slot of a user variable -> index
  for (let r = 0; r < records.length; r++) {
    const rec = records[r];
    const shortName = decodeTrim(rec.name);
    const vlsWidth = veryLong.get(shortName.toUpperCase());
    const width = vlsWidth ?? rec.width;
    const n = segmentCount(width);
    const b: Building = { first: rec, width, segments: [], recordIndexes: [] };
    for (let i = 0; i < n; i++) {
      const seg = records[r + i];
      if (seg === undefined) fail(`very long string variable ${shortName} lacks segment ${i + 1} of ${n}`, rec.offset);
      const expected = segmentWidth(width, i);
      // Writers pad the declared width of full segments to 255; the last segment has the remainder.
      if (n > 1 && seg.width !== expected && !(i < n - 1 && seg.width === SEGMENT_WIDTH)) {
        fail(`segment ${i + 1} of very long string ${shortName} has width ${seg.width}, expected ${expected}`, seg.offset);
      }
      b.segments.push({ slot: seg.slot, slots: slotsOf(seg.width), used: n > 1 ? segmentUsed(width, i) : seg.width });
      b.recordIndexes.push(r + i);
    }
    slotOwner.set(rec.slot, building.length);
    building.push(b);
    r += n - 1;
  }

  // ---- Display parameters (measure, display width, alignment)
  const measures: (Measure | null)[] = building.map(() => null);
  const disp = extensions.get(11);
  if (disp !== undefined) {
    if (disp.size !== 4) fail(`variable display record has element size ${disp.size}, expected 4`, disp.offset);
    const nRecords = records.length;
    let per = 0;
    let perSegment = false;
    if (disp.count === 3 * nRecords) [per, perSegment] = [3, true];
    else if (disp.count === 2 * nRecords) [per, perSegment] = [2, true];
    else if (disp.count === 3 * building.length) [per, perSegment] = [3, false];
    else if (disp.count === 2 * building.length) [per, perSegment] = [2, false];
    else fail(`variable display record has ${disp.count} entries for ${building.length} variables`, disp.offset);
    for (let v = 0; v < building.length; v++) {
      const entry = perSegment ? building[v].recordIndexes[0] : v;
      const m = i32(disp.data, entry * per * 4);
      if (m < 0 || m > 3) fail(`variable display record has unknown measurement level ${m}`, disp.offset + 16 + entry * per * 4);
      measures[v] = MEASURES[m];
    }
  }

  // ---- Value labels (type 3/4)
  const numberLabels = building.map(() => new Map<number, string>());
  const stringLabels = building.map(() => new Map<string, string>());
  for (const vl of valueLabels) {
    let isString: boolean | null = null;
    for (const s of vl.slots) {
      const v = slotOwner.get(s) ?? fail(`value labels refer to variable position ${s + 1}, which does not start a variable`, vl.offset);
      const w = building[v].width;
      if (w > 8) fail(`value labels for long string variable at position ${s + 1} must use the long string value label record`, vl.offset);
      if (isString === null) isString = w > 0;
      else if (isString !== w > 0) fail('value label record mixes numeric and string variables', vl.offset);
      for (const e of vl.entries) {
        const label = decode(e.label);
        if (w === 0) numberLabels[v].set(f64(e.value, 0), label);
        else stringLabels[v].set(decodeTrim(e.value), label);
      }
    }
  }

  // ---- Names
  const byName = new Map<string, number>();
  const names = building.map((b, v) => {
    const shortName = decodeTrim(b.first.name);
    const name = longNames.get(shortName.toUpperCase()) ?? shortName;
    if (name === '') fail('variable with an empty name', b.first.offset + 24);
    byName.set(name.toUpperCase(), v);
    byName.set(shortName.toUpperCase(), v);
    return { name, shortName };
  });
  const lookup = (name: string, offset: number): number => {
    const v = byName.get(name.toUpperCase());
    if (v === undefined) fail(`record names unknown variable "${name}"`, offset);
    return v as number;
  };

  // ---- Long string value labels (subtype 21)
  const lsvl = extensions.get(21);
  if (lsvl !== undefined) {
    const p = new Cursor(lsvl.data, le, file, lsvl.offset + 16);
    while (!p.done()) {
      const nameLen = p.int32('variable name length');
      const vname = decode(p.bytes(nameLen, 'variable name'));
      const v = lookup(vname, lsvl.offset);
      p.int32('variable width');
      const n = p.int32('label count');
      if (building[v].width === 0) fail(`long string value labels for numeric variable "${vname}"`, lsvl.offset);
      for (let i = 0; i < n; i++) {
        const value = decodeTrim(p.bytes(p.int32('value length'), 'value'));
        const label = decode(p.bytes(p.int32('label length'), 'label'));
        stringLabels[v].set(value, label);
      }
    }
  }

  // ---- Missing values
  const missingNumbers = building.map(() => [] as number[]);
  const missingRange = building.map((): [number, number] | null => null);
  const missingStrings = building.map(() => [] as string[]);
  building.forEach((b, v) => {
    const rec = b.first;
    if (b.width > 0) {
      for (const m of rec.missing) missingStrings[v].push(decodeTrim(m));
      return;
    }
    const vals = rec.missing.map((m) => f64(m, 0));
    let discrete = vals;
    if (rec.missingCode < 0) {
      const lo = vals[0] <= LOWEST ? -Infinity : vals[0];
      const hi = vals[1] >= HIGHEST ? Infinity : vals[1];
      missingRange[v] = [lo, hi];
      discrete = vals.slice(2);
    }
    missingNumbers[v].push(...discrete.map((x) => (x === SYSMIS ? Number.NaN : x)));
  });
  // Long string missing values (subtype 22). The documented layout gives the value length once per
  // variable; PSPP up to at least 1.6 writes it before every value. Both are accepted: the
  // documented layout first, the PSPP one when the first does not fit the record.
  const lsmv = extensions.get(22);
  if (lsmv !== undefined) {
    const parse = (lengthBeforeEach: boolean): Map<number, string[]> => {
      const found = new Map<number, string[]>();
      const p = new Cursor(lsmv.data, le, file, lsmv.offset + 16);
      while (!p.done()) {
        const vname = decode(p.bytes(p.int32('variable name length'), 'variable name'));
        const v = lookup(vname, lsmv.offset);
        const n = p.uint8('missing value count');
        if (n < 1 || n > 3) fail(`variable "${vname}" has ${n} long string missing values; 1 to 3 are allowed`, lsmv.offset);
        if (building[v].width === 0) fail(`long string missing values for numeric variable "${vname}"`, lsmv.offset);
        const values: string[] = [];
        let len = p.int32('missing value length');
        for (let i = 0; i < n; i++) {
          if (lengthBeforeEach && i > 0) len = p.int32('missing value length');
          if (len < 0 || len > 8) fail(`long string missing value of "${vname}" is ${len} bytes; at most 8 are allowed`, lsmv.offset);
          values.push(decodeTrim(p.bytes(len, 'missing value')));
        }
        found.set(v, values);
      }
      return found;
    };
    let found: Map<number, string[]>;
    try {
      found = parse(false);
    } catch (documented) {
      try {
        found = parse(true);
      } catch {
        throw documented;
      }
    }
    for (const [v, values] of found) missingStrings[v].push(...values);
  }

  const variables: SavVariable[] = building.map((b, v) => ({
    name: names[v].name,
    shortName: names[v].shortName,
    width: b.width,
    // Trailing blanks trimmed, as haven shows labels (PSPP's example files pad some with blanks).
    label: b.first.label === null ? null : decodeTrim(b.first.label),
    format: b.width > 0 ? `A${b.width}` : formatToString(b.first.print),
    measure: measures[v],
    numberLabels: numberLabels[v],
    stringLabels: stringLabels[v],
    missingNumbers: missingNumbers[v],
    missingRange: missingRange[v],
    missingStrings: missingStrings[v],
    segments: b.segments,
  }));

  return { littleEndian: le, compression, bias, cases, caseSlots: slot, encoding: enc, variables, dataOffset };
}

/** Removes trailing blanks (and NUL padding some writers use). */
export function trimEnd(b: Buffer): Buffer {
  let e = b.length;
  while (e > 0 && (b[e - 1] === 0x20 || b[e - 1] === 0)) e--;
  return b.subarray(0, e);
}

/** Bounds-checked reading inside one extension record. */
class Cursor {
  private pos = 0;
  constructor(
    private readonly data: Buffer,
    private readonly le: boolean,
    private readonly file: string,
    private readonly base: number,
  ) {}
  done(): boolean {
    return this.pos >= this.data.length;
  }
  private need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.data.length) {
      throw new FileFormatError(`record ends in the middle of ${what}`, { file: this.file, offset: this.base + this.pos });
    }
  }
  int32(what: string): number {
    this.need(4, what);
    const v = this.le ? this.data.readInt32LE(this.pos) : this.data.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  uint8(what: string): number {
    this.need(1, what);
    return this.data[this.pos++];
  }
  bytes(n: number, what: string): Buffer {
    this.need(n, what);
    const b = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}
