/**
 * The sheet of the workbook with what came from coding: per interview topic the count of
 * interviews (overall and per group), the summary and the quotes; per list of "Anders,
 * namelijk" answers the counts and the answers. Texts are written as plain string cells, never
 * as formulas: a quote that starts with "=" stays text in Excel.
 */
import type ExcelJS from 'exceljs';
import type { Report } from '../tables/model.js';

interface Words {
  sheet: string;
  head: readonly string[];
  mentioned: string;
  group: string;
  summary: string;
  quote: string;
  count: string;
  answer: string;
}

const nl: Words = { sheet: 'Citaten en antwoorden', head: ['Sectie', 'Onderwerp of vraag', 'Soort', 'Tekst', 'Bij', 'Aantal', 'Van'], mentioned: 'genoemd', group: 'per groep', summary: 'samenvatting', quote: 'citaat', count: 'aantal', answer: 'antwoord' };
const en: Words = { sheet: 'Quotes and answers', head: ['Section', 'Topic or question', 'Kind', 'Text', 'By', 'Count', 'Of'], mentioned: 'mentioned', group: 'by group', summary: 'summary', quote: 'quote', count: 'count', answer: 'answer' };

export function codingSheetName(locale: string): string {
  return (locale.startsWith('nl') ? nl : en).sheet;
}

export function hasCodingBlocks(report: Report): boolean {
  return report.sections.some((s) => s.blocks.some((b) => b.type === 'topic' || b.type === 'answers'));
}

type Line = [string, string, string, string, string, number | null, number | null];

export function addCodingSheet(ws: ExcelJS.Worksheet, report: Report): void {
  const w = report.locale.startsWith('nl') ? nl : en;
  const lines: Line[] = [];
  for (const s of report.sections) {
    for (const b of s.blocks) {
      if (b.type === 'topic') {
        lines.push([s.heading, b.title, w.mentioned, b.mentioned, '', b.interviews, b.of]);
        for (const g of b.groups?.rows ?? []) lines.push([s.heading, b.title, w.group, g.text, g.group, g.interviews, g.of]);
        for (const p of b.summary) lines.push([s.heading, b.title, w.summary, p, '', null, null]);
        for (const q of b.quotes) lines.push([s.heading, b.title, w.quote, q.text, q.attribution, null, null]);
      } else if (b.type === 'answers') {
        lines.push([s.heading, b.title, w.count, b.intro, '', b.total - b.leftOut, b.total]);
        for (const a of b.answers) lines.push([s.heading, b.title, w.answer, a, '', null, null]);
      }
    }
  }
  w.head.forEach((h, i) => {
    const c = ws.getCell(1, i + 1);
    c.value = h;
    c.font = { bold: true };
    c.border = { bottom: { style: 'thin' } };
  });
  lines.forEach((line, r) => {
    line.forEach((v, i) => {
      if (v === null || v === '') return;
      const c = ws.getCell(r + 2, i + 1);
      // A string value is a shared string in exceljs; only { formula } objects become formulas.
      c.value = v;
      if (i === 3) c.alignment = { wrapText: true, vertical: 'top' };
      else c.alignment = { vertical: 'top' };
    });
  });
  [24, 30, 14, 80, 24, 8, 8].forEach((width, i) => (ws.getColumn(i + 1).width = width));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}
