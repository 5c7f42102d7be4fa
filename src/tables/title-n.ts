/**
 * The N in and after a table's title. The spec says only where the N goes and which words go
 * around it ({N}, {N:question}, options.nLabel); the numbers are always computed here:
 * {N} is the table's base, {N:question} the number of respondents in the table's filter who
 * were asked that question and gave an answer the table counts (answers it leaves out, such as
 * N.v.t. with excludeNotApplicable or "Weet ik niet" with showDontKnow: false, are left out of
 * that N too). Both are rounded like the table's N (nRounding).
 */
import type { QuestionInfo } from '../spec/catalog.js';
import { DEFAULT_N_LABEL, fillPlaceholders, nPlaceholders } from '../spec/title-template.js';
import { countMask } from './domain.js';
import { roundN } from './rounding.js';
import { answerGroups, codesOf } from './answer-groups.js';
import { baseMask } from './distribution.js';
import { categoriesOf, current, questionInfo, tableError, type BuildInput } from './input.js';

/** A whole number with the locale's thousands separator: nl "4.000". */
function formatCount(n: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true }).format(n);
}

/** "(N=4.000)": a base as printed in a header, for the spec's locale. */
export function baseText(n: number, locale: string): string {
  return `(N=${formatCount(n, locale)})`;
}

/**
 * Kinds whose builder leaves N.v.t. out of the base unless the table says otherwise (the
 * `excludeNotApplicable: true` defaults in src/tables/kinds; test/tables/titles.test.ts checks
 * that {N:question} equals the row's base for every grid kind).
 */
const EXCLUDES_NA_BY_DEFAULT: ReadonlySet<string> = new Set(['likert5', 'likert3', 'yesNoGrid', 'ranking', 'itemGridWithN', 'rating', 'ratingMeanBy', 'funnel']);

/** Codes of `q` the table counts as answers, or undefined for a question without categories (any value). */
function countedCodes(input: BuildInput, q: QuestionInfo): ReadonlySet<number> | undefined {
  if ((q.categories ?? []).length === 0 && q.type !== 'rating') return undefined;
  const groups = answerGroups(categoriesOf(input, q), input.o, { excludeNotApplicable: input.o.excludeNotApplicable ?? EXCLUDES_NA_BY_DEFAULT.has(input.t.kind) });
  return codesOf(groups);
}

/** Unweighted N of one question within the table's filter: asked ∧ answered (any item, for a grid). */
export function questionN(input: BuildInput, id: string): number {
  const wave = current(input);
  const q = questionInfo(input, id);
  const codes = countedCodes(input, q);
  const all = new Uint8Array(wave.data!.nrow).fill(1);
  const masks = q.variables.map((v) => baseMask(input, wave, v, all, q.type === 'multiple' ? undefined : codes));
  const any = new Uint8Array(all.length);
  for (const m of masks) for (let i = 0; i < m.length; i++) any[i] |= m[i]!;
  return countMask(any);
}

export interface TitleWithN {
  /** The title with its placeholders filled. */
  readonly title: string;
  /** The words after the title, e.g. "(Meerdere antwoorden mogelijk; N=778)"; '' for none. */
  readonly nText: string;
}

/**
 * Fill the title's placeholders and word the N after it. `n` is the table's N rounded as
 * printed (null when the kind has no single N); `showN` whether it is printed after the title.
 * A title with placeholders gets no N after it unless `nLabel` asks for one.
 */
export function titleWithN(input: BuildInput, title: string, n: number | null, showN: boolean): TitleWithN {
  const locale = input.ctx.spec.study.locale;
  const fill = (q: string | null): string => {
    if (q !== null) return formatCount(roundN(questionN(input, q), input.o.nRounding), locale);
    if (n === null) throw tableError(input, `{N} in the title or nLabel: a table of kind ${input.t.kind} has no single N; write {N:question} for the N of a question`, 'title');
    return formatCount(n, locale);
  };
  const inTitle = nPlaceholders(title).length > 0;
  const filled = inTitle ? fillPlaceholders(title, (p) => fill(p.question)) : title;
  const label = input.o.nLabel;
  if (!showN || n === null || (inTitle && label === undefined)) return { title: filled, nText: '' };
  return { title: filled, nText: fillPlaceholders(label ?? DEFAULT_N_LABEL, (p) => fill(p.question)) };
}
