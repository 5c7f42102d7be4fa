/**
 * Group commit on SQLite (src/fieldwork/store/sqlite-writer.ts, group-commit.ts): writes that
 * queue while a commit is under way are committed together in one transaction, each in a
 * savepoint of its own, and each keeps its own result.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { FieldStoreError } from '../../../src/fieldwork/store/errors.js';
import { commitBatch } from '../../../src/fieldwork/store/group-commit.js';
import { createFieldStore, openFieldStore } from '../../../src/fieldwork/store/open.js';
import { SqliteWriter } from '../../../src/fieldwork/store/sqlite-writer.js';
import type { FieldStore, StoreLocation } from '../../../src/fieldwork/store/types.js';
import type { PageSubmission } from '../../../src/fieldwork/types.js';

const tmp = mkdtempSync(join(tmpdir(), 'spiegel-group-commit-'));
let n = 0;
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A store with `people` participants u0…, each with a started response; returns their response ids. */
async function storeWith(people: number): Promise<{ location: StoreLocation & { engine: 'sqlite' }; store: FieldStore; ids: string[] }> {
  const location = { engine: 'sqlite' as const, file: join(tmp, `g${++n}.field.sqlite`) };
  const store = await createFieldStore(location, { studyId: 'gc', wave: 2021, structureHash: 'h', structure: '{}', anonymous: false });
  await store.addParticipants(Array.from({ length: people }, (_, i) => ({ id: `u${i}`, token: newToken(), loginCode: newLoginCode(), test: false, register: {}, contact: {} })));
  const ids: string[] = [];
  for (let i = 0; i < people; i++) ids.push((await store.startResponse({ participantId: `u${i}`, structureHash: 'h' })).id);
  return { location, store, ids };
}

function page(responseId: string, expectedRevision: number, answers: PageSubmission['answers'], status: PageSubmission['status'] = 'started'): PageSubmission {
  return { responseId, expectedRevision, pageId: 'p', answers, skipped: [], pageIndex: Object.keys(answers).length, status };
}

describe('SQLite group commit', () => {
  it('gives each write of one batch its own result: saved, unchanged, stale and failed side by side', async () => {
    const { location, store, ids } = await storeWith(2);
    const [a, b] = ids as [string, string];
    const writer = new SqliteWriter(location.file);
    try {
      // The first write goes alone (nothing is under way); the seven after it queue behind it
      // and form the second batch.
      const first = writer.write({ kind: 'login-attempt', key: 'warm', at: Date.now(), windowSeconds: 60 });
      const batch = Promise.allSettled([
        writer.write({ kind: 'submit', submission: page(a, 0, { q1: 1 }), anonymous: false, at: new Date().toISOString() }),
        // Identical to what the write before it stored: unchanged, although from revision 0.
        writer.write({ kind: 'submit', submission: page(a, 0, { q1: 1 }), anonymous: false, at: new Date().toISOString() }),
        // A different page from revision 0 after that revision was replaced: stale.
        writer.write({ kind: 'submit', submission: page(a, 0, { q1: 2 }), anonymous: false, at: new Date().toISOString() }),
        writer.write({ kind: 'submit', submission: page('no-such-response', 0, { q1: 1 }), anonymous: false, at: new Date().toISOString() }),
        writer.write({ kind: 'submit', submission: page(b, 0, { q1: 5 }, 'complete'), anonymous: false, at: new Date().toISOString() }),
        writer.write({ kind: 'start', start: { participantId: 'nobody', structureHash: 'h' }, id: 'r-nobody', at: new Date().toISOString() }),
        writer.write({ kind: 'login-attempt', key: 'warm', at: Date.now(), windowSeconds: 60 }),
      ]);
      expect(await first).toBe(1);
      const results = await batch;
      expect(writer.stats).toEqual({ batches: 2, writes: 8, largestBatch: 7 });
      const values = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
      expect(values[0]).toEqual({ kind: 'saved', revision: 1 });
      expect(values[1]).toEqual({ kind: 'unchanged', revision: 1 });
      expect(values[2]).toEqual({ kind: 'stale', revision: 1 });
      expect(results[3]).toMatchObject({ status: 'rejected', reason: expect.any(FieldStoreError) });
      expect(String((results[3] as PromiseRejectedResult).reason)).toContain('no response "no-such-response"');
      expect(values[4]).toEqual({ kind: 'saved', revision: 1 });
      expect(results[5]).toMatchObject({ status: 'rejected', reason: expect.any(FieldStoreError) });
      expect(String((results[5] as PromiseRejectedResult).reason)).toContain('no participant "nobody"');
      expect(values[6]).toBe(2);
      // Committed, and seen by the store's own (reading) connection once resolved.
      expect(await store.response(a)).toMatchObject({ answers: { q1: 1 }, revision: 1, status: 'started' });
      expect(await store.response(b)).toMatchObject({ answers: { q1: 5 }, revision: 1, status: 'complete' });
      expect((await store.participantByToken('x')) ?? null).toBeNull();
      const participant = await store.db.selectFrom('field_participants').select('status').where('id', '=', 'u1').executeTakeFirstOrThrow();
      expect(participant.status).toBe('complete');
    } finally {
      await writer.close();
      await store.close();
    }
  });

  it('rolls back a failing write to its savepoint without undoing the writes before and after it', async () => {
    const { store, ids } = await storeWith(2);
    const [a, b] = ids as [string, string];
    try {
      // On the store's own connection, so the batch is exactly these three.
      const outcomes = await commitBatch(store.db, [
        { kind: 'submit', submission: page(a, 0, { q1: 3 }), anonymous: false, at: new Date().toISOString() },
        // Fails: the response id is taken (primary key).
        { kind: 'start', start: { structureHash: 'h' }, id: a, at: new Date().toISOString() },
        { kind: 'submit', submission: page(b, 0, { q1: 4 }), anonymous: false, at: new Date().toISOString() },
      ]);
      expect(outcomes[0]).toEqual({ ok: true, value: { kind: 'saved', revision: 1 } });
      expect(outcomes[1]).toMatchObject({ ok: false, error: { message: expect.stringMatching(/UNIQUE|PRIMARY/i) } });
      expect(outcomes[2]).toEqual({ ok: true, value: { kind: 'saved', revision: 1 } });
      const rows = await store.db.selectFrom('field_responses').select(['id', 'answers', 'revision']).orderBy('id').execute();
      expect(rows).toHaveLength(2);
      expect(rows.find((r) => r.id === a)).toMatchObject({ answers: '{"q1":3}', revision: 1 });
      expect(rows.find((r) => r.id === b)).toMatchObject({ answers: '{"q1":4}', revision: 1 });
    } finally {
      await store.close();
    }
  });

  it('commits many concurrent writes in fewer transactions, and close() waits for every queued one', async () => {
    const { location, store, ids } = await storeWith(40);
    await store.close();
    const writer = new SqliteWriter(location.file);
    // 40 respondents × 5 pages, each page sent as soon as the previous one is acknowledged.
    const chains = ids.map(async (id) => {
      for (let rev = 0; rev < 5; rev++) {
        const answers = Object.fromEntries(Array.from({ length: rev + 1 }, (_, k) => [`q${k + 1}`, k + 1]));
        expect(await writer.write({ kind: 'submit', submission: page(id, rev, answers), anonymous: false, at: new Date().toISOString() })).toEqual({ kind: 'saved', revision: rev + 1 });
      }
    });
    const closing = Promise.all(chains).then(() => writer.close());
    await closing;
    expect(writer.stats.writes).toBe(200);
    // Whenever writes arrive during a commit they share the next one.
    expect(writer.stats.batches).toBeLessThan(200);
    expect(writer.stats.largestBatch).toBeGreaterThan(1);
    await expect(writer.write({ kind: 'login-attempt', key: 'k', at: Date.now(), windowSeconds: 1 })).rejects.toThrow(/closed/);
    const again = await openFieldStore(location);
    try {
      for (const id of ids) expect(await again.response(id)).toMatchObject({ revision: 5, answers: { q1: 1, q2: 2, q3: 3, q4: 4, q5: 5 } });
    } finally {
      await again.close();
    }
  });

  it('warm starts the thread before the first write (as field serve does), and the first write then commits as usual', async () => {
    const { location, store, ids } = await storeWith(1);
    await store.close();
    const writer = new SqliteWriter(location.file);
    expect(writer.threadStarted).toBe(false);
    await writer.warm();
    expect(writer.threadStarted).toBe(true);
    expect(writer.stats.batches).toBe(0);
    expect(await writer.write({ kind: 'submit', submission: page(ids[0]!, 0, { q1: 1 }), anonymous: false, at: new Date().toISOString() })).toEqual({ kind: 'saved', revision: 1 });
    expect(writer.stats).toEqual({ batches: 1, writes: 1, largestBatch: 1 });
    await writer.close();
    expect(writer.threadStarted).toBe(false);
  });
});
