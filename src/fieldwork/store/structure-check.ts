/**
 * During fieldwork only wording may change: a spec whose questionnaire structure differs from the
 * one the store was created with is refused, naming each change (a removed question or code,
 * changed routing, ...), because stored answers would no longer fit the questionnaire.
 */
import { SpiegelError } from '../../errors.js';
import type { StudySpec } from '../../spec/schema.js';
import {
  type QuestionnaireStructure,
  type StructureCategory,
  type StructureItem,
  type StructureQuestion,
  questionnaireStructure,
  structureHash,
  structureJson,
} from '../questionnaire/hash.js';
import type { FieldStore } from './types.js';

export class StructureChangedError extends SpiegelError {
  readonly changes: readonly string[];
  constructor(specFile: string, changes: readonly string[]) {
    super(
      'SPEC',
      `the questionnaire changed in a way stored answers depend on; during fieldwork only wording may change:\n` +
        changes.map((c) => `  - ${c}`).join('\n') +
        `\nUndo these changes, or field the changed questionnaire as a new wave with its own store.`,
      { file: specFile, field: 'questions' },
    );
    this.name = 'StructureChangedError';
    this.changes = changes;
  }
}

/**
 * Throws StructureChangedError when `spec` (wave of the store) differs in structure from the
 * stored questionnaire. Wording-only changes pass. A store whose stored structure text differs
 * but describes no change (an older canonical form) gets the new structure recorded.
 */
export async function checkStructure(store: FieldStore, spec: StudySpec, specFile: string): Promise<void> {
  const meta = await store.meta();
  const hash = structureHash(spec, meta.wave);
  if (hash === meta.structureHash) return;
  const stored = JSON.parse(meta.structure) as QuestionnaireStructure;
  const changes = structureChanges(stored, questionnaireStructure(spec, meta.wave));
  if (changes.length > 0) throw new StructureChangedError(specFile, changes);
  await store.recordStructure(hash, structureJson(spec, meta.wave));
}

/** The differences between two structures, in words. */
export function structureChanges(before: QuestionnaireStructure, after: QuestionnaireStructure): string[] {
  const out: string[] = [];
  const was = new Map(before.questions.map((q) => [q.id, q]));
  const now = new Map(after.questions.map((q) => [q.id, q]));
  for (const q of before.questions) if (!now.has(q.id)) out.push(`question "${q.id}" was removed (its stored answers would be lost)`);
  for (const q of after.questions) if (!was.has(q.id)) out.push(`question "${q.id}" was added`);
  for (const q of after.questions) {
    const b = was.get(q.id);
    if (b) out.push(...questionChanges(b, q));
  }
  const order = (s: QuestionnaireStructure, keep: ReadonlyMap<string, unknown>): string => s.questions.filter((q) => keep.has(q.id)).map((q) => q.id).join(',');
  if (out.length === 0 && order(before, now) !== order(after, was)) out.push('the questions are in another order (the pages stored responses are on would shift)');
  return out;
}

function questionChanges(b: StructureQuestion, a: StructureQuestion): string[] {
  const out: string[] = [];
  const q = `question "${a.id}"`;
  if (b.type !== a.type) out.push(`${q}: type changed from ${b.type} to ${a.type}`);
  if (b.variable !== a.variable) out.push(`${q}: variable changed from ${show(b.variable ?? b.id)} to ${show(a.variable ?? a.id)}`);
  if (b.encoding !== a.encoding) out.push(`${q}: encoding changed from ${show(b.encoding)} to ${show(a.encoding)}`);
  if (b.askedIf !== a.askedIf) out.push(`${q}: routing changed (askedIf ${show(b.askedIf)} → ${show(a.askedIf)})`);
  if (JSON.stringify(b.range) !== JSON.stringify(a.range)) out.push(`${q}: range changed from ${show(b.range)} to ${show(a.range)}`);
  if (JSON.stringify(b.waves) !== JSON.stringify(a.waves)) out.push(`${q}: waves changed from ${show(b.waves)} to ${show(a.waves)}`);
  out.push(...categoryChanges(q, b.categories ?? [], a.categories ?? []));
  out.push(...itemChanges(q, b.items ?? [], a.items ?? []));
  return out;
}

function categoryChanges(q: string, b: readonly StructureCategory[], a: readonly StructureCategory[]): string[] {
  const out: string[] = [];
  const was = new Map(b.map((c) => [c.code, c]));
  const now = new Map(a.map((c) => [c.code, c]));
  for (const c of b) if (!now.has(c.code)) out.push(`${q}: answer code ${c.code} was removed`);
  for (const c of a) {
    const old = was.get(c.code);
    if (!old) out.push(`${q}: answer code ${c.code} was added`);
    else {
      if (old.special !== c.special) out.push(`${q}: code ${c.code} changed its special meaning from ${show(old.special)} to ${show(c.special)}`);
      if (old.textVariable !== c.textVariable) out.push(`${q}: code ${c.code} changed its text variable from ${show(old.textVariable)} to ${show(c.textVariable)}`);
    }
  }
  if (out.length === 0 && b.map((c) => c.code).join(',') !== a.map((c) => c.code).join(',')) out.push(`${q}: the answer codes are in another order`);
  return out;
}

function itemChanges(q: string, b: readonly StructureItem[], a: readonly StructureItem[]): string[] {
  const out: string[] = [];
  const key = (it: StructureItem, i: number): string => it.variable ?? (it.code !== undefined ? `code ${it.code}` : `item ${i + 1}`);
  const was = new Map(b.map((it, i) => [key(it, i), it]));
  const now = new Map(a.map((it, i) => [key(it, i), it]));
  for (const [k] of was) if (!now.has(k)) out.push(`${q}: item ${k} was removed`);
  for (const [k, it] of now) {
    const old = was.get(k);
    if (!old) out.push(`${q}: item ${k} was added`);
    else if (old.askedIf !== it.askedIf) out.push(`${q}: routing of item ${k} changed (askedIf ${show(old.askedIf)} → ${show(it.askedIf)})`);
    else if (old.code !== it.code || old.variable !== it.variable) out.push(`${q}: item ${k} changed`);
  }
  if (out.length === 0 && b.length === a.length && [...was.keys()].join(',') !== [...now.keys()].join(',')) out.push(`${q}: the items are in another order`);
  return out;
}

function show(v: unknown): string {
  return v === undefined ? '(none)' : JSON.stringify(v);
}
