/**
 * Writing a report directory atomically: every requested format is rendered into a temporary
 * directory next to the output directory, and the files are moved into place only when all
 * of them succeeded. A failing renderer (Chromium missing, disk full, a bug) leaves the output
 * directory as it was: no half-finished report files.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidInputError, SpiegelError } from '../errors.js';
import type { Report } from '../tables/model.js';
import { renderHtml } from './html.js';

export type ReportFormat = 'html' | 'xlsx' | 'docx' | 'pdf';
export const reportFormats: readonly ReportFormat[] = ['html', 'xlsx', 'docx', 'pdf'];

/** The file each format writes. */
export const reportFileNames: Readonly<Record<ReportFormat, string>> = {
  html: 'report.html',
  xlsx: 'tables.xlsx',
  docx: 'report.docx',
  pdf: 'report.pdf',
};

/** Parse "html,xlsx" into formats; an unknown name is an error that lists the known ones. */
export function parseFormats(list: string, field = '--formats'): ReportFormat[] {
  const names = list.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s.length > 0);
  if (names.length === 0) throw new InvalidInputError(`no report format given; choose from ${reportFormats.join(', ')}`, { field });
  const out: ReportFormat[] = [];
  for (const name of names) {
    if (!(reportFormats as readonly string[]).includes(name)) {
      throw new InvalidInputError(`unknown report format "${name}"; choose from ${reportFormats.join(', ')}`, { field });
    }
    if (!out.includes(name as ReportFormat)) out.push(name as ReportFormat);
  }
  return out;
}

/** One renderer: writes its file at `path`. Tests replace one to check atomicity. */
export type FormatRenderer = (report: Report, path: string, html: string) => Promise<void>;

// exceljs, docx and playwright-core take about a second to load: each is imported only when its
// format is written, so the other commands and `--format terminal` start fast.
export const defaultRenderers: Readonly<Record<ReportFormat, FormatRenderer>> = {
  html: (_report, path, html) => writeFile(path, html, 'utf8'),
  xlsx: async (report, path) => (await import('./xlsx.js')).renderXlsx(report, path),
  docx: async (report, path) => (await import('./docx.js')).renderDocx(report, path),
  pdf: async (report, path) => (await import('./pdf.js')).renderPdf(report, path),
};

export interface WriteReportOptions {
  /** Called after each format is rendered (for a progress bar). */
  readonly onFormat?: (format: ReportFormat, done: number, total: number) => void;
  /** Replacement renderers, by format. */
  readonly renderers?: Partial<Record<ReportFormat, FormatRenderer>>;
}

/**
 * Render `formats` of a report into `outDir` (created when missing); returns the paths
 * written. All or nothing: on any failure no file in `outDir` is created or replaced.
 */
export async function writeReport(
  report: Report,
  outDir: string,
  formats: readonly ReportFormat[] = reportFormats,
  options: WriteReportOptions = {},
): Promise<string[]> {
  const target = resolve(outDir);
  const parent = dirname(target);
  try {
    await mkdir(parent, { recursive: true });
  } catch (err) {
    throw new SpiegelError('IO', `cannot create the directory ${parent}: ${(err as Error).message}`, { file: parent });
  }
  const staging = await mkdtemp(join(parent, `.${basename(target)}.spiegel-`));
  try {
    const html = renderHtml(report);
    let done = 0;
    for (const format of formats) {
      const render = options.renderers?.[format] ?? defaultRenderers[format];
      await render(report, join(staging, reportFileNames[format]), html);
      done += 1;
      options.onFormat?.(format, done, formats.length);
    }
    await mkdir(target, { recursive: true });
    const written: string[] = [];
    // Same parent directory, so each rename is atomic on one file system.
    for (const format of formats) {
      const to = join(target, reportFileNames[format]);
      await rename(join(staging, reportFileNames[format]), to);
      written.push(to);
    }
    return written;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
