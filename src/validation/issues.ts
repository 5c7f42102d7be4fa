/**
 * A validation problem located in its file: file, 1-based line and column, and the dotted field
 * path, printed as `weight.yaml:7, field "margins[0].epsilonn": unknown field (did you mean …)`.
 * One error carries every problem found, so a researcher fixes them all in one run.
 */
import { InvalidInputError, formatFieldPath, type ErrorLocation } from '../errors.js';

export type FieldPath = readonly (string | number)[];

export interface ValidationIssue {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field: string;
  readonly message: string;
}

/** Dotted path as printed: tables[3].options.by */
export function fieldName(path: FieldPath): string {
  return formatFieldPath(path);
}

export function formatIssue(i: ValidationIssue): string {
  const file = i.file === undefined ? '' : `${i.file}${i.line !== undefined ? `:${i.line}` : ''}, `;
  return `${file}field "${i.field}": ${i.message}`;
}

/** The first issue's message followed by the others, one per line (at most `limit` in all). */
export function issuesMessage(issues: readonly ValidationIssue[], limit = 25): string {
  const rest = issues.slice(1, limit).map(formatIssue);
  if (issues.length > limit) rest.push(`… and ${issues.length - limit} more`);
  return [issues[0].message, ...rest].join('\n');
}

export function issueLocation(i: ValidationIssue): ErrorLocation {
  return { file: i.file, line: i.line, column: i.column, field: i.field };
}

/** One or more problems in a request, design or other input document. */
export class ValidationError extends InvalidInputError {
  readonly issues: readonly ValidationIssue[];
  constructor(issues: readonly ValidationIssue[]) {
    if (issues.length === 0) throw new RangeError('ValidationError needs at least one issue');
    super(issuesMessage(issues), issueLocation(issues[0]));
    this.name = 'ValidationError';
    this.issues = issues;
  }
}
