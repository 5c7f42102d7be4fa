/**
 * Reading and amending the PDF that Chromium (Skia) writes, for the second printing pass:
 * - which page each named destination (an element id that a link points to) landed on, so
 *   the contents list can print page numbers (Chromium has no CSS target-counter);
 * - the bookmark (outline) titles: Chromium builds them from the heading's text runs and drops
 *   the space at every line break ("meteen" for "met een"), so they are rewritten from the
 *   known titles in an incremental update (ISO 32000-1 §7.5.6), which leaves every byte of
 *   the original file in place.
 * Skia writes plain (uncompressed) objects and a classic cross-reference table; a PDF with
 * object streams is left alone (no page numbers, bookmarks as Chromium made them).
 */

interface Objects {
  readonly text: string;
  /** Object number → offset of the text after "N 0 obj". */
  readonly at: ReadonlyMap<number, number>;
}

function indexObjects(pdf: Uint8Array): Objects {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const at = new Map<number, number>();
  const re = /(?:^|[\r\n])(\d+) 0 obj\b/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) at.set(Number(m[1]), m.index + m[0].length);
  return { text, at };
}

/** The dictionary text of object `num` (up to its "endobj"), or undefined. */
function objectText(o: Objects, num: number): string | undefined {
  const start = o.at.get(num);
  if (start === undefined) return undefined;
  const end = o.text.indexOf('endobj', start);
  const body = o.text.slice(start, end < 0 ? undefined : end);
  const stream = body.indexOf('stream');
  return stream < 0 ? body : body.slice(0, stream);
}

function ref(dict: string, key: string): number | undefined {
  const m = new RegExp(`/${key}\\s+(\\d+)\\s+0\\s+R`).exec(dict);
  return m ? Number(m[1]) : undefined;
}

function trailerOf(o: Objects): string | undefined {
  const i = o.text.lastIndexOf('trailer');
  return i < 0 ? undefined : o.text.slice(i);
}

/** Page object numbers in page order (walking the page tree). */
function pageOrder(o: Objects, root: number): number[] {
  const pages: number[] = [];
  const walk = (num: number, depth: number): void => {
    const dict = objectText(o, num);
    if (dict === undefined || depth > 32) return;
    if (/\/Type\s*\/Pages\b/.test(dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+)\s+0\s+R/g)) walk(Number(k[1]), depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(dict)) {
      pages.push(num);
    }
  };
  walk(root, 0);
  return pages;
}

function catalog(o: Objects): string | undefined {
  const trailer = trailerOf(o);
  const root = trailer === undefined ? undefined : ref(trailer, 'Root');
  return root === undefined ? undefined : objectText(o, root);
}

/** Decode a PDF name token's #xx escapes. */
function pdfName(name: string): string {
  return name.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * The 1-based page of every named destination (Chromium names them after the element ids that
 * links point to). Empty when the file is not in the plain form Skia writes.
 */
export function destinationPages(pdf: Uint8Array): Map<string, number> {
  const o = indexObjects(pdf);
  const out = new Map<string, number>();
  const cat = catalog(o);
  if (cat === undefined) return out;
  const pagesRoot = ref(cat, 'Pages');
  const destsRef = ref(cat, 'Dests');
  if (pagesRoot === undefined || destsRef === undefined) return out;
  const order = pageOrder(o, pagesRoot);
  const pageIndex = new Map(order.map((p, i) => [p, i + 1]));
  const dests = objectText(o, destsRef) ?? '';
  for (const m of dests.matchAll(/\/([^\s/\[\]<>()]+)\s*\[\s*(\d+)\s+0\s+R/g)) {
    const page = pageIndex.get(Number(m[2]));
    if (page !== undefined) out.set(pdfName(m[1]!), page);
  }
  return out;
}

/** Number of pages in the file (0 when the page tree cannot be read). */
export function pageCount(pdf: Uint8Array): number {
  const o = indexObjects(pdf);
  const cat = catalog(o);
  const root = cat === undefined ? undefined : ref(cat, 'Pages');
  return root === undefined ? 0 : pageOrder(o, root).length;
}

/** A PDF text string in UTF-16BE hex, which holds any character. */
function pdfTextString(s: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

/** The text of a literal or hex PDF string token as Skia writes titles (ASCII/PDFDoc or UTF-16BE). */
function decodeTitle(token: string): string {
  if (token.startsWith('<')) {
    const hex = token.slice(1, -1).replace(/\s/g, '');
    const bytes = Buffer.from(hex, 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  return token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e;
  });
}

const titleToken = /\/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/;
const squeeze = (s: string): string => s.replace(/\s+/g, '');

/**
 * Rewrite bookmark titles that differ from a known title only in white space (Chromium's lost
 * spaces at line breaks). Returns the PDF with an incremental update appended, or the input
 * unchanged when nothing needs fixing or the file is not in the expected form.
 */
export function fixOutlineTitles(pdf: Uint8Array, titles: readonly string[]): Uint8Array {
  const o = indexObjects(pdf);
  const trailer = trailerOf(o);
  const cat = catalog(o);
  if (trailer === undefined || cat === undefined) return pdf;
  const outlines = ref(cat, 'Outlines');
  const size = /\/Size\s+(\d+)/.exec(trailer)?.[1];
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(o.text)?.[1];
  if (outlines === undefined || size === undefined || startxref === undefined) return pdf;
  const known = new Map<string, string>();
  for (const t of titles) if (!known.has(squeeze(t))) known.set(squeeze(t), t);

  const changed: { num: number; dict: string }[] = [];
  const seen = new Set<number>();
  const visit = (num: number | undefined): void => {
    for (let cur = num; cur !== undefined && !seen.has(cur); ) {
      seen.add(cur);
      const dict = objectText(o, cur);
      if (dict === undefined) return;
      const token = titleToken.exec(dict);
      if (token) {
        const now = decodeTitle(token[1]!);
        const want = known.get(squeeze(now));
        if (want !== undefined && want !== now) changed.push({ num: cur, dict: dict.replace(titleToken, `/Title ${pdfTextString(want)}`).trim() });
      }
      visit(ref(dict, 'First'));
      cur = ref(dict, 'Next');
    }
  };
  visit(ref(objectText(o, outlines) ?? '', 'First'));
  if (changed.length === 0) return pdf;

  let offset = pdf.byteLength;
  const parts: string[] = [];
  const xref: string[] = ['xref', '0 1', '0000000000 65535 f '];
  for (const c of changed) {
    const body = `\n${c.num} 0 obj\n${c.dict}\nendobj\n`;
    xref.push(`${c.num} 1`, `${String(offset + 1).padStart(10, '0')} 00000 n `);
    parts.push(body);
    offset += Buffer.byteLength(body, 'latin1');
  }
  const keep = (key: string): string => {
    const m = new RegExp(`/${key}\\s+\\d+\\s+0\\s+R`).exec(trailer);
    return m ? `${m[0]}\n` : '';
  };
  const tail = `${xref.join('\n')}\ntrailer\n<</Size ${size}\n${keep('Root')}${keep('Info')}/Prev ${startxref}>>\nstartxref\n${offset}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(pdf), Buffer.from(parts.join('') + tail, 'latin1')]);
}
