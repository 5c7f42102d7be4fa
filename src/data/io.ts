/**
 * Reading and writing datasets by file name: .csv (with codebook), .sav/.zsav (SPSS) and .json
 * (written only, for inspection and pipelines).
 */
import { extname } from 'node:path';
import { InvalidInputError } from '../errors.js';
import { describeVariables } from './codebook.js';
import type { Dataset } from './dataset.js';
import { writeFilesAtomic } from './csv/atomic.js';
import { type CsvReadOptions, readCsv } from './csv/read.js';
import { type CsvWriteOptions, writeCsv } from './csv/write.js';
import { readSav, writeSav } from './sav/index.js';

export type DataFormat = 'csv' | 'sav' | 'zsav' | 'json';

/** The format of a data file by its extension; an unknown extension is an error naming the file. */
export function dataFormatOf(path: string): DataFormat {
  const ext = extname(path).toLowerCase();
  switch (ext) {
    case '.csv':
      return 'csv';
    case '.sav':
      return 'sav';
    case '.zsav':
      return 'zsav';
    case '.json':
      return 'json';
    default:
      throw new InvalidInputError(
        ext === '' ? 'the file name has no extension; use .csv, .sav, .zsav or .json' : `unknown file type "${ext}"; use .csv, .sav, .zsav or .json`,
        { file: path },
      );
  }
}

export interface ReadDatasetOptions extends CsvReadOptions {}

export async function readDataset(path: string, options: ReadDatasetOptions = {}): Promise<Dataset> {
  const format = dataFormatOf(path);
  if (format === 'csv') return readCsv(path, options);
  if (format === 'json') {
    throw new InvalidInputError('spiegel writes .json files but does not read them; use .csv with a codebook or .sav', { file: path });
  }
  for (const csvOnly of ['codebook', 'separator', 'decimal', 'na'] as const) {
    if (options[csvOnly] !== undefined && options[csvOnly] !== false) {
      throw new InvalidInputError(`the ${csvOnly} option applies to CSV files only; a ${format} file has its own dictionary`, { file: path });
    }
  }
  return readSav(path, {
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  });
}

export interface WriteDatasetOptions extends CsvWriteOptions {
  /** .sav compression (default bytecode). */
  compression?: 'bytecode' | 'none';
  /** .json: write `{"variables": [...], "rows": [...]}` instead of the bare array of rows. */
  dictionary?: boolean;
}

export async function writeDataset(data: Dataset, path: string, options: WriteDatasetOptions = {}): Promise<void> {
  const format = dataFormatOf(path);
  switch (format) {
    case 'csv':
      return writeCsv(data, path, options);
    case 'sav':
      return writeSav(data, path, options.compression === undefined ? {} : { compression: options.compression });
    case 'zsav':
      throw new InvalidInputError('spiegel reads .zsav files but writes only .sav (bytecode-compressed)', { file: path });
    case 'json':
      return writeJson(data, path, { dictionary: options.dictionary ?? false });
  }
}

/**
 * JSON: an array of rows, each an object keyed by variable name; codes stay codes (labels are in
 * the dictionary), system-missing is null. With `dictionary`, the rows sit beside the variables as
 * `spiegel describe --json` reports them.
 */
export async function writeJson(data: Dataset, path: string, options: { dictionary?: boolean } = {}): Promise<void> {
  await writeFilesAtomic([path], async ([sink]) => {
    const keys = data.columns.map((c) => JSON.stringify(c.name) + ':');
    if (options.dictionary === true) {
      sink.add(`{"rows":${data.nrow},"variables":${JSON.stringify(describeVariables(data))},\n"data":[`);
    } else sink.add('[');
    const cols = data.columns;
    for (let i = 0; i < data.nrow; i++) {
      const r = data.physical(i);
      let line = i === 0 ? '\n{' : ',\n{';
      for (let j = 0; j < cols.length; j++) {
        const c = cols[j];
        const v = c.values[r];
        line += (j === 0 ? '' : ',') + keys[j] + (typeof v === 'string' ? JSON.stringify(v) : Number.isFinite(v) ? String(v) : 'null');
      }
      sink.add(line + '}');
      if (sink.pending >= 1 << 20) await sink.flush();
    }
    sink.add(options.dictionary === true ? '\n]}\n' : '\n]\n');
  });
}
