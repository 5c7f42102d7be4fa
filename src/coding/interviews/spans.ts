/**
 * Text fragments of interviews, with offsets in Unicode code points (as REFI-QDA and Python
 * count them), not JavaScript's UTF-16 units, so an emoji or a rare character does not shift
 * every later fragment when a project moves to another program.
 */

/** Code point offset → UTF-16 index in `text`. */
export function utf16Index(text: string, codePoint: number): number {
  let cp = 0;
  let i = 0;
  while (cp < codePoint && i < text.length) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    cp++;
  }
  if (cp < codePoint) throw new RangeError(`offset ${codePoint} is past the end of the text (${cp} characters)`);
  return i;
}

/** UTF-16 index → code point offset. */
export function codePointOffset(text: string, index: number): number {
  let cp = 0;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < index) i++;
    cp++;
  }
  return cp;
}

export function codePointLength(text: string): number {
  return codePointOffset(text, text.length);
}

/** The fragment between two code point offsets. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  return text.slice(utf16Index(text, start), utf16Index(text, end));
}

export interface Fragment {
  readonly start: number;
  readonly end: number;
  /** The fragment's text when it was coded: lets a coding find its place again after a re-import. */
  readonly text: string;
}

export type Anchoring =
  | { readonly kind: 'same'; readonly fragment: Fragment }
  | { readonly kind: 'moved'; readonly fragment: Fragment }
  /** The text is gone or occurs more than once: a person must place the coding again. */
  | { readonly kind: 'lost'; readonly reason: string };

/**
 * Place a fragment coded on an earlier version of a document in its new text: unchanged when
 * the same text is still at the same offsets; moved when it occurs exactly once elsewhere.
 */
export function reanchor(fragment: Fragment, newText: string): Anchoring {
  const total = codePointLength(newText);
  if (fragment.end <= total && sliceCodePoints(newText, fragment.start, fragment.end) === fragment.text) return { kind: 'same', fragment };
  const first = newText.indexOf(fragment.text);
  if (first === -1 || fragment.text === '') return { kind: 'lost', reason: 'the coded text no longer occurs in the document' };
  if (newText.indexOf(fragment.text, first + 1) !== -1) return { kind: 'lost', reason: 'the coded text occurs more than once in the new document' };
  const start = codePointOffset(newText, first);
  return { kind: 'moved', fragment: { start, end: start + codePointLength(fragment.text), text: fragment.text } };
}
