/**
 * report.pdf: the HTML report printed by headless Chromium through playwright-core, so the
 * PDF is exactly the print layout of report.html (A4, print CSS). Chromium is found at
 * $SPIEGEL_CHROMIUM or /usr/bin/chromium; when it is missing the error says how to install it.
 */
import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { SpiegelError } from '../errors.js';
import type { Report } from '../tables/model.js';
import { renderHtml } from './html.js';

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
export async function findChromium(path: string = chromiumPath()): Promise<string> {
  try {
    await access(path, constants.X_OK);
    return path;
  } catch {
    throw new SpiegelError(
      'REPORT',
      `cannot write report.pdf: Chromium was not found at ${path}. Install it (Debian/Ubuntu: ` +
        '"sudo apt-get install chromium") or set SPIEGEL_CHROMIUM to the path of a Chromium or Chrome ' +
        'executable, or leave pdf out with --formats html,xlsx,docx.',
      { file: path },
    );
  }
}

/** Print HTML to a PDF file with headless Chromium. */
export async function printHtmlToPdf(html: string, path: string, executablePath?: string): Promise<void> {
  const exe = await findChromium(executablePath ?? chromiumPath());
  // Loaded here, not at the top: playwright-core is slow to import and only PDFs need it.
  const { chromium } = await import('playwright-core');
  let browser;
  try {
    browser = await chromium.launch({ executablePath: exe, args: chromiumArgs });
  } catch (err) {
    throw new SpiegelError('REPORT', `cannot write report.pdf: Chromium at ${exe} did not start (${(err as Error).message.split('\n')[0]})`, { file: exe });
  }
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await writeFile(path, pdf);
  } finally {
    await browser.close();
  }
}

/** Write report.pdf for a report. */
export async function renderPdf(report: Report, path: string, executablePath?: string): Promise<void> {
  await printHtmlToPdf(renderHtml(report), path, executablePath);
}
