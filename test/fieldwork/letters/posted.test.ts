/**
 * `--posted DATE` and `--reminder N` on both store engines: one field_mail row per participant
 * and step (channel 'letter', state 'posted', created_at the posting date, which reminders
 * count from), the invitation time set, a second recording changing nothing; reminder letters
 * only for those who neither completed nor have an outcome.
 */
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { setOutcome } from '../../../src/fieldwork/store/contacts.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { StoreLocation } from '../../../src/fieldwork/store/types.js';
import { storeEngines } from '../store/engines.js';
import { run } from '../store/setup.js';
import { lettersStudy, storeFile } from './setup.js';

const engines = storeEngines('letters --posted');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

describe.each(engines.map((e) => [e.name, e] as const))('spiegel field letters --posted (%s)', (_name, engine) => {
  it('records each posted letter once, sets the invitation time, and sends reminders only to those still due', async () => {
    const fresh = await engine.fresh();
    const url = fresh.engine === 'postgres' ? fresh.url : undefined;
    const s = await lettersStudy('spiegel-letters-posted-', {}, undefined, url);
    const db = url === undefined ? [] : ['--database', url];
    const location: StoreLocation = url === undefined ? { engine: 'sqlite', file: storeFile(s) } : { engine: 'postgres', url };
    const withStore = async <T>(use: (store: Awaited<ReturnType<typeof openFieldStore>>) => Promise<T>): Promise<T> => {
      const store = await openFieldStore(location);
      try {
        return await use(store);
      } finally {
        await store.close();
      }
    };
    const mail = () => withStore((st) => st.db.selectFrom('field_mail').selectAll().orderBy('participant_id').orderBy('step').execute());

    const first = await run(['field', 'letters', s.spec, '--posted', '2021-06-15', ...db]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/Recorded 20 invitation letter\(s\) as posted on 2021-06-15; reminders count from that date/);
    let rows = await mail();
    expect(rows).toHaveLength(20);
    for (const r of rows) expect(r).toMatchObject({ channel: 'letter', step: 0, state: 'posted', created_at: '2021-06-15T00:00:00.000Z', recipient: null });
    const invited = await withStore((st) => st.db.selectFrom('field_participants').select(['id', 'invited_at', 'test']).execute());
    for (const p of invited) expect(p.invited_at).toBe(p.test === 1 ? null : '2021-06-15T00:00:00.000Z');

    const again = await run(['field', 'letters', s.spec, '--posted', '2021-06-16', ...db]);
    expect(again.stdout).toMatch(/The invitation letters of these 20 participant\(s\) were already recorded as posted; nothing changed/);
    expect(await mail()).toEqual(rows);

    // One completes, one opts out: the reminder goes to the 18 others.
    const [done, refused] = rows.map((r) => r.participant_id);
    await withStore(async (st) => {
      await st.db.updateTable('field_participants').set({ status: 'complete' }).where('id', '=', done!).execute();
      await setOutcome(st.db, refused!, 'refused');
    });
    const out = join(s.dir, 'herinnering.docx');
    const rem = await run(['field', 'letters', s.spec, '--reminder', '1', '--out', out, '--posted', '2021-06-29', ...db]);
    expect(rem.stderr).toBe('');
    expect(rem.stdout).toMatch(/Wrote 18 reminder 1 letter\(s\)/);
    expect(rem.stdout).toMatch(/Recorded 18 reminder 1 letter\(s\) as posted on 2021-06-29/);
    rows = await mail();
    const reminded = rows.filter((r) => r.step === 1);
    expect(reminded).toHaveLength(18);
    expect(reminded.map((r) => r.participant_id)).not.toContain(done);
    expect(reminded.map((r) => r.participant_id)).not.toContain(refused);
    for (const r of reminded) expect(r.created_at).toBe('2021-06-29T00:00:00.000Z');
    const text = (await mammoth.extractRawText({ path: out })).value;
    expect(text.split('Wij herinneren u aan ons onderzoek').length - 1).toBe(18);
    const audit = await withStore((st) => st.db.selectFrom('field_audit').select(['action', 'detail']).where('action', '=', 'letters').execute());
    expect(audit.map((a) => a.detail).sort()).toEqual([`18 letters (reminder 1) to ${out}`, '20 letters (invitation) to no file (posting recorded)', '20 letters (invitation) to no file (posting recorded)']);
  }, 120_000);
});
