/**
 * The opt-out link of every e-mail, `/u/<token>`: GET shows a short page with one button (a
 * form with CSRF like every other form); POST from that form, or the RFC 8058 one-click POST a
 * mail program sends for the List-Unsubscribe header (body exactly `List-Unsubscribe=One-Click`,
 * no cookies), records the opt-out. The token in the address is the authority, so only that
 * exact one-click body is exempt from the CSRF check.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { documentText, html, type Html } from '../questionnaire/escape.js';
import { documentShell, questionnaireTitle } from '../questionnaire/layout.js';
import { CSRF_FIELD } from '../questionnaire/render-page.js';
import { systemTexts } from '../questionnaire/texts.js';
import { optOut } from '../mail/opt-out.js';
import { csrfToken, sendSystemPage, type ServerContext } from './context.js';
import { message } from './messages.js';
import type { FormBody } from './ports.js';

/** RFC 8058 §3.1: the one-click POST body, and nothing else. */
function isOneClick(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body);
  return keys.length === 1 && keys[0] === 'List-Unsubscribe' && (body as FormBody)['List-Unsubscribe'] === 'One-Click';
}

export function optOutRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const db = ctx.store.db;
  if (db === undefined || ctx.mode !== 'personal') return;
  const lang = ctx.parts.questionnaire.language;
  const t = systemTexts(lang);
  const shown = questionnaireTitle(ctx.parts.questionnaire.spec, lang);

  const page = (reply: FastifyReply, title: string, main: Html): FastifyReply =>
    reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(documentText(documentShell({ language: lang, title, questionnaireTitle: shown, main })));

  const unknown = (reply: FastifyReply): FastifyReply => sendSystemPage(ctx, reply, 'invalid', { status: 404, message: message('expired', lang) });

  app.get<{ Params: { token: string } }>('/u/:token', async (request, reply) => {
    const participant = await ctx.store.participantByToken(request.params.token);
    if (participant === undefined) return unknown(reply);
    if (participant.status === 'complete') return page(reply, t.optOutDoneTitle, html`<h1>${t.optOutTitle}</h1>\n<p>${t.optOutCompleted}</p>`);
    return page(
      reply,
      t.optOutTitle,
      html`<h1>${t.optOutTitle}</h1>
<p>${t.optOutText}</p>
<form method="post" action="/u/${request.params.token}">
<input type="hidden" name="${CSRF_FIELD}" value="${csrfToken(reply)}">
<div class="actions"><button type="submit" class="button">${t.optOutButton}</button></div>
</form>`,
    );
  });

  // The one-click body skips the CSRF check; every other body must carry the form's token.
  const csrfUnlessOneClick = (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void => {
    if (isOneClick(request.body)) {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  };

  app.post<{ Params: { token: string } }>('/u/:token', { preHandler: csrfUnlessOneClick }, async (request, reply) => {
    const participant = await ctx.store.participantByToken(request.params.token);
    if (participant === undefined) return unknown(reply);
    const result = await optOut(db, participant.id);
    if (result === 'complete') return page(reply, t.optOutDoneTitle, html`<h1>${t.optOutTitle}</h1>\n<p>${t.optOutCompleted}</p>`);
    return page(reply, t.optOutDoneTitle, html`<h1>${t.optOutDoneTitle}</h1>\n<p>${t.optOutDoneText}</p>`);
  });
}
