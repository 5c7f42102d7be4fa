/**
 * The respondent server under load (issue 9 item 11), on SQLite and, when SPIEGEL_TEST_PG is
 * set, on PostgreSQL. The server runs in a process of its own (test/fieldwork/server/child.ts);
 * the simulated respondents run here, on the same 2-core machine, so the figures include
 * the load generator's own CPU use.
 *
 * (a) 500 respondents complete a 30-page questionnaire, each reading a page and submitting it
 *     after 2–5 s of "reading" (uniform), as people do: p50/p99 latency of page reads and of
 *     submissions (each submission is a committed transaction). Goal: p99 < 200 ms on SQLite.
 * (b) No pause: (b1) autocannon reads one question page as fast as it can (pages served/s);
 *     (b2) 64 respondents read and submit pages back to back (pages stored/s, each committed).
 *     Goal: > 1,000 pages/s.
 * SPIEGEL_BENCH_FIELD_RESPONDENTS / _PAGES shrink (a) for a quick run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { newLoginCode, newToken } from '../src/fieldwork/store/credentials.js';
import { structureHash, structureJson } from '../src/fieldwork/questionnaire/hash.js';
import { createFieldStore } from '../src/fieldwork/store/open.js';
import type { StoreLocation } from '../src/fieldwork/store/types.js';
import { createTestDatabase } from '../test/fieldwork/pg.js';
import { type Child, killHard, startChild } from '../test/fieldwork/server/child.js';
import { formOf, Respondent } from '../test/fieldwork/server/client.js';
import { longSpec } from '../test/fieldwork/server/fakes.js';

const RESPONDENTS = Number(process.env.SPIEGEL_BENCH_FIELD_RESPONDENTS ?? 500);
const PAGES = Number(process.env.SPIEGEL_BENCH_FIELD_PAGES ?? 30);

async function prepare(location: StoreLocation, n: number): Promise<string[]> {
  const store = await createFieldStore(location, { studyId: 'long', wave: 2021, structureHash: structureHash(longSpec(PAGES), 2021), structure: structureJson(longSpec(PAGES), 2021), anonymous: false });
  const tokens = Array.from({ length: n }, () => newToken());
  await store.addParticipants(tokens.map((token, i) => ({ id: `u${i}`, token, loginCode: newLoginCode(), test: false, register: {}, contact: {} })));
  await store.close();
  return tokens;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Reads and submits pages until done; `pause` between reading a page and submitting it. */
async function complete(r: Respondent, pause: () => number, reads: number[], writes: number[]): Promise<number> {
  let path = '/q';
  let pages = 0;
  for (let step = 0; step < 4 * PAGES + 10; step++) {
    const t0 = performance.now();
    const res = await r.get(path);
    if (res.location !== undefined) {
      path = res.location;
      continue;
    }
    reads.push(performance.now() - t0);
    if (path === '/q/done') return pages;
    const intro = /href="(\/q\/[^"]+)"/.exec(res.html);
    const form = formOf(res.html);
    if (form.action === undefined && intro !== null) {
      path = intro[1]!;
      continue;
    }
    const variable = Object.keys(form.fields).find((k) => !k.startsWith('_'))!;
    const ms = pause();
    if (ms > 0) await sleep(ms);
    const t1 = performance.now();
    const post = await r.post(form.action!, { ...form.fields, [variable]: String(1 + (step % 5)) });
    writes.push(performance.now() - t1);
    if (post.status !== 303) throw new Error(`submission answered ${post.status}`);
    pages++;
    path = post.location!;
  }
  throw new Error('respondent did not finish');
}

/** The machine is shared: each figure is printed with the 1-minute load average at its end. */
const load = (): string => `load ${loadavg()[0]!.toFixed(1)}`;

function line(label: string, xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${label}: n=${s.length} p50 ${quantile(s, 0.5).toFixed(1)} ms, p99 ${quantile(s, 0.99).toFixed(1)} ms, max ${s.at(-1)?.toFixed(1)} ms`;
}

async function benchEngine(name: string, location: StoreLocation): Promise<void> {
  const noPause = 64;
  const tokens = await prepare(location, RESPONDENTS + noPause + 1);
  const child: Child = await startChild(location, PAGES);
  try {
    // The reader of (b1) logs in first: its start is the server's first write, which on SQLite
    // starts the writer thread, so (a) does not time that start-up.
    const reader = new Respondent(child.url);
    await reader.get(`/s/${tokens[RESPONDENTS + noPause]}`);

    // (a) people: 2–5 s per page.
    const reads: number[] = [];
    const writes: number[] = [];
    const failures: string[] = [];
    const t0 = performance.now();
    await Promise.all(
      tokens.slice(0, RESPONDENTS).map(async (token, i) => {
        await sleep((i / RESPONDENTS) * 3000); // arrivals spread over the first 3 s
        const r = new Respondent(child.url);
        try {
          await r.get(`/s/${token}`);
          await complete(r, () => 2000 + Math.random() * 3000, reads, writes);
        } catch (e) {
          failures.push(String((e as Error).cause ?? (e as Error).message));
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    console.log(`${name} (a) ${RESPONDENTS} respondents × ${PAGES} pages, 2–5 s per page, ${secs.toFixed(0)} s; ${RESPONDENTS - failures.length} completed, ${failures.length} failed${failures.length > 0 ? ` (first: ${failures[0]})` : ''}; ${load()}`);
    console.log(`  ${line('page reads  ', reads)}`);
    console.log(`  ${line('submissions ', writes)}`);

    // (b1) autocannon: one respondent's question page, read as fast as possible.
    const cookie = [...reader.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const ac = await autocannon({ url: `${child.url}/q/v1`, connections: 32, duration: 10, headers: { cookie } });
    const ok = ac['2xx'];
    console.log(`${name} (b1) autocannon GET a question page, 32 connections, 10 s: ${Math.round(ac.requests.average)} pages/s (p50 ${ac.latency.p50} ms, p99 ${ac.latency.p99} ms; ${ok} 2xx, ${ac.non2xx} other); ${load()}`);

    // (b2) 64 respondents reading and submitting back to back.
    const r2: number[] = [];
    const w2: number[] = [];
    const t2 = performance.now();
    const stored = await Promise.all(
      tokens.slice(RESPONDENTS, RESPONDENTS + noPause).map(async (token) => {
        const r = new Respondent(child.url);
        await r.get(`/s/${token}`);
        return complete(r, () => 0, r2, w2);
      }),
    );
    const s2 = (performance.now() - t2) / 1000;
    const total = stored.reduce((a, b) => a + b, 0);
    console.log(`${name} (b2) ${noPause} respondents without pause: ${total} pages stored in ${s2.toFixed(1)} s = ${Math.round(total / s2)} pages/s (each a read + a committed submission); ${load()}`);
    console.log(`  ${line('submissions ', w2)}`);
  } finally {
    await killHard(child);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-field-'));
  try {
    await benchEngine('SQLite', { engine: 'sqlite', file: join(dir, 'long.field.sqlite') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.SPIEGEL_TEST_PG === undefined || process.env.SPIEGEL_TEST_PG === '') {
    console.log('PostgreSQL: skipped (set SPIEGEL_TEST_PG to a superuser URL)');
    return;
  }
  const db = await createTestDatabase();
  try {
    await benchEngine('PostgreSQL', { engine: 'postgres', url: db.url });
  } finally {
    await db.drop();
  }
}
