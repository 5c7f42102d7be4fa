/**
 * The store's named locks on both engines, and the SMTP address parsing: the pieces under the
 * "one run at a time" and "no password in the spec" rules.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { smtpSettings } from '../../../src/fieldwork/mail/smtp-url.js';
import { acquireLock, LockHeldError, refreshLock, releaseLock } from '../../../src/fieldwork/store/locks.js';
import { storeEngines } from '../store/engines.js';
import { mailStore } from './setup.js';

const engines = storeEngines('mail locks test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

describe.each(engines)('store locks on $name', (engine) => {
  it('holds, refuses others until expiry, lets the holder refresh and release, and reports a lost lock', async () => {
    const store = await mailStore(engine, []);
    const db = store.db;
    const t0 = Date.parse('2021-06-15T09:00:00.000Z');
    try {
      expect(await acquireLock(db, 'mail', 'run-a', 60_000, t0)).toEqual({ name: 'mail', holder: 'run-a' });
      const held = await acquireLock(db, 'mail', 'run-b', 60_000, t0 + 30_000).catch((e: unknown) => e);
      expect(held).toBeInstanceOf(LockHeldError);
      expect((held as LockHeldError).message).toBe(
        'another run (run-a, since 2021-06-15T09:00:00.000Z) is working on this study\'s "mail" lock until 2021-06-15T09:01:00.000Z at the latest; wait for it to finish, or after that time run again',
      );
      // a refresh pushes the expiry: still held at t0 + 90 s
      await refreshLock(db, 'mail', 'run-a', 60_000, t0 + 50_000);
      await expect(acquireLock(db, 'mail', 'run-b', 60_000, t0 + 90_000)).rejects.toBeInstanceOf(LockHeldError);
      // expired: taken over, and the old holder learns it lost the lock
      const taken = await acquireLock(db, 'mail', 'run-b', 60_000, t0 + 120_000);
      expect(taken.tookOver).toEqual({ holder: 'run-a', expiresAt: '2021-06-15T09:01:50.000Z' });
      await expect(refreshLock(db, 'mail', 'run-a', 60_000, t0 + 121_000)).rejects.toThrow(/this run lost the study's "mail" lock/);
      // only the holder releases
      await releaseLock(db, 'mail', 'run-a');
      await expect(acquireLock(db, 'mail', 'run-c', 60_000, t0 + 122_000)).rejects.toBeInstanceOf(LockHeldError);
      await releaseLock(db, 'mail', 'run-b');
      expect(await acquireLock(db, 'mail', 'run-c', 60_000, t0 + 122_000)).toEqual({ name: 'mail', holder: 'run-c' });
    } finally {
      await store.close();
    }
  });
});

describe('the SMTP address', () => {
  it('reads smtp and smtps URLs with their default ports and never shows the password', () => {
    expect(smtpSettings('smtp://onderzoek:ge%40heim@mail.example.nl', {})).toEqual({
      host: 'mail.example.nl',
      port: 587,
      secure: false,
      auth: { user: 'onderzoek', pass: 'ge@heim' },
      display: 'smtp://onderzoek@mail.example.nl',
    });
    expect(smtpSettings(undefined, { SPIEGEL_SMTP_URL: 'smtps://mail.example.nl' })).toEqual({ host: 'mail.example.nl', port: 465, secure: true, display: 'smtps://mail.example.nl' });
    expect(smtpSettings('smtp://127.0.0.1:2525', { SPIEGEL_SMTP_URL: 'smtps://elders' }).port).toBe(2525);
    expect(() => smtpSettings('mail.example.nl', {})).toThrow(/--smtp is not an address such as smtp:\/\/user:password@mail\.example\.nl:587/);
    expect(() => smtpSettings(undefined, {})).toThrow(/SPIEGEL_SMTP_URL \(never in the study spec\)/);
  });
});
