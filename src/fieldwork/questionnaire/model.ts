/**
 * A question as the web questionnaire sees it: its data variables (the names `spiegel report`
 * reads, made by the same rules as src/spec/catalog.ts), its resolved answer categories, its
 * items with their routing, and its "Anders, namelijk" text variables. Built once per spec and
 * cached, so rendering, parsing and routing all read the same model.
 */
import { buildCatalog, listOptionVariable, type Catalog } from '../../spec/catalog.js';
import { parseExpression, type Expr } from '../../spec/expression.js';
import type { CategorySpec, QuestionSpec, StudySpec } from '../../spec/schema.js';

/** One item of a grid, a number battery or a multiple-response question. */
export interface ModelItem {
  /** Data variable (for list-encoded multiple response: the 0/1 option variable the report makes). */
  readonly variable: string;
  readonly label: string;
  /** Code of the option in a list-encoded multiple response. */
  readonly code?: number;
  readonly askedIf?: Expr;
  /** "Geen van deze", "Weet ik niet": excludes the other options. */
  readonly exclusive: boolean;
}

export interface ModelQuestion {
  readonly spec: QuestionSpec;
  readonly id: string;
  readonly type: QuestionSpec['type'];
  readonly askedIf?: Expr;
  /** Resolved categories (inline or scale); empty when the question has none. */
  readonly categories: readonly CategorySpec[];
  /** The question's own variable: single, rating, number, open, and list-encoded multiple. */
  readonly variable?: string;
  readonly encoding?: 'dichotomies' | 'list';
  readonly items: readonly ModelItem[];
  readonly range?: readonly [number, number];
  /** "Anders, namelijk" text variables by category code. */
  readonly textVariables: ReadonlyMap<number, string>;
}

export interface Model {
  readonly catalog: Catalog;
  readonly questions: ReadonlyMap<string, ModelQuestion>;
  /** List-encoded option variable → its list variable and code (routing may name the option). */
  readonly listOptions: ReadonlyMap<string, { readonly list: string; readonly code: number }>;
}

const cache = new WeakMap<StudySpec, Model>();

function parsed(src: string | undefined): Expr | undefined {
  if (src === undefined) return undefined;
  try {
    return parseExpression(src);
  } catch {
    // A syntax error is reported by checkFieldable (and by loadSpec); such routing never holds.
    return { type: 'in', name: '\u0000', values: [], negate: false, pos: 0 };
  }
}

export function modelOf(spec: StudySpec): Model {
  const hit = cache.get(spec);
  if (hit) return hit;
  const catalog = buildCatalog(spec);
  const questions = new Map<string, ModelQuestion>();
  const listOptions = new Map<string, { list: string; code: number }>();
  for (const q of spec.questions) {
    const categories = catalog.categories(q.categories) ?? [];
    const rawItems = q.items ?? [];
    const textVariables = new Map<number, string>();
    for (const c of categories) if (c.textVariable !== undefined) textVariables.set(c.code, c.textVariable);
    let variable: string | undefined;
    let encoding: 'dichotomies' | 'list' | undefined;
    let items: ModelItem[] = [];
    const item = (name: string, ii: number, code?: number): ModelItem => {
      const it = rawItems[ii];
      const askedIf = parsed(it.askedIf);
      return { variable: name, label: it.label, exclusive: it.exclusive === true, ...(code === undefined ? {} : { code }), ...(askedIf ? { askedIf } : {}) };
    };
    switch (q.type) {
      case 'single':
      case 'rating':
      case 'number':
      case 'open':
        variable = q.variable ?? q.id;
        break;
      case 'grid':
      case 'numbers':
        items = rawItems.map((it, ii) => item(it.variable ?? `${q.id}_${ii + 1}`, ii));
        break;
      case 'multiple':
        encoding = q.encoding ?? (rawItems.every((it) => it.variable !== undefined) ? 'dichotomies' : 'list');
        if (encoding === 'list') {
          variable = q.variable ?? q.id;
          const list = variable;
          items = rawItems.flatMap((it, ii) => {
            if (it.code === undefined) return [];
            const name = listOptionVariable(list, it.code);
            listOptions.set(name, { list, code: it.code });
            return [item(name, ii, it.code)];
          });
        } else {
          items = rawItems.flatMap((it, ii) => (it.variable === undefined ? [] : [item(it.variable, ii)]));
        }
        break;
    }
    const askedIf = parsed(q.askedIf);
    const range = q.type === 'rating' ? (q.range ?? [1, 10]) : q.range;
    questions.set(q.id, {
      spec: q,
      id: q.id,
      type: q.type,
      categories,
      items,
      textVariables,
      ...(askedIf ? { askedIf } : {}),
      ...(variable === undefined ? {} : { variable }),
      ...(encoding === undefined ? {} : { encoding }),
      ...(range === undefined ? {} : { range }),
    });
  }
  const model: Model = { catalog, questions, listOptions };
  cache.set(spec, model);
  return model;
}

export function modelQuestion(spec: StudySpec, q: QuestionSpec): ModelQuestion {
  const m = modelOf(spec).questions.get(q.id);
  if (!m) throw new Error(`question "${q.id}" is not in the spec`);
  return m;
}

/** Every data variable a question can store: own variable, items (not list options), texts. */
export function storedVariables(q: ModelQuestion): string[] {
  const out: string[] = [];
  if (q.variable !== undefined) out.push(q.variable);
  if (q.encoding !== 'list') for (const it of q.items) out.push(it.variable);
  for (const t of q.textVariables.values()) out.push(t);
  return out;
}

/** The wave a spec fields: `fieldwork.wave`, else the last wave with data, else the last wave. */
export function fieldedWave(spec: StudySpec): number {
  if (spec.fieldwork?.wave !== undefined) return spec.fieldwork.wave;
  const withData = spec.waves.filter((w) => w.data !== undefined);
  return (withData.length > 0 ? withData : spec.waves)[(withData.length > 0 ? withData : spec.waves).length - 1].year;
}
