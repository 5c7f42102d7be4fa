import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../src/report/pdf.js';
import { destinationPages } from '../../src/report/pdf-structure.js';
import { writeReport } from '../../src/report/write.js';
import { computeStudy } from '../../src/study/index.js';
import type { Report } from '../../src/tables/model.js';
import { chromiumAvailable, pdfPageCount } from './helpers.js';

// Report 1A of the worked example as a publisher would take it (issue 13 item 1): at most 25 A4
// pages, the contents on its first page with the page of every section and table, a page number
// on every page. Required in CI (see pdf.test.ts).
const hasChromium = await chromiumAvailable(chromiumPath());
const required = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';
if (!hasChromium && !required) console.warn(`report 1A PDF test skipped: no Chromium at ${chromiumPath()}`);
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

describe.skipIf(!hasChromium && !required)('report 1A as PDF', () => {
  let dir: string;
  let pdf: Buffer;
  let report: Report;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spiegel-pdf-1a-'));
    report = (await computeStudy('examples/participatiewet-2021/study.yaml')).report;
    await writeReport(report, dir, ['pdf']);
    pdf = await readFile(join(dir, 'report.pdf'));
  }, 240_000); // the study and two or three printing passes, on a shared machine
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes at most 25 pages, with a page for every section and table in the contents', () => {
    const pages = pdfPageCount(pdf);
    expect(pages).toBeLessThanOrEqual(25);
    const tables = report.sections.flatMap((s) => s.blocks.filter((b) => b.type === 'table'));
    const dests = destinationPages(pdf);
    expect(tables.length).toBeGreaterThan(40);
    for (let i = 1; i <= tables.length; i++) expect(dests.get(`tabel-${i}`)).toBeLessThanOrEqual(pages);
    for (let s = 1; s <= report.sections.length; s++) expect(dests.get(`sectie-${s}`)).toBeGreaterThan(1);
  });

  it.skipIf(!hasPdftotext)('has the whole contents on page 1 and "Pagina p van n" on every page', () => {
    const pages = pdfPageCount(pdf);
    const text = (p: number): string => spawnSync('pdftotext', ['-layout', '-f', String(p), '-l', String(p), join(dir, 'report.pdf'), '-'], { encoding: 'utf8' }).stdout;
    const first = text(1);
    const last = report.sections[report.sections.length - 1]!;
    expect(first).toContain(last.heading);
    for (let p = 1; p <= pages; p++) expect(text(p)).toContain(`Pagina ${p} van ${pages}`);
  });
});
