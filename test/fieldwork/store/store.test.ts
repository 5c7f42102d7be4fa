/**
 * The field store, the same tests on SQLite and PostgreSQL (the PostgreSQL part needs
 * SPIEGEL_TEST_PG; see ../pg.ts).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { createFieldStore, openFieldStore } from '../../../src/fieldwork/store/open.js';
import { SCHEMA_VERSION } from '../../../src/fieldwork/store/schema.js';
import type { CreateStoreOptions, FieldStore, NewParticipant, StoreLocation } from '../../../src/fieldwork/store/types.js';
import type { PageSubmission } from '../../../src/fieldwork/types.js';
import { storeEngines } from './engines.js';

const options: CreateStoreOptions = { studyId: 'teststudie', wave: 2021, structureHash: 'h1', structure: '{"q":[]}', anonymous: false };

const engines = storeEngines('field store test');
const postgres = engines.find((e) => e.name === 'postgres');

function person(id: string, extra: Partial<NewParticipant> = {}): NewParticipant {
  return { id, token: newToken(), loginCode: newLoginCode(), test: false, register: { stratum: 'A', leeftijd: '2' }, contact: { naam: `Naam ${id}`, adres: 'Straat 1' }, ...extra };
}

function page(responseId: string, expectedRevision: number, answers: PageSubmission['answers'], pageIndex: number, status: PageSubmission['status'] = 'started'): PageSubmission {
  return { responseId, expectedRevision, pageId: `p${pageIndex}`, answers, skipped: [], pageIndex, status };
}

afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

describe.each(engines)('field store on $name', (engine) => {
  let location: StoreLocation;
  let store: FieldStore;
  beforeAll(async () => {
    location = await engine.fresh();
    store = await createFieldStore(location, options);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('keeps its meta and two distinct 32-byte secrets', async () => {
    const meta = await store.meta();
    expect(meta).toMatchObject({ schemaVersion: SCHEMA_VERSION, studyId: 'teststudie', wave: 2021, structureHash: 'h1', anonymous: false });
    const cookie = await store.secret('cookie');
    const code = await store.secret('login-code');
    expect(cookie.length).toBe(32);
    expect(code.length).toBe(32);
    expect(cookie.equals(code)).toBe(false);
  });

  it('refuses to create a second store in the same place', async () => {
    await expect(createFieldStore(location, options)).rejects.toThrow(/already holds a spiegel field store/);
  });

  it('finds participants by token and by login code (as typed), never by a wrong one', async () => {
    const a = person('u1');
    const b = person('u2');
    await store.addParticipants([a, b]);
    expect(await store.participantByToken(a.token)).toEqual({ id: 'u1', test: false, status: 'invited' });
    const typed = ` ${b.loginCode.toLowerCase().replace(/-/g, ' ')} `;
    expect((await store.participantByLoginCode(typed))?.id).toBe('u2');
    expect(await store.participantByToken(newToken())).toBeUndefined();
    expect(await store.participantByToken(a.token.slice(0, -1))).toBeUndefined();
    expect(await store.participantByLoginCode(newLoginCode())).toBeUndefined();
  });

  it('adds participants all or none: a repeated id stores nothing of the batch', async () => {
    const before = await store.participantCount();
    const fresh = person('u3');
    await expect(store.addParticipants([fresh, person('u1')])).rejects.toThrow(/participant "u1" is already in the store/);
    expect(await store.participantCount()).toEqual(before);
    expect(await store.participantByToken(fresh.token)).toBeUndefined();
  });

  it('starts one response per participant, also when two tabs start at once', async () => {
    const p = person('u4');
    await store.addParticipants([p]);
    const [r1, r2, r3] = await Promise.all([0, 1, 2].map(() => store.startResponse({ participantId: 'u4', structureHash: 'h1' })));
    expect(r1.id).toBe(r2.id);
    expect(r2.id).toBe(r3.id);
    expect(r1).toMatchObject({ revision: 0, pageIndex: 0, status: 'started', structureHash: 'h1', test: false, participantId: 'u4' });
    expect(await store.participantByToken(p.token)).toEqual({ id: 'u4', test: false, status: 'started', responseId: r1.id });
    expect((await store.responseOfParticipant('u4'))?.id).toBe(r1.id);
  });

  it('saves a page, ignores an identical resubmission, refuses a stale one', async () => {
    await store.addParticipants([person('u5')]);
    const r = await store.startResponse({ participantId: 'u5', structureHash: 'h1' });
    const first = page(r.id, 0, { duur: 1, zelf: 2 }, 1);
    expect(await store.submitPage(first)).toEqual({ kind: 'saved', revision: 1 });
    // Double click: the same page again, from the same (now old) revision.
    expect(await store.submitPage(first)).toEqual({ kind: 'unchanged', revision: 1 });
    // Answers in another key order are the same answers.
    expect(await store.submitPage(page(r.id, 1, { zelf: 2, duur: 1 }, 1))).toEqual({ kind: 'unchanged', revision: 1 });
    // A second tab still at revision 0 changes an answer: stale, nothing changed.
    expect(await store.submitPage(page(r.id, 0, { duur: 3, zelf: 2 }, 1))).toEqual({ kind: 'stale', revision: 1 });
    const stored = await store.response(r.id);
    expect(stored?.answers).toEqual({ duur: 1, zelf: 2 });
    expect(stored?.revision).toBe(1);
    // An edit from the current revision.
    const edit: PageSubmission = { ...page(r.id, 1, { duur: 3, belem: [1, 4], toel: 'tekst <b>' }, 2), skipped: ['zelf'] };
    expect(await store.submitPage(edit)).toEqual({ kind: 'saved', revision: 2 });
    expect(await store.response(r.id)).toMatchObject({ answers: { duur: 3, belem: [1, 4], toel: 'tekst <b>' }, skipped: ['zelf'], pageIndex: 2, revision: 2 });
  });

  it('lets exactly one of several concurrent submissions from one revision save', async () => {
    await store.addParticipants([person('u6')]);
    const r = await store.startResponse({ participantId: 'u6', structureHash: 'h1' });
    const results = await Promise.all([1, 2, 3, 4].map((v) => store.submitPage(page(r.id, 0, { duur: v }, 1))));
    expect(results.filter((x) => x.kind === 'saved')).toHaveLength(1);
    expect(results.filter((x) => x.kind === 'stale')).toHaveLength(3);
    expect((await store.response(r.id))?.revision).toBe(1);
  });

  it('completes a response: completion time, participant complete', async () => {
    const p = person('u7');
    await store.addParticipants([p]);
    const r = await store.startResponse({ participantId: 'u7', structureHash: 'h1' });
    expect(await store.submitPage(page(r.id, 0, { duur: 1 }, 3, 'complete'))).toEqual({ kind: 'saved', revision: 1 });
    const done = await store.response(r.id);
    expect(done?.status).toBe('complete');
    expect(done?.completedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await store.participantByToken(p.token)).toEqual({ id: 'u7', test: false, status: 'complete', responseId: r.id });
    // Returning with the link after completing gives the same response back.
    expect((await store.startResponse({ participantId: 'u7', structureHash: 'h1' })).id).toBe(r.id);
  });

  it('keeps open-link and test responses; the export holds neither test responses nor contact data', async () => {
    const open = await store.startResponse({ structureHash: 'h1' });
    expect(open.participantId).toBeUndefined();
    const openTest = await store.startResponse({ structureHash: 'h1', test: true });
    expect(openTest.test).toBe(true);
    await store.addParticipants([person('test-1', { test: true, register: {}, contact: {} })]);
    const t = await store.startResponse({ participantId: 'test-1', structureHash: 'h1' });
    expect(t.test).toBe(true);
    expect(await store.participantCount()).toEqual({ sampled: 6, test: 1 });
    const rows = await store.exportRows();
    const ids = rows.map((x) => x.response.id);
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(openTest.id);
    expect(ids).not.toContain(t.id);
    expect(JSON.stringify(rows)).not.toMatch(/Naam|Straat/);
    const personal = rows.find((x) => x.response.participantId === 'u5');
    expect(personal?.register).toEqual({ stratum: 'A', leeftijd: '2' });
  });

  it('counts login attempts per key within a window, shared through the store', async () => {
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) counts.push(await store.countLoginAttempt('ip:198.51.100.7', 60));
    expect(counts).toEqual([1, 2, 3, 4]);
    expect(await store.countLoginAttempt('ip:203.0.113.9', 60)).toBe(1);
    // A second connection to the same store sees the same count.
    const other = await openFieldStore(location);
    try {
      expect(await other.countLoginAttempt('ip:198.51.100.7', 60)).toBe(5);
    } finally {
      await other.close();
    }
    await new Promise((r) => setTimeout(r, 1100));
    expect(await store.countLoginAttempt('ip:198.51.100.7', 1)).toBe(1);
  });

  it('has everything committed: a new connection reads what was acknowledged', async () => {
    const again = await openFieldStore(location);
    try {
      const r = await again.responseOfParticipant('u5');
      expect(r?.answers).toEqual({ duur: 3, belem: [1, 4], toel: 'tekst <b>' });
      expect(r?.revision).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('records a new structure (after an accepted wording change)', async () => {
    await store.recordStructure('h2', '{"q":[1]}');
    expect(await store.meta()).toMatchObject({ structureHash: 'h2', structure: '{"q":[1]}' });
  });
});

describe.each(engines)('anonymous field store on $name', (engine) => {
  it('keeps no link from a participant to a completed response', async () => {
    const store = await createFieldStore(await engine.fresh(), { ...options, anonymous: true });
    try {
      const p = person('a1');
      await store.addParticipants([p]);
      const r = await store.startResponse({ participantId: 'a1', structureHash: 'h1' });
      // While answering, the link is there (to resume on another device).
      expect((await store.participantByToken(p.token))?.responseId).toBe(r.id);
      expect(await store.submitPage(page(r.id, 0, { duur: 2 }, 1, 'complete'))).toEqual({ kind: 'saved', revision: 1 });
      expect(await store.participantByToken(p.token)).toEqual({ id: 'a1', test: false, status: 'complete' });
      expect(await store.responseOfParticipant('a1')).toBeUndefined();
      const stored = await store.response(r.id);
      expect(stored?.participantId).toBeUndefined();
      await expect(store.startResponse({ participantId: 'a1', structureHash: 'h1' })).rejects.toThrow(/has completed/);
      // The register values travelled with the response (for the export), the identity did not.
      const rows = await store.exportRows();
      expect(rows).toHaveLength(1);
      expect(rows[0].register).toEqual({ stratum: 'A', leeftijd: '2' });
      expect(JSON.stringify(rows)).not.toContain('a1');
    } finally {
      await store.close();
    }
  });
});

describe('stores that are not ours', () => {
  it('refuses a missing SQLite file, a SQLite database of someone else, and a file that is no database', async () => {
    const fresh = await engines[0]!.fresh();
    if (fresh.engine !== 'sqlite') throw new Error('unreachable');
    const tmp = dirname(fresh.file);
    await expect(openFieldStore({ engine: 'sqlite', file: join(tmp, 'missing.sqlite') })).rejects.toThrow(/there is no field store at .*missing\.sqlite; create it with "spiegel field init"/);
    const other = join(tmp, 'other.sqlite');
    const db = new Database(other);
    db.exec('create table klanten (id integer)');
    db.close();
    await expect(openFieldStore({ engine: 'sqlite', file: other })).rejects.toThrow(/other\.sqlite is not a spiegel field store/);
    await expect(createFieldStore({ engine: 'sqlite', file: other }, options)).rejects.toThrow(/other\.sqlite is not empty \(it holds "klanten"\)/);
    const text = join(tmp, 'text.sqlite');
    writeFileSync(text, 'id,naam\n1,Jan\n'.repeat(100));
    await expect(openFieldStore({ engine: 'sqlite', file: text })).rejects.toThrow(/text\.sqlite/);
  });

  it.runIf(postgres !== undefined)('refuses a PostgreSQL database of someone else, names it without the password', async () => {
    const loc = await postgres!.fresh();
    if (loc.engine !== 'postgres') throw new Error('unreachable');
    const c = new pg.Client({ connectionString: loc.url });
    await c.connect();
    await c.query('create table klanten (id integer)');
    await c.end();
    await expect(openFieldStore(loc)).rejects.toThrow(/is not a spiegel field store/);
    await expect(createFieldStore(loc, options)).rejects.toThrow(/is not empty \(it holds "klanten"\)/);
    const u = new URL(loc.url);
    const err = await openFieldStore(loc).catch((e: Error) => e);
    if (u.password !== '') expect(String(err)).not.toContain(`:${u.password}@`);
  });
});
