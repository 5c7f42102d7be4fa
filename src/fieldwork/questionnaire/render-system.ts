/**
 * The pages that are not questions: intro (with the spec's intro text and a start button),
 * login (the code from the letter), thanks, closed, stale ("changed elsewhere"), invalid (a
 * wrong link or a forged request) and error (our fault; never a stack trace, only the texts
 * here and a `message` the server chose from its own dictionary).
 */
import type { SystemPageContext } from '../types.js';
import { html, documentText, type Html } from './escape.js';
import { describedBy, documentShell, errorMessage, errorSummary, questionnaireTitle, textBlock } from './layout.js';
import { CSRF_FIELD } from './render-page.js';
import { systemTexts } from './texts.js';

/** Name of the login form's code field. */
export const LOGIN_CODE_FIELD = 'code';

export function renderSystemPage(c: SystemPageContext): string {
  const t = systemTexts(c.language);
  const fw = c.spec.fieldwork;
  const message = c.message === undefined ? html`` : html`<p>${c.message}</p>`;
  const button = (label: string): Html => (c.action === undefined ? html`` : html`<p class="actions"><a class="button" href="${c.action}">${label}</a></p>`);
  let title: string;
  let main: Html;
  switch (c.kind) {
    case 'intro':
      title = questionnaireTitle(c.spec, c.language);
      main = html`<h1>${title}</h1>
${fw?.intro === undefined ? html`<p>${t.introText}</p>` : textBlock(fw.intro)}
<p>${t.privacy}</p>
${message}${button(t.start)}`;
      break;
    case 'login': {
      title = t.loginTitle;
      const errors = c.error === undefined ? [] : [{ variable: LOGIN_CODE_FIELD, message: c.error }];
      main = html`${errorSummary(errors, c.language)}<h1>${title}</h1>
<p>${t.loginText}</p>
${message}<form method="post" action="${c.action ?? '/login'}" novalidate>
<input type="hidden" name="${CSRF_FIELD}" value="${c.csrfToken ?? ''}">
<div class="field${c.error ? ' has-error' : ''}">
<label class="label-heading" for="${LOGIN_CODE_FIELD}">${t.loginLabel}</label>
<p class="hint" id="code-hint">${t.loginHint}</p>
${errorMessage(LOGIN_CODE_FIELD, c.error, c.language)}<input type="text" id="${LOGIN_CODE_FIELD}" name="${LOGIN_CODE_FIELD}" value="${c.code ?? ''}" autocomplete="off" autocapitalize="characters" spellcheck="false"${describedBy('code-hint', c.error !== undefined && 'code-error')}${c.error === undefined ? '' : html` aria-invalid="true"`}>
</div>
<div class="actions"><button type="submit" class="button">${t.send}</button></div>
</form>`;
      break;
    }
    case 'thanks':
      title = t.thanksTitle;
      main = html`<h1>${title}</h1>
<p>${t.thanksText}</p>
${fw?.closing === undefined ? '' : textBlock(fw.closing)}${message}<p>${t.thanksClose}</p>`;
      break;
    case 'closed':
      title = t.closedTitle;
      main = html`<h1>${title}</h1>\n${c.message === undefined ? html`<p>${t.closedText}</p>` : message}`;
      break;
    case 'stale':
      title = t.staleTitle;
      main = html`<h1>${title}</h1>\n<p>${t.staleText}</p>\n${button(t.goOn)}`;
      break;
    case 'invalid':
      title = t.invalidTitle;
      // A wrong or expired link leads to the login page, which the button must say.
      main = html`<h1>${title}</h1>\n${c.message === undefined ? html`<p>${t.invalidText}</p>` : message}${button(c.action === '/login' ? t.toLogin : t.toQuestionnaire)}`;
      break;
    case 'error':
    default:
      title = t.errorTitle;
      main = html`<h1>${title}</h1>\n<p>${t.errorText}</p>\n${button(t.toQuestionnaire)}`;
      break;
  }
  return documentText(documentShell({ language: c.language, title, questionnaireTitle: questionnaireTitle(c.spec, c.language), hasErrors: c.kind === 'login' && c.error !== undefined, main }));
}
