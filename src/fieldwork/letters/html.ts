/**
 * The letters as one HTML document for Chromium's print: A4, each letter from a new page, the
 * address block absolutely positioned in millimetres for a window envelope (return address in
 * small print above it), the letterhead beside it, the date, the body (the spec's Markdown with
 * the participant's values, escaped) and a QR code of the personal link.
 *
 * Page geometry: the printed page area starts `pageTop` mm below the sheet's edge (so a second
 * page of a long letter does not begin at the paper's edge); positions inside a letter are
 * relative to that area, hence the window's top minus `pageTop`.
 */
import type { LettersSpec } from '../../spec/fieldwork-contact.js';
import { templateHtml, templateLine } from '../contact/template.js';
import { documentText, html, type Html } from '../questionnaire/escape.js';
import { type LetterLocale, longDate } from './values.js';

export interface LetterContent {
  readonly participantId: string;
  readonly values: Readonly<Record<string, string>>;
  /** SVG of the QR code of the personal link. */
  readonly qrSvg: string;
}

export interface LettersLayout {
  readonly spec: LettersSpec;
  /** The invitation's or reminder's Markdown. */
  readonly body: string;
  readonly locale: LetterLocale;
  /** Date printed on the letters (ISO date). */
  readonly date: string;
  /** Letters (by index) followed by a blank page, so the next starts on the front of a sheet. */
  readonly blankAfter?: ReadonlySet<number>;
}

const WORDS: Record<LetterLocale, { readonly returnTo: string; readonly qr: string; readonly title: string }> = {
  'nl-NL': { returnTo: 'Retouradres', qr: 'Scan de QR-code met de camera van uw telefoon om de vragenlijst te openen.', title: 'Brieven' },
  'en-GB': { returnTo: 'Return address', qr: 'Scan the QR code with your phone\'s camera to open the questionnaire.', title: 'Letters' },
};

/** Element id of letter `i` (a named destination in the PDF: the page each letter starts on). */
export function letterAnchor(i: number): string {
  return `letter-${i + 1}`;
}

export function pageTopMargin(spec: LettersSpec): number {
  return Math.min(15, spec.window.top);
}

function dataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/**
 * The login code with non-breaking hyphens (U+2011): a code split over two lines is misread
 * (and a PDF reader takes the break for a hyphenated word and drops the hyphen).
 */
function unbreakable(values: Readonly<Record<string, string>>): Record<string, string> {
  return { ...values, code: (values.code ?? '').replace(/-/g, '\u2011') };
}

function letterHtml(letter: LetterContent, i: number, layout: LettersLayout): Html {
  const { spec, locale } = layout;
  const w = spec.window;
  const words = WORDS[locale];
  const top = pageTopMargin(spec);
  const sender = spec.sender ?? [];
  // The letterhead goes to the side the window leaves free.
  const headSide = w.left + w.width / 2 < 105 ? 'right' : 'left';
  return html`<section class="letter" id="${letterAnchor(i)}">
<a class="mark" href="#${letterAnchor(i)}" aria-hidden="true" tabindex="-1">&#8203;</a>
${sender.length > 0 ? html`<div class="letterhead" style="${headSide}: 20mm">${sender.map((l) => html`<div>${l}</div>`)}</div>` : ''}
<div class="window" style="left: ${w.left}mm; top: ${w.top - top}mm; width: ${w.width}mm; height: ${w.height}mm">
${sender.length > 0 ? html`<div class="return">${words.returnTo} ${sender.join(' · ')}</div>` : ''}
<div class="address">${spec.address.map((line) => html`<div>${templateLine(line, letter.values)}</div>`)}</div>
</div>
<div class="spacer" style="height: ${w.top + w.height - top + 12}mm"></div>
<p class="date">${longDate(layout.date, locale)}</p>
<div class="body">${templateHtml(layout.body, unbreakable(letter.values))}</div>
<div class="qr"><img src="${dataUri(letter.qrSvg)}" alt=""><p>${words.qr}</p></div>
</section>
${layout.blankAfter?.has(i) === true ? html`<div class="blank"></div>` : ''}`;
}

/** The whole print document. */
export function lettersHtml(letters: readonly LetterContent[], layout: LettersLayout): string {
  const top = pageTopMargin(layout.spec);
  const side = Math.max(15, Math.min(layout.spec.window.left, 35));
  const doc = html`<!DOCTYPE html>
<html lang="${layout.locale.slice(0, 2)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${WORDS[layout.locale].title}</title>
<style>
@page { size: A4; margin: ${top}mm 0 20mm 0; }
html, body { margin: 0; padding: 0; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.4; color: #000; }
.letter { position: relative; break-before: page; padding: 0 20mm 0 ${side}mm; }
.letter:first-child { break-before: auto; }
.mark { position: absolute; top: 0; left: 0; font-size: 1pt; color: transparent; text-decoration: none; }
.letterhead { position: absolute; top: 0; font-size: 9pt; line-height: 1.3; }
.letterhead div:first-child { font-weight: bold; }
.window { position: absolute; box-sizing: border-box; padding: 3mm 4mm; overflow: hidden; }
.return { font-size: 7pt; line-height: 1.2; border-bottom: 0.3pt solid #000; padding-bottom: 0.5mm; margin-bottom: 2mm; }
.address { font-size: 11pt; line-height: 1.3; }
.date { margin: 0 0 8mm 0; }
.body p { margin: 0 0 3.5mm 0; }
.body ul { margin: 0 0 3.5mm 0; padding-left: 6mm; }
.body a { color: #000; text-decoration: none; white-space: nowrap; }
.qr { display: flex; align-items: center; gap: 5mm; margin-top: 6mm; break-inside: avoid; }
.qr img { width: 32mm; height: 32mm; flex: none; }
.qr p { margin: 0; font-size: 9.5pt; }
.blank { break-before: page; height: 1px; }
</style>
</head>
<body>
${letters.map((l, i) => letterHtml(l, i, layout))}
</body>
</html>
`;
  return documentText(doc);
}
