/**
 * `spiegel report STUDY.yaml --out DIR`: runs the study (spec → data → weights → tables) and
 * writes report.html, tables.xlsx, report.docx and report.pdf, all or nothing: a run that
 * fails leaves no half-finished report files. `--format terminal` prints the tables instead.
 */
import { join } from 'node:path';
import { InvalidInputError, SpiegelError, UsageError } from '../errors.js';
import { findChromium } from '../report/pdf.js';
import { ProgressBar } from '../report/progress.js';
import { renderText } from '../report/terminal.js';
import { parseFormats, reportFileNames, reportFormats, writeReport, type ReportFormat } from '../report/write.js';
import { runStudy } from '../study/index.js';
import type { Report } from '../tables/model.js';
import { checkFolderFiles, checkOutputs, MANIFEST_NAME } from '../files/index.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';

const help = `Usage: spiegel report STUDY.yaml --out DIR [--formats html,xlsx,docx,pdf,json] [--locale nl-NL]
       spiegel report STUDY.yaml --format terminal

Runs the study and writes the report into DIR:
  report.html   one self-contained, accessible page with numbered tables and charts
  tables.xlsx   an index sheet and one sheet per table; numbers stored as numbers
  report.docx   Word document with real tables and captions, to write the text around
  report.pdf    report.html printed by headless Chromium (/usr/bin/chromium or $SPIEGEL_CHROMIUM)
  tables.json   every table with each cell's printed and unrounded estimate, SE, CI, n,
                weighted N and mark (docs/study-spec.md, "tables.json")
  spiegel-manifest.json   written last: the files of this run, marking DIR complete
Files are written only when every format succeeded; otherwise DIR is left as it was. A rerun
removes the files of the previous run's manifest that it does not write again, and nothing else;
it refuses to replace a file that spiegel did not write there or that was edited since.

Options:
  --out DIR          directory to write the report into (created when missing)
  --formats LIST     comma-separated formats to write (default: ${reportFormats.join(',')};
                     without --formats, pdf is left out with a note when Chromium is not installed)
  --locale LOCALE    number formatting and words: nl-NL ("6,5", "4.000", "Tabel") or en-GB
  --format terminal  print the tables as plain text instead of writing files
  --json             print the written files as JSON

Example:
  spiegel report examples/participatiewet-2021/study.yaml --out out --formats html,xlsx
`;

/** Runs a study spec into a report; the CLI uses src/study's runStudy, tests pass their own. */
export type StudyRunner = (
  specPath: string,
  options: { onProgress?: (done: number, total: number, label: string) => void; onWarning?: (message: string) => void },
) => Promise<Report>;

function checkLocale(locale: string): string {
  try {
    const [canonical] = Intl.getCanonicalLocales(locale);
    if (canonical === undefined) throw new RangeError('empty');
    return canonical;
  } catch {
    throw new InvalidInputError(`"${locale}" is not a locale; use e.g. nl-NL or en-GB`, { field: '--locale' });
  }
}

/** A system error (missing file, no permission) as an error the CLI prints without a stack. */
function asSpiegelError(err: unknown): unknown {
  if (err instanceof SpiegelError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e !== null && typeof e === 'object' && typeof e.code === 'string' && typeof e.message === 'string') {
    return new SpiegelError('IO', e.message, e.path !== undefined ? { file: e.path } : {});
  }
  return err;
}

export function createReportCommand(run: StudyRunner): Command {
  return {
    name: 'report',
    help,
    async run(args: string[], io: CommandIO): Promise<number> {
      const parsed = parseCommandArgs(
        args,
        {
          out: { type: 'string' },
          formats: { type: 'string' },
          format: { type: 'string' },
          locale: { type: 'string' },
          json: { type: 'boolean' },
        },
        { allowPositionals: true },
      );
      const { values, positionals } = parsed;
      if (positionals.length !== 1) throw new UsageError('give exactly one study spec, e.g. spiegel report study.yaml --out out');
      const specPath = positionals[0]!;
      const terminal = values.format !== undefined;
      if (terminal && values.format !== 'terminal') {
        throw new InvalidInputError(`unknown --format "${values.format}"; the only one is "terminal" (for files use --formats)`, { field: '--format' });
      }
      if (!terminal && values.out === undefined) throw new UsageError('--out DIR is required (or --format terminal to print the tables)');
      let formats: ReportFormat[] = terminal ? [] : parseFormats(values.formats ?? reportFormats.join(','));
      const locale = values.locale === undefined ? undefined : checkLocale(values.locale);
      if (formats.includes('pdf')) {
        try {
          // Fail before the (long) study run when the PDF cannot be printed.
          await findChromium();
        } catch (err) {
          // Asked for explicitly: an error. By default: the other formats still help the researcher.
          if (values.formats !== undefined) throw err;
          formats = formats.filter((f) => f !== 'pdf');
          io.err(`note: report.pdf is not written: ${(err as Error).message.replace(/^[^:]*: /, '')}\n`);
        }
      }
      // Word's charts are drawn by Chromium too; without it report.docx is still written, without charts.
      const docxCharts = !formats.includes('docx') || (await findChromium(undefined, 'the charts of report.docx').then(() => true, (err: Error) => {
        io.err(`note: report.docx is written without charts: ${err.message.replace(/^.*?report\.docx: /, '')}\n`);
        return false;
      }));

      if (!terminal) {
        // The output rule: no report file may be the spec itself (a link named report.html, say).
        const names = [...formats.map((f) => reportFileNames[f]), MANIFEST_NAME];
        await checkOutputs([{ path: specPath, role: 'the study spec' }], names.map((n) => ({ path: join(values.out!, n), role: `the report file ${n}` })));
        await checkFolderFiles(values.out!, names.filter((n) => n !== MANIFEST_NAME));
      }
      const bar = new ProgressBar(io);
      try {
        let studySteps = 1;
        const warnings: string[] = [];
        const study = await run(specPath, {
          onProgress: (done, total, label) => {
            studySteps = total;
            bar.update(done, total + formats.length, label);
          },
          onWarning: (message) => warnings.push(message),
        });
        // after the bar, so a warning is not overwritten by it
        const warn = (): void => io.err(warnings.map((w) => `warning: ${w}\n`).join(''));
        const report: Report = locale === undefined ? study : { ...study, locale };
        if (terminal) {
          bar.clear();
          warn();
          io.out(renderText(report));
          return 0;
        }
        const written = await writeReport(report, values.out!, formats, {
          onFormat: (format, done) => bar.update(studySteps + done, studySteps + formats.length, format),
          ...(docxCharts ? {} : { renderers: { docx: async (r, path) => (await import('../report/docx.js')).renderDocx(r, path, { charts: false }) } }),
        });
        bar.clear();
        warn();
        if (values.json) io.out(`${JSON.stringify({ files: written }, null, 2)}\n`);
        else io.out(written.map((f) => `wrote ${f}\n`).join(''));
        return 0;
      } catch (err) {
        bar.clear();
        throw asSpiegelError(err);
      }
    },
  };
}

export const reportCommand: Command = createReportCommand((specPath, options) => runStudy(specPath, options));
