/**
 * Hostile system files, made in memory by script (never committed as binaries): .zsav files that
 * lie in their counts or inflate far beyond their size. Layouts from the PSPP developers guide,
 * "System File Format" (file header, variable record, dictionary termination, ZLIB data header
 * and trailer).
 */
import { deflateSync } from 'node:zlib';
import { SavBytes, fmt, header } from '../../fixtures/sav/sav-bytes.js';

export interface ZlibBlockSpec {
  /** Bytecode of the block, before deflate. */
  raw: Buffer;
  /** Uncompressed size the trailer claims (default: the real one). */
  claimed?: number;
}

export interface ZsavSpec {
  /** Numeric variables V1..Vn. */
  variables: number;
  /** Case count in the file header. */
  cases: number;
  /** Slots per case in the file header (default: the real number). */
  caseSlots?: number;
  /** Block size in the trailer (default 0x3ff000, as PSPP and ReadStat write). */
  blockSize?: number;
  blocks: readonly ZlibBlockSpec[];
}

/** A .zsav file with numeric variables and the given zlib blocks of bytecode. */
export function zsav(spec: ZsavSpec): Buffer {
  const b = new SavBytes(true);
  header(b, { caseSlots: spec.caseSlots ?? spec.variables, compression: 2, cases: spec.cases });
  for (let v = 1; v <= spec.variables; v++) {
    b.i32(2, 0, 0, 0, fmt(5, 8, 2), fmt(5, 8, 2)).text(`V${v}`, 8);
  }
  b.i32(999, 0);
  const zheaderAt = b.length;
  // The same block object is deflated once (bombs repeat one block hundreds of times).
  const done = new Map<Buffer, Buffer>();
  const compressed = spec.blocks.map((blk) => {
    let c = done.get(blk.raw);
    if (c === undefined) done.set(blk.raw, (c = deflateSync(blk.raw, { level: 9 })));
    return c;
  });
  const dataLen = compressed.reduce((n, c) => n + c.length, 0);
  const trailerAt = zheaderAt + 24 + dataLen;
  const trailerLen = 24 + 24 * spec.blocks.length;
  b.i64(zheaderAt, trailerAt, trailerLen);
  for (const c of compressed) b.bytes(c);
  b.i64(-100, 0).i32(spec.blockSize ?? 0x3ff000, spec.blocks.length);
  let uOfs = zheaderAt;
  let cOfs = zheaderAt + 24;
  spec.blocks.forEach((blk, i) => {
    const claimed = blk.claimed ?? blk.raw.length;
    b.i64(uOfs, cOfs).i32(claimed, compressed[i].length);
    uOfs += claimed;
    cOfs += compressed[i].length;
  });
  return b.build();
}

/** `n` bytes of one bytecode: 0 is padding (no value), 255 system-missing, 101 the value 1. */
export function bytecode(code: number, n: number): Buffer {
  return Buffer.alloc(n, code);
}

/** PSPP's and ReadStat's zlib block size. */
export const PSPP_BLOCK = 0x3ff000;
