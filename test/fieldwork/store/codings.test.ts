/** Codings saved from the coding screens, on both engines: optimistic saves, history, two tabs. */
import { afterAll, describe, expect, it } from 'vitest';
import { codingHistory, codingsOf, saveCoding } from '../../../src/fieldwork/store/index.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import { storeEngines } from './engines.js';

const engines = storeEngines('store codings test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});
const options = { studyId: 's', wave: 2021, structureHash: 'h', structure: '{}', anonymous: false };

describe.each(engines)('codings in the store on $name', (engine) => {
  it('saves, refuses a save from an old revision, keeps every state for undo', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      const base = { question: 'suggestie', unit: 'r1', coder: 'ans' };
      expect(await saveCoding(store.db, { ...base, codes: ['b', 'a', 'a'], expectedRevision: 0 }, '2021-09-01T10:00:00.000Z')).toEqual({ kind: 'saved', revision: 1 });
      // the same set again (a double click): nothing changes
      expect(await saveCoding(store.db, { ...base, codes: ['a', 'b'], expectedRevision: 1 })).toEqual({ kind: 'unchanged', revision: 1 });
      expect(await saveCoding(store.db, { ...base, codes: ['c'], expectedRevision: 1 }, '2021-09-01T10:01:00.000Z')).toEqual({ kind: 'saved', revision: 2 });
      // a second tab still at revision 1, and one that thinks the answer is uncoded
      const stale = await saveCoding(store.db, { ...base, codes: ['a'], expectedRevision: 1 });
      expect(stale).toMatchObject({ kind: 'stale', current: { codes: ['c'], revision: 2 } });
      expect(await saveCoding(store.db, { ...base, codes: ['a'], expectedRevision: 0 })).toMatchObject({ kind: 'stale', current: { codes: ['c'], revision: 2 } });
      // another coder codes the same answer independently; "no code applies" is an empty set
      expect(await saveCoding(store.db, { ...base, coder: 'bram', codes: [], expectedRevision: 0 })).toEqual({ kind: 'saved', revision: 1 });
      const all = await codingsOf(store.db, 'suggestie');
      expect(all.map((c) => [c.unit, c.coder, c.codes, c.revision])).toEqual([
        ['r1', 'ans', ['c'], 2],
        ['r1', 'bram', [], 1],
      ]);
      expect((await codingHistory(store.db, 'suggestie', 'r1', 'ans')).map((h) => h.codes)).toEqual([['a', 'b'], ['c']]);
      expect(await codingsOf(store.db, 'other')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('lets exactly one of two simultaneous first saves win', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      const base = { question: 'q', unit: 'u', coder: 'ans', expectedRevision: 0 };
      const results = await Promise.all([saveCoding(store.db, { ...base, codes: ['x'] }), saveCoding(store.db, { ...base, codes: ['y'] })]);
      expect(results.map((r) => r.kind).sort()).toEqual(['saved', 'stale']);
      expect((await codingsOf(store.db, 'q')).length).toBe(1);
    } finally {
      await store.close();
    }
  });
});
