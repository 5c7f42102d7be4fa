/**
 * openSav (streaming, batches of columns) gives exactly the Dataset readSav gives: on every
 * committed fixture (PSPP- and haven-written, uncompressed, bytecode, zlib) with small batches
 * and small read chunks so batches and chunks end everywhere, and on a generated file of 50,000
 * rows that spans many 1 MiB chunks. Damaged data gives the same FileFormatError (file and byte
 * offset) as readSav; so do random corruptions and truncations of the fixtures (property test):
 * streaming either gives readSav's Dataset or readSav's error.
 */
import { readFileSync, readdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { categoricalColumn, numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { openSav, readSav, writeSav } from '../../src/data/sav/index.js';
import { concatBatches } from '../../src/data/sav/read.js';
import { FileFormatError, UnknownVariableError } from '../../src/errors.js';
import { Xoshiro128 } from '../../src/sampling/rng.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'sav');
const files = readdirSync(fixtures).filter((f) => /\.z?sav$/.test(f));
const dir = mkdtempSync(join(tmpdir(), 'spiegel-sav-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function streamAll(path: string, batchRows: number, chunkSize?: number, columns?: string[]): Promise<{ data: Dataset; sizes: number[] }> {
  const sav = await openSav(path, chunkSize === undefined ? {} : { chunkSize });
  try {
    const parts: Dataset[] = [];
    for await (const b of sav.batches({ batchRows, columns })) parts.push(b);
    const meta = columns === undefined ? sav.columns : sav.columns.filter((c) => columns.includes(c.name));
    return { data: concatBatches(meta, parts), sizes: parts.map((p) => p.nrow) };
  } finally {
    await sav.close();
  }
}

/** Batch sizes: all equal to batchRows except a shorter last one. */
function expectBatchSizes(sizes: number[], batchRows: number, total: number): void {
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
  sizes.forEach((n, i) => (i < sizes.length - 1 ? expect(n).toBe(batchRows) : expect(n).toBeGreaterThan(0)));
  expect(sizes.every((n) => n <= batchRows)).toBe(true);
}

describe('openSav on the committed fixtures', () => {
  it('has fixtures to check', () => expect(files.length).toBeGreaterThanOrEqual(8));
  for (const f of files) {
    it(`${f}: same Dataset as readSav in batches of 1, 2, 3 and 1000 rows, 64-byte chunks`, async () => {
      const path = join(fixtures, f);
      const whole = await readSav(path);
      expect(whole.nrow).toBeGreaterThan(0);
      for (const batchRows of [1, 2, 3, 1000]) {
        const { data, sizes } = await streamAll(path, batchRows, 64);
        expect(data.columns).toEqual(whole.columns);
        expectBatchSizes(sizes, batchRows, whole.nrow);
      }
      const sav = await openSav(path);
      expect(sav.columns.map((c) => ({ ...c, values: null }))).toEqual(whole.columns.map((c) => ({ ...c, values: null })));
      await sav.close();
    });
    it(`${f}: a selection of columns equals readSav's columns of those names`, async () => {
      const path = join(fixtures, f);
      const whole = await readSav(path);
      const names = whole.names().filter((_, j) => j % 2 === 1);
      const { data } = await streamAll(path, 2, 128, names);
      expect(data.columns).toEqual(whole.select(names).materialize().columns);
    });
  }
  it('names an unknown column', async () => {
    const sav = await openSav(join(fixtures, files[0]));
    try {
      await expect(async () => {
        for await (const _ of sav.batches({ columns: ['no_such_variable'] }));
      }).rejects.toThrow(UnknownVariableError);
    } finally {
      await sav.close();
    }
  });
});

/** 50,000 rows of doubles, labelled codes, short and long strings: several MiB, many chunks. */
function generated(rows: number): Dataset {
  const rng = new Xoshiro128(7);
  const x = new Float64Array(rows);
  const code = new Float64Array(rows);
  const place: string[] = [];
  const remark: string[] = [];
  for (let i = 0; i < rows; i++) {
    x[i] = i % 97 === 0 ? NaN : rng.uniform() * 1e6 - 5e5;
    code[i] = 1 + rng.below(3);
    place.push(['Utrecht', 'Zeist', "'s-Hertogenbosch", 'Mönchengladbach', ''][rng.below(5)]);
    remark.push(i % 5 === 0 ? `opmerking ${i} ${'x'.repeat(rng.below(300))}` : '');
  }
  return new Dataset([
    numericColumn('id', Float64Array.from({ length: rows }, (_, i) => i + 1)),
    numericColumn('x', x, { label: 'Random amount', format: 'F12.4' }),
    categoricalColumn('sex', code, { valueLabels: new Map([[1, 'man'], [2, 'vrouw'], [3, 'anders']]), measure: 'nominal' }),
    stringColumn('place', place, { width: 40 }),
    stringColumn('remark', remark, { width: 400 }),
  ]);
}

describe('openSav on a generated multi-chunk file', () => {
  for (const compression of ['bytecode', 'none'] as const) {
    it(`50,000 rows (${compression}): batches equal readSav`, async () => {
      const path = join(dir, `gen-${compression}.sav`);
      await writeSav(generated(50_000), path, { compression });
      expect(statSync(path).size).toBeGreaterThan(3 * (1 << 20));
      const whole = await readSav(path);
      expect(whole.nrow).toBe(50_000);
      for (const batchRows of [4096, 9999]) {
        const { data, sizes } = await streamAll(path, batchRows);
        expect(data.columns).toEqual(whole.columns);
        expectBatchSizes(sizes, batchRows, 50_000);
      }
      const { data } = await streamAll(path, 4096, undefined, ['id', 'sex']);
      expect(data.columns).toEqual(whole.select(['id', 'sex']).materialize().columns);
    });
  }

  it('two passes may run at once on one open file', async () => {
    const path = join(dir, 'gen-bytecode.sav');
    const sav = await openSav(path);
    try {
      const a = sav.batches({ batchRows: 5000, columns: ['id'] })[Symbol.asyncIterator]();
      const b = sav.batches({ batchRows: 7000, columns: ['id'] })[Symbol.asyncIterator]();
      let sumA = 0;
      let sumB = 0;
      for (;;) {
        const [ra, rb] = await Promise.all([a.next(), b.next()]);
        if (!ra.done) for (const v of ra.value.numbers('id')) sumA += v;
        if (!rb.done) for (const v of rb.value.numbers('id')) sumB += v;
        if (ra.done && rb.done) break;
      }
      // 1 + 2 + ... + 50,000
      expect(sumA).toBe(1_250_025_000);
      expect(sumB).toBe(1_250_025_000);
    } finally {
      await sav.close();
    }
  });
});

describe('damaged data while streaming', () => {
  it('a truncated file gives the same FileFormatError (file, offset) as readSav, after the good batches', async () => {
    const good = join(dir, 'gen-none.sav');
    const bytes = readFileSync(good);
    const cut = join(dir, 'cut.sav');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
    const expected = await readSav(cut).then(
      () => null,
      (e: unknown) => e,
    );
    expect(expected).toBeInstanceOf(FileFormatError);
    const sav = await openSav(cut);
    let rows = 0;
    let error: unknown = null;
    try {
      for await (const b of sav.batches({ batchRows: 4096 })) rows += b.nrow;
    } catch (e) {
      error = e;
    } finally {
      await sav.close();
    }
    expect(error).toBeInstanceOf(FileFormatError);
    const e = error as FileFormatError;
    expect(e.message).toBe((expected as FileFormatError).message);
    expect(e.location.file).toBe(cut);
    expect(e.location.offset).toBeGreaterThan(0);
    expect(e.location.offset).toBe((expected as FileFormatError).location.offset);
    expect(rows).toBeGreaterThan(40_000);
  });
});

/** Outcome of a read: the dataset's columns, or the error's type, message and location. */
async function outcome(read: () => Promise<Dataset>): Promise<unknown> {
  try {
    return (await read()).columns;
  } catch (e) {
    const err = e as FileFormatError;
    return { error: err.name, message: err.message, location: err.location };
  }
}

describe('damaged fixtures: streaming gives what readSav gives', () => {
  const sources = files.map((f) => readFileSync(join(fixtures, f)));
  let k = 0;
  it('random byte changes and truncations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(sources.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.constantFrom(1, 2, 5),
        async (which, changes, cutAt, batchRows) => {
          const src = sources[which];
          let bytes = Buffer.from(src);
          for (const [at, v] of changes) bytes[at % bytes.length] = v;
          if (cutAt !== undefined) bytes = bytes.subarray(0, cutAt % bytes.length);
          const path = join(dir, `damaged-${k++}${files[which].endsWith('.zsav') ? '.zsav' : '.sav'}`);
          writeFileSync(path, bytes);
          const whole = await outcome(() => readSav(path));
          const streamed = await outcome(async () => (await streamAll(path, batchRows, 64)).data);
          expect(streamed).toEqual(whole);
        },
      ),
      { numRuns: 300, seed: 4242 },
    );
  });
});
