/**
 * `/admin/audit` (administrators): the audit log, newest first, and `/admin/account` (every
 * role): who you are logged in as and what your role may do.
 */
import type { FastifyInstance } from 'fastify';
import { html } from '../questionnaire/escape.js';
import { auditLog } from '../store/audit.js';
import type { AdminContext } from './context.js';
import { adminUserOf, requireRole } from './guard.js';
import { sendAdminPage } from './layout.js';
import { ROLE_LABELS, ROLE_RIGHTS, type Right, ROLES } from './roles.js';

/** Entries shown on the page; the command line (`spiegel field audit`) shows all. */
export const AUDIT_PAGE_ROWS = 500;

const RIGHT_TEXT: Readonly<Record<Right, string>> = {
  accounts: 'accounts, settings and the audit log',
  aggregates: 'counts and rates of the fieldwork (the dashboard)',
  'answer-export': 'the answers as a data file',
  contacts: 'the contact data needed for mailing',
  coding: 'the coding screens of open answers',
};

/** "2026-12-03 14:05:09 UTC" from an ISO time. */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

export function auditRoutes(app: FastifyInstance, admin: AdminContext): void {
  app.get('/admin/audit', { preHandler: requireRole('administrator') }, async (request, reply) => {
    const user = adminUserOf(request);
    const log = await auditLog(admin.db, AUDIT_PAGE_ROWS + 1);
    const shown = log.slice(0, AUDIT_PAGE_ROWS);
    const body = html`<p>Logins, logouts, account changes, exports, mailings and every view of contact data, newest first${
      log.length > AUDIT_PAGE_ROWS ? html` (the latest ${AUDIT_PAGE_ROWS}; all of them with <code>spiegel field audit</code>)` : ''
    }. Entries marked <span class="tag tag-personal">personal</span> point to a sampled person and are removed by <code>spiegel field purge</code>.</p>
${
  shown.length === 0
    ? html`<p>Nothing recorded yet.</p>`
    : html`<div class="table-wrap" role="region" aria-labelledby="audit-caption" tabindex="0"><table class="table table-stack">
<caption id="audit-caption">Audit log (${shown.length} ${shown.length === 1 ? 'entry' : 'entries'})</caption>
<thead><tr><th scope="col">Time</th><th scope="col">Account</th><th scope="col">Action</th><th scope="col">Detail</th></tr></thead>
<tbody>
${shown.map(
  (e) => html`<tr><td data-label="Time" class="nowrap">${when(e.at)}</td><td data-label="Account">${e.username ?? '—'}</td><td data-label="Action">${e.action.endsWith('-failed') || e.action.endsWith('-refused') ? html`<span class="tag tag-failed">${e.action}</span>` : e.action}</td><td data-label="Detail">${e.detail}${
    e.personal ? html` <span class="tag tag-personal">personal</span>` : ''
  }</td></tr>
`,
)}</tbody></table></div>`
}`;
    return sendAdminPage(reply, { title: 'Audit log', user, current: '/admin/audit', body });
  });

  app.get('/admin/account', { preHandler: requireRole(...ROLES) }, async (request, reply) => {
    const user = adminUserOf(request);
    const body = html`<ul class="summary">
<li><span class="note">Account</span> <span class="value">${user.username}</span></li>
<li><span class="note">Role</span> <span class="value">${ROLE_LABELS[user.role]}</span></li>
<li><span class="note">Second factor</span> <span class="value">${user.totp ? 'TOTP code' : 'none'}</span></li>
</ul>
<h2>Your role may open</h2>
<ul>${ROLE_RIGHTS[user.role].map((r) => html`<li>${RIGHT_TEXT[r]}</li>`)}</ul>
<p class="note">No role holds both the contact data and the answers, and no screen shows who gave which answer. Your session ends after 30 minutes without activity and 12 hours after you logged in. A new password: ask an administrator (<code>spiegel field user passwd</code>).</p>`;
    return sendAdminPage(reply, { title: 'Your account', user, current: '/admin/account', body });
  });
}
