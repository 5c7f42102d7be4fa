/** Starts a field server on port 0 over the fakes (or given parts/store) and stops it after. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { createFieldServer, type FieldServerOptions, type RequestLogEntry } from '../../../src/fieldwork/server/app.js';
import { buildSchedule } from '../../../src/fieldwork/server/schedule.js';
import { FakeStore, fakeParts } from './fakes.js';

export interface Running {
  readonly app: FastifyInstance;
  readonly base: string;
  readonly store: FakeStore;
  readonly logs: RequestLogEntry[];
  readonly errors: string[];
  readonly secret: Buffer;
  close(): Promise<void>;
}

export async function startFake(overrides: Partial<FieldServerOptions> = {}, store = new FakeStore()): Promise<Running> {
  const logs: RequestLogEntry[] = [];
  const errors: string[] = [];
  const secret = overrides.secret ?? randomBytes(32);
  const app = await createFieldServer({
    store,
    parts: fakeParts(),
    mode: 'personal',
    schedule: buildSchedule(undefined),
    secret,
    studyId: 'fake',
    log: (e) => logs.push(e),
    logError: (t) => errors.push(t),
    ...overrides,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: address, store: (overrides.store as FakeStore | undefined) ?? store, logs, errors, secret, close: () => app.close() };
}
