/**
 * Dispositions and AAPOR rates from a store with a known mix of outcomes (./fixture.ts), on both
 * engines. Expected numbers by hand from the fixture's list and the rules of
 * src/fieldwork/dispositions/classify.ts and aapor.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDispositions } from '../../../src/fieldwork/dispositions/read.js';
import { summariseDispositions } from '../../../src/fieldwork/dispositions/summary.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { loadSpec } from '../../../src/spec/load.js';
import { storeEngines } from '../store/engines.js';
import { run } from '../store/setup.js';
import { buildFixture } from './fixture.js';

const engines = storeEngines('dispositions test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const TARGETS = '  targets: { column: stratum, completes: { A: 4, B: 6 } }\n';

describe.each(engines)('dispositions on $name', (engine) => {
  it('gives every sampled unit its status and AAPOR code, by the export\'s partial rule', async () => {
    const f = await buildFixture(engine);
    const store = await openFieldStore(f.location);
    try {
      const units = await readDispositions(store, loadSpec(f.folder.spec).spec, { wave: 2021, partialThreshold: 0.5 });
      const of = new Map(units.map((u) => [u.participantId, u]));
      expect(units).toHaveLength(20); // the test link is not a sampled unit
      const want: [string, string, string][] = [
        [f.A[0], 'complete', '1.1'],
        [f.A[1], 'complete', '1.1'],
        [f.A[2], 'partial', '1.2'],
        [f.A[3], 'refused', '2.11'],
        [f.A[4], 'started', '2.12'],
        [f.A[5], 'invited', '3.19'],
        [f.A[6], 'invited', '3.19'],
        [f.A[7], 'not-invited', '3.11'],
        [f.B[0], 'complete', '1.1'],
        [f.B[1], 'complete', '1.1'],
        [f.B[2], 'invited', '3.19'],
        [f.B[3], 'undeliverable', '3.30'],
        [f.B[4], 'undeliverable', '3.30'],
        [f.B[5], 'ineligible', '4.10'],
        [f.B[6], 'started', '2.12'],
        ...f.B.slice(7, 11).map((id): [string, string, string] => [id, 'invited', '3.19']),
        [f.B[11], 'not-invited', '3.11'],
      ];
      expect(want.map(([id]) => [id, of.get(id)?.status, of.get(id)?.aapor.code])).toEqual(want);
      const s = summariseDispositions(units, 'stratum');
      expect(s.strata.map((x) => x.stratum)).toEqual(['A', 'B']);
      // The export counts the same responses: 4 complete, 1 partial (A3); A5 and B7 left out.
      const e = await run(['field', 'export', f.folder.spec, '--out', join(f.folder.dir, 'export.csv'), ...f.database]);
      expect(e.stdout).toContain('Wrote 5 respondent(s) of wave 2021');
      expect(e.stdout).toContain('4 complete, 1 partial; 2 break-off(s) below the partial threshold left out.');
    } finally {
      await store.close();
    }
  });

  it('spiegel field status: counts, AAPOR rates per stratum and completes against the targets', async () => {
    const f = await buildFixture(engine, TARGETS);
    const csv = join(f.folder.dir, 'status.csv');
    const r = await run(['field', 'status', f.folder.spec, '--csv', csv, ...f.database]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\r\n').map((l) => l.split(','));
    const head = lines[0];
    const rows = Object.fromEntries(lines.slice(1).map((l) => [l[0], Object.fromEntries(head.map((h, i) => [h, l[i]]))]));
    expect(Object.keys(rows)).toEqual(['total', 'A', 'B']);
    const num = (stratum: string, col: string): number => Number(rows[stratum][col]);
    // Letters: A: I 2, P 1, R 2 (refused, break-off), UH 3 (2 × 3.19, 1 × 3.11).
    //          B: I 2, R 1 (break-off), UH 6 (5 × 3.19, 1 × 3.11), UO 2, NE 1.
    const letters = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'];
    expect(letters.map((d) => num('A', `aapor_${d}`))).toEqual([2, 1, 2, 0, 0, 3, 0, 0]);
    expect(letters.map((d) => num('B', `aapor_${d}`))).toEqual([2, 0, 1, 0, 0, 6, 2, 1]);
    expect(letters.map((d) => num('total', `aapor_${d}`))).toEqual([4, 1, 3, 0, 0, 9, 2, 1]);
    const statuses = ['not-invited', 'invited', 'started', 'partial', 'complete', 'refused', 'undeliverable', 'ineligible'];
    expect(statuses.map((x) => num('total', x))).toEqual([2, 7, 2, 1, 4, 1, 2, 1]);
    expect([num('total', 'sampled'), num('A', 'sampled'), num('B', 'sampled')]).toEqual([20, 8, 12]);
    // A: denominator (I+P)+(R+NC+O)+(UH+UO) = 3 + 2 + 3 = 8; contacted (I+P)+R+O = 5.
    //   RR1 2/8, RR2 3/8, COOP1 2/5, COOP2 3/5, REF1 2/8, CON1 5/(5 + NC 0 + UH 3 + UO 0) = 5/8.
    const rates = (s: string): number[] => ['rr1', 'rr2', 'coop1', 'coop2', 'ref1', 'con1'].map((k) => num(s, k));
    const close = (got: number[], want: number[]): void => got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
    close(rates('A'), [2 / 8, 3 / 8, 2 / 5, 3 / 5, 2 / 8, 5 / 8]);
    // B: NE left out; denominator 2 + 1 + (6 + 2) = 11; contacted 2 + 1 = 3.
    //   RR1 2/11, RR2 2/11, COOP1 2/3, COOP2 2/3, REF1 1/11, CON1 3/11.
    close(rates('B'), [2 / 11, 2 / 11, 2 / 3, 2 / 3, 1 / 11, 3 / 11]);
    // Total: I 4, P 1, R 3, UH 9, UO 2 → denominator 19; contacted 8.
    //   RR1 4/19, RR2 5/19, COOP1 4/8, COOP2 5/8, REF1 3/19, CON1 8/19.
    close(rates('total'), [4 / 19, 5 / 19, 4 / 8, 5 / 8, 3 / 19, 8 / 19]);
    expect([rows.total.target, rows.A.target, rows.B.target]).toEqual(['10', '4', '6']);
    // The text table says the same, with the note on units not yet invited.
    expect(r.stdout).toContain('per stratum');
    expect(r.stdout).toMatch(/RR1\s+21\.1%\s+25\.0%\s+18\.2%/);
    expect(r.stdout).toMatch(/complete \/ target\s+4\/10\s+2\/4\s+2\/6/);
    expect(r.stdout).toContain('2 unit(s) not yet invited count as AAPOR 3.11');

    const j = await run(['field', 'status', f.folder.spec, '--json', '--by', 'geslacht', ...f.database]);
    expect(j.code).toBe(0);
    const parsed = JSON.parse(j.stdout) as { by: string; total: { aapor: Record<string, number>; rates: Record<string, number | null> }; strata: { stratum: string; sampled: number }[] };
    expect(parsed.by).toBe('geslacht');
    expect(parsed.total.aapor).toEqual({ '1.1': 4, '1.2': 1, '2.11': 1, '2.12': 2, '3.11': 2, '3.19': 7, '3.30': 2, '4.10': 1 });
    expect(parsed.strata.reduce((a, x) => a + x.sampled, 0)).toBe(20);
  });

  it('refuses a stratum column the register does not have, naming it', async () => {
    const f = await buildFixture(engine);
    const r = await run(['field', 'status', f.folder.spec, '--by', 'regio', ...f.database]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no register column "regio"');
    expect(r.stderr).toContain('its register columns: design_weight, geslacht, stratum');
  });
});
