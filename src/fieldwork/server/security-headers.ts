/**
 * The security headers of every response (a Content-Security-Policy without unsafe-inline,
 * no-referrer, nosniff, HSTS, frame and cross-origin rules), made by @fastify/helmet once at
 * start-up and then set as constants. The plugin builds its middleware anew on every request,
 * with a fresh CSP nonce that these pages never use: about 5% of the server's CPU per page in
 * the profile under load (bench/field.bench.ts). The headers do not depend on the request, so
 * one response of a throwaway server with the same options gives them all.
 */
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/** Headers Fastify sets itself on the probe's response: not helmet's. */
const OWN = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

export async function securityHeaders(options: FastifyHelmetOptions): Promise<Readonly<Record<string, string>>> {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(fastifyHelmet, { ...options, enableCSPNonces: false, global: true });
    probe.get('/', async (_request, reply) => reply.type('text/plain').send(''));
    const res = await probe.inject({ method: 'GET', url: '/' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (!OWN.has(name) && typeof value === 'string') headers[name] = value;
    }
    return headers;
  } finally {
    await probe.close();
  }
}
