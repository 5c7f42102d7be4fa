/**
 * Attributes of interviews from a CSV file, one row per interview: a Word file (.docx) has no
 * front matter, so this is how its organisation, role, region or date are given (and a .txt's).
 *
 *   id,rol,regio,datum
 *   regio-01,klantmanager,Noord,2021-05-12
 *   regio-02,teamleider,Zuid,2021-05-19
 *
 * `id` is the interview's id (front matter `id`, else its file name without extension). An empty
 * cell gives no attribute. Merged with the front matter by `withAttributes`: a value given in both
 * places must agree, so a typo in one of them does not silently win.
 */
import { FileFormatError, SpiegelError } from '../../errors.js';
import { CsvTokenizer } from '../../data/csv/tokenizer.js';

export interface AttributeRow {
  readonly id: string;
  readonly line: number;
  readonly attributes: Readonly<Record<string, string>>;
}

export function parseAttributesCsv(text: string, file: string): AttributeRow[] {
  const rows: AttributeRow[] = [];
  const seen = new Map<string, number>();
  let header: string[] | null = null;
  let idColumn = -1;
  const problems: FileFormatError[] = [];
  const tokenizer = new CsvTokenizer(',', file, (fields, line) => {
    if (header === null) {
      header = fields.map((f) => f.replace(/^\uFEFF/, '').trim());
      idColumn = header.indexOf('id');
      if (idColumn === -1) problems.push(new FileFormatError(`the header has no column "id" (the interview's id), only: ${header.join(', ')}`, { file, line }));
      header.forEach((name, i) => {
        if (name === '') problems.push(new FileFormatError(`column ${i + 1} of the header has no name`, { file, line }));
        else if (header!.indexOf(name) !== i) problems.push(new FileFormatError(`the header names column "${name}" twice`, { file, line }));
      });
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    if (idColumn === -1) return;
    const id = (fields[idColumn] ?? '').trim();
    if (id === '') {
      problems.push(new FileFormatError('every row needs the interview id in column "id"', { file, line, field: 'id' }));
      return;
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      problems.push(new FileFormatError(`interview "${id}" has a second row (the first is line ${earlier})`, { file, line, field: 'id' }));
      return;
    }
    seen.set(id, line);
    if (fields.length > header.length) problems.push(new FileFormatError(`the row has ${fields.length} fields, the header ${header.length}`, { file, line }));
    const attributes: Record<string, string> = {};
    header.forEach((name, i) => {
      const v = (fields[i] ?? '').trim();
      if (i !== idColumn && name !== '' && v !== '') attributes[name] = v;
    });
    rows.push({ id, line, attributes });
  });
  tokenizer.push(text);
  tokenizer.end();
  if (header === null) problems.push(new FileFormatError('the file is empty; expected a header line such as id,rol,regio', { file, line: 1 }));
  if (problems.length > 0) {
    const [first, ...rest] = problems;
    if (rest.length === 0) throw first;
    throw new FileFormatError(`${problems.length} problems:\n${problems.slice(0, 20).map((p) => p.message).join('\n')}`, { file });
  }
  return rows;
}

/**
 * The interviews with the attributes of the CSV added to their own. An id that is no interview,
 * or a value that differs from the front matter's, is an error naming the line.
 */
export function withAttributes<D extends { readonly id: string; readonly attributes: Readonly<Record<string, string>> }>(
  documents: readonly D[],
  rows: readonly AttributeRow[],
  file: string,
): D[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const ids = new Set(documents.map((d) => d.id));
  for (const r of rows) {
    if (!ids.has(r.id)) {
      throw new SpiegelError('INVALID_INPUT', `interview "${r.id}" is not among the interviews (${[...ids].join(', ')})`, { file, line: r.line, field: 'id' });
    }
  }
  return documents.map((d) => {
    const r = byId.get(d.id);
    if (r === undefined) return d;
    for (const [name, value] of Object.entries(r.attributes)) {
      const own = d.attributes[name];
      if (own !== undefined && own !== value) {
        throw new SpiegelError('INVALID_INPUT', `interview "${d.id}" has ${name} "${value}" here and "${own}" in its own file`, { file, line: r.line, field: name });
      }
    }
    return { ...d, attributes: { ...d.attributes, ...r.attributes } };
  });
}
