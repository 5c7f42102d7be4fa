/**
 * Reminders on both store engines: due 14 and 28 days after the invitation (an e-mail's sent
 * date or a letter's posting date), one step at a time, only to those who have not completed and
 * have no outcome, e-mail to those with an address and letters listed for the others, and the
 * same run twice sending nothing twice.
 */
import type { Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays, planReminders } from '../../../src/fieldwork/mail/plan.js';
import { runInvitations, runReminders } from '../../../src/fieldwork/mail/run.js';
import { SmtpTransport } from '../../../src/fieldwork/mail/smtp.js';
import { smtpSettings } from '../../../src/fieldwork/mail/smtp-url.js';
import { auditLog, setOutcome } from '../../../src/fieldwork/store/index.js';
import type { FieldDatabase } from '../../../src/fieldwork/store/schema.js';
import { storeEngines } from '../store/engines.js';
import { mailStore, person, settings } from './setup.js';
import { header, startSink } from './sink.js';

const engines = storeEngines('mail remind test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

/** What `spiegel field letters --posted DATE` writes for a posted letter. */
async function letterPosted(db: Kysely<FieldDatabase>, participantId: string, step: number, day: string): Promise<void> {
  await db
    .insertInto('field_mail')
    .values({ id: `letter-${participantId}-${step}`, participant_id: participantId, channel: 'letter', step, recipient: null, state: 'posted', message_id: null, detail: null, run_id: 'letters', created_at: day, updated_at: day })
    .execute();
}

async function complete(db: Kysely<FieldDatabase>, participantId: string): Promise<void> {
  await db.updateTable('field_participants').set({ status: 'complete' }).where('id', '=', participantId).execute();
}

const base = { resendInDoubt: false, username: 'cli:test', warn: () => undefined };

describe.each(engines)('reminders on $name', (engine) => {
  it('follows the schedule from e-mail and letter invitations, only for those still to answer, never twice', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const store = await mailStore(engine, [
      person('p1', 'een@example.org'), // invited by e-mail today
      person('p2', 'twee@example.org'), // invited by e-mail, then completes
      person('p3', 'drie@example.org'), // invited by e-mail, then opts out
      person('p4', ''), // invitation letter posted today, no address: letters
      person('p5', 'vijf@example.org'), // invitation letter only: e-mail reminders
      person('p6', 'zes@example.org'), // never invited
    ]);
    const sink = await startSink();
    const transport = new SmtpTransport(smtpSettings(sink.url));
    const db = store.db;
    const remind = (day: string) => runReminders({ ...base, db, settings: settings(), transport, today: day });
    const got = () => sink.received.map((m) => `${m.to[0]}: ${header(m.raw, 'Subject')}`);
    try {
      const invited = await runInvitations({ ...base, db, settings: settings(), transport, limit: 3 });
      expect(invited.report?.sent).toEqual(['p1', 'p2', 'p3']);
      await letterPosted(db, 'p4', 0, today);
      await letterPosted(db, 'p5', 0, today);
      await complete(db, 'p2');
      await setOutcome(db, 'p3', 'refused');
      sink.received.length = 0;

      const early = await remind(addDays(today, 13));
      expect(early.plan).toMatchObject({ notYetDue: 3, finished: 2, notInvited: 1, email: [], letters: [] });
      expect(sink.received).toHaveLength(0);

      const first = await remind(addDays(today, 14));
      expect(first.report?.sent).toEqual(['p1', 'p5']);
      expect(first.plan.letters).toEqual([{ participantId: 'p4', step: 1 }]);
      expect(got()).toEqual(['een@example.org: Herinnering', 'vijf@example.org: Herinnering']);

      const twice = await remind(addDays(today, 14));
      expect(twice.report?.sent).toEqual([]);
      expect(twice.plan.email).toEqual([]);
      expect(twice.plan.letters).toEqual([{ participantId: 'p4', step: 1 }]);
      expect(sink.received).toHaveLength(2);

      // the reminder letter goes out a day later; p5 answers
      await letterPosted(db, 'p4', 1, addDays(today, 15));
      await complete(db, 'p5');
      const notYet = await remind(addDays(today, 27));
      expect(notYet.plan).toMatchObject({ notYetDue: 2, email: [], letters: [] });

      const second = await remind(addDays(today, 28));
      expect(second.report?.sent).toEqual(['p1']);
      expect(second.plan.letters).toEqual([{ participantId: 'p4', step: 2 }]);
      expect(got().slice(2)).toEqual(['een@example.org: Laatste herinnering']);

      const done = await remind(addDays(today, 60));
      expect(done.plan.email).toEqual([]);
      expect(done.plan.letters).toEqual([{ participantId: 'p4', step: 2 }]);
      await letterPosted(db, 'p4', 2, addDays(today, 61));
      expect((await remind(addDays(today, 90))).plan).toMatchObject({ email: [], letters: [], notYetDue: 0 });
      expect(sink.received).toHaveLength(3);
      expect((await auditLog(db)).filter((a) => a.action === 'mail-remind')).toHaveLength(7);
    } finally {
      await transport.close();
      await store.close();
      await sink.close();
    }
  });
});

describe('the reminder plan', () => {
  const entry = (id: string, email: string, invitedAt?: string) => ({
    participantId: id,
    test: false,
    status: 'invited' as const,
    contact: { email },
    token: 't',
    register: {},
    ...(invitedAt !== undefined ? { invitedAt } : {}),
  });
  const row = (participantId: string, channel: 'email' | 'letter', step: number, state: 'sent' | 'posted' | 'in-doubt' | 'bounced', at: string) => ({
    id: `${participantId}${channel}${step}`,
    participantId,
    channel,
    step,
    state,
    runId: 'r',
    createdAt: at,
    updatedAt: at,
  });
  const options = { days: [14, 28], column: 'email', today: '2021-07-13', resendInDoubt: false };

  it('counts from the earliest invitation by either channel, in UTC calendar days', () => {
    const list = [entry('a', 'a@example.org'), entry('b', 'b@example.org')];
    // a: letter posted 29 June, e-mail 30 June: due on 13 July; b: e-mail late on 29 June UTC
    const log = [row('a', 'letter', 0, 'posted', '2021-06-29'), row('a', 'email', 0, 'sent', '2021-06-30T08:00:00.000Z'), row('b', 'email', 0, 'sent', '2021-06-29T23:59:00.000Z')];
    expect(planReminders(list, log, options).email.map((r) => [r.entry.participantId, r.step])).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    expect(planReminders(list, log, { ...options, today: '2021-07-12' }).notYetDue).toBe(2);
  });

  it('does not resend a reminder in doubt unless asked, and lists a bad address for a letter', () => {
    const list = [entry('a', 'a@example.org'), entry('b', 'geen adres', '2021-06-01T10:00:00.000Z')];
    const log = [row('a', 'email', 0, 'sent', '2021-06-01T10:00:00.000Z'), row('a', 'email', 1, 'in-doubt', '2021-06-15T10:00:00.000Z')];
    const plan = planReminders(list, log, options);
    expect(plan.inDoubt).toEqual(['a']);
    expect(plan.email).toEqual([]);
    expect(plan.letters).toEqual([{ participantId: 'b', step: 1 }]);
    expect(plan.invalid).toEqual([{ participantId: 'b', value: 'geen adres' }]);
    expect(planReminders(list, log, { ...options, resendInDoubt: true }).email.map((r) => [r.entry.participantId, r.step])).toEqual([['a', 1]]);
  });
});
