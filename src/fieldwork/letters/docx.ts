/**
 * The letters as a Word document (npm docx): one section per letter, so each starts on a new
 * page; the return address and address lines in one frame anchored to the page at the window
 * of the envelope (mm from the sheet's edge), the letterhead in a frame beside it, then the
 * date, the text (plain: Word gets the template's paragraphs and lists, not its bold) and the
 * QR code of the personal link as a PNG. Values go in as text runs, so nothing in a name can
 * become markup or a field.
 */
import { AlignmentType, Document, FrameAnchorType, HeightRule, ImageRun, Packer, Paragraph, TextRun, type ISectionOptions } from 'docx';
import { templateLine, templateText } from '../contact/template.js';
import type { LetterContent, LettersLayout } from './html.js';
import { pageTopMargin } from './html.js';
import { qrPng } from './qr.js';
import { longDate } from './values.js';

/** Twips (1/1440 inch) in a millimetre. */
const MM = 1440 / 25.4;
const tw = (mm: number): number => Math.round(mm * MM);

const WORDS = {
  'nl-NL': { returnTo: 'Retouradres', qr: 'Scan de QR-code met de camera van uw telefoon om de vragenlijst te openen.' },
  'en-GB': { returnTo: 'Return address', qr: 'Scan the QR code with your phone\'s camera to open the questionnaire.' },
} as const;

/** Characters XML 1.0 cannot carry (a control character in a sample file) are dropped. */
function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

function bodyParagraphs(text: string): Paragraph[] {
  return text.split('\n\n').flatMap((block) =>
    block.split('\n').map((line, i, lines) => {
      const item = line.startsWith('- ');
      return new Paragraph({
        // Items of a list close together, the list as a whole spaced like a paragraph.
        spacing: { after: item && i < lines.length - 1 ? 60 : 200 },
        ...(item ? { indent: { left: tw(6), hanging: tw(4) } } : {}),
        children: [new TextRun(xmlText(item ? `•\t${line.slice(2)}` : line))],
      });
    }),
  );
}

async function letterSection(letter: LetterContent, layout: LettersLayout): Promise<ISectionOptions> {
  const { spec, locale } = layout;
  const w = spec.window;
  const top = pageTopMargin(spec);
  const side = Math.max(15, Math.min(w.left, 35));
  const sender = spec.sender ?? [];
  const window = {
    type: 'absolute' as const,
    position: { x: tw(w.left + 4), y: tw(w.top + 3) },
    width: tw(w.width - 8),
    height: tw(w.height - 6),
    rule: HeightRule.EXACT,
    anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
  };
  const headLeft = w.left + w.width / 2 < 105 ? 120 : side;
  const head = {
    type: 'absolute' as const,
    position: { x: tw(headLeft), y: tw(top) },
    width: tw(70),
    anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
  };
  const headAlign = headLeft === 120 ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const qr = await qrPng(letter.values.link ?? '', 400);
  return {
    properties: {
      page: { size: { width: 11906, height: 16838 }, margin: { top: tw(top), bottom: tw(20), left: tw(side), right: tw(20) } },
    },
    children: [
      ...sender.map((l, i) => new Paragraph({ frame: head, alignment: headAlign, children: [new TextRun({ text: xmlText(l), size: 18, bold: i === 0 })] })),
      ...(sender.length > 0
        ? [new Paragraph({ frame: window, spacing: { after: 80 }, children: [new TextRun({ text: xmlText(`${WORDS[locale].returnTo} ${sender.join(' · ')}`), size: 14 })] })]
        : []),
      ...spec.address.map((line) => new Paragraph({ frame: window, children: [new TextRun(xmlText(templateLine(line, letter.values)))] })),
      new Paragraph({ spacing: { before: tw(w.top + w.height + 12 - top), after: 300 }, children: [new TextRun(longDate(layout.date, locale))] }),
      ...bodyParagraphs(templateText(layout.body, letter.values)),
      new Paragraph({ spacing: { before: 200 }, children: [new ImageRun({ type: 'png', data: qr, transformation: { width: 121, height: 121 }, altText: { name: 'QR', description: WORDS[locale].qr, title: 'QR' } })] }),
      new Paragraph({ children: [new TextRun({ text: WORDS[locale].qr, size: 19 })] }),
    ],
  };
}

export async function lettersDocx(letters: readonly LetterContent[], layout: LettersLayout): Promise<Uint8Array> {
  const sections: ISectionOptions[] = [];
  for (const letter of letters) sections.push(await letterSection(letter, layout));
  const doc = new Document({
    creator: 'spiegel',
    title: layout.locale === 'nl-NL' ? 'Brieven' : 'Letters',
    styles: { default: { document: { run: { font: 'Arial', size: 22, language: { value: layout.locale } } } } },
    sections,
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
