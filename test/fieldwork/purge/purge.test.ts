/**
 * `spiegel field purge` on both engines: after the purge no personal value is left anywhere in
 * the raw database files (SQLite: the file, -wal and -shm; PostgreSQL: the relation files of the
 * store and pg_statistic), found before the purge by the same search; answers, statuses,
 * outcomes and the links between participants, responses and the mail log survive; the export
 * is byte for byte the one made before, and so are the dispositions and response rates of
 * `spiegel field status`; the old links lead to the invalid page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { createFieldServer } from '../../../src/fieldwork/server/app.js';
import { buildSchedule } from '../../../src/fieldwork/server/schedule.js';
import { purgeStore, retentionWarning } from '../../../src/fieldwork/purge/index.js';
import { auditLog } from '../../../src/fieldwork/store/audit.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldStore, StoreLocation } from '../../../src/fieldwork/store/types.js';
import { loadSpec } from '../../../src/spec/load.js';
import { fakeParts } from '../server/fakes.js';
import { run } from '../store/setup.js';
import { storeEngines } from '../store/engines.js';
import { findValues, postgresFiles, postgresFilesUnreadable, type RawFile, sqliteFiles } from './raw-files.js';
import { fieldedWave, type Wave } from './setup.js';

const engines = storeEngines('purge test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const requirePg = process.env.SPIEGEL_REQUIRE_PG === '1';

async function rawFiles(location: StoreLocation): Promise<RawFile[] | string> {
  if (location.engine === 'sqlite') return sqliteFiles(location.file);
  const why = await postgresFilesUnreadable(location.url);
  if (why !== undefined) {
    if (requirePg) throw new Error(`purge test: ${why}, but SPIEGEL_REQUIRE_PG=1`);
    return why;
  }
  return postgresFiles(location.url);
}

interface Snapshot {
  /** Per response id: its participant's status, outcome, invitation time and register values. */
  readonly responses: Record<string, string>;
  /** Per mail row: its participant's register values and the row's state. */
  readonly mail: Record<string, string>;
  /** Sorted participant records without ids. */
  readonly participants: string[];
  readonly answers: Record<string, string>;
}

async function snapshot(store: FieldStore): Promise<Snapshot> {
  const parts = await store.db.selectFrom('field_participants').select(['id', 'status', 'outcome', 'outcome_at', 'invited_at', 'register', 'test']).execute();
  const describe = (id: string | null): string => {
    const p = parts.find((x) => x.id === id);
    return p === undefined ? 'none' : JSON.stringify([p.status, p.outcome, p.outcome_at, p.invited_at, p.register, p.test]);
  };
  const responses = await store.db.selectFrom('field_responses').select(['id', 'participant_id', 'answers', 'status', 'completed_at']).execute();
  const mail = await store.db.selectFrom('field_mail').select(['id', 'participant_id', 'state', 'channel', 'step']).execute();
  return {
    responses: Object.fromEntries(responses.map((r) => [r.id, describe(r.participant_id)])),
    mail: Object.fromEntries(mail.map((m) => [m.id, `${describe(m.participant_id)} ${m.state} ${m.channel} ${m.step}`])),
    participants: parts.map((p) => describe(p.id)).sort(),
    answers: Object.fromEntries(responses.map((r) => [r.id, `${r.answers} ${r.status} ${r.completed_at}`])),
  };
}

async function exportCsv(w: Wave, name: string): Promise<{ csv: string; codebook: string }> {
  // Same file name in its own folder: the codebook names its CSV.
  mkdirSync(join(w.dir, name));
  const out = join(w.dir, name, 'respondenten.csv');
  const r = await run(['field', 'export', w.spec, '--out', out, ...w.dbArgs]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { csv: readFileSync(out, 'utf8'), codebook: readFileSync(join(w.dir, name, 'respondenten.codebook.yaml'), 'utf8') };
}

/**
 * `spiegel field status --json`: dispositions and AAPOR rates, overall and per stratum. The spec's
 * retention date (2021-12-31) has passed: before the purge the status warns that contact data is
 * still stored, after it nothing is said.
 */
async function status(w: Wave, contactDataStored: boolean): Promise<unknown> {
  const r = await run(['field', 'status', w.spec, '--by', 'stratum', '--json', ...w.dbArgs]);
  if (contactDataStored) expect(r.stderr).toMatch(/^Warning: the retention date of contact data \(fieldwork\.retention\.contactData: 2021-12-31\) has passed, but the store still holds contact data of \d+ participant\(s\)\. Remove it with "spiegel field purge STUDY\.yaml"\.\n$/);
  else expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as unknown;
}

describe.each(engines)('spiegel field purge on $name', (engine) => {
  it('removes every personal value from the raw files and keeps answers, dispositions and the export', async () => {
    const w = await fieldedWave(await engine.fresh());
    const spec = loadSpec(w.spec).spec;
    if (w.location.engine === 'postgres') {
      // Planner statistics as autovacuum would have gathered them during fieldwork: they hold sample values (ids, names).
      const c = new pg.Client({ connectionString: w.location.url });
      await c.connect();
      await c.query('ANALYZE');
      await c.end();
    }
    const before = await exportCsv(w, 'voor');
    const statusBefore = await status(w, true);
    // From the setup: 4 complete, 1 partial, 1 break-off, people 8 and 9 refused and undeliverable, 4 without reply.
    expect(statusBefore).toMatchObject({ total: { sampled: 12, statuses: { complete: 4, partial: 1, started: 1, refused: 1, undeliverable: 1, invited: 4 } } });
    let store = await openFieldStore(w.location);
    const snapBefore = await snapshot(store);
    const auditBefore = await auditLog(store.db);
    expect(auditBefore.filter((e) => e.personal)).toHaveLength(2);
    const keptAudit = auditBefore.filter((e) => !e.personal).map((e) => e.id).sort();
    // Just after the retention date the store warns; the purge takes the warning away.
    const afterRetention = Date.parse('2022-01-01T12:00:00Z');
    expect(await retentionWarning(store.db, spec.fieldwork, afterRetention)).toMatch(/retention date of contact data \(fieldwork\.retention\.contactData: 2021-12-31\) has passed, but the store still holds contact data of 12 participant/);
    expect(await retentionWarning(store.db, spec.fieldwork, Date.parse('2021-12-31T12:00:00Z'))).toBeUndefined();
    await store.close();

    // The search finds every value before the purge: it would see them if they were left.
    const rawBefore = await rawFiles(w.location);
    if (typeof rawBefore === 'string') console.warn(`purge test (${engine.name}): raw-file search skipped: ${rawBefore}`);
    else expect(findValues(rawBefore, w.personal)).toHaveLength(w.personal.length);

    // A dry run says what would go and changes nothing.
    const dry = await run(['field', 'purge', w.spec, '--dry-run', ...w.dbArgs]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('contact data of 12 participant(s), recipients of 12 mail-log row(s), 2 personal audit entries, 2 login attempt(s)');
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    store = await openFieldStore(w.location);
    expect(await snapshot(store)).toEqual(snapBefore);
    expect(await store.db.selectFrom('field_contacts').select('participant_id').execute()).toHaveLength(12);
    await store.close();

    // Without --yes and without a terminal it asks for the confirmation and changes nothing.
    const unconfirmed = await run(['field', 'purge', w.spec, ...w.dbArgs]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/confirm with --yes/);

    const purged = await run(['field', 'purge', w.spec, '--yes', ...w.dbArgs]);
    expect(purged.stderr).toBe('');
    expect(purged.code).toBe(0);
    expect(purged.stdout).toContain('Purged: contact data of 12 participant(s), recipients of 12 mail-log row(s), 2 personal audit entries, 2 login attempt(s); credentials of 12 participant(s) made unusable, 12 id(s) replaced by pseudonyms');
    expect(purged.stdout).toContain(`  ${w.letters}  (letters-csv, `);
    expect(purged.stdout).toContain(`  ${w.sample}  (sample, `);

    const rawAfter = await rawFiles(w.location);
    if (typeof rawAfter !== 'string') {
      expect(rawAfter.length).toBeGreaterThan(0);
      expect(findValues(rawAfter, w.personal)).toEqual([]);
    }
    if (w.location.engine === 'sqlite') {
      // The write-ahead log is empty: nothing old can be read back from it.
      expect(rawAfter).not.toBeTypeOf('string');
      expect((rawAfter as RawFile[]).find((f) => f.name.endsWith('-wal'))?.bytes.length ?? 0).toBe(0);
    }

    store = await openFieldStore(w.location);
    try {
      const snapAfter = await snapshot(store);
      // Same responses, each still linked to a participant with the same status, outcome and register values.
      expect(snapAfter).toEqual(snapBefore);
      const ids = (await store.db.selectFrom('field_participants').select('id').execute()).map((r) => r.id);
      expect(ids).toHaveLength(12);
      for (const id of ids) expect(id).toMatch(/^anon-[0-9a-f]{32}$/);
      expect(await store.db.selectFrom('field_contacts').selectAll().execute()).toEqual([]);
      expect(await store.db.selectFrom('field_login_attempts').selectAll().execute()).toEqual([]);
      const mail = await store.db.selectFrom('field_mail').select(['recipient', 'detail']).execute();
      expect(mail.every((m) => m.recipient === null && m.detail === null)).toBe(true);
      const log = await auditLog(store.db);
      expect(log.filter((e) => e.personal)).toEqual([]);
      // The other entries stay as they were, and the purge adds one of its own.
      expect(log.filter((e) => e.action !== 'purge').map((e) => e.id).sort()).toEqual(keptAudit);
      expect(log.filter((e) => e.action === 'purge')).toHaveLength(1);
      expect(log.find((e) => e.action === 'purge')?.detail).toMatch(/^contact data of 12 participant\(s\)/);
      // No link or login code works any more; the retention warning is gone.
      for (const p of w.people) {
        expect(await store.participantByToken(p.token)).toBeUndefined();
        expect(await store.participantByLoginCode(p.code)).toBeUndefined();
      }
      expect(await retentionWarning(store.db, spec.fieldwork, afterRetention)).toBeUndefined();

      // The server answers an old personal link with the invalid page.
      const app = await createFieldServer({ store, parts: fakeParts(), mode: 'personal', schedule: buildSchedule(undefined), secret: await store.secret('cookie'), studyId: 'veldwerk', log: () => undefined });
      try {
        const page = await app.inject({ method: 'GET', url: `/s/${w.people[6].token}` });
        expect(page.statusCode).toBe(404);
        expect(page.body).toContain('/login');
        expect(page.body).not.toContain(w.people[6].token);
      } finally {
        await app.close();
      }
    } finally {
      await store.close();
    }

    // The export and the dispositions and response rates are those from before the purge.
    expect(await exportCsv(w, 'na')).toEqual(before);
    expect(await status(w, false)).toEqual(statusBefore);

    // A second purge finds nothing personal and changes no answer.
    const again = await run(['field', 'purge', w.spec, '--yes', ...w.dbArgs]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Purged: contact data of 0 participant(s), recipients of 0 mail-log row(s), 0 personal audit entries, 0 login attempt(s); credentials of 12 participant(s) made unusable, 0 id(s) replaced by pseudonyms');
    expect(await exportCsv(w, 'na2')).toEqual(before);
  }, 120_000);

  it('refuses before fieldwork is over (closes + grace) unless --force, and changes nothing', async () => {
    const w = await fieldedWave(await engine.fresh(), '2099-12-31');
    const refused = await run(['field', 'purge', w.spec, '--yes', ...w.dbArgs]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/study\.yaml:\d+.*fieldwork is not over: the questionnaire closes 2099-12-31 and admits those who started until 2100-01-02T23:00:00\.000Z/);
    let store = await openFieldStore(w.location);
    expect(await store.db.selectFrom('field_contacts').select('participant_id').execute()).toHaveLength(12);
    await store.close();
    const dry = await run(['field', 'purge', w.spec, '--dry-run', ...w.dbArgs]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('the purge would be refused without --force');
    const forced = await run(['field', 'purge', w.spec, '--yes', '--force', ...w.dbArgs]);
    expect(forced.code).toBe(0);
    store = await openFieldStore(w.location);
    expect(await store.db.selectFrom('field_contacts').select('participant_id').execute()).toHaveLength(0);
    await store.close();
  }, 120_000);

  it.runIf(engine.name === 'postgres')('reports a transaction older than the purge that kept old row versions, and a second run removes them', async () => {
    const w = await fieldedWave(await engine.fresh());
    if (w.location.engine !== 'postgres') return;
    // A reader that took its snapshot before the purge (a long report query, a pg_dump): no table locks, but an old horizon.
    const reader = new pg.Client({ connectionString: w.location.url });
    await reader.connect();
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await reader.query('SELECT 1');
    const readerPid = (await reader.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    let outcome;
    try {
      outcome = await purgeStore(await openFieldStore(w.location), w.location, 'cli:test', { postgresWaitMs: 300 });
    } finally {
      await reader.query('COMMIT');
      await reader.end();
    }
    expect(outcome.compaction.engine).toBe('postgres');
    if (outcome.compaction.engine !== 'postgres') return;
    expect(outcome.compaction.blockedBy).toHaveLength(1);
    expect(outcome.compaction.blockedBy[0]).toMatch(new RegExp(`^session ${readerPid} on database spiegel_test_`));
    const raw = await rawFiles(w.location);
    if (typeof raw !== 'string') {
      // Old versions of updated and deleted rows were kept for the reader; the truncated contact table holds nothing.
      const left = findValues(raw, w.personal);
      expect(left.some((x) => x.startsWith('token hash of') && x.includes(' in field_participants '))).toBe(true);
      expect(left.some((x) => x.startsWith('e-mail of') && x.includes(' in field_mail '))).toBe(true);
      expect(left.filter((x) => x.includes(' in field_contacts '))).toEqual([]);
    }
    // With the reader gone, running the purge again leaves nothing.
    const again = await run(['field', 'purge', w.spec, '--yes', ...w.dbArgs]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    const after = await rawFiles(w.location);
    if (typeof after !== 'string') expect(findValues(after, w.personal)).toEqual([]);
  }, 120_000);
});
