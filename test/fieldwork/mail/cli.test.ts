/** `spiegel field send` and `remind` as a user runs them: the spec's settings, the SMTP URL, output and exit codes. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../src/fieldwork/mail/plan.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { run } from '../store/setup.js';
import { header, part, startSink, type Sink } from './sink.js';
import { mailStudy } from './study.js';

let sink: Sink;
beforeAll(async () => {
  sink = await startSink({ reject: (a) => a.startsWith('carla@') });
});
afterAll(async () => {
  await sink.close();
});

describe('spiegel field send', () => {
  it('lists, sends, reports bounces and invalid addresses, and sends nothing twice', async () => {
    const s = await mailStudy('spiegel-mail-cli-');
    const dry = await run(['field', 'send', s.spec, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('4 participant(s) to invite by e-mail; 0 already in the mail log (sent, bounced or failed); 0 completed or with an outcome; 1 without an address.');
    expect(dry.stdout).toContain('1 participant(s) whose "email" is not an e-mail address (not sent):\n  u5: "els at example"');
    expect(dry.stdout).toMatch(/Dry run: nothing sent\. Would invite:\n {2}u1\n {2}u2\n {2}u3\n {2}u6\n/);
    expect(sink.received).toHaveLength(0);

    const limited = await run(['field', 'send', s.spec, '--smtp', sink.url, '--limit', '1']);
    expect(limited.code).toBe(0);
    expect(limited.stdout).toContain('Sent 1 message(s).');
    expect(limited.stdout).toContain('--limit 1: 3 left for a next run.');

    const r = await run(['field', 'send', s.spec, '--smtp', sink.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Sent 2 message(s).');
    expect(r.stdout).toMatch(/Bounced \(the server refused the address; outcome set to undeliverable\):\n {2}u3: 550 /);
    expect(sink.received.map((m) => m.to[0])).toEqual(['anna@example.org', 'bert@example.org', 'frank@example.org']);
    expect(part(sink.received[0].raw, 'text/plain')).toContain('Doe mee vóór 15 augustus 2021: https://enquete.example.nl/s/');

    const again = await run(['field', 'send', s.spec, '--smtp', sink.url]);
    expect(again.stdout).toContain('0 participant(s) to invite by e-mail; 4 already in the mail log (sent, bounced or failed); 0 completed or with an outcome; 1 without an address.');
    expect(sink.received).toHaveLength(3);
  });

  it('takes the server from SPIEGEL_SMTP_URL, never from the spec, and says how to give it', async () => {
    const s = await mailStudy('spiegel-mail-cli-');
    const saved = process.env.SPIEGEL_SMTP_URL;
    delete process.env.SPIEGEL_SMTP_URL;
    try {
      const none = await run(['field', 'send', s.spec]);
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/name the SMTP server with --smtp smtp:\/\/user:password@host:587 or in the environment variable SPIEGEL_SMTP_URL/);
      const bad = await run(['field', 'send', s.spec, '--smtp', 'http://mail.example.nl']);
      expect(bad.stderr).toMatch(/--smtp must start with smtp:\/\/ or smtps:\/\//);
      process.env.SPIEGEL_SMTP_URL = sink.url;
      const before = sink.received.length;
      const ok = await run(['field', 'send', s.spec]);
      expect(ok.code).toBe(0);
      expect(sink.received.length - before).toBe(3);
    } finally {
      if (saved === undefined) delete process.env.SPIEGEL_SMTP_URL;
      else process.env.SPIEGEL_SMTP_URL = saved;
    }
  });

  it('refuses a spec whose e-mail column is not a contact column, naming the field', async () => {
    const s = await mailStudy('spiegel-mail-cli-');
    writeFileSync(s.spec, readFileSync(s.spec, 'utf8').replace('    column: email\n', '    column: mail\n'));
    const r = await run(['field', 'send', s.spec, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/study\.yaml:\d+.*fieldwork\.email\.column "mail" is not one of the contact columns \(fieldwork\.contactColumns: naam, adres, postcode, woonplaats, email\)/);
  });

  it('refuses an unknown placeholder in a template', async () => {
    const s = await mailStudy('spiegel-mail-cli-');
    writeFileSync(s.spec, readFileSync(s.spec, 'utf8').replace('Beste {{naam}},\n', 'Beste {{voornaam}},\n'));
    const r = await run(['field', 'send', s.spec, '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unknown placeholder\(s\) \{\{voornaam\}\}/);
  });
});

describe('spiegel field remind', () => {
  it('lists who gets an e-mail and who needs a letter, then sends each due reminder once', async () => {
    const s = await mailStudy('spiegel-mail-remind-');
    const before = sink.received.length;
    expect((await run(['field', 'send', s.spec, '--smtp', sink.url])).code).toBe(0);
    // the invitation letter of u4 (no address) was posted today, as `spiegel field letters --posted` records it
    const today = new Date().toISOString().slice(0, 10);
    const store = await openFieldStore({ engine: 'sqlite', file: join(s.dir, 'study.field.sqlite') });
    try {
      await store.db
        .insertInto('field_mail')
        .values({ id: 'l-u4-0', participant_id: 'u4', channel: 'letter', step: 0, recipient: null, state: 'posted', message_id: null, detail: null, run_id: 'letters', created_at: today, updated_at: today })
        .execute();
      await store.db.updateTable('field_participants').set({ status: 'complete' }).where('id', '=', 'u2').execute();
    } finally {
      await store.close();
    }
    const day14 = addDays(today, 14);
    const dry = await run(['field', 'remind', s.spec, '--dry-run', '--today', day14]);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    // u1, u6 by e-mail; u2 completed, u3 bounced at the invitation; u4 by letter; u5 (no valid address) was never invited
    expect(dry.stdout).toContain(`Reminders due on ${day14}: 2 by e-mail, 1 by letter; 0 not yet due; 2 completed or with an outcome; 1 not invited yet.`);
    expect(dry.stdout).toContain('Reminder letter 1 needed for 1 participant(s) without a usable e-mail address (spiegel field letters --reminder 1): u4');
    expect(dry.stdout).toMatch(/Dry run: nothing sent\. Would e-mail:\n {2}u1 \(reminder 1\)\n {2}u6 \(reminder 1\)\n/);

    const sent = await run(['field', 'remind', s.spec, '--smtp', sink.url, '--today', day14]);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain('Sent 2 message(s).');
    const again = await run(['field', 'remind', s.spec, '--smtp', sink.url, '--today', day14]);
    expect(again.stdout).toContain('Sent 0 message(s).');
    const reminders = sink.received.slice(before).filter((m) => header(m.raw, 'Subject') === 'Herinnering');
    expect(reminders.map((m) => m.to[0])).toEqual(['anna@example.org', 'frank@example.org']);

    const bad = await run(['field', 'remind', s.spec, '--dry-run', '--today', '2021-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--today must be a date such as 2021-06-29, not "2021-02-30"/);
  });
});
