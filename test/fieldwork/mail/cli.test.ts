/** `spiegel field send` as a user runs it: the spec's settings, the SMTP URL, output and exit codes. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../store/setup.js';
import { part, startSink, type Sink } from './sink.js';
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
