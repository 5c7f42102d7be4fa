/**
 * A .sav frame is read streaming (SavFrame: a scan of the design's columns, then a select pass
 * for the sampled records) and gives the same sample as the same frame as CSV: same rows, strata,
 * inclusion probabilities and weights for the same seed, for SRS, systematic with a sort order,
 * stratified (fixed with take-all, proportional, Neyman) and PPS designs. The .sav file is made
 * from the CSV frame with the project's own readCsv and writeSav; batches of 257 cases make the
 * passes cross many batch boundaries. A damaged .sav frame ends in a FileFormatError naming the
 * file and byte offset, and no output file is left.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { readCsv } from '../../src/data/csv/read.js';
import { readDataset } from '../../src/data/io.js';
import { readSav, writeSav } from '../../src/data/sav/index.js';
import { categoricalColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { CsvFrame, drawSample, openFrame, parseSamplingDesign, SavFrame, Xoshiro128 } from '../../src/sampling/index.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-sav-frame-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const csvPath = join(dir, 'frame.csv');
const savPath = join(dir, 'frame.sav');
const ROWS = 3000;

beforeAll(async () => {
  const rng = new Xoshiro128(2021);
  const lines = ['id,klasse,inwoners,regio,naam'];
  for (let i = 0; i < ROWS; i++) {
    const klasse = i % 100 < 3 ? 'groot' : i % 100 < 30 ? 'middel' : 'klein';
    const inwoners = klasse === 'groot' ? 100_000 + rng.below(500_000) : klasse === 'middel' ? 20_000 + rng.below(80_000) : 1000 + rng.below(19_000);
    lines.push(`G${i + 1},${klasse},${inwoners},${1 + rng.below(12)},"Gemeente ${i + 1}, ${'abc'[rng.below(3)]}"`);
  }
  writeFileSync(csvPath, lines.join('\n') + '\n');
  await writeSav(await readCsv(csvPath), savPath);
});

const designs: Record<string, unknown> = {
  srs: { method: 'srs', n: 150, key: 'id' },
  'systematic, sorted': { method: 'systematic', n: 120, key: 'id', sort: ['regio', 'inwoners'] },
  'stratified fixed with take-all': { method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'fixed', n: { groot: 'all', middel: 40, klein: 60 } } },
  'stratified proportional': { method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'proportional', n: 200, minimum: 5 } },
  'stratified neyman': { method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'neyman', n: 200, variable: 'inwoners', minimum: 2 } },
  pps: { method: 'pps', n: 80, key: 'id', size: 'inwoners', sort: ['regio'] },
  'stratified pps': { method: 'pps', key: 'id', strata: 'klasse', size: 'inwoners', allocation: { type: 'fixed', n: { groot: 20, middel: 30, klein: 30 } } },
};

describe('a .sav frame gives the same sample as the CSV frame', () => {
  it('the converted .sav holds the same frame', async () => {
    const sav = await readSav(savPath);
    expect(sav.nrow).toBe(ROWS);
    expect(sav.names()).toEqual(['id', 'klasse', 'inwoners', 'regio', 'naam']);
    expect(sav.strings('id')[1234]).toBe('G1235');
  });

  for (const [label, spec] of Object.entries(designs)) {
    it(label, async () => {
      const design = parseSamplingDesign(spec);
      for (const seed of [1, 20211101]) {
        const csv = new CsvFrame(csvPath);
        const sav = new SavFrame(savPath, undefined, 257);
        const a = await drawSample(csv, design, { seed });
        const b = await drawSample(sav, design, { seed });
        expect(a.rows.length).toBeGreaterThan(0);
        expect(Array.from(b.rows)).toEqual(Array.from(a.rows));
        expect(b.stratum).toEqual(a.stratum);
        expect(Array.from(b.inclusionProbability)).toEqual(Array.from(a.inclusionProbability));
        expect(Array.from(b.designWeight)).toEqual(Array.from(a.designWeight));
        expect(b.summary).toEqual(a.summary);
        expect(b.frameRows).toBe(ROWS);
        // The select pass gives the same records (the .sav with its typed columns).
        const ra = await csv.select(a.rows);
        const rb = await sav.select(b.rows);
        expect(rb.strings('id')).toEqual(ra.strings('id'));
        expect(Array.from(rb.numbers('inwoners'))).toEqual(Array.from(ra.numbers('inwoners')));
        expect(rb.strings('naam')).toEqual(ra.strings('naam'));
        expect(rb.strings('id')).toEqual(Array.from(a.rows, (r) => `G${r + 1}`));
      }
    });
  }

  it('labelled categories are cells by label, and the sample keeps the dictionary', async () => {
    const n = 1000;
    const path = join(dir, 'labelled.sav');
    const code = Float64Array.from({ length: n }, (_, i) => 1 + (i % 3));
    const labels = new Map([[1, 'klein'], [2, 'middel'], [3, 'groot']]);
    await writeSav(
      new Dataset([
        stringColumn('id', Array.from({ length: n }, (_, i) => `u${i}`), { label: 'Sleutel' }),
        categoricalColumn('klasse', code, { valueLabels: labels, measure: 'ordinal', label: 'Grootteklasse' }),
      ]),
      path,
    );
    const frame = new SavFrame(path, undefined, 100);
    const design = parseSamplingDesign({ method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'fixed', n: { klein: 5, middel: 6, groot: 7 } } });
    const drawn = await drawSample(frame, design, { seed: 3 });
    expect(drawn.summary.map((s) => [s.stratum, s.population, s.sample])).toEqual([
      ['klein', 334, 5],
      ['middel', 333, 6],
      ['groot', 333, 7],
    ]);
    const selected = await frame.select(drawn.rows);
    const klasse = selected.column('klasse');
    expect(klasse.type).toBe('categorical');
    expect(klasse.label).toBe('Grootteklasse');
    expect(klasse.valueLabels).toEqual(labels);
    expect(Array.from(selected.numbers('klasse'), (c) => labels.get(c))).toEqual(drawn.stratum);
    expect(selected.strings('id')).toEqual(Array.from(drawn.rows, (r) => `u${r}`));
  });

  it('openFrame streams .sav files', async () => {
    expect(await openFrame(savPath)).toBeInstanceOf(SavFrame);
  });

  it('a scan of a .sav frame decodes only the columns it names', async () => {
    const frame = new SavFrame(savPath, undefined, 100);
    let rows = 0;
    await frame.scan((cell, row) => {
      expect(cell(2)).toBeTypeOf('number');
      if (row === 0) expect(() => cell(4)).toThrow(/not asked for/);
      rows++;
    }, [2]);
    expect(rows).toBe(ROWS);
  });
});

function capture(): CommandIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

describe('spiegel sample --frame FILE.sav', () => {
  it('writes the same sample as from the CSV frame', async () => {
    const work = mkdtempSync(join(dir, 'cli-'));
    const designPath = join(work, 'design.json');
    writeFileSync(designPath, JSON.stringify(designs['stratified proportional']));
    const outs: string[] = [];
    for (const frame of [csvPath, savPath]) {
      const out = join(work, `sample-from-${frame.endsWith('.sav') ? 'sav' : 'csv'}.csv`);
      const io = capture();
      expect(await main(['sample', '--frame', frame, '--design', designPath, '--seed', '42', '--out', out], io)).toBe(0);
      outs.push(out);
    }
    const [fromCsv, fromSav] = await Promise.all(outs.map((p) => readDataset(p)));
    expect(fromSav.nrow).toBe(200);
    expect(fromSav.strings('id')).toEqual(fromCsv.strings('id'));
    expect(fromSav.strings('stratum')).toEqual(fromCsv.strings('stratum'));
    expect(Array.from(fromSav.numbers('inclusion_probability'))).toEqual(Array.from(fromCsv.numbers('inclusion_probability')));
    expect(Array.from(fromSav.numbers('design_weight'))).toEqual(Array.from(fromCsv.numbers('design_weight')));
  });

  it('a damaged .sav frame: FileFormatError naming file and byte offset, no output file', async () => {
    const work = mkdtempSync(join(dir, 'bad-'));
    const bad = join(work, 'damaged.sav');
    const bytes = readFileSync(savPath);
    writeFileSync(bad, bytes.subarray(0, bytes.length - 333));
    const designPath = join(work, 'design.json');
    writeFileSync(designPath, JSON.stringify(designs.srs));
    const io = capture();
    const code = await main(['sample', '--frame', bad, '--design', designPath, '--seed', '1', '--out', join(work, 'sample.csv')], io);
    expect(code).not.toBe(0);
    expect(io.stderr).toContain('damaged.sav');
    expect(io.stderr).toMatch(/offset \d+/);
    expect(readdirSync(work).sort()).toEqual(['damaged.sav', 'design.json']);
    // The same error as the library gives, with a FileFormatError type.
    await expect(drawSample(new SavFrame(bad), parseSamplingDesign(designs.srs), { seed: 1 })).rejects.toMatchObject({
      name: 'FileFormatError',
      location: { file: bad, offset: expect.any(Number) },
    });
  });
});
