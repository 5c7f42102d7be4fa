/**
 * Reference checks of one table's title wording and item subset: the {N:question} placeholders
 * of `title` and `nLabel` name known questions, `nLabel` holds its {N}, and `items` are items of
 * the table's own questions. Each problem names the field and suggests the nearest name.
 */
import { didYouMean } from '../validation/index.js';
import { ITEM_KINDS } from './applicability.js';
import { knownName, type Catalog } from './catalog.js';
import type { FieldPath, LoadedSpec, SpecIssue } from './load.js';
import type { TableSpec } from './schema.js';
import { nPlaceholders } from './title-template.js';

function placeholderIssues(loaded: LoadedSpec, cat: Catalog, text: string, path: FieldPath): SpecIssue[] {
  const out: SpecIssue[] = [];
  for (const p of nPlaceholders(text)) {
    if (p.question === null) continue;
    if (p.question === '') out.push(loaded.issue(path, `${p.source}: name the question after the colon, e.g. {N:q12} (or write {N} for the table's N)`));
    else if (!knownName(cat, p.question)) {
      const names = new Set([...cat.questions.keys(), ...cat.variables.keys()]);
      out.push(loaded.issue(path, `${p.source} names unknown question "${p.question}"${didYouMean(p.question, names)}`));
    }
  }
  return out;
}

/** `nLabel` must hold {N}: it says how the N is worded, not whether it is printed (that is showN). */
export function nLabelIssues(loaded: LoadedSpec, cat: Catalog, nLabel: string | undefined, path: FieldPath): SpecIssue[] {
  if (nLabel === undefined) return [];
  const out = placeholderIssues(loaded, cat, nLabel, path);
  if (!nPlaceholders(nLabel).some((p) => p.question === null)) {
    out.push(loaded.issue(path, `nLabel "${nLabel}" has no {N}: write where the computed N goes, e.g. "(Meerdere antwoorden mogelijk; N={N})" (showN: false leaves the N out)`));
  }
  return out;
}

function tableQuestions(t: TableSpec): string[] {
  return t.questions === undefined ? [] : typeof t.questions === 'string' ? [t.questions] : [...t.questions];
}

/** `items`: every one an item (variable) of the table's questions, none twice. */
function itemIssues(loaded: LoadedSpec, cat: Catalog, t: TableSpec, path: FieldPath): SpecIssue[] {
  if (t.items === undefined) return [];
  if (!ITEM_KINDS.includes(t.kind)) {
    return [loaded.issue([...path, 'items'], `items does not apply to tables of kind ${t.kind} (it applies to: ${ITEM_KINDS.join(', ')})`)];
  }
  const qs = tableQuestions(t);
  if (qs.length === 0 || (t.rows ?? []).length > 0) {
    return [loaded.issue([...path, 'items'], `table "${t.id}": items picks statements of the table's questions; give "questions" (and no "rows")`)];
  }
  const known = qs.flatMap((q) => cat.questions.get(q)?.variables ?? []);
  const out: SpecIssue[] = [];
  const seen = new Set<string>();
  t.items.forEach((v, i) => {
    if (seen.has(v)) out.push(loaded.issue([...path, 'items', i], `item "${v}" is listed twice`));
    seen.add(v);
    if (!known.includes(v)) {
      out.push(loaded.issue([...path, 'items', i], `"${v}" is not an item of ${qs.map((q) => `"${q}"`).join(', ')}${didYouMean(v, known)} (items: ${known.join(', ')})`));
    }
  });
  return out;
}

export function tableTextIssues(loaded: LoadedSpec, cat: Catalog, t: TableSpec, path: FieldPath): SpecIssue[] {
  const placement =
    t.options?.nPlacement === 'group' && t.options.outer === 'scale'
      ? [loaded.issue([...path, 'options', 'nPlacement'], 'with outer: scale the spanning headers are the answers, not the groups: the N goes under each group column (leave out nPlacement)')]
      : [];
  return [
    ...placement,...placeholderIssues(loaded, cat, t.title, [...path, 'title']), ...nLabelIssues(loaded, cat, t.options?.nLabel, [...path, 'options', 'nLabel']), ...itemIssues(loaded, cat, t, path)];
}
