import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartDescription, renderChart } from '../../src/report/chart.js';
import { docxCharts } from '../../src/report/docx-charts.js';
import { renderDocx } from '../../src/report/docx.js';
import { plainTitle } from '../../src/report/format.js';
import { chromiumPath } from '../../src/report/pdf.js';
import type { Table } from '../../src/tables/model.js';
import { sampleReport } from '../fixtures/report/sample-report.js';
import { all, chromiumAvailable, parseXml, textOf, unzip, type XmlElement } from './helpers.js';

// CI installs Chromium and sets SPIEGEL_REQUIRE_CHROMIUM=1 (.ci/run): there this never skips.
const hasChromium = await chromiumAvailable(chromiumPath());
const required = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';
if (!hasChromium && !required) console.warn(`report.docx charts test skipped: no Chromium at ${chromiumPath()}`);

const tables: Table[] = sampleReport.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'table' ? [b.table] : [])));
const charted = tables.filter((t, i) => renderChart(t, { id: `c${i}` }, sampleReport.locale) !== null);

describe('the charts of report.docx, chosen like the HTML report', () => {
  it('takes one chart per table that has one in HTML, in the print layout', () => {
    const charts = docxCharts(sampleReport);
    expect(charted.length).toBeGreaterThan(1);
    expect(charts.map((c) => tables[c.tableIndex])).toEqual(charted);
    for (const c of charts) {
      const svg = parseXml(c.svg);
      const root = all(svg, 'svg')[0]!;
      expect(Number(root.attributes.width)).toBe(c.width);
      expect(root.attributes['font-family']).toMatch(/sans-serif/);
      // The wide (print) layout where the HTML has two; line charts have only one.
      if ((renderChart(tables[c.tableIndex]!, { id: 'x' }, 'nl')!.match(/<svg/g) ?? []).length > 1) expect(root.attributes.class).toBe('chart wide');
      expect(c.width).toBeLessThanOrEqual(602); // fits the text width of an A4 page with 2.5 cm margins
    }
  });
});

describe.skipIf(!hasChromium && !required)('report.docx with charts', () => {
  let dir: string;
  let files: Map<string, Buffer>;
  let blocks: XmlElement[];
  let rels: Map<string, string>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spiegel-docx-charts-'));
    await renderDocx(sampleReport, join(dir, 'report.docx'));
    files = unzip(await readFile(join(dir, 'report.docx')));
    const body = all(parseXml(files.get('word/document.xml')!.toString('utf8')), 'w:body')[0]!;
    blocks = body.children.filter((c): c is XmlElement => typeof c !== 'string');
    const relsXml = parseXml(files.get('word/_rels/document.xml.rels')!.toString('utf8'));
    rels = new Map(all(relsXml, 'Relationship').map((r) => [r.attributes.Id!, r.attributes.Target!]));
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const drawings = (): XmlElement[] => blocks.flatMap((b) => all(b, 'w:drawing'));

  it('has an SVG image part and a PNG fallback part per chart', () => {
    expect(drawings()).toHaveLength(charted.length);
    for (const d of drawings()) {
      const png = files.get(`word/${rels.get(all(d, 'a:blip')[0]!.attributes['r:embed']!)!}`)!;
      const svg = files.get(`word/${rels.get(all(d, 'asvg:svgBlip')[0]!.attributes['r:embed']!)!}`)!;
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      // A PNG drawn at 2.5 times the printed width (IHDR width at byte 16).
      const cx = Number(all(d, 'wp:extent')[0]!.attributes.cx) / 9525; // EMU per pixel
      expect(png.readUInt32BE(16)).toBe(Math.round(cx * 2.5));
      expect(all(parseXml(svg.toString('utf8')), 'svg')).toHaveLength(1);
    }
  });

  it('gives each image the table title and the chart text alternative, then a caption', () => {
    drawings().forEach((d, k) => {
      const table = charted[k]!;
      const doc = all(d, 'wp:docPr')[0]!;
      expect(doc.attributes.title).toBe(plainTitle(table));
      expect(doc.attributes.descr).toBe(chartDescription(table, 'nl'));
      expect(doc.attributes.descr).toMatch(/^Grafiek van de tabel erboven: .*\d+%/);
    });
    const captions = blocks.filter((b) => b.name === 'w:p' && all(b, 'w:pStyle')[0]?.attributes['w:val'] === 'ChartCaption').map(textOf);
    for (const t of charted) expect(captions).toContain(`${plainTitle(t)} (grafiek bij tabel ${t.number})`);
  });

  it('places each chart after its table and its notes, kept together with them', () => {
    const tableBlocks = blocks.filter((b) => b.name === 'w:tbl');
    drawings().forEach((d, k) => {
      const table = charted[k]!;
      const at = blocks.findIndex((b) => all(b, 'w:drawing').includes(d));
      const t = tableBlocks[tables.indexOf(table)]!;
      const from = blocks.indexOf(t);
      expect(from).toBeGreaterThanOrEqual(0);
      expect(at).toBeGreaterThan(from);
      // Between the table and its chart only paragraphs without drawings (the notes), each kept with the next.
      for (const b of blocks.slice(from + 1, at)) {
        expect(b.name).toBe('w:p');
        expect(all(b, 'w:keepNext')).toHaveLength(1);
      }
      // Every row of the table is kept with the next, so the table and its chart share a page.
      for (const row of all(t, 'w:tr')) for (const p of all(row, 'w:p')) expect(all(p, 'w:keepNext')).toHaveLength(1);
      expect(all(blocks[at]!, 'w:keepNext')).toHaveLength(1);
    });
  });
});
