/**
 * The codebook: the SPSS dictionary of a CSV file, written by hand by a researcher (YAML) or by
 * spiegel beside every CSV it writes (so that CSV + codebook → Dataset loses nothing).
 *
 * ```yaml
 * encoding: utf-8          # optional: utf-8 (default), windows-1252, ...
 * separator: ";"           # optional: detected from the header line when absent
 * decimal: ","             # optional: detected per column when absent
 * na: ["NA", "."]          # optional: texts that mean "missing" besides the empty field
 * variables:
 *   leeftijd:
 *     type: categorical    # numeric | categorical | string (inferred from the data when absent)
 *     label: Leeftijdsklasse
 *     measure: ordinal     # nominal | ordinal | scale
 *     format: F1.0         # SPSS print format
 *     values: {1: 18-26 jaar, 2: 27-44 jaar, 9: Onbekend}
 *     missing: [9]         # or {values: [9], range: [97, 99]}
 * ```
 *
 * The YAML (or JSON, which the same parser reads) is parsed with the failsafe schema, so every
 * scalar arrives as the text the researcher typed: "01" stays "01" for a string code and is
 * checked as a number only once the variable's type is known. Every error names the codebook
 * file, the line and the field.
 */
import { readFile } from 'node:fs/promises';
import { Document, LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { InvalidInputError, SpiegelError, type ErrorLocation } from '../errors.js';
import { type Column, type Measure, isMissingNumber, isMissingString } from './column.js';
import type { Dataset } from './dataset.js';

export type CodebookType = 'numeric' | 'categorical' | 'string';

/** One variable as the codebook describes it; codes and missing values still as text. */
export interface CodebookVariable {
  readonly name: string;
  readonly type: CodebookType | null;
  readonly label: string | null;
  readonly measure: Measure | null;
  readonly format: string | null;
  readonly width: number | null;
  /** Value labels as [code text, label]. */
  readonly values: readonly (readonly [string, string])[];
  readonly missingValues: readonly string[];
  readonly missingRange: readonly [string, string] | null;
  /** Location of a field of this variable ("values.1", "missing", ...) for error messages. */
  where(field?: string, key?: boolean): ErrorLocation;
}

export interface Codebook {
  readonly file: string;
  readonly encoding: string | null;
  readonly separator: string | null;
  readonly decimal: '.' | ',' | null;
  readonly na: readonly string[];
  readonly variables: ReadonlyMap<string, CodebookVariable>;
  where(field: string, key?: boolean): ErrorLocation;
}

export class CodebookError extends SpiegelError {
  constructor(message: string, location: ErrorLocation) {
    super('SPEC', message, location);
    this.name = 'CodebookError';
  }
}

const text = z.string({ error: 'expected a text or number' });
const missingSchema = z.union(
  [
    z.array(text, { error: 'expected a list of values' }),
    z.strictObject({ values: z.array(text).optional(), range: z.tuple([text, text]).optional() }),
  ],
  { error: 'expected a list of missing values, or {values: [...], range: [low, high]}' },
);
const variableSchema = z.preprocess(
  (v) => (v === '' || v === null ? {} : v),
  z.strictObject({
    type: z.enum(['numeric', 'categorical', 'string']).optional(),
    label: text.optional(),
    measure: z.enum(['nominal', 'ordinal', 'scale']).optional(),
    format: text
      .regex(/^(F|COMMA|DOT|DOLLAR|PCT|E|N|A|AHEX|DATE|ADATE|EDATE|SDATE|JDATE|DATETIME|TIME|DTIME|WKDAY|MONTH|MOYR|QYR|WKYR|CCA|CCB|CCC|CCD|CCE)\d+(\.\d+)?$/i, {
        error: 'expected an SPSS format such as F8.2, F3.0 or A20',
      })
      .optional(),
    width: text
      .regex(/^\d+$/, { error: 'expected a whole number of bytes' })
      .refine((w) => Number(w) >= 1 && Number(w) <= 32767, { error: 'expected a width from 1 to 32767 bytes (SPSS string widths)' })
      .optional(),
    values: z.record(z.string(), text, { error: 'expected value labels as code: label' }).optional(),
    missing: missingSchema.optional(),
  }),
);
const codebookSchema = z.strictObject({
  file: text.optional(),
  encoding: text.optional(),
  separator: text.optional(),
  decimal: z.enum(['.', ','], { error: 'expected "." or ","' }).optional(),
  na: z.array(text).optional(),
  variables: z.preprocess((v) => (v === '' ? {} : v), z.record(z.string(), variableSchema, { error: 'expected variables as name: {...}' })),
});

/** The codebook file beside a CSV file, if one exists: data.csv → data.codebook.yaml|yml|json. */
export function codebookPathFor(csvPath: string): string[] {
  const base = csvPath.replace(/\.csv$/i, '');
  return [`${base}.codebook.yaml`, `${base}.codebook.yml`, `${base}.codebook.json`];
}

export async function loadCodebook(path: string): Promise<Codebook> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InvalidInputError(e.code === 'ENOENT' ? 'codebook file not found' : e.message, { file: path });
  }
  return parseCodebook(source.replace(/^\uFEFF/, ''), path);
}

/** Parses and validates codebook text; `file` names it in errors. */
export function parseCodebook(source: string, file: string): Codebook {
  const lines = new LineCounter();
  const doc = parseDocument(source, { schema: 'failsafe', lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new CodebookError(`not valid YAML/JSON: ${e.message.split('\n')[0]}`, { file, line: lines.linePos(e.pos[0]).line });
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // yaml refuses documents whose aliases expand too much ("billion laughs").
    throw new CodebookError(`too many YAML aliases: ${(e as Error).message}`, { file });
  }
  const at = (path: readonly PropertyKey[], key = false): ErrorLocation => {
    const loc: ErrorLocation = { file };
    const line = lineOf(doc, lines, path, key);
    if (line !== undefined) loc.line = line;
    if (path.length > 0) loc.field = path.map(String).join('.');
    return loc;
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CodebookError('a codebook is a mapping with at least "variables:"', { file, line: 1 });
  }
  const fail = (issue: z.core.$ZodIssue, prefix: readonly PropertyKey[]): never => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      const known = path.length === 0 ? 'file, encoding, separator, decimal, na, variables' :
        path.length === 2 ? 'type, label, measure, format, width, values, missing' : 'values, range';
      throw new CodebookError(`unknown field "${key}" (known fields: ${known})`, at([...path, key], true));
    }
    throw new CodebookError(issue.message, at(path));
  };
  // Variables are validated one by one: a record schema would drop a variable named "__proto__".
  const rawVariables = (raw as Record<string, unknown>).variables;
  const perVariable = rawVariables !== null && typeof rawVariables === 'object' && !Array.isArray(rawVariables);
  const parsed = codebookSchema.safeParse(perVariable ? { ...raw, variables: {} } : raw);
  if (!parsed.success) fail(parsed.error.issues[0], []);
  const cb = parsed.data as z.infer<typeof codebookSchema>;
  const entries: [string, z.infer<typeof variableSchema>][] = [];
  if (perVariable) {
    for (const [name, v] of Object.entries(rawVariables as Record<string, unknown>)) {
      const one = variableSchema.safeParse(v);
      if (!one.success) fail(one.error.issues[0], ['variables', name]);
      else entries.push([name, one.data]);
    }
  }
  const variables = new Map<string, CodebookVariable>();
  for (const [name, v] of entries) {
    const where = (field?: string, key = false): ErrorLocation =>
      at(field === undefined ? ['variables', name] : ['variables', name, ...splitField(field)], key);
    const m = v.missing;
    const missingValues = m === undefined ? [] : Array.isArray(m) ? m : (m.values ?? []);
    const missingRange = m === undefined || Array.isArray(m) ? null : (m.range ?? null);
    variables.set(name, {
      name,
      type: v.type ?? null,
      label: v.label === undefined || v.label === '' ? null : v.label,
      measure: v.measure ?? null,
      format: v.format === undefined ? null : v.format.toUpperCase(),
      width: v.width === undefined ? null : Number(v.width),
      values: Object.entries(v.values ?? {}),
      missingValues,
      missingRange,
      where,
    });
  }
  if (cb.separator !== undefined && (cb.separator.length !== 1 || cb.separator === '"')) {
    throw new CodebookError('separator must be one character such as "," or ";" or "\\t"', at(['separator']));
  }
  return {
    file,
    encoding: cb.encoding ?? null,
    separator: cb.separator ?? null,
    decimal: cb.decimal ?? null,
    na: cb.na ?? [],
    variables,
    where: (field, key = false) => at(splitField(field), key),
  };
}

function splitField(field: string): string[] {
  // Codes may contain dots ("1.5"): only the first segment names a sub-field.
  const dot = field.indexOf('.');
  return dot < 0 ? [field] : [field.slice(0, dot), field.slice(dot + 1)];
}

/** 1-based line of the node at `path` (its key when `key`), or of the nearest ancestor that exists. */
function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[], key: boolean): number | undefined {
  let node: unknown = doc.contents;
  let best: number | undefined = rangeLine(node, lines);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (pair === undefined) return best;
      if (i === path.length - 1 && key) return rangeLine(pair.key, lines) ?? best;
      node = pair.value;
      best = rangeLine(node, lines) ?? rangeLine(pair.key, lines) ?? best;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) return best;
      node = item;
      best = rangeLine(node, lines) ?? best;
    } else return best;
  }
  return best;
}

function rangeLine(node: unknown, lines: LineCounter): number | undefined {
  const r = (node as YamlNode | null | undefined)?.range;
  return r ? lines.linePos(r[0]).line : undefined;
}

/** A number written in a codebook: decimal point, exponent, or ±infinity for open missing ranges. */
export function codebookNumber(s: string): number {
  const t = s.trim().toLowerCase();
  if (t === 'lo' || t === 'lowest' || t === '-.inf' || t === '-inf' || t === '-infinity') return -Infinity;
  if (t === 'hi' || t === 'highest' || t === '.inf' || t === '+.inf' || t === 'inf' || t === 'infinity') return Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return NaN;
  return Number(t);
}

// ---------------------------------------------------------------------------------------------
// Writing: the codebook of a Dataset, complete enough to rebuild its dictionary.

export interface CodebookWriteOptions {
  /** Name of the CSV file the codebook describes (informative). */
  file?: string;
  separator?: string;
  decimal?: '.' | ',';
}

/** YAML text of the codebook of `data`. Numeric codes are written as numbers, string codes quoted. */
export function codebookYaml(data: Dataset, opts: CodebookWriteOptions = {}): string {
  const doc = new Document(codebookObject(data, opts));
  // Short lists (missing values, ranges) read best on one line: missing: [9, 99].
  // Texts with line breaks or edge blanks are double-quoted: block scalars lose a leading blank line.
  visit(doc, {
    Seq: (_key, node) => void (node.flow = true),
    Scalar: (_key, node) => {
      if (typeof node.value === 'string' && /[\n\r]|^\s|\s$/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return (
    '# Codebook written by spiegel: the dictionary of the CSV file beside it.\n' +
    doc.toString({ lineWidth: 0, defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' })
  );
}

/** The same codebook as JSON text. */
export function codebookJson(data: Dataset, opts: CodebookWriteOptions = {}): string {
  const obj = codebookObject(data, opts);
  return JSON.stringify(obj, (_k, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v), 2) + '\n';
}

function codebookObject(data: Dataset, opts: CodebookWriteOptions): Record<string, unknown> {
  const variables = new Map<string, unknown>();
  for (const col of data.columns) variables.set(col.name, variableObject(col));
  const out: Record<string, unknown> = {};
  if (opts.file !== undefined) out.file = opts.file;
  out.encoding = 'utf-8';
  out.separator = opts.separator ?? ',';
  out.decimal = opts.decimal ?? '.';
  out.variables = variables;
  return out;
}

function variableObject(col: Column): Record<string, unknown> {
  const v: Record<string, unknown> = { type: col.type };
  if (col.label !== null) v.label = col.label;
  if (col.measure !== null) v.measure = col.measure;
  if (col.format !== null) v.format = col.format;
  if (col.type === 'string' && col.width > 0) v.width = col.width;
  if (col.valueLabels.size > 0) {
    // Map keeps numeric keys as numbers in YAML (1: Man) and string codes as strings ("01": ...).
    v.values = new Map<number | string, string>(col.valueLabels as ReadonlyMap<number | string, string>);
  }
  if (col.missing.values.length > 0 || col.missing.range !== null) {
    if (col.missing.range === null) v.missing = [...col.missing.values];
    else {
      v.missing = {
        ...(col.missing.values.length > 0 ? { values: [...col.missing.values] } : {}),
        range: col.missing.range.map((x) => (x === -Infinity ? 'lowest' : x === Infinity ? 'highest' : x)),
      };
    }
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// The dictionary as data: what `spiegel describe --json` prints and what the JSON writer includes.

export interface VariableDescription {
  name: string;
  label: string | null;
  /** Categorical variables are numeric, as in SPSS and haven. */
  type: 'numeric' | 'string';
  measure: Measure | null;
  valueLabels: Record<string, string>;
  /** Open range ends are written "-Inf" / "Inf", as R's jsonlite writes them. */
  missing: { values: (number | string)[]; range: [number | string, number | string] | null };
  format: string;
  /** Values that are neither system- nor user-missing. */
  valid: number;
}

/** Text of a numeric code as R and JSON write it: 1, not 1.0. */
export function codeText(code: number | string): string {
  return typeof code === 'number' ? String(code) : code;
}

/**
 * The SPSS print format of a column, or the one it gets when written to .sav when unknown (the
 * rule of our .sav writer, which follows SPSS's defaults): a numeric variable whose values are all
 * whole numbers gets F8.0, any other numeric variable F8.2 (haven::write_sav's format for a
 * double); a string variable gets A<width>, its declared width or else its longest value in bytes
 * (at least 1), as haven gives it.
 */
export function formatOf(col: Column): string {
  if (col.format !== null) return col.format;
  if (col.type !== 'string') {
    const v = col.values;
    for (let i = 0; i < v.length; i++) if (Number.isFinite(v[i]) && !Number.isInteger(v[i])) return 'F8.2';
    return 'F8.0';
  }
  let width = col.width;
  if (width <= 0) for (const v of col.values) width = Math.max(width, Buffer.byteLength(v, 'utf8'));
  return `A${Math.max(1, width)}`;
}

const jsonNumber = (x: number): number | string => (x === -Infinity ? '-Inf' : x === Infinity ? 'Inf' : x);

export function describeVariables(data: Dataset): VariableDescription[] {
  return data.columns.map((col) => {
    const valueLabels: Record<string, string> = {};
    for (const [code, label] of col.valueLabels as ReadonlyMap<number | string, string>) valueLabels[codeText(code)] = label;
    const range = col.missing.range;
    return {
      name: col.name,
      label: col.label,
      type: col.type === 'string' ? 'string' : 'numeric',
      measure: col.measure,
      valueLabels,
      missing: {
        values: col.missing.values.map((v) => (typeof v === 'number' ? jsonNumber(v) : v)),
        range: range === null ? null : [jsonNumber(range[0]), jsonNumber(range[1])],
      },
      format: formatOf(col),
      valid: validCount(data, col),
    };
  });
}

function validCount(data: Dataset, col: Column): number {
  let n = 0;
  for (let i = 0; i < data.nrow; i++) {
    const r = data.physical(i);
    if (col.type === 'string' ? !isMissingString(col.missing, col.values[r]) : !isMissingNumber(col.missing, col.values[r])) n++;
  }
  return n;
}
