/**
 * The columns of a wave's export, read from the spec's catalog: every data variable of the
 * questions asked in the wave (a list-encoded multiple response as its one text variable, as
 * `spiegel report` reads it), the "Anders, namelijk" text variables, and the background variables
 * (filled from the register columns of the sample when `fieldwork.registerColumns` names them).
 */
import { type Catalog, type QuestionInfo, buildCatalog } from '../../spec/catalog.js';
import { parseExpression, type Expr } from '../../spec/expression.js';
import type { CategorySpec, StudySpec } from '../../spec/schema.js';

export type ExportKind = 'code' | 'option' | 'number' | 'text' | 'list';

export interface ExportVariable {
  readonly name: string;
  readonly kind: ExportKind;
  readonly label: string;
  readonly categories: readonly CategorySpec[] | null;
  /** Question (or background variable) id. */
  readonly owner: string;
  /** Routing of the question and of the item, all of which must hold for the variable to be asked. */
  readonly routing: readonly Expr[];
  readonly range?: readonly [number, number];
  readonly ordinal: boolean;
}

export interface ExportPlan {
  readonly catalog: Catalog;
  /** Question variables in spec order. */
  readonly questions: readonly ExportVariable[];
  /** Background variables: from the register, or empty when the register does not have them. */
  readonly background: readonly ExportVariable[];
  /** Pages of the questionnaire (question ids), for the share of pages a break-off reached. */
  readonly pages: readonly (readonly string[])[];
}

export function exportPlan(spec: StudySpec, wave: number): ExportPlan {
  const catalog = buildCatalog(spec);
  const asked = spec.questions.filter((q) => q.waves === undefined || q.waves.includes(wave));
  const questions: ExportVariable[] = [];
  for (const q of asked) {
    const info = catalog.questions.get(q.id);
    if (!info) continue;
    const own = info.askedIf === undefined ? [] : [parseExpression(info.askedIf)];
    if (info.list) {
      questions.push({ name: info.list.variable, kind: 'list', label: info.wording, categories: null, owner: q.id, routing: own, ordinal: false });
    } else {
      for (const name of info.variables) questions.push(variableOf(catalog, info, name, own));
    }
    for (const v of catalog.variables.values()) {
      if (v.owner === q.id && v.role === 'otherText') {
        questions.push({ name: v.name, kind: 'text', label: v.label, categories: null, owner: q.id, routing: own, ordinal: false });
      }
    }
  }
  const background: ExportVariable[] = [];
  for (const b of spec.background ?? []) {
    const info = catalog.questions.get(b.id);
    if (!info) continue;
    for (const name of info.variables) background.push(variableOf(catalog, info, name, []));
  }
  const ids = new Set(asked.map((q) => q.id));
  const pages = spec.fieldwork?.pages
    ? spec.fieldwork.pages.map((p) => p.questions.filter((id) => ids.has(id))).filter((p) => p.length > 0)
    : asked.map((q) => [q.id]);
  return { catalog, questions, background, pages };
}

function variableOf(catalog: Catalog, q: QuestionInfo, name: string, own: readonly Expr[]): ExportVariable {
  const v = catalog.variables.get(name);
  const routing = v?.askedIf === undefined ? own : [...own, parseExpression(v.askedIf)];
  const role = v?.role ?? 'single';
  const kind: ExportKind = role === 'open' || role === 'otherText' ? 'text' : role === 'option' ? 'option' : role === 'number' || role === 'rating' ? (v?.categories ? 'code' : 'number') : 'code';
  return {
    name,
    kind,
    label: v?.label ?? q.wording,
    categories: v?.categories ?? null,
    owner: q.id,
    routing,
    ordinal: q.type === 'grid' || q.type === 'rating',
    ...(q.range ? { range: q.range } : {}),
  };
}
