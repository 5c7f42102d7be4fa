/**
 * The structure of a wave's questionnaire: what stored answers depend on, and nothing else.
 * Question ids, types, data variables, multiple-response encoding, category codes with their
 * special role and "Anders, namelijk" text variables, items (variable, code, routing), ranges,
 * routing expressions and waves, in spec order. Wordings, labels, titles and texts are left out,
 * so a wording change keeps the hash and a structural change alters it.
 *
 * `structureHash` is SHA-256 over the canonical JSON (sorted keys) of `questionnaireStructure`.
 */
import { createHash } from 'node:crypto';
import type { CategorySpec, StudySpec } from '../../spec/schema.js';

export interface StructureCategory {
  readonly code: number;
  readonly special?: string;
  readonly textVariable?: string;
}

export interface StructureItem {
  readonly variable?: string;
  readonly code?: number;
  readonly askedIf?: string;
}

export interface StructureQuestion {
  readonly id: string;
  readonly type: string;
  readonly variable?: string;
  readonly encoding?: string;
  readonly categories?: readonly StructureCategory[];
  readonly items?: readonly StructureItem[];
  readonly range?: readonly [number, number];
  readonly askedIf?: string;
  readonly waves?: readonly number[];
}

export interface QuestionnaireStructure {
  readonly wave: number;
  readonly questions: readonly StructureQuestion[];
}

/** The questions asked in `wave` (those without `waves`, or listing it), reduced to their structure. */
export function questionnaireStructure(spec: StudySpec, wave: number): QuestionnaireStructure {
  const resolve = (c: readonly CategorySpec[] | string | undefined): readonly CategorySpec[] | undefined =>
    typeof c === 'string' ? spec.scales?.[c] : c;
  const questions = spec.questions
    .filter((q) => q.waves === undefined || q.waves.includes(wave))
    .map((q): StructureQuestion => {
      const cats = resolve(q.categories);
      return dropUndefined({
        id: q.id,
        type: q.type,
        variable: q.variable,
        encoding: q.encoding,
        categories: cats?.map((c) => dropUndefined({ code: c.code, special: c.special, textVariable: c.textVariable })),
        items: q.items?.map((it) => dropUndefined({ variable: it.variable, code: it.code, askedIf: it.askedIf })),
        range: q.range,
        askedIf: q.askedIf,
        waves: q.waves,
      });
    });
  return { wave, questions };
}

/** Canonical JSON of the structure (sorted keys): what the store keeps to explain a refused change. */
export function structureJson(spec: StudySpec, wave: number): string {
  return canonical(questionnaireStructure(spec, wave));
}

export function structureHash(spec: StudySpec, wave: number): string {
  return createHash('sha256').update(structureJson(spec, wave), 'utf8').digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
