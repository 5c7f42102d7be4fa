/**
 * SPSS system files (.sav, .zsav): the public API of this folder.
 * Format facts: PSPP developers guide, "System File Format".
 */
import type { Dataset } from '../dataset.js';
import type { WarningHandler } from '../warnings.js';
import { readSav as readSavFile } from './read.js';
import { type OpenSavOptions, type SavStream, openSav as openSavFile } from './stream.js';

export type { SavCasesOptions, SavStream } from './stream.js';
export { DEFAULT_BATCH_ROWS } from './stream.js';
import { writeSav as writeSavFile } from './write.js';

export interface ReadSavOptions {
  /** Override the character encoding the file declares (an iconv-lite name such as "windows-1252"). */
  encoding?: string;
  /** Told when a header count disagrees with the data (the data are read; see ../warnings.ts). */
  onWarning?: WarningHandler;
}

export interface WriteSavOptions {
  /** 'bytecode' (default) or 'none'. */
  compression?: 'bytecode' | 'none';
}

/** Reads a .sav/.zsav file. Bad files raise FileFormatError naming the file and byte offset. */
export async function readSav(path: string, options?: ReadSavOptions): Promise<Dataset> {
  return readSavFile(path, options ?? {});
}

/**
 * Opens a .sav/.zsav file for streaming: the dictionary and column metadata at once, the cases
 * as batches of at most `batchRows` rows holding only the requested columns (`batches()`, which
 * may be called again for another pass). Call close() when done.
 */
export async function openSav(path: string, options?: OpenSavOptions): Promise<SavStream> {
  return openSavFile(path, options ?? {});
}

/** Writes a .sav file (UTF-8) through a temporary file in the same folder, renamed when complete. */
export async function writeSav(data: Dataset, path: string, options?: { compression?: 'bytecode' | 'none' }): Promise<void> {
  return writeSavFile(data, path, options ?? {});
}
