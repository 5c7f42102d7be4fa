import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { controlCharReport, hostile, hostileReport, likert, meanTrend, pct, sampleReport } from '../fixtures/report/sample-report.js';
import { all, parseXml, textOf, type XmlElement } from './helpers.js';

const doc = parseXml(renderHtml(sampleReport).replace('<!DOCTYPE html>', ''));
const tables = all(doc, 'table');

describe('HTML report structure', () => {
  it('is one document with lang, title, one h1, main and a table of contents', () => {
    const html = all(doc, 'html')[0]!;
    expect(html.attributes.lang).toBe('nl');
    expect(textOf(all(doc, 'title')[0]!)).toBe(sampleReport.title);
    expect(all(doc, 'h1')).toHaveLength(1);
    expect(all(doc, 'main')).toHaveLength(1);
    expect(all(all(doc, 'nav')[0]!, 'a').map((a) => a.attributes.href)).toContain('#tabel-3');
  });

  it('numbers every table in its caption with N', () => {
    expect(tables).toHaveLength(7);
    const captions = tables.map((t) => textOf(all(t, 'caption')[0]!));
    expect(captions[1]).toBe('Tabel 1 Stellingen over de aanvraag van de bijstandsuitkering (N=140)');
    expect(captions[2]).toBe('Tabel 3 Denkt u nu betaald werk te kunnen verrichten? (N=690)');
    expect(captions[5]).toBe(
      'Tabel 10 Mate waarin afspraken worden gemaakt over arbeidsverplichtingen (N=103)' +
        'Hoe vaak maakt u met uw klanten afspraken over de volgende verplichtingen?',
    );
  });

  it('marks every header cell with a scope and every row label as a row header', () => {
    for (const t of tables) {
      for (const th of all(t, 'th')) expect(['col', 'colgroup', 'row', 'rowgroup']).toContain(th.attributes.scope);
      for (const tr of all(all(t, 'tbody')[0] ?? t, 'tr')) expect((tr.children[0] as XmlElement).name).toBe('th');
    }
  });

  it('spans the group headers of a split table over their columns, with colgroups and N per column', () => {
    const split = tables[5]!;
    const groups = all(split, 'th').filter((th) => th.attributes.scope === 'colgroup');
    expect(groups.map((g) => [textOf(g), g.attributes.colspan])).toEqual([
      ['Kleine gemeenten', '3'],
      ['Grote gemeenten', '3'],
    ]);
    expect(all(split, 'colgroup').map((c) => c.attributes.span ?? '1')).toEqual(['1', '3', '3']);
    const heads = all(all(split, 'thead')[0]!, 'tr')[1]!;
    expect(textOf(heads.children[0] as XmlElement)).toBe('Vaak(N=40)');
    // The subheader row opens its own row group.
    expect(all(split, 'th').some((th) => th.attributes.scope === 'rowgroup' && textOf(th) === 'Arbeidsverplichtingen')).toBe(true);
  });

  it('prints cells as formatted: suppressed as x, Niet gevraagd, significance marks, means with a comma', () => {
    const cellTexts = (t: XmlElement): string[] => all(t, 'tbody').flatMap((b) => all(b, 'td')).map(textOf);
    expect(cellTexts(tables[5]!)).toEqual(['70%*', '25%', '5%', 'x', 'x', 'x', '45%', '40%', '15%', 'x', 'x', 'x']);
    expect(cellTexts(tables[3]!)).toContain('Niet gevraagd');
    expect(cellTexts(tables[4]!).slice(0, 4)).toEqual(['6,4', '6,5', '6,5', '6,5']);
    expect(cellTexts(tables[6]!)).toContain('3.210');
  });

  it('puts notes under the table and links them with aria-describedby', () => {
    const split = tables[5]!;
    const notesId = split.attributes['aria-describedby']!;
    const notes = all(doc, 'div').find((d) => d.attributes.id === notesId)!;
    expect(all(notes, 'p').map(textOf)).toEqual([
      'Noot: * Significant verschil (p<.05) tussen kleine en grote gemeenten',
      'x = niet getoond: te weinig respondenten om een betrouwbaar en anoniem cijfer te geven.',
    ]);
  });

  it('draws the charts the tables ask for as inline SVG with a title and description', () => {
    const svgs = all(doc, 'svg');
    expect(svgs).toHaveLength(3); // stacked bars (1), bars (3), lines (5b)
    for (const svg of svgs) {
      expect(svg.attributes.role).toBe('img');
      const [titleId, descId] = svg.attributes['aria-labelledby']!.split(' ');
      expect(all(svg, 'title').some((t) => t.attributes.id === titleId)).toBe(true);
      expect(all(svg, 'desc').some((t) => t.attributes.id === descId)).toBe(true);
    }
    // The line chart leaves a gap where a wave did not ask: 3 points for that row, not 4.
    const line = svgs[2]!;
    const paths = all(line, 'path').filter((p) => p.attributes.fill === 'none');
    expect(paths.map((p) => (p.attributes.d!.match(/[ML]/g) ?? []).length)).toEqual([4, 3, 4]);
  });

  it('is self-contained: no scripts, no external resources', () => {
    const html = renderHtml(sampleReport);
    expect(all(doc, 'script')).toHaveLength(0);
    expect(all(doc, 'link')).toHaveLength(0);
    expect(all(doc, 'img')).toHaveLength(0);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/url\(/);
  });

  it('gives every id once', () => {
    const ids = all(doc).map((e) => e.attributes.id).filter((x): x is string => x !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('HTML escaping', () => {
  const html = renderHtml(hostileReport());
  const hdoc = parseXml(html.replace('<!DOCTYPE html>', ''));

  it('creates no element or attribute from hostile text', () => {
    const names = new Set(all(hdoc).map((e) => e.name));
    for (const bad of ['script', 'img', 'iframe']) expect(names.has(bad)).toBe(false);
    // svg occurs only as our own charts (role="img"), never from the onload string.
    for (const svg of all(hdoc, 'svg')) expect(svg.attributes.role).toBe('img');
    for (const el of all(hdoc)) {
      for (const attr of Object.keys(el.attributes)) expect(attr.startsWith('on')).toBe(false);
    }
  });

  it('shows each hostile string verbatim as text', () => {
    const paragraphs = all(all(hdoc, 'main')[0]!, 'p').map(textOf);
    for (const h of hostile) expect(paragraphs).toContain(h);
    const caption = textOf(all(hdoc, 'caption')[0]!);
    expect(caption).toBe(`Tabel 7 ${hostile[0]} (N=12)${hostile[1]}`);
    const stub = all(hdoc, 'th').map(textOf);
    expect(stub).toContain(hostile[2]);
    expect(stub).toContain(hostile[1]);
    expect(textOf(all(hdoc, 'title')[0]!)).toBe(hostile[0]);
    expect(all(hdoc, 'td').map(textOf)).toContain(hostile[4]);
  });

  it('escapes text inside SVG titles as well', () => {
    const svgTitles = all(hdoc, 'svg').flatMap((s) => all(s, 'title').map(textOf));
    expect(svgTitles.some((t) => t.includes(hostile[0]!))).toBe(true);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
  });

  it('drops characters XML forbids', () => {
    const cdoc = parseXml(renderHtml(controlCharReport()).replace('<!DOCTYPE html>', ''));
    expect(all(all(cdoc, 'main')[0]!, 'p').map(textOf)).toContain('Open antwoord abcde');
  });
});

describe('charts', () => {
  it('leaves a Totaal column out of the stacked bars', () => {
    const withTotal = {
      ...likert,
      columns: [...likert.columns, { label: 'Totaal' }],
      rows: likert.rows.map((r) => ({ ...r, cells: [...r.cells, pct(100)] })),
    };
    const report = { ...sampleReport, sections: [{ heading: 'x', blocks: [{ type: 'table' as const, table: withTotal }] }] };
    const svg = all(parseXml(renderHtml(report).replace('<!DOCTYPE html>', '')), 'svg')[0]!;
    // 3 statements x 5 answer segments; the Totaal cell adds no segment.
    const segments = all(svg, 'rect').filter((r) => all(r, 'title').length > 0);
    expect(segments).toHaveLength(15);
    expect(segments.map((r) => textOf(all(r, 'title')[0]!)).some((t) => t.startsWith('Totaal'))).toBe(false);
  });

  it('draws a trend of means on a 0–10 scale with Dutch numbers', () => {
    const ratings = { ...meanTrend, chart: 'line' as const, chartAsked: true, rows: meanTrend.rows.filter((r) => r.role === 'mean') };
    const report = { ...sampleReport, sections: [{ heading: 'x', blocks: [{ type: 'table' as const, table: ratings }] }] };
    const svg = all(parseXml(renderHtml(report).replace('<!DOCTYPE html>', '')), 'svg')[0]!;
    const paths = all(svg, 'path').filter((p) => p.attributes.fill === 'none');
    expect(paths.map((p) => (p.attributes.d!.match(/[ML]/g) ?? []).length)).toEqual([4]);
    const texts = all(svg, 'text').map(textOf);
    expect(texts).toEqual(expect.arrayContaining(['0', '2', '4', '6', '8', '10', '6,5', '2014', '2021']));
  });
});
