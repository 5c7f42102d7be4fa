/**
 * Header counts of a system file are advisory, as in haven (ReadStat) and PSPP: the number of
 * cases and of 8-byte slots per case in the file header may disagree with the data and the
 * variable records. The reader then follows the data and warns, naming both numbers.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { readDataset } from '../../src/data/io.js';
import { openSav, readSav, writeSav } from '../../src/data/sav/index.js';
import type { DataWarning } from '../../src/data/warnings.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-sav-advisory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const rows = 5;
const data = new Dataset([
  numericColumn('x', Float64Array.from([1, 2, 3, 4, 5])),
  stringColumn('s', ['a', 'bb', 'ccc', 'dddd', 'eeeee'], { width: 12 }),
]);
// Header layout (PSPP "System File Format"): nominal_case_size at byte 68, ncases at byte 80.
const CASE_SIZE_AT = 68;
const NCASES_AT = 80;
const files: Record<string, Buffer> = {};
beforeAll(async () => {
  for (const compression of ['bytecode', 'none'] as const) {
    const p = join(dir, `${compression}.sav`);
    await writeSav(data, p, { compression });
    files[compression] = readFileSync(p);
  }
});

function patched(name: string, at: number, value: number): string {
  const b = Buffer.from(files[name]);
  b.writeInt32LE(value, at);
  const p = join(dir, `${name}-${at}-${value}.sav`);
  writeFileSync(p, b);
  return p;
}

async function readWarned(path: string): Promise<{ ds: Dataset; warnings: DataWarning[] }> {
  const warnings: DataWarning[] = [];
  const ds = await readSav(path, { onWarning: (w) => warnings.push(w) });
  return { ds, warnings };
}

describe.each(['bytecode', 'none'])('%s compression', (name) => {
  it('reads a header that gives 0 slots per case (as some ReadStat files do) and warns', async () => {
    const p = patched(name, CASE_SIZE_AT, 0);
    const { ds, warnings } = await readWarned(p);
    expect(ds.nrow).toBe(rows);
    expect(Array.from(ds.numbers('x'))).toEqual([1, 2, 3, 4, 5]);
    expect(ds.strings('s')).toEqual(['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].code).toBe('CASE_SIZE');
    expect(warnings[0].location).toMatchObject({ file: p, offset: CASE_SIZE_AT });
    expect(warnings[0].message).toMatch(/\b0\b.*\b3\b/);
  });

  it('reads every case when the header gives fewer, and warns with both numbers', async () => {
    const p = patched(name, NCASES_AT, 2);
    const { ds, warnings } = await readWarned(p);
    expect(ds.nrow).toBe(rows);
    expect(ds.strings('s')).toEqual(['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    expect(warnings.map((w) => w.code)).toEqual(['CASE_COUNT']);
    expect(warnings[0].message).toContain('2 cases');
    expect(warnings[0].message).toContain('5');
  });

  it('reads the cases there are when the header gives more, and warns with both numbers', async () => {
    const p = patched(name, NCASES_AT, 1000);
    const { ds, warnings } = await readWarned(p);
    expect(ds.nrow).toBe(rows);
    expect(warnings.map((w) => w.code)).toEqual(['CASE_COUNT']);
    expect(warnings[0].message).toContain('1000 cases');
    expect(warnings[0].message).toContain('5');
  });

  it('streams in small batches past a header count that is too small, warning once per pass', async () => {
    const p = patched(name, NCASES_AT, 1);
    const warnings: DataWarning[] = [];
    const sav = await openSav(p, { onWarning: (w) => warnings.push(w) });
    try {
      let n = 0;
      for await (const b of sav.batches({ batchRows: 2 })) n += b.nrow;
      expect(n).toBe(rows);
      expect(warnings).toHaveLength(1);
    } finally {
      await sav.close();
    }
  });

  it('gives no warning when the header is right', async () => {
    const { ds, warnings } = await readWarned(join(dir, `${name}.sav`));
    expect(ds.nrow).toBe(rows);
    expect(warnings).toEqual([]);
  });

  it('passes warnings through readDataset', async () => {
    const p = patched(name, NCASES_AT, 3);
    const warnings: DataWarning[] = [];
    const ds = await readDataset(p, { onWarning: (w) => warnings.push(w) });
    expect(ds.nrow).toBe(rows);
    expect(warnings).toHaveLength(1);
  });
});
