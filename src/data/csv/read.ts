/**
 * Reading a CSV file, with or without a codebook, into a Dataset.
 *
 * The file is streamed (decoded chunk by chunk, tokenized incrementally) so that memory holds the
 * columns, not the file. Each column is either declared by the codebook (then every cell must parse
 * as the declared type, or the error names file, line and column) or inferred (see ../infer.ts).
 */
import { access } from 'node:fs/promises';
import { FileFormatError, InvalidInputError } from '../../errors.js';
import { type Codebook, codebookPathFor, loadCodebook } from '../codebook.js';
import { Dataset } from '../dataset.js';
import type { Decimal } from '../infer.js';
import { checkEncoding, decodeFile } from './decode.js';
import { type ColumnBuilder, InferredBuilder, type Settings, makeBuilder } from './builders.js';
import { CsvTokenizer } from './tokenizer.js';
import { checkCodebookColumns, checkHeader } from './header.js';
import { MAX_FIELD_CHARS, MAX_NAME_CHARS } from '../limits.js';
import type { WarningHandler } from '../warnings.js';

export interface CsvReadOptions {
  /** Field separator; detected from the header line when absent (comma, semicolon or tab). */
  separator?: string;
  /** Decimal mark of numbers; detected per column when absent. */
  decimal?: '.' | ',';
  /** Character encoding; default from the codebook, else UTF-8. */
  encoding?: string;
  /** Codebook path; by default `<name>.codebook.yaml|yml|json` beside the CSV is used if present. `false`: none. */
  codebook?: string | false;
  /** Texts that mean "missing" besides the empty field (e.g. "NA"). */
  na?: readonly string[];
  /** Told when the file disagrees with itself in a way the reader can settle (see ../warnings.ts). */
  onWarning?: WarningHandler;
}


/** The codebook that applies to `path` under `options`, or null. */
export async function findCodebook(path: string, options: CsvReadOptions): Promise<Codebook | null> {
  if (options.codebook === false) return null;
  if (options.codebook !== undefined) return loadCodebook(options.codebook);
  for (const candidate of codebookPathFor(path)) {
    try {
      await access(candidate);
    } catch {
      continue;
    }
    return loadCodebook(candidate);
  }
  return null;
}

export async function readCsv(path: string, options: CsvReadOptions = {}): Promise<Dataset> {
  const codebook = await findCodebook(path, options);
  const encSource = options.encoding ?? codebook?.encoding ?? 'utf-8';
  const encoding = checkEncoding(
    encSource,
    options.encoding === undefined && codebook?.encoding != null ? codebook.where('encoding') : { field: '--encoding' },
  );
  const separator = options.separator ?? codebook?.separator ?? null;
  if (separator !== null && (separator.length !== 1 || separator === '"' || separator === '\n' || separator === '\r')) {
    throw new InvalidInputError(`separator must be one character such as "," or ";" (got ${JSON.stringify(separator)})`, {
      field: '--separator',
    });
  }
  const settings: Settings = {
    file: path,
    encoding,
    separator,
    decimal: options.decimal ?? codebook?.decimal ?? 'auto',
    na: new Set(options.na ?? codebook?.na ?? []),
  };

  let builders: ColumnBuilder[] = [];
  let rows = 0;
  await scan(settings, (header) => {
    if (codebook !== null) checkCodebookColumns(codebook, header, path);
    builders = header.map((name) => makeBuilder(name, codebook?.variables.get(name) ?? null, settings));
  }, (fields, line) => {
    for (let j = 0; j < fields.length; j++) builders[j].add(fields[j], line);
    rows++;
  });

  // Columns that turned out to be text after numbers were seen: read their text again.
  const reread = builders
    .map((b, j) => ({ b, j }))
    .filter(({ b }) => b instanceof InferredBuilder && b.needsFullText());
  if (reread.length > 0) {
    const texts = reread.map(() => new Array<string>(rows));
    let r = 0;
    await scan(settings, () => undefined, (fields, line) => {
      if (r >= rows) throw new FileFormatError('the file changed while it was being read', { file: path, line });
      for (let k = 0; k < reread.length; k++) texts[k][r] = fields[reread[k].j];
      r++;
    });
    if (r !== rows) throw new FileFormatError('the file changed while it was being read', { file: path });
    reread.forEach(({ b }, k) => (b as InferredBuilder).setText(texts[k]));
  }
  return new Dataset(builders.map((b) => b.finish()));
}

/** Streams `settings.file` through the tokenizer: the header once, then every data record. */
async function scan(
  settings: Settings,
  onHeader: (names: string[]) => void,
  onRow: (fields: string[], line: number) => void,
): Promise<void> {
  const file = settings.file;
  let tokenizer: CsvTokenizer | null = null;
  let ncol = -1;
  let buffered = '';
  const onRecord = (fields: string[], line: number): void => {
    if (ncol < 0) {
      const names = fields.map((f) => f.trim());
      checkHeader(names, file, line);
      ncol = names.length;
      // Data fields may be longer than names, up to their own limit.
      (tokenizer as unknown as CsvTokenizer).limitFields(MAX_FIELD_CHARS, 'field');
      onHeader(names);
      return;
    }
    if (fields.length !== ncol) {
      if (fields.length === 1 && fields[0] === '') return; // blank line
      throw new FileFormatError(`this row has ${fields.length} fields, the header has ${ncol}`, { file, line });
    }
    onRow(fields, line);
  };
  const start = (text: string): void => {
    const sep = settings.separator ?? detectSeparator(text);
    tokenizer = new CsvTokenizer(sep, file, onRecord);
    tokenizer.limitFields(MAX_NAME_CHARS, 'column name');
    tokenizer.push(text);
  };
  for await (const chunk of decodeFile(file, settings.encoding, file)) {
    if (tokenizer !== null) {
      (tokenizer as CsvTokenizer).push(chunk);
      continue;
    }
    buffered += chunk;
    // Detect the separator once the header line is complete (or 1 MB of it is there).
    if (settings.separator !== null || buffered.length >= 1 << 20 || headerEnd(buffered) >= 0) {
      start(buffered);
      buffered = '';
    }
  }
  if (tokenizer === null) {
    if (buffered.length === 0) throw new FileFormatError('the file is empty (a CSV file needs a header line)', { file, line: 1 });
    start(buffered);
  }
  (tokenizer as unknown as CsvTokenizer).end();
  if (ncol < 0) throw new FileFormatError('the file is empty (a CSV file needs a header line)', { file, line: 1 });
}

/** Index of the first line end outside quotes, or -1. */
function headerEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && (c === 10 || c === 13)) return i;
  }
  return -1;
}

/** The separator of the header line: the most frequent of ; , and tab outside quotes (comma on a tie). */
export function detectSeparator(text: string): string {
  const end = headerEnd(text);
  const line = end < 0 ? text : text.slice(0, end);
  let quoted = false;
  let comma = 0;
  let semi = 0;
  let tab = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted) {
      if (c === 44) comma++;
      else if (c === 59) semi++;
      else if (c === 9) tab++;
    }
  }
  if (semi > comma && semi >= tab) return ';';
  if (tab > comma && tab > semi) return '\t';
  return ',';
}
