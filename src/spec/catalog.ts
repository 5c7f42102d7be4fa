/**
 * The questionnaire as an index of variables: which data variables exist, what they hold
 * (categories with special answers, a 0/1 option of a multiple-response set, a rating, a
 * number, text) and which question asks them. Built once from a validated spec; the
 * reference checks, the data checks of runStudy and the table builders all read it.
 */
import { didYouMean } from '../validation/suggest.js';
import type { BackgroundSpec, CategorySpec, CollapseGroupSpec, QuestionSpec, StudySpec } from './schema.js';

export type VariableRole = 'single' | 'option' | 'gridItem' | 'rating' | 'number' | 'open' | 'otherText' | 'list' | 'derived';

export interface VariableInfo {
  readonly name: string;
  readonly role: VariableRole;
  readonly label: string;
  /** Question (or background/derived id) this variable belongs to. */
  readonly owner: string;
  /** Spec path of the declaration, for error locations. */
  readonly path: readonly (string | number)[];
  readonly categories: readonly CategorySpec[] | null;
  /** Item-level routing in addition to the owner's routing. */
  readonly askedIf?: string;
}

export interface QuestionInfo {
  readonly id: string;
  readonly wording: string;
  readonly type: QuestionSpec['type'] | 'background' | 'derived';
  readonly categories: readonly CategorySpec[] | null;
  /** Variables of the question: one for single/rating/number/open, one per item for grid/multiple. */
  readonly variables: readonly string[];
  /** Item labels in order (grid statements, multiple-response options). */
  readonly itemLabels: readonly string[];
  readonly askedIf?: string;
  readonly waves?: readonly number[];
  readonly path: readonly (string | number)[];
  /** Multiple response stored as a list: the text variable and the option codes. */
  readonly list?: { readonly variable: string; readonly codes: readonly number[] };
  readonly range?: readonly [number, number];
}

export interface Catalog {
  readonly variables: ReadonlyMap<string, VariableInfo>;
  readonly questions: ReadonlyMap<string, QuestionInfo>;
  /** Resolve a `categories` field (inline list or scale name); null when the scale is unknown. */
  categories(c: readonly CategorySpec[] | string | undefined): readonly CategorySpec[] | null;
  collapse(c: readonly CollapseGroupSpec[] | string | undefined): readonly CollapseGroupSpec[] | null;
  /** Problems found while indexing (duplicates, unknown scales), as [path, message]. */
  readonly problems: readonly [readonly (string | number)[], string][];
}

/** Name of the 0/1 variable made for option `code` of a list-encoded multiple response variable. */
export function listOptionVariable(variable: string, code: number): string {
  return `${variable}_${String(code).replace('-', 'm').replace('.', '_')}`;
}

export function buildCatalog(spec: StudySpec): Catalog {
  const variables = new Map<string, VariableInfo>();
  const questions = new Map<string, QuestionInfo>();
  const problems: [readonly (string | number)[], string][] = [];
  const categories = (c: readonly CategorySpec[] | string | undefined): readonly CategorySpec[] | null => {
    if (c === undefined) return null;
    if (typeof c === 'string') return spec.scales?.[c] ?? null;
    return c;
  };
  const collapse = (c: readonly CollapseGroupSpec[] | string | undefined): readonly CollapseGroupSpec[] | null => {
    if (c === undefined) return null;
    if (typeof c === 'string') return spec.collapses?.[c] ?? null;
    return c;
  };
  const addVar = (v: VariableInfo): void => {
    if (variables.has(v.name)) {
      problems.push([v.path, `variable "${v.name}" is declared twice (also by "${variables.get(v.name)!.owner}")`]);
      return;
    }
    variables.set(v.name, v);
  };
  const addQuestion = (q: QuestionInfo): void => {
    if (questions.has(q.id)) {
      problems.push([[...q.path, 'id'], `id "${q.id}" is used twice`]);
      return;
    }
    questions.set(q.id, q);
  };
  const resolve = (c: readonly CategorySpec[] | string | undefined, path: (string | number)[]): readonly CategorySpec[] | null => {
    const r = categories(c);
    if (r === null && typeof c === 'string') problems.push([path, `unknown scale "${c}"${didYouMean(c, Object.keys(spec.scales ?? {}))} (declare it under "scales")`]);
    return r;
  };

  spec.questions.forEach((q, qi) => {
    const path = ['questions', qi];
    const cats = resolve(q.categories, [...path, 'categories']);
    const variable = q.variable ?? q.id;
    const items = q.items ?? [];
    const vars: string[] = [];
    let list: QuestionInfo['list'];
    switch (q.type) {
      case 'single':
      case 'rating':
      case 'number':
      case 'open': {
        if (q.type === 'single' && cats === null && q.categories === undefined) problems.push([path, `question "${q.id}" of type single needs "categories"`]);
        vars.push(variable);
        addVar({ name: variable, role: q.type, label: q.wording, owner: q.id, path, categories: cats });
        break;
      }
      case 'grid': {
        if (items.length === 0) problems.push([path, `grid question "${q.id}" needs "items" (its statements)`]);
        if (cats === null && q.categories === undefined) problems.push([path, `grid question "${q.id}" needs "categories" (the shared answer scale)`]);
        items.forEach((it, ii) => {
          const name = it.variable ?? `${q.id}_${ii + 1}`;
          vars.push(name);
          addVar({ name, role: 'gridItem', label: it.label, owner: q.id, path: [...path, 'items', ii], categories: cats, askedIf: it.askedIf });
        });
        break;
      }
      case 'numbers': {
        if (items.length === 0) problems.push([path, `question "${q.id}" of type numbers needs "items" (one number field each)`]);
        items.forEach((it, ii) => {
          const name = it.variable ?? `${q.id}_${ii + 1}`;
          vars.push(name);
          addVar({ name, role: 'number', label: it.label, owner: q.id, path: [...path, 'items', ii], categories: null, askedIf: it.askedIf });
        });
        break;
      }
      case 'multiple': {
        if (items.length === 0) problems.push([path, `multiple response question "${q.id}" needs "items" (its options)`]);
        const encoding = q.encoding ?? (items.every((it) => it.variable !== undefined) ? 'dichotomies' : 'list');
        if (encoding === 'list') {
          const codes: number[] = [];
          items.forEach((it, ii) => {
            if (it.code === undefined) {
              problems.push([[...path, 'items', ii], `option "${it.label}" of list-encoded question "${q.id}" needs a "code"`]);
              return;
            }
            codes.push(it.code);
            const name = listOptionVariable(variable, it.code);
            vars.push(name);
            addVar({ name, role: 'option', label: it.label, owner: q.id, path: [...path, 'items', ii], categories: null, askedIf: it.askedIf });
          });
          list = { variable, codes };
          addVar({ name: variable, role: 'list', label: q.wording, owner: q.id, path, categories: null });
        } else {
          items.forEach((it, ii) => {
            if (it.variable === undefined) {
              problems.push([[...path, 'items', ii], `option "${it.label}" of question "${q.id}" needs a "variable" (its 0/1 variable)`]);
              return;
            }
            vars.push(it.variable);
            addVar({ name: it.variable, role: 'option', label: it.label, owner: q.id, path: [...path, 'items', ii], categories: null, askedIf: it.askedIf });
          });
        }
        break;
      }
    }
    cats?.forEach((c, ci) => {
      if (c.textVariable !== undefined) {
        addVar({ name: c.textVariable, role: 'otherText', label: `${q.wording}: ${c.label}`, owner: q.id, path: [...path, 'categories', ci], categories: null });
      }
    });
    addQuestion({
      id: q.id,
      wording: q.wording,
      type: q.type,
      categories: cats,
      variables: vars,
      itemLabels: items.map((i) => i.label),
      askedIf: q.askedIf,
      waves: q.waves,
      path,
      list,
      range: q.type === 'rating' ? (q.range ?? [1, 10]) : q.range,
    });
  });

  (spec.background ?? []).forEach((b: BackgroundSpec, bi) => {
    const path = ['background', bi];
    const cats = resolve(b.categories, [...path, 'categories']);
    const type = b.type ?? (b.items ? 'multiple' : 'single');
    const vars: string[] = [];
    if (b.items) {
      b.items.forEach((it, ii) => {
        const name = it.variable ?? `${b.id}_${ii + 1}`;
        vars.push(name);
        addVar({ name, role: 'option', label: it.label, owner: b.id, path: [...path, 'items', ii], categories: null });
      });
    } else {
      vars.push(b.id);
      addVar({ name: b.id, role: type === 'number' ? 'number' : type === 'open' ? 'open' : 'single', label: b.label, owner: b.id, path, categories: cats });
    }
    addQuestion({ id: b.id, wording: b.label, type: b.items ? 'multiple' : type, categories: cats, variables: vars, itemLabels: (b.items ?? []).map((i) => i.label), path });
  });

  (spec.derived ?? []).forEach((d, di) => {
    const path = ['derived', di];
    let cats: readonly CategorySpec[] | null = null;
    if (d.type === 'recode') cats = resolve(d.categories, [...path, 'categories']);
    else if (d.type === 'expression') cats = resolve(d.categories, [...path, 'categories']) ?? (spec.study.locale.startsWith('nl') ? [{ code: 1, label: 'Ja' }, { code: 0, label: 'Nee' }] : [{ code: 1, label: 'Yes' }, { code: 0, label: 'No' }]);
    else if (d.type === 'collapse') {
      const groups = collapse(d.groups);
      if (groups === null) problems.push([[...path, 'groups'], `unknown collapse "${String(d.groups)}"${didYouMean(String(d.groups), Object.keys(spec.collapses ?? {}))} (declare it under "collapses")`]);
      cats = groups?.map((g, gi) => ({ code: g.code ?? gi + 1, label: g.label, special: g.special })) ?? null;
    } else if (d.type === 'backcode') cats = questions.get(d.from)?.categories ?? variables.get(d.from)?.categories ?? null;
    else if (d.type === 'buckets') cats = d.buckets.map((b, bi) => ({ code: b.code ?? bi + 1, label: b.label }));
    if (d.type === 'backcode' && d.rules === undefined && d.moves === undefined) problems.push([path, `back-coding "${d.id}" needs "rules" or "moves"`]);
    if (d.type === 'backcode' && d.moves !== undefined && d.unit === undefined) problems.push([path, `back-coding "${d.id}" reads "moves" by respondent: it needs "unit" (the variable identifying respondents)`]);
    if (d.type === 'coded') {
      // One 0/1 variable per theme, like the options of a multiple-response question.
      d.themes.forEach((t, ti) => addVar({ name: t.variable, role: 'option', label: t.label, owner: d.id, path: [...path, 'themes', ti], categories: null }));
      addQuestion({ id: d.id, wording: d.label ?? d.id, type: 'multiple', categories: null, variables: d.themes.map((t) => t.variable), itemLabels: d.themes.map((t) => t.label), path });
      return;
    }
    const label = d.label ?? d.id;
    addVar({ name: d.id, role: 'derived', label, owner: d.id, path, categories: cats });
    addQuestion({ id: d.id, wording: label, type: d.type === 'count' ? 'number' : 'derived', categories: cats, variables: [d.id], itemLabels: [], path });
  });

  return { variables, questions, categories, collapse, problems };
}

/** Names usable in expressions and table references: every variable, plus every question id. */
export function knownName(cat: Catalog, name: string): boolean {
  return cat.variables.has(name) || cat.questions.has(name);
}

/** The data variable an expression name stands for (a question id of a single question → its variable). */
export function variableOf(cat: Catalog, name: string): string {
  if (cat.variables.has(name)) return name;
  const q = cat.questions.get(name);
  if (q && q.variables.length === 1) return q.variables[0];
  return name;
}
