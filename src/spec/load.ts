/**
 * Loading a study spec: YAML → zod validation → reference checks. Every problem is reported
 * with the file, the 1-based line and the dotted field path, e.g.
 *   study.yaml:42, field "tables[3].questions": unknown question "q77"
 * Line numbers come from the `yaml` package's document ranges and LineCounter.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { SpiegelError, formatFieldPath, type ErrorLocation } from '../errors.js';
import { PublishedTables, StudySpec } from './schema.js';
import { checkReferences } from './references.js';

export type FieldPath = readonly (string | number)[];

export interface SpecIssue {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  readonly field: string;
  readonly message: string;
}

/** One or more problems in a study spec; `issues` lists each with file, line and field. */
export class SpecError extends SpiegelError {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[]) {
    const first = issues[0];
    const more = issues.length > 1 ? `\n${issues.slice(1, 25).map(formatIssue).join('\n')}${issues.length > 25 ? `\n… and ${issues.length - 25} more` : ''}` : '';
    super('SPEC', first.message + more, { file: first.file, line: first.line, column: first.column, field: first.field });
    this.name = 'SpecError';
    this.issues = issues;
  }
}

export function formatIssue(i: SpecIssue): string {
  return `${i.file}${i.line !== undefined ? `:${i.line}` : ''}, field "${i.field}": ${i.message}`;
}

/** Dotted path as printed: tables[3].options.by */
export function fieldName(path: FieldPath): string {
  return formatFieldPath(path);
}

/** A validated spec with the means to point back into its file. */
export interface LoadedSpec {
  readonly spec: StudySpec;
  /** Absolute or as-given path of the spec file. */
  readonly file: string;
  /** File/line/field of a path in the spec (the nearest existing ancestor when the field is absent). */
  locate(path: FieldPath): ErrorLocation;
  /** An issue for a path, ready to throw as SpecError. */
  issue(path: FieldPath, message: string): SpecIssue;
}

/** Locator over a parsed YAML document. */
export function makeLocator(file: string, doc: Document, lc: LineCounter): (path: FieldPath) => ErrorLocation {
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
    const range = (located as { range?: [number, number, number] } | null)?.range;
    const loc: ErrorLocation = { file, field: fieldName(path) };
    if (range) {
      const pos = lc.linePos(range[0]);
      return { ...loc, line: pos.line, column: pos.col };
    }
    return loc;
  };
}

function keyLocation(doc: Document, lc: LineCounter, path: FieldPath, key: string): { line: number; column: number } | null {
  const node = doc.getIn(path as (string | number)[], true);
  if (!isMap(node)) return null;
  const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return null;
  const pos = lc.linePos(range[0]);
  return { line: pos.line, column: pos.col };
}

/** Parse and validate spec text. `file` is used in messages only. */
export function parseSpec(text: string, file: string): LoadedSpec {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SpecError(
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, field: '(yaml)', message: `YAML syntax: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const locateBase = makeLocator(file, doc, lc);
  const toIssue = (path: FieldPath, message: string): SpecIssue => {
    const loc = locateBase(path);
    return { file, line: loc.line, column: loc.column, field: fieldName(path), message };
  };
  const raw: unknown = doc.toJS();
  const fileIssues = inlinePublishedFiles(raw, file, toIssue);
  if (fileIssues.length > 0) throw new SpecError(fileIssues);
  const result = StudySpec.safeParse(raw);
  if (!result.success) {
    throw new SpecError(result.error.issues.map((iss) => zodIssue(iss, doc, lc, file, toIssue)));
  }
  const loaded: LoadedSpec = { spec: result.data, file, locate: locateBase, issue: toIssue };
  const problems = checkReferences(loaded);
  if (problems.length > 0) throw new SpecError(problems);
  return loaded;
}

/**
 * Waves may name a file of published aggregates (`published: published-2019.yaml`) instead of
 * giving them inline. Each file is read (relative to the spec), validated on its own with its
 * own line numbers, and put in place of the name, so the rest of the program sees one mapping.
 */
function inlinePublishedFiles(raw: unknown, file: string, toIssue: (path: FieldPath, message: string) => SpecIssue): SpecIssue[] {
  const waves = (raw as { waves?: unknown } | null)?.waves;
  if (!Array.isArray(waves)) return [];
  const issues: SpecIssue[] = [];
  waves.forEach((w: unknown, wi) => {
    if (w === null || typeof w !== 'object') return;
    const wave = w as Record<string, unknown>;
    if (typeof wave.published !== 'string') return;
    const path = resolve(dirname(file), wave.published);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      issues.push(toIssue(['waves', wi, 'published'], `cannot read the file of published figures: ${(e as Error).message}`));
      return;
    }
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = lc.linePos(e.pos[0]);
        issues.push({ file: path, line: pos.line, column: pos.col, field: '(yaml)', message: `YAML syntax: ${e.message.split('\n')[0]}` });
      }
      return;
    }
    const locate = makeLocator(path, doc, lc);
    const fileIssue = (p: FieldPath, message: string): SpecIssue => {
      const loc = locate(p);
      return { file: path, line: loc.line, column: loc.column, field: fieldName(p), message };
    };
    const parsed = PublishedTables.safeParse(doc.toJS() ?? {});
    if (!parsed.success) {
      issues.push(...parsed.error.issues.map((iss) => zodIssue(iss, doc, lc, path, fileIssue)));
      return;
    }
    wave.published = parsed.data;
  });
  return issues;
}

function zodIssue(
  iss: z.core.$ZodIssue,
  doc: Document,
  lc: LineCounter,
  file: string,
  toIssue: (path: FieldPath, message: string) => SpecIssue,
): SpecIssue {
  const path = iss.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (iss.code === 'unrecognized_keys') {
    const keys = iss.keys;
    const at = keyLocation(doc, lc, path, keys[0]);
    const field = fieldName([...path, keys[0]]);
    const message = `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
    return at ? { file, line: at.line, column: at.column, field, message } : { ...toIssue(path, message), field };
  }
  let message = iss.message;
  if (iss.code === 'invalid_type' && doc.getIn(path as (string | number)[]) === undefined) {
    message = `required field is missing (expected ${iss.expected})`;
  }
  return toIssue(path, message);
}

/** Read and validate a spec file. */
export function loadSpec(path: string): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new SpiegelError('IO', `cannot read study spec: ${(e as Error).message}`, { file: path });
  }
  return parseSpec(text, path);
}
