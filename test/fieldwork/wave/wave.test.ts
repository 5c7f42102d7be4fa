/**
 * A whole wave (issue 10 item 7): a synthetic register of 50,000 → `spiegel sample` draws 4,000
 * in three regions → `field init` and `import` → invitation letters posted and e-mails sent to
 * those with an address (every 40th address bounces) → about 1,500 simulated respondents answer
 * over HTTP (some stop halfway, some opt out through the link in their e-mail) → `field remind`
 * 14 days later reaches only e-mail addressees who did not complete, opt out or bounce →
 * `field status` → `field export` → `spiegel report` weighted to the register's margins, with the
 * population/sample/response table read from the store.
 *
 * Every expected count comes from this test's own bookkeeping of what it did (who answered,
 * stopped, opted out, bounced), never from the code under test.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { serveField } from '../../../src/fieldwork/server/serve.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { loadSpec } from '../../../src/spec/load.js';
import { header, startSink } from '../mail/sink.js';
import { Respondent } from '../server/client.js';
import { seeded, walk } from '../server/simulate.js';
import { REGION_SIZES, writeRegister } from './register.js';

const stderr: string[] = [];

/** Runs a command; returns what it printed on stdout (stderr is kept in `stderr`). */
async function spiegel(args: string[]): Promise<string> {
  let out = '';
  let err = '';
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), interactive: false };
  const code = await main(args, io);
  stderr.push(err);
  if (code !== 0) throw new Error(`spiegel ${args.join(' ')} → ${code}\n${out}${err}`);
  return out;
}

const SAMPLE = { 1: 1300, 2: 1300, 3: 1400 } as const;

describe('a whole wave: register → sample → letters and e-mail → answers → reminder → status → export → report', () => {
  it('fields 4,000 sampled people and reports on the ~1,500 who answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-wave-'));
    const sink = await startSink({ reject: (a) => a.endsWith('@bounce.example') });
    try {
      // ---- register and sample
      const totals = writeRegister(join(dir, 'register.csv'));
      writeFileSync(join(dir, 'design.json'), JSON.stringify({ method: 'stratified', key: 'id', strata: 'regio', allocation: { type: 'fixed', n: SAMPLE } }));
      await spiegel(['sample', '--frame', join(dir, 'register.csv'), '--design', join(dir, 'design.json'), '--seed', '20220601', '--out', join(dir, 'sample.csv')]);
      const spec = join(dir, 'study.yaml');
      copyFileSync('test/fixtures/fieldwork/wave/study.yaml', spec);
      // Weighting to the register's margins of sex and age class (raking).
      writeFileSync(
        join(dir, 'weighting.yaml'),
        `method: rake\nmargins:\n  - variables: [geslacht]\n    population:\n${Object.entries(totals.geslacht).map(([c, n]) => `      - { geslacht: ${c}, N: ${n} }`).join('\n')}\n` +
          `  - variables: [leeftijd]\n    population:\n${Object.entries(totals.leeftijd).map(([c, n]) => `      - { leeftijd: ${c}, N: ${n} }`).join('\n')}\nweight: gewicht\n`,
      );

      // ---- store, participants, letters posted, e-mails sent
      await spiegel(['field', 'init', spec]);
      await spiegel(['field', 'import', spec, '--sample', join(dir, 'sample.csv'), '--letters', join(dir, 'links.csv')]);
      const links = parseCsv(readFileSync(join(dir, 'links.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      expect(links).toHaveLength(4000);
      const sample = parseCsv(readFileSync(join(dir, 'sample.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
      const emailOf = new Map(sample.map((r) => [r.id!, r.email!]));
      const regionOf = new Map(sample.map((r) => [r.id!, r.regio!]));

      // Letters: the invitation posted to all 4,000 on 1 June; a PDF of five of them as a proof.
      const posted = await spiegel(['field', 'letters', spec, '--posted', '2022-06-01']);
      expect(posted).toMatch(/4000|4\.000|4,000/);
      await spiegel(['field', 'letters', spec, '--only', links.slice(0, 5).map((l) => l.id!).join(','), '--out', join(dir, 'letters.pdf')]);
      expect(readFileSync(join(dir, 'letters.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
      const sent = await spiegel(['field', 'send', spec, '--smtp', sink.url]);
      const withEmail = links.filter((l) => emailOf.get(l.id!) !== '');
      const bounced = new Set(withEmail.filter((l) => emailOf.get(l.id!)!.endsWith('@bounce.example')).map((l) => l.id!));
      expect(bounced.size).toBeGreaterThan(20);
      expect(new Set(sink.received.flatMap((m) => m.to))).toEqual(new Set(withEmail.filter((l) => !bounced.has(l.id!)).map((l) => emailOf.get(l.id!)!)));
      expect(`${sent}${stderr.at(-1)}`).toMatch(/bounce|undeliverable/i);

      // ---- fieldwork over HTTP on 10 June 2022: 1,500 answer; every 12th stops after 2 pages,
      // every 25th after 4; 60 others opt out through the link in their e-mail.
      const loaded = loadSpec(spec);
      const store = await openFieldStore({ engine: 'sqlite', file: join(dir, 'study.field.sqlite') });
      const now = Date.parse('2022-06-10T10:00:00+02:00');
      const serving = await serveField({ store, parts: questionnaireParts(loaded.spec, 2022), spec: loaded.spec, port: 0, host: '127.0.0.1', log: () => undefined, now: () => now });
      const completed = new Set<string>();
      const stopped = new Set<string>();
      const optedOut = new Set<string>();
      const rng = seeded(7);
      const order = links.map((l) => l.id!).sort(() => rng.next() - 0.5);
      const answering = order.slice(0, 1500);
      const byId = new Map(links.map((l) => [l.id!, l]));
      try {
        for (let start = 0; start < answering.length; start += 25) {
          await Promise.all(
            answering.slice(start, start + 25).map(async (id, j) => {
              const i = start + j;
              const r = new Respondent(serving.url);
              const entry = await r.get(new URL(byId.get(id)!.link!).pathname);
              expect(entry.location).toBe('/q');
              const w = await walk(r, seeded(1000 + i), i % 12 === 0 ? 2 : i % 25 === 0 ? 4 : Infinity);
              (w.completed ? completed : stopped).add(id);
            }),
          );
        }
        const optOutCandidates = order.slice(1500).filter((id) => emailOf.get(id) !== '' && !bounced.has(id)).slice(0, 60);
        for (const id of optOutCandidates) {
          const mail = sink.received.find((m) => m.to.includes(emailOf.get(id)!))!;
          const url = /<([^>]+)>/.exec(header(mail.raw, 'List-Unsubscribe')!)![1]!;
          const res = await fetch(new URL(new URL(url).pathname, serving.url), { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
          expect(res.status).toBeLessThan(400);
          optedOut.add(id);
        }
      } finally {
        await serving.close();
        await store.close();
      }
      expect(completed.size + stopped.size).toBe(1500);

      // ---- the reminder, 14 days after the letters were posted (1 June → 15 June): only e-mail
      // addressees who did not complete, opt out or bounce (those who stopped halfway too).
      const before = sink.received.length;
      await spiegel(['field', 'remind', spec, '--smtp', sink.url, '--today', '2022-06-14']);
      expect(sink.received.length).toBe(before);
      await spiegel(['field', 'remind', spec, '--smtp', sink.url, '--today', '2022-06-15']);
      const reminded = new Set(sink.received.slice(before).flatMap((m) => m.to));
      const expectedReminded = new Set(withEmail.map((l) => l.id!).filter((id) => !bounced.has(id) && !completed.has(id) && !optedOut.has(id)).map((id) => emailOf.get(id)!));
      expect(reminded).toEqual(expectedReminded);
      // the same run again sends nothing
      const afterFirst = sink.received.length;
      await spiegel(['field', 'remind', spec, '--smtp', sink.url, '--today', '2022-06-16']);
      expect(sink.received.length).toBe(afterFirst);

      // ---- dispositions and rates
      // Everyone was invited by letter, so nobody is "not invited", and a bounced e-mail alone does
      // not make a unit undeliverable. RR1 = complete / all sampled (none is known to be ineligible).
      const statusText = await spiegel(['field', 'status', spec, '--json']);
      // The spec keeps contact data until 2022-12-31: long past, so the status run warns.
      expect(stderr.at(-1)).toMatch(/retention date of contact data .* has passed/);
      const status = JSON.parse(statusText) as { total: { sampled: number; statuses: Record<string, number>; rates: Record<string, number | null> }; strata: { stratum: string; sampled: number }[] };
      expect(status.total.sampled).toBe(4000);
      expect(status.total.statuses.complete).toBe(completed.size);
      expect(status.total.statuses.refused).toBe(optedOut.size);
      expect(status.total.statuses['not-invited']).toBe(0);
      expect(Object.values(status.total.statuses).reduce((a, b) => a + b, 0)).toBe(4000);
      expect(status.total.rates.rr1).toBeCloseTo(completed.size / 4000, 12);
      expect(Object.fromEntries(status.strata.map((s) => [s.stratum, s.sampled]))).toEqual(Object.fromEntries(Object.entries(SAMPLE).map(([k, v]) => [k, v])));

      // ---- export, weight, report with the population/sample/response table from the store
      await spiegel(['field', 'export', spec, '--out', join(dir, 'respondenten-2022.csv')]);
      const exported = parseCsv(readFileSync(join(dir, 'respondenten-2022.csv'), 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
      expect(exported.length).toBeGreaterThanOrEqual(completed.size);
      expect(exported.length).toBeLessThanOrEqual(1500);
      expect(Object.keys(exported[0]!)).not.toContain('naam');
      expect(Object.keys(exported[0]!)).not.toContain('email');
      const doc = readFileSync(spec, 'utf8').replace(
        'tables:\n',
        'tables:\n  - id: t1\n    number: 1\n    kind: populationSampleResponse\n    title: Populatie, steekproef en respons naar regio\n    stubHead: Regio\n    frame: { store: true, by: regio, weight: design_weight }\n',
      ).replace('      - table: t2\n', '      - table: t1\n      - table: t2\n');
      writeFileSync(spec, doc);
      await spiegel(['report', spec, '--out', join(dir, 'report'), '--formats', 'html']);
      const html = readFileSync(join(dir, 'report', 'report.html'), 'utf8');
      expect(html).toContain('Populatie, steekproef en respons naar regio');
      for (const [region, size] of Object.entries(REGION_SIZES)) {
        expect(html, `population of region ${region}`).toContain(size.toLocaleString('nl-NL'));
      }
      // Response per region, as the export counts it (complete and partial), in the table's rows;
      // the completes per region are the test's own count.
      for (const region of ['1', '2', '3']) {
        const rows = exported.filter((r) => r.regio === region);
        expect(rows.filter((r) => r.disposition === '1.1').length).toBe([...completed].filter((id) => regionOf.get(id) === region).length);
        expect(html).toContain(`>${rows.length}<`);
      }
    } finally {
      await sink.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 1_800_000);
});
