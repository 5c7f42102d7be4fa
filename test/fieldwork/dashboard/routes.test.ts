/**
 * The dashboard's routes through Fastify inject, over the known store (./known-store.ts) plus
 * one participant whose stratum value is a spreadsheet formula with markup in it: who may see
 * what, the page's tables and chart, the CSV files (BOM, neutralised formula cells, the same
 * suppressed cells) and the audit log's record of every download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { auditLog } from '../../../src/fieldwork/store/audit.js';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { loadSpec } from '../../../src/spec/load.js';
import type { StudySpec } from '../../../src/spec/schema.js';
import { adminCookie, adminServer, type AdminServer } from '../admin/login.js';
import { fillKnown } from './known-store.js';

const HOSTILE = '=HYPERLINK("http://x.example","<b>click</b>")';

function specWithTargets(): StudySpec {
  const spec = loadSpec('test/fixtures/fieldwork/study.yaml').spec;
  return { ...spec, fieldwork: { ...spec.fieldwork!, targets: { column: 'stratum', completes: { A: 6, B: 4, C: 5 } } } };
}

let s: AdminServer;
const cookies: Record<string, { cookie: string; username: string }> = {};

beforeAll(async () => {
  s = await adminServer({ server: { parts: questionnaireParts(specWithTargets(), 2021), now: () => Date.parse('2021-06-22T10:00:00Z') } });
  await fillKnown(s.store);
  await s.store.addParticipants([{ id: 'x1', token: newToken(), loginCode: newLoginCode(), test: false, register: { stratum: HOSTILE }, contact: {} }]);
  await s.store.startResponse({ participantId: 'x1', structureHash: 'h' });
  for (const role of ['researcher', 'administrator', 'fieldwork-manager', 'coder'] as const) {
    const { cookie, user } = await adminCookie(s.db, role, { now: Date.parse('2021-06-22T10:00:00Z') });
    cookies[role] = { cookie, username: user.username };
  }
});
afterAll(async () => s.close());

const get = (url: string, role?: keyof typeof cookies) => s.app.inject({ method: 'GET', url, headers: role === undefined ? {} : { cookie: cookies[role].cookie } });

describe('the dashboard page', () => {
  it('sends someone not logged in to the login page', async () => {
    const r = await get('/admin');
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe('/admin/login?next=%2Fadmin');
  });

  it('shows a researcher every figure as tables, with the chart as SVG and no inline style or script', async () => {
    const r = await get('/admin', 'researcher');
    expect(r.statusCode).toBe(200);
    expect(String(r.headers['content-security-policy'])).not.toContain('unsafe-inline');
    const page = r.body;
    for (const h of ['Response per day', 'Response per stratum', 'Break-off per page', 'Break-off per question', 'Completion time', 'Devices']) {
      expect(page).toContain(`>${h}</h2>`);
    }
    expect(page).toMatch(/<svg role="img" aria-labelledby="chart-daily-t chart-daily-d"/);
    expect(page).not.toMatch(/\sstyle=/);
    expect(page).not.toContain('<script');
    // no timed reload unless asked for (WCAG 2.2.1); asked for, a meta refresh and a way to stop it
    expect(page).not.toContain('http-equiv="refresh"');
    const live = (await get('/admin?refresh=1', 'researcher')).body;
    expect(live).toContain('<meta http-equiv="refresh" content="60">');
    expect(live).toContain('<a href="/admin">stop reloading</a>');
    // totals: the known 19 started + x1 = 20; 14 completed; median 720 s = 12 min
    expect(page).toMatch(/Started<span class="value">20<\/span>/);
    expect(page).toMatch(/Completed<span class="value">14<\/span>/);
    expect(page).toContain('Median completion time<span class="value">12 min 0 s</span>');
    // a day row (non-breaking hyphens in the date): 2021-06-18, 7 started, 6 completed, 18 and 13 so far
    expect(page).toContain('<tr><th scope="row">2021\u201106\u201118</th><td class="numeric">7</td><td class="numeric">6</td><td class="numeric">18</td><td class="numeric">13</td></tr>');
    // stratum A: 12 sampled, 7 started, 5 completes of 6 = 83.3%; B hidden
    expect(page).toContain('<tr><th scope="row">A</th><td class="numeric">12</td><td class="numeric">7</td><td class="numeric">5</td><td class="numeric">6</td><td class="numeric">83.3%</td></tr>');
    expect(page).toContain('<tr><th scope="row">B</th><td class="numeric">10</td><td class="numeric">&lt; 5</td><td class="numeric">&lt; 5</td><td class="numeric">4</td><td class="numeric"></td></tr>');
    // the hostile stratum value is text, never markup
    expect(page).not.toContain('<b>click</b>');
    expect(page).toContain('=HYPERLINK(&quot;http://x.example&quot;,&quot;&lt;b&gt;click&lt;/b&gt;&quot;)');
    expect(page).toContain('Small numbers are hidden');
  });

  it('shows an administrator the same figures', async () => {
    const r = await get('/admin', 'administrator');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('>Break-off per page</h2>');
  });

  it('shows the fieldwork manager the response counts only', async () => {
    const r = await get('/admin', 'fieldwork-manager');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('>Response per day</h2>');
    for (const h of ['Response per stratum', 'Break-off per page', 'Completion time', 'Devices']) expect(r.body).not.toContain(`>${h}</h2>`);
    expect(r.body).not.toContain('Median completion time');
  });

  it('refuses a coder (403), page and downloads alike', async () => {
    expect((await get('/admin', 'coder')).statusCode).toBe(403);
    expect((await get('/admin/figures/response-per-day.csv', 'coder')).statusCode).toBe(403);
  });
});

describe('CSV downloads', () => {
  it('gives every figure to a researcher as UTF-8 CSV with a BOM, and records each download', async () => {
    const before = (await auditLog(s.db)).filter((e) => e.action === 'figure-download').length;
    for (const name of ['response-per-day', 'response-per-stratum', 'break-off-per-page', 'break-off-per-question', 'completion-time', 'devices']) {
      const r = await get(`/admin/figures/${name}.csv`, 'researcher');
      expect(r.statusCode, name).toBe(200);
      expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(r.headers['content-disposition']).toBe(`attachment; filename="${name}-2021-06-22.csv"`);
      expect(r.body.startsWith('\uFEFF')).toBe(true);
    }
    const log = (await auditLog(s.db)).filter((e) => e.action === 'figure-download');
    expect(log.length - before).toBe(6);
    expect(log[0]).toMatchObject({ username: cookies.researcher.username, personal: false });
    expect(log[0].detail).toMatch(/^devices\.csv/);
  });

  it('writes the numbers of the page, suppressed cells as on the page', async () => {
    const day = (await get('/admin/figures/response-per-day.csv', 'researcher')).body;
    expect(day.split('\r\n').slice(0, 3)).toEqual(['\uFEFFday,started,completed,started_total,completed_total', '2021-06-15,4,3,4,3', '2021-06-16,4,3,8,6']);
    const devices = (await get('/admin/figures/devices.csv', 'researcher')).body;
    // x1 was started without a User-Agent: unknown 2 started
    expect(devices).toBe('\uFEFFdevice,started,completed\r\nphone,8,6\r\ntablet,1,1\r\ndesktop,9,7\r\nunknown,2,0\r\n');
    const time = (await get('/admin/figures/completion-time.csv', 'researcher')).body;
    expect(time).toBe('\uFEFFcompleted,median_seconds\r\n14,720\r\n');
  });

  it('neutralises a formula in a text cell', async () => {
    const strata = (await get('/admin/figures/response-per-stratum.csv', 'researcher')).body.split('\r\n');
    expect(strata[0]).toBe('\uFEFFstratum,sampled,started,completes,target,share_of_target');
    expect(strata[1]).toBe(`A,12,7,5,6,${5 / 6}`);
    // the formula gets a leading apostrophe, then CSV quoting (it holds commas and quotes)
    expect(strata).toContain('"\'=HYPERLINK(""http://x.example"",""<b>click</b>"")",1,< 5,0,,');
    expect(strata.every((line) => !/(^|,)=/.test(line))).toBe(true);
  });

  it('gives the fieldwork manager the response per day only', async () => {
    expect((await get('/admin/figures/response-per-day.csv', 'fieldwork-manager')).statusCode).toBe(200);
    expect((await get('/admin/figures/devices.csv', 'fieldwork-manager')).statusCode).toBe(403);
    expect((await get('/admin/figures/response-per-stratum.csv', 'fieldwork-manager')).statusCode).toBe(403);
  });

  it('answers 404 for a figure that does not exist', async () => {
    expect((await get('/admin/figures/answers.csv', 'researcher')).statusCode).toBe(404);
    expect((await get('/admin/figures/devices.json', 'researcher')).statusCode).toBe(404);
  });
});
