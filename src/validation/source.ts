/**
 * Input documents (YAML or JSON; JSON is read by the same YAML parser, so both get line numbers)
 * with a locator that maps a field path back to its line and column.
 */
import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { InvalidInputError, type ErrorLocation } from '../errors.js';
import { ValidationError, fieldName, type FieldPath, type ValidationIssue } from './issues.js';

/** Where a field is: the line/column of its value (or of the nearest existing ancestor). */
export type Locator = (path: FieldPath) => ErrorLocation;

export interface SourceDocument {
  /** The parsed value (plain JS). */
  readonly value: unknown;
  /** File named in messages (undefined for a value given in code). */
  readonly file?: string;
  /** Line/column/field of a path (the nearest existing ancestor when the field is absent). */
  readonly locate: Locator;
  /** Line/column of a key of the mapping at `path` (for unknown fields), if the document has it. */
  readonly locateKey: (path: FieldPath, key: string) => ErrorLocation | null;
}

function rangeOf(node: unknown): [number, number, number] | undefined {
  return (node as { range?: [number, number, number] } | null)?.range;
}

/** Locator over a parsed YAML document. */
export function makeLocator(file: string | undefined, doc: Document, lc: LineCounter): Locator {
  return (path) => {
    let node: unknown = doc.contents;
    let located: unknown = node;
    for (const key of path) {
      let next: unknown = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
        if (pair) {
          next = pair.value ?? pair.key;
          // the key's own position is a better anchor when the value is empty
          if (pair.value === null) located = pair.key;
        }
      } else if (isSeq(node) && typeof key === 'number') {
        next = node.items[key];
      }
      if (next === undefined || next === null) break;
      node = next;
      located = next;
    }
    const range = rangeOf(located);
    const loc: ErrorLocation = { file, field: fieldName(path) };
    if (range) {
      const pos = lc.linePos(range[0]);
      return { ...loc, line: pos.line, column: pos.col };
    }
    return loc;
  };
}

export function makeKeyLocator(file: string | undefined, doc: Document, lc: LineCounter): SourceDocument['locateKey'] {
  return (path, key) => {
    const node = doc.getIn(path as (string | number)[], true);
    if (!isMap(node)) return null;
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    const range = rangeOf(pair?.key);
    if (!range) return null;
    const pos = lc.linePos(range[0]);
    return { file, line: pos.line, column: pos.col, field: fieldName([...path, key]) };
  };
}

/** A parsed YAML document, or the syntax problems that stop it (each with its line). */
export function parseYamlSource(text: string, file: string | undefined): { doc: Document; lc: LineCounter } | ValidationIssue[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length === 0) return { doc, lc };
  return doc.errors.map((e) => {
    const pos = lc.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, field: '(yaml)', message: `YAML syntax: ${e.message.split('\n')[0]}` };
  });
}

/** The plain value of a document; the parser's own limits (aliases) become a located error. */
export function documentValue(doc: Document, file: string | undefined): unknown {
  try {
    return doc.toJS() as unknown;
  } catch (e) {
    throw new ValidationError([{ file, field: '(yaml)', message: `YAML: ${(e as Error).message}` }]);
  }
}

/** Parse YAML or JSON text; a syntax error raises ValidationError with file and line. */
export function parseSource(text: string, file?: string): SourceDocument {
  const parsed = parseYamlSource(text, file);
  if (Array.isArray(parsed)) throw new ValidationError(parsed);
  const { doc, lc } = parsed;
  return { value: documentValue(doc, file), file, locate: makeLocator(file, doc, lc), locateKey: makeKeyLocator(file, doc, lc) };
}

/** Read a YAML or JSON request file. */
export function readSource(path: string): SourceDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InvalidInputError(`cannot read the file: ${(e as Error).message}`, { file: path });
  }
  return parseSource(text, path);
}

/** A value given in code (or already parsed from `file`): fields are named, lines unknown. */
export function valueSource(value: unknown, file?: string): SourceDocument {
  return { value, file, locate: (path) => ({ file, field: fieldName(path) }), locateKey: () => null };
}

/**
 * A value given in code or nested in another document: paths are located inside the outer
 * document under `prefix` (an inline weighting request in study.yaml), or only named.
 */
export function nestedSource(value: unknown, outer?: { file?: string; locate: Locator; locateKey: SourceDocument['locateKey'] }, prefix: FieldPath = []): SourceDocument {
  if (outer === undefined) return valueSource(value);
  return {
    value,
    file: outer.file,
    locate: (path) => outer.locate([...prefix, ...path]),
    locateKey: (path, key) => outer.locateKey([...prefix, ...path], key),
  };
}
