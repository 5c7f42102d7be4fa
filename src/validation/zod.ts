/**
 * zod issues → located validation issues. Every problem of a document is listed, each with its
 * file, line and field; an unknown field or value names the nearest allowed one.
 */
import type { z } from 'zod';
import { closestName, didYouMean } from './suggest.js';
import { ValidationError, fieldName, type FieldPath, type ValidationIssue } from './issues.js';
import type { SourceDocument } from './source.js';

type Schema = z.core.$ZodType;
interface Def {
  readonly type: string;
  readonly shape?: Record<string, Schema>;
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly element?: Schema;
  readonly valueType?: Schema;
  readonly items?: readonly Schema[];
  readonly options?: readonly Schema[];
  readonly left?: Schema;
  readonly right?: Schema;
  readonly getter?: () => Schema;
}

function defOf(s: Schema): Def {
  return (s as unknown as { _zod: { def: Def } })._zod.def;
}

/** The object schemas a path may lead to (every branch of a union), for listing allowed keys. */
function objectsAt(schema: Schema, path: FieldPath, depth = 0): Def[] {
  if (depth > 64) return [];
  const def = defOf(schema);
  const next = (s: Schema | undefined, rest: FieldPath): Def[] => (s === undefined ? [] : objectsAt(s, rest, depth + 1));
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return next(def.innerType, path);
    case 'pipe':
      return next(def.in, path);
    case 'lazy':
      return def.getter ? next(def.getter(), path) : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => next(o, path));
    case 'intersection':
      return [...next(def.left, path), ...next(def.right, path)];
    case 'object':
      if (path.length === 0) return [def];
      return next(def.shape?.[String(path[0])], path.slice(1));
    case 'array':
      return path.length === 0 ? [] : next(def.element, path.slice(1));
    case 'record':
      return path.length === 0 ? [] : next(def.valueType, path.slice(1));
    case 'tuple':
      return path.length === 0 || typeof path[0] !== 'number' ? [] : next(def.items?.[path[0]], path.slice(1));
    default:
      return [];
  }
}

/** The field names an object at `path` accepts. */
export function allowedKeys(schema: Schema, path: FieldPath): string[] {
  return [...new Set(objectsAt(schema, path).flatMap((d) => Object.keys(d.shape ?? {})))];
}

function valueAt(root: unknown, path: FieldPath): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

function shown(v: unknown): string {
  return typeof v === 'string' ? `"${v}"` : JSON.stringify(v) ?? String(v);
}

/** One located issue per zod issue (one per unknown key). */
export function locatedIssues(issues: readonly z.core.$ZodIssue[], schema: Schema, source: SourceDocument): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const iss of issues) {
    const path = iss.path.filter((k): k is string | number => typeof k !== 'symbol');
    const at = (p: FieldPath, message: string): ValidationIssue => {
      const loc = source.locate(p);
      return { file: loc.file ?? source.file, line: loc.line, column: loc.column, field: loc.field ?? fieldName(p), message };
    };
    if (iss.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, path);
      for (const key of iss.keys) {
        const message = `unknown field "${key}"${didYouMean(key, allowed)}`;
        const keyLoc = source.locateKey(path, key);
        const loc = keyLoc ?? source.locate([...path, key]);
        out.push({ file: loc.file ?? source.file, line: loc.line, column: loc.column, field: loc.field ?? fieldName([...path, key]), message });
      }
      continue;
    }
    const actual = valueAt(source.value, path);
    if (iss.code === 'invalid_value' && iss.values.length > 1) {
      const values = iss.values.map(String);
      const hint = typeof actual === 'string' ? didYouMean(actual, values) : '';
      out.push(at(path, `${shown(actual)} is not allowed here${hint}; expected one of: ${values.join(', ')}`));
      continue;
    }
    if (iss.code === 'invalid_union' && 'options' in iss && Array.isArray((iss as { options?: unknown }).options)) {
      // a discriminated union whose discriminator (e.g. "type") has an unknown value
      const values = ((iss as { options: unknown[] }).options).map(String);
      const hint = typeof actual === 'string' ? didYouMean(actual, values) : '';
      out.push(at(path, `${actual === undefined ? 'required field is missing' : `${shown(actual)} is not allowed here${hint}`}; expected one of: ${values.join(', ')}`));
      continue;
    }
    if (iss.code === 'invalid_union') {
      const located = unionBranchIssues(iss, path, actual, schema, source, at);
      if (located !== null) {
        out.push(...located);
        continue;
      }
    }
    if (iss.code === 'invalid_type' && actual === undefined) {
      // "tabels:" for "tables:": the unknown-field issue of the typo says it, with the suggestion
      if (mistypedAs(path, schema, source) !== null) continue;
      out.push(at(path, `required field is missing (expected ${iss.expected})`));
      continue;
    }
    out.push(at(path, iss.message));
  }
  return out;
}

/** The unknown key of the parent object that is a typo of the missing field at `path`, or null. */
function mistypedAs(path: FieldPath, schema: Schema, source: SourceDocument): string | null {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return null;
  const parent = valueAt(source.value, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return null;
  const allowed = new Set(allowedKeys(schema, path.slice(0, -1)));
  return Object.keys(parent).find((k) => !allowed.has(k) && closestName(k, [key]) === key) ?? null;
}

/**
 * A value that fits none of a union's forms (zod: "Invalid input"). When the value has the shape
 * of one form (an object where an object is allowed), that form's own problems are reported, with
 * their suggestions; a string that is none of the allowed words gets the nearest word. Null when
 * neither applies (the plain message is used).
 */
function unionBranchIssues(
  iss: z.core.$ZodIssue,
  path: FieldPath,
  actual: unknown,
  schema: Schema,
  source: SourceDocument,
  at: (p: FieldPath, message: string) => ValidationIssue,
): ValidationIssue[] | null {
  const branches = (iss as { errors?: z.core.$ZodIssue[][] }).errors;
  if (!Array.isArray(branches) || branches.length === 0) return null;
  const wrongShape = (b: readonly z.core.$ZodIssue[]): boolean => b.some((i) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'invalid_value'));
  const fitting = branches.filter((b) => !wrongShape(b));
  if (fitting.length > 0) {
    const best = fitting.reduce((a, b) => (b.length < a.length ? b : a));
    return locatedIssues(best.map((i) => ({ ...i, path: [...path, ...i.path] }) as z.core.$ZodIssue), schema, source);
  }
  const root = branches.flat().filter((i) => i.path.length === 0);
  const words = root.flatMap((i) => (i.code === 'invalid_value' ? i.values.map(String) : []));
  if (words.length === 0 || typeof actual !== 'string') return null;
  const forms = [...new Set(root.flatMap((i) => (i.code === 'invalid_type' && i.expected !== 'string' ? [i.expected] : [])))];
  const others = forms.length === 0 ? '' : `, or ${forms.map((f) => `a${/^[aeiou]/.test(f) ? 'n' : ''} ${f}`).join(' or ')}`;
  return [at(path, `${shown(actual)} is not allowed here${didYouMean(actual, words)}; expected one of: ${words.join(', ')}${others}`)];
}

/** Validate a document against a schema; every problem is raised at once as ValidationError. */
export function validateSource<S extends z.ZodType>(schema: S, source: SourceDocument): z.output<S> {
  const r = schema.safeParse(source.value);
  if (r.success) return r.data;
  throw new ValidationError(locatedIssues(r.error.issues, schema, source));
}
