/**
 * Typed errors for every stage of spiegel.
 *
 * A researcher must be able to act on the message alone, so every error says
 * where the problem is: a file with a line or byte offset, a field of a
 * request or spec, a variable, a stratum, a margin. The CLI prints `message`
 * and exits non-zero; scripts can switch on `code`.
 */

export interface ErrorLocation {
  /** File the problem was found in. */
  file?: string;
  /** 1-based line number in a text file. */
  line?: number;
  /** 1-based column in a text file. */
  column?: number;
  /** 0-based byte offset in a binary file. */
  offset?: number;
  /** Dotted path of a field in a JSON/YAML document, e.g. `design.weights`. */
  field?: string;
}

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'FILE_FORMAT'
  | 'UNKNOWN_VARIABLE'
  | 'TYPE_MISMATCH'
  | 'ENCODING'
  | 'DESIGN'
  | 'ESTIMATION'
  | 'WEIGHTING'
  | 'SAMPLING'
  | 'SPEC'
  | 'REPORT'
  | 'USAGE'
  | 'IO'
  | 'OUTPUT_CONFLICT'
  | 'LIMIT'
  | 'INTERNAL';

/** A field path as researchers read it in messages: `margins[1].population[3].N`. */
export function formatFieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

export class SpiegelError extends Error {
  readonly code: ErrorCode;
  readonly location: ErrorLocation;

  constructor(code: ErrorCode, message: string, location: ErrorLocation = {}) {
    super(formatMessage(message, location));
    this.name = 'SpiegelError';
    this.code = code;
    this.location = location;
  }
}

/** A file is not what it claims to be (truncated, corrupt, wrong format). */
export class FileFormatError extends SpiegelError {
  constructor(message: string, location: ErrorLocation) {
    super('FILE_FORMAT', message, location);
    this.name = 'FileFormatError';
  }
}

/** A request, spec or codebook names a variable that the data does not have. */
export class UnknownVariableError extends SpiegelError {
  readonly variable: string;
  constructor(variable: string, location: ErrorLocation = {}, available?: readonly string[]) {
    const hint = available && available.length > 0 ? suggest(variable, available) : '';
    super('UNKNOWN_VARIABLE', `unknown variable "${variable}"${hint}`, location);
    this.name = 'UnknownVariableError';
    this.variable = variable;
  }
}

/** Bad input that is not a file-format problem: a wrong value in a request, spec or CLI argument. */
export class InvalidInputError extends SpiegelError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('INVALID_INPUT', message, location);
    this.name = 'InvalidInputError';
  }
}

export class UsageError extends SpiegelError {
  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}

/** A file could not be read or written (no space, read-only, no permission, ...): says what was being done. */
export class IoError extends SpiegelError {
  /** The system's error code (ENOSPC, EROFS, ...), when there is one. */
  readonly errno: string | undefined;
  constructor(message: string, location: ErrorLocation = {}, errno?: string) {
    super('IO', message, location);
    this.name = 'IoError';
    this.errno = errno;
  }
}

/** A run would write onto one of its inputs, or two of its outputs are the same file. Nothing was written. */
export class OutputConflictError extends SpiegelError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('OUTPUT_CONFLICT', message, location);
    this.name = 'OutputConflictError';
  }
}

/** The input exceeds what the program can process (nesting too deep, a text too long, too much memory). */
export class LimitError extends SpiegelError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('LIMIT', message, location);
    this.name = 'LimitError';
  }
}

function formatMessage(message: string, loc: ErrorLocation): string {
  const where: string[] = [];
  if (loc.file !== undefined) {
    let f = loc.file;
    if (loc.line !== undefined) f += `:${loc.line}` + (loc.column !== undefined ? `:${loc.column}` : '');
    where.push(f);
  }
  if (loc.offset !== undefined) where.push(`byte offset ${loc.offset}`);
  if (loc.field !== undefined) where.push(`field "${loc.field}"`);
  return where.length > 0 ? `${where.join(', ')}: ${message}` : message;
}

/** "did you mean" for a mistyped variable name: the closest name by edit distance, if close enough. */
function suggest(name: string, available: readonly string[]): string {
  let best = '';
  let bestDist = Infinity;
  for (const candidate of available) {
    const d = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = candidate;
    }
  }
  return bestDist <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}
