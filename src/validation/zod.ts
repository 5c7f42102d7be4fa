/**
 * zod issues → located validation issues. Every problem of a document is listed, each with its
 * file, line and field; an unknown field or value names the nearest allowed one.
 */
import type { z } from 'zod';
import { didYouMean } from './suggest.js';
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
    if (iss.code === 'invalid_type' && actual === undefined) {
      out.push(at(path, `required field is missing (expected ${iss.expected})`));
      continue;
    }
    out.push(at(path, iss.message));
  }
  return out;
}

/** Validate a document against a schema; every problem is raised at once as ValidationError. */
export function validateSource<S extends z.ZodType>(schema: S, source: SourceDocument): z.output<S> {
  const r = schema.safeParse(source.value);
  if (r.success) return r.data;
  throw new ValidationError(locatedIssues(r.error.issues, schema, source));
}
