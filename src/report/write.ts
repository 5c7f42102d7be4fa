/**
 * Writing a report directory atomically: every requested format is rendered into a temporary
 * file inside the output directory, and the files are renamed into place only when all of them
 * succeeded, then the manifest (spiegel-manifest.json) is written. A failing renderer (Chromium
 * missing, disk full, a bug) leaves the output directory as it was: no half-finished report files.
 */
import { writeFile } from 'node:fs/promises';
import { InvalidInputError } from '../errors.js';
import { type FolderFile, writeFolder } from '../files/index.js';
import type { Report } from '../tables/model.js';
import { renderHtml } from './html.js';

export type ReportFormat = 'html' | 'xlsx' | 'docx' | 'pdf' | 'json';
export const reportFormats: readonly ReportFormat[] = ['html', 'xlsx', 'docx', 'pdf', 'json'];

/** The file each format writes. */
export const reportFileNames: Readonly<Record<ReportFormat, string>> = {
  html: 'report.html',
  xlsx: 'tables.xlsx',
  docx: 'report.docx',
  pdf: 'report.pdf',
  json: 'tables.json',
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
  json: async (report, path) => (await import('./json.js')).renderJson(report, path),
};

export interface WriteReportOptions {
  /** Called after each format is rendered (for a progress bar). */
  readonly onFormat?: (format: ReportFormat, done: number, total: number) => void;
  /** Replacement renderers, by format. */
  readonly renderers?: Partial<Record<ReportFormat, FormatRenderer>>;
}

/**
 * Render `formats` of a report into `outDir` (created when missing); returns the paths
 * written. The output rule's folder writer (src/files) builds every file as a temporary file in
 * `outDir` itself (so a mount point works), renames them only when all succeeded, and writes
 * spiegel-manifest.json last; a rerun removes the files of the previous run it does not write
 * again and nothing else. On any failure no file in `outDir` is created or replaced.
 */
export async function writeReport(
  report: Report,
  outDir: string,
  formats: readonly ReportFormat[] = reportFormats,
  options: WriteReportOptions = {},
): Promise<string[]> {
  const html = renderHtml(report);
  const files: FolderFile[] = formats.map((format) => ({
    name: reportFileNames[format],
    write: (path) => (options.renderers?.[format] ?? defaultRenderers[format])(report, path, html),
  }));
  const byName = new Map(formats.map((f) => [reportFileNames[f], f]));
  return writeFolder(outDir, files, {
    writtenBy: 'spiegel report',
    onFile: (name, done, total) => options.onFormat?.(byName.get(name)!, done, total),
  });
}
