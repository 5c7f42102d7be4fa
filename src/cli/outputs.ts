/**
 * The files a command reads and writes, for the output rule (src/files): a CSV brings its
 * codebook along on both sides, so `convert c.csv o.csv --out-codebook c.codebook.yaml` is caught
 * as writing onto an input.
 */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { codebookPathFor } from '../data/codebook.js';
import { defaultCodebookPath } from '../data/csv/write.js';
import type { RunFile } from '../files/index.js';

const isCsv = (path: string): boolean => extname(path).toLowerCase() === '.csv';

/** A data file read by a command, and the codebook read with it (given, or found beside a CSV). */
export function dataInputs(path: string, role: string, codebook?: string): RunFile[] {
  const files: RunFile[] = [{ path, role }];
  if (!isCsv(path)) return files;
  const cb = codebook ?? codebookPathFor(path).find((p) => existsSync(p));
  if (cb !== undefined) files.push({ path: cb, role: `the codebook of ${role.replace(/ \(.*\)$/, '')}` });
  return files;
}

/** A data file a command writes, and the codebook written beside a CSV (given or default). */
export function dataOutputs(path: string, role: string, codebook?: string): RunFile[] {
  const files: RunFile[] = [{ path, role }];
  if (isCsv(path)) files.push({ path: codebook ?? defaultCodebookPath(path), role: `the codebook of ${role.replace(/ \(.*\)$/, '')}` });
  return files;
}
