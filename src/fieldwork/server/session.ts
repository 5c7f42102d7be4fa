/**
 * The respondent's session: which response this browser answers, in a signed, HttpOnly,
 * SameSite=Lax cookie (Secure over TLS). Signed with the store's `cookie` secret, so every
 * server instance on the same store accepts it and none keeps state of its own. The link token
 * or login code is exchanged for the session on the first visit and then leaves the URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'spiegel_session';

export interface Session {
  readonly responseId: string;
  /** Issued at, seconds since the epoch (a session expires after `sessionHours`). */
  readonly issued: number;
}

export const cookieOptions = {
  path: '/',
  httpOnly: true,
  sameSite: 'lax',
  secure: 'auto',
  signed: true,
} as const;

export function setSession(reply: FastifyReply, responseId: string, now: number): void {
  const value = Buffer.from(JSON.stringify({ r: responseId, i: Math.floor(now / 1000) })).toString('base64url');
  reply.setCookie(SESSION_COOKIE, value, cookieOptions);
}

/** The session of a request: absent (no cookie), 'invalid' (forged, malformed or expired). */
export function readSession(request: FastifyRequest, now: number, sessionHours: number): Session | 'invalid' | undefined {
  const raw = request.cookies[SESSION_COOKIE];
  if (raw === undefined || raw === '') return undefined;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return 'invalid';
  try {
    const v = JSON.parse(Buffer.from(unsigned.value, 'base64url').toString('utf8')) as { r?: unknown; i?: unknown };
    if (typeof v.r !== 'string' || typeof v.i !== 'number') return 'invalid';
    if (now / 1000 - v.i > sessionHours * 3600) return 'invalid';
    return { responseId: v.r, issued: v.i };
  } catch {
    return 'invalid';
  }
}
