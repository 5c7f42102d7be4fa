/**
 * openSav: an SPSS system file (.sav, .zsav) read as a stream of case batches. The dictionary
 * is read once; every call of cases() reads the data part again from its start, through its
 * own 1 MiB buffer on the shared file handle, and yields batches of at most `batchRows` cases
 * as Datasets holding only the requested columns. So a 20-million-row register can be scanned
 * for a few columns with memory for one batch, and read a second time for selected records.
 * readSav (read.ts) is this same reader with one unbounded batch.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { FileFormatError, SpiegelError, UnknownVariableError } from '../../errors.js';
import { type Column, type MissingValues, NO_MISSING } from '../column.js';
import { Dataset } from '../dataset.js';
import { ByteSource } from './byte-source.js';
import { CaseAssembler } from './cases.js';
import {
  COMPRESSION_BYTECODE,
  COMPRESSION_NONE,
  COMPRESSION_ZLIB,
  ZLIB_BLOCK_CEILING,
  ZLIB_INFLATE_GRACE,
  ZLIB_INFLATE_RATIO,
} from './constants.js';
import { type SavDictionary, type SavVariable, readDictionary } from './dictionary.js';
import type { DataWarning, WarningHandler } from '../warnings.js';

export interface OpenSavOptions {
  /** Character encoding to use instead of the one the file declares (an iconv-lite name). */
  encoding?: string;
  /** Read buffer size in bytes (tests use small chunks to exercise chunk boundaries). */
  chunkSize?: number;
  /** Told when the file disagrees with itself in a way the reader can settle (header counts). Once per file. */
  onWarning?: WarningHandler;
  /** Work counters, added to as the data are read (tests count work instead of timing it). */
  stats?: SavReadStats;
}

export interface SavReadStats {
  /** Bytes of zlib data inflated. */
  inflatedBytes: number;
  /** Largest number of rows the columns were allocated for. */
  allocatedRows: number;
}

export interface SavCasesOptions {
  /** Variables to keep, by name (default: all). Batches hold them in dictionary order. */
  columns?: readonly string[];
  /** Cases per batch (default 65,536); Infinity gives one batch with every case. */
  batchRows?: number;
}

export interface SavStream {
  readonly file: string;
  readonly dictionary: SavDictionary;
  /** Number of cases the header gives, or -1 when the file does not say. */
  readonly cases: number;
  /** Every variable as a Dataset column with its metadata and no values. */
  readonly columns: readonly Column[];
  /**
   * The cases from the first, as Datasets of at most `batchRows` rows (the last may be shorter;
   * a file without cases yields nothing). Errors in the data are FileFormatErrors naming the
   * file and byte offset. May be called again (a new pass over the data) and run concurrently.
   */
  batches(options?: SavCasesOptions): AsyncIterable<Dataset>;
  close(): Promise<void>;
}

export const DEFAULT_BATCH_ROWS = 65_536;

export async function openSav(path: string, options: OpenSavOptions = {}): Promise<SavStream> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new SpiegelError('IO', `cannot open: ${(e as Error).message}`, { file: path });
  }
  // Every pass over the data finds the same mismatches: each warning is given once.
  const given = new Set<string>();
  const warnOnce = (w: DataWarning): void => {
    if (given.has(w.message)) return;
    given.add(w.message);
    options.onWarning?.(w);
  };
  try {
    const fileSize = (await fh.stat()).size;
    // Chunks of 1 MiB, but no bigger buffer than the file needs.
    const chunkSize = Math.min(options.chunkSize ?? 1 << 20, Math.max(fileSize, 256));
    const src = new ByteSource(fh, path, chunkSize);
    let dict: SavDictionary;
    let blocks: ZlibBlock[] | null;
    try {
      dict = await readDictionary(src, fileSize, options.encoding, warnOnce);
      blocks = dict.compression === COMPRESSION_ZLIB && dict.caseSlots > 0 ? await readZlibIndex(src, fileSize, warnOnce) : null;
    } catch (e) {
      throw asReadError(e, path, src);
    }
    const dataStart = src.offset;
    const dataBytes = fileSize - dataStart;
    const columns = dict.variables.map((v) => toColumn(v, v.width > 0 ? [] : new Float64Array(0)));
    const d = dict;
    const b = blocks;
    const stats = options.stats ?? { inflatedBytes: 0, allocatedRows: 0 };
    return {
      file: path,
      dictionary: d,
      cases: d.cases,
      columns,
      batches: (opts: SavCasesOptions = {}) => readBatches(fh, path, chunkSize, d, b, dataStart, dataBytes, opts, warnOnce, stats),
      close: () => fh.close(),
    };
  } catch (e) {
    await fh.close();
    throw e;
  }
}

async function* readBatches(
  fh: FileHandle,
  path: string,
  chunkSize: number,
  dict: SavDictionary,
  blocks: readonly ZlibBlock[] | null,
  dataStart: number,
  dataBytes: number,
  options: SavCasesOptions,
  warn: WarningHandler,
  stats: SavReadStats,
): AsyncGenerator<Dataset> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!(batchRows >= 1)) throw new RangeError(`batchRows must be at least 1 (got ${batchRows})`);
  let wanted: boolean[] | null = null;
  if (options.columns !== undefined) {
    const names = dict.variables.map((v) => v.name);
    for (const name of options.columns) {
      if (!names.includes(name)) throw new UnknownVariableError(name, { file: path }, names);
    }
    const set = new Set(options.columns);
    wanted = names.map((n) => set.has(n));
  }
  const src = new ByteSource(fh, path, chunkSize);
  src.littleEndian = dict.littleEndian;
  src.seek(dataStart);
  const asm = new CaseAssembler(dict, path, initialCapacity(dict, dataBytes), batchRows, wanted);
  const take = (): Dataset => toDataset(dict, asm.takeBatch(), wanted);
  try {
    if (!asm.done) {
      const steps =
        dict.compression === COMPRESSION_NONE
          ? decodeUncompressed(src, asm, dict.caseSlots * 8)
          : dict.compression === COMPRESSION_BYTECODE
            ? decodeBytecode(src, asm)
            : decodeZlibBlocks(src, asm, blocks ?? [], dataStart + dataBytes, stats);
      // Each step leaves a full batch (or the end of the data) in the assembler.
      for await (const _ of steps) {
        stats.allocatedRows = Math.max(stats.allocatedRows, asm.capacityRows);
        while (asm.full) yield take();
      }
    }
  } catch (e) {
    throw asReadError(e, path, src);
  }
  stats.allocatedRows = Math.max(stats.allocatedRows, asm.capacityRows);
  const mismatch = asm.caseCountMismatch();
  if (mismatch !== null) warn({ code: 'CASE_COUNT', message: mismatch, location: { file: path, offset: 80 } });
  while (asm.row > 0) yield take();
}

/** Errors while reading: typed, naming the file (and byte offset for damaged structure). */
function asReadError(e: unknown, path: string, src: ByteSource): unknown {
  if (e instanceof SpiegelError) return e;
  // A bounds error from Buffer means a length in the file pointed outside it.
  if (e instanceof RangeError) {
    return new FileFormatError(`corrupt file structure (${e.message})`, { file: path, offset: src.offset });
  }
  // Operating-system errors (EISDIR, EIO, ...) while reading.
  if (e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string') {
    return new SpiegelError('IO', `cannot read: ${e.message}`, { file: path });
  }
  return e;
}

/**
 * Rows preallocated before the columns grow by doubling: the header's case count (advisory), but
 * never more than the bytes of the data part can hold, as the file's real size says (uncompressed:
 * 8 bytes per slot; bytecode: at least one code byte per slot). The sizes in a zlib trailer are
 * not evidence (a small file can claim anything), so zlib data start at 64 Ki rows at most.
 */
function initialCapacity(dict: SavDictionary, dataBytes: number): number {
  const guess = dict.cases >= 0 ? dict.cases : 1024;
  if (dict.compression === COMPRESSION_ZLIB) return Math.min(guess, 1 << 16);
  const perCase = dict.compression === COMPRESSION_NONE ? dict.caseSlots * 8 : dict.caseSlots;
  return Math.min(guess, Math.floor(dataBytes / Math.max(perCase, 1)));
}

/** Uncompressed data: whole cases of 8-byte slots. Yields whenever a batch is full. */
async function* decodeUncompressed(src: ByteSource, asm: CaseAssembler, caseBytes: number): AsyncGenerator<void> {
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

async function* decodeBytecode(src: ByteSource, asm: CaseAssembler): AsyncGenerator<void> {
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
async function readZlibIndex(src: ByteSource, fileSize: number, warn: WarningHandler): Promise<ZlibBlock[]> {
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
async function* decodeZlibBlocks(
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

/** One batch of the assembler as a Dataset of the wanted variables. */
function toDataset(dict: SavDictionary, batch: { numbers: Float64Array[]; strings: string[][] }, wanted: readonly boolean[] | null): Dataset {
  let ni = 0;
  let si = 0;
  const columns: Column[] = [];
  dict.variables.forEach((v, k) => {
    const values = v.width > 0 ? batch.strings[si++] : batch.numbers[ni++];
    if (wanted === null || wanted[k]) columns.push(toColumn(v, values));
  });
  return new Dataset(columns);
}

/** A variable of the dictionary as a Dataset column: labelled non-scale numbers are categorical. */
function toColumn(v: SavVariable, values: Float64Array | string[]): Column {
  if (v.width > 0) {
    return {
      type: 'string',
      name: v.name,
      values: values as string[],
      label: v.label,
      measure: v.measure,
      format: v.format,
      valueLabels: v.stringLabels,
      missing: v.missingStrings.length === 0 ? NO_MISSING : { values: v.missingStrings, range: null },
      width: v.width,
    };
  }
  const numbers = values as Float64Array;
  const missing = numericMissing(v);
  const categorical = v.numberLabels.size > 0 && v.measure !== 'scale';
  if (categorical) {
    return {
      type: 'categorical',
      name: v.name,
      values: numbers,
      label: v.label,
      measure: v.measure,
      format: v.format,
      valueLabels: v.numberLabels,
      missing,
      ordered: v.measure === 'ordinal',
    };
  }
  return { type: 'numeric', name: v.name, values: numbers, label: v.label, measure: v.measure, format: v.format, valueLabels: v.numberLabels, missing };
}

function numericMissing(v: SavVariable): MissingValues<number> {
  if (v.missingNumbers.length === 0 && v.missingRange === null) return NO_MISSING;
  return { values: v.missingNumbers, range: v.missingRange };
}
