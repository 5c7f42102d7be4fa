/**
 * The login flow through the forms (Fastify inject): cookie attributes, the session stored only
 * as a hash, CSRF, failures counted and the lock-out, TOTP with reuse refused, logout, the idle
 * time-out with the server's clock, and the audit entries all of these leave.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/fieldwork/admin/password.js';
import type { Role } from '../../../src/fieldwork/admin/roles.js';
import { base32Decode, hotp, newTotpSecret, timeStep } from '../../../src/fieldwork/admin/totp.js';
import { addUser, type StoredUser } from '../../../src/fieldwork/store/accounts.js';
import { auditLog } from '../../../src/fieldwork/store/audit.js';
import { AdminBrowser, type AdminServer, adminServer } from './login.js';

let s: AdminServer;
beforeAll(async () => {
  s = await adminServer();
});
afterAll(async () => s.close());

const PASSWORD = 'lang genoeg wachtwoord';
let n = 0;
/** An account with a fast scrypt hash (the login verifies with the parameters stored in the hash). */
async function account(role: Role, totpSecret?: string): Promise<StoredUser> {
  return addUser(s.db, { username: `user${++n}-${role}`, role, passwordHash: await hashPassword(PASSWORD, { N: 2 ** 10, r: 8, p: 1 }), ...(totpSecret === undefined ? {} : { totpSecret }) });
}

const actions = async (username: string): Promise<string[]> => (await auditLog(s.db)).filter((e) => e.username === username).map((e) => e.action).reverse();

describe('login with a password', () => {
  it('starts a session in an HttpOnly, SameSite=Strict cookie whose id is stored only as its SHA-256', async () => {
    const user = await account('administrator');
    const b = new AdminBrowser(s.app);
    const r = await b.login(user.username, PASSWORD);
    expect(r.status).toBe(303);
    expect(r.location).toBe('/admin');
    const set = ([] as string[]).concat(r.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('spiegel_admin='))!;
    expect(set).toMatch(/; HttpOnly/i);
    expect(set).toMatch(/; SameSite=Strict/i);
    expect(set).toMatch(/; Path=\/admin/i);
    expect(set).not.toMatch(/; Secure/i);
    const id = b.cookies.get('spiegel_admin')!;
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    const rows = await s.db.selectFrom('field_sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(rows.map((x) => x.id_hash)).toEqual([createHash('sha256').update(id).digest('hex')]);
    expect(JSON.stringify(rows)).not.toContain(id);
    expect((await b.get('/admin/audit')).status).toBe(200);
    expect(await actions(user.username)).toEqual(['login']);
  });

  it('marks the cookie Secure behind a TLS proxy', async () => {
    const tls = await adminServer({ server: { trustProxy: true } });
    try {
      const user = await addUser(tls.db, { username: 'anna', role: 'researcher', passwordHash: await hashPassword(PASSWORD, { N: 2 ** 10, r: 8, p: 1 }) });
      const page = await tls.app.inject({ method: 'GET', url: '/admin/login', headers: { 'x-forwarded-proto': 'https' } });
      const csrfCookie = ([] as string[]).concat(page.headers['set-cookie'] as string).map((c) => c.split(';')[0]).join('; ');
      const r = await tls.app.inject({
        method: 'POST',
        url: '/admin/login',
        headers: { 'x-forwarded-proto': 'https', cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: AdminBrowser.csrf(page.body), username: user.username, password: PASSWORD }).toString(),
      });
      expect(r.statusCode).toBe(303);
      const set = ([] as string[]).concat(r.headers['set-cookie'] as string | string[]).find((c) => c.startsWith('spiegel_admin='))!;
      expect(set).toMatch(/; Secure/i);
    } finally {
      await tls.close();
    }
  });

  it('refuses a form without its CSRF token', async () => {
    const user = await account('researcher');
    const b = new AdminBrowser(s.app);
    await b.get('/admin/login');
    const r = await b.post('/admin/login', { username: user.username, password: PASSWORD });
    expect(r.status).toBe(403);
    expect(r.body).toContain('The form was not accepted');
    expect(r.body).toContain('href="/admin/login"');
    expect(b.cookies.has('spiegel_admin')).toBe(false);
    const forged = await b.post('/admin/login', { _csrf: 'forged-token', username: user.username, password: PASSWORD });
    expect(forged.status).toBe(403);
    expect(b.cookies.has('spiegel_admin')).toBe(false);
  });

  it('gives a new session id at every login (no fixation), ends the old one, and returns to the page asked for', async () => {
    const user = await account('administrator');
    const b = new AdminBrowser(s.app);
    expect((await b.login(user.username, PASSWORD)).status).toBe(303);
    const first = b.cookies.get('spiegel_admin')!;
    // already logged in: the login page sends on
    expect((await b.get('/admin/login?next=%2Fadmin%2Faudit')).location).toBe('/admin/audit');

    const form = await new AdminBrowser(s.app).get('/admin/login?next=%2Fadmin%2Faudit');
    expect(form.body).toContain('name="next" value="/admin/audit"');
    // a login form posted while logged in (a CSRF token from this browser's logout form)
    const csrf = AdminBrowser.csrf((await b.get('/admin/logout')).body);
    const again = await b.post('/admin/login', { _csrf: csrf, username: user.username, password: PASSWORD });
    expect(again.status).toBe(303);
    const second = b.cookies.get('spiegel_admin')!;
    expect(second).not.toBe(first);
    const old = new AdminBrowser(s.app);
    old.cookies.set('spiegel_admin', first);
    expect((await old.get('/admin/audit')).status).toBe(302);

    const fresh = new AdminBrowser(s.app);
    const page = await fresh.get('/admin/login?next=%2Fadmin%2Faudit');
    const r = await fresh.post('/admin/login', { _csrf: AdminBrowser.csrf(page.body), username: user.username, password: PASSWORD, next: '/admin/audit' });
    expect(r.location).toBe('/admin/audit');
    const offsite = await new AdminBrowser(s.app).post('/admin/login', { _csrf: AdminBrowser.csrf(page.body), username: user.username, password: PASSWORD, next: '//evil.example/' });
    expect(offsite.status).toBe(403); // another browser has no CSRF secret cookie
    const page2 = await fresh.get('/admin/login');
    expect(page2.location).toBe('/admin'); // logged in
  });

  it('counts wrong passwords and locks the account name out for the window after 5, whatever is typed', async () => {
    const user = await account('researcher');
    const b = new AdminBrowser(s.app);
    for (let i = 0; i < 5; i++) {
      const r = await b.login(user.username, `wrong password ${i}`);
      expect(r.status).toBe(401);
      expect(r.body).toContain('The account name or the password is not right.');
      expect(r.body).toContain(`value="${user.username}"`);
    }
    const locked = await b.login(user.username, PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers['retry-after']).toBe('900');
    expect(b.cookies.has('spiegel_admin')).toBe(false);
    // the same name typed otherwise is the same account
    expect((await b.login(` ${user.username.toUpperCase()} `, PASSWORD)).status).toBe(429);
    expect(await actions(user.username)).toEqual([...Array(5).fill('login-failed'), 'login-refused']);
    const failures = (await auditLog(s.db)).filter((e) => e.username === user.username && e.action === 'login-failed');
    expect(failures.every((e) => e.detail.startsWith('wrong password'))).toBe(true);
    expect(JSON.stringify(failures)).not.toContain('wrong password 1');
  });

  it('answers an unknown and a disabled account as a wrong password, and records which it was', async () => {
    const b = new AdminBrowser(s.app);
    const r = await b.login('nobody-here', PASSWORD);
    expect(r.status).toBe(401);
    expect(r.body).toContain('The account name or the password is not right.');
    expect((await auditLog(s.db)).find((e) => e.username === 'nobody-here')).toMatchObject({ action: 'login-failed', personal: false });
    expect((await auditLog(s.db)).find((e) => e.username === 'nobody-here')?.detail).toMatch(/^unknown account/);
  });
});

describe('login with a TOTP code', () => {
  it('asks for the code, lets nothing in before it, accepts it once', async () => {
    const secret = newTotpSecret();
    const user = await account('administrator', secret);
    const code = (): string => hotp(base32Decode(secret), timeStep(s.clock.ms));
    const b = new AdminBrowser(s.app);
    const first = await b.login(user.username, PASSWORD);
    expect(first.status).toBe(303);
    expect(first.location).toBe('/admin/login/code');
    // half logged in: the guarded pages still send to the login
    expect((await b.get('/admin/audit')).status).toBe(302);
    const form = await b.get('/admin/login/code');
    expect(form.body).toContain('autocomplete="one-time-code"');
    const wrong = await b.post('/admin/login/code', { _csrf: AdminBrowser.csrf(form.body), code: code() === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(401);
    const ok = await b.post('/admin/login/code', { _csrf: AdminBrowser.csrf(wrong.body), code: code() });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/admin');
    expect((await b.get('/admin/audit')).status).toBe(200);

    // the same code again, within its window, from another browser with the password: refused
    const other = new AdminBrowser(s.app);
    const replay = await other.login(user.username, PASSWORD, code);
    expect(replay.status).toBe(401);
    expect(replay.body).toContain('That code was used already.');
    expect((await other.get('/admin/audit')).status).toBe(302);
    // the next step's code works
    const later = await other.login(user.username, PASSWORD, () => hotp(base32Decode(secret), timeStep(s.clock.ms) + 1));
    expect(later.status).toBe(303);
    expect(await actions(user.username)).toEqual(['login-failed', 'login', 'login-failed', 'login']);
  });

  it('gives up the half-made session after 5 minutes', async () => {
    const secret = newTotpSecret();
    const user = await account('researcher', secret);
    const b = new AdminBrowser(s.app);
    await b.login(user.username, PASSWORD);
    const start = s.clock.ms;
    s.clock.ms = start + 5 * 60_000 + 1;
    try {
      const form = await b.get('/admin/login/code');
      expect(form.location).toBe('/admin/login');
    } finally {
      s.clock.ms = start;
    }
  });
});

describe('logout and time-outs', () => {
  it('logs out through a form, deletes the session and records it', async () => {
    const user = await account('administrator');
    const b = new AdminBrowser(s.app);
    await b.login(user.username, PASSWORD);
    const id = b.cookies.get('spiegel_admin')!;
    const page = await b.get('/admin/logout');
    expect(page.status).toBe(200);
    const r = await b.post('/admin/logout', { _csrf: AdminBrowser.csrf(page.body) });
    expect(r.location).toBe('/admin/login?out=1');
    expect(b.cookies.has('spiegel_admin')).toBe(false);
    expect(await s.db.selectFrom('field_sessions').select('id_hash').where('id_hash', '=', createHash('sha256').update(id).digest('hex')).execute()).toEqual([]);
    // the old cookie, replayed, opens nothing
    b.cookies.set('spiegel_admin', id);
    expect((await b.get('/admin/audit')).status).toBe(302);
    expect(await actions(user.username)).toEqual(['login', 'logout']);
    expect((await b.get('/admin/login?out=1')).body).toContain('You are logged out.');
  });

  it('ends an idle session after 30 minutes (the server\'s clock)', async () => {
    const user = await account('administrator');
    const b = new AdminBrowser(s.app);
    await b.login(user.username, PASSWORD);
    const start = s.clock.ms;
    try {
      s.clock.ms = start + 30 * 60_000 - 1;
      expect((await b.get('/admin/audit')).status).toBe(200);
      s.clock.ms += 30 * 60_000 + 1;
      const r = await b.get('/admin/audit');
      expect(r.status).toBe(302);
      expect(r.location).toBe('/admin/login?next=%2Fadmin%2Faudit');
    } finally {
      s.clock.ms = start;
    }
  });
});
