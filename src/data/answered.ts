/**
 * Which rows hold an answer in a variable: a valid (non-missing) number, or a text that is not
 * empty or blank. Open answers and "Anders, namelijk" texts are counted this way when coding
 * feeds the tables (src/study/coded.ts, src/tables/kinds/themes.ts).
 */
import type { Dataset } from './dataset.js';

export function answeredRows(data: Dataset, name: string): Uint8Array {
  const out = new Uint8Array(data.nrow);
  if (data.column(name).type === 'string') {
    const s = data.strings(name);
    for (let i = 0; i < data.nrow; i++) out[i] = !data.isMissing(name, i) && s[i].trim() !== '' ? 1 : 0;
  } else {
    const v = data.validNumbers(name);
    for (let i = 0; i < data.nrow; i++) out[i] = Number.isNaN(v[i]) ? 0 : 1;
  }
  return out;
}
