/**
 * A question page: back link, progress, error summary, the questions the routing asks (with
 * their items), hidden fields for the CSRF token and the revision, and one button. A plain
 * form posted to the server (POST-redirect-GET); it needs no script.
 */
import type { AnswerValue, PageContext } from '../types.js';
import { html, documentText } from './escape.js';
import { documentShell, errorSummary, questionnaireTitle } from './layout.js';
import { modelOf, modelQuestion } from './model.js';
import { askedItems, answerLookup, questionAsked } from './routing.js';
import { questionRenderers } from './render-question.js';
import { fmt, systemTexts } from './texts.js';
import { studyLanguage } from './build.js';

/** Names of the hidden fields every question page posts (the server checks both). */
export const CSRF_FIELD = '_csrf';
export const REVISION_FIELD = '_revision';

function formValues(v: AnswerValue | undefined, language: PageContext['questionnaire']['language']): string[] {
  if (v === undefined) return [];
  if (typeof v === 'number') return [fmt(v, language)];
  if (typeof v === 'string') return [v];
  return v.map(String);
}

export function renderPage(c: PageContext): string {
  const { questionnaire, page } = c;
  const language = questionnaire.language;
  const t = systemTexts(language);
  const model = modelOf(questionnaire.spec);
  const lookup = answerLookup(model, c.answers, c.register);
  const questions = page.questions.map((q) => modelQuestion(questionnaire.spec, q)).filter((q) => questionAsked(q, lookup));
  const errors = new Map<string, string>();
  for (const e of c.errors) if (!errors.has(e.variable)) errors.set(e.variable, e.message);
  const value = (variable: string): readonly string[] => {
    if (c.submitted !== undefined) {
      const s = Object.prototype.hasOwnProperty.call(c.submitted, variable) ? c.submitted[variable] : undefined;
      return s === undefined ? [] : typeof s === 'string' ? [s] : s.filter((x): x is string => typeof x === 'string');
    }
    // codes are posted as typed in the spec ("1", "8"), numbers as the respondent reads them
    const a = c.answers[variable];
    const info = model.catalog.variables.get(variable);
    if (typeof a === 'number' && info !== undefined && info.role !== 'number') return [String(a)];
    if (typeof a === 'number' && model.listOptions.has(variable)) return [String(a)];
    return formValues(a, language);
  };
  const titled = page.title !== undefined;
  const level: 1 | 2 = !titled && questions.length === 1 ? 1 : 2;
  const shown = questionnaireTitle(questionnaire.spec, language);
  const heading = titled ? page.title! : questions.length === 1 ? questions[0].spec.wording : shown;
  const studyLang = studyLanguage(questionnaire.spec);
  const body = questions.map((q) =>
    questionRenderers[q.type](q, { language, level, value, error: (id) => errors.get(id), items: askedItems(q, lookup) }),
  );
  const { done, total } = c.progress;
  const main = html`${c.back === undefined ? '' : html`<a class="back" href="${c.back}">${t.back}</a>`}
<div class="progress"><p id="progress-label">${t.progress(done, total)}</p><progress aria-labelledby="progress-label" max="${Math.max(total, 1)}" value="${Math.min(done, total)}"></progress></div>
${errorSummary(c.errors, language)}
<form method="post" action="${c.action}" novalidate>
<input type="hidden" name="${CSRF_FIELD}" value="${c.csrfToken}">
<input type="hidden" name="${REVISION_FIELD}" value="${c.revision}">
${level === 2 ? html`<h1>${heading}</h1>` : ''}
<div${studyLang === language ? '' : html` lang="${studyLang}"`}>
${body}
</div>
<div class="actions"><button type="submit" class="button">${t.next}</button></div>
</form>`;
  return documentText(documentShell({ language, title: heading, questionnaireTitle: shown, hasErrors: c.errors.length > 0, main }));
}
