/** Fixed texts of tables per locale (row and column labels, notes). */

export interface TableTexts {
  total: string;
  percent: string;
  count: string;
  n: string;
  notAsked: string;
  notApplicable: string;
  mean: string;
  insufficient: string;
  grandTotal: string;
  themes: string;
  mentions: string;
  suppressedNote(min: number): string;
  /** Theme tables from coding: answers not yet coded (or with coders still disagreeing). */
  notYetCoded(n: number): string;
  tableSuppressed(min: number): string;
  significantBetween(level: number, between: string, mark: string): string;
  significantBh(level: number, between: string, mark: string): string;
  /**
   * Two groups: which is higher; one part with rows null when every significant test points the
   * same way, else one part per group naming its rows.
   */
  groupDirection(mark: string, level: number, bh: boolean, between: string, parts: readonly { group: string; rows: readonly string[] | null }[]): string;
  /** Trend: every significant row is higher (1) or lower (−1) in the latest wave than in `previous`. */
  waveDirection(mark: string, level: number, bh: boolean, previous: string, direction: 1 | -1): string;
  /** Trend: some rows significantly higher, others lower; names them. */
  waveMixed(mark: string, level: number, bh: boolean, previous: string, higher: readonly string[], lower: readonly string[]): string;
  /**
   * Trend: the difference with `previous` was not tested, for all rows (`rows` null) or the rows
   * named; `reason` noN = a published share without N, noSE = a published mean (no SE).
   */
  waveNotTested(previous: string, latest: string, missing: string, reason: 'noN' | 'noSE', rows: readonly string[] | null): string;
  /** Trend: how the SE of the published previous wave was made (SRS from p and N, design effect). */
  wavePublishedSe(previous: string, designEffect: number | null): string;
  and: string;
  wave: string;
  sample: string;
  response: string;
  responseRate: string;
  population: string;
  yes: string;
  no: string;
}

function list(labels: readonly string[], and: string): string {
  const q = labels.map((l) => `‘${l}’`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} ${and} ${q[q.length - 1]}`;
}

function decimalComma(x: number): string {
  return String(x).replace('.', ',');
}

function pLevel(level: number): string {
  // ".05" as printed in the seed: "(p<.05)"
  return String(level).replace(/^0(?=\.)/, '');
}

function nlLevel(level: number, bh: boolean): string {
  return `p<${pLevel(level)}${bh ? ', gecorrigeerd voor meervoudig toetsen volgens Benjamini-Hochberg' : ''}`;
}

function enLevel(level: number, bh: boolean): string {
  return `p<${pLevel(level)}${bh ? ', Benjamini-Hochberg adjusted' : ''}`;
}

const nl: TableTexts = {
  total: 'Totaal',
  percent: 'Percentage',
  count: 'Aantal',
  n: 'N',
  notAsked: 'Niet gevraagd',
  notApplicable: 'N.v.t.',
  mean: 'Gemiddeld cijfer',
  insufficient: 'Aandeel onvoldoendes',
  grandTotal: 'Eindtotaal',
  themes: 'Overkoepelende thema’s',
  mentions: 'Aantal',
  suppressedNote: (min) => `– Niet getoond: gebaseerd op minder dan ${min} respondenten.`,
  notYetCoded: (n) => `${n === 1 ? '1 antwoord is' : `${n} antwoorden zijn`} nog niet (eensluidend) gecodeerd en ${n === 1 ? 'telt' : 'tellen'} niet mee.`,
  tableSuppressed: (min) => `Niet getoond: de tabel is gebaseerd op minder dan ${min} respondenten.`,
  significantBetween: (level, between, mark) => `${mark} Significant verschil (p<${pLevel(level)}) tussen ${between}`,
  significantBh: (level, between, mark) =>
    `${mark} Significant verschil (p<${pLevel(level)}, gecorrigeerd voor meervoudig toetsen volgens Benjamini-Hochberg) tussen ${between}`,
  groupDirection: (mark, level, bh, between, parts) =>
    `${mark} Significant verschil (${nlLevel(level, bh)}) tussen ${between}: ` + parts.map((p) => `hoger bij ${p.group}${p.rows === null ? '' : ` voor ${list(p.rows, 'en')}`}`).join('; '),
  waveDirection: (mark, level, bh, previous, direction) => `${mark} Significant ${direction > 0 ? 'hoger' : 'lager'} dan in ${previous} (${nlLevel(level, bh)})`,
  waveMixed: (mark, level, bh, previous, higher, lower) =>
    `${mark} Significant verschil met ${previous} (${nlLevel(level, bh)}): hoger bij ${list(higher, 'en')}; lager bij ${list(lower, 'en')}`,
  waveNotTested: (previous, latest, missing, reason, rows) => {
    const why = reason === 'noN' ? `van ${missing} is geen N bekend` : `van een gepubliceerd gemiddelde is geen standaardfout bekend`;
    return rows === null ? `Het verschil tussen ${previous} en ${latest} is niet getoetst: ${why}.` : `Niet getoetst tegen ${previous} (${why}): ${list(rows, 'en')}.`;
  },
  wavePublishedSe: (previous, deff) =>
    `Toets tegen ${previous}: de standaardfout van ${previous} is berekend uit het gepubliceerde percentage en de N als bij een enkelvoudige aselecte steekproef, ` +
    (deff === null ? 'zonder designeffect (niet bekend); het verschil kan daardoor zekerder lijken dan het is.' : `met designeffect ${decimalComma(deff)}.`),
  and: 'en',
  wave: 'Meting',
  sample: 'Steekproef',
  response: 'Respons',
  responseRate: 'Responspercentage',
  population: 'Populatie',
  yes: 'Ja',
  no: 'Nee',
};

const en: TableTexts = {
  total: 'Total',
  percent: 'Percentage',
  count: 'Count',
  n: 'N',
  notAsked: 'Not asked',
  notApplicable: 'N/a',
  mean: 'Mean score',
  insufficient: 'Share insufficient',
  grandTotal: 'Grand total',
  themes: 'Themes',
  mentions: 'Count',
  suppressedNote: (min) => `– Not shown: based on fewer than ${min} respondents.`,
  notYetCoded: (n) => `${n === 1 ? '1 answer is' : `${n} answers are`} not yet coded (or the coders still disagree) and not counted.`,
  tableSuppressed: (min) => `Not shown: the table is based on fewer than ${min} respondents.`,
  significantBetween: (level, between, mark) => `${mark} Significant difference (p<${pLevel(level)}) between ${between}`,
  significantBh: (level, between, mark) =>
    `${mark} Significant difference (p<${pLevel(level)}, Benjamini-Hochberg adjusted) between ${between}`,
  groupDirection: (mark, level, bh, between, parts) =>
    `${mark} Significant difference (${enLevel(level, bh)}) between ${between}: ` + parts.map((p) => `higher for ${p.group}${p.rows === null ? '' : ` on ${list(p.rows, 'and')}`}`).join('; '),
  waveDirection: (mark, level, bh, previous, direction) => `${mark} Significantly ${direction > 0 ? 'higher' : 'lower'} than in ${previous} (${enLevel(level, bh)})`,
  waveMixed: (mark, level, bh, previous, higher, lower) =>
    `${mark} Significant difference from ${previous} (${enLevel(level, bh)}): higher for ${list(higher, 'and')}; lower for ${list(lower, 'and')}`,
  waveNotTested: (previous, latest, missing, reason, rows) => {
    const why = reason === 'noN' ? `no N is known for ${missing}` : `a published mean has no standard error`;
    return rows === null ? `The difference between ${previous} and ${latest} was not tested: ${why}.` : `Not tested against ${previous} (${why}): ${list(rows, 'and')}.`;
  },
  wavePublishedSe: (previous, deff) =>
    `Test against ${previous}: the standard error of ${previous} is computed from the published percentage and N as for a simple random sample, ` +
    (deff === null ? 'without a design effect (not known); the difference may therefore look more certain than it is.' : `with design effect ${deff}.`),
  and: 'and',
  wave: 'Wave',
  sample: 'Sample',
  response: 'Response',
  responseRate: 'Response rate',
  population: 'Population',
  yes: 'Yes',
  no: 'No',
};

export function textsFor(locale: string): TableTexts {
  return locale.startsWith('nl') ? nl : en;
}
