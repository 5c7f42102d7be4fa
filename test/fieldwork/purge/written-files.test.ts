/**
 * The list of files with personal data that commands wrote, kept in the store for the purge to
 * name: one entry per absolute path, the last write's kind and time, on both engines.
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import { recordWrittenFile, writtenFiles } from '../../../src/fieldwork/store/written-files.js';
import { storeEngines } from '../store/engines.js';

const engines = storeEngines('written files test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const options = { studyId: 'teststudie', wave: 2021, structureHash: 'h1', structure: '{}', anonymous: false };

describe.each(engines)('written files on $name', (engine) => {
  it('records each path once, absolute, with the last kind and time, oldest first', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      expect(await writtenFiles(store.db)).toEqual([]);
      await recordWrittenFile(store.db, 'out/brieven.pdf', 'letters-pdf', '2021-06-01T10:00:00.000Z');
      await recordWrittenFile(store.db, '/data/steekproef.csv', 'sample', '2021-05-30T09:00:00.000Z');
      // a very long path still fits the meta table's 64-character key
      const long = `/data/${'x'.repeat(300)}/brieven.csv`;
      await recordWrittenFile(store.db, long, 'letters-csv', '2021-06-02T08:00:00.000Z');
      // the same file written again: one entry, updated
      await recordWrittenFile(store.db, resolve('out/brieven.pdf'), 'letters-pdf', '2021-06-03T10:00:00.000Z');
      await store.db.transaction().execute((trx) => recordWrittenFile(trx, '/data/herinnering.pdf', 'letters-pdf', '2021-06-04T10:00:00.000Z'));
      expect(await writtenFiles(store.db)).toEqual([
        { path: '/data/steekproef.csv', kind: 'sample', at: '2021-05-30T09:00:00.000Z' },
        { path: long, kind: 'letters-csv', at: '2021-06-02T08:00:00.000Z' },
        { path: resolve('out/brieven.pdf'), kind: 'letters-pdf', at: '2021-06-03T10:00:00.000Z' },
        { path: '/data/herinnering.pdf', kind: 'letters-pdf', at: '2021-06-04T10:00:00.000Z' },
      ]);
      // the store's own meta is untouched
      expect((await store.meta()).studyId).toBe('teststudie');
    } finally {
      await store.close();
    }
  });
});
