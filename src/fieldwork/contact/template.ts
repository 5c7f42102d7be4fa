/**
 * Templates of letters and e-mails: the small Markdown subset of the questionnaire's texts
 * (paragraphs, "- " lists, **bold**) with `{{placeholders}}`. A placeholder is a contact column
 * (`{{naam}}`) or one of the fixed names below; its value is inserted as text after the Markdown
 * is parsed, so a name with `**` or `<script>` in it stays literally what it is, in HTML escaped.
 */
import { html, type Html } from '../questionnaire/escape.js';

/** Placeholders every template may use besides the contact columns. */
export const FIXED_PLACEHOLDERS = ['link', 'code', 'loginUrl', 'closes', 'optOut'] as const;
export type FixedPlaceholder = (typeof FIXED_PLACEHOLDERS)[number];

/** Placeholders whose value is an address: a link in HTML. */
const LINKS: ReadonlySet<string> = new Set(['link', 'loginUrl', 'optOut']);

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

/** The names used in a template, in order of first use. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Placeholders of a template that are neither fixed nor one of `columns`. */
export function unknownPlaceholders(template: string, columns: readonly string[]): string[] {
  const known = new Set<string>([...FIXED_PLACEHOLDERS, ...columns]);
  return placeholdersOf(template).filter((p) => !known.has(p));
}

type Values = Readonly<Record<string, string>>;

interface Block {
  readonly kind: 'p' | 'ul';
  readonly lines: readonly string[];
}

function blocks(template: string): Block[] {
  return template
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').map((l) => l.trim()).filter((l) => l !== ''))
    .filter((lines) => lines.length > 0)
    .map((lines) => (lines.every((l) => /^[-*] /.test(l)) ? { kind: 'ul', lines: lines.map((l) => l.slice(2)) } : { kind: 'p', lines: [lines.join(' ')] }));
}

/** One line of a template: bold runs split first, then placeholders filled inside each run. */
function inlineHtml(line: string, values: Values): Html {
  const runs = line.split(/\*\*(.+?)\*\*/g);
  return html`${runs.map((run, i) => {
    const parts = run.split(PLACEHOLDER);
    // split with one capture group: text, name, text, name, …
    const filled = html`${parts.map((p, j) => {
      if (j % 2 === 0) return p;
      const value = values[p] ?? '';
      return LINKS.has(p) && /^https?:\/\//.test(value) ? html`<a href="${value}">${value}</a>` : value;
    })}`;
    return i % 2 === 1 ? html`<strong>${filled}</strong>` : filled;
  })}`;
}

/** The template as HTML paragraphs and lists, values escaped, addresses as links. */
export function templateHtml(template: string, values: Values): Html {
  return html`${blocks(template).map((b) =>
    b.kind === 'ul' ? html`<ul>${b.lines.map((l) => html`<li>${inlineHtml(l, values)}</li>`)}</ul>` : html`<p>${inlineHtml(b.lines[0], values)}</p>`,
  )}`;
}

/** The template as plain text (for the text part of an e-mail and for DOCX runs): no markup. */
export function templateText(template: string, values: Values): string {
  const fill = (line: string): string => line.replace(/\*\*(.+?)\*\*/g, '$1').replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
  return blocks(template)
    .map((b) => (b.kind === 'ul' ? b.lines.map((l) => `- ${fill(l)}`).join('\n') : fill(b.lines[0])))
    .join('\n\n');
}

/** A one-line template (an address line, a subject): placeholders filled, no Markdown. */
export function templateLine(template: string, values: Values): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '').replace(/\s+/g, ' ').trim();
}
