/**
 * The account and session queries (src/fieldwork/store/accounts.ts) on both engines: names
 * unique, sessions joined to their account, a disabled account or new password ending sessions,
 * and the login over HTTP on a PostgreSQL store as on SQLite.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/fieldwork/admin/password.js';
import {
  addUser,
  createSession,
  deleteExpiredSessions,
  disableUser,
  listUsers,
  recentAttempts,
  sessionByHash,
  setPasswordHash,
  touchSession,
  userByName,
} from '../../../src/fieldwork/store/accounts.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import { storeEngines } from '../store/engines.js';
import { AdminBrowser, adminServer } from './login.js';

const engines = storeEngines('admin accounts store test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const options = { studyId: 'fake', wave: 2021, structureHash: 'fake-hash', structure: '{}', anonymous: false };
const t = (m: number): string => new Date(Date.UTC(2026, 11, 3, 12, m)).toISOString();

describe.each(engines)('accounts on $name', (engine) => {
  it('keeps accounts and sessions, and ends sessions when an account is disabled or gets a new password', async () => {
    const store = await createFieldStore(await engine.fresh(), options);
    try {
      const db = store.db;
      const anna = await addUser(db, { username: 'anna', role: 'researcher', passwordHash: 'scrypt$x' }, t(0));
      await addUser(db, { username: 'bert', role: 'coder', passwordHash: 'scrypt$y', totpSecret: 'GEZDGNBV' }, t(1));
      await expect(addUser(db, { username: 'anna', role: 'coder', passwordHash: 'z' })).rejects.toThrow(/an account named "anna" already exists/);
      expect((await listUsers(db)).map((u) => [u.username, u.role, u.totpSecret ?? null, u.disabled])).toEqual([
        ['anna', 'researcher', null, false],
        ['bert', 'coder', 'GEZDGNBV', false],
      ]);
      const h = 'a'.repeat(64);
      await createSession(db, { idHash: h, userId: anna.id, createdAt: t(0), seenAt: t(0), expiresAt: t(720), secondFactor: true });
      await touchSession(db, h, t(5));
      expect(await sessionByHash(db, h)).toEqual({
        session: { idHash: h, userId: anna.id, createdAt: t(0), seenAt: t(5), expiresAt: t(720), secondFactor: true },
        user: anna,
      });
      await setPasswordHash(db, 'anna', 'scrypt$new');
      expect(await sessionByHash(db, h)).toBeUndefined();
      expect((await userByName(db, 'anna'))?.passwordHash).toBe('scrypt$new');
      await createSession(db, { idHash: h, userId: anna.id, createdAt: t(0), seenAt: t(0), expiresAt: t(720), secondFactor: false });
      await disableUser(db, 'anna');
      expect(await sessionByHash(db, h)).toBeUndefined();
      expect((await userByName(db, 'anna'))?.disabled).toBe(true);
      await expect(disableUser(db, 'nobody')).rejects.toThrow(/no account named "nobody"/);
      await createSession(db, { idHash: 'b'.repeat(64), userId: anna.id, createdAt: t(0), seenAt: t(0), expiresAt: t(10), secondFactor: true });
      await deleteExpiredSessions(db, t(11));
      expect(await sessionByHash(db, 'b'.repeat(64))).toBeUndefined();
      // attempts are read without being recorded
      await store.countLoginAttempt('admin-fail:x', 900);
      await store.countLoginAttempt('admin-fail:x', 900);
      expect(await recentAttempts(db, 'admin-fail:x', 900)).toBe(2);
      expect(await recentAttempts(db, 'admin-fail:x', 900)).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('logs in over HTTP and locks out after 5 failures', async () => {
    const s = await adminServer({ location: await engine.fresh() });
    try {
      await addUser(s.db, { username: 'carla', role: 'administrator', passwordHash: await hashPassword('een lang wachtwoord', { N: 2 ** 10, r: 8, p: 1 }) });
      const b = new AdminBrowser(s.app);
      expect((await b.login('carla', 'een lang wachtwoord')).status).toBe(303);
      expect((await b.get('/admin/audit')).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await new AdminBrowser(s.app).login('carla', 'fout')).status).toBe(401);
      expect((await new AdminBrowser(s.app).login('carla', 'een lang wachtwoord')).status).toBe(429);
    } finally {
      await s.close();
    }
  });
});
