/**
 * Escaping for HTML and SVG text and attribute values. Labels, titles, notes and open answers
 * come from researchers and respondents, so every string that reaches markup passes here.
 * The five characters are replaced in text and attributes alike; the output is also valid XML,
 * so the report can be checked with an XML parser.
 */
import { xmlSafe } from './clean.js';

const replacements: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escape a string for use as HTML/SVG text or a quoted attribute value. */
export function escapeHtml(text: string): string {
  // Characters XML 1.0 forbids (C0 controls except tab/newline/CR) are dropped: a pasted
  // control character from an open answer must not make the file unreadable.
  return xmlSafe(text).replace(/[&<>"']/g, (c) => replacements[c] ?? c);
}
