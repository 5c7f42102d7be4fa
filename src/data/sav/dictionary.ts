/**
 * Reads the dictionary of an SPSS system file: the file header and every record up to the
 * dictionary termination record (type 999). Record layouts follow the PSPP developers guide,
 * chapter "System File Format". Names and labels are kept as raw bytes until the character
 * encoding is known (its record comes after the variable records), then decoded.
 */
import { FileFormatError } from '../../errors.js';
import type { Measure } from '../column.js';
import type { ByteSource } from './byte-source.js';
import { slotsOf } from './constants.js';
import { unpackFormat } from './format.js';
import type { WarningHandler } from '../warnings.js';
import { MAX_COLUMNS } from '../limits.js';
import { interpretDictionary, type RawExtension, type RawRecord, type RawValueLabels } from './dictionary-interpret.js';

/** One user variable, assembled from its variable record(s). */
export interface SavVariable {
  readonly name: string;
  readonly shortName: string;
  /** 0 for numeric, else the string width in bytes. */
  readonly width: number;
  readonly label: string | null;
  readonly format: string | null;
  readonly measure: Measure | null;
  readonly numberLabels: Map<number, string>;
  readonly stringLabels: Map<string, string>;
  readonly missingNumbers: number[];
  readonly missingRange: [number, number] | null;
  readonly missingStrings: string[];
  /** First 8-byte slot of each segment and the number of slots of each segment. */
  readonly segments: readonly { readonly slot: number; readonly slots: number; readonly used: number }[];
}

export interface SavDictionary {
  readonly littleEndian: boolean;
  readonly compression: number;
  readonly bias: number;
  /** Number of cases, or -1 when the file does not say. */
  readonly cases: number;
  /** 8-byte slots per case. */
  readonly caseSlots: number;
  readonly encoding: string;
  readonly variables: readonly SavVariable[];
  /** File offset right after the termination record (start of data). */
  readonly dataOffset: number;
}

export async function readDictionary(
  src: ByteSource,
  fileSize: number,
  encodingOverride?: string,
  warn: WarningHandler = () => undefined,
): Promise<SavDictionary> {
  const file = src.file;
  const fail = (message: string, offset: number): never => {
    throw new FileFormatError(message, { file, offset });
  };
  /** A length read from the file must fit in what is left of the file. */
  const checkFits = (n: number, what: string, offset: number): void => {
    if (!Number.isFinite(n) || n < 0 || src.offset + n > fileSize) {
      fail(`${what} claims ${n} bytes, more than the rest of the file`, offset);
    }
  };

  // ---- File header (176 bytes)
  await src.need(176, 'the file header');
  const magic = src.bytes(4).toString('latin1');
  if (magic !== '$FL2' && magic !== '$FL3') {
    fail(`not an SPSS system file (.sav): it starts with ${JSON.stringify(magic)} instead of "$FL2" or "$FL3"`, 0);
  }
  src.skip(60);
  const layoutLE = src.buf.readInt32LE(src.pos);
  const layoutBE = src.buf.readInt32BE(src.pos);
  if (layoutLE === 2 || layoutLE === 3) src.littleEndian = true;
  else if (layoutBE === 2 || layoutBE === 3) src.littleEndian = false;
  else fail(`unknown layout code ${layoutLE}; expected 2 or 3`, 64);
  src.skip(4);
  const headerCaseSize = src.int32();
  const compression = src.int32();
  if (compression !== 0 && compression !== 1 && compression !== 2) fail(`unknown compression code ${compression}`, 72);
  if ((compression === 2) !== (magic === '$FL3')) {
    fail(`compression code ${compression} does not match the file signature ${magic}`, 72);
  }
  src.int32(); // weight index: a weight is a property of the design, not of the data
  let cases = src.int32();
  if (cases < -1) fail(`negative number of cases ${cases}`, 80);
  const bias = src.float64();
  if (compression !== 0 && !(bias === 100 || bias === 0 || (Number.isInteger(bias) && bias > 0 && bias < 252))) {
    fail(`compression bias ${bias} is not usable`, 84);
  }
  src.skip(9 + 8 + 64 + 3);

  // ---- Dictionary records
  const records: RawRecord[] = [];
  const valueLabels: RawValueLabels[] = [];
  const extensions = new Map<number, RawExtension>();
  let slot = 0;
  let continuationsLeft = 0;

  for (;;) {
    const recOffset = src.offset;
    await src.need(4, 'a record type');
    const recType = src.int32();
    if (recType === 2) {
      await src.need(28, 'a variable record');
      const width = src.int32();
      const hasLabel = src.int32();
      const missingCode = src.int32();
      const print = src.int32();
      src.int32(); // write format: we keep the print format, as PSPP and haven display it
      const name = Buffer.from(src.bytes(8));
      if (width === -1) {
        if (continuationsLeft === 0) fail('string continuation record without a string variable before it', recOffset);
        if (hasLabel !== 0 || missingCode !== 0) fail('string continuation record with a label or missing values', recOffset);
        continuationsLeft--;
        slot++;
        continue;
      }
      if (continuationsLeft > 0) fail(`string variable needs ${continuationsLeft} more continuation record(s)`, recOffset);
      if (records.length >= MAX_COLUMNS) {
        fail(`the dictionary has more than ${MAX_COLUMNS.toLocaleString('en-US')} variables; spiegel reads at most ${MAX_COLUMNS.toLocaleString('en-US')}`, recOffset);
      }
      if (width < 0 || width > 255) fail(`variable record has invalid type/width ${width}`, recOffset + 4);
      if (hasLabel !== 0 && hasLabel !== 1) fail(`variable record has invalid label flag ${hasLabel}`, recOffset + 8);
      const nMissing = Math.abs(missingCode);
      if (![0, 1, 2, 3, -2, -3].includes(missingCode) || (width > 0 && missingCode < 0)) {
        fail(`variable record has invalid missing-value code ${missingCode}`, recOffset + 12);
      }
      let label: Buffer | null = null;
      if (hasLabel === 1) {
        await src.need(4, 'a variable label');
        const len = src.int32();
        const padded = Math.ceil(len / 4) * 4;
        checkFits(padded, 'variable label', src.offset - 4);
        await src.need(padded, 'a variable label');
        label = Buffer.from(src.bytes(len));
        src.skip(padded - len);
      }
      const missing: Buffer[] = [];
      await src.need(8 * nMissing, 'missing values');
      for (let i = 0; i < nMissing; i++) missing.push(Buffer.from(src.bytes(8)));
      records.push({ offset: recOffset, width, slot, name, label, missingCode, missing, print: unpackFormat(print >>> 0) });
      slot++;
      continuationsLeft = slotsOf(width) - 1;
    } else if (recType === 3) {
      if (continuationsLeft > 0) fail('string continuation records missing', recOffset);
      await src.need(4, 'a value label record');
      const count = src.int32();
      checkFits(count * 9, 'value label record', recOffset + 4);
      const entries: { value: Buffer; label: Buffer }[] = [];
      for (let i = 0; i < count; i++) {
        await src.need(9, 'a value label');
        const value = Buffer.from(src.bytes(8));
        const len = src.uint8();
        const padded = Math.ceil((len + 1) / 8) * 8 - 1;
        await src.need(padded, 'a value label');
        const label = Buffer.from(src.bytes(len));
        src.skip(padded - len);
        entries.push({ value, label });
      }
      const idxOffset = src.offset;
      await src.need(8, 'the variable index record after value labels');
      const t4 = src.int32();
      if (t4 !== 4) fail(`value label record must be followed by a variable index record (type 4), found type ${t4}`, idxOffset);
      const n = src.int32();
      checkFits(n * 4, 'variable index record', idxOffset + 4);
      if (n < 1) fail(`variable index record lists ${n} variables`, idxOffset + 4);
      await src.need(n * 4, 'a variable index record');
      const slots: number[] = [];
      for (let i = 0; i < n; i++) slots.push(src.int32() - 1);
      valueLabels.push({ offset: idxOffset, entries, slots });
    } else if (recType === 4) {
      fail('variable index record (type 4) without a value label record before it', recOffset);
    } else if (recType === 6) {
      await src.need(4, 'a document record');
      const lines = src.int32();
      checkFits(lines * 80, 'document record', recOffset + 4);
      await src.skipLarge(lines * 80, 'a document record');
    } else if (recType === 7) {
      await src.need(12, 'an extension record header');
      const subtype = src.int32();
      const size = src.int32();
      const count = src.int32();
      if (size < 0 || count < 0) fail(`extension record ${subtype} has negative size or count`, recOffset);
      checkFits(size * count, `extension record ${subtype}`, recOffset);
      const wanted = [3, 4, 11, 13, 14, 16, 20, 21, 22].includes(subtype);
      if (wanted) {
        await src.need(size * count, `extension record ${subtype}`);
        extensions.set(subtype, { offset: recOffset, size, count, data: Buffer.from(src.bytes(size * count)) });
      } else {
        await src.skipLarge(size * count, `extension record ${subtype}`);
      }
    } else if (recType === 999) {
      await src.need(4, 'the dictionary termination record');
      src.int32();
      break;
    } else {
      fail(`unknown record type ${recType}`, recOffset);
    }
  }
  if (continuationsLeft > 0) fail('string continuation records missing before end of dictionary', src.offset);
  const dataOffset = src.offset;
  // Advisory, as in haven and PSPP: ReadStat has written 0 here. The variable records decide.
  if (headerCaseSize !== -1 && headerCaseSize !== slot) {
    warn({
      code: 'CASE_SIZE',
      message: `the file header says each case has ${headerCaseSize} slots, but the variable records give ${slot}; ${slot} were used`,
      location: { file, offset: 68 },
    });
  }

  return interpretDictionary(
    { file, littleEndian: src.littleEndian, compression, bias, cases, slot, dataOffset, records, valueLabels, extensions },
    encodingOverride,
  );
}

export { trimEnd } from './dictionary-interpret.js';
