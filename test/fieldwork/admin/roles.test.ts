/**
 * Least privilege: which role opens which admin route (403 for every other role, a redirect to
 * the login without a session), no role with both contact data and the answer export, and the
 * audit page: administrators only, newest first, everything escaped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_RIGHTS, ROLES, type Role, SEPARATED_RIGHTS, rolesWith } from '../../../src/fieldwork/admin/roles.js';
import { recordAudit } from '../../../src/fieldwork/store/audit.js';
import { type AdminServer, adminCookie, adminServer } from './login.js';

let s: AdminServer;
const cookies = new Map<Role, string>();
beforeAll(async () => {
  s = await adminServer();
  for (const role of ROLES) cookies.set(role, (await adminCookie(s.db, role, { username: `the-${role}`, now: s.clock.ms })).cookie);
});
afterAll(async () => s.close());

/** Every admin GET route of this part and the roles it lets in. */
const routes: readonly { url: string; roles: readonly Role[] }[] = [
  { url: '/admin/audit', roles: ['administrator'] },
  { url: '/admin/account', roles: ['administrator', 'researcher', 'fieldwork-manager', 'coder'] },
];

describe('roles', () => {
  it('gives no role both the contact data and the answer export', () => {
    for (const role of ROLES) {
      for (const [a, b] of SEPARATED_RIGHTS) expect(ROLE_RIGHTS[role].includes(a) && ROLE_RIGHTS[role].includes(b), role).toBe(false);
    }
    expect(rolesWith('contacts')).toEqual(['fieldwork-manager']);
    expect(rolesWith('answer-export')).toEqual(['researcher']);
    expect(rolesWith('accounts')).toEqual(['administrator']);
    expect(rolesWith('coding')).toEqual(['coder']);
  });

  it.each(routes)('$url: open to its roles, 403 for the others, the login without a session', async ({ url, roles }) => {
    expect((await s.app.inject({ method: 'GET', url })).statusCode).toBe(302);
    for (const role of ROLES) {
      const r = await s.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(role)! } });
      expect(r.statusCode, `${url} as ${role}`).toBe(roles.includes(role) ? 200 : 403);
    }
  });

  it('shows each role only the menu entries it may open', async () => {
    const coder = await s.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: cookies.get('coder')! } });
    expect(coder.body).not.toContain('href="/admin/audit"');
    expect(coder.body).toContain('the coding screens of open answers');
    const admin = await s.app.inject({ method: 'GET', url: '/admin/account', headers: { cookie: cookies.get('administrator')! } });
    expect(admin.body).toContain('href="/admin/audit"');
  });
});

describe('the audit page', () => {
  it('lists the log newest first with every value escaped', async () => {
    await recordAudit(s.db, { username: 'cli:anna', action: 'export', detail: 'wave 2021 to <b>data.sav</b>' });
    await new Promise((r) => setTimeout(r, 5));
    await recordAudit(s.db, { username: 'the-researcher', action: 'contacts-view', detail: 'participant "r12"', personal: true });
    const r = await s.app.inject({ method: 'GET', url: '/admin/audit', headers: { cookie: cookies.get('administrator')! } });
    expect(r.statusCode).toBe(200);
    const body = r.body;
    expect(body).toContain('wave 2021 to &lt;b&gt;data.sav&lt;/b&gt;');
    expect(body).not.toContain('<b>data.sav</b>');
    const newer = body.indexOf('participant &quot;r12&quot;');
    const older = body.indexOf('wave 2021 to');
    expect(newer).toBeGreaterThan(0);
    expect(newer).toBeLessThan(older);
    expect(body.slice(newer, newer + 200)).toContain('tag-personal');
  });
});
