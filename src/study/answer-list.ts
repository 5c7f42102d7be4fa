/**
 * The list of "Anders, namelijk" answers of a question, printed on request (report 5: "“Andere”
 * vormen van verdere hulp waren gericht op …"; report 6: "Onder “anders” worden de volgende
 * manieren genoemd"). The texts of the latest wave with microdata, in alphabetical order (not
 * in respondent order), de-identified like quotes; optionally without the answers the
 * question's back-coding moved into an existing category. The counts are stated with the list.
 */
import { answeredRows } from '../data/answered.js';
import { deidentify, type IdentifyingTerm } from '../coding/interviews/deidentify.js';
import { SpiegelError } from '../errors.js';
import { variableOf } from '../spec/catalog.js';
import type { AnswerListBlockSpec } from '../spec/interviews.js';
import type { FieldPath } from '../spec/load.js';
import type { StudyContext } from '../tables/context.js';
import { valuesOf } from '../tables/domain.js';
import type { AnswerListBlock } from '../tables/model.js';
import { codingWords } from './coding-words.js';
import { otherName } from './moved-note.js';

export function answerListBlock(ctx: StudyContext, b: AnswerListBlockSpec, path: FieldPath, terms: readonly IdentifyingTerm[]): AnswerListBlock {
  const fail = (message: string): SpiegelError => new SpiegelError('INVALID_INPUT', message, ctx.loaded.locate([...path, 'otherAnswers']));
  const q = ctx.catalog.questions.get(b.otherAnswers);
  const wave = ctx.current;
  if (q === undefined) throw fail(`unknown question "${b.otherAnswers}"`);
  if (wave === null || wave.data === null) throw fail('no wave has microdata to list the answers from');
  const data = wave.data;
  const others = (q.categories ?? []).filter((c) => c.textVariable !== undefined);
  if (others.length === 0) throw fail(`question "${q.id}" has no "Anders, namelijk" category with a textVariable`);
  // Rows whose answer the back-coding moved (the back-coded value differs from the raw answer).
  const moved = new Uint8Array(data.nrow);
  if (b.notMoved === true) {
    const d = ctx.spec.derived?.find((x) => x.type === 'backcode' && x.from === q.id);
    if (d === undefined) throw fail(`notMoved needs a back-coding of "${q.id}"`);
    const coded = valuesOf(ctx, wave, d.id);
    const raw = valuesOf(ctx, wave, variableOf(ctx.catalog, q.id));
    for (let i = 0; i < data.nrow; i++) moved[i] = !Number.isNaN(coded[i]) && !Number.isNaN(raw[i]) && coded[i] !== raw[i] ? 1 : 0;
  }
  const texts: string[] = [];
  let total = 0;
  let leftOut = 0;
  for (const c of others) {
    const name = c.textVariable!;
    if (!data.has(name)) throw fail(`the text variable "${name}" of question "${q.id}" is not in the data of wave ${wave.year}`);
    const answered = answeredRows(data, name);
    const s = data.column(name).type === 'string' ? data.strings(name) : Array.from(data.validNumbers(name), String);
    for (let i = 0; i < data.nrow; i++) {
      if (answered[i] === 0) continue;
      total++;
      if (moved[i] === 1) {
        leftOut++;
        continue;
      }
      texts.push(deidentify(s[i], terms).text.replace(/\s+/g, ' ').trim());
    }
  }
  const locale = ctx.spec.study.locale;
  texts.sort((a, x) => a.localeCompare(x, locale, { sensitivity: 'base' }) || (a < x ? -1 : a > x ? 1 : 0));
  const words = codingWords(locale);
  const other = otherName(others[0].label);
  return {
    type: 'answers',
    question: q.id,
    title: b.title ?? words.answersTitle(other, q.wording),
    total,
    leftOut,
    intro: words.answersIntro(total, leftOut, other),
    answers: texts,
  };
}
