/** What every route of the respondent server shares: options, store, questionnaire, helpers. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SystemPageKind } from '../types.js';
import type { OpenLinks } from './links.js';
import type { QuestionnaireParts, ServerStore } from './ports.js';
import type { Schedule } from './schedule.js';

export interface AttemptLimits {
  /** Login attempts per IP address within the window. */
  readonly loginPerIp: number;
  /** Login attempts per typed code within the window (a code cannot be guessed slowly either). */
  readonly loginPerCode: number;
  /** New open-link responses per IP address within the window. */
  readonly openPerIp: number;
  readonly windowSeconds: number;
}

export const defaultLimits: AttemptLimits = { loginPerIp: 20, loginPerCode: 10, openPerIp: 60, windowSeconds: 900 };

export interface ServerContext {
  readonly store: ServerStore;
  readonly parts: QuestionnaireParts;
  readonly mode: 'personal' | 'open';
  readonly schedule: Schedule;
  readonly links: OpenLinks;
  readonly limits: AttemptLimits;
  readonly sessionHours: number;
  readonly now: () => number;
}

const statusOf: Record<SystemPageKind, number> = {
  intro: 200,
  login: 200,
  thanks: 200,
  closed: 403,
  stale: 409,
  invalid: 400,
  error: 500,
};

/** Sends a system page (intro, thanks, closed, stale, invalid, error) in the questionnaire's language. */
export function sendSystemPage(
  ctx: ServerContext,
  reply: FastifyReply,
  kind: SystemPageKind,
  extra: { status?: number; action?: string; csrfToken?: string; code?: string; error?: string; message?: string } = {},
): FastifyReply {
  const { status, ...rest } = extra;
  const html = ctx.parts.renderSystemPage({
    kind,
    spec: ctx.parts.questionnaire.spec,
    language: ctx.parts.questionnaire.language,
    ...rest,
  });
  return reply.code(status ?? statusOf[kind]).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

/** A CSRF token for the form of this response (sets the CSRF secret cookie on first use). */
export function csrfToken(reply: FastifyReply): string {
  return reply.generateCsrf();
}

/** Client address as the limits count it (the proxy's X-Forwarded-For only when trusted). */
export function clientKey(request: FastifyRequest): string {
  return request.ip;
}
