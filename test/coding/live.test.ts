/**
 * Coding during fieldwork (src/coding/workspace/live.ts): with the coded question keyed by the
 * export's respondent_key, the coding screens read the answers from the store as they come in; a
 * break-off that completes later renumbers the export's `id` but the coding made before stays
 * with its answer, and the export written afterwards carries the same key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codingRoutes } from '../../src/coding/server/routes.js';
import { codingWorkFromStore, liveCodingWork } from '../../src/coding/workspace/live.js';
import { exportDataset } from '../../src/fieldwork/export/dataset.js';
import { respondentKeyer } from '../../src/fieldwork/export/respondent-key.js';
import { codingsOf } from '../../src/fieldwork/store/index.js';
import type { Answers } from '../../src/fieldwork/types.js';
import { loadSpec } from '../../src/spec/load.js';
import { type AdminServer, adminCookie, adminServer } from '../fieldwork/admin/login.js';

const loaded = loadSpec('test/fixtures/coding/live/study.yaml');
let s: AdminServer;
let ans: string;
const clock = { ms: 1_000_000 };

async function respond(answers: Answers, status: 'complete' | 'started'): Promise<string> {
  const r = await s.store.startResponse({ structureHash: 'fake-hash' });
  if (Object.keys(answers).length > 0) await s.store.submitPage({ responseId: r.id, expectedRevision: 0, pageId: 'p1', answers, skipped: [], pageIndex: 1, status });
  return r.id;
}

beforeAll(async () => {
  s = await adminServer({ location: { engine: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'spiegel-live-')), 'study.field.sqlite') } });
});
afterAll(async () => s?.close());

describe('coding during fieldwork', () => {
  it('reads the answers live from the store, keyed by respondent_key, so codings survive renumbering', async () => {
    await respond({ suggestie: 'Meer geld graag' }, 'complete');
    const late = await respond({}, 'started'); // a break-off: left out of the export for now
    await respond({ suggestie: 'Een vaste klantmanager' }, 'complete');
    const live = liveCodingWork(loaded, s.store, { minIntervalMs: 30_000, now: () => clock.ms });
    const first = (await live())!;
    expect(first.questions[0].answers.map((a) => a.text)).toEqual(['Meer geld graag', 'Een vaste klantmanager']);
    const key = respondentKeyer(await s.store.secret('cookie'));
    const klant = first.questions[0].answers[1];
    expect(klant.unit).toMatch(/^[a-km-np-z2-9]{16}$/);

    // The screens: a coder codes the klantmanager answer (unit = its key).
    // (the screens run on a server of their own: codings in its store, answers from s.store through `live`)
    const screens = await adminServer({ server: { extraRoutes: [(a) => codingRoutes(a, { questions: first.questions, moves: first.moves, live })] } });
    try {
      ans = (await adminCookie(screens.db, 'coder', { username: 'ans', now: screens.clock.ms })).cookie;
      const page = await screens.app.inject({ method: 'GET', url: `/admin/code/thema/a/${klant.unit}`, headers: { cookie: ans } });
      expect(page.statusCode).toBe(200);
      const csrf = String(page.headers['set-cookie']).match(/spiegel_csrf=[^;]+/)![0];
      const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
      const saved = await screens.app.inject({
        method: 'POST',
        url: `/admin/code/thema/a/${klant.unit}`,
        headers: { cookie: `${ans}; ${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: token, code: 'contact.vast', revision: '0', then: 'stay' }).toString(),
      });
      expect(saved.statusCode).toBe(303);

      // The break-off completes: within the refresh interval the list stays as it was ...
      await s.store.submitPage({ responseId: late, expectedRevision: 0, pageId: 'p1', answers: { suggestie: 'Minder regels' }, skipped: [], pageIndex: 1, status: 'complete' });
      const list = async () => (await screens.app.inject({ method: 'GET', url: '/admin/code/thema', headers: { cookie: ans } })).body;
      expect(await list()).toContain('2 answers');
      // ... and after it the new answer is there, and the coding is still with its answer.
      clock.ms += 30_000;
      const after = await list();
      expect(after).toContain('3 answers');
      expect(after).toMatch(new RegExp(`${klant.unit}</a></td><td class="answer">Een vaste klantmanager</td>\\s*<td>Vaste contactpersoon</td>`));

      // The export written now: the klantmanager answer moved from id 2 to id 3, its key did not.
      const data = exportDataset(loaded.spec, await s.store.exportRows(), { wave: 2021, partialThreshold: 0.5, registerColumns: [], respondentKey: key }).data;
      const row = data.strings('suggestie').indexOf('Een vaste klantmanager');
      expect(data.numbers('id')[row]).toBe(3);
      expect(data.strings('respondent_key')[row]).toBe(klant.unit);
      expect((await codingsOf(screens.db, 'thema')).map((c) => [c.unit, c.codes])).toEqual([[klant.unit, ['contact.vast']]]);
      expect((await codingWorkFromStore(loaded, s.store)).questions[0].answers.length).toBe(3);
    } finally {
      await screens.close();
    }
  });
});
