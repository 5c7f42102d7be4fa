/**
 * Writing a Dataset as CSV plus codebook, all-or-nothing.
 *
 * Numbers are written in the shortest form that reads back to the same double (JavaScript's
 * number-to-text), NaN as an empty field; with decimal "," the point becomes a comma (and the
 * separator defaults to ";", as Dutch Excel expects). Codes are written as codes: the labels live in
 * the codebook, which is written beside the CSV and holds the whole dictionary.
 */
import { basename } from 'node:path';
import { InvalidInputError } from '../../errors.js';
import { codebookJson, codebookYaml } from '../codebook.js';
import type { Dataset } from '../dataset.js';
import { TextSink, writeFilesAtomic } from './atomic.js';
import { formatNumber } from './number.js';

export interface CsvWriteOptions {
  /** Field separator; default "," (";" when decimal is ","). */
  separator?: string;
  decimal?: '.' | ',';
  /** Codebook path; default `<name>.codebook.yaml` beside the CSV; `false` writes none. A .json path writes JSON. */
  codebook?: string | false;
  /** Line end; default "\n". */
  lineEnd?: '\n' | '\r\n';
}

export async function writeCsv(data: Dataset, path: string, options: CsvWriteOptions = {}): Promise<void> {
  const decimal = options.decimal ?? '.';
  const sep = options.separator ?? (decimal === ',' ? ';' : ',');
  if (sep.length !== 1 || sep === '"' || sep === '\n' || sep === '\r' || (sep === ',' && decimal === ',')) {
    throw new InvalidInputError(
      sep === ',' ? 'a decimal comma needs another separator, such as ";"' : `cannot use ${JSON.stringify(sep)} as separator`,
      { field: 'separator' },
    );
  }
  const cbPath = options.codebook === undefined ? defaultCodebookPath(path) : options.codebook;
  const paths = cbPath === false ? [path] : [path, cbPath];
  await writeFilesAtomic(paths, async (sinks) => {
    await writeCsvText(data, sinks[0], sep, decimal, options.lineEnd ?? '\n');
    if (cbPath !== false) {
      const opts = { file: basename(path), separator: sep, decimal };
      await sinks[1].write(/\.json$/i.test(cbPath) ? codebookJson(data, opts) : codebookYaml(data, opts));
    }
  });
}

/** The codebook written beside a CSV output when none is named: data.csv → data.codebook.yaml. */
export function defaultCodebookPath(csvPath: string): string {
  return csvPath.replace(/(\.csv)?$/i, '.codebook.yaml');
}

/** Quotes a field when it holds the separator, a quote or a line break. */
export function csvField(text: string, sep: string): string {
  if (text.includes('"')) return `"${text.replace(/"/g, '""')}"`;
  if (text.includes(sep) || text.includes('\n') || text.includes('\r')) return `"${text}"`;
  return text;
}

async function writeCsvText(data: Dataset, sink: TextSink, sep: string, decimal: '.' | ',', eol: string): Promise<void> {
  sink.add(data.columns.map((c) => csvField(c.name, sep)).join(sep) + eol);
  const cols = data.columns;
  const ncol = cols.length;
  for (let i = 0; i < data.nrow; i++) {
    const r = data.physical(i);
    // One string per row, built by concatenation (cheaper than an array join per row).
    let line = '';
    for (let j = 0; j < ncol; j++) {
      const c = cols[j];
      if (j > 0) line += sep;
      if (c.type === 'string') line += csvField(c.values[r], sep);
      else {
        const v = c.values[r];
        if (v === v) line += decimal === ',' ? formatNumber(v).replace('.', ',') : formatNumber(v); // v === v: not NaN
      }
    }
    sink.add(line + eol);
    if (sink.pending >= 1 << 20) await sink.flush();
  }
}
