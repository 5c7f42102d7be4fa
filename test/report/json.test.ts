import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCell } from '../../src/report/format.js';
import { buildJson, type JsonReport } from '../../src/report/json.js';
import { renderHtml } from '../../src/report/html.js';
import { writeReport } from '../../src/report/write.js';
import { sampleReport, split, trend } from '../fixtures/report/sample-report.js';
import { all, parseXml, textOf } from './helpers.js';

describe('tables.json', () => {
  const doc = buildJson(sampleReport);

  it('lists every table with its id, number, title, N and section', () => {
    const tables = sampleReport.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'table' ? [b.table] : [])));
    expect(doc.format).toBe('spiegel-tables');
    expect(doc.tables.map((t) => t.id)).toEqual(tables.map((t) => t.id));
    expect(doc.tables.map((t) => t.number)).toEqual(tables.map((t) => t.number));
    const t5b = doc.tables.find((t) => t.id === trend.id)!;
    expect(t5b.n).toBeNull();
    expect(t5b.title).toBe(trend.title);
  });

  it('gives each cell the printed text, the rounded and the unrounded number, SE, CI, n, weighted N and mark', () => {
    const cell = doc.tables.find((t) => t.id === trend.id)!.rows[2]!.cells[3]!;
    expect(cell).toEqual({
      column: 3,
      text: '41%*',
      format: 'percent',
      shown: 41,
      decimals: 0,
      estimate: 0.4123,
      se: 0.0207,
      ci: [0.3717, 0.4529],
      n: 590,
      weightedN: 612.4,
      mark: '*',
      flags: ['significant'],
    });
  });

  it('prints every cell as the HTML report does', () => {
    const html = parseXml(renderHtml(sampleReport).replace('<!DOCTYPE html>', ''));
    const htmlTables = all(html, 'table');
    doc.tables.forEach((t, k) => {
      const bodyRows = all(htmlTables[k]!, 'tbody').flatMap((b) => all(b, 'tr')).filter((tr) => !(tr.attributes.class ?? '').includes('subheader'));
      const jsonRows = t.rows.filter((r) => r.role !== 'subheader');
      expect(bodyRows).toHaveLength(jsonRows.length);
      jsonRows.forEach((r, i) => {
        const tds = all(bodyRows[i]!, 'td').map(textOf);
        expect(r.cells.map((c) => c.text)).toEqual(tds.slice(0, r.cells.length));
      });
    });
  });

  it('keeps suppressed cells suppressed: a flag, no number, SE, interval, n or weighted N', () => {
    const source = split.rows.flatMap((r) => r.cells).find((c) => c.flags.includes('suppressed'))!;
    expect(source.estimate).not.toBeNull(); // the model still holds it; the file must not
    const hidden = doc.tables.flatMap((t) => t.rows.flatMap((r) => r.cells)).filter((c) => c.flags.includes('suppressed'));
    expect(hidden.length).toBeGreaterThan(0);
    for (const c of hidden) {
      expect(c).toMatchObject({ text: formatCell(source, 'nl-NL').text, shown: null, estimate: null, se: null, ci: null, n: null, weightedN: null, mark: null });
    }
  });

  it('is written by spiegel report as tables.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'spiegel-json-'));
    try {
      await writeReport(sampleReport, dir, ['json']);
      const read = JSON.parse(await readFile(join(dir, 'tables.json'), 'utf8')) as JsonReport;
      expect(read).toEqual(JSON.parse(JSON.stringify(doc)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
