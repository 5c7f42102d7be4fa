/**
 * Nothing acknowledged is lost: simulated respondents answer a 12-page questionnaire as fast
 * as they can against a field server in its own process; the process is killed with SIGKILL
 * mid-load and started again on the same store. Every page that got its redirect (the
 * acknowledgement) must be in the store, on SQLite and on PostgreSQL; afterwards everyone
 * resumes where the store says and completes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { structureHash, structureJson } from '../../../src/fieldwork/questionnaire/hash.js';
import { createFieldStore, openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { StoreLocation } from '../../../src/fieldwork/store/types.js';
import { createTestDatabase, pgEnabled } from '../pg.js';
import { type Child, killHard, startChild } from './child.js';
import { formOf, Respondent } from './client.js';
import { longSpec } from './fakes.js';

const PAGES = 12;
const RESPONDENTS = 20;

async function prepare(location: StoreLocation): Promise<string[]> {
  const store = await createFieldStore(location, { studyId: 'long', wave: 2021, structureHash: structureHash(longSpec(PAGES), 2021), structure: structureJson(longSpec(PAGES), 2021), anonymous: false });
  const tokens = Array.from({ length: RESPONDENTS }, () => newToken());
  await store.addParticipants(tokens.map((token, i) => ({ id: `u${i}`, token, loginCode: newLoginCode(), test: false, register: {}, contact: {} })));
  await store.close();
  return tokens;
}

/** One respondent answering until done; records each acknowledged page. Throws when the server is gone. */
async function answerOn(r: Respondent, acked: Map<string, string>): Promise<'done'> {
  let path = '/q';
  for (let step = 0; step < 200; step++) {
    const res = await r.get(path);
    if (res.location !== undefined) {
      path = res.location;
      continue;
    }
    if (path === '/q/done') return 'done';
    const form = formOf(res.html);
    const intro = /href="(\/q\/[^"]+)"/.exec(res.html);
    if (form.action === undefined && intro !== null) {
      path = intro[1]!;
      continue;
    }
    if (res.status !== 200 || form.action === undefined) throw new Error(`unexpected page ${res.status} at ${path}`);
    const variable = Object.keys(form.fields).find((k) => !k.startsWith('_'))!;
    const value = String(1 + ((variable.length * 7 + step) % 5));
    const post = await r.post(form.action, { ...form.fields, [variable]: value });
    if (post.status !== 303) throw new Error(`POST ${form.action} answered ${post.status}`);
    acked.set(variable, value); // the redirect is the acknowledgement
    path = post.location!;
  }
  throw new Error('no end in sight');
}

async function run(location: StoreLocation): Promise<void> {
  const tokens = await prepare(location);
  const acked = tokens.map(() => new Map<string, string>());
  let child: Child = await startChild(location, PAGES);
  const respondents = tokens.map(() => new Respondent(child.url));
  for (const [i, r] of respondents.entries()) await r.get(`/s/${tokens[i]}`);
  let killed = false;
  const ackCount = (): number => acked.reduce((n, m) => n + m.size, 0);
  const failures: string[] = [];
  let settled = 0;
  const load = respondents.map((r, i) =>
    answerOn(r, acked[i]!)
      .catch((e: Error) => {
        if (!killed) failures.push(e.message);
        return 'interrupted' as const;
      })
      .finally(() => settled++),
  );
  while (ackCount() < 60 && settled < respondents.length) await new Promise((res) => setTimeout(res, 5));
  expect(failures).toEqual([]);
  await killHard(child);
  killed = true;
  const outcomes = await Promise.all(load);
  const before = ackCount();
  expect(outcomes.filter((o) => o === 'interrupted').length).toBeGreaterThan(0); // the kill hit mid-load

  // Every acknowledged page is in the store after the crash.
  const store = await openFieldStore(location);
  try {
    for (const [i, token] of tokens.entries()) {
      const p = await store.participantByToken(token);
      const stored = p?.responseId === undefined ? undefined : await store.response(p.responseId);
      for (const [variable, value] of acked[i]!) expect(stored?.answers[variable], `respondent ${i}, ${variable}`).toBe(Number(value));
    }
  } finally {
    await store.close();
  }

  // Restarted on the same store: the same cookies work and everyone resumes and completes.
  child = await startChild(location, PAGES);
  try {
    for (const r of respondents) r.base = child.url;
    const finish = await Promise.all(respondents.map((r, i) => answerOn(r, acked[i]!)));
    expect(finish.every((f) => f === 'done')).toBe(true);
    expect(killed && ackCount() > before).toBe(true);
  } finally {
    await killHard(child);
  }
  const after = await openFieldStore(location);
  try {
    const rows = await after.exportRows();
    expect(rows).toHaveLength(RESPONDENTS);
    expect(rows.every((r) => r.response.status === 'complete')).toBe(true);
  } finally {
    await after.close();
  }
}

describe('SIGKILL under load loses no acknowledged page', () => {
  it('on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-sigkill-'));
    try {
      await run({ engine: 'sqlite', file: join(dir, 'long.field.sqlite') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  it.skipIf(!pgEnabled('SIGKILL test'))('on PostgreSQL', async () => {
    const db = await createTestDatabase();
    try {
      await run({ engine: 'postgres', url: db.url });
    } finally {
      await db.drop();
    }
  }, 180_000);
});
