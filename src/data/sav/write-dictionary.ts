/** The dictionary records of a .sav file (PSPP developers guide, "System File Format"): header, variables, labels, documents and the extension records. */
import type { Dataset } from '../dataset.js';
import type { Measure } from '../column.js';
import { HIGHEST, LOWEST, SYSMIS, segmentCount, segmentWidth, slotsOf } from './constants.js';
import { FORMAT_TYPE_STRING, packFormat } from './format.js';
import type { Output } from './write-output.js';
import type { Plan } from './write-plan.js';

export const BIAS = 100;
const PRODUCT = '@(#) SPSS DATA FILE spiegel';
const MEASURE_CODE: Record<Measure, number> = { nominal: 1, ordinal: 2, scale: 3 };


export function writeDictionary(out: Output, data: Dataset, plans: Plan[], compressed: boolean): void {
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

