/**
 * Word paragraphs of the report blocks that come from coding: an interview topic (Heading 3,
 * the count of interviews, counts per group, the summary, quotes indented in italics with
 * their attribution) and a list of "Anders, namelijk" answers. Text goes into Word as text
 * runs, never as fields or markup, so a quote cannot become a formula or a link.
 */
import { AlignmentType, HeadingLevel, Paragraph, TextRun } from 'docx';
import type { AnswerListBlock, TopicBlock } from '../tables/model.js';

const INDENT = 567; // 1 cm in twentieths of a point

function plain(text: string, opts: { italic?: boolean; bold?: boolean; indent?: number; keepNext?: boolean; size?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.LEFT,
    keepNext: opts.keepNext,
    indent: opts.indent === undefined ? undefined : { left: opts.indent },
    spacing: opts.after === undefined ? undefined : { after: opts.after },
    children: [new TextRun({ text, italics: opts.italic, bold: opts.bold, size: opts.size })],
  });
}

/** Heading 3 in Word; bold with space above as direct formatting too, for readers without Word's built-in heading styles. */
function heading(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_3, keepNext: true, spacing: { before: 240, after: 60 }, children: [new TextRun({ text, bold: true, size: 23 })] });
}

export function topicParagraphs(block: TopicBlock): Paragraph[] {
  const out: Paragraph[] = [heading(block.title)];
  out.push(plain(block.mentioned, { bold: true, keepNext: block.groups !== null || block.summary.length > 0 }));
  if (block.groups !== null) {
    out.push(plain(block.groups.heading, { keepNext: true, after: 0 }));
    block.groups.rows.forEach((r, i) => out.push(plain(`• ${r.text}`, { indent: INDENT, after: i === block.groups!.rows.length - 1 ? undefined : 0 })));
  }
  for (const p of block.summary) out.push(plain(p));
  for (const q of block.quotes) {
    out.push(plain(`“${q.text}”`, { italic: true, indent: INDENT, keepNext: q.attribution !== '', after: q.attribution === '' ? undefined : 40 }));
    if (q.attribution !== '') out.push(plain(`— ${q.attribution}`, { indent: INDENT, size: 19 }));
  }
  return out;
}

export function answerParagraphs(block: AnswerListBlock): Paragraph[] {
  const out: Paragraph[] = [heading(block.title)];
  out.push(plain(block.intro, { keepNext: block.answers.length > 0 }));
  block.answers.forEach((a, i) => out.push(plain(`– ${a}`, { indent: INDENT, after: i === block.answers.length - 1 ? undefined : 40 })));
  return out;
}
