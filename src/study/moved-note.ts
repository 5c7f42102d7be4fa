/**
 * The note under a table built on a back-coded variable (`derived` of type `backcode`): how many
 * answers in the table's base were moved from "Anders, namelijk" into an existing category
 * (report 4, footnote 4). Counted from the data — rows where the back-coded value differs from
 * the raw answer — so moves from a moves file and from rules are both counted, and nothing is typed.
 */
import { variableOf } from '../spec/catalog.js';
import type { TableSpec } from '../spec/schema.js';
import type { StudyContext } from '../tables/context.js';
import { allRows, and, askedMask, hasVariable, tableFilter, valuesOf } from '../tables/domain.js';
import type { Table } from '../tables/model.js';

/** Short name of the rest category: "Anders, namelijk: … [Open]" → "Anders". */
export function otherName(label: string): string {
  const short = /^[^,:(]+/.exec(label)?.[0].trim();
  return short === undefined || short === '' ? label : short;
}

export function movedNoteText(locale: string, n: number, other: string): string {
  if (locale.startsWith('nl')) return `${n === 1 ? '1 antwoord' : `${n} antwoorden`} bij ‘${other}’ ${n === 1 ? 'is' : 'zijn'} na het lezen van de toelichting ingedeeld bij een bestaande categorie.`;
  return `${n === 1 ? '1 answer' : `${n} answers`} in ‘${other}’ ${n === 1 ? 'was' : 'were'} moved to an existing category after reading the text.`;
}

/** Answers moved by the back-coding `id` among the current wave's rows in `base`. */
export function movedCount(ctx: StudyContext, id: string, base: Uint8Array): number {
  const d = ctx.spec.derived?.find((x) => x.id === id);
  const wave = ctx.current;
  if (d === undefined || d.type !== 'backcode' || wave === null || !hasVariable(ctx, wave, id) || !hasVariable(ctx, wave, d.from)) return 0;
  const coded = valuesOf(ctx, wave, id);
  const raw = valuesOf(ctx, wave, variableOf(ctx.catalog, d.from));
  let n = 0;
  for (let i = 0; i < coded.length; i++) if (base[i] === 1 && !Number.isNaN(coded[i]) && !Number.isNaN(raw[i]) && coded[i] !== raw[i]) n++;
  return n;
}

/** The table with a note per back-coded question it is built on that moved at least one answer in its base. */
export function withMovedNote(ctx: StudyContext, t: TableSpec, table: Table): Table {
  const wave = ctx.current;
  if (wave === null || wave.data === null) return table;
  const ids = t.questions === undefined ? [] : typeof t.questions === 'string' ? [t.questions] : t.questions;
  const notes: string[] = [];
  for (const id of ids) {
    const d = ctx.spec.derived?.find((x) => x.id === id);
    if (d === undefined || d.type !== 'backcode' || !hasVariable(ctx, wave, id)) continue;
    const base = and(tableFilter(ctx, wave, t.filter), allRows(wave), askedMask(ctx, wave, id));
    const n = movedCount(ctx, id, base);
    if (n === 0) continue;
    const cats = ctx.catalog.variables.get(variableOf(ctx.catalog, d.from))?.categories ?? [];
    const movable = new Set(d.codes ?? cats.filter((c) => c.special === 'other').map((c) => c.code));
    const other = cats.find((c) => movable.has(c.code));
    notes.push(movedNoteText(ctx.spec.study.locale, n, otherName(other?.label ?? 'Anders')));
  }
  return notes.length === 0 ? table : { ...table, notes: [...table.notes, ...notes] };
}
