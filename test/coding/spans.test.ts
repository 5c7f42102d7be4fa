/**
 * Fragment coding of interviews in the browser (issue 11 item 5), on the fixture interviews
 * (test/fixtures/coding/interviews): regio-noord has an emoji before the coded passages, so
 * code point offsets differ from JavaScript's UTF-16 indices (counted by hand below: the emoji
 * 👍 is one code point and two UTF-16 units); regio-zuid has one fragment in the codings file.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInterview } from '../../src/coding/interviews/import.js';
import { loadCodebook } from '../../src/coding/load-codebook.js';
import { codingRoutes } from '../../src/coding/server/routes.js';
import { interviewSet, pulledRows, type InterviewSet } from '../../src/coding/workspace/interviews.js';
import { spansOf } from '../../src/fieldwork/store/index.js';
import { type AdminServer, adminCookie, adminServer } from '../fieldwork/admin/login.js';

const fixtures = 'test/fixtures/coding/interviews';
let s: AdminServer;
let set: InterviewSet;
let ans: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-spans-'));
  copyFileSync(join(fixtures, 'codings.csv'), join(dir, 'codings.csv'));
  const documents = await Promise.all(['regio-noord.md', 'regio-zuid.md'].map((f) => readInterview(join(fixtures, f))));
  set = interviewSet(loadCodebook(join(fixtures, 'onderwerpen.codebook.yaml')), documents, join(dir, 'codings.csv'));
  s = await adminServer({ server: { extraRoutes: [(app) => codingRoutes(app, { questions: [], interviews: set })] } });
  ans = (await adminCookie(s.db, 'coder', { username: 'ans', now: s.clock.ms })).cookie;
});
afterAll(async () => s?.close());

async function open(cookie: string, url: string) {
  const r = await s.app.inject({ method: 'GET', url, headers: { cookie } });
  const csrfCookie = String(r.headers['set-cookie'] ?? '').match(/spiegel_csrf=[^;]+/)?.[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
  return { r, post: (fields: Record<string, string | string[]>, path = `${DOC}/fragment`) => post(`${cookie}${csrfCookie ? `; ${csrfCookie}` : ''}`, path, { _csrf: token ?? '', ...fields }) };
}

async function post(cookie: string, url: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return s.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

const DOC = '/admin/code-interviews/d/regio-noord';
const stored = async () => (await spansOf(s.db, 'onderwerpen')).map((x) => [x.document, x.start, x.end, x.text, x.codes, x.revision]);

describe('fragment coding of interviews in the browser', () => {
  it('lists interviews and topics, shows an interview as escaped text with the selection script', async () => {
    const home = await open(ans, '/admin/code-interviews');
    expect(home.r.statusCode).toBe(200);
    expect(home.r.body).toContain('Interview regio Noord');
    expect(home.r.body).toMatch(/>Regels<\/a><\/th><td class="numeric">1 of 2<\/td><td class="numeric">1<\/td>/);
    const doc = await open(ans, DOC);
    expect(doc.r.statusCode).toBe(200);
    expect(doc.r.body).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(doc.r.body).not.toContain("<script>alert('x')");
    expect(doc.r.body).toMatch(/<script src="\/static\/coding-spans-[0-9a-f]{12}\.js"/);
    expect(doc.r.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(doc.r.headers['content-security-policy']).not.toContain('unsafe-inline');
  });

  it('keeps roles without the coding right and forged posts out', async () => {
    const researcher = (await adminCookie(s.db, 'researcher', { now: s.clock.ms })).cookie;
    expect((await s.app.inject({ method: 'GET', url: DOC, headers: { cookie: researcher } })).statusCode).toBe(403);
    expect((await post(ans, `${DOC}/fragment`, { start: '0', end: '5', code: 'regels', revision: '0' })).statusCode).toBe(403);
    expect(await stored()).toEqual([]);
  });

  it('codes fragments by words or positions, in code points; refuses what cannot be placed', async () => {
    const page = await open(ans, DOC);
    // "en we zien elkaar elke week" starts at UTF-16 index 70, after the emoji: code point 69.
    expect((await page.post({ words: 'en we zien elkaar elke week', code: 'samenwerking', revision: '0' })).statusCode).toBe(303);
    expect((await page.post({ start: '36', end: '68', code: 'samenwerking.uwv', revision: '0' })).statusCode).toBe(303);
    expect(await stored()).toEqual([
      ['regio-noord', 36, 68, 'Met UWV hebben we korte lijnen 👍', ['samenwerking.uwv'], 1],
      ['regio-noord', 69, 96, 'en we zien elkaar elke week', ['samenwerking'], 1],
    ]);
    const refused = [
      await page.post({ words: 'e', code: 'werkdruk', revision: '0' }), // occurs many times
      await page.post({ words: 'niet in de tekst', code: 'werkdruk', revision: '0' }),
      await page.post({ start: '10', end: '173', code: 'werkdruk', revision: '0' }), // 172 characters
      await page.post({ start: '10', end: '5', code: 'werkdruk', revision: '0' }),
      await page.post({ start: '0', end: '5', code: 'onbekend', revision: '0' }),
      await page.post({ start: '0', end: '5', revision: '0' }),
    ];
    expect(refused.map((r) => r.statusCode)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(refused[0].body).toContain('occur more than once');
    expect(refused[2].body).toContain('the interview has 172 characters');
    expect((await stored()).length).toBe(2);
  });

  it('changes, undoes and removes a fragment; a page from before a change is told what is stored', async () => {
    const page = await open(ans, DOC);
    const at = { start: '69', end: '96' };
    expect((await page.post({ ...at, code: ['samenwerking', 'werkdruk'], revision: '1' })).statusCode).toBe(303);
    const stale = await page.post({ ...at, code: 'regels', revision: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('saved meanwhile');
    expect((await page.post({ ...at, undo: '1', revision: '2' })).statusCode).toBe(303);
    expect((await stored()).find((x) => x[1] === 69)).toEqual(['regio-noord', 69, 96, 'en we zien elkaar elke week', ['samenwerking'], 3]);
    expect((await page.post({ ...at, remove: '1', revision: '3' })).statusCode).toBe(303);
    const after = await open(ans, DOC);
    expect(after.r.body).not.toContain('<blockquote class="answer-text">en we zien elkaar elke week</blockquote>');
    expect(after.r.body).toContain('<blockquote class="answer-text">Met UWV hebben we korte lijnen 👍</blockquote>');
  });

  it('reports a topic across interviews with counts per attribute, and pulls the fragments into the codings file', async () => {
    await (await open(ans, '/admin/code-interviews/d/regio-zuid')).post({ words: 'de werkdruk is hoog', code: 'werkdruk', revision: '0' }, '/admin/code-interviews/d/regio-zuid/fragment');
    await (await open(ans, DOC)).post({ words: 'De caseload is te hoog', code: 'werkdruk', revision: '0' });
    const report = await open(ans, '/admin/code-interviews/topic/werkdruk?by=regio');
    expect(report.r.body).toContain('Mentioned in 2 of 2 interviews · 2 fragments');
    expect(report.r.body).toMatch(/<th scope="row">Noord<\/th><td class="numeric">1<\/td><td class="numeric">1<\/td>/);
    const regels = await open(ans, '/admin/code-interviews/topic/regels');
    expect(regels.r.body).toContain('Mentioned in 1 of 2 interviews · 1 fragment');
    expect(regels.r.body).toContain('De regels veranderen te vaak');
    // By hand: regio-noord line 1 "I: Hoe verloopt de samenwerking?\n" = 33, line 2 up to its "\n" = 65
    // (the emoji one character) → 98, "I: En de werkdruk?\n" = 19 → 117, "R: " → "De caseload …" at 120–142.
    // regio-zuid: "I: Wat valt op?\n" = 16, "R: " → 19; "De regels veranderen te vaak" 19–47, ". En " → 52–71.
    const rows = await pulledRows(set, (await spansOf(s.db, 'onderwerpen')).map((x) => ({ ...x })));
    expect(rows.map((r) => [r.unit, r.coder, r.code, r.start, r.end, r.text])).toEqual([
      ['regio-noord', 'ans', 'samenwerking.uwv', 36, 68, 'Met UWV hebben we korte lijnen 👍'],
      ['regio-noord', 'ans', 'werkdruk', 120, 142, 'De caseload is te hoog'],
      ['regio-zuid', 'cli', 'regels', 19, 47, 'De regels veranderen te vaak'],
      ['regio-zuid', 'ans', 'werkdruk', 52, 71, 'de werkdruk is hoog'],
    ]);
  });
});
