/**
 * The table model: the one contract between the tables stage (which computes) and the
 * renderers in src/report (HTML, XLSX, DOCX, PDF, terminal), as marks share one contract in
 * Observable Plot. A renderer never computes a statistic; it only formats what a cell holds.
 *
 * Cells keep the full statistic (estimate, SE, CI, n, weighted N) so an XLSX reader or a
 * reviewer can check any number, plus `shown`: the number exactly as it must be printed,
 * already rounded by the table's convention (whole percentages, largest-remainder rounding
 * so a column sums to 100, one decimal for means). Renderers format `shown` for the locale.
 */

/** How a cell's number reads. Percent cells hold proportions in [0, 1] in `estimate`, and 0–100 in `shown`. */
export type CellFormat = 'percent' | 'mean' | 'count' | 'number' | 'text';

export type CellFlag =
  /** Unweighted base below the disclosure threshold: the number is not shown. */
  | 'suppressed'
  /** The question was not asked in this wave ("Niet gevraagd"). */
  | 'notAsked'
  /** No estimate is possible (empty domain, zero variance where a test needs it). */
  | 'notEstimable'
  /** Significantly different (see the table's notes for which comparison). */
  | 'significant'
  /** Base is small but above the disclosure threshold: read with care. */
  | 'lowBase'
  /** A published figure of an earlier wave (aggregate), not computed from microdata. */
  | 'published';

export interface Cell {
  readonly format: CellFormat;
  /** The estimate: a proportion (0–1) for percent cells, a mean, a total or a count. */
  readonly estimate: number | null;
  /** The number as printed: 0–100 for percent cells, rounded per the table's convention. */
  readonly shown: number | null;
  /** Decimals to print `shown` with (0 for whole percentages, 1 for means as "6,5"). */
  readonly decimals: number;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  /** Unweighted number of respondents behind the cell. */
  readonly n: number | null;
  /** Weighted number behind the cell. */
  readonly weightedN: number | null;
  readonly flags: readonly CellFlag[];
  /** Marker printed after the number, e.g. "*" for a significant difference. */
  readonly mark?: string;
  /** Text of a text cell ("Niet gevraagd", an activity description in the overview table). */
  readonly text?: string;
}

export type RowRole = 'data' | 'total' | 'subheader' | 'n' | 'mean';

export interface Row {
  readonly label: string;
  readonly role: RowRole;
  /** Indentation level for nested stubs (0 = top level). */
  readonly indent?: number;
  readonly cells: readonly Cell[];
}

export interface ColumnHead {
  readonly label: string;
  /** Spanning header above this column (e.g. "2021" above "Eens" / "Oneens"). */
  readonly group?: string;
  /** Unweighted base of the column, printed as "(N=…)" under the header when set. */
  readonly n?: number;
  /**
   * Unweighted base of the spanning header's group, printed once in that header as
   * "Grote gemeenten (N=37)" (report 6's split grids), set on every column of the group.
   */
  readonly groupN?: number;
}

/** The 27 table kinds of the seed catalogue (§2), by a stable id. */
export type TableKind = string;

/**
 * The chart a table is drawn with (the rule per kind is in src/report/chart-rules.ts):
 * stackedBar = one bar per row, segments = columns (a statement grid); stackedColumns = one bar
 * per column, segments = rows (a distribution per group or sub-question); bar = a bar per row
 * (per column when several); line = a line per row over the columns (waves); dots = a dot per
 * column on each row's line (a trend of many rows); none.
 */
export type ChartHint = 'stackedBar' | 'stackedColumns' | 'bar' | 'line' | 'dots' | 'none';

export interface Table {
  /** Stable id used in text references: "{{ t5a.row3.pct }}". */
  readonly id: string;
  /** Number as printed: "5a", "12". */
  readonly number: string;
  /** Title as printed, ending with the footnote marker when there is one. */
  readonly title: string;
  /** Footnote marker at the end of `title` ("1)"), for renderers that set it apart (superscript). */
  readonly footnoteMark?: string;
  /** Base printed in the title, already rounded by convention ("N=680"), or null. */
  readonly nShown: number | null;
  /**
   * The words printed after the title in place of "(N=…)", already filled and formatted
   * ("(Meerdere antwoorden mogelijk; N=778)"), or '' when the title itself holds its N;
   * absent: "(N=nShown)" as usual (src/report/format.ts, titleNText).
   */
  readonly nText?: string;
  /** Question wording shown above or inside the table. */
  readonly question?: string;
  readonly kind: TableKind;
  /** Header of the stub (first) column. */
  readonly stubHead: string;
  readonly columns: readonly ColumnHead[];
  readonly rows: readonly Row[];
  /** Notes printed under the table, in order (significance notes, suppression, footnotes). */
  readonly notes: readonly string[];
  readonly chart: ChartHint;
  /** True when the spec asked for `chart` (options.chart or defaults.chart): drawn without the rules' exceptions. */
  readonly chartAsked?: boolean;
}

export interface TextBlock {
  readonly type: 'text';
  /** Plain text paragraphs with references already filled in. */
  readonly paragraphs: readonly string[];
}

export interface TableBlock {
  readonly type: 'table';
  readonly table: Table;
}

/** A quote from an interview, already de-identified (never the raw text), with its attribution. */
export interface Quote {
  readonly text: string;
  /** "klantmanager, regio Noord" (renderers put the dash in front), or "" when none is asked. */
  readonly attribution: string;
}

/** An interview topic: the researcher's summary, how many interviews mention it, selected quotes. */
export interface TopicBlock {
  readonly type: 'topic';
  readonly topic: string;
  readonly title: string;
  readonly summary: readonly string[];
  readonly interviews: number;
  readonly of: number;
  /** "Genoemd in 3 van de 5 interviews." */
  readonly mentioned: string;
  /** Counts per value of an attribute ("Per regio"), or null. */
  readonly groups: {
    readonly attribute: string;
    readonly heading: string;
    readonly rows: readonly { readonly group: string; readonly interviews: number; readonly of: number; readonly text: string }[];
  } | null;
  readonly quotes: readonly Quote[];
}

/** The "Anders, namelijk" texts of a question, de-identified, with how many there are. */
export interface AnswerListBlock {
  readonly type: 'answers';
  readonly question: string;
  readonly title: string;
  /** Answers with a text in the current wave. */
  readonly total: number;
  /** Of those, moved into an existing category by the back-coding and left out here (0 when all are listed). */
  readonly leftOut: number;
  /** The sentence stating the counts. */
  readonly intro: string;
  readonly answers: readonly string[];
}

export type Block = TextBlock | TableBlock | TopicBlock | AnswerListBlock;

export interface Section {
  readonly heading: string;
  readonly blocks: readonly Block[];
}

export interface Report {
  readonly title: string;
  readonly subtitle?: string;
  /** BCP 47 locale for number formatting: "nl-NL" (6,5 and 4.000) or "en-GB". */
  readonly locale: string;
  readonly sections: readonly Section[];
}
