/**
 * Reference checks after schema validation: every name a spec uses must exist — routing
 * expressions over known questions, tables over known questions/variables/subgroups/waves,
 * sections over known tables. Each problem names the field and its line.
 */
import { buildCatalog, knownName, type Catalog } from './catalog.js';
import { ExpressionSyntaxError, parseExpression, referencedNames } from './expression.js';
import type { FieldPath, LoadedSpec, SpecIssue } from './load.js';
import { parseTextReferences } from './textref.js';
import { didYouMean } from '../validation/index.js';
import { inapplicableOptions } from './applicability.js';
import { nLabelIssues, tableTextIssues } from './table-references.js';

type QType = 'single' | 'multiple' | 'grid' | 'rating' | 'number' | 'numbers' | 'open' | 'derived' | 'background';
const CATEGORICAL: readonly QType[] = ['single', 'rating', 'derived', 'background'];
const GRIDLIKE: readonly QType[] = ['grid', 'single', 'rating', 'derived', 'background'];
/** Question types each kind can tabulate (derived/background: categorical variables). */
const ACCEPTS: Partial<Record<string, readonly QType[]>> = {
  frequency: CATEGORICAL,
  crossTab: CATEGORICAL,
  countPercent: CATEGORICAL,
  buckets: CATEGORICAL,
  profile: CATEGORICAL,
  subQuestions: CATEGORICAL,
  rating: ['rating', 'single', 'derived'],
  multipleResponse: ['multiple'],
  multipleResponseBy: ['multiple'],
  themes: ['multiple', 'number'],
  likert5: GRIDLIKE,
  likert5Nvt: GRIDLIKE,
  likert3: GRIDLIKE,
  likert4: GRIDLIKE,
  likertReversed: GRIDLIKE,
  itemGrid: GRIDLIKE,
  yesNoGrid: GRIDLIKE,
  ranking: GRIDLIKE,
  itemGridWithN: GRIDLIKE,
  itemGridBy: GRIDLIKE,
  ratingMeanBy: ['rating', 'grid', 'single', 'derived'],
  averageShare: ['number', 'numbers', 'derived'],
  itemShare: ['grid', 'single', 'multiple', 'rating', 'derived', 'background'],
  itemShareBy: ['grid', 'single', 'multiple', 'rating', 'derived', 'background'],
  trend: ['grid', 'single', 'multiple', 'rating', 'number', 'numbers', 'derived', 'background'],
};

/** Table kinds that need no question (static content or coded counts given as rows). */
const STATIC_KINDS = new Set(['populationSampleResponse', 'overview']);

export function checkReferences(loaded: LoadedSpec): SpecIssue[] {
  const { spec } = loaded;
  const out: SpecIssue[] = [];
  const cat = buildCatalog(spec);
  for (const [path, msg] of cat.problems) out.push(loaded.issue(path, msg));

  const checkExpr = (src: string | undefined, path: FieldPath, self?: string): void => {
    if (src === undefined) return;
    try {
      const e = parseExpression(src);
      for (const r of referencedNames(e)) {
        if (!knownName(cat, r.name)) out.push(loaded.issue(path, `routing refers to unknown question or variable "${r.name}"${suggest(cat, r.name)}`));
        else if (self !== undefined && r.name === self) out.push(loaded.issue(path, `question "${self}" cannot be routed on its own answer`));
      }
    } catch (err) {
      if (err instanceof ExpressionSyntaxError) {
        const shown = src.length > 80 ? `${src.slice(0, 79)}…` : src;
        out.push(loaded.issue(path, `invalid expression "${shown}": ${err.message} (at character ${err.position + 1})`));
      } else throw err;
    }
  };

  spec.questions.forEach((q, qi) => {
    checkExpr(q.askedIf, ['questions', qi, 'askedIf'], q.id);
    q.items?.forEach((it, ii) => checkExpr(it.askedIf, ['questions', qi, 'items', ii, 'askedIf']));
  });

  spec.derived?.forEach((d, di) => {
    const path: FieldPath = ['derived', di];
    // respondent_key: the stable key \`spiegel field export\` writes (src/fieldwork/export/respondent-key.ts)
    if ((d.type === 'backcode' || d.type === 'coded') && d.unit !== undefined && d.unit !== 'respondent_key' && !knownName(cat, d.unit)) {
      out.push(loaded.issue([...path, 'unit'], `unknown variable "${d.unit}"${suggest(cat, d.unit)} (the variable that identifies respondents)`));
    }
    if (d.type === 'expression') checkExpr(d.condition, [...path, 'condition']);
    else if (d.type === 'backcode') {
      if (!knownName(cat, d.from)) {
        out.push(loaded.issue([...path, 'from'], `unknown question or variable "${d.from}"${suggest(cat, d.from)}`));
        return;
      }
      const cats = cat.variables.get(d.id)?.categories ?? [];
      const known = new Set(cats.map((c) => c.code));
      if (cats.length === 0) out.push(loaded.issue([...path, 'from'], `"${d.from}" has no categories to back-code into`));
      else if (d.codes === undefined && !cats.some((c) => c.special === 'other')) {
        out.push(loaded.issue([...path, 'from'], `"${d.from}" has no category marked special: other; give "codes" (the answers that may be back-coded)`));
      }
      d.codes?.forEach((c, ci) => known.has(c) || out.push(loaded.issue([...path, 'codes', ci], `code ${c} is not a category of "${d.from}"`)));
      (d.rules ?? []).forEach((r, ri) => {
        if (cats.length > 0 && !known.has(r.code)) out.push(loaded.issue([...path, 'rules', ri, 'code'], `code ${r.code} is not a category of "${d.from}"`));
        checkExpr(r.when, [...path, 'rules', ri, 'when']);
      });
    }
    else if (d.type === 'count') {
      const q = cat.questions.get(d.of);
      if (!q) out.push(loaded.issue([...path, 'of'], `unknown question "${d.of}"${suggest(cat, d.of)}`));
      else if (q.type !== 'multiple') out.push(loaded.issue([...path, 'of'], `"${d.of}" is not a multiple response question`));
    } else if (!knownName(cat, d.from)) out.push(loaded.issue([...path, 'from'], `unknown question or variable "${d.from}"${suggest(cat, d.from)}`));
  });

  spec.subgroups?.forEach((s, si) => {
    if (!knownName(cat, s.variable)) out.push(loaded.issue(['subgroups', si, 'variable'], `unknown variable "${s.variable}"${suggest(cat, s.variable)}`));
  });

  const years = new Set<number>();
  const tableIds = new Set(spec.tables.map((t) => t.id));
  spec.waves.forEach((w, wi) => {
    if (years.has(w.year)) out.push(loaded.issue(['waves', wi, 'year'], `wave ${w.year} is listed twice`));
    years.add(w.year);
    if (Array.isArray(w.data) && w.stackVariable === undefined) {
      out.push(loaded.issue(['waves', wi, 'data'], `wave ${w.year} has several data files: give "stackVariable", the variable that records which file a row came from`));
    }
    if (w.stackVariable !== undefined && !knownName(cat, w.stackVariable)) {
      out.push(loaded.issue(['waves', wi, 'stackVariable'], `unknown variable "${w.stackVariable}": declare it under "background" with a category per data file`));
    }
    if (Array.isArray(w.data)) {
      const codes = new Set<number>();
      w.data.forEach((d, di) => {
        if (codes.has(d.code)) out.push(loaded.issue(['waves', wi, 'data', di, 'code'], `code ${d.code} is used by two data files`));
        codes.add(d.code);
      });
    }
    if (w.data === undefined && w.published === undefined) {
      out.push(loaded.issue(['waves', wi], `wave ${w.year} has no data: give "data" (a microdata file) or "published" (aggregates)`));
    }
    for (const t of Object.keys(w.published ?? {})) {
      if (!tableIds.has(t)) out.push(loaded.issue(['waves', wi, 'published', t], `published figures for unknown table "${t}"${didYouMean(t, tableIds)}`));
    }
  });

  const subgroupIds = new Set((spec.subgroups ?? []).map((s) => s.id));
  const seenTables = new Set<string>();
  spec.tables.forEach((t, ti) => {
    const path: FieldPath = ['tables', ti];
    if (seenTables.has(t.id)) out.push(loaded.issue([...path, 'id'], `table id "${t.id}" is used twice`));
    seenTables.add(t.id);
    const qs = t.questions === undefined ? [] : typeof t.questions === 'string' ? [t.questions] : t.questions;
    qs.forEach((q, qi) => {
      const qpath = typeof t.questions === 'string' ? [...path, 'questions'] : [...path, 'questions', qi];
      if (!knownName(cat, q)) {
        out.push(loaded.issue(qpath, `table "${t.id}" is over unknown question or variable "${q}"${suggest(cat, q)}`));
        return;
      }
      const accepts = ACCEPTS[t.kind];
      const info = cat.questions.get(q);
      const role = cat.variables.get(q)?.role;
      const type: QType = info ? (info.path[0] === 'background' ? (info.type === 'multiple' ? 'multiple' : info.type === 'number' ? 'number' : 'background') : (info.type as QType)) : role === 'gridItem' ? 'single' : role === 'option' ? 'multiple' : ((role ?? 'single') as QType);
      if (accepts && !accepts.includes(type)) {
        out.push(loaded.issue(qpath, `table "${t.id}" of kind ${t.kind} cannot tabulate "${q}", a ${type} question (it takes: ${accepts.join(', ')})`));
      }
    });
    if (qs.length === 0 && (t.rows ?? []).length === 0 && !STATIC_KINDS.has(t.kind) && t.content === undefined) {
      out.push(loaded.issue(path, `table "${t.id}" of kind ${t.kind} needs "questions" or "rows"`));
    }
    t.rows?.forEach((r, ri) => {
      if (t.kind !== 'subQuestions' && r.variable === undefined && r.question === undefined) {
        out.push(loaded.issue([...path, 'rows', ri], `row "${r.label}" needs a "variable" or a "question"`));
      }
      for (const k of ['variable', 'question'] as const) {
        const v = r[k];
        if (v !== undefined && !knownName(cat, v)) out.push(loaded.issue([...path, 'rows', ri, k], `unknown ${k === 'question' ? 'question' : 'variable'} "${v}"${suggest(cat, v)}`));
      }
    });
    checkExpr(t.filter, [...path, 'filter']);
    out.push(...tableTextIssues(loaded, cat, t, path));
    const o = t.options;
    for (const { option, kinds } of inapplicableOptions(t.kind, o)) {
      out.push(loaded.issue([...path, 'options', option], `option "${option}" does not apply to tables of kind ${t.kind} (it applies to: ${kinds.join(', ')})`));
    }
    if (o?.by !== undefined && !subgroupIds.has(o.by)) out.push(loaded.issue([...path, 'options', 'by'], `unknown subgroup "${o.by}"${didYouMean(o.by, subgroupIds)}`));
    o?.waves?.forEach((y, yi) => {
      if (!years.has(y)) out.push(loaded.issue([...path, 'options', 'waves', yi], `unknown wave ${y} (waves: ${[...years].join(', ')})`));
    });
    if (typeof o?.collapse === 'string' && cat.collapse(o.collapse) === null) {
      out.push(loaded.issue([...path, 'options', 'collapse'], `unknown collapse "${o.collapse}"${didYouMean(o.collapse, Object.keys(spec.collapses ?? {}))} (declare it under "collapses")`));
    }
  });
  out.push(...nLabelIssues(loaded, cat, spec.defaults?.nLabel, ['defaults', 'nLabel']));
  if (typeof spec.defaults?.collapse === 'string' && cat.collapse(spec.defaults.collapse) === null) {
    out.push(loaded.issue(['defaults', 'collapse'], `unknown collapse "${spec.defaults.collapse}"${didYouMean(spec.defaults.collapse, Object.keys(spec.collapses ?? {}))} (declare it under "collapses")`));
  }

  spec.sections?.forEach((s, si) => {
    s.content.forEach((b, bi) => {
      const path: FieldPath = ['sections', si, 'content', bi];
      if ('table' in b) {
        if (!tableIds.has(b.table)) out.push(loaded.issue([...path, 'table'], `unknown table "${b.table}"${didYouMean(b.table, tableIds)}`));
      } else if ('topic' in b) {
        if (spec.interviews === undefined) out.push(loaded.issue([...path, 'topic'], 'a topic block needs the interviews (add "interviews" with documents, codebook and codings)'));
      } else if ('otherAnswers' in b) {
        const q = cat.questions.get(b.otherAnswers);
        if (q === undefined) out.push(loaded.issue([...path, 'otherAnswers'], `unknown question "${b.otherAnswers}"${suggest(cat, b.otherAnswers)}`));
        else if (!(q.categories ?? []).some((c) => c.textVariable !== undefined)) out.push(loaded.issue([...path, 'otherAnswers'], `question "${b.otherAnswers}" has no "Anders, namelijk" category with a textVariable`));
        else if (b.notMoved === true && !(spec.derived ?? []).some((d) => d.type === 'backcode' && d.from === b.otherAnswers)) {
          out.push(loaded.issue([...path, 'notMoved'], `notMoved needs a back-coding of "${b.otherAnswers}" (a derived variable of type backcode with from: ${b.otherAnswers})`));
        }
      } else {
        try {
          for (const ref of parseTextReferences(b.text)) {
            if (!tableIds.has(ref.table)) out.push(loaded.issue([...path, 'text'], `text refers to unknown table "${ref.table}" in "${ref.source}"${didYouMean(ref.table, tableIds)}`));
          }
        } catch (err) {
          out.push(loaded.issue([...path, 'text'], (err as Error).message));
        }
      }
    });
  });
  return out;
}

function suggest(cat: Catalog, name: string): string {
  return didYouMean(name, new Set([...cat.variables.keys(), ...cat.questions.keys()]));
}
