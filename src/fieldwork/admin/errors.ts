/**
 * Failures on the researcher's side answered as admin pages (in English, with a way back to the
 * login) instead of the respondent's pages. Used by the server's error handler (app.ts) for
 * requests under /admin when the expected error is a client's (4xx); server errors stay with it.
 */
import type { FastifyReply } from 'fastify';
import { html } from '../questionnaire/escape.js';
import { sendAdminPage } from './layout.js';

export function isAdminPath(url: string): boolean {
  return url === '/admin' || url.startsWith('/admin/') || url.startsWith('/admin?');
}

/** A 4xx of an admin request as an admin page: forged or expired form, too large, or other. */
export function sendAdminClientError(reply: FastifyReply, status: number, code: string): FastifyReply {
  const csrf = code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET';
  const text = csrf
    ? 'The form was not accepted: it came from another page or has expired. Go back, reload the page and try again.'
    : status === 413
      ? 'What was sent is too large.'
      : 'This request could not be handled.';
  return sendAdminPage(reply, { title: 'Not accepted', narrow: true, body: html`<p>${text}</p><p><a href="/admin/login">Go to the login</a></p>` }, csrf ? 403 : status);
}
