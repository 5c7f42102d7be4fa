/**
 * Store version 2 on both engines: credentials kept beside the contact data for mailings, the
 * first invitation time, outcomes, the audit log, and a version-1 store upgraded in place.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';
import pg from 'pg';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { auditLog, markInvited, mailingList, recordAudit, setOutcome } from '../../../src/fieldwork/store/index.js';
import { createFieldStore, openFieldStore } from '../../../src/fieldwork/store/open.js';
import { type FieldDatabase, migrations, SCHEMA_VERSION, STORE_MARKER } from '../../../src/fieldwork/store/schema.js';
import type { NewParticipant, StoreLocation } from '../../../src/fieldwork/store/types.js';
import { storeEngines } from './engines.js';

const engines = storeEngines('store contacts test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const options = { studyId: 'teststudie', wave: 2021, structureHash: 'h1', structure: '{}', anonymous: false };

function person(id: string, contact: Record<string, string> = { naam: `Naam ${id}` }): NewParticipant {
  return { id, token: newToken(), loginCode: newLoginCode(), test: false, register: { stratum: 'A' }, contact };
}

async function rawDb(location: StoreLocation): Promise<{ db: Kysely<FieldDatabase>; close: () => Promise<void> }> {
  if (location.engine === 'sqlite') {
    const database = new Database(location.file);
    const db = new Kysely<FieldDatabase>({ dialect: new SqliteDialect({ database }) });
    return { db, close: () => db.destroy() };
  }
  const db = new Kysely<FieldDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: location.url, max: 1 }) }) });
  return { db, close: () => db.destroy() };
}

describe.each(engines)('store version 2 on $name', (engine) => {
  it('keeps each participant\'s credentials beside the contact data, also without contact columns', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      const a = person('a');
      const b = person('b', {});
      await store.addParticipants([a, b, { ...person('test-1', {}), test: true }]);
      const list = await mailingList(store.db);
      expect(list.map((e) => e.participantId)).toEqual(['a', 'b']);
      expect(list[0]).toMatchObject({ token: a.token, loginCode: a.loginCode, contact: { naam: 'Naam a' }, status: 'invited', test: false, register: { stratum: 'A' } });
      expect(list[1]).toMatchObject({ token: b.token, loginCode: b.loginCode, contact: {} });
      expect(list[0].invitedAt).toBeUndefined();
      expect((await mailingList(store.db, { includeTest: true })).map((e) => e.participantId)).toEqual(['a', 'b', 'test-1']);
      // the store still finds them by the hashed credentials
      expect((await store.participantByToken(a.token))?.id).toBe('a');
      expect((await store.participantByLoginCode(b.loginCode))?.id).toBe('b');
    } finally {
      await store.close();
    }
  });

  it('keeps the first invitation time and records outcomes', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      await store.addParticipants([person('a'), person('b')]);
      await markInvited(store.db, ['a'], '2021-06-15T00:00:00.000Z');
      await markInvited(store.db, ['a', 'b'], '2021-06-29T00:00:00.000Z');
      await setOutcome(store.db, 'b', 'refused', '2021-06-30T10:00:00.000Z');
      const list = await mailingList(store.db);
      expect(list.map((e) => [e.participantId, e.invitedAt, e.outcome])).toEqual([
        ['a', '2021-06-15T00:00:00.000Z', undefined],
        ['b', '2021-06-29T00:00:00.000Z', 'refused'],
      ]);
      await expect(setOutcome(store.db, 'nobody', 'ineligible')).rejects.toThrow(/no participant "nobody"/);
    } finally {
      await store.close();
    }
  });

  it('writes and reads the audit log, newest first', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      await recordAudit(store.db, { username: 'anna', action: 'login', detail: 'from 198.51.100.7' });
      await new Promise((r) => setTimeout(r, 5));
      await recordAudit(store.db, { username: 'cli:root', action: 'letters', detail: '2 letters for a, b', personal: true });
      const log = await auditLog(store.db);
      expect(log.map((e) => [e.username, e.action, e.personal])).toEqual([
        ['cli:root', 'letters', true],
        ['anna', 'login', false],
      ]);
    } finally {
      await store.close();
    }
  });

  it('upgrades a version-1 store in place, keeping its participants', async () => {
    const location = await engine.fresh();
    const { db, close } = await rawDb(location);
    try {
      await db.transaction().execute(async (trx) => {
        await migrations[0].up(trx);
        const meta = { marker: STORE_MARKER, schema_version: '1', study_id: 's', wave: '2021', structure_hash: 'h1', structure: '{}', anonymous: 'false', created_at: '2021-06-01T00:00:00.000Z' };
        await trx.insertInto('field_meta').values(Object.entries(meta).map(([key, value]) => ({ key, value }))).execute();
        await trx.insertInto('field_secrets').values([{ name: 'cookie', value: 'AAAA' }, { name: 'login-code', value: 'BBBB' }]).execute();
        // a version-1 row, written without the columns version 2 adds
        await trx.insertInto('field_participants').values({ id: 'old', token_hash: 'x'.repeat(64), code_hash: 'y'.repeat(64), test: 0, status: 'invited', register: '{}', created_at: '2021-06-01' } as never).execute();
      });
    } finally {
      await close();
    }
    const store = await openFieldStore(location);
    try {
      expect((await store.meta()).schemaVersion).toBe(SCHEMA_VERSION);
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      const list = await mailingList(store.db);
      expect(list).toEqual([{ participantId: 'old', test: false, status: 'invited', contact: {}, register: {} }]);
      await markInvited(store.db, ['old'], '2021-06-15T00:00:00.000Z');
      expect((await mailingList(store.db))[0].invitedAt).toBe('2021-06-15T00:00:00.000Z');
    } finally {
      await store.close();
    }
  });
});
