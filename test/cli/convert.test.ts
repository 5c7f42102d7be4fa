import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIO } from '../../src/cli/command.js';
import { type Column, type MissingValues, categoricalColumn, numericColumn, stringColumn } from '../../src/data/column.js';
import { readCsv } from '../../src/data/csv/read.js';
import { writeCsv } from '../../src/data/csv/write.js';
import { Dataset } from '../../src/data/dataset.js';

function capture(): CommandIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture();
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Everything the dictionary and the data hold, in comparable form. */
function snapshot(d: Dataset): unknown {
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

const dir = mkdtempSync(join(tmpdir(), 'spiegel-convert-'));

// ---- random datasets within what an SPSS system file can hold
const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/).filter((n) => !RESERVED.has(n.toUpperCase()));
/** Text without NUL, without trailing blanks (SPSS pads strings with blanks). */
const text = (max: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: fc.oneof(fc.constantFrom('a', 'Z', ' ', ';', ',', '"', '\n', 'é', '€', '1'), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: max })
    .map((s) => s.replace(/\0/g, '').replace(/ +$/, ''))
    .filter((s) => Buffer.byteLength(s) <= max * 4);
const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }).map((v) => (v === 0 ? 0 : v));
const value = fc.oneof({ weight: 5, arbitrary: fc.oneof(finite, fc.integer({ min: -5, max: 200 })) }, { weight: 1, arbitrary: fc.constant(NaN) });
const label = fc.option(text(30).filter((t) => t.length > 0), { nil: null });
const missing: fc.Arbitrary<MissingValues<number>> = fc.oneof(
  fc.record({ values: fc.uniqueArray(fc.integer({ min: -9, max: 99 }), { maxLength: 3 }), range: fc.constant(null) }),
  fc.record({
    values: fc.uniqueArray(fc.integer({ min: -9, max: 99 }), { maxLength: 1 }),
    range: fc.tuple(fc.integer({ min: -100, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as [number, number]),
  }),
);
const numFormat = fc.constantFrom('F8.2', 'F3.0', 'F10.4', 'F1.0');

function column(nm: string, rows: number): fc.Arbitrary<Column> {
  const nums = fc.array(value, { minLength: rows, maxLength: rows }).map((a) => Float64Array.from(a));
  const codes = fc.array(fc.tuple(fc.integer({ min: -9, max: 99 }), text(20).filter((t) => t.length > 0)), { minLength: 1, maxLength: 5 });
  return fc.oneof(
    fc.record({ v: nums, label, format: numFormat, miss: missing })
      .map((r) => numericColumn(nm, r.v, { label: r.label, format: r.format, measure: 'scale', missing: r.miss })),
    fc.record({ v: nums, label, format: numFormat, ordered: fc.boolean(), miss: missing, labels: codes })
      .map((r) => categoricalColumn(nm, r.v, { label: r.label, format: r.format, measure: r.ordered ? 'ordinal' : 'nominal', missing: r.miss, valueLabels: new Map(r.labels) })),
    fc.integer({ min: 1, max: 300 }).chain((width) =>
      fc.record({
        v: fc.array(text(width).filter((s) => Buffer.byteLength(s) <= width), { minLength: rows, maxLength: rows }),
        label,
        miss: fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/).filter((s) => Buffer.byteLength(s) <= width), { maxLength: 3 }),
        labels: fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/).filter((s) => s.length <= width), text(20).filter((t) => t.length > 0)), { maxLength: 3 }),
      }).map((r) =>
        stringColumn(nm, r.v, { label: r.label, format: `A${width}`, measure: 'nominal', width, missing: { values: r.miss, range: null }, valueLabels: new Map(r.labels) }),
      ),
    ),
  );
}
const dataset = fc
  .record({ rows: fc.nat(8), names: fc.uniqueArray(name, { minLength: 1, maxLength: 5, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }) })
  .chain(({ rows, names }) => fc.tuple(...names.map((n) => column(n, rows))))
  .map((cols) => new Dataset(cols));

describe('spiegel convert', () => {
  it('CSV → .sav → CSV keeps names, labels, value labels, missing values, measures, formats and data (random datasets)', async () => {
    let k = 0;
    await fc.assert(
      fc.asyncProperty(dataset, async (data) => {
        const sub = join(dir, `rt${k++}`);
        await writeCsv(data, join(sub + '-in.csv').toString(), {});
        const a = await run('convert', `${sub}-in.csv`, `${sub}.sav`);
        expect(a.stderr).toMatch(/wrote/);
        expect(a.code).toBe(0);
        const b = await run('convert', `${sub}.sav`, `${sub}-out.csv`);
        expect(b.code).toBe(0);
        expect(snapshot(await readCsv(`${sub}-out.csv`))).toEqual(snapshot(data));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('the example data survives CSV → .sav → CSV and its describe output is unchanged', async () => {
    const sav = join(dir, 'clients.sav');
    const csv = join(dir, 'clients.csv');
    expect((await run('convert', 'examples/data/clients-2021.csv', sav)).code).toBe(0);
    expect((await run('convert', sav, csv)).code).toBe(0);
    const before = await run('describe', 'examples/data/clients-2021.csv', '--json');
    expect((await run('describe', sav, '--json')).stdout).toBe(before.stdout);
    expect((await run('describe', csv, '--json')).stdout).toBe(before.stdout);
    // The data, value for value (the dictionary is compared through describe above).
    const values = (d: Dataset): unknown => d.columns.map((c) => Array.from(c.values as ArrayLike<unknown>));
    expect(values(await readCsv(csv))).toEqual(values(await readCsv('examples/data/clients-2021.csv')));
  });

  it('every .sav fixture (PSPP and haven) → CSV + codebook → .sav keeps the dictionary describe reports', async () => {
    const files = readdirSync('test/fixtures/sav').filter((f) => /\.z?sav$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const f of files) {
      const src = join('test/fixtures/sav', f);
      const csv = join(dir, `${f}.csv`);
      const sav = join(dir, `${f}.again.sav`);
      expect((await run('convert', src, csv)).code).toBe(0);
      expect((await run('convert', csv, sav)).code).toBe(0);
      const want = (await run('describe', src, '--json')).stdout;
      expect(want).toContain('"variables"');
      expect((await run('describe', csv, '--json')).stdout).toBe(want);
      expect((await run('describe', sav, '--json')).stdout).toBe(want);
    }
  });

  it('writes JSON rows keyed by variable name, codes as codes, missing as null', async () => {
    const src = join(dir, 'small.csv');
    writeFileSync(src, 'id;oordeel;naam\n1;2;"A ""B"""\n2;;\n');
    writeFileSync(join(dir, 'small.codebook.yaml'), 'variables:\n  oordeel: {type: categorical, values: {1: Goed, 2: Slecht}}\n');
    expect((await run('convert', src, join(dir, 'small.json'))).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'small.json'), 'utf8'))).toEqual([
      { id: 1, oordeel: 2, naam: 'A "B"' },
      { id: 2, oordeel: null, naam: '' },
    ]);
    expect((await run('convert', src, join(dir, 'small-dict.json'), '--dictionary')).code).toBe(0);
    const withDict = JSON.parse(readFileSync(join(dir, 'small-dict.json'), 'utf8'));
    expect(withDict.rows).toBe(2);
    expect(withDict.variables[1]).toMatchObject({ name: 'oordeel', valueLabels: { '1': 'Goed', '2': 'Slecht' }, valid: 1 });
    expect(withDict.data).toHaveLength(2);
  });

  it('writes a Dutch CSV (semicolon, decimal comma) when asked', async () => {
    const src = join(dir, 'nl.csv');
    writeFileSync(src, 'x,y\n1.5,a\n2,b\n');
    expect((await run('convert', src, join(dir, 'nl-out.csv'), '--out-decimal', ',')).code).toBe(0);
    expect(readFileSync(join(dir, 'nl-out.csv'), 'utf8')).toBe('x;y\n1,5;a\n2;b\n');
  });

  it('bad input: exit status 1, a message naming file and line, and no output at all', async () => {
    const sub = mkdtempSync(join(dir, 'bad-'));
    const src = join(sub, 'in.csv');
    writeFileSync(src, 'a;b\n1;2\n3;4;5\n');
    for (const out of ['out.sav', 'out.csv', 'out.json']) {
      const r = await run('convert', src, join(sub, out));
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`spiegel convert: ${src}:3: this row has 3 fields, the header has 2\n`);
    }
    expect(readdirSync(sub)).toEqual(['in.csv']);
  });

  it('a file that is not what it claims is refused, and an existing output is left alone', async () => {
    const sub = mkdtempSync(join(dir, 'claim-'));
    const fake = join(sub, 'fake.sav');
    writeFileSync(fake, 'a,b\n1,2\n');
    const out = join(sub, 'out.csv');
    writeFileSync(out, 'old\n');
    const r = await run('convert', fake, out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(fake);
    expect(readFileSync(out, 'utf8')).toBe('old\n');
    expect(readdirSync(sub).sort()).toEqual(['fake.sav', 'out.csv']);
    const renamed = join(sub, 'data.csv');
    writeFileSync(renamed, readFileSync('test/fixtures/sav/haven-bytecode.sav'));
    const r2 = await run('convert', renamed, join(sub, 'x.json'));
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('this is an SPSS .sav file, not a CSV file');
    expect(existsSync(join(sub, 'x.json'))).toBe(false);
  });

  it('CSV options on a .sav input are refused rather than ignored', async () => {
    const r = await run('convert', 'test/fixtures/sav/haven-bytecode.sav', join(dir, 'never.csv'), '--codebook', 'x.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the codebook option applies to CSV files only');
    expect(existsSync(join(dir, 'never.csv'))).toBe(false);
  });

  it('usage errors exit with status 2', async () => {
    expect((await run('convert', 'a.csv')).code).toBe(2);
    expect((await run('convert', 'a.csv', 'b.sav', '--compression', 'zip')).code).toBe(2);
    const r = await run('convert', 'examples/data/clients-2021.csv', join(dir, 'x.xlsx'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown file type ".xlsx"');
  });
});
