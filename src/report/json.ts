/**
 * tables.json: every table of the report in one documented JSON file, for readers who check or
 * reuse the numbers (docs/study-spec.md, "tables.json"). Per table: its id (unique, unlike the
 * printed number), number, title, N, columns, notes; per cell: the printed text, the rounded
 * number as printed (`shown`), the unrounded estimate, its SE and confidence interval, the
 * unweighted n, the weighted N, the mark and the flags. Percent cells hold proportions (0–1) in
 * `estimate`, `se` and `ci`, and 0–100 in `shown`.
 * Disclosure control holds here as in the printed tables: a suppressed cell carries its flag
 * and nothing else (no number, SE, interval, n or weighted N).
 */
import { writeFile } from 'node:fs/promises';
import type { Cell, Report, Table } from '../tables/model.js';
import { formatCell, plainTitle, tableLabel, tableNotes, titleNText } from './format.js';

export const TABLES_JSON_VERSION = 1;

export interface JsonCell {
  readonly column: number;
  readonly text: string;
  readonly format: Cell['format'];
  readonly shown: number | null;
  readonly decimals: number;
  readonly estimate: number | null;
  readonly se: number | null;
  readonly ci: readonly [number, number] | null;
  readonly n: number | null;
  readonly weightedN: number | null;
  readonly mark: string | null;
  readonly flags: readonly string[];
}

export interface JsonTable {
  readonly id: string;
  readonly number: string;
  readonly label: string;
  readonly title: string;
  readonly footnoteMark: string | null;
  readonly n: number | null;
  readonly kind: string;
  readonly section: string;
  readonly question: string | null;
  readonly stubHead: string;
  /** What the title is followed by as printed: "(N=680)", the spec's nLabel wording, or '' (no N, or the title holds it). */
  readonly nText: string;
  readonly columns: readonly { readonly label: string; readonly group: string | null; readonly n: number | null; readonly groupN: number | null }[];
  readonly rows: readonly { readonly label: string; readonly role: string; readonly indent: number; readonly cells: readonly JsonCell[] }[];
  readonly notes: readonly string[];
}

export interface JsonReport {
  readonly format: 'spiegel-tables';
  readonly version: number;
  readonly title: string;
  readonly subtitle: string | null;
  readonly locale: string;
  readonly tables: readonly JsonTable[];
  /** Interview topics of the report: counts, summary and the de-identified quotes (docs/study-spec.md). */
  readonly topics: readonly JsonTopic[];
  /** Lists of "Anders, namelijk" answers (de-identified), with their counts. */
  readonly answerLists: readonly JsonAnswerList[];
}

export interface JsonTopic {
  readonly topic: string;
  readonly title: string;
  readonly section: string;
  readonly interviews: number;
  readonly of: number;
  readonly mentioned: string;
  readonly by: string | null;
  readonly groups: readonly { readonly group: string; readonly interviews: number; readonly of: number }[];
  readonly summary: readonly string[];
  readonly quotes: readonly { readonly text: string; readonly attribution: string }[];
}

export interface JsonAnswerList {
  readonly question: string;
  readonly title: string;
  readonly section: string;
  readonly total: number;
  readonly leftOut: number;
  readonly intro: string;
  readonly answers: readonly string[];
}

const finite = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);

function jsonCell(cell: Cell, column: number, locale: string): JsonCell {
  const hidden = cell.flags.includes('suppressed');
  const keep = (x: number | null | undefined): number | null => (hidden ? null : finite(x));
  return {
    column,
    text: formatCell(cell, locale).text,
    format: cell.format,
    shown: keep(cell.shown),
    decimals: cell.decimals,
    estimate: keep(cell.estimate),
    se: keep(cell.se),
    ci: hidden || cell.ci === null || !cell.ci.every(Number.isFinite) ? null : [cell.ci[0], cell.ci[1]],
    n: keep(cell.n),
    weightedN: keep(cell.weightedN),
    mark: hidden ? null : (cell.mark ?? null),
    flags: [...cell.flags],
  };
}

function jsonTable(table: Table, section: string, locale: string): JsonTable {
  return {
    id: table.id,
    number: table.number,
    label: tableLabel(table, locale),
    title: plainTitle(table),
    footnoteMark: table.footnoteMark ?? null,
    n: table.nShown,
    nText: titleNText(table, locale).trim(),
    kind: table.kind,
    section,
    question: table.question ?? null,
    stubHead: table.stubHead,
    columns: table.columns.map((c) => ({ label: c.label, group: c.group ?? null, n: c.n ?? null, groupN: c.groupN ?? null })),
    rows: table.rows.map((r) => ({ label: r.label, role: r.role, indent: r.indent ?? 0, cells: r.cells.map((c, i) => jsonCell(c, i, locale)) })),
    notes: tableNotes(table, locale),
  };
}

/** The report's tables as the tables.json document. */
export function buildJson(report: Report): JsonReport {
  return {
    format: 'spiegel-tables',
    version: TABLES_JSON_VERSION,
    title: report.title,
    subtitle: report.subtitle ?? null,
    locale: report.locale,
    tables: report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'table' ? [jsonTable(b.table, s.heading, report.locale)] : []))),
    topics: report.sections.flatMap((s) =>
      s.blocks.flatMap((b): JsonTopic[] =>
        b.type === 'topic'
          ? [{ topic: b.topic, title: b.title, section: s.heading, interviews: b.interviews, of: b.of, mentioned: b.mentioned, by: b.groups?.attribute ?? null, groups: (b.groups?.rows ?? []).map(({ group, interviews, of }) => ({ group, interviews, of })), summary: b.summary, quotes: b.quotes }]
          : [],
      ),
    ),
    answerLists: report.sections.flatMap((s) =>
      s.blocks.flatMap((b): JsonAnswerList[] => (b.type === 'answers' ? [{ question: b.question, title: b.title, section: s.heading, total: b.total, leftOut: b.leftOut, intro: b.intro, answers: b.answers }] : [])),
    ),
  };
}

/** Write tables.json for a report. */
export async function renderJson(report: Report, path: string): Promise<void> {
  await writeFile(path, `${JSON.stringify(buildJson(report), null, 2)}\n`, 'utf8');
}
