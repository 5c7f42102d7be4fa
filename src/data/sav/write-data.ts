/** The case records of a .sav file: raw 8-byte slots, or bytecode-compressed blocks. */
import type { Dataset } from '../dataset.js';
import { CODE_EOF, CODE_RAW, CODE_SPACES, CODE_SYSMIS, SYSMIS, segmentCount, segmentUsed, segmentWidth, slotsOf } from './constants.js';
import { BIAS } from './write-dictionary.js';
import type { Output } from './write-output.js';
import type { Plan } from './write-plan.js';

/** Output is written to the file in pieces of about this many bytes. */
const FLUSH_AT = 1 << 20;

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

export async function writeRawData(out: Output, data: Dataset, plans: Plan[]): Promise<void> {
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
export async function writeBytecodeData(out: Output, data: Dataset, plans: Plan[]): Promise<void> {
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

