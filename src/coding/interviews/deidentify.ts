/**
 * De-identifying quotes before they go into a report: names, places and other words the
 * research team lists are replaced by a neutral marker ("[naam]", "[gemeente]"), and so are
 * e-mail addresses, phone numbers, postcodes and 9-digit numbers (BSN) found by pattern.
 * Every replacement is logged with its position in the original text, so the coder role (and
 * only it: the log is stored apart) can see what was replaced and undo it.
 */
import { codePointOffset, utf16Index } from './spans.js';

export interface IdentifyingTerm {
  /** The word or phrase as it occurs (matched as whole words, ignoring case). */
  readonly text: string;
  /** What the report shows instead, e.g. "[naam]". */
  readonly replacement: string;
}

export interface Redaction {
  /** Code point offsets in the original text. */
  readonly start: number;
  readonly end: number;
  /** Code point offset of the replacement in the de-identified text. */
  readonly at: number;
  readonly original: string;
  readonly replacement: string;
  /** Which rule found it: "term" or the pattern's name. */
  readonly rule: string;
}

export interface Deidentified {
  readonly text: string;
  readonly redactions: readonly Redaction[];
}

const PATTERNS: readonly { name: string; regex: RegExp; replacement: string }[] = [
  { name: 'email', regex: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, replacement: '[e-mail]' },
  { name: 'phone', regex: /(?<![\p{N}])(?:\+31[\s-]?|0031[\s-]?|0)(?:[1-9][\s-]?(?:\d[\s-]?){7}\d)(?![\p{N}])/gu, replacement: '[telefoon]' },
  { name: 'postcode', regex: /(?<![\p{L}\p{N}])[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}(?![\p{L}\p{N}])/gu, replacement: '[postcode]' },
  { name: 'bsn', regex: /(?<![\p{N}])\d{9}(?![\p{N}])/gu, replacement: '[nummer]' },
];

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Match {
  start: number; // UTF-16 indices while matching
  end: number;
  replacement: string;
  rule: string;
}

export function deidentify(text: string, terms: readonly IdentifyingTerm[] = []): Deidentified {
  const matches: Match[] = [];
  for (const p of PATTERNS) {
    for (const m of text.matchAll(p.regex)) matches.push({ start: m.index, end: m.index + m[0].length, replacement: p.replacement, rule: p.name });
  }
  for (const term of terms) {
    const t = term.text.trim();
    if (t === '') continue;
    const regex = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegex(t).replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(regex)) matches.push({ start: m.index, end: m.index + m[0].length, replacement: term.replacement, rule: 'term' });
  }
  // Earliest first; of overlapping matches the longest wins.
  matches.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Match[] = [];
  for (const m of matches) if (kept.length === 0 || m.start >= kept[kept.length - 1].end) kept.push(m);
  let out = '';
  let at = 0;
  const redactions: Redaction[] = [];
  for (const m of kept) {
    out += text.slice(at, m.start);
    const placed = codePointOffset(out, out.length);
    out += m.replacement;
    redactions.push({ start: codePointOffset(text, m.start), end: codePointOffset(text, m.end), at: placed, original: text.slice(m.start, m.end), replacement: m.replacement, rule: m.rule });
    at = m.end;
  }
  out += text.slice(at);
  return { text: out, redactions };
}

/** The original text back from a de-identified one and its log (coder role only). */
export function reidentify(deidentified: Deidentified): string {
  const text = deidentified.text;
  let out = '';
  let at = 0;
  for (const r of deidentified.redactions) {
    const i = utf16Index(text, r.at);
    if (text.slice(i, i + r.replacement.length) !== r.replacement) throw new RangeError(`the redaction log does not fit the text: "${r.replacement}" is not at ${r.at}`);
    out += text.slice(at, i) + r.original;
    at = i + r.replacement.length;
  }
  return out + text.slice(at);
}
