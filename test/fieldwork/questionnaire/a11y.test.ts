import axe from 'axe-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildQuestionnaire, parsePage, renderPage, renderSystemPage } from '../../../src/fieldwork/questionnaire/index.js';
import type { Answers, FieldError, Language, SystemPageKind } from '../../../src/fieldwork/types.js';
import { axeViolations, chromiumRequired, hasChromium, launch, openHtml, viewer } from './browser.js';
import { loadSpec } from '../../../src/spec/load.js';
import { allTypesSpec, invalidInput as invalid, xssCorpus } from './fixture.js';

// Every question type and every system page, checked in headless Chromium: axe-core finds no
// WCAG 2.1 A/AA (or best-practice) violation at 390 and 1280 px, nothing scrolls sideways at
// 320 px, touch targets are at least 44 px high, and the CSP (no unsafe-inline) blocks nothing.
if (!hasChromium && !chromiumRequired) console.warn('questionnaire accessibility tests skipped: no Chromium (set CHROMIUM_PATH or install chromium)');

const spec = allTypesSpec();
const q = buildQuestionnaire(spec);
const answers: Answers = { werk: 3, werk_anders: 'Eigen bedrijf', kanaal: [1, 3], cijfer: 7, tijd_1: 40 };

function questionPages(language: Language): [string, string][] {
  const ql = language === q.language ? q : buildQuestionnaire(spec, q.wave, language);
  return ql.pages.flatMap((page, i): [string, string][] => {
    const base = { questionnaire: ql, page, csrfToken: 'csrf', action: `/q/${page.id}`, revision: 3, progress: { done: i, total: ql.pages.length } };
    const routed: Answers = { ...answers, werk: page.id === 'uren' || page.id === 'reint' ? 1 : 2 };
    const errors: readonly FieldError[] = parsePage(ql, page, invalid[page.id], language).errors;
    return [
      [`${language} ${page.id}`, renderPage({ ...base, answers: routed, errors: [], ...(i > 0 ? { back: `/q/${ql.pages[i - 1].id}` } : {}) })],
      [`${language} ${page.id} with errors`, renderPage({ ...base, answers: routed, errors, submitted: invalid[page.id] })],
    ];
  });
}

const kinds: SystemPageKind[] = ['intro', 'login', 'thanks', 'closed', 'stale', 'invalid', 'error'];
function systemPages(language: Language): [string, string][] {
  return [
    ...kinds.map((kind): [string, string] => [`${language} ${kind}`, renderSystemPage({ kind, spec, language, action: '/q', csrfToken: 'csrf' })]),
    [`${language} login with error`, renderSystemPage({ kind: 'login', spec, language, action: '/login', csrfToken: 'csrf', code: 'K7M-4X', error: language === 'nl' ? 'Deze code kennen wij niet.' : 'We do not know this code.' })],
  ];
}

const pages: [string, string][] = [...questionPages('nl'), ...systemPages('nl'), ...questionPages('en').filter(([n]) => !n.includes('errors')), ...systemPages('en')];

describe.skipIf(!hasChromium && !chromiumRequired)('questionnaire pages in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());

  it('the check itself finds violations in a bad page', async () => {
    const v = await viewer(browser, 390, { axeSource: axe.source });
    await v.show('<!DOCTYPE html><html><head><title>x</title></head><body><input type="radio" name="a"></body></html>');
    const ids = (await axeViolations(v.page)).map((x) => x.id);
    await v.close();
    expect(ids).toContain('html-has-lang');
    expect(ids).toContain('label');
  });

  for (const width of [390, 1280]) {
    it(`axe finds no violations at ${width} px on ${pages.length} pages (every question type, with errors, every system page)`, async () => {
      const found: Record<string, string[]> = {};
      const tab = await viewer(browser, width, { axeSource: axe.source });
      for (const [name, text] of pages) {
        await tab.show(text);
        const v = await axeViolations(tab.page);
        const all = [...v.map((x) => `${x.id}: ${x.help} ${JSON.stringify(x.nodes.slice(0, 3).map((n) => n.target))}`), ...tab.problems, ...tab.external];
        if (all.length > 0) found[name] = all;
      }
      await tab.close();
      expect(found).toEqual({});
    }, 180_000);
  }

  it('axe finds no violations on the 40 pages of the example questionnaire (report 1A) at 390 px', async () => {
    const example = buildQuestionnaire(loadSpec('examples/participatiewet-2021/study.yaml').spec);
    // answers that route to every question
    const routed: Answers = { duur: 1, zelf: 1, werk: 2, afspr_11: 0, steun_1: 1, ontv_1: 1, ontv_2: 1, ink: 1, vrijst: 1, boete: 1, voorz_1: 3, voorz_2: 3, bezwaar: 1, gespr: 1, hulp_8: 0, schuld_1: 1, shvcontact: 1, shvgebruik_1: 1 };
    const tab = await viewer(browser, 390, { axeSource: axe.source });
    const found: Record<string, string[]> = {};
    for (const page of example.pages) {
      await tab.show(renderPage({ questionnaire: example, page, answers: routed, errors: [], csrfToken: 'c', action: `/q/${page.id}`, revision: 0, progress: { done: page.index, total: example.pages.length }, back: '/q/x' }));
      const all = [...(await axeViolations(tab.page)).map((x) => x.id), ...tab.problems];
      if (all.length > 0) found[page.id] = all;
    }
    await tab.close();
    expect(example.pages).toHaveLength(40);
    expect(found).toEqual({});
  }, 120_000);

  it('at 320 px nothing scrolls sideways, and every choice, field and button is at least 44 px high', async () => {
    const found: Record<string, unknown> = {};
    const tab = await viewer(browser, 320);
    for (const [name, text] of pages) {
      await tab.show(text);
      const r = (await tab.page.evaluate(`(() => {
        const d = document.documentElement;
        const small = [...document.querySelectorAll('.choice, input[type=text], textarea, .button, .back')]
          .filter((e) => e.getBoundingClientRect().height < 44)
          .map((e) => e.className || e.id);
        const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > d.clientWidth + 0.5).map((e) => e.tagName + '.' + e.className);
        const styled = getComputedStyle(document.querySelector('.banner')).backgroundColor === 'rgb(29, 53, 87)';
        return { scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, small, wide: wide.slice(0, 5), styled };
      })()`)) as { scrollWidth: number; clientWidth: number; small: string[]; wide: string[]; styled: boolean };
      // styled: the stylesheet loaded under the CSP (else the sizes measured would be the browser's)
      if (r.scrollWidth > r.clientWidth || r.small.length > 0 || r.wide.length > 0 || !r.styled) found[name] = r;
    }
    await tab.close();
    expect(found).toEqual({});
  }, 120_000);

  it('pages work without JavaScript: the form posts every answer as typed', async () => {
    const page0 = q.pages.find((p) => p.id === 'belem')!;
    const text = renderPage({ questionnaire: q, page: page0, answers: { werk: 2 }, errors: [], csrfToken: 'c', action: '/q/belem', revision: 1, progress: { done: 2, total: 8 } });
    const { page } = await openHtml(browser, text, 390, false);
    let posted = '';
    await page.route('**/q/belem', (route) => {
      posted = route.request().postData() ?? '';
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>ok</title>' });
    });
    await page.check('#belem_1');
    await page.check('#belem_3'); // no script: nothing unticks, the server refuses the combination
    await page.click('button[type=submit]');
    await page.waitForURL('**/q/belem');
    await page.context().close();
    expect(new URLSearchParams(posted).toString()).toBe('_csrf=c&_revision=1&belem_1=1&belem_3=1');
  });

  it('with JavaScript, "Geen van deze" unticks the others and the reverse; typing at "Anders" chooses it', async () => {
    const belem = q.pages.find((p) => p.id === 'belem')!;
    const { page, problems } = await openHtml(browser, renderPage({ questionnaire: q, page: belem, answers: { werk: 2 }, errors: [], csrfToken: 'c', action: '/q/belem', revision: 1, progress: { done: 2, total: 8 } }), 390);
    await page.check('#belem_1');
    await page.check('#belem_2');
    await page.check('#belem_3');
    expect([await page.isChecked('#belem_1'), await page.isChecked('#belem_2'), await page.isChecked('#belem_3')]).toEqual([false, false, true]);
    await page.check('#belem_2');
    expect([await page.isChecked('#belem_2'), await page.isChecked('#belem_3')]).toEqual([true, false]);
    await page.context().close();
    const werk = q.pages.find((p) => p.id === 'werk')!;
    const o = await openHtml(browser, renderPage({ questionnaire: q, page: werk, answers: {}, errors: [], csrfToken: 'c', action: '/q/werk', revision: 0, progress: { done: 0, total: 8 } }), 390);
    await o.page.fill('#werk_anders', 'Eigen bedrijf');
    expect(await o.page.isChecked('#werk-3')).toBe(true);
    await o.page.context().close();
    const failed = parsePage(q, werk, { werk: '1', werk_anders: 'x' }).errors;
    const e = await openHtml(browser, renderPage({ questionnaire: q, page: werk, answers: {}, errors: failed, csrfToken: 'c', action: '/q/werk', revision: 0, progress: { done: 0, total: 8 } }), 390);
    expect(await e.page.evaluate("document.activeElement.className")).toBe('error-summary');
    await e.page.keyboard.press('Tab');
    await e.page.keyboard.press('Enter'); // the summary's link leads to the field
    expect(new URL(e.page.url()).hash).toBe('#werk_anders');
    await e.page.context().close();
    expect(problems).toEqual([]);
  });

  it('hostile labels and answers run no script and stay visible as text', async () => {
    for (const bad of xssCorpus) {
      const hostile = allTypesSpec((s) => `${s} ${bad}`);
      const hq = buildQuestionnaire(hostile);
      const werk = hq.pages[0];
      const text = renderPage({ questionnaire: hq, page: werk, answers: { werk: 3, werk_anders: bad }, errors: [{ variable: 'werk', message: bad }], submitted: { werk: '3', werk_anders: bad }, csrfToken: bad, action: '/q/werk', revision: 0, progress: { done: 0, total: 1 } });
      const { page, problems, external } = await openHtml(browser, text, 390);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const r = (await page.evaluate(`({ scripts: document.scripts.length, value: document.getElementById('werk_anders').value, legend: document.querySelector('legend').textContent, frames: document.querySelectorAll('iframe, img, svg, style').length })`)) as {
        scripts: number;
        value: string;
        legend: string;
        frames: number;
      };
      await page.context().close();
      const typed = bad.replace(/\u0000/g, '\ufffd');
      expect(r.scripts, bad).toBe(1);
      expect(r.frames, bad).toBe(0);
      expect(r.value, bad).toBe(typed);
      expect(r.legend, bad).toContain(typed);
      expect([...dialogs, ...problems, ...external], bad).toEqual([]);
    }
  }, 60_000);
});
