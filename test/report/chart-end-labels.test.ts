import { describe, expect, it } from 'vitest';
import { FONT } from '../../src/report/chart-svg.js';
import { renderChart } from '../../src/report/chart.js';
import type { Cell, Row, Table } from '../../src/tables/model.js';
import { all, parseXml, textOf, type XmlElement } from './helpers.js';

/** A percent cell with its unrounded estimate (the chart plots it) and the rounded number printed. */
const pct = (estimate: number): Cell => ({ format: 'percent', estimate, shown: Math.round(estimate * 100), decimals: 0, se: 0.02, ci: null, n: 500, weightedN: 500, flags: [] });
const row = (label: string, values: number[]): Row => ({ label, role: 'data', cells: values.map(pct) });
const trend = (rows: Row[]): Table => ({
  id: 't15b',
  number: '15b',
  title: 'Ontwikkelingen in het aandeel dat het (helemaal) eens is',
  nShown: null,
  kind: 'trend',
  stubHead: '',
  columns: [{ label: '2017' }, { label: '2019' }, { label: '2021' }],
  rows,
  notes: [],
  chart: 'line',
});

interface EndLabel {
  text: string;
  y: number;
  colour: string;
}

function endLabels(table: Table): { labels: EndLabel[]; height: number } {
  const svg = parseXml(renderChart(table, { id: 'c' }, 'nl-NL')!);
  const root = all(svg, 'svg')[0]!;
  const groups = all(root, 'g').filter((g) => g.attributes.class === 'end-label');
  const labels = groups.map((g: XmlElement) => {
    const text = all(g, 'text')[0]!;
    const mark = all(g).find((e) => e.attributes.fill !== undefined && e.name !== 'text')!;
    return { text: textOf(text), y: Number(text.attributes.y), colour: mark.attributes.fill! };
  });
  return { labels, height: Number(root.attributes.viewBox!.split(' ')[3]) };
}

/** The colour each line is drawn in, by row, from the line paths. */
function lineColours(table: Table): string[] {
  const svg = parseXml(renderChart(table, { id: 'c' }, 'nl-NL')!);
  return all(svg, 'path').filter((p) => p.attributes.fill === 'none').map((p) => p.attributes.stroke!);
}

describe('end labels of a trend line chart (Tabel 15b)', () => {
  const t15b = trend([
    row('Ik vind de informatie over de uitkering duidelijk', [0.76, 0.73, 0.716]),
    row('Bij een vraag over mijn uitkering weet ik waar ik terecht kan', [0.72, 0.72, 0.724]),
    row('Mijn uitkering staat altijd op tijd op mijn rekening', [0.88, 0.86, 0.88]),
  ]);

  it('writes every line’s latest value once, with the marker of its own line', () => {
    const { labels } = endLabels(t15b);
    expect(labels.map((l) => l.text).sort()).toEqual(['72%', '72%', '88%']);
    const colours = lineColours(t15b);
    // The two 72% labels belong to different lines, told apart by their marker's colour.
    const seventyTwo = labels.filter((l) => l.text === '72%').map((l) => l.colour);
    expect(new Set(seventyTwo)).toEqual(new Set([colours[0], colours[1]]));
    expect(labels.find((l) => l.text === '88%')!.colour).toBe(colours[2]);
  });

  it('keeps labels apart by at least a line of text, also where four lines end on one value', () => {
    const crowded = trend([0.5, 0.502, 0.498, 0.501].map((v, i) => row(`Stelling ${i + 1}`, [0.4, 0.45, v])));
    const high = trend([0.99, 0.995, 0.985, 0.992].map((v, i) => row(`Stelling ${i + 1}`, [0.9, 0.95, v])));
    const low = trend([0.01, 0.005, 0.002, 0.004].map((v, i) => row(`Stelling ${i + 1}`, [0.1, 0.05, v])));
    for (const table of [t15b, crowded, high, low]) {
      const { labels, height } = endLabels(table);
      expect(labels).toHaveLength(table.rows.length);
      const ys = labels.map((l) => l.y).sort((a, b) => a - b);
      for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(FONT + 2);
      // inside the drawing, above the wave labels of the axis
      expect(ys[0]!).toBeGreaterThan(FONT);
      expect(ys[ys.length - 1]!).toBeLessThan(height - FONT - 6);
    }
  });
});
