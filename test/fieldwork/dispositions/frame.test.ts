/**
 * The report's population/sample/response table (report 6, Tabel 1) read from the fieldwork
 * store equals the table from an equivalent hand-made frame file, on both engines.
 *
 * Fixture (./fixture.ts): register of 40 (16 in A, 24 in B), sample 8 A + 12 B with design
 * weight 2, respondents as the export counts them: A1, A2 (complete), A3 (partial), B1, B2.
 * By hand: population A 8 × 2 = 16, B 12 × 2 = 24; sample 8 and 12; response 3 and 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_URL_ENV } from '../../../src/fieldwork/store/location.js';
import { SpecError } from '../../../src/spec/load.js';
import { computeStudy } from '../../../src/study/run.js';
import type { Table } from '../../../src/tables/model.js';
import { storeEngines } from '../store/engines.js';
import { run } from '../store/setup.js';
import { buildFixture, type Fixture } from './fixture.js';

const engines = storeEngines('population/sample/response from the store test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const table = (id: string, n: number, frame: string): string =>
  `  - { id: ${id}, number: ${n}, kind: populationSampleResponse, title: Populatie steekproef respons, frame: ${frame} }\n`;

/** The register of test/fieldwork/store/setup.ts with hand-set "drawn" and "responded" columns. */
function handMadeFrames(f: Fixture): void {
  const register = readFileSync(join(f.folder.dir, 'register.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const drawn = new Set([...f.A, ...f.B]);
  const responded = new Set([f.A[0], f.A[1], f.A[2], f.B[0], f.B[1]]);
  const kader = ['stratum,geslacht,s,r', ...register.map(([id, , , , , geslacht, regio]) => `${regio},${geslacht},${drawn.has(id) ? 1 : 0},${responded.has(id) ? 1 : 0}`)];
  writeFileSync(join(f.folder.dir, 'kader.csv'), kader.join('\n') + '\n');
  writeFileSync(join(f.folder.dir, 'populatie.csv'), ['stratum,geslacht', ...register.map((r) => `${r[6]},${r[5]}`)].join('\n') + '\n');
}

async function compute(f: Fixture, tables: string): Promise<ReadonlyMap<string, Table>> {
  // after the fixture's tables, before its sections
  writeFileSync(f.folder.spec, readFileSync(f.folder.spec, 'utf8').replace('\nsections:', `\n${tables}sections:`));
  const url = f.location.engine === 'postgres' ? f.location.url : undefined;
  const before = process.env[DATABASE_URL_ENV];
  if (url !== undefined) process.env[DATABASE_URL_ENV] = url;
  try {
    return (await computeStudy(f.folder.spec)).tables;
  } finally {
    if (before === undefined) delete process.env[DATABASE_URL_ENV];
    else process.env[DATABASE_URL_ENV] = before;
  }
}

const shown = (t: Table): unknown[] => t.rows.map((r) => [r.label, ...r.cells.map((c) => c.shown)]);

describe.each(engines)('population/sample/response from the store on $name', (engine) => {
  it('equals the table from the hand-made frame file, with the population from design weights or a frame file', async () => {
    const f = await buildFixture(engine);
    const e = await run(['field', 'export', f.folder.spec, ...f.database]);
    expect(e.code).toBe(0);
    handMadeFrames(f);
    const tables = await compute(
      f,
      table('pfile', 7, '{ file: kader.csv, by: stratum, sampled: s, responded: r }') +
        table('pweight', 8, '{ store: true, by: stratum, weight: design_weight }') +
        table('ppop', 9, '{ store: true, file: populatie.csv, by: stratum }') +
        // a numeric register column (codes 1 and 2), population counted from the frame file
        table('gfile', 10, '{ file: kader.csv, by: geslacht, sampled: s, responded: r }') +
        table('gpop', 11, '{ store: true, file: populatie.csv, by: geslacht }'),
    );
    const byHand = [
      ['A', 16, 8, 3],
      ['B', 24, 12, 2],
      ['Eindtotaal', 40, 20, 5],
    ];
    const file = tables.get('pfile')!;
    expect(shown(file)).toEqual(byHand);
    for (const id of ['pweight', 'ppop']) {
      const t = tables.get(id)!;
      expect(shown(t)).toEqual(byHand);
      expect(t.columns).toEqual(file.columns);
      expect(t.stubHead).toBe(file.stubHead);
      expect(t.rows).toEqual(file.rows);
    }
    const g = tables.get('gpop')!;
    expect(g.rows).toEqual(tables.get('gfile')!.rows);
    expect(g.columns).toEqual(tables.get('gfile')!.columns);
    // geslacht is (i % 2) + 1 for register unit r<i>: 20 of each in the population.
    expect(shown(g).map((r) => (r as unknown[])[1])).toEqual([20, 20, 40]);
  });

  it('errors name the field: no population source, an unknown register column', async () => {
    const f = await buildFixture(engine);
    expect((await run(['field', 'export', f.folder.spec, ...f.database])).code).toBe(0);
    const spec = readFileSync(f.folder.spec, 'utf8');
    const e1 = (await compute(f, table('p', 7, '{ store: true, by: stratum }')).catch((x: unknown) => x)) as SpecError;
    expect(e1).toBeInstanceOf(SpecError);
    expect(e1.issues.map((i) => i.field)).toContain('tables[6].frame.weight');
    writeFileSync(f.folder.spec, spec);
    const e2 = (await compute(f, table('p', 7, '{ store: true, by: regio, weight: design_weight }')).catch((x: unknown) => x)) as Error & { location: { field?: string } };
    expect(e2.message).toContain('no register column "regio"');
    expect(e2.location.field).toBe('tables[6].frame.store');
  });
});
