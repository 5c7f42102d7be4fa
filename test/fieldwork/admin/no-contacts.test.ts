/**
 * No admin screen shows contact data or answers to a role without the right: a store with
 * participants (names, addresses, e-mail, tokens, login codes) and responses (an open answer),
 * then every admin page and download, as every role, searched for each of those values.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/fieldwork/admin/roles.js';
import { FIGURE_NAMES } from '../../../src/fieldwork/dashboard/csv.js';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import type { NewParticipant } from '../../../src/fieldwork/store/types.js';
import { type AdminServer, adminCookie, adminServer } from './login.js';

let s: AdminServer;
const people: NewParticipant[] = [];
const cookies = new Map<Role, string>();
const SECRET_ANSWER = 'Mijn buurman Jansen weet hiervan';

beforeAll(async () => {
  s = await adminServer();
  for (let i = 1; i <= 12; i++) {
    people.push({
      id: `r${100 + i}`,
      token: newToken(),
      loginCode: newLoginCode(),
      test: false,
      register: { regio: i <= 6 ? 'A' : 'B' },
      contact: { naam: `Wilhelmina Voorbeeld${i}`, adres: `Kerkstraat ${200 + i}`, email: `w.voorbeeld${i}@example.org` },
    });
  }
  await s.store.addParticipants(people);
  for (const p of people.slice(0, 8)) {
    const r = await s.store.startResponse({ participantId: p.id, structureHash: 'fake-hash' });
    await s.store.submitPage({ responseId: r.id, expectedRevision: r.revision, pageId: 'werk', answers: { werk: 1, opm: SECRET_ANSWER }, skipped: [], pageIndex: 3, status: 'complete' });
  }
  for (const role of ROLES) cookies.set(role, (await adminCookie(s.db, role, { now: s.clock.ms })).cookie);
});
afterAll(async () => s.close());

const pages = ['/admin', '/admin/audit', '/admin/account', '/admin/logout', ...FIGURE_NAMES.map((n) => `/admin/figures/${n}.csv`)];

describe('contact data and answers on admin screens', () => {
  it.each(ROLES)('are shown to no %s on any page or download', async (role) => {
    let opened = 0;
    for (const url of pages) {
      const r = await s.app.inject({ method: 'GET', url, headers: { cookie: cookies.get(role)! } });
      expect([200, 403], `${url} as ${role}`).toContain(r.statusCode);
      if (r.statusCode === 200) opened++;
      for (const p of people) {
        for (const v of [...Object.values(p.contact), p.token, p.loginCode]) expect(r.body, `${url} as ${role}`).not.toContain(v);
      }
      expect(r.body).not.toContain(SECRET_ANSWER);
      expect(r.body).not.toContain('Voorbeeld');
    }
    expect(opened).toBeGreaterThan(1);
  });
});
