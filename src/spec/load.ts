/**
 * Loading a study spec: YAML → zod validation → reference checks. Every problem is reported
 * with the file, the 1-based line and the dotted field path, e.g.
 *   study.yaml:42, field "tables[3].questions": unknown question "q77"
 * Line numbers come from the `yaml` package's document ranges and LineCounter.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SpiegelError, type ErrorLocation } from '../errors.js';
import {
  documentValue,
  fieldName,
  formatIssue as formatValidationIssue,
  issuesMessage,
  locatedIssues,
  makeKeyLocator,
  makeLocator,
  parseYamlSource,
  type FieldPath,
  type SourceDocument,
  type ValidationIssue,
} from '../validation/index.js';
import { PublishedTables, StudySpec } from './schema.js';
import { checkReferences } from './references.js';
import { buildCatalog } from './catalog.js';
import { notApplicableWarnings } from './na-warnings.js';

export { fieldName, makeLocator, type FieldPath };

export interface SpecIssue extends ValidationIssue {
  readonly file: string;
}

/** One or more problems in a study spec; `issues` lists each with file, line and field. */
export class SpecError extends SpiegelError {
  readonly issues: readonly SpecIssue[];
  constructor(issues: readonly SpecIssue[]) {
    const first = issues[0];
    super('SPEC', issuesMessage(issues), { file: first.file, line: first.line, column: first.column, field: first.field });
    this.name = 'SpecError';
    this.issues = issues;
  }
}

export function formatIssue(i: SpecIssue): string {
  return formatValidationIssue(i);
}

/** A validated spec with the means to point back into its file. */
export interface LoadedSpec {
  readonly spec: StudySpec;
  /** Absolute or as-given path of the spec file. */
  readonly file: string;
  /** File/line/field of a path in the spec (the nearest existing ancestor when the field is absent). */
  locate(path: FieldPath): ErrorLocation;
  /** File/line of a key of the mapping at `path`, if the spec has it (for unknown fields). */
  locateKey(path: FieldPath, key: string): ErrorLocation | null;
  /** An issue for a path, ready to throw as SpecError. */
  issue(path: FieldPath, message: string): SpecIssue;
  /** Problems that do not stop the run but change numbers if missed (printed by the CLI). */
  readonly warnings: readonly SpecIssue[];
}

function inFile(file: string, issues: readonly ValidationIssue[]): SpecIssue[] {
  return issues.map((i) => ({ ...i, file: i.file ?? file }));
}

/** Parse and validate spec text. `file` is used in messages only. */
export function parseSpec(text: string, file: string): LoadedSpec {
  const parsed = parseYamlSource(text, file);
  if (Array.isArray(parsed)) throw new SpecError(inFile(file, parsed));
  const { doc, lc } = parsed;
  const locateBase = makeLocator(file, doc, lc);
  const locateKey = makeKeyLocator(file, doc, lc);
  const toIssue = (path: FieldPath, message: string): SpecIssue => {
    const loc = locateBase(path);
    return { file, line: loc.line, column: loc.column, field: fieldName(path), message };
  };
  const raw = documentValue(doc, file);
  const fileIssues = inlinePublishedFiles(raw, file, toIssue);
  if (fileIssues.length > 0) throw new SpecError(fileIssues);
  const result = StudySpec.safeParse(raw);
  if (!result.success) {
    const source: SourceDocument = { value: raw, file, locate: locateBase, locateKey };
    throw new SpecError(inFile(file, locatedIssues(result.error.issues, StudySpec, source)));
  }
  const warnings: SpecIssue[] = [];
  const loaded: LoadedSpec = { spec: result.data, file, locate: locateBase, locateKey, issue: toIssue, warnings };
  const problems = checkReferences(loaded);
  if (problems.length > 0) throw new SpecError(problems);
  warnings.push(...notApplicableWarnings(loaded.spec, buildCatalog(loaded.spec)).map((w) => toIssue(w.path, w.message)));
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
    const parsedFile = parseYamlSource(text, path);
    if (Array.isArray(parsedFile)) {
      issues.push(...inFile(path, parsedFile));
      return;
    }
    const source: SourceDocument = {
      value: documentValue(parsedFile.doc, path) ?? {},
      file: path,
      locate: makeLocator(path, parsedFile.doc, parsedFile.lc),
      locateKey: makeKeyLocator(path, parsedFile.doc, parsedFile.lc),
    };
    const parsed = PublishedTables.safeParse(source.value);
    if (!parsed.success) {
      issues.push(...inFile(path, locatedIssues(parsed.error.issues, PublishedTables, source)));
      return;
    }
    wave.published = parsed.data;
  });
  return issues;
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
