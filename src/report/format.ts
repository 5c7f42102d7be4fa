/**
 * Number and cell formatting by locale. Renderers never round or compute: a cell's `shown`
 * is already rounded by the tables stage; here it is only spelled for the reader
 * (Dutch "6,5", "4.000", "23%", "0%"; English "6.5", "4,000").
 */
import type { Cell, CellFlag, Report, Table } from '../tables/model.js';

/** The words a renderer prints around the numbers, per language. */
export interface ReportWords {
  /** "Tabel" / "Table" in captions. */
  readonly table: string;
  readonly notAsked: string;
  /** Mark printed in place of a suppressed number. */
  readonly suppressedMark: string;
  readonly suppressedNote: string;
  /** Mark printed when no estimate is possible. */
  readonly notEstimableMark: string;
  readonly notEstimableNote: string;
  readonly contents: string;
  /** "(14 hoofdstukken, 50 tabellen)" beside the folded contents list. */
  readonly contentsCount: (sections: number, tables: number) => string;
  /** Under a wide table on a phone. */
  readonly scrollCue: string;
  /** Page label in the PDF footer ("Pagina 3 van 20"). */
  readonly pageOf: (page: string, pages: string) => string;
  readonly chartOf: string;
  readonly chartDesc: string;
  readonly number: string;
  readonly title: string;
  readonly sheet: string;
  readonly backToContents: string;
  readonly question: string;
  /** Name of the XLSX sheet with every cell's full statistics, and its column heads. */
  readonly detailsSheet: string;
  readonly detailsHeads: readonly string[];
  /** Cell flags as words on the Details sheet. */
  readonly flags: Readonly<Record<CellFlag, string>>;
  /** Under the index of tables.xlsx. */
  readonly roundedNote: string;
}

const nl: ReportWords = {
  table: 'Tabel',
  notAsked: 'Niet gevraagd',
  suppressedMark: 'x',
  suppressedNote: 'x = niet getoond: te weinig respondenten om een betrouwbaar en anoniem cijfer te geven.',
  notEstimableMark: '–',
  notEstimableNote: '– = geen cijfer mogelijk (geen respondenten in deze groep).',
  contents: 'Inhoud',
  contentsCount: (s, t) => `(${s} ${s === 1 ? 'hoofdstuk' : 'hoofdstukken'}, ${t} ${t === 1 ? 'tabel' : 'tabellen'})`,
  scrollCue: 'Schuif de tabel opzij voor alle kolommen →',
  pageOf: (p, n) => `Pagina ${p} van ${n}`,
  chartOf: 'Grafiek bij tabel',
  chartDesc: 'Grafiek van de tabel erboven:',
  number: 'Nummer',
  title: 'Titel',
  sheet: 'Blad',
  backToContents: '← Inhoud',
  question: 'Vraag',
  detailsSheet: 'Details',
  detailsHeads: ['Tabel', 'Rij', 'Kolom', 'Getoond', 'Schatting', 'Standaardfout', 'BI onder', 'BI boven', 'n (ongewogen)', 'N (gewogen)', 'Kenmerken', 'Tabel-id'],
  flags: {
    suppressed: 'niet getoond',
    notAsked: 'niet gevraagd',
    notEstimable: 'geen schatting',
    significant: 'significant',
    lowBase: 'kleine basis',
    published: 'gepubliceerd cijfer',
  },
  roundedNote:
    'De tabelbladen tonen de cijfers zoals gedrukt (afgerond), maar de cellen bevatten de onafgeronde schattingen: 62,5% staat erin als 0,625 en wordt getoond als 63%. Rekenen met de cellen gebeurt dus onafgerond. Waar de gedrukte tabel een afronding verschoof zodat een kolom optelt tot 100%, toont de cel het gedrukte getal als vaste tekst in de celopmaak. Standaardfouten en betrouwbaarheidsintervallen staan op het blad Details.',
};

const en: ReportWords = {
  table: 'Table',
  notAsked: 'Not asked',
  suppressedMark: 'x',
  suppressedNote: 'x = not shown: too few respondents for a reliable and anonymous figure.',
  notEstimableMark: '–',
  notEstimableNote: '– = no figure possible (no respondents in this group).',
  contents: 'Contents',
  contentsCount: (s, t) => `(${s} ${s === 1 ? 'section' : 'sections'}, ${t} ${t === 1 ? 'table' : 'tables'})`,
  scrollCue: 'Swipe the table sideways for all columns →',
  pageOf: (p, n) => `Page ${p} of ${n}`,
  chartOf: 'Chart for table',
  chartDesc: 'Chart of the table above:',
  number: 'Number',
  title: 'Title',
  sheet: 'Sheet',
  backToContents: '← Contents',
  question: 'Question',
  detailsSheet: 'Details',
  detailsHeads: ['Table', 'Row', 'Column', 'Shown', 'Estimate', 'Standard error', 'CI lower', 'CI upper', 'n (unweighted)', 'N (weighted)', 'Flags', 'Table id'],
  flags: {
    suppressed: 'not shown',
    notAsked: 'not asked',
    notEstimable: 'no estimate',
    significant: 'significant',
    lowBase: 'small base',
    published: 'published figure',
  },
  roundedNote:
    'The table sheets show the numbers as printed (rounded), but the cells hold the unrounded estimates: 62.5% is stored as 0.625 and shown as 63%, so sums and formulas use the unrounded values. Where the printed table moved a rounding so that a column adds up to 100%, the cell shows the printed number as fixed text in its number format. Standard errors and confidence intervals are on the Details sheet.',
};

/** Dutch words for a Dutch locale ("nl", "nl-NL", "nl-BE"), English otherwise. */
export function wordsFor(locale: string): ReportWords {
  return language(locale) === 'nl' ? nl : en;
}

/** The primary language subtag, for `<html lang>`. */
export function language(locale: string): string {
  return locale.split(/[-_]/)[0]?.toLowerCase() || 'nl';
}

const formatters = new Map<string, Intl.NumberFormat>();

/** A number with a fixed number of decimals and the locale's separators: nl "4.000", "6,5". */
export function formatNumber(value: number, decimals: number, locale: string): string {
  const key = `${locale}|${decimals}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = new Intl.NumberFormat(locale, {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      useGrouping: true,
    });
    formatters.set(key, f);
  }
  // `+ 0` turns -0 into 0 so a rounded tiny negative never prints as "-0".
  const text = f.format(value + 0);
  return text === '-0' || /^-0[.,]0*$/.test(text) ? text.slice(1) : text;
}

/** A base as printed in titles and headers: "(N=680)", "(N=4.000)". */
export function formatN(n: number, locale: string): string {
  return `(N=${formatNumber(n, 0, locale)})`;
}

/** What a cell reads as, and whether it is a number (right-aligned) or text. */
export interface FormattedCell {
  readonly text: string;
  readonly numeric: boolean;
}

/**
 * The text of a cell as printed: the number for the locale with its unit and mark,
 * or the mark of a suppressed / not-estimable cell, or "Niet gevraagd", or a text cell.
 */
export function formatCell(cell: Cell, locale: string): FormattedCell {
  const words = wordsFor(locale);
  const mark = cell.mark ?? '';
  if (cell.flags.includes('notAsked')) return { text: cell.text ?? words.notAsked, numeric: false };
  if (cell.flags.includes('suppressed')) return { text: words.suppressedMark, numeric: true };
  if (cell.format === 'text') return { text: (cell.text ?? '') + mark, numeric: false };
  if (cell.shown === null || !Number.isFinite(cell.shown) || cell.flags.includes('notEstimable')) {
    if (cell.text !== undefined) return { text: cell.text, numeric: false };
    return { text: words.notEstimableMark, numeric: true };
  }
  const number = formatNumber(cell.shown, cell.decimals, locale);
  const unit = cell.format === 'percent' ? '%' : '';
  return { text: number + unit + mark, numeric: true };
}

/** "Tabel 5a" / "Table 5a". */
export function tableLabel(table: Table, locale: string): string {
  return `${wordsFor(locale).table} ${table.number}`;
}

/** The title without its footnote marker ("…over werk" for "…over werk1)"), for contents, sheets and bookmarks. */
export function plainTitle(table: Table): string {
  const mark = table.footnoteMark;
  return mark !== undefined && table.title.endsWith(mark) ? table.title.slice(0, -mark.length).trimEnd() : table.title;
}

/**
 * What follows the title, with its leading space: " (N=540)", the spec's own wording
 * (" (Meerdere antwoorden mogelijk; N=778)"), or '' (no N, or the title holds it).
 */
export function titleNText(table: Table, locale: string): string {
  if (table.nText !== undefined) return table.nText === '' ? '' : ` ${table.nText}`;
  return table.nShown === null ? '' : ` ${formatN(table.nShown, locale)}`;
}

/** The full caption: "Tabel 5a Tevredenheid over de gemeente (N=540)". */
export function captionText(table: Table, locale: string): string {
  const n = titleNText(table, locale);
  return `${tableLabel(table, locale)} ${table.title}${n}`;
}

/** A column header with its base: "Kleine gemeenten (N=104)". */
export function columnHeadText(label: string, n: number | undefined, locale: string): string {
  return n === undefined ? label : `${label} ${formatN(n, locale)}`;
}

/**
 * The notes printed under a table: the table's own notes, then a legend for the marks the
 * renderer printed itself (suppression, no estimate) when such cells occur and no note of
 * the table already explains them.
 */
export function tableNotes(table: Table, locale: string): string[] {
  const words = wordsFor(locale);
  const notes = [...table.notes];
  const cells = table.rows.flatMap((r) => r.cells);
  const suppressed = cells.some((c) => c.flags.includes('suppressed') && !c.flags.includes('notAsked'));
  const noEstimate = cells.some(
    (c) =>
      !c.flags.includes('suppressed') &&
      !c.flags.includes('notAsked') &&
      c.format !== 'text' &&
      c.text === undefined &&
      (c.shown === null || !Number.isFinite(c.shown) || c.flags.includes('notEstimable')),
  );
  const explained = (mark: string): boolean => notes.some((n) => n.trimStart().startsWith(`${mark} `) || n.trimStart().startsWith(`${mark}=`));
  if (suppressed && !explained(words.suppressedMark)) notes.push(words.suppressedNote);
  if (noEstimate && !explained(words.notEstimableMark)) notes.push(words.notEstimableNote);
  return notes;
}

/** Every table of a report in reading order. */
export function reportTables(report: Report): Table[] {
  return report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'table' ? [b.table] : [])));
}
