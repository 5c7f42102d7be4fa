/**
 * The letters PDF through the report's Chromium pipeline (src/report/pdf.ts): one print, and for
 * duplex a second with a blank page after every letter of an odd page count, so each letter
 * starts on the front of a sheet. The page each letter starts on is read from the PDF's named
 * destinations (each letter carries a link to its own anchor).
 */
import { letterAnchor, lettersHtml, type LetterContent, type LettersLayout } from '../fieldwork/letters/html.js';
import { SpiegelError } from '../errors.js';
import { printPdf, withPage } from '../report/pdf.js';
import { destinationPages, pageCount } from '../report/pdf-structure.js';

/** Page count of each letter, from where each starts; undefined when the PDF cannot be read. */
export function letterPageCounts(pdf: Uint8Array, letters: number): number[] | undefined {
  const starts = destinationPages(pdf);
  const total = pageCount(pdf);
  const first = Array.from({ length: letters }, (_, i) => starts.get(letterAnchor(i)));
  if (total === 0 || first.some((p) => p === undefined)) return undefined;
  return first.map((p, i) => (i + 1 < letters ? first[i + 1]! : total + 1) - p!);
}

export async function lettersPdf(letters: readonly LetterContent[], layout: Omit<LettersLayout, 'blankAfter'>, duplex: boolean, file: string): Promise<{ bytes: Uint8Array; pages: number }> {
  return withPage(
    undefined,
    async (page) => {
      const bytes = await printPdf(page, lettersHtml(letters, layout));
      if (!duplex) return { bytes, pages: pageCount(bytes) };
      const counts = letterPageCounts(bytes, letters.length);
      if (counts === undefined) throw new SpiegelError('REPORT', `cannot lay out ${file} for duplex printing: the pages of the letters could not be read from Chromium's PDF`, { file });
      const odd = new Set(counts.flatMap((c, i) => (c % 2 === 1 ? [i] : [])));
      if (odd.size === 0) return { bytes, pages: pageCount(bytes) };
      const padded = await printPdf(page, lettersHtml(letters, { ...layout, blankAfter: odd }));
      return { bytes: padded, pages: pageCount(padded) };
    },
    file,
  );
}
