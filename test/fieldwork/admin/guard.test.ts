/**
 * The guard (src/fieldwork/admin/guard.ts) on a test route: redirect without a session, 403 for
 * a role not let in, the user on the request otherwise; idle and absolute time-outs with the
 * server's clock; a server without a database has no researcher's side.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUserOf, requireRole, safeNext } from '../../../src/fieldwork/admin/guard.js';
import { adminPage, sendAdminPage } from '../../../src/fieldwork/admin/layout.js';
import { adminCssPath } from '../../../src/fieldwork/admin/style.js';
import { html } from '../../../src/fieldwork/questionnaire/escape.js';
import { disableUser } from '../../../src/fieldwork/store/accounts.js';
import { createFieldServer } from '../../../src/fieldwork/server/app.js';
import { buildSchedule } from '../../../src/fieldwork/server/schedule.js';
import { FakeStore, fakeParts } from '../server/fakes.js';
import { type AdminServer, adminCookie, adminServer } from './login.js';

let s: AdminServer;
beforeAll(async () => {
  s = await adminServer();
  s.app.get('/admin/test-research', { preHandler: requireRole('researcher') }, async (request, reply) => {
    const user = adminUserOf(request);
    return sendAdminPage(reply, { title: 'Research', user, current: '/admin/test-research', body: html`<p id="who">${user.username}/${user.role}</p>` });
  });
});
afterAll(async () => s.close());

describe('requireRole', () => {
  it('sends a visitor without a session to the login page, remembering where they were going', async () => {
    const r = await s.app.inject({ method: 'GET', url: '/admin/test-research' });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('/admin/login?next=%2Fadmin%2Ftest-research');
    const forged = await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie: `spiegel_admin=${'A'.repeat(43)}` } });
    expect(forged.statusCode).toBe(302);
  });

  it('lets the role in and puts the account on the request', async () => {
    const { cookie, user } = await adminCookie(s.db, 'researcher', { now: s.clock.ms });
    const r = await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`<p id="who">${user.username}/researcher</p>`);
    expect(r.body).toContain(`href="${adminCssPath}"`);
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it('answers 403 with a page for every other role', async () => {
    for (const role of ['administrator', 'fieldwork-manager', 'coder'] as const) {
      const { cookie } = await adminCookie(s.db, role, { now: s.clock.ms });
      const r = await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie } });
      expect(r.statusCode, role).toBe(403);
      expect(r.body).not.toContain('<p id="who">');
      expect(r.body).toContain('Not for your role');
    }
  });

  it('ends a session after 30 idle minutes, and any session 12 hours after login', async () => {
    const start = s.clock.ms;
    const { cookie } = await adminCookie(s.db, 'researcher', { now: start });
    s.clock.ms = start + 29 * 60_000;
    expect((await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie } })).statusCode).toBe(200);
    // each request restarts the idle clock: 29 + 29 minutes is still alive
    s.clock.ms = start + 58 * 60_000;
    expect((await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie } })).statusCode).toBe(200);
    s.clock.ms = start + 58 * 60_000 + 30 * 60_000 + 1;
    expect((await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie } })).statusCode).toBe(302);
    // the dead session was deleted: going back in time does not revive it
    s.clock.ms = start + 60 * 60_000;
    expect((await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie } })).statusCode).toBe(302);

    const busy = await adminCookie(s.db, 'researcher', { now: start });
    for (let m = 20; m < 12 * 60; m += 20) {
      s.clock.ms = start + m * 60_000;
      expect((await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie: busy.cookie } })).statusCode).toBe(200);
    }
    s.clock.ms = start + 12 * 3600_000;
    expect((await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie: busy.cookie } })).statusCode).toBe(302);
    s.clock.ms = start;
  });

  it('ends the sessions of a disabled account', async () => {
    const { cookie, user } = await adminCookie(s.db, 'researcher', { now: s.clock.ms });
    expect((await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie } })).statusCode).toBe(200);
    await disableUser(s.db, user.username);
    expect((await s.app.inject({ method: 'GET', url: '/admin/test-research', headers: { cookie } })).statusCode).toBe(302);
  });

  it('answers 404 on a server whose store has no database', async () => {
    const app = await createFieldServer({ store: new FakeStore(), parts: fakeParts(), mode: 'personal', schedule: buildSchedule(undefined), secret: randomBytes(32), studyId: 'fake', log: () => undefined });
    try {
      app.get('/admin/x', { preHandler: requireRole('researcher') }, async () => 'secret');
      const r = await app.inject({ method: 'GET', url: '/admin/x' });
      expect(r.statusCode).toBe(404);
      expect(r.body).not.toContain('secret');
      expect((await app.inject({ method: 'GET', url: adminCssPath })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('serves the stylesheet the pages link to', async () => {
    const r = await s.app.inject({ method: 'GET', url: adminCssPath });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/css');
  });
});

describe('safeNext', () => {
  it('keeps paths on the researcher\'s side and refuses anything that could leave it', () => {
    expect(safeNext('/admin')).toBe('/admin');
    expect(safeNext('/admin/figures/day.csv?x=1')).toBe('/admin/figures/day.csv?x=1');
    for (const bad of ['//evil.example', '/admin//evil.example', 'https://evil.example/admin', '/adminx', '/admin/login', '/admin/logout', '/\\evil', '/admin/<x>']) {
      expect(safeNext(bad), bad).toBeUndefined();
    }
  });
});

describe('adminPage', () => {
  it('escapes the title and the account name, marks the current section, and has no inline style or script', () => {
    const page = adminPage({
      title: '<script>alert(1)</script>',
      user: { id: 'u', username: 'a"b<c>', role: 'administrator', totp: false },
      current: '/admin/audit',
      body: html`<p>${'<img src=x onerror=alert(1)>'}</p>`,
    });
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('a&quot;b&lt;c&gt;');
    expect(page).toContain('<a href="/admin/audit" aria-current="page">Audit log</a>');
    expect(page).not.toMatch(/<style|<[^>]*\s(style|on[a-z]+)=/);
    // the menu shows only what the role may open
    expect(page).not.toContain('Contacts');
  });
});
