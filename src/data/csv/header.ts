/**
 * The header line of a CSV file: the column names, and the codebook's variables against them.
 * Both checks look each name up once in a Map or Set, so a file with a million columns costs a
 * million lookups, not a million squared.
 */
import { basename } from 'node:path';
import { FileFormatError } from '../../errors.js';
import { type Codebook, CodebookError } from '../codebook.js';

/** Every column has a name, and no name is used twice. */
export function checkHeader(names: readonly string[], file: string, line: number): void {
  const seen = new Map<string, number>();
  for (let j = 0; j < names.length; j++) {
    const n = names[j];
    if (n === '') throw new FileFormatError(`column ${j + 1} of the header has no name`, { file, line });
    const k = seen.get(n);
    if (k !== undefined) throw new FileFormatError(`the header names column "${n}" twice (columns ${k + 1} and ${j + 1})`, { file, line });
    seen.set(n, j);
  }
}

/** Every variable of the codebook is a column of the file. */
export function checkCodebookColumns(codebook: Codebook, header: readonly string[], path: string): void {
  const columns = new Set<string>();
  for (let j = 0; j < header.length; j++) columns.add(header[j]);
  for (const v of codebook.variables.values()) {
    if (columns.has(v.name)) continue;
    // Only on the way to an error: the whole header may be searched.
    const near = header.find((h) => h.toLowerCase() === v.name.toLowerCase());
    throw new CodebookError(
      `variable "${v.name}" is not a column of ${basename(path)}` +
        (near !== undefined
          ? ` (did you mean "${near}"? names are case-sensitive)`
          : ` (columns: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', ...' : ''})`),
      v.where(undefined, true),
    );
  }
}
