/**
 * The data part of an SPSS system file, decoded into a CaseAssembler: uncompressed, bytecode
 * compressed, or ZLIB compressed (.zsav). Each decoder yields whenever the assembler holds a full
 * batch; openSav (stream.ts) drives them.
 */
import { inflateSync } from 'node:zlib';
import { FileFormatError } from '../../errors.js';
import { ByteSource } from './byte-source.js';
import { CaseAssembler } from './cases.js';
import { ZLIB_BLOCK_CEILING, ZLIB_INFLATE_GRACE, ZLIB_INFLATE_RATIO } from './constants.js';
import type { SavReadStats } from './stream.js';
import type { WarningHandler } from '../warnings.js';

export async function* decodeUncompressed(src: ByteSource, asm: CaseAssembler, caseBytes: number): AsyncGenerator<void> {
  for (;;) {
    src.pos = asm.decodeRaw(src.buf, src.pos, src.end);
    if (asm.full) {
      yield;
      continue;
    }
    if (asm.done) return;
    if (!(await src.fill(caseBytes))) break;
  }
  if (src.available > 0) {
    throw new FileFormatError(`data ends in the middle of case ${asm.total + 1}`, { file: src.file, offset: src.offset });
  }
  asm.finish(src.offset);
}

export async function* decodeBytecode(src: ByteSource, asm: CaseAssembler): AsyncGenerator<void> {
  for (;;) {
    const base = src.offset - src.pos;
    src.pos = asm.decodeBytecode(src.buf, src.pos, src.end, base);
    if (asm.full) {
      yield;
      continue;
    }
    if (asm.done) return;
    // Not even one command block (with its raw values) left: read more, or the data ends here.
    if (!(await src.fill(80))) break;
  }
  if (src.available > 0) {
    throw new FileFormatError(`data ends in the middle of a compressed block (case ${asm.total + 1})`, { file: src.file, offset: src.offset });
  }
  asm.finish(src.offset);
}

export interface ZlibBlock {
  cOfs: number;
  cSize: number;
  uSize: number;
  /** File offset of the block's trailer entry, for error messages. */
  entry: number;
}

/**
 * ZLIB compression (.zsav): after the dictionary a header gives the offset of a trailer that
 * lists the blocks; each block is a zlib stream of bytecode-compressed data. Reads and checks
 * the block list.
 */
export async function readZlibIndex(src: ByteSource, fileSize: number, warn: WarningHandler): Promise<ZlibBlock[]> {
  const file = src.file;
  const headerOffset = src.offset;
  await src.need(24, 'the zlib data header');
  const zheader = src.int64();
  const ztrailer = src.int64();
  const ztrailerLen = src.int64();
  const fail = (message: string, offset: number): never => {
    throw new FileFormatError(message, { file, offset });
  };
  if (zheader !== headerOffset) fail(`zlib header gives its own offset as ${zheader}, but it is at ${headerOffset}`, headerOffset);
  if (!(ztrailer >= headerOffset + 24) || !(ztrailerLen >= 24) || ztrailer + ztrailerLen > fileSize || (ztrailerLen - 24) % 24 !== 0) {
    fail(`zlib header points to a trailer (offset ${ztrailer}, ${ztrailerLen} bytes) outside the file`, headerOffset + 8);
  }
  const trailer = await src.readAt(ztrailer, ztrailerLen, 'the zlib trailer');
  const le = src.littleEndian;
  const i32 = (at: number): number => (le ? trailer.readInt32LE(at) : trailer.readInt32BE(at));
  const i64 = (at: number): number => Number(le ? trailer.readBigInt64LE(at) : trailer.readBigInt64BE(at));
  const nBlocks = i32(20);
  if (nBlocks !== (ztrailerLen - 24) / 24) fail(`zlib trailer lists ${nBlocks} blocks but has room for ${(ztrailerLen - 24) / 24}`, ztrailer + 20);
  const blockSize = i32(16);
  const blocks: ZlibBlock[] = [];
  let oversize = false;
  let expectCompressed = headerOffset + 24;
  let expectUncompressed = headerOffset;
  for (let b = 0; b < nBlocks; b++) {
    const at = 24 + b * 24;
    const uOfs = i64(at);
    const cOfs = i64(at + 8);
    const uSize = i32(at + 16);
    const cSize = i32(at + 20);
    if (cOfs !== expectCompressed || uOfs !== expectUncompressed || cSize <= 0 || uSize <= 0 || cOfs + cSize > ztrailer) {
      fail(`zlib trailer entry for block ${b + 1} is inconsistent`, ztrailer + at);
    }
    // The trailer's block size is advisory; the ceiling is ours (constants.ts).
    if (uSize > ZLIB_BLOCK_CEILING) {
      fail(`zlib block ${b + 1} claims to inflate to ${uSize} bytes; spiegel reads blocks of at most ${ZLIB_BLOCK_CEILING} bytes`, ztrailer + at + 16);
    }
    if (uSize > blockSize && !oversize) {
      oversize = true;
      warn({
        code: 'BLOCK_SIZE',
        message: `the zlib trailer gives a block size of ${blockSize} bytes, but block ${b + 1} holds ${uSize}; the blocks were read as they are`,
        location: { file, offset: ztrailer + 16 },
      });
    }
    blocks.push({ cOfs, cSize, uSize, entry: ztrailer + at });
    expectCompressed += cSize;
    expectUncompressed += uSize;
  }
  if (expectCompressed !== ztrailer) fail('zlib blocks do not end where the trailer starts', ztrailer);
  return blocks;
}

/**
 * Inflates the blocks one at a time and decodes their bytecode, within the limits of
 * constants.ts: each block at most ZLIB_BLOCK_CEILING bytes (checked with the trailer), all of
 * them together at most ZLIB_INFLATE_RATIO times the file's size plus ZLIB_INFLATE_GRACE, and no
 * more padding than ends a command block (8 codes per case and per block).
 */
export async function* decodeZlibBlocks(
  src: ByteSource,
  asm: CaseAssembler,
  blocks: readonly ZlibBlock[],
  fileSize: number,
  stats: SavReadStats,
): AsyncGenerator<void> {
  const file = src.file;
  const ceiling = ZLIB_INFLATE_RATIO * fileSize + ZLIB_INFLATE_GRACE;
  let inflated = 0;
  let carry: Buffer = Buffer.alloc(0);
  let end = src.offset;
  for (let b = 0; b < blocks.length && !asm.done; b++) {
    const { cOfs, cSize, uSize } = blocks[b];
    if (inflated + uSize > ceiling) {
      throw new FileFormatError(
        `the zlib data inflate to more than ${ZLIB_INFLATE_RATIO} times the size of the file (${inflated + uSize} bytes from a file of ${fileSize}); ` +
          'spiegel refuses such files as decompression bombs (a genuine one can be saved by PSPP as a bytecode-compressed .sav)',
        { file, offset: cOfs },
      );
    }
    const compressed = await src.readAt(cOfs, cSize, `zlib block ${b + 1}`);
    let raw: Buffer;
    try {
      raw = inflateSync(compressed, { maxOutputLength: uSize + 1 });
    } catch (e) {
      throw new FileFormatError(`zlib block ${b + 1} cannot be decompressed (${(e as Error).message})`, { file, offset: cOfs });
    }
    inflated += raw.length;
    stats.inflatedBytes += raw.length;
    if (raw.length !== uSize) {
      throw new FileFormatError(`zlib block ${b + 1} inflates to ${raw.length} bytes, the trailer says ${uSize}`, { file, offset: cOfs });
    }
    const data = carry.length > 0 ? Buffer.concat([carry, raw]) : raw;
    let stop = 0;
    for (;;) {
      stop = asm.decodeBytecode(data, stop, data.length, cOfs, true);
      if (!asm.full) break;
      yield;
    }
    if (asm.padding > 8 * (asm.total + b + 1)) {
      throw new FileFormatError(
        `zlib block ${b + 1} holds ${asm.padding} padding codes for ${asm.total} cases; ` +
          'a system file pads only the end of a command block (at most 8 codes per case and per block)',
        { file, offset: cOfs },
      );
    }
    carry = Buffer.from(data.subarray(stop));
    end = cOfs + cSize;
  }
  if (asm.done) return;
  if (carry.length > 0) {
    throw new FileFormatError(`data ends in the middle of a compressed block (case ${asm.total + 1})`, { file, offset: end });
  }
  asm.finish(end);
}
