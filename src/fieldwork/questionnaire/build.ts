/**
 * The questionnaire of one wave: the questions asked in that wave, grouped into pages (the
 * spec's `fieldwork.pages`, or one question per page in spec order). Pages left without a
 * question in this wave are dropped. `checkFieldable` reports what would make this unsound.
 */
import type { QuestionSpec, StudySpec } from '../../spec/schema.js';
import type { Language, Questionnaire, QuestionnairePage } from '../types.js';
import { structureHash } from './hash.js';
import { fieldedWave } from './model.js';

export function askedInWave(q: QuestionSpec, wave: number): boolean {
  return q.waves === undefined || q.waves.includes(wave);
}

/** System texts follow the study's locale unless another language is asked for. */
export function studyLanguage(spec: StudySpec): Language {
  return spec.study.locale.startsWith('en') ? 'en' : 'nl';
}

export function buildQuestionnaire(spec: StudySpec, wave: number = fieldedWave(spec), language: Language = studyLanguage(spec)): Questionnaire {
  const byId = new Map(spec.questions.map((q) => [q.id, q]));
  const groups: { id: string; title?: string; questions: QuestionSpec[] }[] =
    spec.fieldwork?.pages !== undefined
      ? spec.fieldwork.pages.map((p) => ({
          id: p.id,
          ...(p.title === undefined ? {} : { title: p.title }),
          questions: p.questions.flatMap((id) => {
            const q = byId.get(id);
            return q === undefined ? [] : [q];
          }),
        }))
      : spec.questions.map((q) => ({ id: q.id, questions: [q] }));
  const pages: QuestionnairePage[] = [];
  for (const g of groups) {
    const questions = g.questions.filter((q) => askedInWave(q, wave));
    if (questions.length === 0) continue;
    pages.push({ id: g.id, index: pages.length, ...(g.title === undefined ? {} : { title: g.title }), questions });
  }
  return { spec, wave, language, pages, structureHash: structureHash(spec, wave) };
}
