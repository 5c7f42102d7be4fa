/** The questionnaire module (src/fieldwork/questionnaire) bound to one questionnaire, as the server's port. */
import {
  buildQuestionnaire,
  cleanRouting,
  pageAsked,
  pageVariables,
  parsePage,
  questionnaireAssets,
  renderPage,
  renderSystemPage,
} from '../questionnaire/index.js';
import type { StudySpec } from '../../spec/schema.js';
import type { QuestionnairePage } from '../types.js';
import type { QuestionnaireParts } from './ports.js';

export function questionnaireParts(spec: StudySpec, wave?: number): QuestionnaireParts {
  const questionnaire = buildQuestionnaire(spec, wave);
  // Variables per page never change: worked out once (every request asks for them).
  const variables = new Map<QuestionnairePage, readonly string[]>(questionnaire.pages.map((p) => [p, pageVariables(questionnaire, p)]));
  return {
    questionnaire,
    renderPage,
    renderSystemPage,
    parsePage: (page, body) => parsePage(questionnaire, page, body),
    cleanRouting: (answers, skipped, register) => {
      const c = cleanRouting(questionnaire, answers, skipped, register);
      return { answers: c.answers, skipped: c.skipped };
    },
    pageAsked: (page, answers, register) => pageAsked(questionnaire, page, answers, register),
    pageVariables: (page) => variables.get(page) ?? pageVariables(questionnaire, page),
    assets: questionnaireAssets,
  };
}
