/**
 * The dashboard in headless Chromium over a store of a few hundred simulated responses
 * (./simulated-store.ts) on the example questionnaire: a researcher's and a fieldwork manager's
 * view at 390 and 1280 px, screenshots into /work/notes/screens/ (SPIEGEL_SCREENS overrides) for
 * a person to look at; nothing the CSP blocks, nothing wider than a phone, no axe violations.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { chromiumArgs, chromiumPath } from '../../../src/report/pdf.js';
import { FieldworkSpec } from '../../../src/spec/fieldwork.js';
import { loadSpec } from '../../../src/spec/load.js';
import { chromiumAvailable } from '../../report/helpers.js';
import { adminCookie, adminServer, type AdminServer } from '../admin/login.js';
import { axeViolations } from '../questionnaire/browser.js';
import { fillSimulated, TARGETS } from './simulated-store.js';

const hasChromium = await chromiumAvailable(chromiumPath());
const required = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';
if (!hasChromium && !required) console.warn(`dashboard browser test skipped: no Chromium at ${chromiumPath()}`);
const screens = process.env.SPIEGEL_SCREENS ?? '/work/notes/screens';

describe.skipIf(!hasChromium && !required)('the dashboard in a browser', () => {
  let s: AdminServer;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    const example = loadSpec('examples/participatiewet-2021/study.yaml').spec;
    const spec = { ...example, fieldwork: FieldworkSpec.parse({ mode: 'personal', wave: 2021, registerColumns: ['regio'], targets: { column: 'regio', completes: TARGETS } }) };
    const parts = questionnaireParts(spec, 2021);
    s = await adminServer({ server: { parts, now: () => Date.parse('2021-07-13T10:00:00Z') } });
    await fillSimulated(s.store, parts.questionnaire.pages.length);
    base = await s.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    mkdirSync(screens, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  for (const role of ['researcher', 'fieldwork-manager'] as const) {
    for (const width of [390, 1280]) {
      it(`shows the ${role}'s view at ${width} px without blocked content, sideways scrolling or axe violations`, async () => {
        const { cookie } = await adminCookie(s.db, role);
        const [name, value] = cookie.split('=');
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        await context.addCookies([{ name, value, url: `${base}/admin` }]);
        await context.addInitScript(axe.source);
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => {
          // A failed load is reported with its address by the response listener below.
          if ((m.type() === 'error' && !m.text().startsWith('Failed to load resource')) || /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
        });
        page.on('response', (res) => {
          // The browser asks for /favicon.ico by itself; the server has none (a 404 is right there).
          if (res.status() >= 400 && new URL(res.url()).pathname !== '/favicon.ico') problems.push(`${res.status()} ${res.url()}`);
        });
        try {
          const r = await page.goto(`${base}/admin`, { waitUntil: 'load' });
          expect(r?.status()).toBe(200);
          await page.screenshot({ path: join(screens, `dashboard-${role === 'researcher' ? 'researcher' : 'manager'}-${width}.png`), fullPage: true });
          // Views a person looks at: the top of the page and each section, one screen each.
          const tag = `${role === 'researcher' ? 'researcher' : 'manager'}-${width}`;
          await page.screenshot({ path: join(screens, `dashboard-${tag}-top.png`) });
          for (const id of role === 'researcher' ? ['per-day', 'per-stratum', 'break-off', 'completion-time'] : ['per-day']) {
            const y = (await page.locator(`#${id}`).boundingBox())!.y;
            await page.screenshot({ path: join(screens, `dashboard-${tag}-${id}.png`), clip: { x: 0, y, width, height: 900 }, fullPage: true });
          }
          expect(problems).toEqual([]);
          expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(width);
          expect((await axeViolations(page)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
