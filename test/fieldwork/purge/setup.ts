/**
 * A wave after fieldwork for the purge tests: the fixture spec with a closing date, a retention
 * date and an e-mail contact column; 12 sampled people with BSN-like ids and distinctive contact
 * data, imported by `spiegel field import`; some answered (complete, partial), some opted out or
 * bounced; a mail log, audit entries and login attempts. Every personal value is returned so the
 * test can look for it in the raw database files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordAudit } from '../../../src/fieldwork/store/audit.js';
import { mailingList, markInvited, setOutcome } from '../../../src/fieldwork/store/contacts.js';
import { loginCodeHash, normaliseLoginCode, tokenHash } from '../../../src/fieldwork/store/credentials.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { StoreLocation } from '../../../src/fieldwork/store/types.js';
import type { Answers, ResponseStatus } from '../../../src/fieldwork/types.js';
import { run } from '../store/setup.js';

export interface Person {
  readonly id: string;
  readonly naam: string;
  readonly adres: string;
  readonly postcode: string;
  readonly woonplaats: string;
  readonly email: string;
  token: string;
  code: string;
}

export interface Wave {
  readonly dir: string;
  readonly spec: string;
  readonly sample: string;
  readonly letters: string;
  /** `--database` for the commands: the PostgreSQL URL or sqlite:FILE. */
  readonly dbArgs: readonly string[];
  readonly location: StoreLocation;
  readonly people: readonly Person[];
  /** Every value the purge must remove, with where it came from (for the failure message). */
  readonly personal: readonly { readonly what: string; readonly value: string }[];
}

const N = 12;

/** What each of the first six people answered (the fixture's questionnaire). */
const scripts: readonly { answers: Answers; status: ResponseStatus }[] = [
  { status: 'complete', answers: { werk: 1, kanaal: [1, 3], st_werk: 2, st_hulp: 9, cijfer: 7, uren: 32, tijd_zorg: 20, tijd_werk: 80, reden: 3, reden_anders: 'Via de krant', opm: 'Prima' } },
  { status: 'complete', answers: { werk: 2, hulp_1: 1, hulp_2: 0, hulp_3: 0, kanaal: [2], st_werk: 1, st_hulp: 4, cijfer: 6, tijd_zorg: 10, tijd_werk: 90, reden: 1, opm: 'Niets' } },
  { status: 'complete', answers: { werk: 1, kanaal: [3], st_werk: 5, st_hulp: 5, cijfer: 2, uren: 12, tijd_zorg: 50, tijd_werk: 50, reden: 2, opm: 'Te lang' } },
  { status: 'started', answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0, kanaal: [1], st_werk: 4, st_hulp: 5, cijfer: 3 } },
  { status: 'complete', answers: { werk: 2, hulp_3: 1, kanaal: [3], st_werk: 3, st_hulp: 3, cijfer: 10, tijd_zorg: 0, tijd_werk: 0, reden: 8, opm: 'Goed' } },
  { status: 'started', answers: { werk: 1 } },
];

/** The fixture spec with closes, retention and an e-mail column; `closes` may be moved by the test. */
export function specText(closes: string): string {
  const text = readFileSync('test/fixtures/fieldwork/study.yaml', 'utf8');
  const out = text
    .replace('  wave: 2021\n', `  wave: 2021\n  closes: ${closes}\n  retention: { contactData: 2021-12-31 }\n`)
    .replace('contactColumns: [naam, adres, postcode, woonplaats]', 'contactColumns: [naam, adres, postcode, woonplaats, email]');
  if (out === text || !out.includes('email]')) throw new Error('the fixture spec changed: update test/fieldwork/purge/setup.ts');
  return out;
}

export async function fieldedWave(location: StoreLocation, closes = '2021-08-15'): Promise<Wave> {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-purge-'));
  const spec = join(dir, 'study.yaml');
  writeFileSync(spec, specText(closes));
  const people: Person[] = [];
  const lines = ['id,stratum,design_weight,geslacht,naam,adres,postcode,woonplaats,email'];
  for (let i = 1; i <= N; i++) {
    const k = String(i).padStart(2, '0');
    const p: Person = {
      id: `2718281${k}`,
      naam: `Wilhelmina Purgatorius${k}`,
      adres: `Vergeetmenietjesstraat ${100 + i}`,
      postcode: `97${k} ZQ`,
      woonplaats: `Wisselkerk${k}`,
      email: `w.purgatorius${k}@vergeten.example`,
      token: '',
      code: '',
    };
    people.push(p);
    lines.push([p.id, i <= 6 ? 'A' : 'B', i <= 6 ? '2.5' : '4', String((i % 2) + 1), p.naam, p.adres, p.postcode, p.woonplaats, p.email].join(','));
  }
  const sample = join(dir, 'sample.csv');
  writeFileSync(sample, lines.join('\n') + '\n');
  const letters = join(dir, 'letters.csv');
  const dbArgs = ['--database', location.engine === 'postgres' ? location.url : `sqlite:${location.file}`];
  const init = await run(['field', 'init', spec, ...dbArgs]);
  if (init.code !== 0) throw new Error(`field init failed: ${init.stderr}`);
  const imp = await run(['field', 'import', spec, '--sample', sample, '--letters', letters, ...dbArgs]);
  if (imp.code !== 0) throw new Error(`field import failed: ${imp.stderr}`);
  const store = await openFieldStore(location);
  const personal: { what: string; value: string }[] = [];
  try {
    // The credentials as the store keeps them for mailings (the letters CSV holds the same).
    const list = await mailingList(store.db);
    for (const p of people) {
      const entry = list.find((e) => e.participantId === p.id);
      if (entry?.token === undefined || entry.loginCode === undefined) throw new Error(`no credentials stored for ${p.id}`);
      p.token = entry.token;
      p.code = entry.loginCode;
    }
    const hash = (await store.meta()).structureHash;
    const secret = await store.secret('login-code');
    for (const [i, s] of scripts.entries()) {
      const participant = await store.participantByToken(people[i].token);
      if (participant === undefined) throw new Error('imported participant not found by token');
      const r = await store.startResponse({ participantId: participant.id, structureHash: hash, device: 'phone' });
      const saved = await store.submitPage({ responseId: r.id, expectedRevision: r.revision, pageId: 'p3', answers: s.answers, skipped: [], pageIndex: 3, status: s.status });
      if (saved.kind !== 'saved') throw new Error(`page not saved: ${saved.kind}`);
    }
    await markInvited(store.db, people.map((p) => p.id), '2021-06-15T08:00:00.000Z');
    await setOutcome(store.db, people[7].id, 'refused', '2021-06-20T10:00:00.000Z');
    await setOutcome(store.db, people[8].id, 'undeliverable', '2021-06-16T10:00:00.000Z');
    for (const [i, p] of people.entries()) {
      const bounced = i === 8;
      await store.db
        .insertInto('field_mail')
        .values({
          id: `mail-${i}`,
          participant_id: p.id,
          channel: 'email',
          step: 0,
          recipient: p.email,
          state: bounced ? 'bounced' : 'sent',
          message_id: `<m${i}@spiegel.example>`,
          detail: bounced ? `550 5.1.1 <${p.email}>: Recipient address rejected` : null,
          run_id: 'run-1',
          created_at: '2021-06-15T08:00:00.000Z',
          updated_at: '2021-06-15T08:00:01.000Z',
        })
        .execute();
    }
    await recordAudit(store.db, { username: 'fw-manager', action: 'contacts-view', detail: `viewed ${people[2].id} ${people[2].naam}`, personal: true });
    await recordAudit(store.db, { username: 'fw-manager', action: 'contacts-view', detail: `exported addresses incl. ${people[3].adres}`, personal: true });
    await recordAudit(store.db, { username: 'researcher', action: 'export', detail: 'answer export of 5 rows', personal: false });
    await store.countLoginAttempt(`login-code:${normaliseLoginCode(people[10].code)}`, 3600);
    await store.countLoginAttempt('login-ip:198.51.100.77', 3600);

    for (const p of people) {
      personal.push(
        { what: `id of ${p.id}`, value: p.id },
        { what: `name of ${p.id}`, value: p.naam },
        { what: `address of ${p.id}`, value: p.adres },
        { what: `postcode of ${p.id}`, value: p.postcode },
        { what: `town of ${p.id}`, value: p.woonplaats },
        { what: `e-mail of ${p.id}`, value: p.email },
        { what: `token of ${p.id}`, value: p.token },
        { what: `login code of ${p.id}`, value: p.code },
        { what: `token hash of ${p.id}`, value: tokenHash(p.token) },
        { what: `login-code hash of ${p.id}`, value: loginCodeHash(p.code, secret) },
      );
    }
    personal.push(
      { what: 'login attempt key (code)', value: `login-code:${normaliseLoginCode(people[10].code)}` },
      { what: 'login attempt key (IP address)', value: '198.51.100.77' },
      { what: 'bounce detail', value: 'Recipient address rejected' },
      { what: 'personal audit detail', value: `viewed ${people[2].id}` },
    );
  } finally {
    await store.close();
  }
  return { dir, spec, sample, letters, dbArgs, location, people, personal };
}
