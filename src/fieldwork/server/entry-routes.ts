/**
 * Ways into the questionnaire: a personal link `/s/<token>`, the login page for the short
 * code from the letter, and the open link `/o/<link>` (one fresh response per visit). Each
 * ends in a session cookie and a redirect to `/q`, so the token never stays in the address bar.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { classifyDevice } from '../dashboard/device.js';
import { isWellFormedLoginCode, normaliseLoginCode } from '../store/credentials.js';
import type { ResponseState } from '../types.js';
import { clientKey, csrfToken, sendSystemPage, type ServerContext } from './context.js';
import { isStarted } from './flow.js';
import { matchOpenLink } from './links.js';
import { message } from './messages.js';
import type { ServerParticipant } from './ports.js';
import { admits } from './schedule.js';
import { setSession } from './session.js';

export function entryRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const hash = ctx.parts.questionnaire.structureHash;

  /** Session for a participant's response (started now if needed), or a system page. */
  /** Kind of device of the request that starts a response (the dashboard's devices figure). */
  const deviceOf = (request: FastifyRequest) => {
    const device = classifyDevice(request.headers['user-agent']);
    return device === undefined ? {} : { device };
  };

  async function enter(request: FastifyRequest, reply: FastifyReply, participant: ServerParticipant): Promise<FastifyReply> {
    let response: ResponseState | undefined;
    if (participant.responseId !== undefined) response = await ctx.store.response(participant.responseId);
    if (response === undefined && participant.status === 'complete') return sendSystemPage(ctx, reply, 'thanks');
    const started = response !== undefined && isStarted(response);
    if (!participant.test && !admits(ctx.schedule, ctx.now(), started)) return sendSystemPage(ctx, reply, 'closed');
    response ??= await ctx.store.startResponse({ participantId: participant.id, structureHash: hash, ...deviceOf(request) });
    setSession(reply, response.id, ctx.now());
    return reply.code(303).header('cache-control', 'no-store').redirect('/q', 303);
  }

  if (ctx.mode === 'personal') {
    app.get<{ Params: { token: string } }>('/s/:token', async (request, reply) => {
      const participant = await ctx.store.participantByToken(request.params.token);
      if (participant === undefined) return sendSystemPage(ctx, reply, 'invalid', { status: 404, action: '/login', message: message('expired', ctx.parts.questionnaire.language) });
      return enter(request, reply, participant);
    });

    app.get('/', async (_request, reply) => reply.redirect('/login', 303));

    app.get('/login', async (_request, reply) =>
      sendSystemPage(ctx, reply, 'login', { action: '/login', csrfToken: csrfToken(reply) }),
    );

    app.post<{ Body: { code?: unknown } }>('/login', { preHandler: app.csrfProtection }, async (request, reply) => {
      const typed = typeof request.body?.code === 'string' ? request.body.code : '';
      const normal = normaliseLoginCode(typed).slice(0, 64);
      const { windowSeconds, loginPerIp, loginPerCode } = ctx.limits;
      const perIp = await ctx.store.countLoginAttempt(`login-ip:${clientKey(request)}`, windowSeconds);
      const perCode = normal === '' ? 0 : await ctx.store.countLoginAttempt(`login-code:${normal}`, windowSeconds);
      if (perIp > loginPerIp || perCode > loginPerCode) {
        reply.header('retry-after', String(windowSeconds));
        return sendSystemPage(ctx, reply, 'login', {
          status: 429,
          action: '/login',
          csrfToken: csrfToken(reply),
          code: typed.slice(0, 64),
          error: message('tooMany', ctx.parts.questionnaire.language),
        });
      }
      // A mistyped code fails its check character without a look-up (still counted above).
      const participant = isWellFormedLoginCode(normal) ? await ctx.store.participantByLoginCode(normal) : undefined;
      if (participant === undefined) {
        return sendSystemPage(ctx, reply, 'login', {
          status: 400,
          action: '/login',
          csrfToken: csrfToken(reply),
          code: typed.slice(0, 64),
          error: message(normal === '' ? 'loginEmpty' : 'loginUnknown', ctx.parts.questionnaire.language),
        });
      }
      return enter(request, reply, participant);
    });
  }

  if (ctx.mode === 'open') {
    app.get<{ Params: { link: string } }>('/o/:link', async (request, reply) => {
      const which = matchOpenLink(ctx.links, request.params.link);
      if (which === undefined) return sendSystemPage(ctx, reply, 'invalid', { status: 404, message: message('expired', ctx.parts.questionnaire.language) });
      const test = which === 'test';
      if (!test && !admits(ctx.schedule, ctx.now(), false)) return sendSystemPage(ctx, reply, 'closed');
      const count = await ctx.store.countLoginAttempt(`open-ip:${clientKey(request)}`, ctx.limits.windowSeconds);
      if (count > ctx.limits.openPerIp) {
        reply.header('retry-after', String(ctx.limits.windowSeconds));
        return sendSystemPage(ctx, reply, 'invalid', { status: 429, message: message('tooMany', ctx.parts.questionnaire.language) });
      }
      const response = await ctx.store.startResponse({ test, structureHash: hash, ...deviceOf(request) });
      setSession(reply, response.id, ctx.now());
      return reply.header('cache-control', 'no-store').redirect('/q', 303);
    });
  }
}
