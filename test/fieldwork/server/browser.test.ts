/**
 * The served questionnaire in headless Chromium: the example questionnaire of
 * examples/participatiewet-2021 completed with the keyboard alone (Tab, Space, typing, Enter),
 * and screenshots of real served pages at 390 and 1280 px, with and without JavaScript, into
 * /work/notes/screens/fieldserver/ (SPIEGEL_SCREENS overrides) for a person to look at.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { structureHash, structureJson } from '../../../src/fieldwork/questionnaire/hash.js';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { serveField, type Serving } from '../../../src/fieldwork/server/serve.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldStore } from '../../../src/fieldwork/store/types.js';
import { chromiumArgs, chromiumPath } from '../../../src/report/pdf.js';
import { loadSpec } from '../../../src/spec/load.js';
import { chromiumAvailable } from '../../report/helpers.js';

const hasChromium = await chromiumAvailable(chromiumPath());
const required = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';
if (!hasChromium && !required) console.warn(`field server browser test skipped: no Chromium at ${chromiumPath()}`);
const screens = process.env.SPIEGEL_SCREENS ?? '/work/notes/screens/fieldserver';

interface Focused {
  tag: string;
  type: string;
  name: string;
  other: boolean;
  value: string;
}
const FOCUSED =
  "(() => { const e = document.activeElement; return e ? { tag: e.tagName.toLowerCase(), type: (e.getAttribute('type') || '').toLowerCase(), name: e.getAttribute('name') || '', other: e.hasAttribute('data-other-for'), value: e.value || '' } : null })()";

describe.skipIf(!hasChromium && !required)('the questionnaire in a browser', () => {
  let dir: string;
  let store: FieldStore;
  let serving: Serving;
  let browser: Browser;
  const tokens = Array.from({ length: 6 }, (_, i) => `browser-token-${i}-0123456789abcdef`);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spiegel-browser-'));
    const spec = loadSpec('examples/participatiewet-2021/study.yaml').spec;
    store = await createFieldStore({ engine: 'sqlite', file: join(dir, 'study.field.sqlite') }, {
      studyId: spec.study.id,
      wave: 2021,
      structureHash: structureHash(spec, 2021),
      structure: structureJson(spec, 2021),
      anonymous: false,
    });
    await store.addParticipants(tokens.map((token, i) => ({ id: `b${i}`, token, loginCode: `ACDEFHJK${i}`, test: false, register: {}, contact: {} })));
    serving = await serveField({ store, parts: questionnaireParts(spec, 2021), spec, port: 0, host: '127.0.0.1', log: () => undefined });
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    mkdirSync(screens, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await serving?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Tabs through the form: the first choice of each group, '1' in number fields, a sentence in text areas; Enter on the button. */
  async function answerByKeyboard(page: Page, clear: boolean): Promise<void> {
    const chosen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      await page.keyboard.press('Tab');
      const f = (await page.evaluate(FOCUSED)) as Focused | null;
      if (f === null) continue;
      if (f.tag === 'button') {
        await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
        return;
      }
      if ((f.type === 'radio' || f.type === 'checkbox') && !chosen.has(f.name)) {
        chosen.add(f.name);
        if (!clear) await page.keyboard.press('Space');
      } else if ((f.tag === 'input' && f.type === 'text' && !f.other) || f.tag === 'textarea') {
        if (f.value !== '') {
          await page.keyboard.press('Control+A');
          await page.keyboard.press('Backspace');
        }
        if (!clear) await page.keyboard.type(f.tag === 'textarea' ? 'Het contact was prima.' : '1');
      }
    }
    throw new Error(`no submit button reached on ${page.url()}`);
  }

  it('completes the example questionnaire with the keyboard alone', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${serving.url}/s/${tokens[0]}`);
      expect(new URL(page.url()).pathname).toBe('/q'); // the token left the address bar
      // Intro: the start link is reached with Tab and followed with Enter.
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        const f = (await page.evaluate(FOCUSED)) as Focused | null;
        if (f?.tag === 'a' && (await page.evaluate('document.activeElement.getAttribute("href")')) !== null && String(await page.evaluate('document.activeElement.getAttribute("href")')).startsWith('/q/')) break;
      }
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      let pages = 0;
      while (new URL(page.url()).pathname !== '/q/done' && pages < 120) {
        const before = page.url();
        await answerByKeyboard(page, false);
        if (page.url() === before) await answerByKeyboard(page, true); // a validation message: leave the fields empty
        pages++;
      }
      expect(new URL(page.url()).pathname).toBe('/q/done');
      await page.screenshot({ path: join(screens, 'keyboard-thanks-1280.png'), fullPage: true });
      const p = await store.participantByToken(tokens[0]!);
      const stored = await store.response(p!.responseId!);
      expect(stored!.status).toBe('complete');
      expect(Object.keys(stored!.answers).length).toBeGreaterThan(10);
    } finally {
      await page.close();
    }
  }, 240_000);

  for (const [k, width, js] of [
    [1, 390, true],
    [2, 390, false],
    [3, 1280, true],
    [4, 1280, false],
  ] as const) {
    it(`screenshots at ${width} px ${js ? 'with' : 'without'} JavaScript; nothing scrolls sideways`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: js });
      const page = await context.newPage();
      const tag = `${width}-${js ? 'js' : 'nojs'}`;
      const shot = async (name: string): Promise<void> => {
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
        expect(overflow, `${name} at ${width} px scrolls sideways`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(screens, `${name}-${tag}.png`), fullPage: true });
      };
      try {
        await page.goto(`${serving.url}/login`);
        await page.fill('#code', 'AAA-BBB-CCC');
        await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
        await shot('login-error');
        await page.goto(`${serving.url}/s/not-a-valid-token`);
        await shot('invalid');
        await page.goto(`${serving.url}/s/${tokens[k]}`);
        await shot('intro');
        await Promise.all([page.waitForNavigation(), page.click('a.button')]);
        // duur → zelf → aanvr (a grid) → werk …: the first choice of every group.
        for (let n = 0; n < 5; n++) {
          const id = new URL(page.url()).pathname.split('/').pop()!;
          await shot(`page-${n + 1}-${id}`);
          for (const name of (await page.evaluate("[...new Set([...document.querySelectorAll('input[type=radio],input[type=checkbox]')].map((e) => e.name))]")) as string[]) {
            await page.check(`input[name="${name}"] >> nth=0`);
          }
          await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
        }
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});
