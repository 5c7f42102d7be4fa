import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { chromiumArgs, chromiumPath } from '../../src/report/pdf.js';
import type { Cell, Report, Table } from '../../src/tables/model.js';
import { sampleReport } from '../fixtures/report/sample-report.js';
import { chromiumAvailable } from './helpers.js';

// The "Schuif de tabel opzij" hint under a table on a phone shows exactly when the table is wider
// than its scroll container, whatever its number of columns. Required in CI (see pdf.test.ts).
const hasChromium = await chromiumAvailable(chromiumPath());
const required = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';
if (!hasChromium && !required) console.warn(`report.html scroll hint test skipped: no Chromium at ${chromiumPath()}`);

const count = (x: number): Cell => ({ format: 'number', estimate: x, shown: x, decimals: 0, se: null, ci: null, n: null, weightedN: null, flags: [] });

/**
 * Tabel 1 as the population/sample/response kind prints it from the fieldwork store
 * (frame: { store: true, by: regio, weight: design_weight }): three columns, each "Aantal" under
 * a group header, large numbers, region names as row labels.
 */
const storeTable: Table = {
  id: 'psr',
  number: '1',
  title: 'Populatie, steekproef en respons naar regio',
  nShown: null,
  kind: 'PSR',
  stubHead: 'Regio',
  columns: ['Populatie', 'Steekproef', 'Respons'].map((group) => ({ label: 'Aantal', group })),
  rows: [
    { label: 'Groningen, Friesland en Drenthe', role: 'data', cells: [count(1_234_567), count(1_350), count(262)] },
    { label: 'Noord-Holland en Flevoland', role: 'data', cells: [count(2_345_678), count(1_500), count(281)] },
    { label: 'Zuid-Holland', role: 'data', cells: [count(3_102_334), count(1_150), count(221)] },
    { label: 'Totaal', role: 'total', cells: [count(6_682_579), count(4_000), count(764)] },
  ],
  notes: [],
  chart: 'none',
};

const report: Report = {
  ...sampleReport,
  sections: [{ heading: 'Opzet', blocks: [{ type: 'table', table: storeTable }] }, ...sampleReport.sections],
};

interface Block {
  caption: string;
  columns: number;
  overflows: boolean;
  cue: boolean;
}

describe.skipIf(!hasChromium && !required)('scroll hint under wide tables (report.html)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  });
  afterAll(() => browser?.close());

  async function blocks(width: number): Promise<Block[]> {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    try {
      await page.setContent(renderHtml(report), { waitUntil: 'load' });
      // A string expression: this project compiles without the DOM library.
      return (await page.evaluate(`[...document.querySelectorAll('.table-block')].map((b) => {
        const box = b.querySelector('.scroll');
        const cue = b.querySelector('.scroll-cue');
        const style = getComputedStyle(cue);
        return {
          caption: b.querySelector('caption .label').textContent,
          columns: b.querySelectorAll('thead tr:last-child th').length,
          overflows: box.scrollWidth > box.clientWidth,
          cue: style.display !== 'none' && style.visibility === 'visible' && cue.getBoundingClientRect().height > 0,
        };
      })`)) as Block[];
    } finally {
      await page.close();
    }
  }

  it('shows the hint under the store-based Tabel 1 at 390 px, which scrolls with only three columns', async () => {
    const first = (await blocks(390))[0]!;
    expect(first.caption).toBe('Tabel 1');
    expect(first.columns).toBe(3);
    expect(first.overflows).toBe(true);
    expect(first.cue).toBe(true);
  });

  it('shows the hint at 390 px under every table that scrolls and under no table that fits', async () => {
    const all = await blocks(390);
    expect(all.some((b) => b.overflows)).toBe(true);
    expect(all.some((b) => !b.overflows)).toBe(true); // both cases are checked
    for (const b of all) expect({ caption: b.caption, cue: b.cue }).toEqual({ caption: b.caption, cue: b.overflows });
  });

  it('shows no hint on a desktop, where every table fits', async () => {
    for (const b of await blocks(1280)) expect({ caption: b.caption, overflows: b.overflows, cue: b.cue }).toEqual({ caption: b.caption, overflows: false, cue: false });
  });
});
