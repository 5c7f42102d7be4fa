import { describe, expect, it } from 'vitest';
import { polarity, scaleColours } from '../../src/report/chart-colours.js';
import { chartFor } from '../../src/report/chart-rules.js';
import { renderChart } from '../../src/report/chart.js';
import type { Row, Table } from '../../src/tables/model.js';
import { pct } from '../fixtures/report/sample-report.js';
import { all, parseXml, textOf } from './helpers.js';

const row = (label: string, cells: Row['cells']): Row => ({ label, role: 'data', cells });
const table = (over: Partial<Table>): Table => ({
  id: 't',
  number: '9',
  title: 'Titel van de tabel',
  nShown: 100,
  kind: 'frequency',
  stubHead: '',
  columns: [{ label: 'Percentage' }],
  rows: [],
  notes: [],
  chart: 'bar',
  ...over,
});

describe('which chart a table gets', () => {
  it('draws none for a Ja/Nee table or a single row, unless the spec asks for one', () => {
    const yesNo = table({ rows: [row('Ja', [pct(40)]), row('Nee', [pct(60)])] });
    expect(chartFor(yesNo)).toBe('none');
    expect(renderChart(yesNo, { id: 'c' }, 'nl-NL')).toBeNull();
    expect(chartFor({ ...yesNo, chartAsked: true })).toBe('bar');
    const grid = table({ kind: 'likert5', chart: 'stackedBar', columns: [{ label: 'Eens' }, { label: 'Neutraal' }, { label: 'Oneens' }], rows: [row('Stelling', [pct(50), pct(30), pct(20)])] });
    expect(chartFor(grid)).toBe('none');
  });

  it('draws a trend of more than four rows as a dot plot, up to four as lines', () => {
    const waves = [{ label: '2019' }, { label: '2021' }];
    const rows = (n: number): Row[] => Array.from({ length: n }, (_, i) => row(`Item ${i}`, [pct(10 + i), pct(12 + i)]));
    expect(chartFor(table({ kind: 'trend', chart: 'line', columns: waves, rows: rows(4) }))).toBe('line');
    expect(chartFor(table({ kind: 'trend', chart: 'line', columns: waves, rows: rows(9) }))).toBe('dots');
  });
});

describe('chart colours', () => {
  it('gives the agreeing end the same blue whichever end the scale starts with', () => {
    const agreeFirst = ['Helemaal eens', 'Eens', 'Niet eens/ niet oneens', 'Oneens', 'Helemaal oneens'];
    const agreeLast = [...agreeFirst].reverse();
    expect(polarity(agreeFirst)).toBe('positiveFirst');
    expect(polarity(agreeLast)).toBe('positiveLast');
    const a = scaleColours(agreeFirst);
    const b = scaleColours(agreeLast);
    expect(b[4]).toBe(a[0]);
    expect(b[0]).toBe(a[4]);
    expect(a[0]).toBe('#2166ac');
    expect(scaleColours(['Tevreden', 'Niet tevreden/niet ontevreden', 'Ontevreden'])[0]).toBe(scaleColours(['Eens', 'Neutraal', 'Oneens'])[0]);
  });

  it('draws a scale without polarity in one hue, so no answer reads as bad', () => {
    const used = ['Gebruikt', 'Bekend, niet gebruikt', 'Onbekend'];
    expect(polarity(used)).toBe('none');
    const colours = scaleColours(used);
    for (const c of colours) expect(['#b2182b', '#d6604d', '#f4a582', '#fddbc7']).not.toContain(c);
    expect(new Set(colours).size).toBe(3);
  });
});

describe('chart drawing', () => {
  const grid = table({
    kind: 'likert3',
    chart: 'stackedBar',
    columns: [{ label: 'Eens' }, { label: 'Neutraal' }, { label: 'Oneens' }],
    // Rounded 33/33/33 (sum 99): the bars use the unrounded estimates, which add up to 100%.
    rows: [
      row('Stelling A', [pct(33, { stats: { estimate: 1 / 3 } }), pct(33, { stats: { estimate: 1 / 3 } }), pct(33, { stats: { estimate: 1 / 3 } })]),
      row('Stelling B', [pct(50), pct(30), pct(20)]),
    ],
  });
  const svgs = all(parseXml(`<div>${renderChart(grid, { id: 'c' }, 'nl-NL')}</div>`), 'svg');

  it('plots unrounded values, so a bar of a distribution ends at the full width', () => {
    for (const svg of svgs) {
      const width = Number(svg.attributes.viewBox!.split(' ')[2]);
      const segments = all(svg, 'rect').filter((r) => all(r, 'title').length > 0);
      const first = segments.slice(0, 3);
      const end = Number(first[2]!.attributes.x) + Number(first[2]!.attributes.width);
      expect(end).toBeCloseTo(width, 0);
    }
  });

  it('has the table title as its name and every number in its text alternative, in a phone and a wide layout', () => {
    expect(svgs.map((s) => s.attributes.class)).toEqual(['chart narrow', 'chart wide']);
    for (const svg of svgs) {
      expect(textOf(all(svg, 'title')[0]!)).toBe('Titel van de tabel');
      const desc = textOf(all(svg, 'desc')[0]!);
      expect(desc).toContain('Stelling A: Eens 33%, Neutraal 33%, Oneens 33%');
      expect(desc).toContain('Stelling B: Eens 50%, Neutraal 30%, Oneens 20%');
    }
  });

  it('stacks a distribution per column (sub-questions, groups), not across them', () => {
    const sub = table({
      kind: 'subQuestions',
      chart: 'stackedColumns',
      columns: [{ label: 'Training', n: 120 }, { label: 'Werkervaringsplaats', n: 110 }],
      rows: [row('Niet veel aan', [pct(42), pct(49)]), row('Kans vergroot', [pct(44), pct(44)]), row('Werk gekregen', [pct(14), pct(8)])],
    });
    const svg = all(parseXml(`<div>${renderChart(sub, { id: 's' }, 'nl-NL')}</div>`), 'svg')[0]!;
    const segments = all(svg, 'rect').filter((r) => all(r, 'title').length > 0);
    // Two bars (one per sub-question) of three segments each.
    expect(segments).toHaveLength(6);
    const texts = all(svg, 'text').map(textOf);
    expect(texts).toEqual(expect.arrayContaining(['Training (N=120)', 'Werkervaringsplaats (N=110)']));
  });
});
