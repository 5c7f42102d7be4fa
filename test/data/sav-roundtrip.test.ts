/**
 * Dataset → writeSav → readSav gives the same Dataset: property test over random datasets
 * (names, labels, value labels, user-missing definitions, NaN, ±Infinity, -0, strings of random
 * length including very long and multibyte UTF-8), for both bytecode and uncompressed output.
 * That other programs read our files the same way is checked with PSPP and haven by
 * tools/fixtures/sav/check-written.ts (output committed beside it).
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type Column, categoricalColumn, numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { InvalidInputError } from '../../src/errors.js';
import { readSav, writeSav } from '../../src/data/sav/index.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-sav-rt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
/** SPSS strings lose trailing blanks; generated text is trimmed the same way. */
const text = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: 'grapheme', maxLength }).map((s) => s.replace(/[ \0]+$/, ''));
const label = text(40).filter((s) => bytes(s) <= 255);

const name = fc
  .tuple(fc.constantFrom('a', 'Z', 'é', 'ë', 'v', 'Q'), fc.stringMatching(/^[a-z0-9_.éë]{0,30}$/))
  .map(([h, t]) => (h + t).replace(/\.+$/, ''))
  .filter((n) => bytes(n) <= 64 && !['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH'].includes(n.toUpperCase()));

/**
 * -DBL_MAX is SPSS's system-missing code, and DBL_MAX / the double above -DBL_MAX are the HI / LO
 * ends of missing ranges (PSPP "System File Format"): those three doubles cannot be stored as
 * ordinary values, so the generator leaves them out (see the explicit test below).
 */
const RESERVED_DOUBLES = [-Number.MAX_VALUE, Number.MAX_VALUE, -1.7976931348623155e308];
const double = (noNaN = false): fc.Arbitrary<number> => fc.double({ noNaN }).filter((v) => !RESERVED_DOUBLES.includes(v));

const missingNumbers = fc.oneof(
  fc.record({ values: fc.array(double(true), { maxLength: 3 }), range: fc.constant(null) }),
  fc.record({
    values: fc.array(double(true), { maxLength: 1 }),
    range: fc.tuple(double(true), double(true)).map(([a, b]): [number, number] => (a <= b ? [a, b] : [b, a])),
  }),
);

type ColumnMaker = (name: string) => Column;

const numericArb = (n: number): fc.Arbitrary<ColumnMaker> =>
  fc
    .record({
      values: fc.array(fc.oneof(double(), fc.integer({ min: -150, max: 300 })), { minLength: n, maxLength: n }),
      label: fc.option(label),
      labels: fc.uniqueArray(fc.tuple(double(true), label), { maxLength: 4, selector: ([v]) => v }),
      missing: missingNumbers,
      format: fc.constantFrom('F8.2', 'F10.0', 'F8.0', 'DATE11', 'COMMA12.2', 'F40.16'),
    })
    .map((r) => (nm: string) =>
      numericColumn(nm, Float64Array.from(r.values), { label: r.label, valueLabels: r.labels, missing: r.missing, format: r.format, measure: 'scale' }),
    );

const categoricalArb = (n: number): fc.Arbitrary<ColumnMaker> =>
  fc
    .record({
      values: fc.array(fc.oneof(fc.integer({ min: -5, max: 120 }), fc.constant(Number.NaN)), { minLength: n, maxLength: n }),
      label: fc.option(label),
      labels: fc.uniqueArray(fc.tuple(fc.integer({ min: -5, max: 120 }), label), { minLength: 1, maxLength: 8, selector: ([v]) => v }),
      missing: missingNumbers,
      ordered: fc.boolean(),
    })
    .map((r) => (nm: string) =>
      categoricalColumn(nm, Float64Array.from(r.values), { label: r.label, valueLabels: r.labels, missing: r.missing, ordered: r.ordered, format: 'F8.0' }),
    );

const stringArb = (n: number): fc.Arbitrary<ColumnMaker> =>
  fc
    .record({
      values: fc.array(fc.oneof(text(12), text(400)), { minLength: n, maxLength: n }),
      extra: fc.integer({ min: 0, max: 20 }),
      label: fc.option(label),
      labelKeys: fc.uniqueArray(fc.tuple(text(10), label), { maxLength: 4, selector: ([v]) => v }),
      missing: fc.uniqueArray(text(8).filter((s) => bytes(s) <= 8), { maxLength: 3 }),
      measure: fc.constantFrom('nominal' as const, 'ordinal' as const),
    })
    .map((r) => (nm: string) => {
      let width = 1;
      for (const v of [...r.values, ...r.labelKeys.map(([k]) => k)]) width = Math.max(width, bytes(v));
      width += r.extra;
      const missing = r.missing.filter((m) => bytes(m) <= width);
      return stringColumn(nm, r.values, {
        label: r.label,
        valueLabels: r.labelKeys,
        missing: { values: missing, range: null },
        width,
        measure: r.measure,
        format: `A${width}`,
      });
    });

const datasetArb = fc.integer({ min: 0, max: 12 }).chain((n) =>
  fc
    .tuple(
      fc.uniqueArray(name, { minLength: 1, maxLength: 6, selector: (s) => s.toUpperCase() }),
      fc.array(fc.oneof(numericArb(n), categoricalArb(n), stringArb(n)), { minLength: 6, maxLength: 6 }),
    )
    .map(([names, makers]) => new Dataset(names.map((nm, i) => makers[i](nm)))),
);

/** A column as plain data, for deep comparison. */
function plain(c: Column): unknown {
  return {
    ...c,
    values: c.type === 'string' ? [...c.values] : Array.from(c.values),
    valueLabels: [...c.valueLabels],
    missing: { values: [...c.missing.values], range: c.missing.range },
  };
}

let counter = 0;

describe('writeSav → readSav round trip', () => {
  it.each(['bytecode', 'none'] as const)('reproduces random datasets (%s)', async (compression) => {
    await fc.assert(
      fc.asyncProperty(datasetArb, async (ds) => {
        const path = join(dir, `rt-${counter++}.sav`);
        await writeSav(ds, path, { compression });
        const back = await readSav(path);
        expect(back.nrow).toBe(ds.nrow);
        expect(back.columns.map(plain)).toEqual(ds.columns.map(plain));
        rmSync(path);
      }),
      { numRuns: 60 },
    );
  });

  it('reads -DBL_MAX back as system-missing (it is the SPSS system-missing code)', async () => {
    const ds = new Dataset([numericColumn('x', Float64Array.from([-Number.MAX_VALUE, Number.MAX_VALUE, 1]), { format: 'F8.0' })]);
    const path = join(dir, 'sysmis.sav');
    await writeSav(ds, path);
    expect(Array.from((await readSav(path)).numbers('x'))).toEqual([Number.NaN, Number.MAX_VALUE, 1]);
  });

  it('writes only the rows of a filtered view', async () => {
    const ds = new Dataset([numericColumn('x', Float64Array.from([1, 2, 3, 4]), { format: 'F8.0' }), stringColumn('s', ['a', 'b', 'c', 'd'], { width: 1 })]);
    const path = join(dir, 'view.sav');
    await writeSav(ds.filter((i) => i % 2 === 1), path);
    const back = await readSav(path);
    expect(Array.from(back.numbers('x'))).toEqual([2, 4]);
    expect(back.strings('s')).toEqual(['b', 'd']);
  });

  it('chooses F8.0 for whole numbers and F8.2 otherwise when a column has no format', async () => {
    const ds = new Dataset([numericColumn('whole', Float64Array.from([1, 2, Number.NaN])), numericColumn('frac', Float64Array.from([1.5, 2, 3]))]);
    const path = join(dir, 'formats.sav');
    await writeSav(ds, path);
    const back = await readSav(path);
    expect(back.column('whole').format).toBe('F8.0');
    expect(back.column('frac').format).toBe('F8.2');
  });
});

describe('writeSav refuses what SPSS cannot store, and leaves no file behind', () => {
  const cases: [string, Dataset][] = [
    ['no variables at all', new Dataset([])],
    ['a name with a space', new Dataset([numericColumn('twee woorden', new Float64Array(1))])],
    ['a reserved word as name', new Dataset([numericColumn('with', new Float64Array(1))])],
    ['names differing only in case', new Dataset([numericColumn('abc', new Float64Array(1)), numericColumn('ABC', new Float64Array(1))])],
    ['a value label over 255 bytes', new Dataset([numericColumn('x', new Float64Array(1), { valueLabels: [[1, 'x'.repeat(256)]] })])],
    ['a string missing value over 8 bytes', new Dataset([stringColumn('s', ['a'], { missing: { values: ['negen tekens'], range: null } })])],
    ['four missing values', new Dataset([numericColumn('x', new Float64Array(1), { missing: { values: [1, 2, 3, 4], range: null } })])],
  ];
  it.each(cases)('%s', async (_what, ds) => {
    const sub = mkdtempSync(join(dir, 'bad-'));
    const path = join(sub, 'out.sav');
    await expect(writeSav(ds, path)).rejects.toBeInstanceOf(InvalidInputError);
    expect(readdirSync(sub)).toEqual([]);
  });

  it('an error while writing data removes the temporary file and keeps the old file', async () => {
    const sub = mkdtempSync(join(dir, 'fail-'));
    const path = join(sub, 'out.sav');
    writeFileSync(path, 'old contents');
    // A string column whose 3rd value fails on its second read (the first read sizes the column).
    let reads = 0;
    const values = new Proxy(['a', 'b', 'c', 'd'], {
      get(target, prop, receiver) {
        if (prop === '2' && ++reads > 1) throw new Error('disk on fire');
        return Reflect.get(target, prop, receiver);
      },
    });
    const ds = new Dataset([stringColumn('s', values, { width: 1 })]);
    await expect(writeSav(ds, path)).rejects.toThrow('disk on fire');
    expect(readdirSync(sub)).toEqual(['out.sav']);
    expect(readFileSync(path, 'utf8')).toBe('old contents');
    expect(existsSync(path)).toBe(true);
  });
});
