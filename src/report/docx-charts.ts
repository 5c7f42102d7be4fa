/**
 * The charts of report.docx: the same SVG chart the HTML report prints under a table (its
 * print layout), embedded as an SVG image with a PNG fallback (Word 2016+ draws the SVG,
 * older Word and other readers the PNG), with the table's title as the image title, the
 * chart's text alternative as its description, and a caption under it. The PNG is the SVG
 * drawn by the headless Chromium that also prints the PDF, at 2.5 times the printed size.
 */
import { ImageRun, Paragraph, TextRun } from 'docx';
import type { Page } from 'playwright-core';
import type { Report, Table } from '../tables/model.js';
import { chartDescription, renderChart } from './chart.js';
import { plainTitle, wordsFor } from './format.js';
import { withPage } from './pdf.js';

/** One chart of the report, ready for Word. */
export interface DocxChart {
  /** Index of the table in reading order (0-based), as in the HTML ids "tabel-N". */
  readonly tableIndex: number;
  /** A standalone SVG document (size and font set, no style sheet needed). */
  readonly svg: string;
  /** Printed size in CSS pixels (96 to the inch). */
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly description: string;
}

/** The paragraph style of the line under a chart (defined in docx.ts). */
export const CHART_CAPTION_STYLE = 'ChartCaption';

/** Printed width of a wide chart in Word: the text width of an A4 page with 2.5 cm margins (16 cm). */
const WIDE_PX = 600;
/** Printed width of a narrow chart (line charts): 10 cm. */
const NARROW_PX = 380;
/** Pixels of the PNG per CSS pixel: 240 dpi on paper. */
const PNG_SCALE = 2.5;
/** The report's font stack (html-style.ts), so the PNG looks like the HTML and PDF charts. */
const FONT_FAMILY = 'system-ui, -apple-system, &quot;Segoe UI&quot;, Roboto, &quot;Helvetica Neue&quot;, Arial, sans-serif';

/** The print-layout SVG among the one or two a chart has (the wide one when there is one). */
function printSvg(markup: string): string {
  const svgs = markup.match(/<svg\b[\s\S]*?<\/svg>/g) ?? [];
  return svgs.find((s) => /class="chart wide"/.test(s)) ?? svgs[0] ?? '';
}

/** The chart of one table for Word, or null when the table gets none (chart-rules.ts). */
export function docxChart(table: Table, tableIndex: number, locale: string): DocxChart | null {
  const markup = renderChart(table, { id: `tabel-${tableIndex + 1}-chart` }, locale);
  if (markup === null) return null;
  const svg = printSvg(markup);
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  if (box === null) return null;
  const [vw, vh] = [Number(box[1]), Number(box[2])];
  const width = vw > 500 ? WIDE_PX : NARROW_PX;
  const height = Math.round((vh / vw) * width);
  // Word reads the SVG without the HTML's style sheet: give it its size and font.
  const standalone = svg.replace(
    /^<svg /,
    `<svg width="${width}" height="${height}" font-family="${FONT_FAMILY}" `,
  );
  return { tableIndex, svg: standalone, width, height, title: plainTitle(table), description: chartDescription(table, locale) };
}

/** Every chart of a report, in reading order. */
export function docxCharts(report: Report): DocxChart[] {
  const out: DocxChart[] = [];
  let index = 0;
  for (const section of report.sections) {
    for (const block of section.blocks) {
      if (block.type !== 'table') continue;
      const chart = docxChart(block.table, index, report.locale);
      if (chart !== null) out.push(chart);
      index += 1;
    }
  }
  return out;
}

/** The browser names chartPngs uses inside the page. */
interface BrowserCanvas {
  Image: new (width: number, height: number) => { src: string; decode(): Promise<void> };
  document: {
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void; drawImage(img: unknown, x: number, y: number, w: number, h: number): void } | null;
      toDataURL(type: string): string;
    };
  };
}

/**
 * Draw each chart's SVG as a PNG in one Chromium page: every SVG is loaded as an image and
 * drawn on a canvas at PNG_SCALE times its printed size (one round trip for all charts).
 */
export async function chartPngs(page: Page, charts: readonly DocxChart[]): Promise<Buffer[]> {
  await page.setContent('<!DOCTYPE html><html><head><meta charset="utf-8"/></head><body></body></html>');
  const items = charts.map((c) => ({ svg: c.svg, width: Math.round(c.width * PNG_SCALE), height: Math.round(c.height * PNG_SCALE) }));
  const urls = await page.evaluate(async (list) => {
    // Runs in the page; the project compiles without the DOM library, so its few names are typed here.
    const dom = globalThis as unknown as BrowserCanvas;
    const draw = async (item: { svg: string; width: number; height: number }): Promise<string> => {
      const img = new dom.Image(item.width, item.height);
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(item.svg)}`;
      await img.decode();
      const canvas = dom.document.createElement('canvas');
      canvas.width = item.width;
      canvas.height = item.height;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, item.width, item.height);
      ctx.drawImage(img, 0, 0, item.width, item.height);
      return canvas.toDataURL('image/png');
    };
    const out: string[] = [];
    for (const item of list) out.push(await draw(item));
    return out;
  }, items);
  return urls.map((u) => Buffer.from(u.slice(u.indexOf(',') + 1), 'base64'));
}

/** The charts with their PNGs, drawn by Chromium; no Chromium is started when there are none. */
export async function renderDocxCharts(report: Report, executablePath?: string): Promise<{ chart: DocxChart; png: Buffer }[]> {
  const charts = docxCharts(report);
  if (charts.length === 0) return [];
  const pngs = await withPage(executablePath, (page) => chartPngs(page, charts), 'the charts of report.docx');
  return charts.map((chart, i) => ({ chart, png: pngs[i]! }));
}

/**
 * The Word paragraphs of a chart: the image (kept with its caption) and the caption in the
 * chart caption style (based on Caption), "<title> (grafiek bij tabel 9a)" as under the HTML chart.
 */
export function chartParagraphs(chart: DocxChart, png: Buffer, table: Table, locale: string): Paragraph[] {
  const words = wordsFor(locale);
  const image = new ImageRun({
    type: 'svg',
    data: Buffer.from(chart.svg, 'utf8'),
    fallback: { type: 'png', data: png },
    transformation: { width: chart.width, height: chart.height },
    altText: { name: `${words.chartOf} ${table.number}`, title: chart.title, description: chart.description },
  });
  return [
    new Paragraph({ keepNext: true, keepLines: true, spacing: { before: 120 }, children: [image] }),
    new Paragraph({
      style: CHART_CAPTION_STYLE,
      children: [new TextRun({ text: chart.title, bold: true }), new TextRun({ text: ` (${words.chartOf.toLowerCase()} ${table.number})` })],
    }),
  ];
}
