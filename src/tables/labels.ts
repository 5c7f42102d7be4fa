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
  and: string;
  wave: string;
  sample: string;
  response: string;
  responseRate: string;
  population: string;
  yes: string;
  no: string;
}

function pLevel(level: number): string {
  // ".05" as printed in the seed: "(p<.05)"
  return String(level).replace(/^0(?=\.)/, '');
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
