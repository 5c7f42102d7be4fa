/**
 * Warnings (not errors) about the base of grid tables: the kinds itemGrid, likert4,
 * likertReversed and itemGridBy keep an "N.v.t." answer in the base of their percentages by
 * default (they print the scale as declared), where likert5, likert3 and most others drop it.
 * Missed, that silently changes every cell of a row (41 cells of report 6, Tabel 32.a), so a
 * table of these kinds over a question with an N.v.t. answer is flagged unless the table (or
 * `defaults`) says `excludeNotApplicable` either way.
 */
import type { Catalog } from './catalog.js';
import type { FieldPath } from './load.js';
import type { StudySpec } from './schema.js';

/** Kinds whose default keeps N.v.t. in the base (src/tables/kinds: excludeNotApplicable false). */
export const KEEPS_NOT_APPLICABLE: readonly string[] = ['itemGrid', 'likert4', 'likertReversed', 'itemGridBy'];

export interface SpecWarning {
  readonly path: FieldPath;
  readonly message: string;
}

export function notApplicableWarnings(spec: StudySpec, catalog: Catalog): SpecWarning[] {
  if (spec.defaults?.excludeNotApplicable !== undefined) return [];
  const out: SpecWarning[] = [];
  spec.tables.forEach((t, ti) => {
    if (!KEEPS_NOT_APPLICABLE.includes(t.kind) || t.options?.excludeNotApplicable !== undefined) return;
    const ids = [...(t.questions === undefined ? [] : typeof t.questions === 'string' ? [t.questions] : t.questions), ...(t.rows ?? []).map((r) => r.question ?? r.variable).filter((x): x is string => x !== undefined)];
    const withNa = [...new Set(ids)].filter((id) => {
      const cats = catalog.questions.get(id)?.categories ?? catalog.variables.get(id)?.categories ?? null;
      return cats?.some((c) => c.special === 'notApplicable') ?? false;
    });
    if (withNa.length === 0) return;
    out.push({
      path: ['tables', ti, 'kind'],
      message:
        `table "${t.id}" (${t.kind}) keeps "N.v.t." in the base of its percentages (question ${withNa.map((q) => `"${q}"`).join(', ')} has that answer), ` +
        'unlike likert5 and likert3; set options.excludeNotApplicable: true to leave it out, or false to keep it and silence this warning',
    });
  });
  return out;
}
