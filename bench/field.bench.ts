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
 * Beside each phase: the server's CPU time per page (process.cpuUsage in the server, all
 * threads), its event-loop delay and GC pauses, and when the slow requests of (a) happened.
 * SPIEGEL_BENCH_FIELD_RESPONDENTS / _PAGES shrink (a) for a quick run; SPIEGEL_BENCH_FIELD_PHASES
 * (e.g. `b2`) runs some phases only; SPIEGEL_BENCH_FIELD_PROF=DIR writes a --cpu-prof profile of
 * the server to DIR.
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
import { type Child, killHard, type ServerStats, serverStats, startChild, stopGently } from '../test/fieldwork/server/child.js';
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

interface Timed {
  /** ms since the start of the run at which the request was sent. */
  readonly at: number;
  readonly ms: number;
}

/** Reads and submits pages until done; `pause` between reading a page and submitting it. */
async function complete(r: Respondent, pause: () => number, reads: Timed[], writes: Timed[], origin: number): Promise<number> {
  let path = '/q';
  let pages = 0;
  for (let step = 0; step < 4 * PAGES + 10; step++) {
    const t0 = performance.now();
    const res = await r.get(path);
    if (res.location !== undefined) {
      path = res.location;
      continue;
    }
    reads.push({ at: t0 - origin, ms: performance.now() - t0 });
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
    writes.push({ at: t1 - origin, ms: performance.now() - t1 });
    if (post.status !== 303) throw new Error(`submission answered ${post.status}`);
    pages++;
    path = post.location!;
  }
  throw new Error('respondent did not finish');
}

/** The machine is shared: each figure is printed with the 1-minute load average at its end. */
const load = (): string => `load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;

function line(label: string, xs: readonly Timed[]): string {
  const s = xs.map((x) => x.ms).sort((a, b) => a - b);
  return `${label}: n=${s.length} p50 ${quantile(s, 0.5).toFixed(1)} ms, p99 ${quantile(s, 0.99).toFixed(1)} ms, max ${s.at(-1)?.toFixed(1)} ms`;
}

/** Where the slow requests (> 200 ms) of (a) fall in time: per 10 s window, count and worst. */
function tailByWindow(xs: readonly Timed[]): string {
  const windows = new Map<number, { n: number; slow: number; worst: number }>();
  for (const x of xs) {
    const w = Math.floor(x.at / 10_000);
    const cur = windows.get(w) ?? { n: 0, slow: 0, worst: 0 };
    cur.n++;
    if (x.ms > 200) cur.slow++;
    cur.worst = Math.max(cur.worst, x.ms);
    windows.set(w, cur);
  }
  const parts = [...windows]
    .sort((a, b) => a[0] - b[0])
    .filter(([, v]) => v.slow > 0)
    .map(([w, v]) => `${w * 10}–${w * 10 + 10} s: ${v.slow}/${v.n} (worst ${Math.round(v.worst)} ms)`);
  return parts.length === 0 ? 'none' : parts.join('; ');
}

/** CPU of the server process (and of this load generator) over one phase, per page. */
async function cpuLine(child: Child, before: ServerStats, benchBefore: NodeJS.CpuUsage, pages: number, what: string): Promise<ServerStats> {
  const after = await serverStats(child);
  const bench = process.cpuUsage(benchBefore);
  const server = after.cpuMs - before.cpuMs;
  console.log(
    `  server CPU ${Math.round(server)} ms = ${(server / pages).toFixed(2)} ms per ${what}; load generator ${Math.round((bench.user + bench.system) / 1000)} ms; ` +
      `server event-loop delay p99 ${after.loopDelay.p99} ms, max ${after.loopDelay.max} ms; GC ${after.gc.count}× ${after.gc.ms} ms (longest ${after.gc.maxMs} ms)`,
  );
  return after;
}

const PHASES = new Set((process.env.SPIEGEL_BENCH_FIELD_PHASES ?? 'a,b1,b2').split(','));
/** A folder: the server runs with --cpu-prof and writes its profile there when stopped. */
const PROFILE_DIR = process.env.SPIEGEL_BENCH_FIELD_PROF;

async function benchEngine(name: string, location: StoreLocation): Promise<void> {
  const noPause = 64;
  const tokens = await prepare(location, RESPONDENTS + noPause + 1);
  const child: Child = await startChild(location, PAGES, PROFILE_DIR === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR]);
  try {
    // The reader of (b1) logs in first: its start is the server's first write, which on SQLite
    // starts the writer thread, so (a) does not time that start-up.
    const reader = new Respondent(child.url);
    await reader.get(`/s/${tokens[RESPONDENTS + noPause]}`);
    let stats = await serverStats(child);

    if (PHASES.has('a')) {
      // (a) people: 2–5 s per page.
      const reads: Timed[] = [];
      const writes: Timed[] = [];
      const failures: string[] = [];
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      await Promise.all(
        tokens.slice(0, RESPONDENTS).map(async (token, i) => {
          await sleep((i / RESPONDENTS) * 3000); // arrivals spread over the first 3 s
          const r = new Respondent(child.url);
          try {
            await r.get(`/s/${token}`);
            await complete(r, () => 2000 + Math.random() * 3000, reads, writes, t0);
          } catch (e) {
            failures.push(String((e as Error).cause ?? (e as Error).message));
          }
        }),
      );
      const secs = (performance.now() - t0) / 1000;
      console.log(`${name} (a) ${RESPONDENTS} respondents × ${PAGES} pages, 2–5 s per page, ${secs.toFixed(0)} s; ${RESPONDENTS - failures.length} completed, ${failures.length} failed${failures.length > 0 ? ` (first: ${failures[0]})` : ''}; ${load()}`);
      console.log(`  ${line('page reads  ', reads)}`);
      console.log(`  ${line('submissions ', writes)}`);
      console.log(`  requests over 200 ms by time: ${tailByWindow([...reads, ...writes])}`);
      stats = await cpuLine(child, stats, cpu0, writes.length, 'stored page (its read, submission and redirect)');
    }

    if (PHASES.has('b1')) {
      // (b1) autocannon: one respondent's question page, read as fast as possible.
      const cookie = [...reader.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const cpu0 = process.cpuUsage();
      const ac = await autocannon({ url: `${child.url}/q/v1`, connections: 32, duration: 10, headers: { cookie } });
      const ok = ac['2xx'];
      console.log(`${name} (b1) autocannon GET a question page, 32 connections, 10 s: ${Math.round(ac.requests.average)} pages/s (p50 ${ac.latency.p50} ms, p99 ${ac.latency.p99} ms; ${ok} 2xx, ${ac.non2xx} other); ${load()}`);
      stats = await cpuLine(child, stats, cpu0, ok + ac.non2xx, 'page read');
    }

    if (PHASES.has('b2')) {
      // (b2) 64 respondents reading and submitting back to back.
      const r2: Timed[] = [];
      const w2: Timed[] = [];
      const t2 = performance.now();
      const cpu0 = process.cpuUsage();
      const stored = await Promise.all(
        tokens.slice(RESPONDENTS, RESPONDENTS + noPause).map(async (token) => {
          const r = new Respondent(child.url);
          await r.get(`/s/${token}`);
          return complete(r, () => 0, r2, w2, t2);
        }),
      );
      const s2 = (performance.now() - t2) / 1000;
      const total = stored.reduce((a, b) => a + b, 0);
      console.log(`${name} (b2) ${noPause} respondents without pause: ${total} pages stored in ${s2.toFixed(1)} s = ${Math.round(total / s2)} pages/s (each a read + a committed submission); ${load()}`);
      console.log(`  ${line('submissions ', w2)}`);
      stats = await cpuLine(child, stats, cpu0, total, 'stored page (its read, submission and redirect)');
    }
  } finally {
    await (PROFILE_DIR === undefined ? killHard(child) : stopGently(child));
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
