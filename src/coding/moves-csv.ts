/**
 * "Anders, namelijk" moves: an answer in the rest category placed in an existing category of
 * its question after reading the text (report 4, footnote 4). Kept as a CSV file beside the spec,
 * one row per moved answer, with who moved it and when; the raw answer stays as it was and the
 * derived back-coded variable applies the moves (src/study/coded.ts).
 *
 *   unit,to,text,by,at
 *   r017,3,"via het RPO, zie regioplan",ans,2021-10-12T14:03:00Z
 */
import { FileFormatError } from '../errors.js';
import { CsvTokenizer } from '../data/csv/tokenizer.js';
import { csvField } from '../data/csv/write.js';

export interface Move {
  readonly unit: string;
  readonly to: number;
  readonly text: string;
  readonly by: string;
  readonly at: string;
}

const COLUMNS = ['unit', 'to', 'text', 'by', 'at'] as const;

export function writeMovesCsv(moves: readonly Move[]): string {
  return [COLUMNS.join(','), ...moves.map((m) => [m.unit, String(m.to), m.text, m.by, m.at].map((v) => csvField(v, ',')).join(','))].join('\n') + '\n';
}

export function parseMovesCsv(text: string, file: string): Move[] {
  const moves: Move[] = [];
  const problems: string[] = [];
  let index: Record<string, number> | null = null;
  const seen = new Map<string, number>();
  const tokenizer = new CsvTokenizer(',', file, (fields, line) => {
    if (index === null) {
      const header = fields.map((f) => f.replace(/^\uFEFF/, '').trim());
      index = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)]));
      const missing = COLUMNS.filter((c) => index![c] === -1);
      if (missing.length > 0) problems.push(`line ${line}: the header lacks ${missing.map((m) => `"${m}"`).join(', ')} (expected ${COLUMNS.join(',')})`);
      return;
    }
    if (fields.length === 1 && fields[0] === '') return;
    const get = (c: (typeof COLUMNS)[number]): string => fields[index![c]] ?? '';
    const unit = get('unit').trim();
    const to = Number(get('to').trim());
    if (unit === '') problems.push(`line ${line}: no unit`);
    if (get('to').trim() === '' || !Number.isFinite(to)) problems.push(`line ${line}: "to" must be the code of a category, not "${get('to')}"`);
    const earlier = seen.get(unit);
    if (earlier !== undefined) problems.push(`line ${line}: unit "${unit}" was already moved on line ${earlier}`);
    seen.set(unit, line);
    moves.push({ unit, to, text: get('text'), by: get('by').trim(), at: get('at').trim() });
  });
  tokenizer.push(text);
  tokenizer.end();
  if (index === null) problems.push('line 1: the file is empty; expected the header unit,to,text,by,at');
  if (problems.length > 0) throw new FileFormatError(problems.slice(0, 20).join('\n'), { file });
  return moves;
}
