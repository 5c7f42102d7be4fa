/**
 * "Anders, namelijk" moves on the coding screens (issue 11 item 3): a coder moves an answer of the
 * fixture study (test/fixtures/coding/moves: answers 1-4 are "Anders", answer 4 already moved to
 * "In de regio" in moves.csv) into an existing category; a stale window, a wrong category, a
 * forged POST and a role without the coding right change nothing; undo goes back one state (to
 * the moves file's state before the first browser move); `spiegel code pull` merges the moves into
 * moves.csv and the back-coded table counts them (by hand below).
 */
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { codingRoutes } from '../../src/coding/server/routes.js';
import { moveQuestions } from '../../src/coding/workspace/moves.js';
import { auditLog, movesOf } from '../../src/fieldwork/store/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { computeStudy } from '../../src/study/index.js';
import type { Table } from '../../src/tables/model.js';
import { type AdminServer, adminCookie, adminServer } from '../fieldwork/admin/login.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-moves-'));
for (const f of ['study.yaml', 'antwoorden.csv', 'moves.csv']) copyFileSync(join('test/fixtures/coding/moves', f), join(dir, f));
const spec = join(dir, 'study.yaml');

let s: AdminServer;
let ans: string;
let bram: string;

beforeAll(async () => {
  const moves = await moveQuestions(loadSpec(spec));
  s = await adminServer({ location: { engine: 'sqlite', file: join(dir, 'study.field.sqlite') }, server: { extraRoutes: [(app) => codingRoutes(app, { questions: [], moves })] } });
  ans = (await adminCookie(s.db, 'coder', { username: 'ans', now: s.clock.ms })).cookie;
  bram = (await adminCookie(s.db, 'coder', { username: 'bram', now: s.clock.ms })).cookie;
});
afterAll(async () => s?.close());

async function open(cookie: string, url: string) {
  const r = await s.app.inject({ method: 'GET', url, headers: { cookie } });
  const csrfCookie = String(r.headers['set-cookie'] ?? '').match(/spiegel_csrf=[^;]+/)?.[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
  return { r, post: (path: string, fields: Record<string, string>) => post(`${cookie}${csrfCookie ? `; ${csrfCookie}` : ''}`, path, { _csrf: token ?? '', ...fields }) };
}

async function post(cookie: string, url: string, fields: Record<string, string>) {
  return s.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
}

const LIST = '/admin/code-anders/overleg_bc';

describe('"Anders, namelijk" moves in the browser', () => {
  it('lists the "Anders" answers with their state; answer text stays text', async () => {
    const home = await open(ans, '/admin/code');
    expect(home.r.statusCode).toBe(200);
    expect(home.r.body).toMatch(/Plaats van het overleg \(na hercodering\)<\/a>.*<td class="numeric">4<\/td><td class="numeric">1<\/td>/s);
    const list = await open(ans, LIST);
    expect(list.r.statusCode).toBe(200);
    expect(list.r.body).toContain('4 answers · 1 moved');
    expect(list.r.body).toContain('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
    expect(list.r.body).not.toContain("<script>alert('x')");
    expect(list.r.body).toMatch(/moved to “In de regio”.*moved by cli, 2021-10-01 09:00 \(moves file\)/s);
    expect(list.r.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('keeps roles without the coding right and forged posts out', async () => {
    const researcher = (await adminCookie(s.db, 'researcher', { now: s.clock.ms })).cookie;
    expect((await s.app.inject({ method: 'GET', url: LIST, headers: { cookie: researcher } })).statusCode).toBe(403);
    const forged = await post(ans, `${LIST}/1`, { to: '2', revision: '0' });
    expect(forged.statusCode).toBe(403);
    expect(await movesOf(s.db, 'overleg_bc')).toEqual([]);
  });

  it('moves, refuses a stale window and a wrong category, moves back and undoes', async () => {
    const a = await open(ans, LIST);
    const b = await open(bram, LIST);
    expect((await a.post(`${LIST}/1`, { to: '2', revision: '0' })).statusCode).toBe(303);
    // bram's page is from before ans's move
    const stale = await b.post(`${LIST}/1`, { to: '1', revision: '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('was changed meanwhile (by ans)');
    expect(stale.body).toMatch(/moved to “Portefeuillehoudersoverleg”/);
    // "Anders" itself is not a category to move to; nor is an unknown unit an answer
    expect((await a.post(`${LIST}/3`, { to: '3', revision: '0' })).statusCode).toBe(400);
    expect((await a.post(`${LIST}/5`, { to: '1', revision: '0' })).statusCode).toBe(404);
    // answer 4 (moved in the file) moved back, then undone: back to the file's "In de regio"
    expect((await a.post(`${LIST}/4`, { to: '', revision: '0' })).statusCode).toBe(303);
    expect((await a.post(`${LIST}/4`, { undo: '1', to: '', revision: '1' })).statusCode).toBe(303);
    const stored = await movesOf(s.db, 'overleg_bc');
    expect(stored.map((m) => [m.unit, m.to, m.by, m.revision, m.text])).toEqual([
      ['1', 2, 'ans', 1, 'Portefeuillehoudersoverleg werk en inkomen'],
      ['4', 1, 'ans', 2, 'in de regio met UWV'],
    ]);
    const audit = (await auditLog(s.db)).filter((e) => e.action === 'coding-move').map((e) => e.detail).reverse(); // the log lists newest first
    expect(audit).toEqual(['back-coding overleg_bc, answer 1: Portefeuillehoudersoverleg', 'back-coding overleg_bc, answer 4: not moved', 'back-coding overleg_bc, answer 4: In de regio (undo)']);
  });

  it('spiegel code pull writes the moves file, and the back-coded table counts the moves', async () => {
    let out = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t), interactive: false };
    expect(await main(['code', 'pull', spec], io)).toBe(0);
    expect(out).toContain('2 of 4 "Anders, namelijk" answer(s) moved (2 changed on the coding screens)');
    const lines = readFileSync(join(dir, 'moves.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('unit,to,text,by,at');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 4).join(','))).toEqual(['4,1,in de regio met UWV,ans', '1,2,Portefeuillehoudersoverleg werk en inkomen,ans']);
    // By hand: In de regio = respondents 5 and 4 (moved) = 2; Portefeuillehoudersoverleg = 6 and 1 (moved) = 2;
    // Anders = 2 and 3 = 2; 6 in all.
    const t1 = (await computeStudy(spec)).tables.get('t1')!;
    const cells = (t: Table): [string, string][] => t.rows.map((r) => [r.label, r.cells.map((c) => String(c.shown)).join('|')]);
    expect(cells(t1).filter(([label]) => !label.startsWith('Eindtotaal') && label !== 'Totaal')).toEqual([
      ['In de regio', expect.stringMatching(/33/)],
      ['Portefeuillehoudersoverleg', expect.stringMatching(/33/)],
      ['Anders, namelijk', expect.stringMatching(/33/)],
    ]);
  });
});
