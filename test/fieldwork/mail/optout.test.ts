/**
 * The opt-out link `/u/<token>` on the respondent server over a real store on both engines: the
 * page with its CSRF form, the opt-out recorded as outcome 'refused', the RFC 8058 one-click POST
 * without cookies, CSRF still required for every other body, a completed questionnaire kept
 * complete; and screenshots at 390 and 1280 px (SPIEGEL_SCREENS, default /work/notes/screens).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { optOut } from '../../../src/fieldwork/mail/opt-out.js';
import { structureHash, structureJson } from '../../../src/fieldwork/questionnaire/hash.js';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { serveField, type Serving } from '../../../src/fieldwork/server/serve.js';
import { auditLog, mailingList } from '../../../src/fieldwork/store/index.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldStore } from '../../../src/fieldwork/store/types.js';
import { chromiumArgs, chromiumPath } from '../../../src/report/pdf.js';
import { loadSpec } from '../../../src/spec/load.js';
import { chromiumAvailable } from '../../report/helpers.js';
import { formOf, Respondent } from '../server/client.js';
import { storeEngines, type Engine } from '../store/engines.js';
import { person } from './setup.js';

const engines = storeEngines('mail opt-out test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const spec = loadSpec('test/fixtures/fieldwork/study.yaml').spec;

async function served(engine: Engine): Promise<{ store: FieldStore; serving: Serving; tokens: Record<string, string>; close: () => Promise<void> }> {
  const store = await createFieldStore(await engine.fresh(), { studyId: spec.study.id, wave: 2021, structureHash: structureHash(spec, 2021), structure: structureJson(spec, 2021), anonymous: false });
  const people = ['a', 'b', 'c', 'd', 'e'].map((id) => person(id, `${id}@example.org`));
  await store.addParticipants(people);
  const serving = await serveField({ store, parts: questionnaireParts(spec, 2021), spec, port: 0, host: '127.0.0.1', log: () => undefined });
  return {
    store,
    serving,
    tokens: Object.fromEntries(people.map((p) => [p.id, p.token])),
    close: async () => {
      await serving.close();
      await store.close();
    },
  };
}

async function outcomes(store: FieldStore): Promise<Record<string, string | undefined>> {
  return Object.fromEntries((await mailingList(store.db)).map((e) => [e.participantId, e.outcome]));
}

describe.each(engines)('the opt-out link on $name', (engine) => {
  it('asks, then records the opt-out from its form; refuses a post without the form\'s token', async () => {
    const s = await served(engine);
    try {
      const r = new Respondent(s.serving.url);
      const page = await r.get(`/u/${s.tokens.a}`);
      expect(page.status).toBe(200);
      expect(page.html).toContain('<h1>Wilt u geen berichten meer ontvangen?</h1>');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      const form = formOf(page.html);
      expect(form.action).toBe(`/u/${s.tokens.a}`);
      expect(form.fields._csrf).toBeTruthy();

      const forged = await new Respondent(s.serving.url).post(`/u/${s.tokens.b}`, {});
      expect(forged.status).toBe(403);
      const forgedExtra = await new Respondent(s.serving.url).post(`/u/${s.tokens.b}`, { 'List-Unsubscribe': 'One-Click', x: '1' });
      expect(forgedExtra.status).toBe(403);
      expect((await outcomes(s.store)).b).toBeUndefined();

      const done = await r.post(form.action!, form.fields);
      expect(done.status).toBe(200);
      expect(done.html).toContain('<h1>U bent afgemeld</h1>');
      expect(await outcomes(s.store)).toEqual({ a: 'refused', b: undefined, c: undefined, d: undefined, e: undefined });
      const audit = (await auditLog(s.store.db)).find((x) => x.action === 'opt-out');
      expect(audit).toMatchObject({ personal: true });
      expect(audit?.detail).toContain('participant a');
    } finally {
      await s.close();
    }
  });

  it('takes the RFC 8058 one-click POST without cookies, keeps a completed questionnaire, and knows no other token', async () => {
    const s = await served(engine);
    try {
      const res = await fetch(new URL(`/u/${s.tokens.c}`, s.serving.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(200);
      expect((await outcomes(s.store)).c).toBe('refused');

      await s.store.db.updateTable('field_participants').set({ status: 'complete' }).where('id', '=', 'd').execute();
      const r = new Respondent(s.serving.url);
      const page = await r.get(`/u/${s.tokens.d}`);
      expect(page.html).toContain('U heeft de vragenlijst al ingevuld.');
      expect(formOf(page.html).action).toBeUndefined();
      const oneClick = await fetch(new URL(`/u/${s.tokens.d}`, s.serving.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(await oneClick.text()).toContain('U heeft de vragenlijst al ingevuld.');
      expect((await outcomes(s.store)).d).toBeUndefined();

      expect((await r.get('/u/not-a-token-of-this-study')).status).toBe(404);
    } finally {
      await s.close();
    }
  });

  it('keeps the first outcome and its date', async () => {
    const s = await served(engine);
    try {
      expect(await optOut(s.store.db, 'e', '2021-06-20T10:00:00.000Z')).toBe('refused');
      expect(await optOut(s.store.db, 'e', '2021-06-25T10:00:00.000Z')).toBe('refused');
      const row = await s.store.db.selectFrom('field_participants').select(['outcome', 'outcome_at']).where('id', '=', 'e').executeTakeFirstOrThrow();
      expect(row).toEqual({ outcome: 'refused', outcome_at: '2021-06-20T10:00:00.000Z' });
    } finally {
      await s.close();
    }
  });
});

const hasChromium = await chromiumAvailable(chromiumPath());
const screens = process.env.SPIEGEL_SCREENS ?? '/work/notes/screens';

describe.skipIf(!hasChromium && process.env.SPIEGEL_REQUIRE_CHROMIUM !== '1')('the opt-out page in a browser', () => {
  it('renders at 390 and 1280 px, and the button records the opt-out', async () => {
    const s = await served(engines[0]);
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    mkdirSync(screens, { recursive: true });
    try {
      for (const width of [390, 1280]) {
        const page = await browser.newPage({ viewport: { width, height: 800 } });
        const problems: string[] = [];
        // Blocked styles or scripts (CSP) and missing assets; the browser's own favicon request aside.
        page.on('console', (m) => {
          if (!m.text().startsWith('Failed to load resource')) problems.push(m.text());
        });
        page.on('response', (res) => {
          if (res.status() >= 400 && !res.url().endsWith('/favicon.ico')) problems.push(`${res.status()} ${res.url()}`);
        });
        await page.goto(`${s.serving.url}/u/${width === 390 ? s.tokens.a : s.tokens.b}`);
        await page.screenshot({ path: join(screens, `optout-ask-${width}.png`), fullPage: true });
        await page.getByRole('button', { name: 'Ik wil geen berichten meer' }).click();
        await page.waitForSelector('h1:has-text("U bent afgemeld")');
        await page.screenshot({ path: join(screens, `optout-done-${width}.png`), fullPage: true });
        expect(problems).toEqual([]);
        await page.close();
      }
      expect(await outcomes(s.store)).toMatchObject({ a: 'refused', b: 'refused' });
    } finally {
      await browser.close();
      await s.close();
    }
  }, 60_000);
});
