/**
 * Text that a spreadsheet would run as a formula ("formula injection", OWASP CSV injection):
 * a cell starting with =, +, -, @, a tab or a carriage return. Files made for people to open in
 * Excel or LibreOffice (report downloads, the dashboard's CSV files) pass text cells through
 * `neutraliseFormula`, which puts an apostrophe in front, as Excel itself does for text typed
 * that way. Data-exchange files (convert, sample, weight, fieldwork exports) keep values exactly
 * and never use this: see docs/output-files.md.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet would treat `text` as a formula (or start of one). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/**
 * `text` made safe for a spreadsheet cell: a leading `'` when it starts like a formula, otherwise
 * unchanged. Numbers are not text and are never passed here ("-3" stays a number cell).
 */
export function neutraliseFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
