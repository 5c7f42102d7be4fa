/**
 * The files a questionnaire page links to, served by the server at fixed paths under /static/
 * (a content hash in the name, so they can be cached for long): the stylesheet, and a small
 * script that only enhances — it unticks the other options when "Geen van deze" is ticked (and
 * the reverse), chooses "Anders" when its text box is typed in, and moves the focus to the
 * error summary after a failed submit. Every page works without it;
 * the server applies the same rules (parse.ts).
 */
import { createHash } from 'node:crypto';
import { questionnaireCss } from './style.js';

export const questionnaireScript = `(function () {
  'use strict';
  document.addEventListener('change', function (e) {
    var box = e.target;
    if (!box || box.type !== 'checkbox' || !box.checked) return;
    var group = box.closest('[data-choices]');
    if (!group) return;
    var exclusive = box.hasAttribute('data-exclusive');
    group.querySelectorAll('input[type=checkbox]').forEach(function (other) {
      if (other !== box && (exclusive || other.hasAttribute('data-exclusive'))) other.checked = false;
    });
  });
  // GOV.UK pattern: after a failed submit, focus moves to the error summary
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
  document.addEventListener('input', function (e) {
    var field = e.target;
    var radio = field && field.getAttribute && document.getElementById(field.getAttribute('data-other-for') || '');
    if (radio && field.value.trim() !== '') radio.checked = true;
  });
})();
`;

export interface QuestionnaireAsset {
  /** Absolute URL path, e.g. `/static/field-3f9a1c2b.css`. */
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

const short = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex').slice(0, 12);

export const stylesheetAsset: QuestionnaireAsset = {
  path: `/static/field-${short(questionnaireCss)}.css`,
  contentType: 'text/css; charset=utf-8',
  body: questionnaireCss,
};

export const scriptAsset: QuestionnaireAsset = {
  path: `/static/field-${short(questionnaireScript)}.js`,
  contentType: 'text/javascript; charset=utf-8',
  body: questionnaireScript,
};

export const questionnaireAssets: readonly QuestionnaireAsset[] = [stylesheetAsset, scriptAsset];
