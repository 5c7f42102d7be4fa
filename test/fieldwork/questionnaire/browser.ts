/**
 * Static questionnaire pages in headless Chromium, as the server would send them: the HTML at
 * http://questionnaire.test/page, the stylesheet and script at their fixed paths, and the
 * server's Content-Security-Policy (no unsafe-inline), so a style or script the policy would
 * block shows up as a violation. No server is needed.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { questionnaireAssets } from '../../../src/fieldwork/questionnaire/index.js';
import { chromiumArgs, chromiumPath } from '../../../src/report/pdf.js';
import { chromiumAvailable } from '../../report/helpers.js';

export const ORIGIN = 'http://questionnaire.test';
export const CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export const hasChromium = await chromiumAvailable(chromiumPath());
export const chromiumRequired = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
}

export interface Viewer {
  readonly page: Page;
  /** Console messages about blocked content (CSP) and script errors since the last `show`. */
  readonly problems: string[];
  /** Requests outside the questionnaire's origin since the last `show`. */
  readonly external: string[];
  /** Loads `html` as the page at /page (a fresh navigation). */
  show(html: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * One browser tab at `width` px that shows page after page; `javaScript: false` is a browser
 * without scripts; `axeSource` is injected into every page through the DevTools protocol (so
 * the page's own CSP does not block it).
 */
export async function viewer(browser: Browser, width: number, options: { javaScript?: boolean; axeSource?: string } = {}): Promise<Viewer> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: options.javaScript ?? true });
  if (options.axeSource !== undefined) await context.addInitScript(options.axeSource);
  const page = await context.newPage();
  const problems: string[] = [];
  const external: string[] = [];
  let current = '';
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) {
      external.push(url.href);
      return route.abort();
    }
    const asset = questionnaireAssets.find((a) => a.path === url.pathname);
    if (asset) return route.fulfill({ status: 200, contentType: asset.contentType, body: asset.body });
    if (url.pathname === '/page') return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': CSP }, body: current });
    return route.fulfill({ status: 404, body: '' });
  });
  return {
    page,
    problems,
    external,
    async show(html: string) {
      current = html;
      problems.length = 0;
      external.length = 0;
      await page.goto(`${ORIGIN}/page`, { waitUntil: 'load' });
    },
    close: () => context.close(),
  };
}

/** One page in its own tab (see `viewer`). */
export async function openHtml(browser: Browser, html: string, width: number, javaScript = true): Promise<Viewer> {
  const v = await viewer(browser, width, { javaScript });
  await v.show(html);
  return v;
}

export interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core (WCAG 2.1 A/AA and best practices) on a page of a viewer made with `axeSource`. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const run =
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })" +
    '.then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))';
  return (await page.evaluate(run)) as Violation[];
}
