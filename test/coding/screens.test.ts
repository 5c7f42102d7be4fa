/**
 * The coding screens on the researcher's side (src/coding/server): a coder lists, filters and
 * codes the answers of the fixture study (test/fixtures/coding/workspace), with suggestions,
 * a stale second tab, undo and a resolve view; other roles and visitors are kept out; answer
 * text is never markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codingRoutes } from '../../src/coding/server/routes.js';
import { codingQuestions } from '../../src/coding/workspace/questions.js';
import { auditLog, codingsOf, saveCoding } from '../../src/fieldwork/store/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { type AdminServer, adminCookie, adminServer } from '../fieldwork/admin/login.js';

let s: AdminServer;
let ans: string;
let bram: string;

beforeAll(async () => {
  const questions = await codingQuestions(loadSpec('test/fixtures/coding/workspace/study.yaml'));
  s = await adminServer({ server: { extraRoutes: [(app) => codingRoutes(app, { questions })] } });
  ans = (await adminCookie(s.db, 'coder', { username: 'ans', now: s.clock.ms })).cookie;
  bram = (await adminCookie(s.db, 'coder', { username: 'bram', now: s.clock.ms })).cookie;
});
afterAll(async () => s?.close());

/** GET a page as this account; returns the page and its CSRF field and cookie for a POST. */
async function open(cookie: string, url: string) {
  const r = await s.app.inject({ method: 'GET', url, headers: { cookie } });
  const csrfCookie = String(r.headers['set-cookie'] ?? '').match(/spiegel_csrf=[^;]+/)?.[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
  return { r, post: (path: string, fields: Record<string, string | string[]>) => post(`${cookie}${csrfCookie ? `; ${csrfCookie}` : ''}`, path, { _csrf: token ?? '', ...fields }) };
}

async function post(cookie: string, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return s.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

describe('coding screens', () => {
  it('keep visitors and roles without the coding right out', async () => {
    const visitor = await s.app.inject({ method: 'GET', url: '/admin/code' });
    expect(visitor.statusCode).toBe(302);
    const researcher = (await adminCookie(s.db, 'researcher', { now: s.clock.ms })).cookie;
    expect((await s.app.inject({ method: 'GET', url: '/admin/code/thema/a/1', headers: { cookie: researcher } })).statusCode).toBe(403);
    expect((await post(researcher, '/admin/code/thema/a/1', { code: 'geld', revision: '0' })).statusCode).toBe(403);
  });

  it('list the question and its answers, filtered by words; answer text stays text', async () => {
    const home = await open(ans, '/admin/code');
    expect(home.r.statusCode).toBe(200);
    expect(home.r.body).toContain('Heeft u suggesties om de dienstverlening te verbeteren?');
    const list = await open(ans, '/admin/code/thema?text=geld');
    expect(list.r.body).toContain('2 answers');
    const all = await open(ans, '/admin/code/thema');
    expect(all.r.body).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(all.r.body).not.toContain("<script>alert('x')");
    expect(all.r.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('suggest codes by keyword without ticking them, save, go on to the next uncoded answer', async () => {
    const page = await open(ans, '/admin/code/thema/a/1');
    // "Een vaste klantmanager graag": the keyword "klantmanager" of code "contact"
    expect(page.r.body).toMatch(/Suggested: keyword “klantmanager”/);
    expect(page.r.body).not.toMatch(/value="contact" checked/);
    const saved = await page.post('/admin/code/thema/a/1', { code: 'contact.vast', revision: '0', then: 'next' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/admin/code/thema/a/2');
    expect((await codingsOf(s.db, 'thema')).map((c) => [c.unit, c.coder, c.codes])).toEqual([['1', 'ans', ['contact.vast']]]);
  });

  it('refuse a save from an old tab and show what is stored; undo goes back one state', async () => {
    const first = await open(ans, '/admin/code/thema/a/2');
    const second = await open(ans, '/admin/code/thema/a/2');
    expect((await first.post('/admin/code/thema/a/2', { code: 'geld', revision: '0', then: 'stay' })).statusCode).toBe(303);
    const stale = await second.post('/admin/code/thema/a/2', { code: 'regels', revision: '0', then: 'stay' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('your change was not saved');
    expect(stale.body).toMatch(/value="geld" checked/);
    const again = await open(ans, '/admin/code/thema/a/2');
    expect((await again.post('/admin/code/thema/a/2', { code: ['geld', 'regels'], revision: '1', then: 'stay' })).statusCode).toBe(303);
    const undoPage = await open(ans, '/admin/code/thema/a/2');
    expect(undoPage.r.body).toContain('>Undo</button>');
    expect((await undoPage.post('/admin/code/thema/a/2/undo', { revision: '2' })).statusCode).toBe(303);
    const stored = (await codingsOf(s.db, 'thema')).find((c) => c.unit === '2' && c.coder === 'ans');
    expect(stored).toMatchObject({ codes: ['geld'], revision: 3 });
  });

  it('refuse unknown codes and contradictory ticks, saving nothing', async () => {
    const page = await open(ans, '/admin/code/thema/a/3');
    expect((await page.post('/admin/code/thema/a/3', { code: 'gelt', revision: '0' })).statusCode).toBe(400);
    expect((await page.post('/admin/code/thema/a/3', { code: 'geld', none: '1', revision: '0' })).statusCode).toBe(400);
    expect((await page.post('/admin/code/thema/a/3', { revision: '0' })).statusCode).toBe(400);
    expect((await codingsOf(s.db, 'thema')).some((c) => c.unit === '3')).toBe(false);
    // a forged POST without the CSRF token is refused
    expect((await post(ans, '/admin/code/thema/a/3', { code: 'geld', revision: '0' })).statusCode).toBe(403);
  });

  it('resolve a disagreement into the final coding, starting from the codes both gave', async () => {
    await saveCoding(s.db, { question: 'thema', unit: '2', coder: 'bram', codes: ['geld', 'regels'], expectedRevision: 0 });
    const list = await open(bram, '/admin/code/thema?status=disagree');
    expect(list.r.body).toContain('/admin/code/thema/resolve/2');
    const page = await open(bram, '/admin/code/thema/resolve/2');
    expect(page.r.body).toContain('Codes by coder');
    expect(page.r.body).toMatch(/value="geld" checked/);
    expect(page.r.body).not.toMatch(/value="regels" checked/);
    const done = await page.post('/admin/code/thema/resolve/2', { code: 'geld', revision: '0' });
    expect(done.statusCode).toBe(303);
    expect((await codingsOf(s.db, 'thema')).find((c) => c.unit === '2' && c.coder === 'final')?.codes).toEqual(['geld']);
    expect((await auditLog(s.db)).some((e) => e.action === 'coding-resolve')).toBe(true);
  });
});
