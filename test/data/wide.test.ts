/**
 * Wide files (issue 8, item 5) and the readers' limits (items 5, 11). Work per column must be
 * constant: the checks over all column names are counted with instrumented inputs (every element
 * read of the list of names, every set lookup) at n and 2n columns, never timed. Files beyond a
 * limit are refused with a typed error naming the file, the line and the limit.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { numericColumn } from '../../src/data/column.js';
import { parseCodebook } from '../../src/data/codebook.js';
import { checkCodebookColumns, checkHeader } from '../../src/data/csv/header.js';
import { readCsv } from '../../src/data/csv/read.js';
import { Dataset } from '../../src/data/dataset.js';
import { NumberList } from '../../src/data/infer.js';
import { MAX_COLUMNS, MAX_FIELD_CHARS, MAX_NAME_CHARS } from '../../src/data/limits.js';
import { writeSav, readSav } from '../../src/data/sav/index.js';
import { FileFormatError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-wide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An array that counts every element read (indexOf, includes, find and loops all read elements). */
function counted<T>(items: T[]): { list: T[]; reads: () => number } {
  let reads = 0;
  const list = new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { list, reads: () => reads };
}

const names = (n: number): string[] => Array.from({ length: n }, (_, i) => `vraag_${i + 1}`);

describe('work per column is constant', () => {
  it('checking the header for empty and duplicate names reads each name a bounded number of times', () => {
    const work = (n: number): number => {
      const c = counted(names(n));
      checkHeader(c.list, 'f.csv', 1);
      return c.reads();
    };
    expect(work(4000)).toBeLessThanOrEqual(4 * 4000);
    expect(work(8000)).toBeLessThanOrEqual(2 * work(4000) + 8);
  });

  it('matching a codebook against the header reads each name a bounded number of times', () => {
    const work = (n: number): number => {
      const all = names(n);
      const yaml = `variables:\n${all.map((v) => `  ${v}: {label: x}`).join('\n')}\n`;
      const cb = parseCodebook(yaml, 'f.codebook.yaml');
      const c = counted(all);
      checkCodebookColumns(cb, c.list, 'f.csv');
      return c.reads();
    };
    expect(work(2000)).toBeLessThanOrEqual(4 * 2000);
    expect(work(4000)).toBeLessThanOrEqual(2 * work(2000) + 8);
  });

  it('short names for a .sav file are found with a bounded number of lookups per variable', async () => {
    // Names that share their first 8 letters ("VRAAGNUM") all need a numbered short name, and
    // names vraag_1..vraag_n have stems ("VRAAG_12", "VRAAG_13") whose numbered names collide.
    const work = async (n: number): Promise<number> => {
      const ds = new Dataset([
        ...Array.from({ length: n }, (_, i) => numericColumn(`vraagnummer_${i + 1}`, Float64Array.of(1))),
        ...Array.from({ length: n }, (_, i) => numericColumn(`vraag_${i + 1}`, Float64Array.of(1))),
      ]);
      const has = vi.spyOn(Set.prototype, 'has');
      try {
        await writeSav(ds, join(dir, `short-${n}.sav`));
        return has.mock.calls.length;
      } finally {
        has.mockRestore();
      }
    };
    const a = await work(2000);
    const b = await work(4000);
    expect(b).toBeLessThanOrEqual(2 * a + 64);
  });

  it('a numeric column starts small and grows by doubling (no fixed 8 KB per column)', () => {
    const list = new NumberList();
    expect(list.values.length).toBeLessThanOrEqual(16);
    for (let i = 0; i < 100; i++) list.push(i);
    expect(Array.from(list.toArray())).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('wide files read', () => {
  it('a CSV with 50,000 columns reads, and a .sav with them converts to a CSV that reads back', async () => {
    const n = 50_000;
    const all = names(n);
    const p = join(dir, 'wide.csv');
    writeFileSync(p, `${all.join(',')}\n${all.map((_, i) => i % 7).join(',')}\n`);
    const ds = await readCsv(p, { codebook: false });
    expect(ds.ncol).toBe(n);
    expect(ds.numbers('vraag_49999')[0]).toBe(49998 % 7);
    const sav = join(dir, 'wide.sav');
    await writeSav(ds, sav);
    const back = await readSav(sav);
    expect(back.ncol).toBe(n);
    expect(back.names()[n - 1]).toBe(`vraag_${n}`);
  });
});

describe('limits', () => {
  async function refusal(p: string): Promise<FileFormatError> {
    const e = await readCsv(p, { codebook: false }).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(FileFormatError);
    return e as FileFormatError;
  }

  it(`a header with more than ${MAX_COLUMNS} columns is refused naming file, line and limit`, async () => {
    const p = join(dir, 'too-wide.csv');
    writeFileSync(p, `${'a,'.repeat(MAX_COLUMNS)}a\n`.replace(/a/g, (_m, i: number) => `c${i}`));
    const e = await refusal(p);
    expect(e.location).toMatchObject({ file: p, line: 1 });
    expect(e.message).toContain(MAX_COLUMNS.toLocaleString('en-US'));
  });

  it('a 200 MB header line of one name is refused as a too-long name, not "Invalid string length"', async () => {
    const p = join(dir, 'long-header.csv');
    writeFileSync(p, `${'a'.repeat(200_000_000)}\n1\n`);
    const e = await refusal(p);
    expect(e.location).toMatchObject({ file: p, line: 1, column: 1 });
    expect(e.message).toContain(MAX_NAME_CHARS.toLocaleString('en-US'));
  });

  it(`a data field longer than ${MAX_FIELD_CHARS} characters is refused naming file, line and column`, async () => {
    const p = join(dir, 'long-field.csv');
    writeFileSync(p, `id,tekst\n1,kort\n2,"${'x'.repeat(MAX_FIELD_CHARS + 1)}"\n`);
    const e = await refusal(p);
    expect(e.location).toMatchObject({ file: p, line: 3, column: 2 });
    expect(e.message).toContain(MAX_FIELD_CHARS.toLocaleString('en-US'));
  });
});

describe('.sav limit', () => {
  it(`a .sav dictionary with more than ${MAX_COLUMNS} variables is refused naming file, offset and limit`, async () => {
    const { SavBytes, fmt, header } = await import('../fixtures/sav/sav-bytes.js');
    const n = MAX_COLUMNS + 1;
    const head = header(new SavBytes(true), { caseSlots: n, compression: 1, cases: 0 }).build();
    const rec = new SavBytes(true).i32(2, 0, 0, 0, fmt(5, 8, 2), fmt(5, 8, 2)).text('V', 8).build();
    const bytes = Buffer.alloc(head.length + n * rec.length + 8);
    head.copy(bytes, 0);
    for (let i = 0; i < n; i++) rec.copy(bytes, head.length + i * rec.length);
    bytes.writeInt32LE(999, head.length + n * rec.length);
    const p = join(dir, 'too-many.sav');
    writeFileSync(p, bytes);
    const e = await readSav(p).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(FileFormatError);
    expect((e as FileFormatError).location.file).toBe(p);
    expect((e as FileFormatError).message).toContain(MAX_COLUMNS.toLocaleString('en-US'));
  });
});
