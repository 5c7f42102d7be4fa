/**
 * The status summary as `spiegel field status` shows it: a text table (one column per stratum),
 * a CSV with one line per stratum (total first), and JSON. Stratum names come from the register:
 * escaped for the terminal, and neutralised in the CSV so a spreadsheet never runs one as a formula.
 */
import { csvField } from '../../data/csv/write.js';
import { escapeTerminal, neutraliseFormula } from '../../files/index.js';
import { DISPOSITIONS } from '../../sampling/response.js';
import { AAPOR_CODES, FIELD_STATUSES, type FieldStatus } from './aapor.js';
import { countsByCode, type StatusSummary, type StratumStatus } from './summary.js';

const STATUS_LABEL: Readonly<Record<FieldStatus, string>> = {
  'not-invited': 'not yet invited',
  invited: 'invited, no reply',
  started: 'started (break-off)',
  partial: 'partial',
  complete: 'complete',
  refused: 'refused (opt-out)',
  undeliverable: 'undeliverable',
  ineligible: 'ineligible',
};

const RATES = [
  ['rr1', 'RR1'],
  ['rr2', 'RR2'],
  ['coop1', 'COOP1'],
  ['coop2', 'COOP2'],
  ['ref1', 'REF1'],
  ['con1', 'CON1'],
] as const;

const percent = (x: number): string => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)}%`);
const stratumName = (s: string): string => (s === '' ? '(empty)' : s);

export function statusText(summary: StatusSummary, wave: number): string {
  const lines = [summary.total, ...summary.strata];
  const heads = ['total', ...summary.strata.map((s) => escapeTerminal(stratumName(s.stratum)))];
  const width = Math.max(8, ...heads.map((h) => h.length + 1));
  const row = (label: string, cells: readonly string[]): string => label.padEnd(46) + cells.map((c) => c.padStart(width)).join('');
  const out: string[] = [];
  out.push(`Fieldwork status of wave ${wave}: ${summary.total.rates.gross} sampled unit(s), test links left out${summary.column !== undefined ? `; per ${summary.column}` : ''}.`);
  out.push('', row('Status', heads));
  for (const st of FIELD_STATUSES) out.push(row(`  ${STATUS_LABEL[st]}`, lines.map((l) => String(l.statuses[st]))));
  out.push('', row('AAPOR final disposition', heads));
  for (const c of countsByCode(summary.total)) {
    out.push(row(`  ${c.code.padEnd(5)} ${c.name} (${c.letter})`, lines.map((l) => String(countsByCode(l).find((x) => x.code === c.code)!.count))));
  }
  out.push('', row('AAPOR outcome rates', heads));
  for (const [key, name] of RATES) out.push(row(`  ${name}`, lines.map((l) => percent(l.rates[key]))));
  if (summary.total.target !== undefined) {
    out.push('', row('Completes against the target', heads));
    out.push(row('  complete / target', lines.map((l) => `${l.statuses.complete}/${l.target ?? '–'}`)));
  }
  out.push('');
  const notInvited = summary.total.statuses['not-invited'];
  if (notInvited > 0) {
    out.push(`${notInvited} unit(s) not yet invited count as AAPOR 3.11 (no invitation sent: eligibility unknown) in the denominators of every rate.`);
  }
  out.push('Rates by the AAPOR Standard Definitions (all unknown eligibility counted as eligible); the status rules and code table: docs/fieldwork-dispositions.md.');
  return out.join('\n') + '\n';
}

const CSV_HEAD = ['stratum', 'sampled', ...FIELD_STATUSES, ...DISPOSITIONS.map((d) => `aapor_${d}`), ...RATES.map(([k]) => k), 'target'];

/** One line per stratum, total first; rates as fractions (empty when undefined), "." decimals. */
export function statusCsv(summary: StatusSummary): string {
  const line = (s: StratumStatus): string =>
    [
      csvField(neutraliseFormula(s.stratum), ','),
      String(s.rates.gross),
      ...FIELD_STATUSES.map((st) => String(s.statuses[st])),
      ...DISPOSITIONS.map((d) => String(s.rates.counts[d])),
      ...RATES.map(([k]) => (Number.isNaN(s.rates[k]) ? '' : String(s.rates[k]))),
      s.target === undefined ? '' : String(s.target),
    ].join(',');
  return [CSV_HEAD.join(','), line(summary.total), ...summary.strata.map(line)].join('\r\n') + '\r\n';
}

/** The summary as plain JSON (NaN rates as null), with the code table it used. */
export function statusJson(summary: StatusSummary, wave: number): string {
  const one = (s: StratumStatus) => ({
    stratum: s.stratum,
    sampled: s.rates.gross,
    statuses: s.statuses,
    aapor: Object.fromEntries(countsByCode(s).map((c) => [c.code, c.count])),
    dispositions: s.rates.counts,
    rates: Object.fromEntries(RATES.map(([k]) => [k, Number.isNaN(s.rates[k]) ? null : s.rates[k]])),
    ...(s.target !== undefined ? { target: s.target } : {}),
  });
  return (
    JSON.stringify(
      { wave, ...(summary.column !== undefined ? { by: summary.column } : {}), codes: AAPOR_CODES, total: one(summary.total), strata: summary.strata.map(one) },
      null,
      2,
    ) + '\n'
  );
}
