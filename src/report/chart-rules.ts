/**
 * Which chart a table gets: by rule, not by default. Each table kind names its form
 * (src/tables/kinds, `chart`); a table the spec asks a chart for (`options.chart`, or
 * `defaults.chart` for the whole report) gets that form as asked. Otherwise the form is
 * dropped where a chart adds nothing to the table:
 * - a table of one data row, or of two categories (Ja/Nee: the table says it in two numbers);
 * - a single column of at most five categories (a short distribution reads faster as numbers);
 * - a trend of more than four rows is drawn as a dot plot, not as a spaghetti of lines.
 * The rule per kind, as documented in docs/study-spec.md ("Charts"):
 *
 * | kinds                                                            | chart          |
 * |------------------------------------------------------------------|----------------|
 * | frequency, multipleResponse, itemShare, rating, averageShare      | bar            |
 * | likert3/4/5, likert5Nvt, likertReversed, itemGrid, yesNoGrid, itemGridBy, funnel (shared answers) | stackedBar |
 * | subQuestions, crossTab                                           | stackedColumns |
 * | multipleResponseBy, itemShareBy                                  | bar (grouped)  |
 * | trend                                                            | line (≤ 4 rows), dots (more) |
 * | ranking, buckets (one row), themes (counts), profile, countPercent, ratingMeanBy, populationSampleResponse, itemGridWithN, overview | none |
 */
import type { ChartHint, Table } from '../tables/model.js';

/** Largest number of lines in a line chart; a trend with more rows becomes a dot plot. */
export const MAX_LINES = 4;
/** A single column of at most this many categories gets no bar chart. */
export const MAX_SHORT_LIST = 5;

function dataRows(table: Table): number {
  return table.rows.filter((r) => r.role === 'data').length;
}

/** Columns that hold numbers (a "Totaal" column counts, an N column does not). */
function valueColumns(table: Table): number {
  return table.columns.filter((_, c) => table.rows.some((r) => r.role === 'data' && r.cells[c] !== undefined && r.cells[c]!.format !== 'text' && r.cells[c]!.format !== 'count')).length;
}

/** The chart drawn under a table, or 'none'. */
export function chartFor(table: Table): ChartHint {
  const form = table.chart;
  if (table.chartAsked === true || form === 'none') return form;
  const rows = dataRows(table);
  switch (form) {
    case 'bar':
      // A bar per category: no chart for one row, a two-category answer or a short single column.
      if (rows <= 2) return 'none';
      return valueColumns(table) <= 1 && rows <= MAX_SHORT_LIST ? 'none' : form;
    case 'stackedBar':
      // Segments are the columns: two answers (Ja/Nee) or a single statement say it in numbers.
      return rows <= 1 || valueColumns(table) <= 2 ? 'none' : form;
    case 'stackedColumns':
      return rows <= 2 ? 'none' : form;
    case 'line':
    case 'dots':
      if (rows <= 1) return 'none';
      return rows > MAX_LINES ? 'dots' : 'line';
  }
}
