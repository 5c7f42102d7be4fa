/**
 * readSav: an SPSS system file (.sav, .zsav) into a Dataset, streamed through a file handle
 * in chunks, so memory holds the columns but never the whole file.
 */
import { open } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { FileFormatError, SpiegelError } from '../../errors.js';
import { type Column, type MissingValues, NO_MISSING } from '../column.js';
import { Dataset } from '../dataset.js';
import { ByteSource } from './byte-source.js';
import { CaseAssembler } from './cases.js';
import { COMPRESSION_BYTECODE, COMPRESSION_NONE, COMPRESSION_ZLIB } from './constants.js';
import { type SavDictionary, type SavVariable, readDictionary } from './dictionary.js';

export interface ReadSavOptions {
  /** Character encoding to use instead of the one the file declares (an iconv-lite name). */
  encoding?: string;
  /** Read buffer size in bytes (tests use small chunks to exercise chunk boundaries). */
  chunkSize?: number;
}

export async function readSav(path: string, options: ReadSavOptions = {}): Promise<Dataset> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new SpiegelError('IO', `cannot open: ${(e as Error).message}`, { file: path });
  }
  let src: ByteSource | null = null;
  try {
    const fileSize = (await fh.stat()).size;
    // Chunks of 1 MiB, but no bigger buffer than the file needs.
    src = new ByteSource(fh, path, Math.min(options.chunkSize ?? 1 << 20, Math.max(fileSize, 256)));
    const dict = await readDictionary(src, fileSize, options.encoding);
    const blocks = dict.compression === COMPRESSION_ZLIB && dict.caseSlots > 0 ? await readZlibIndex(src, fileSize) : null;
    const dataBytes = blocks === null ? fileSize - dict.dataOffset : blocks.reduce((n, b) => n + b.uSize, 0);
    const assembler = new CaseAssembler(dict, path, initialCapacity(dict, dataBytes));
    if (!assembler.done) {
      if (dict.compression === COMPRESSION_NONE) await readUncompressed(src, assembler, dict.caseSlots * 8);
      else if (dict.compression === COMPRESSION_BYTECODE) await readBytecode(src, assembler);
      else await readZlibBlocks(src, assembler, blocks ?? []);
    }
    return toDataset(dict, assembler);
  } catch (e) {
    if (e instanceof SpiegelError) throw e;
    // A bounds error from Buffer means a length in the file pointed outside it.
    if (e instanceof RangeError) {
      throw new FileFormatError(`corrupt file structure (${e.message})`, { file: path, offset: src?.offset ?? 0 });
    }
    // Operating-system errors (EISDIR, EIO, ...) while reading.
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string') {
      throw new SpiegelError('IO', `cannot read: ${e.message}`, { file: path });
    }
    throw e;
  } finally {
    await fh.close();
  }
}

/**
 * Columns are preallocated for the number of cases the header gives, but never for more than
 * the rest of the file can hold (a damaged count must not allocate gigabytes).
 */
function initialCapacity(dict: SavDictionary, dataBytes: number): number {
  if (dict.cases < 0) return 1024;
  // Uncompressed: 8 bytes per slot. Compressed: at least one command byte per slot.
  const perCase = dict.compression === COMPRESSION_NONE ? dict.caseSlots * 8 : dict.caseSlots / 8;
  const room = Math.floor(dataBytes / Math.max(perCase, 1e-9));
  return Math.min(dict.cases, room);
}

async function readUncompressed(src: ByteSource, asm: CaseAssembler, caseBytes: number): Promise<void> {
  for (;;) {
    src.pos = asm.decodeRaw(src.buf, src.pos, src.end);
    if (asm.done) return;
    if (!(await src.fill(caseBytes))) break;
  }
  if (src.available > 0) {
    throw new FileFormatError(`data ends in the middle of case ${asm.row + 1}`, { file: src.file, offset: src.offset });
  }
  asm.finish(src.offset);
}

async function readBytecode(src: ByteSource, asm: CaseAssembler): Promise<void> {
  for (;;) {
    const base = src.offset - src.pos;
    src.pos = asm.decodeBytecode(src.buf, src.pos, src.end, base);
    if (asm.done) return;
    // Not even one command block (with its raw values) left: read more, or the data ends here.
    if (!(await src.fill(80))) break;
  }
  if (src.available > 0) {
    throw new FileFormatError(`data ends in the middle of a compressed block (case ${asm.row + 1})`, { file: src.file, offset: src.offset });
  }
  asm.finish(src.offset);
}

interface ZlibBlock {
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
async function readZlibIndex(src: ByteSource, fileSize: number): Promise<ZlibBlock[]> {
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
  let expectCompressed = headerOffset + 24;
  let expectUncompressed = headerOffset;
  for (let b = 0; b < nBlocks; b++) {
    const at = 24 + b * 24;
    const uOfs = i64(at);
    const cOfs = i64(at + 8);
    const uSize = i32(at + 16);
    const cSize = i32(at + 20);
    if (cOfs !== expectCompressed || uOfs !== expectUncompressed || cSize <= 0 || uSize <= 0 || uSize > Math.max(blockSize, 1 << 22) || cOfs + cSize > ztrailer) {
      fail(`zlib trailer entry for block ${b + 1} is inconsistent`, ztrailer + at);
    }
    blocks.push({ cOfs, cSize, uSize, entry: ztrailer + at });
    expectCompressed += cSize;
    expectUncompressed += uSize;
  }
  if (expectCompressed !== ztrailer) fail('zlib blocks do not end where the trailer starts', ztrailer);
  return blocks;
}

/** Inflates the blocks one at a time and decodes their bytecode. */
async function readZlibBlocks(src: ByteSource, asm: CaseAssembler, blocks: readonly ZlibBlock[]): Promise<void> {
  let carry: Buffer = Buffer.alloc(0);
  let end = src.offset;
  for (let b = 0; b < blocks.length && !asm.done; b++) {
    const { cOfs, cSize, uSize } = blocks[b];
    const compressed = await src.readAt(cOfs, cSize, `zlib block ${b + 1}`);
    let raw: Buffer;
    try {
      raw = inflateSync(compressed, { maxOutputLength: uSize + 1 });
    } catch (e) {
      throw new FileFormatError(`zlib block ${b + 1} cannot be decompressed (${(e as Error).message})`, { file: src.file, offset: cOfs });
    }
    if (raw.length !== uSize) {
      throw new FileFormatError(`zlib block ${b + 1} inflates to ${raw.length} bytes, the trailer says ${uSize}`, { file: src.file, offset: cOfs });
    }
    const data = carry.length > 0 ? Buffer.concat([carry, raw]) : raw;
    const stop = asm.decodeBytecode(data, 0, data.length, cOfs, true);
    carry = Buffer.from(data.subarray(stop));
    end = cOfs + cSize;
  }
  if (asm.done) return;
  if (carry.length > 0) {
    throw new FileFormatError(`data ends in the middle of a compressed block (case ${asm.row + 1})`, { file: src.file, offset: end });
  }
  asm.finish(end);
}

function toDataset(dict: SavDictionary, asm: CaseAssembler): Dataset {
  const { numbers, strings } = asm.result();
  let ni = 0;
  let si = 0;
  const columns: Column[] = dict.variables.map((v): Column => {
    if (v.width > 0) {
      return {
        type: 'string',
        name: v.name,
        values: strings[si++],
        label: v.label,
        measure: v.measure,
        format: v.format,
        valueLabels: v.stringLabels,
        missing: v.missingStrings.length === 0 ? NO_MISSING : { values: v.missingStrings, range: null },
        width: v.width,
      };
    }
    const values = numbers[ni++];
    const missing = numericMissing(v);
    const categorical = v.numberLabels.size > 0 && v.measure !== 'scale';
    if (categorical) {
      return {
        type: 'categorical',
        name: v.name,
        values,
        label: v.label,
        measure: v.measure,
        format: v.format,
        valueLabels: v.numberLabels,
        missing,
        ordered: v.measure === 'ordinal',
      };
    }
    return { type: 'numeric', name: v.name, values, label: v.label, measure: v.measure, format: v.format, valueLabels: v.numberLabels, missing };
  });
  return new Dataset(columns);
}

function numericMissing(v: SavVariable): MissingValues<number> {
  if (v.missingNumbers.length === 0 && v.missingRange === null) return NO_MISSING;
  return { values: v.missingNumbers, range: v.missingRange };
}
