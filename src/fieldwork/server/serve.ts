/**
 * Runs the respondent server on an opened store: checks that the store was made for this
 * questionnaire, reads the shared cookie secret, listens, and prints where to go.
 */
import type { FastifyInstance } from 'fastify';
import type { StudySpec } from '../../spec/schema.js';
import { FieldStoreError } from '../store/errors.js';
import type { FieldStore } from '../store/types.js';
import { createFieldServer, type FieldServerOptions } from './app.js';
import { type OpenLinks, openLinks } from './links.js';
import type { QuestionnaireParts } from './ports.js';
import { buildSchedule } from './schedule.js';

export interface ServeOptions {
  readonly store: FieldStore;
  readonly parts: QuestionnaireParts;
  readonly spec: StudySpec;
  /** 0 picks a free port. */
  readonly port: number;
  readonly host: string;
  readonly trustProxy?: boolean;
  readonly log?: FieldServerOptions['log'];
  readonly logError?: FieldServerOptions['logError'];
  /** The clock (ms since 1970): a test fields a wave of the past. */
  readonly now?: () => number;
  readonly extraRoutes?: FieldServerOptions['extraRoutes'];
}

export interface Serving {
  readonly app: FastifyInstance;
  /** http://host:port of the listening server. */
  readonly url: string;
  readonly mode: 'personal' | 'open';
  /** The open links (live and test) when the study is fielded in open mode. */
  readonly links?: OpenLinks;
  close(): Promise<void>;
}

export async function serveField(o: ServeOptions): Promise<Serving> {
  const meta = await o.store.meta();
  const q = o.parts.questionnaire;
  if (meta.studyId !== o.spec.study.id) {
    throw new FieldStoreError(`this store belongs to study "${meta.studyId}", not to "${o.spec.study.id}"`);
  }
  if (meta.wave !== q.wave) throw new FieldStoreError(`this store fields wave ${meta.wave}, the spec's questionnaire is for wave ${q.wave}`);
  if (meta.structureHash !== q.structureHash) {
    throw new FieldStoreError(
      'the questionnaire in the spec differs from the one the store was made with (questions, codes or routing changed); ' +
        'run "spiegel field import" with the spec to check and record a wording-only change',
    );
  }
  const secret = await o.store.secret('cookie');
  const mode = o.spec.fieldwork?.mode ?? 'personal';
  const app = await createFieldServer({
    store: o.store,
    parts: o.parts,
    mode,
    schedule: buildSchedule(o.spec.fieldwork),
    secret,
    studyId: meta.studyId,
    ...(o.trustProxy === undefined ? {} : { trustProxy: o.trustProxy }),
    ...(o.log === undefined ? {} : { log: o.log }),
    ...(o.logError === undefined ? {} : { logError: o.logError }),
    ...(o.now === undefined ? {} : { now: o.now }),
    ...(o.extraRoutes === undefined ? {} : { extraRoutes: o.extraRoutes }),
  });
  // The SQLite writer thread starts now, not at the first respondent's first page.
  await o.store.warmUp();
  const url = await app.listen({ port: o.port, host: o.host });
  return {
    app,
    url,
    mode,
    ...(mode === 'open' ? { links: openLinks(secret, meta.studyId, q.wave) } : {}),
    close: () => app.close(),
  };
}
