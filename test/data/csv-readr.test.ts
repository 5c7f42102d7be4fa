import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../../src/data/csv/read.js';

/**
 * The CSV fixtures in test/fixtures/csv/ (made by tools/fixtures/csv/make-files.mjs) read by R
 * readr (tools/fixtures/csv/read-with-readr.R, output committed beside each file): our reader,
 * with its own detection of separator, decimal mark and types, must give the same values.
 * readr gives NA for an empty text field where a spiegel string column holds "".
 */
const cases: [string, { encoding?: string }][] = [
  ['dutch-excel.csv', {}],
  ['comma-quoted.csv', {}],
  ['windows-1252.csv', { encoding: 'windows-1252' }],
];

describe('CSV reader agrees with R readr', () => {
  for (const [file, options] of cases) {
    it(file, async () => {
      const path = `test/fixtures/csv/${file}`;
      const r = JSON.parse(readFileSync(`${path}.readr.json`, 'utf8')) as { rows: number; columns: Record<string, (number | string | null)[]> };
      const d = await readCsv(path, { ...options, codebook: false });
      expect(d.nrow).toBe(r.rows);
      expect(d.names()).toEqual(Object.keys(r.columns));
      for (const [name, want] of Object.entries(r.columns)) {
        const col = d.column(name);
        const isText = want.some((v) => typeof v === 'string');
        expect(col.type).toBe(isText ? 'string' : 'numeric');
        const got = Array.from(col.values as ArrayLike<number | string>, (v) => (v === '' || (typeof v === 'number' && Number.isNaN(v)) ? null : v));
        expect(got).toEqual(want);
      }
    });
  }
});
