/**
 * Login (account name and password, then the TOTP code when the account has one), and logout.
 * Failed attempts are counted per account name and per client address in the store (shared by
 * every server instance); an account name with 5 failures in 15 minutes is refused until the
 * window has passed, whatever password is typed. Every login, failure and logout is audited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { userByName, deleteSession, recentAttempts, type StoredUser } from '../store/accounts.js';
import { recordAudit } from '../store/audit.js';
import type { AdminContext } from './context.js';
import { codeForm, loginForm, logoutForm } from './forms.js';
import { safeNext } from './guard.js';
import { sendAdminPage } from './layout.js';
import { landingPath } from './nav.js';
import { decoyHash, verifyPassword } from './password.js';
import { isRole } from './roles.js';
import { clearAdminCookie, resolveAdminSession, startAdminSession } from './session.js';
import { matchTotp } from './totp.js';

type Form = { Body: Record<string, unknown> | undefined; Querystring: { next?: string; out?: string } };

const text = (v: unknown, max: number): string => (typeof v === 'string' ? v.slice(0, max) : '');
/** One key per account name, however it is typed. */
const nameKey = (name: string): string => `admin-fail:${name.trim().toLowerCase()}`;

export function loginRoutes(app: FastifyInstance, admin: AdminContext): void {
  const { windowSeconds, loginPerUser, loginPerIp } = admin.limits;
  const wait = `Too many attempts. Wait ${Math.round(windowSeconds / 60)} minutes and try again.`;

  async function failed(request: FastifyRequest, username: string, why: string): Promise<void> {
    await admin.countLoginAttempt(nameKey(username), windowSeconds);
    await recordAudit(admin.db, { username: username === '' ? '(none)' : username, action: 'login-failed', detail: `${why}; from ${request.ip}` });
  }

  async function loggedIn(request: FastifyRequest, reply: FastifyReply, user: StoredUser, how: string, next: string | undefined): Promise<FastifyReply> {
    await startAdminSession(admin, reply, user.id, true);
    await recordAudit(admin.db, { username: user.username, action: 'login', detail: `${how}; from ${request.ip}` });
    const role = isRole(user.role) ? user.role : 'coder';
    return reply.header('cache-control', 'no-store').redirect(next ?? landingPath(role), 303);
  }

  app.get<Form>('/admin/login', async (request, reply) => {
    const session = await resolveAdminSession(admin, request);
    const next = safeNext(request.query.next);
    if (session?.complete === true) return reply.redirect(next ?? landingPath(session.user.role), 303);
    return sendAdminPage(reply, {
      title: 'Log in',
      narrow: true,
      body: loginForm({ csrf: reply.generateCsrf(), ...(next === undefined ? {} : { next }), ...(request.query.out === '1' ? { notice: 'You are logged out.' } : {}) }),
    });
  });

  app.post<Form>('/admin/login', { preHandler: app.csrfProtection }, async (request, reply) => {
    const username = text(request.body?.username, 64).trim();
    const password = text(request.body?.password, 1024);
    const next = safeNext(text(request.body?.next, 500) || undefined);
    const again = (status: number, error: string): FastifyReply =>
      sendAdminPage(reply, { title: 'Log in', narrow: true, body: loginForm({ csrf: reply.generateCsrf(), username, ...(next === undefined ? {} : { next }), error }) }, status);

    // Any old session of this browser ends here: a login always starts a new one.
    const old = await resolveAdminSession(admin, request);
    if (old !== undefined) await deleteSession(admin.db, old.idHash);

    const perIp = await admin.countLoginAttempt(`admin-ip:${request.ip}`, windowSeconds);
    if (perIp > loginPerIp || (username !== '' && (await recentAttempts(admin.db, nameKey(username), windowSeconds)) >= loginPerUser)) {
      await recordAudit(admin.db, { username: username === '' ? '(none)' : username, action: 'login-refused', detail: `too many attempts; from ${request.ip}` });
      reply.header('retry-after', String(windowSeconds));
      return again(429, wait);
    }
    if (username === '' || password === '') return again(400, 'Enter your account name and your password.');

    const user = await userByName(admin.db, username);
    // An unknown or disabled account costs the same time as a wrong password.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (user === undefined || user.disabled || !ok) {
      await failed(request, username, user === undefined ? 'unknown account' : user.disabled ? 'disabled account' : 'wrong password');
      return again(401, 'The account name or the password is not right.');
    }
    if (user.totpSecret !== undefined) {
      await startAdminSession(admin, reply, user.id, false);
      return reply.header('cache-control', 'no-store').redirect(next === undefined ? '/admin/login/code' : `/admin/login/code?next=${encodeURIComponent(next)}`, 303);
    }
    return loggedIn(request, reply, user, 'password', next);
  });

  app.get<Form>('/admin/login/code', async (request, reply) => {
    const session = await resolveAdminSession(admin, request);
    if (session === undefined) return reply.redirect('/admin/login', 303);
    const next = safeNext(request.query.next);
    if (session.complete) return reply.redirect(next ?? landingPath(session.user.role), 303);
    return sendAdminPage(reply, { title: 'Enter your code', narrow: true, body: codeForm({ csrf: reply.generateCsrf(), ...(next === undefined ? {} : { next }) }) });
  });

  app.post<Form>('/admin/login/code', { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await resolveAdminSession(admin, request);
    if (session === undefined || session.complete) return reply.redirect('/admin/login', 303);
    const next = safeNext(text(request.body?.next, 500) || undefined);
    const again = (status: number, error: string): FastifyReply =>
      sendAdminPage(reply, { title: 'Enter your code', narrow: true, body: codeForm({ csrf: reply.generateCsrf(), ...(next === undefined ? {} : { next }), error }) }, status);
    const username = session.user.username;
    if ((await recentAttempts(admin.db, nameKey(username), windowSeconds)) >= loginPerUser) {
      await deleteSession(admin.db, session.idHash);
      clearAdminCookie(reply);
      await recordAudit(admin.db, { username, action: 'login-refused', detail: `too many attempts; from ${request.ip}` });
      reply.header('retry-after', String(windowSeconds));
      return sendAdminPage(reply, { title: 'Log in', narrow: true, body: loginForm({ csrf: reply.generateCsrf(), username, error: wait }) }, 429);
    }
    const user = await userByName(admin.db, username);
    const step = user?.totpSecret === undefined ? undefined : matchTotp(user.totpSecret, text(request.body?.code, 16), admin.now());
    if (user === undefined || step === undefined) {
      await failed(request, username, 'wrong TOTP code');
      return again(401, 'That code is not right. Type the 6 digits your app shows now.');
    }
    // RFC 6238 §5.2: a code is accepted once (the window outlasts the drift of ±1 step).
    if ((await admin.countLoginAttempt(`admin-totp:${user.id}:${step}`, 4 * 30)) > 1) {
      await failed(request, username, 'TOTP code used before');
      return again(401, 'That code was used already. Wait for the next code and type that one.');
    }
    await deleteSession(admin.db, session.idHash);
    return loggedIn(request, reply, user, 'password and TOTP code', next);
  });

  app.get('/admin/logout', async (request, reply) => {
    const session = await resolveAdminSession(admin, request);
    if (session === undefined || !session.complete) return reply.redirect('/admin/login', 303);
    return sendAdminPage(reply, { title: 'Log out', user: session.user, narrow: true, body: logoutForm(reply.generateCsrf()) });
  });

  app.post('/admin/logout', { preHandler: app.csrfProtection }, async (request, reply) => {
    const session = await resolveAdminSession(admin, request);
    if (session !== undefined) {
      await deleteSession(admin.db, session.idHash);
      await recordAudit(admin.db, { username: session.user.username, action: 'logout', detail: `from ${request.ip}` });
    }
    clearAdminCookie(reply);
    return reply.header('cache-control', 'no-store').redirect('/admin/login?out=1', 303);
  });
}
