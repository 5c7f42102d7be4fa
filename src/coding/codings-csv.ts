/**
 * Codings as a CSV file, one row per answer (or interview fragment), coder and code — the
 * exchange format for scripts and spreadsheets (`spiegel code export --format csv`) and the
 * input of `spiegel code agreement`:
 *
 *   unit,coder,code,start,end,text
 *   r0012.suggestie,ans,contact.vast,,,
 *   r0012.suggestie,bram,contact,,,
 *   r0031.suggestie,ans,,,,                 ← coded by ans: no code applies
 *   zwolle,ans,werkdruk,120,188,"De caseload is te hoog"
 *
 * `start`/`end` (code points) and `text` are for fragments of interviews; empty for whole
 * answers. A row with an empty `code` records that the coder coded the unit and found no code.
 * Values are kept exactly (this file is data, not a spreadsheet download).
 */
import { readFile } from 'node:fs/promises';
import { FileFormatError } from '../errors.js';
import { CsvTokenizer } from '../data/csv/tokenizer.js';
import { csvField } from '../data/csv/write.js';
import type { CoderCoding } from './code-agreement.js';

export interface CodingRow {
  readonly unit: string;
  readonly coder: string;
  /** Empty: coded, no code applies. */
  readonly code: string;
  readonly start?: number;
  readonly end?: number;
  readonly text?: string;
}

const COLUMNS = ['unit', 'coder', 'code', 'start', 'end', 'text'] as const;

export function writeCodingsCsv(rows: readonly CodingRow[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    lines.push([r.unit, r.coder, r.code, r.start === undefined ? '' : String(r.start), r.end === undefined ? '' : String(r.end), r.text ?? ''].map((v) => csvField(v, ',')).join(','));
  }
  return lines.join('\n') + '\n';
}

export function parseCodingsCsv(text: string, file: string): CodingRow[] {
  const rows: CodingRow[] = [];
  let header: string[] | null = null;
  const index: Partial<Record<(typeof COLUMNS)[number], number>> = {};
  const problems: FileFormatError[] = [];
  const tokenizer = new CsvTokenizer(',', file, (fields, line) => {
    if (header === null) {
      header = fields.map((f) => f.replace(/^\uFEFF/, '').trim());
      COLUMNS.forEach((c) => {
        const i = header!.indexOf(c);
        if (i !== -1) index[c] = i;
      });
      for (const required of ['unit', 'coder', 'code'] as const) {
        if (index[required] === undefined) problems.push(new FileFormatError(`the header has no column "${required}" (expected ${COLUMNS.join(',')})`, { file, line }));
      }
      return;
    }
    if (fields.length === 1 && fields[0] === '') return; // blank line
    const get = (c: (typeof COLUMNS)[number]): string => (index[c] === undefined ? '' : (fields[index[c]!] ?? ''));
    const num = (c: 'start' | 'end'): number | undefined => {
      const v = get(c).trim();
      if (v === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) {
        problems.push(new FileFormatError(`"${c}" must be a whole number of characters, not "${v}"`, { file, line, field: c }));
        return undefined;
      }
      return n;
    };
    const unit = get('unit').trim();
    const coder = get('coder').trim();
    if (unit === '' || coder === '') {
      problems.push(new FileFormatError('every row needs a unit and a coder', { file, line }));
      return;
    }
    const start = num('start');
    const end = num('end');
    if ((start === undefined) !== (end === undefined) || (start !== undefined && end !== undefined && end < start)) {
      problems.push(new FileFormatError('a fragment needs both start and end, with end ≥ start', { file, line }));
    }
    const text = get('text');
    rows.push({ unit, coder, code: get('code').trim(), ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}), ...(text !== '' ? { text } : {}) });
  });
  tokenizer.push(text);
  tokenizer.end();
  if (header === null) problems.push(new FileFormatError('the file is empty; expected a header line unit,coder,code,start,end,text', { file, line: 1 }));
  if (problems.length > 0) {
    const [first, ...rest] = problems;
    if (rest.length === 0) throw first;
    throw new FileFormatError(`${problems.length} problems:\n${problems.slice(0, 20).map((p) => p.message).join('\n')}`, { file });
  }
  return rows;
}

export async function readCodingsCsv(path: string): Promise<CodingRow[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new FileFormatError(`cannot read the file: ${(e as Error).message}`, { file: path });
  }
  return parseCodingsCsv(text, path);
}

/** Whole-answer codings per unit and coder (the input of codeAgreement). */
export function coderCodings(rows: readonly CodingRow[]): CoderCoding[] {
  const byKey = new Map<string, { unit: string; coder: string; codes: Set<string> }>();
  for (const r of rows) {
    const key = `${r.unit}\u0000${r.coder}`;
    let c = byKey.get(key);
    if (c === undefined) byKey.set(key, (c = { unit: r.unit, coder: r.coder, codes: new Set() }));
    if (r.code !== '') c.codes.add(r.code);
  }
  return [...byKey.values()].map((c) => ({ unit: c.unit, coder: c.coder, codes: [...c.codes] }));
}
