/**
 * openSav: an SPSS system file (.sav, .zsav) read as a stream of case batches. The dictionary
 * is read once; every call of cases() reads the data part again from its start, through its
 * own 1 MiB buffer on the shared file handle, and yields batches of at most `batchRows` cases
 * as Datasets holding only the requested columns. So a 20-million-row register can be scanned
 * for a few columns with memory for one batch, and read a second time for selected records.
 * readSav (read.ts) is this same reader with one unbounded batch.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { FileFormatError, SpiegelError, UnknownVariableError } from '../../errors.js';
import { type Column, type MissingValues, NO_MISSING } from '../column.js';
import { Dataset } from '../dataset.js';
import { ByteSource } from './byte-source.js';
import { CaseAssembler } from './cases.js';
import { COMPRESSION_BYTECODE, COMPRESSION_NONE, COMPRESSION_ZLIB } from './constants.js';
import { type SavDictionary, type SavVariable, readDictionary } from './dictionary.js';
import { type ZlibBlock, decodeBytecode, decodeUncompressed, decodeZlibBlocks, readZlibIndex } from './stream-decode.js';
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
