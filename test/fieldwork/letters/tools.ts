/**
 * Reading the letters PDF back: page text and word boxes through poppler (pdftotext), a page
 * as pixels (pdftoppm) and the QR code in it decoded with jsQR. Chromium and poppler are needed;
 * CI installs both (SPIEGEL_REQUIRE_CHROMIUM=1), elsewhere the tests skip with a warning.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import jsQRModule from 'jsqr';
import { chromiumPath } from '../../../src/report/pdf.js';
import { chromiumAvailable } from '../../report/helpers.js';

const hasChromium = await chromiumAvailable(chromiumPath());
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
const required = process.env.SPIEGEL_REQUIRE_CHROMIUM === '1';

/** Skip the PDF tests (with the reason printed) unless Chromium and poppler are here or CI requires them. */
export const skipPdf = !(hasChromium && hasPoppler) && !required;
if (skipPdf) console.warn(`letters PDF tests skipped: ${hasChromium ? '' : `no Chromium at ${chromiumPath()}; `}${hasPoppler ? '' : 'no pdftotext/pdftoppm (Debian: poppler-utils)'}`);

/** A page's text; the login code's non-breaking hyphens (U+2011) read as "-". */
export function pageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).replace(/\u2011/g, '-');
}

export function pageCountOf(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}

export interface WordBox {
  readonly text: string;
  /** Millimetres from the sheet's left and top edge. */
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

// jsqr is CommonJS whose module.exports is the function; its types declare it the default export.
const jsQR = (typeof jsQRModule === 'function' ? jsQRModule : jsQRModule.default) as typeof jsQRModule.default;

const PT_PER_MM = 72 / 25.4;

/** The words of a page with their boxes (pdftotext -bbox gives points; 1 mm = 72/25.4 pt). */
export function wordBoxes(pdf: string, page: number): WordBox[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });
  const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: unescape(m[5]!),
    left: Number(m[1]) / PT_PER_MM,
    top: Number(m[2]) / PT_PER_MM,
    right: Number(m[3]) / PT_PER_MM,
    bottom: Number(m[4]) / PT_PER_MM,
  }));
}

/** Pixels of a binary PPM (P6, maxval 255: what pdftoppm writes) as RGBA. */
function readPpm(bytes: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  const head = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (head === null) throw new Error('not a P6 PPM with maxval 255');
  const width = Number(head[1]);
  const height = Number(head[2]);
  const rgb = bytes.subarray(head[0].length);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rgb[i * 3]!;
    rgba[i * 4 + 1] = rgb[i * 3 + 1]!;
    rgba[i * 4 + 2] = rgb[i * 3 + 2]!;
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

/** The QR code on a page, decoded from a 150 dpi rendering; undefined if none is found. */
export function qrOnPage(pdf: string, page: number): string | undefined {
  const prefix = `${pdf}-qr-${page}`;
  execFileSync('pdftoppm', ['-r', '150', '-singlefile', '-f', String(page), '-l', String(page), pdf, prefix]);
  try {
    const image = readPpm(readFileSync(`${prefix}.ppm`));
    return jsQR(image.rgba, image.width, image.height)?.data;
  } finally {
    rmSync(`${prefix}.ppm`, { force: true });
  }
}
