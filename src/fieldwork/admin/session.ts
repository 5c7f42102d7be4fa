/**
 * Admin sessions, apart from respondents' sessions: a random 256-bit id in the HttpOnly,
 * SameSite=Strict cookie `spiegel_admin` (Secure behind TLS), only its SHA-256 in
 * field_sessions. A session ends after 30 minutes without a request, 12 hours after login, at
 * logout, or when its account is disabled or gets a new password. Until the TOTP code is given,
 * a session only opens the code page, for at most 5 minutes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, deleteSession, sessionByHash, touchSession } from '../store/accounts.js';
import type { AdminContext, AdminUser } from './context.js';
import { isRole } from './roles.js';

export const ADMIN_COOKIE = 'spiegel_admin';
export const IDLE_MINUTES = 30;
export const ABSOLUTE_HOURS = 12;
export const SECOND_FACTOR_MINUTES = 5;

const cookieOptions = { path: '/admin', httpOnly: true, sameSite: 'strict', secure: 'auto' } as const;

const iso = (ms: number): string => new Date(ms).toISOString();

export function sessionIdHash(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** Starts a new session (always a new id: no session fixation) and sets its cookie. */
export async function startAdminSession(ctx: AdminContext, reply: FastifyReply, userId: string, secondFactor: boolean): Promise<void> {
  const id = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const ends = secondFactor ? now + ABSOLUTE_HOURS * 3600_000 : now + SECOND_FACTOR_MINUTES * 60_000;
  await createSession(ctx.db, { idHash: sessionIdHash(id), userId, createdAt: iso(now), seenAt: iso(now), expiresAt: iso(ends), secondFactor });
  reply.setCookie(ADMIN_COOKIE, id, cookieOptions);
}

export function clearAdminCookie(reply: FastifyReply): void {
  reply.clearCookie(ADMIN_COOKIE, cookieOptions);
}

export interface ResolvedSession {
  readonly idHash: string;
  readonly user: AdminUser;
  /** False while the TOTP code is still to be given. */
  readonly complete: boolean;
}

/**
 * The session of a request, if it is alive: not past its end, not idle too long, its account
 * enabled with a known role. A dead session is deleted. A complete session's idle clock restarts.
 */
export async function resolveAdminSession(ctx: AdminContext, request: FastifyRequest): Promise<ResolvedSession | undefined> {
  const id = request.cookies[ADMIN_COOKIE];
  if (id === undefined || id.length < 40 || id.length > 64) return undefined;
  const idHash = sessionIdHash(id);
  const found = await sessionByHash(ctx.db, idHash);
  if (found === undefined) return undefined;
  const { session, user } = found;
  const now = ctx.now();
  const idle = now - Date.parse(session.seenAt) > IDLE_MINUTES * 60_000;
  if (now >= Date.parse(session.expiresAt) || idle || user.disabled || !isRole(user.role)) {
    await deleteSession(ctx.db, idHash);
    return undefined;
  }
  if (session.secondFactor) await touchSession(ctx.db, idHash, iso(now));
  return { idHash, user: { id: user.id, username: user.username, role: user.role, totp: user.totpSecret !== undefined }, complete: session.secondFactor };
}
