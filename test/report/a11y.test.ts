import axe from 'axe-core';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { chromiumArgs, chromiumPath } from '../../src/report/pdf.js';
import { hostileReport, sampleReport } from '../fixtures/report/sample-report.js';
import { chromiumAvailable } from './helpers.js';

// Accessibility of report.html, checked by axe-core (WCAG 2.1 A/AA and best practices) in
// headless Chromium, at a phone width and a desktop width. Required in CI (see pdf.test.ts).
const hasChromium = await chromiumAvailable(chromiumPath());
const required = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';
if (!hasChromium && !required) console.warn(`report.html accessibility test skipped: no Chromium at ${chromiumPath()}`);

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

describe.skipIf(!hasChromium && !required)('report.html accessibility (axe-core)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  afterAll(() => browser?.close());

  async function violations(html: string, width: number): Promise<Violation[]> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.addScriptTag({ content: axe.source });
      // A string expression: this project compiles without the DOM library.
      const run =
        "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })" +
        '.then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))';
      return (await page.evaluate(run)) as Violation[];
    } finally {
      await page.close();
    }
  }

  it('does find violations in a page known to be bad (the check itself works)', async () => {
    const bad = '<!DOCTYPE html><html><head><title>x</title></head><body><table><tr><th></th><td>1</td></tr></table></body></html>';
    const ids = (await violations(bad, 800)).map((v) => v.id);
    expect(ids).toContain('html-has-lang');
    expect(ids).toContain('empty-table-header');
  });

  it('has no violations on a phone', async () => {
    expect(await violations(renderHtml(sampleReport), 375)).toEqual([]);
  });

  it('has no violations on a desktop with hostile labels', async () => {
    expect(await violations(renderHtml(hostileReport()), 1280)).toEqual([]);
  });

  it('keeps every table on a phone inside the screen or inside its own scroll container, first column fixed', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await page.setContent(renderHtml(sampleReport), { waitUntil: 'load' });
      const check = `(() => {
        const vw = document.documentElement.clientWidth;
        const out = { vw, pageWidth: document.documentElement.scrollWidth, loose: [], notSticky: [], wide: 0 };
        for (const t of document.querySelectorAll('table')) {
          const box = t.closest('.scroll');
          const fits = t.getBoundingClientRect().width <= vw;
          const contained = box !== null && getComputedStyle(box).overflowX === 'auto' && box.getBoundingClientRect().right <= vw + 0.5;
          if (!fits && !contained) out.loose.push(t.querySelector('caption').textContent);
          if (!fits) {
            out.wide += 1;
            const th = t.querySelector('tbody th');
            if (th && getComputedStyle(th).position !== 'sticky') out.notSticky.push(t.querySelector('caption').textContent);
          }
        }
        return out;
      })()`;
      const r = (await page.evaluate(check)) as { vw: number; pageWidth: number; loose: string[]; notSticky: string[]; wide: number };
      expect(r.wide).toBeGreaterThan(0); // the check below is not empty
      expect(r.pageWidth).toBeLessThanOrEqual(r.vw);
      expect(r.loose).toEqual([]);
      expect(r.notSticky).toEqual([]);
      // The contents are folded on a phone: the first table is within two screens of the top.
      const firstTable = (await page.evaluate("document.querySelector('.table-block').getBoundingClientRect().top")) as number;
      expect(firstTable).toBeLessThan(2 * 844);
    } finally {
      await page.close();
    }
  });

  it('runs no script from hostile labels and loads no external resource', async () => {
    const page = await browser.newPage();
    try {
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.setContent(renderHtml(hostileReport()), { waitUntil: 'load' });
      await page.setContent(renderHtml(sampleReport), { waitUntil: 'load' });
      expect(dialogs).toEqual([]);
      // Self-contained: loading the report fetches nothing.
      expect(requests).toEqual([]);
      expect(await page.evaluate("document.querySelectorAll('script, img, iframe').length")).toBe(0);
    } finally {
      await page.close();
    }
  });
});
