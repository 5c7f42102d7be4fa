/**
 * The one way HTML is made in the questionnaire: the `html` template tag. Every value put into
 * a template is escaped, unless it is itself the result of `html` (markup this module wrote).
 * There is no function that turns a string into markup, so no respondent text, label or spec
 * text can reach a page unescaped.
 */

const MARK: unique symbol = Symbol('html');

/** Markup made by `html`; only this module can create it. */
export interface Html {
  readonly [MARK]: true;
  readonly text: string;
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Text → HTML text or attribute value (both quoted with "). */
export function escapeHtml(s: string): string {
  // NUL is dropped from text but kept as U+FFFD in attributes by browsers: one rule everywhere
  return s.replace(/[&<>"'`]/g, (c) => ESCAPES[c]).replace(/\u0000/g, '\ufffd');
}

function isHtml(v: unknown): v is Html {
  return typeof v === 'object' && v !== null && (v as { [MARK]?: boolean })[MARK] === true;
}

function piece(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (isHtml(v)) return v.text;
  if (Array.isArray(v)) return v.map(piece).join('');
  return escapeHtml(String(v));
}

function make(text: string): Html {
  return { [MARK]: true, text };
}

/** Template tag: literal parts are markup, every interpolated value is escaped. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return make(out);
}

/** A whole document as the string the server sends. */
export function documentText(doc: Html): string {
  return doc.text;
}
