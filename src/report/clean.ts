/**
 * Removing characters that XML 1.0 forbids (C0 controls other than tab, newline and carriage
 * return; U+FFFE, U+FFFF; unpaired surrogates) from every string of a report. Open answers and
 * labels pasted from other programs can hold them, and a single one makes a .docx or .xlsx
 * unreadable to Word and Excel.
 */
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(forbidden, '');
}

/** A deep copy of plain data (objects, arrays) with every string made XML-safe. */
export function xmlSafeStrings<T>(value: T): T {
  if (typeof value === 'string') return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => xmlSafeStrings(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = xmlSafeStrings(v);
    return out as T;
  }
  return value;
}
