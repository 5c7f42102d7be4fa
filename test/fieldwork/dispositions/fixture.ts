/**
 * A fielded wave with a known mix of outcomes, made with `spiegel field init/import` and the
 * store API (answers submitted page by page as the server does; opt-outs, bounces and findings
 * through setOutcome, markInvited and the mail log), on either store engine.
 *
 * The sample of test/fieldwork/store/setup.ts: 8 units in stratum A and 12 in B, design weight 2
 * in both (register: 16 A, 24 B), and one test link (complete, never counted). Units in id order:
 *
 *   A1 A2 complete · A3 partial (5 of 8 pages) · A4 refused (opt-out) · A5 break-off after 1 page
 *   A6 A7 invited (letter posted), no reply · A8 not invited
 *   B1 complete · B2 complete, then opted out (stays complete) · B3 e-mail sent, no reply
 *   B4 undeliverable (outcome) · B5 e-mail bounced, nothing else sent · B6 ineligible
 *   B7 opened the link, answered nothing · B8–B11 invited, no reply · B12 not invited
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { structureHash } from '../../../src/fieldwork/questionnaire/hash.js';
import { markInvited, setOutcome } from '../../../src/fieldwork/store/index.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldStore, StoreLocation } from '../../../src/fieldwork/store/types.js';
import type { Answers, ResponseStatus } from '../../../src/fieldwork/types.js';
import { loadSpec } from '../../../src/spec/load.js';
import type { Engine } from '../store/engines.js';
import { run, studyFolder, type StudyFolder } from '../store/setup.js';

export interface Fixture {
  readonly folder: StudyFolder;
  readonly location: StoreLocation;
  /** `--database URL` for the commands (empty for SQLite beside the spec). */
  readonly database: readonly string[];
  /** Participant ids per stratum, in id order. */
  readonly A: readonly string[];
  readonly B: readonly string[];
}

type Page = { answers: Answers; skipped?: readonly string[] };
const complete: Page[] = [
  { answers: { werk: 2, hulp_3: 1, kanaal: [3], st_werk: 3, st_hulp: 3, cijfer: 8, tijd_zorg: 0, tijd_werk: 0, reden: 1, opm: 'Niets' } },
];
// 5 of the 8 pages routed to (werk == 2): at or above the threshold 0.5, a partial response.
const partial: Page[] = [
  { answers: { werk: 2 } },
  { answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0 } },
  { answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0, kanaal: [1] } },
  { answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0, kanaal: [1], st_werk: 4, st_hulp: 5 } },
  { answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0, kanaal: [1], st_werk: 4, st_hulp: 5, cijfer: 3 } },
];
// 1 of 8 pages: a break-off below the threshold.
const breakOff: Page[] = [{ answers: { werk: 1 } }];

async function answer(store: FieldStore, participantId: string, pages: readonly Page[], status: ResponseStatus, hash: string): Promise<void> {
  const r = await store.startResponse({ participantId, structureHash: hash });
  let revision = r.revision;
  for (const [i, p] of pages.entries()) {
    const result = await store.submitPage({
      responseId: r.id,
      expectedRevision: revision,
      pageId: `p${i}`,
      answers: p.answers,
      skipped: p.skipped ?? [],
      pageIndex: i + 1,
      status: i === pages.length - 1 ? status : 'started',
    });
    if (result.kind !== 'saved') throw new Error(`page ${i} not saved: ${result.kind}`);
    revision = result.revision;
  }
}

async function mail(store: FieldStore, participantId: string, state: string): Promise<void> {
  const t = new Date().toISOString();
  await store.db
    .insertInto('field_mail')
    .values({ id: `m-${participantId}`, participant_id: participantId, channel: 'email', step: 0, recipient: null, state, message_id: null, detail: null, run_id: 'fixture', created_at: t, updated_at: t })
    .execute();
}

/** @param fieldworkLines YAML lines added to the spec's fieldwork block (indented two spaces). */
export async function buildFixture(engine: Engine, fieldworkLines = ''): Promise<Fixture> {
  const folder = await studyFolder('spiegel-dispositions-');
  if (fieldworkLines !== '') {
    const closing = '  closing: Bedankt voor het invullen.\n';
    writeFileSync(folder.spec, readFileSync(folder.spec, 'utf8').replace(closing, closing + fieldworkLines));
  }
  const location: StoreLocation = engine.name === 'sqlite' ? { engine: 'sqlite', file: join(folder.dir, 'study.field.sqlite') } : await engine.fresh();
  const database = location.engine === 'postgres' ? ['--database', location.url] : [];
  for (const args of [['field', 'init', folder.spec, ...database], ['field', 'import', folder.spec, '--sample', folder.sample, '--test', '1', '--letters', join(folder.dir, 'letters.csv'), ...database]]) {
    const r = await run(args);
    if (r.code !== 0) throw new Error(`${args.slice(0, 2).join(' ')} failed: ${r.stderr}`);
  }
  const hash = structureHash(loadSpec(folder.spec).spec, 2021);
  const store = await openFieldStore(location);
  try {
    const rows = await store.db.selectFrom('field_participants').select(['id', 'register', 'test']).orderBy('id').execute();
    const ofStratum = (s: string): string[] => rows.filter((r) => r.test === 0 && (JSON.parse(r.register) as Record<string, string>).stratum === s).map((r) => r.id);
    const A = ofStratum('A');
    const B = ofStratum('B');
    if (A.length !== 8 || B.length !== 12) throw new Error(`expected 8 + 12 sampled units, got ${A.length} + ${B.length}`);
    const test = rows.find((r) => r.test === 1)!;
    const posted = '2021-06-15T00:00:00.000Z';

    await markInvited(store.db, [...A.slice(0, 7), B[0], B[1], B[3], B[5], B[6], ...B.slice(7, 11)], posted);
    await answer(store, A[0], complete, 'complete', hash);
    await answer(store, A[1], complete, 'complete', hash);
    await answer(store, A[2], partial, 'started', hash);
    await setOutcome(store.db, A[3], 'refused');
    await answer(store, A[4], breakOff, 'started', hash);
    await answer(store, B[0], complete, 'complete', hash);
    await answer(store, B[1], complete, 'complete', hash);
    await setOutcome(store.db, B[1], 'refused');
    await mail(store, B[2], 'sent');
    await setOutcome(store.db, B[3], 'undeliverable');
    await mail(store, B[4], 'bounced');
    await setOutcome(store.db, B[5], 'ineligible');
    await store.startResponse({ participantId: B[6], structureHash: hash });
    await answer(store, test.id, complete, 'complete', hash);
    return { folder, location, database, A, B };
  } finally {
    await store.close();
  }
}
