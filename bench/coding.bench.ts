/**
 * The coding screens with 20,000 open answers (issue 11 item 9: listing, filtering and text
 * search within 100 ms at p95): a question of 20,000 synthetic answers, 12,000 of them coded by
 * one coder and 4,000 by a second (so there are disagreements), in a SQLite store; each screen is
 * requested through the server (Fastify inject: routing, guard, session lookup, store reads,
 * filtering, HTML) as a logged-in coder, 100 times after one cold request, and p50/p95 are printed
 * with the mean CPU time of the process per request and the load average (the machine is shared:
 * wall-clock percentiles move with the load, CPU time much less).
 * SPIEGEL_BENCH_CODING_ANSWERS sets another size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Codebook } from '../src/coding/codebook.js';
import { flattenCodes } from '../src/coding/codebook.js';
import { codingRoutes } from '../src/coding/server/routes.js';
import type { CodingQuestion } from '../src/coding/workspace/questions.js';
import { hashPassword } from '../src/fieldwork/admin/password.js';
import { createFieldServer } from '../src/fieldwork/server/app.js';
import { buildSchedule } from '../src/fieldwork/server/schedule.js';
import { addUser, createSession } from '../src/fieldwork/store/accounts.js';
import { saveCoding } from '../src/fieldwork/store/codings.js';
import { createFieldStore } from '../src/fieldwork/store/open.js';
import { Xoshiro128 } from '../src/sampling/index.js';
import { fakeParts } from '../test/fieldwork/server/fakes.js';

const WORDS = 'klantmanager contact geld uitkering regels formulier wachten bellen afspraak vaste persoon hulp werk cursus training begeleiding sneller duidelijk brief website loket gemeente toeslag boete korting'.split(' ');

const codebook: Codebook = {
  codebook: 'suggesties',
  title: 'Suggesties',
  for: 'suggestie',
  version: 1,
  codes: [
    { id: 'contact', label: 'Meer contact', keywords: ['klantmanager', 'contact*', 'bellen'], children: [{ id: 'contact.vast', label: 'Vaste contactpersoon', keywords: ['vaste persoon'] }] },
    { id: 'geld', label: 'Geld', keywords: ['geld', 'uitkering', 'toeslag'] },
    { id: 'regels', label: 'Regels', keywords: ['regels', 'formulier'] },
    { id: 'hulp', label: 'Hulp bij werk', keywords: ['werk', 'cursus', 'training'] },
  ],
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function run(): Promise<void> {
  const n = Number(process.env.SPIEGEL_BENCH_CODING_ANSWERS ?? 20_000);
  const rng = new Xoshiro128(36);
  const answers = Array.from({ length: n }, (_, i) => ({
    unit: String(i + 1),
    text: Array.from({ length: 4 + rng.below(20) }, () => WORDS[rng.below(WORDS.length)]).join(' '),
    groups: { regio: ['Noord', 'Oost', 'Zuid', 'West'][rng.below(4)] },
  }));
  const question: CodingQuestion = { id: 'thema', source: 'suggestie', label: 'Heeft u suggesties?', codebook, codes: flattenCodes(codebook), codingsFile: '/dev/null', answers };
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-coding-'));
  try {
    const store = await createFieldStore({ engine: 'sqlite', file: join(dir, 'bench.field.sqlite') }, { studyId: 'bench', wave: 2021, structureHash: 'h', structure: '{}', anonymous: false });
    const ids = ['contact', 'contact.vast', 'geld', 'regels', 'hulp'];
    // Setup in one transaction (the screens read what saveCoding writes: one row per answer and coder).
    const at = new Date().toISOString();
    const rows = [
      ...Array.from({ length: Math.round(n * 0.6) }, (_, i) => ({ question: 'thema', unit: String(i + 1), coder: 'ans', codes: JSON.stringify([ids[rng.below(5)]]), revision: 1, updated_at: at })),
      ...Array.from({ length: Math.round(n * 0.2) }, (_, i) => ({ question: 'thema', unit: String(i + 1), coder: 'bram', codes: JSON.stringify([ids[rng.below(5)]]), revision: 1, updated_at: at })),
    ];
    await store.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('field_codings').values(rows.slice(i, i + 500)).execute();
    });
    // One save through the store as the screens do, so the log and revision path is exercised.
    await saveCoding(store.db, { question: 'thema', unit: String(n), coder: 'ans', codes: ['geld'], expectedRevision: 0 });
    console.log(`setup: ${n} answers, ${rows.length + 1} codings by two coders`);
    const started = performance.now();
    const app = await createFieldServer({
      store,
      parts: fakeParts(),
      mode: 'personal',
      schedule: buildSchedule(undefined),
      secret: randomBytes(32),
      studyId: 'bench',
      log: () => undefined,
      extraRoutes: [(a) => codingRoutes(a, { questions: [question] })],
    });
    console.log(`server with the coding routes ready in ${(performance.now() - started).toFixed(0)} ms (includes the suggestion index of ${n} answers)`);
    const user = await addUser(store.db, { username: 'ans', role: 'coder', passwordHash: await hashPassword('correct horse battery', { N: 1024, r: 8, p: 1 }) });
    const sid = randomBytes(32).toString('base64url');
    const now = Date.now();
    await createSession(store.db, { idHash: createHash('sha256').update(sid).digest('hex'), userId: user.id, createdAt: new Date(now).toISOString(), seenAt: new Date(now).toISOString(), expiresAt: new Date(now + 3600_000).toISOString(), secondFactor: true });
    const screens: [string, string][] = [
      ['list, page 1', '/admin/code/thema'],
      ['list, page 200', '/admin/code/thema?page=200'],
      ['search one word', '/admin/code/thema?text=klantmanager'],
      ['search two words, rare', '/admin/code/thema?text=boete+korting+loket'],
      ['filter: not yet coded by me', '/admin/code/thema?status=todo'],
      ['filter: coders disagree', '/admin/code/thema?status=disagree'],
      ['filter: group', '/admin/code/thema?group=regio%3AZuid&text=geld'],
      ['one answer with suggestions', `/admin/code/thema/a/${Math.round(n * 0.9)}`],
    ];
    console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${cpus().length} cores)`);
    for (const [name, url] of screens) {
      const times: number[] = [];
      const cold = performance.now();
      await app.inject({ method: 'GET', url, headers: { cookie: `spiegel_admin=${sid}` } });
      const coldMs = performance.now() - cold;
      const cpu = process.cpuUsage();
      for (let i = 0; i < 100; i++) {
        const t = performance.now();
        const r = await app.inject({ method: 'GET', url, headers: { cookie: `spiegel_admin=${sid}` } });
        times.push(performance.now() - t);
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
      }
      const used = process.cpuUsage(cpu);
      times.sort((a, b) => a - b);
      console.log(
        `${name.padEnd(32)} p50 ${percentile(times, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(times, 95).toFixed(1).padStart(6)} ms   cpu ${((used.user + used.system) / 100 / 1000).toFixed(1).padStart(5)} ms/request   first ${coldMs.toFixed(0)} ms   load ${loadavg()[0].toFixed(2)}`,
      );
    }
    await app.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
