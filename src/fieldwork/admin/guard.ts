/**
 * The guard of every screen of the researcher's side.
 *
 * CONTRACT (stable; other parts build on it):
 *
 *   import { requireRole, adminUserOf } from '../admin/guard.js';
 *   import { sendAdminPage } from '../admin/layout.js';
 *
 *   app.get('/admin/something', { preHandler: requireRole('researcher', 'administrator') }, async (request, reply) => {
 *     const user = adminUserOf(request);            // the logged-in account (id, username, role, totp)
 *     return sendAdminPage(reply, { title: 'Something', user, current: '/admin/something', body: html`…` });
 *   });
 *   // a POST form: { preHandler: [app.csrfProtection, requireRole(...)] } and a hidden field
 *   // <input type="hidden" name="_csrf" value="${reply.generateCsrf()}"> in the form.
 *
 * - Not logged in (no cookie, unknown, expired, idle over 30 min, account disabled, TOTP not
 *   yet given): 302 to /admin/login?next=<this path>, nothing else runs.
 * - Logged in with a role not in the list: 403 and an admin page saying so; nothing else runs.
 * - Otherwise `request.adminUser` is set (read it with `adminUserOf(request)`) and the idle
 *   clock of the session restarts.
 * - A server without a researcher's side (a store without a database, as in the server's unit
 *   tests) answers 404 on every guarded route.
 * - Routes live under /admin (the session cookie is sent only there). Register them on the app
 *   in src/fieldwork/server/app.ts after `adminRoutes(app, ctx)`; add the screen to the menu in
 *   ./nav.ts. Roles and their rights: ./roles.ts (`rolesWith('aggregates')` gives the roles).
 * - Record every view of contact data and every export with `recordAudit` (store/audit.ts),
 *   username `adminUserOf(request).username`.
 * - Tests log in without the login form through test/fieldwork/admin/login.ts (`adminCookie`).
 */
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { html } from '../questionnaire/escape.js';
import { adminContextOf, type AdminUser } from './context.js';
import { sendAdminPage } from './layout.js';
import { landingPath } from './nav.js';
import { ROLE_LABELS, type Role } from './roles.js';
import { resolveAdminSession } from './session.js';

/** The path to come back to after login, if it is a safe one on this side (no open redirect). */
export function safeNext(path: string | undefined): string | undefined {
  if (path === undefined || !/^\/admin(\/[A-Za-z0-9._~\-/]*)?(\?[A-Za-z0-9._~\-=&%]*)?$/.test(path) || path.includes('//')) return undefined;
  if (path.startsWith('/admin/login') || path.startsWith('/admin/logout')) return undefined;
  return path;
}

/** A Fastify preHandler letting through only logged-in accounts with one of these roles. */
export function requireRole(...roles: readonly Role[]): preHandlerAsyncHookHandler {
  if (roles.length === 0) throw new Error('requireRole needs at least one role');
  return async function guard(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const admin = adminContextOf(request.server);
    if (admin === undefined) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    }
    const session = await resolveAdminSession(admin, request);
    if (session === undefined || !session.complete) {
      const next = safeNext(request.method === 'GET' ? request.url : undefined);
      return reply.header('cache-control', 'no-store').redirect(next === undefined ? '/admin/login' : `/admin/login?next=${encodeURIComponent(next)}`, 302);
    }
    request.adminUser = session.user;
    if (!roles.includes(session.user.role)) {
      return sendAdminPage(
        reply,
        {
          title: 'Not for your role',
          user: session.user,
          body: html`<p>This page is not open to the role ${ROLE_LABELS[session.user.role]}. It is open to: ${roles.map((r) => ROLE_LABELS[r]).join(', ')}.</p>
<p>Ask an administrator if you need it for your work. <a href="${landingPath(session.user.role)}">Back to your start page</a>.</p>`,
        },
        403,
      );
    }
    return undefined;
  };
}

/** The logged-in account of a request that passed `requireRole`; throws when the guard did not run. */
export function adminUserOf(request: FastifyRequest): AdminUser {
  const user = request.adminUser;
  if (user === undefined) throw new Error(`route ${request.routeOptions.url ?? request.url} reads the admin user without requireRole(...) in its preHandler`);
  return user;
}
