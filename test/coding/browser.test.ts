/**
 * The new coding screens in headless Chromium: "Anders, namelijk" moves, the interviews, one
 * interview where a passage is selected (the script fills the positions in code points, the form
 * saves the fragment) and a topic's code report; no CSP violation on the way. Screenshots at 390
 * and 1280 px into SPIEGEL_SCREENS (default /work/notes/screens) as coding-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInterview } from '../../src/coding/interviews/import.js';
import { loadCodebook } from '../../src/coding/load-codebook.js';
import { codingRoutes } from '../../src/coding/server/routes.js';
import { interviewSet } from '../../src/coding/workspace/interviews.js';
import { moveQuestions } from '../../src/coding/workspace/moves.js';
import { spansOf } from '../../src/fieldwork/store/index.js';
import { chromiumArgs, chromiumPath } from '../../src/report/pdf.js';
import { loadSpec } from '../../src/spec/load.js';
import { type AdminServer, adminCookie, adminServer } from '../fieldwork/admin/login.js';
import { chromiumAvailable } from '../report/helpers.js';

const hasChromium = await chromiumAvailable(chromiumPath());
const screens = process.env.SPIEGEL_SCREENS ?? '/work/notes/screens';
if (!hasChromium) console.warn(`coding browser test: skipped, no Chromium at ${chromiumPath()}`);
const fixtures = 'test/fixtures/coding/interviews';

describe.skipIf(!hasChromium && process.env.SPIEGEL_REQUIRE_CHROMIUM !== '1')('the coding screens in a browser', () => {
  let s: AdminServer;
  let base: string;
  beforeAll(async () => {
    const moves = await moveQuestions(loadSpec('test/fixtures/coding/moves/study.yaml'));
    const documents = await Promise.all(['regio-noord.md', 'regio-zuid.md'].map((f) => readInterview(join(fixtures, f))));
    const interviews = interviewSet(loadCodebook(join(fixtures, 'onderwerpen.codebook.yaml')), documents, join(fixtures, 'codings.csv'));
    s = await adminServer({ server: { extraRoutes: [(app) => codingRoutes(app, { questions: [], moves, interviews })] } });
    s.clock.ms = Date.now();
    base = await s.app.listen({ port: 0, host: '127.0.0.1' });
    mkdirSync(screens, { recursive: true });
  });
  afterAll(async () => s?.close());

  it('moves, codes a selected passage in code points, reports a topic; nothing blocked by the CSP', async () => {
    const coder = await adminCookie(s.db, 'coder', { username: 'ans', now: s.clock.ms });
    const [name, value] = coder.cookie.split('=');
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    try {
      for (const width of [390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        await context.addCookies([{ name, value, url: `${base}/admin` }]);
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('console', (m) => {
          if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
        });
        await page.goto(`${base}/admin/code`);
        await page.screenshot({ path: join(screens, `coding-overview-moves-${width}.png`), fullPage: true });
        await page.goto(`${base}/admin/code-anders/overleg_bc`);
        if (width === 390) {
          await page.selectOption('#move-0-to', '2');
          await Promise.all([page.waitForURL(/#move-0$/), page.click('#move-0 button[type=submit]:not([name])')]);
          expect(await page.textContent('#move-0')).toContain('moved to “Portefeuillehoudersoverleg”');
        }
        await page.screenshot({ path: join(screens, `coding-anders-${width}.png`), fullPage: true });
        await page.goto(`${base}/admin/code-interviews`);
        await page.screenshot({ path: join(screens, `coding-interviews-${width}.png`), fullPage: true });
        await page.goto(`${base}/admin/code-interviews/d/regio-noord`);
        if (width === 390) {
          // Select "en we zien elkaar elke week" as a person would with the mouse (after the emoji).
          // (a string: the test is compiled without the DOM types)
          await page.evaluate(`(() => {
            const el = document.getElementById('interview-text');
            const node = el.firstChild;
            const from = node.textContent.indexOf('en we zien elkaar elke week');
            const range = document.createRange();
            range.setStart(node, from);
            range.setEnd(node, from + 'en we zien elkaar elke week'.length);
            window.getSelection().removeAllRanges();
            window.getSelection().addRange(range);
          })()`);
          await page.waitForFunction(`document.getElementById('start').value !== ''`);
          expect(await page.inputValue('#start')).toBe('69');
          expect(await page.inputValue('#end')).toBe('96');
          expect(await page.textContent('#fragment-preview')).toContain('en we zien elkaar elke week');
          await page.check('#new-0');
          await Promise.all([page.waitForURL(/#f-69-96-ans$/), page.click('#fragment-form button[type=submit]')]);
          expect((await spansOf(s.db, 'onderwerpen')).map((x) => [x.start, x.end, x.text, x.codes])).toEqual([[69, 96, 'en we zien elkaar elke week', ['samenwerking']]]);
        }
        await page.screenshot({ path: join(screens, `coding-interview-${width}.png`), fullPage: true });
        await page.goto(`${base}/admin/code-interviews/topic/samenwerking?by=regio`);
        await page.screenshot({ path: join(screens, `coding-topic-${width}.png`), fullPage: true });
        await context.close();
        expect(problems).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  });
});
