/**
 * References from narrative text to computed tables, so the text stays in step with the data:
 *
 *   {{ t5a.n }}              the table's N as printed in its title
 *   {{ t5a.row3.pct }}       row 3 (1-based, data rows), first column, as printed ("34%")
 *   {{ t5a.row3.col2.pct }}  row 3, column 2
 *   stats: pct (with "%"), value (the printed number), mean (one decimal), n (unweighted base)
 *
 * The table id is the first dotted segment, so tables referred to from text have ids without ".".
 */

export type TextStat = 'pct' | 'value' | 'mean' | 'n';

export interface TextReference {
  /** The whole "{{ … }}" text. */
  readonly source: string;
  readonly start: number;
  readonly end: number;
  readonly table: string;
  /** 1-based data row; null for table-level references. */
  readonly row: number | null;
  /** 1-based column; default 1. */
  readonly col: number;
  readonly stat: TextStat;
}

const REF = /\{\{\s*([^}]*?)\s*\}\}/g;
const STATS = new Set<TextStat>(['pct', 'value', 'mean', 'n']);

export function parseTextReferences(text: string): TextReference[] {
  const out: TextReference[] = [];
  for (const m of text.matchAll(REF)) {
    const source = m[0];
    const parts = m[1].split('.').map((s) => s.trim());
    const bad = (why: string): Error => new Error(`invalid reference "${source}": ${why} (write e.g. "{{ t5a.row3.pct }}")`);
    if (parts.length < 2 || parts[0] === '') throw bad('expected a table id and a statistic');
    const table = parts[0];
    let row: number | null = null;
    let col = 1;
    let i = 1;
    if (/^row\d+$/.test(parts[i] ?? '')) {
      row = Number(parts[i].slice(3));
      i++;
      if (/^col\d+$/.test(parts[i] ?? '')) {
        col = Number(parts[i].slice(3));
        i++;
      }
    }
    const stat = parts[i] as TextStat;
    if (!STATS.has(stat)) throw bad(`unknown statistic "${parts[i] ?? ''}" (use pct, value, mean or n)`);
    if (i !== parts.length - 1) throw bad('unexpected text after the statistic');
    if (row === null && stat !== 'n') throw bad(`"${stat}" needs a row, e.g. row1`);
    if (row !== null && row < 1) throw bad('rows are counted from 1');
    out.push({ source, start: m.index ?? 0, end: (m.index ?? 0) + source.length, table, row, col, stat });
  }
  return out;
}
