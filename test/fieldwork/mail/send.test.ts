/**
 * E-mail invitations against a local SMTP server, on both store engines: who received what,
 * the headers and parts of a message, bounces, a connection broken after the data (in doubt),
 * an interrupted run, temporary refusals, an unreachable server, the lock and the throttle.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runInvitations } from '../../../src/fieldwork/mail/run.js';
import { type Delivery, type MailTransport, SmtpTransport } from '../../../src/fieldwork/mail/smtp.js';
import { smtpSettings } from '../../../src/fieldwork/mail/smtp-url.js';
import type { Clock } from '../../../src/fieldwork/mail/throttle.js';
import { auditLog, mailingList } from '../../../src/fieldwork/store/index.js';
import { acquireLock } from '../../../src/fieldwork/store/locks.js';
import { claimMessage, mailLog } from '../../../src/fieldwork/store/mail-log.js';
import type { FieldStore } from '../../../src/fieldwork/store/types.js';
import { storeEngines } from '../store/engines.js';
import { BASE, mailStore, person, settings } from './setup.js';
import { header, part, startSink, type Sink } from './sink.js';

const engines = storeEngines('mail send test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const warnings: string[] = [];
const base = { resendInDoubt: false, username: 'cli:test', warn: (t: string) => void warnings.push(t) };

async function withSink<T>(sink: Sink, fn: (t: SmtpTransport) => Promise<T>): Promise<T> {
  const transport = new SmtpTransport(smtpSettings(sink.url), { socketMs: 5000, connectMs: 5000 });
  try {
    return await fn(transport);
  } finally {
    await transport.close();
  }
}

async function closeAll(store: FieldStore, sink: Sink): Promise<void> {
  await store.close();
  await sink.close();
}

describe.each(engines)('e-mail invitations on $name', (engine) => {
  it('invites each participant with an address once, with both parts, the links and the headers', async () => {
    const people = [person('p1', 'een@example.org'), person('p2', 'twee@example.org', '<b>Bob</b> & "Co"'), person('p3', 'n.v.t.'), person('p4', ''), { ...person('test-1', 'test@example.org'), test: true }];
    const store = await mailStore(engine, people);
    const sink = await startSink();
    try {
      const run = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(run.report?.sent).toEqual(['p1', 'p2']);
      expect(run.plan.invalid).toEqual([{ participantId: 'p3', value: 'n.v.t.' }]);
      expect(run.plan.noAddress).toBe(1);
      expect(sink.received.map((m) => m.to)).toEqual([['een@example.org'], ['twee@example.org']]);
      expect(sink.received.every((m) => m.from === 'onderzoek@example.nl')).toBe(true);

      const log = await mailLog(store.db);
      expect(log.map((r) => [r.participantId, r.channel, r.step, r.state, r.recipient])).toEqual([
        ['p1', 'email', 0, 'sent', 'een@example.org'],
        ['p2', 'email', 0, 'sent', 'twee@example.org'],
      ]);
      const bob = sink.received[1].raw;
      const token = people[1].token;
      expect(header(bob, 'Message-ID')).toBe(`<${log[1].messageId}>`);
      expect(header(bob, 'List-Unsubscribe')).toBe(`<${BASE}/u/${token}>`);
      expect(header(bob, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
      expect(header(bob, 'From')).toBe('Onderzoek Spiegel <onderzoek@example.nl>');
      expect(header(bob, 'Reply-To')).toBe('vragen@example.nl');
      expect(header(bob, 'To')).toBe('twee@example.org');
      expect(Date.parse(header(bob, 'Date') ?? '')).toBeGreaterThan(Date.now() - 60_000);
      const html = part(bob, 'text/html');
      expect(html).toContain('Beste &lt;b&gt;Bob&lt;/b&gt; &amp; &quot;Co&quot;,');
      expect(html).not.toContain('<b>Bob</b>');
      expect(html).toContain(`<a href="${BASE}/s/${token}">${BASE}/s/${token}</a>`);
      expect(html).toContain(`<strong>${people[1].loginCode}</strong>`);
      expect(html).toContain(`<a href="${BASE}/u/${token}">`);
      const text = part(bob, 'text/plain');
      expect(text).toContain('Beste <b>Bob</b> & "Co",');
      expect(text).toContain(`Doe mee: ${BASE}/s/${token}`);
      expect(text).toContain(`Meld u af: ${BASE}/u/${token}`);

      const list = await mailingList(store.db);
      expect(list.filter((e) => e.invitedAt !== undefined).map((e) => e.participantId)).toEqual(['p1', 'p2']);
      expect((await auditLog(store.db))[0]).toMatchObject({ action: 'mail-send', username: 'cli:test' });

      // the same run again sends nothing
      const again = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(again.report?.sent).toEqual([]);
      expect(again.plan.done).toBe(2);
      expect(sink.received).toHaveLength(2);
    } finally {
      await closeAll(store, sink);
    }
  });

  it('records a refused address as a bounce (outcome undeliverable) and goes on with the others', async () => {
    const store = await mailStore(engine, [person('p1', 'weg@example.org'), person('p2', 'twee@example.org')]);
    const sink = await startSink({ reject: (a) => a.startsWith('weg@') });
    try {
      const run = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(run.report?.sent).toEqual(['p2']);
      expect(run.report?.bounced.map((b) => b.participantId)).toEqual(['p1']);
      expect(run.report?.bounced[0].reply).toMatch(/^550 .*User unknown/);
      const log = await mailLog(store.db);
      expect(log[0]).toMatchObject({ participantId: 'p1', state: 'bounced' });
      expect(log[0].detail).toMatch(/550/);
      const list = await mailingList(store.db);
      expect(list.map((e) => [e.participantId, e.outcome, e.invitedAt === undefined])).toEqual([
        ['p1', 'undeliverable', true],
        ['p2', undefined, false],
      ]);
      expect(sink.received.map((m) => m.to)).toEqual([['twee@example.org']]);
    } finally {
      await closeAll(store, sink);
    }
  });

  it('marks a message in doubt when the connection breaks after the data; resends it only when asked', async () => {
    const store = await mailStore(engine, [person('p1', 'een@example.org'), person('p2', 'twee@example.org'), person('p3', 'drie@example.org')]);
    let drop = true;
    const sink = await startSink({ dropAfterData: (to) => drop && to.includes('twee@example.org') });
    try {
      const first = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(first.report?.sent).toEqual(['p1', 'p3']);
      expect(first.report?.inDoubt.map((r) => r.participantId)).toEqual(['p2']);
      expect((await mailLog(store.db)).find((r) => r.participantId === 'p2')?.state).toBe('in-doubt');
      // The server did see the message (it may have been delivered): we never learnt its answer.
      expect(sink.attempted).toContain('twee@example.org');
      drop = false;
      const plain = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(plain.report?.sent).toEqual([]);
      expect(plain.plan.inDoubt).toEqual(['p2']);
      expect(sink.received.map((m) => m.to[0])).toEqual(['een@example.org', 'drie@example.org']);
      const resent = await withSink(sink, (transport) => runInvitations({ ...base, resendInDoubt: true, db: store.db, settings: settings(), transport }));
      expect(resent.report?.sent).toEqual(['p2']);
      expect(sink.received.map((m) => m.to[0])).toEqual(['een@example.org', 'drie@example.org', 'twee@example.org']);
      const log = await mailLog(store.db);
      expect(log.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    } finally {
      await closeAll(store, sink);
    }
  });

  it('marks a message in doubt when the server takes the data and then does not answer in time', async () => {
    const store = await mailStore(engine, [person('p1', 'traag@example.org'), person('p2', 'twee@example.org')]);
    const sink = await startSink({ hold: () => new Promise(() => undefined) });
    const transport = new SmtpTransport(smtpSettings(sink.url), { socketMs: 1000, connectMs: 5000 });
    try {
      const run = await runInvitations({ ...base, db: store.db, settings: settings(), transport, limit: 1 });
      expect(run.report?.inDoubt.map((r) => r.participantId)).toEqual(['p1']);
      expect(run.report?.inDoubt[0].reply).toMatch(/^ETIMEDOUT after the message was handed over/);
      expect((await mailLog(store.db)).map((r) => [r.participantId, r.state])).toEqual([['p1', 'in-doubt']]);
    } finally {
      await transport.close();
      await closeAll(store, sink);
    }
  });

  it('treats a message left in "sending" by a stopped run as in doubt', async () => {
    const store = await mailStore(engine, [person('p1', 'een@example.org'), person('p2', 'twee@example.org')]);
    const sink = await startSink();
    try {
      const claim = await claimMessage(store.db, { participantId: 'p1', channel: 'email', step: 0, recipient: 'een@example.org', runId: 'crashed-run', retryInDoubt: false });
      expect(claim.claimed).toBe(true);
      const run = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(run.interrupted).toBe(1);
      expect(run.report?.sent).toEqual(['p2']);
      expect(run.plan.inDoubt).toEqual(['p1']);
      expect((await mailLog(store.db)).map((r) => [r.participantId, r.state])).toEqual([
        ['p1', 'in-doubt'],
        ['p2', 'sent'],
      ]);
    } finally {
      await closeAll(store, sink);
    }
  });

  it('leaves a temporarily refused message for the next run', async () => {
    const store = await mailStore(engine, [person('p1', 'een@example.org'), person('p2', 'twee@example.org')]);
    let greylist = true;
    const sink = await startSink({ defer: (a) => greylist && a.startsWith('een@') });
    try {
      const first = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(first.report?.deferred.map((d) => d.participantId)).toEqual(['p1']);
      expect(first.report?.sent).toEqual(['p2']);
      expect((await mailLog(store.db)).map((r) => r.participantId)).toEqual(['p2']);
      greylist = false;
      const second = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(second.report?.sent).toEqual(['p1']);
      expect(sink.received.map((m) => m.to[0])).toEqual(['twee@example.org', 'een@example.org']);
    } finally {
      await closeAll(store, sink);
    }
  });

  it('stops when the server cannot be reached, with nothing recorded as sent, and continues on the next run', async () => {
    const store = await mailStore(engine, [person('p1', 'een@example.org'), person('p2', 'twee@example.org')]);
    const sink = await startSink();
    const url = sink.url;
    await sink.close();
    try {
      const run = await withSink({ ...sink, url }, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(run.report?.stopped).toMatch(/could not take the message \(ESOCKET: connect ECONNREFUSED/);
      expect(run.report?.sent).toEqual([]);
      expect(await mailLog(store.db)).toEqual([]);
      const sink2 = await startSink();
      try {
        const again = await withSink(sink2, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
        expect(again.report?.sent).toEqual(['p1', 'p2']);
      } finally {
        await sink2.close();
      }
    } finally {
      await store.close();
    }
  });

  it('refuses a second run while the first holds the lock, and takes over an expired lock with a warning', async () => {
    const store = await mailStore(engine, [person('p1', 'een@example.org'), person('p2', 'twee@example.org')]);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let reached!: () => void;
    const busy = new Promise<void>((r) => (reached = r));
    const sink = await startSink({
      hold: async () => {
        reached();
        await held;
      },
    });
    try {
      const first = withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      await busy;
      await expect(withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }))).rejects.toThrow(/another run \(.+, since .+\) is working on this study's "mail" lock/);
      sink.behaviour = {};
      release();
      expect((await first).report?.sent).toEqual(['p1', 'p2']);
      expect(sink.received).toHaveLength(2);

      // a crashed run's lock, expired an hour ago
      await acquireLock(store.db, 'mail', 'crashed/1/x', 60_000, Date.now() - 3_600_000);
      warnings.length = 0;
      const after = await withSink(sink, (transport) => runInvitations({ ...base, db: store.db, settings: settings(), transport }));
      expect(after.report?.sent).toEqual([]);
      expect(warnings.join('')).toMatch(/took over the mail lock of run crashed\/1\/x/);
    } finally {
      await closeAll(store, sink);
    }
  });

  it('hands messages to the server no faster than perMinute (measured on a fake clock)', async () => {
    const people = Array.from({ length: 6 }, (_, i) => person(`p${i + 1}`, `p${i + 1}@example.org`));
    const store = await mailStore(engine, people);
    const sink = await startSink();
    let now = 1_000_000;
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
    const handedAt: number[] = [];
    try {
      await withSink(sink, async (smtp) => {
        const transport: MailTransport = {
          deliver: (env, raw): Promise<Delivery> => {
            handedAt.push(now);
            return smtp.deliver(env, raw);
          },
          close: () => smtp.close(),
        };
        const run = await runInvitations({ ...base, db: store.db, settings: settings({ perMinute: 12 }), transport, clock });
        expect(run.report?.sent).toHaveLength(6);
      });
      // 12 per minute: 5 s apart; the first goes at once.
      const gaps = handedAt.slice(1).map((t, i) => t - handedAt[i]);
      expect(gaps).toHaveLength(5);
      for (const g of gaps) expect(g).toBeGreaterThanOrEqual(5000);
      expect(handedAt[5] - handedAt[0]).toBe(25_000);
      expect(sink.received).toHaveLength(6);
    } finally {
      await closeAll(store, sink);
    }
  });
});
