/**
 * report.pdf: the HTML report printed by headless Chromium through playwright-core, so the
 * PDF is exactly the print layout of report.html (A4, print CSS). Chromium is found at
 * $SPIEGEL_CHROMIUM or /usr/bin/chromium; when it is missing the error says how to install it.
 */
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { SpiegelError } from '../errors.js';
import type { Report, Table } from '../tables/model.js';
import { escapeHtml as esc } from './escape.js';
import { formatN, tableLabel, titleNText, wordsFor } from './format.js';
import { renderHtml } from './html.js';
import { destinationPages, fixOutlineTitles } from './pdf-structure.js';

/** Flags for a headless Chromium that stays off the network and out of the user's profile. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium executable to use: $SPIEGEL_CHROMIUM, else /usr/bin/chromium. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.SPIEGEL_CHROMIUM && env.SPIEGEL_CHROMIUM.length > 0 ? env.SPIEGEL_CHROMIUM : '/usr/bin/chromium';
}

/** The path of a runnable Chromium, or a REPORT error that says how to get one. */
export async function findChromium(path: string = chromiumPath(), what = 'report.pdf'): Promise<string> {
  try {
    await access(path, constants.X_OK);
    return path;
  } catch {
    throw new SpiegelError(
      'REPORT',
      `cannot write ${what}: Chromium was not found at ${path}. Install it (Debian/Ubuntu: ` +
        '"sudo apt-get install chromium") or set SPIEGEL_CHROMIUM to the path of a Chromium or Chrome ' +
        (what === 'report.pdf' ? 'executable, or leave pdf out with --formats html,xlsx,docx.' : 'executable.'),
      { file: path },
    );
  }
}

/** What a printed page carries besides the document: the running header and the page numbers. */
export interface PrintFrame {
  /** Running header text (the report's title). */
  readonly header: string;
  /** Footer with the page number, given Chromium's page-number and page-count markup. */
  readonly footer: (page: string, pages: string) => string;
}

function frameTemplates(frame: PrintFrame): { headerTemplate: string; footerTemplate: string } {
  const style = 'font-family: system-ui, Arial, sans-serif; font-size: 8pt; color: #444; width: 100%; margin: 0 15mm;';
  return {
    headerTemplate: `<div style="${style} border-bottom: 0.5pt solid #999; padding-bottom: 1mm;">${esc(frame.header)}</div>`,
    footerTemplate: `<div style="${style} text-align: right;">${frame.footer('<span class="pageNumber"></span>', '<span class="totalPages"></span>')}</div>`,
  };
}

/**
 * Print HTML to PDF bytes: A4 (the CSS @page size), tagged for accessibility, with bookmarks
 * from the headings (sections and table captions) and, when a frame is given, a running
 * header and page numbers.
 */
export async function printPdf(page: Page, html: string, frame?: PrintFrame): Promise<Uint8Array> {
  await page.setContent(html, { waitUntil: 'load' });
  const templates = frame === undefined ? {} : { displayHeaderFooter: true, ...frameTemplates(frame) };
  return page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, outline: true, tagged: true, ...templates });
}

/**
 * Run `use` with a page of a fresh headless Chromium, closed afterwards. `what` names the file
 * being made, for the error when Chromium is missing or does not start.
 */
export async function withPage<T>(executablePath: string | undefined, use: (page: Page) => Promise<T>, what = 'report.pdf'): Promise<T> {
  const exe = await findChromium(executablePath ?? chromiumPath(), what);
  // Loaded here, not at the top: playwright-core is slow to import and only PDFs need it.
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath: exe, args: chromiumArgs });
  } catch (err) {
    throw new SpiegelError('REPORT', `cannot write ${what}: Chromium at ${exe} did not start (${(err as Error).message.split('\n')[0]})`, { file: exe });
  }
  try {
    return await use(await browser.newPage());
  } finally {
    await browser.close();
  }
}

/** Print HTML to a PDF file with headless Chromium (one pass, no page numbers in contents). */
export async function printHtmlToPdf(html: string, path: string, executablePath?: string): Promise<void> {
  await withPage(executablePath, async (page) => writeFile(path, await printPdf(page, html)));
}

/** The bookmark titles Chromium should have written: section headings and table captions. */
function outlineTitles(report: Report): string[] {
  const locale = report.locale;
  const out = [report.title, wordsFor(locale).contents];
  for (const s of report.sections) {
    out.push(s.heading);
    for (const b of s.blocks) {
      if (b.type === 'table') out.push(captionHeading(b.table, locale));
      else if (b.type === 'topic' || b.type === 'answers') out.push(b.title);
    }
  }
  return out;
}

/** The caption's heading text as the HTML prints it (title with its footnote mark, then N). */
function captionHeading(table: Table, locale: string): string {
  const n = titleNText(table, locale);
  return `${tableLabel(table, locale)} ${table.title}${n}`;
}

/**
 * Write report.pdf for a report in two passes: the first finds the page of every section and
 * table (from the PDF's named destinations), the second prints the contents list with those
 * page numbers. Both passes lay out the same, since a page number takes the room of its
 * placeholder; if a number still moved, a third pass settles it.
 */
export async function renderPdf(report: Report, path: string, executablePath?: string): Promise<void> {
  const words = wordsFor(report.locale);
  const frame: PrintFrame = { header: report.title, footer: words.pageOf };
  const pdf = await withPage(executablePath, async (page) => {
    let bytes = await printPdf(page, renderHtml(report, { print: true }), frame);
    for (let pass = 0; pass < 2; pass++) {
      const pages = destinationPages(bytes);
      if (pages.size === 0) break;
      const next = await printPdf(page, renderHtml(report, { pageNumbers: pages }), frame);
      const settled = sameEntries(destinationPages(next), pages);
      bytes = next;
      if (settled) break;
    }
    return fixOutlineTitles(bytes, outlineTitles(report));
  });
  await writeFile(path, pdf);
}

function sameEntries(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}
