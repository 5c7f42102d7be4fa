/**
 * axe-core on the pages as the real server serves them (issue 9 item 4): real store, real
 * questionnaire, the server's own headers (its Content-Security-Policy without unsafe-inline),
 * followed in headless Chromium the way a respondent goes: the login page (and a wrong code),
 * an unknown link, the intro, every question type (each also after a refused answer), the
 * thanks page, the closed page and the error page, at 390 and 1280 px. The renderer-level
 * checks (test/fieldwork/questionnaire/a11y.test.ts) cover both languages and the example.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structureHash, structureJson } from '../../../src/fieldwork/questionnaire/hash.js';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { serveField, type Serving } from '../../../src/fieldwork/server/serve.js';
import { createFieldStore, openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldStore } from '../../../src/fieldwork/store/types.js';
import { axeViolations, chromiumRequired, hasChromium, launch } from '../questionnaire/browser.js';
import { allTypesSpec, invalidInput } from '../questionnaire/fixture.js';

if (!hasChromium && !chromiumRequired) console.warn('served-page accessibility test skipped: no Chromium (set CHROMIUM_PATH or install chromium)');

const spec = allTypesSpec();
const during = Date.parse('2021-07-01T10:00:00Z');
const afterClosing = Date.parse('2021-09-30T10:00:00Z');
const widths = [390, 1280] as const;
/** Per width: werk = 1 routes to uren and reint, werk = 2 to belem; together every question page. */
const tokens = (w: number): string[] => [1, 2, 3, 4].map((i) => `token-${w}-${i}-abcdefghijklmnopqrstuvwxyz`);

interface Tab {
  readonly page: Page;
  /** CSP reports, script errors, and requests that left the server since the last check. */
  readonly problems: string[];
}

async function tab(browser: Browser, width: number): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript(axe.source); // through DevTools, so the page's own CSP does not block it
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (4|5)\d\d/.test(m.text())) problems.push(m.text());
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1')) problems.push(`external request ${r.url()}`);
  });
  return { page, problems };
}

/**
 * Sets form fields as a person would leave them: boxes and radios ticked by value, texts typed
 * (past maxlength too). A code no radio offers is put on the first radio, as a tampered form would.
 */
async function fill(page: Page, fields: Readonly<Record<string, string | readonly string[]>>): Promise<void> {
  const script = `((f) => {
    for (const [name, raw] of Object.entries(f)) {
      const values = typeof raw === 'string' ? [raw] : raw;
      const els = [...document.querySelectorAll('[name="' + name + '"]')];
      const choices = els.filter((el) => el.type === 'radio' || el.type === 'checkbox');
      if (choices.length > 0) {
        for (const el of choices) el.checked = values.includes(el.value);
        if (!choices.some((el) => el.checked)) Object.assign(choices[0], { value: values[0], checked: true });
      } else for (const el of els) el.value = values[0] ?? '';
    }
  })(${JSON.stringify(fields)})`;
  await page.evaluate(script);
}

describe.skipIf(!hasChromium && !chromiumRequired)('axe on the pages the server serves', () => {
  const folder = mkdtempSync(join(tmpdir(), 'spiegel-axe-served-'));
  let browser: Browser;
  let store: FieldStore;
  const servers: Serving[] = [];
  let open: Serving;
  let closed: Serving;
  let broken: Serving;

  beforeAll(async () => {
    browser = await launch();
    const location = { engine: 'sqlite', file: join(folder, 'alltypes.field.sqlite') } as const;
    const setup = await createFieldStore(location, { studyId: spec.study.id, wave: 2021, structureHash: structureHash(spec, 2021), structure: structureJson(spec, 2021), anonymous: false });
    await setup.addParticipants(
      widths.flatMap((w) => tokens(w).map((token, i) => ({ id: `p${w}-${i}`, token, loginCode: `ACDEFHJK${w}${i}`, test: false, register: {}, contact: {} }))),
    );
    await setup.close();
    store = await openFieldStore(location);
    const parts = questionnaireParts(spec, 2021);
    const serve = (now: number, s: FieldStore = store): Promise<Serving> => serveField({ store: s, parts, spec, port: 0, host: '127.0.0.1', now: () => now, log: () => undefined, logError: () => undefined });
    open = await serve(during);
    closed = await serve(afterClosing);
    // A store whose reads fail: the server answers with its error page.
    const failing = Object.assign(Object.create(store) as FieldStore, { response: async () => Promise.reject(new Error('the database went away')) });
    broken = await serve(during, failing);
    servers.push(open, closed, broken);
  }, 120_000);

  afterAll(async () => {
    for (const s of servers) await s.close();
    await store?.close();
    await browser?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  for (const width of widths) {
    it(`finds no violations at ${width} px on every question type, with errors, and every system page`, async () => {
      const t = await tab(browser, width);
      const found: Record<string, string[]> = {};
      const seen: string[] = [];
      const check = async (name: string): Promise<void> => {
        seen.push(name);
        const v = await axeViolations(t.page);
        const all = [...v.map((x) => `${x.id}: ${x.help} ${JSON.stringify(x.nodes.slice(0, 3).map((n) => n.target))}`), ...t.problems];
        t.problems.length = 0;
        if (all.length > 0) found[name] = all;
      };
      const [first, second, late, failing] = tokens(width);

      await t.page.goto(`${open.url}/login`);
      await check('login');
      await t.page.fill('input[name=code]', 'AAAA-AAAA');
      await t.page.click('button[type=submit]');
      expect(await t.page.locator('.error-summary').count()).toBe(1);
      await check('login with error');
      const unknown = await t.page.goto(`${open.url}/s/no-such-link-abcdefghijklmnopqrstuvwxyz`);
      expect(unknown?.status()).toBe(404);
      await check('invalid link');

      for (const [token, werk] of [[first, '1'], [second, '2']] as const) {
        await t.page.context().clearCookies();
        await t.page.goto(`${open.url}/s/${token}`);
        await check(`intro (werk ${werk})`);
        await t.page.click('a.button');
        for (let step = 0; step < 20 && (await t.page.locator('input[name=_revision]').count()) > 0; step++) {
          const id = new URL(t.page.url()).pathname.replace('/q/', '');
          await check(id);
          const bad = invalidInput[id];
          if (bad !== undefined && !seen.includes(`${id} with errors`)) {
            await fill(t.page, bad);
            await t.page.click('button[type=submit]');
            expect(await t.page.locator('.error-summary').count(), id).toBe(1);
            await check(`${id} with errors`);
            await t.page.goto(`${open.url}/q/${id}`); // as stored: empty again
          }
          if (id === 'werk') await fill(t.page, { werk });
          await t.page.click('button[type=submit]'); // empty answers: asked but skipped
        }
        expect(new URL(t.page.url()).pathname).toBe('/q/done');
        await check(`thanks (werk ${werk})`);
      }

      await t.page.context().clearCookies();
      const shut = await t.page.goto(`${closed.url}/s/${late}`);
      expect(shut?.status()).toBe(403);
      await check('closed');
      await t.page.context().clearCookies();
      const error = await t.page.goto(`${broken.url}/s/${failing}`);
      expect(error?.status()).toBe(500);
      await check('error');
      await t.page.context().close();

      const questionPages = ['werk', 'uren', 'belem', 'kanaal', 'reint', 'cijfer', 'caseload', 'suggestie'];
      for (const id of questionPages) expect(seen, id).toContain(id);
      for (const id of Object.keys(invalidInput)) expect(seen, id).toContain(`${id} with errors`);
      expect(found).toEqual({});
    }, 300_000);
  }
});
