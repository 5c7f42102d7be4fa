import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Column, type MissingValues, categoricalColumn, numericColumn, stringColumn } from '../../src/data/column.js';
import { readCsv } from '../../src/data/csv/read.js';
import { writeCsv } from '../../src/data/csv/write.js';
import { Dataset } from '../../src/data/dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-csvrt-'));

/** Everything the dictionary and the data hold, in comparable form. */
export function snapshot(d: Dataset): unknown {
  return d.columns.map((c) => ({
    name: c.name,
    type: c.type,
    label: c.label,
    measure: c.measure,
    format: c.format,
    valueLabels: [...(c.valueLabels as ReadonlyMap<unknown, string>)].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    missing: c.missing,
    ordered: c.type === 'categorical' ? c.ordered : undefined,
    width: c.type === 'string' ? c.width : undefined,
    values: Array.from(c.values as ArrayLike<unknown>, (v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v)),
  }));
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
const numberOrMissing = fc.oneof({ weight: 4, arbitrary: finite }, { weight: 1, arbitrary: fc.constant(NaN) });
// Any text without NUL (a NUL marks a binary file and is refused by the reader).
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(';', ',', '"', '\n', '\r', ' ', 'é', '€', '😀', 'a', '1', '.', ':', '#'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((g) => !g.includes('\0')),
  ),
  maxLength: 8,
});
const label = fc.option(text.filter((t) => t.length > 0), { nil: null });
const missingNumbers: fc.Arbitrary<MissingValues<number>> = fc.oneof(
  fc.record({ values: fc.uniqueArray(finite, { maxLength: 3 }), range: fc.constant(null) }),
  fc.record({
    values: fc.uniqueArray(finite, { maxLength: 1 }),
    range: fc.tuple(fc.oneof(finite, fc.constant(-Infinity)), fc.oneof(finite, fc.constant(Infinity))).map(
      ([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number],
    ),
  }),
);
const format = fc.option(fc.constantFrom('F8.2', 'F3.0', 'F10.4', 'COMMA12.2'), { nil: null });

function columnArb(name: string, rows: number): fc.Arbitrary<Column> {
  const nums = fc.array(numberOrMissing, { minLength: rows, maxLength: rows }).map((a) => Float64Array.from(a));
  return fc.oneof(
    fc.record({ v: nums, label, format, measure: fc.constantFrom('scale', 'nominal', 'ordinal' as const), miss: missingNumbers, labels: fc.array(fc.tuple(finite, text), { maxLength: 3 }) })
      .map((r) => numericColumn(name, r.v, { label: r.label, format: r.format, measure: r.measure, missing: r.miss, valueLabels: new Map(r.labels) })),
    fc.record({ v: nums, label, format, ordered: fc.boolean(), miss: missingNumbers, labels: fc.array(fc.tuple(fc.integer({ min: -9, max: 99 }), text), { maxLength: 5 }) })
      .map((r) => categoricalColumn(name, r.v, { label: r.label, format: r.format, measure: r.ordered ? 'ordinal' : 'nominal', missing: r.miss, valueLabels: new Map(r.labels) })),
    fc.record({
      v: fc.array(text, { minLength: rows, maxLength: rows }),
      label,
      extra: fc.nat(20),
      miss: fc.uniqueArray(text, { maxLength: 3 }),
      labels: fc.array(fc.tuple(text, text), { maxLength: 3 }),
    }).map((r) =>
      stringColumn(name, r.v, {
        label: r.label,
        missing: { values: r.miss, range: null },
        valueLabels: new Map(r.labels),
        width: Math.max(1, ...r.v.map((s) => Buffer.byteLength(s))) + r.extra,
      }),
    ),
  );
}

const datasetArb = fc
  .record({ rows: fc.nat(12), names: fc.uniqueArray(fc.stringMatching(/^[A-Za-z@][A-Za-z0-9_.@#$]{0,11}$/), { minLength: 1, maxLength: 6, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }) })
  .chain(({ rows, names }) => fc.tuple(...names.map((nm) => columnArb(nm, rows))))
  .map((cols) => new Dataset(cols));

describe('CSV + codebook round trip', () => {
  it('Dataset → CSV + codebook → Dataset loses nothing (random datasets)', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(datasetArb, fc.constantFrom('.', ','), async (data, decimal) => {
        const p = join(dir, `rt${k++}.csv`);
        await writeCsv(data, p, { decimal: decimal as '.' | ',' });
        const back = await readCsv(p);
        expect(snapshot(back)).toEqual(snapshot(data));
      }),
      { numRuns: 100 },
    );
  }, 60_000);

  it('writes a JSON codebook when asked and leaves no temporary files', async () => {
    const d = new Dataset([categoricalColumn('q1', Float64Array.from([1, 2, NaN]), { label: 'Vraag 1', valueLabels: [[1, 'Ja'], [2, 'Nee']] })]);
    const sub = mkdtempSync(join(dir, 'json-'));
    await writeCsv(d, join(sub, 'a.csv'), { codebook: join(sub, 'a.codebook.json') });
    expect(readdirSync(sub).sort()).toEqual(['a.codebook.json', 'a.csv']);
    expect(snapshot(await readCsv(join(sub, 'a.csv')))).toEqual(snapshot(d));
  });

  it('a failed write leaves nothing behind', async () => {
    const d = new Dataset([numericColumn('x', Float64Array.from([1]))]);
    const sub = mkdtempSync(join(dir, 'fail-'));
    await expect(writeCsv(d, join(sub, 'a.csv'), { codebook: join(sub, 'no-such-folder', 'a.codebook.yaml') })).rejects.toThrow(/cannot write/);
    expect(readdirSync(sub)).toEqual([]);
  });
});
