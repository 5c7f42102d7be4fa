/**
 * Warnings from the readers: the file is readable, but something in it disagrees with itself
 * (a header count that does not match the data) and the reader chose what the data show. They
 * reach the user through the `onWarning` option of every reader; the CLI prints them.
 */
import type { ErrorLocation } from '../errors.js';

export type DataWarningCode =
  /** The header's number of cases differs from the cases in the data. */
  | 'CASE_COUNT'
  /** The header's number of 8-byte slots per case differs from the variable records. */
  | 'CASE_SIZE'
  /** The zlib trailer's block size differs from the blocks. */
  | 'BLOCK_SIZE';

export interface DataWarning {
  readonly code: DataWarningCode;
  readonly message: string;
  readonly location: ErrorLocation & { file: string };
}

export type WarningHandler = (warning: DataWarning) => void;

/** "file, byte offset 80: message", as errors print their location. */
export function warningText(w: DataWarning): string {
  const where: string[] = [w.location.file + (w.location.line !== undefined ? `:${w.location.line}` : '')];
  if (w.location.offset !== undefined) where.push(`byte offset ${w.location.offset}`);
  return `${where.join(', ')}: ${w.message}`;
}
