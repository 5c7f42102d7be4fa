/** Readable tables of a sample: population / gross sample / net response per stratum (like Tabel 1 of report 6). */
import type { StratumSummary } from './draw.js';
import type { Comparison, ResponseRates } from './response.js';

const pct = (v: number): string => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : '–');
const int = (v: number): string => v.toLocaleString('nl-NL');

export function formatSampleSummary(summary: readonly StratumSummary[], response?: readonly ResponseRates[]): string {
  const byStratum = new Map((response ?? []).map((r) => [r.stratum, r]));
  const head = ['Stratum', 'Populatie', 'Bruto steekproef', ...(response ? ['Netto respons', 'RR1', 'RR2'] : [])];
  const rows: string[][] = summary.map((s) => {
    const r = byStratum.get(s.stratum);
    return [s.stratum, int(s.population), int(s.sample), ...(response ? [r ? int(r.net) : '–', r ? pct(r.rr1) : '–', r ? pct(r.rr2) : '–'] : [])];
  });
  const tot = byStratum.get('total');
  rows.push([
    'Totaal',
    int(summary.reduce((a, s) => a + s.population, 0)),
    int(summary.reduce((a, s) => a + s.sample, 0)),
    ...(response ? [tot ? int(tot.net) : '–', tot ? pct(tot.rr1) : '–', tot ? pct(tot.rr2) : '–'] : []),
  ]);
  return table(head, rows);
}

export function formatComparison(c: Comparison): string {
  return (
    `${c.variable}: respondents against the population\n` +
    table(
      ['Category', 'Population', '%', 'Respondents', '%'],
      c.rows.map((r) => [r.category, int(r.population), pct(r.populationShare), int(r.respondents), pct(r.respondentShare)]),
    )
  );
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]): string => cells.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
