/** Moves of "Anders" answers and coded interview fragments in the store (schema 4), on both engines. */
import { afterAll, describe, expect, it } from 'vitest';
import { moveHistory, movesOf, saveMove, saveSpan, spanHistory, spansOf } from '../../src/fieldwork/store/index.js';
import { createFieldStore } from '../../src/fieldwork/store/open.js';
import { storeEngines } from '../fieldwork/store/engines.js';

const engines = storeEngines('store moves and spans test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});
const options = { studyId: 's', wave: 2021, structureHash: 'h', structure: '{}', anonymous: false };

describe.each(engines)('moves and fragments in the store on $name', (engine) => {
  it('moves an answer, refuses a stale move, moves it back, keeps who and when', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      const base = { question: 'overleg_bc', unit: 'r7', text: 'via het RPO <b>' };
      expect(await saveMove(store.db, { ...base, to: 3, by: 'ans', expectedRevision: 0 }, '2021-10-12T14:03:00.000Z')).toEqual({ kind: 'saved', revision: 1 });
      expect(await saveMove(store.db, { ...base, to: 3, by: 'ans', expectedRevision: 1 })).toEqual({ kind: 'unchanged', revision: 1 });
      // a second window still thinks the answer was never moved
      expect(await saveMove(store.db, { ...base, to: 2, by: 'bram', expectedRevision: 0 })).toMatchObject({ kind: 'stale', current: { to: 3, by: 'ans', revision: 1 } });
      expect(await saveMove(store.db, { ...base, to: 2.5, by: 'bram', expectedRevision: 1 }, '2021-10-12T15:00:00.000Z')).toEqual({ kind: 'saved', revision: 2 });
      expect(await saveMove(store.db, { ...base, to: null, by: 'ans', expectedRevision: 2 }, '2021-10-12T16:00:00.000Z')).toEqual({ kind: 'saved', revision: 3 });
      expect(await movesOf(store.db, 'overleg_bc')).toEqual([{ question: 'overleg_bc', unit: 'r7', to: null, text: 'via het RPO <b>', by: 'ans', at: '2021-10-12T16:00:00.000Z', revision: 3 }]);
      expect(await moveHistory(store.db, 'overleg_bc', 'r7')).toEqual([
        { to: 3, by: 'ans', at: '2021-10-12T14:03:00.000Z' },
        { to: 2.5, by: 'bram', at: '2021-10-12T15:00:00.000Z' },
        { to: null, by: 'ans', at: '2021-10-12T16:00:00.000Z' },
      ]);
      expect(await movesOf(store.db, 'other')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('saves the topics of a fragment per coder with revisions and history', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      const k = { topics: 'onderwerpen', document: 'int-01', start: 4, end: 9, coder: 'ans', text: 'hallo' };
      expect(await saveSpan(store.db, { ...k, codes: ['b', 'a'], expectedRevision: 0 }, '2021-10-01T10:00:00.000Z')).toEqual({ kind: 'saved', revision: 1 });
      expect(await saveSpan(store.db, { ...k, codes: ['a', 'b'], expectedRevision: 1 })).toEqual({ kind: 'unchanged', revision: 1 });
      expect(await saveSpan(store.db, { ...k, codes: ['c'], expectedRevision: 0 })).toMatchObject({ kind: 'stale', current: { codes: ['a', 'b'], revision: 1 } });
      expect(await saveSpan(store.db, { ...k, codes: [], expectedRevision: 1 }, '2021-10-01T10:05:00.000Z')).toEqual({ kind: 'saved', revision: 2 });
      expect(await saveSpan(store.db, { ...k, coder: 'bram', codes: ['a'], expectedRevision: 0 })).toEqual({ kind: 'saved', revision: 1 });
      await saveSpan(store.db, { ...k, document: 'int-02', start: 0, end: 3, text: 'één', codes: ['a'], expectedRevision: 0 });
      const all = await spansOf(store.db, 'onderwerpen');
      expect(all.map((s) => [s.document, s.start, s.end, s.coder, s.codes, s.revision])).toEqual([
        ['int-01', 4, 9, 'ans', [], 2],
        ['int-01', 4, 9, 'bram', ['a'], 1],
        ['int-02', 0, 3, 'ans', ['a'], 1],
      ]);
      expect((await spansOf(store.db, 'onderwerpen', 'int-02')).map((s) => s.text)).toEqual(['één']);
      expect((await spanHistory(store.db, k)).map((h) => h.codes)).toEqual([['a', 'b'], []]);
    } finally {
      await store.close();
    }
  });
});
