/**
 * How each column of a Dataset goes into a .sav file: its 8-byte short name, width, print
 * format, measure and slots; names and labels the format cannot hold are refused here, before
 * anything is written.
 */
import { InvalidInputError } from '../../errors.js';
import type { Column, Measure } from '../column.js';
import type { Dataset } from '../dataset.js';
import { MAX_STRING_WIDTH, segmentCount, segmentWidth, slotsOf } from './constants.js';
import { FORMAT_TYPE_F, FORMAT_TYPE_STRING, type SpssFormat, parseFormat } from './format.js';

const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);

/** How one column goes into the file. */
export interface Plan {
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

export function planVariables(data: Dataset): Plan[] {
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

