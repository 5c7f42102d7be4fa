/**
 * Routing on a register variable (an age class from the sample) in personal mode: the value
 * imported with each sampled person decides which pages the real server shows and which
 * answers it keeps, on both store engines.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { checkFieldable } from '../../../src/fieldwork/questionnaire/index.js';
import { structureHash, structureJson } from '../../../src/fieldwork/questionnaire/hash.js';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { serveField } from '../../../src/fieldwork/server/serve.js';
import { createFieldStore, openFieldStore } from '../../../src/fieldwork/store/open.js';
import { parseSpec } from '../../../src/spec/load.js';
import { storeEngines } from '../store/engines.js';
import { formOf, Respondent } from './client.js';

const spec = parseSpec(
  `
study: { id: reg, title: Onderzoeksverslag registerroutering, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2021, data: reg-2021.csv }
scales:
  janee: [{ code: 1, label: Ja }, { code: 2, label: Nee }]
background:
  - { id: lftklasse, label: Leeftijdsklasse, categories: [{ code: 1, label: 18-26 jaar }, { code: 2, label: 27 jaar en ouder }] }
questions:
  - { id: werk, wording: Heeft u werk?, type: single, categories: janee }
  - { id: school, wording: Gaat u naar school?, type: single, categories: janee, askedIf: lftklasse == 1 }
  - { id: eind, wording: Wilt u nog eens meedoen?, type: single, categories: janee }
tables:
  - { id: t1, number: 1, kind: frequency, title: Werk, questions: werk }
fieldwork:
  registerColumns: [lftklasse]
`,
  'reg.yaml',
).spec;

/** Follows the questionnaire to the end, answering 1 everywhere; the page ids it was shown. */
async function walk(r: Respondent): Promise<string[]> {
  const shown: string[] = [];
  let path = '/q';
  for (let step = 0; step < 20; step++) {
    const res = await r.get(path);
    if (res.location !== undefined) {
      path = res.location;
      continue;
    }
    if (path === '/q/done') return shown;
    const form = formOf(res.html);
    const intro = /href="(\/q\/[^"]+)"/.exec(res.html);
    if (form.action === undefined && intro !== null) {
      path = intro[1]!;
      continue;
    }
    shown.push(path.slice('/q/'.length));
    const variable = Object.keys(form.fields).find((k) => !k.startsWith('_'))!;
    const post = await r.post(form.action!, { ...form.fields, [variable]: '1' });
    expect(post.status).toBe(303);
    path = post.location!;
  }
  throw new Error('did not reach the end');
}

const engines = storeEngines('register routing test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

describe.each(engines)('routing on a register variable ($name)', (engine) => {
  it('asks the question for the age class it routes on only, and keeps no answer to it for the others', async () => {
    expect(checkFieldable(spec)).toEqual([]);
    const location = await engine.fresh();
    const setup = await createFieldStore(location, { studyId: 'reg', wave: 2021, structureHash: structureHash(spec, 2021), structure: structureJson(spec, 2021), anonymous: false });
    await setup.addParticipants([
      { id: 'young', token: 'token-young-abcdefghijklmnopqrstu', loginCode: 'ACDEFHJKL', test: false, register: { lftklasse: '1' }, contact: {} },
      { id: 'older', token: 'token-older-abcdefghijklmnopqrstu', loginCode: 'ACDEFHJKM', test: false, register: { lftklasse: '2' }, contact: {} },
      { id: 'unknown', token: 'token-unknown-abcdefghijklmnopqr', loginCode: 'ACDEFHJKN', test: false, register: { lftklasse: '' }, contact: {} },
    ]);
    await setup.close();
    const store = await openFieldStore(location);
    const serving = await serveField({ store, parts: questionnaireParts(spec), spec, port: 0, host: '127.0.0.1', log: () => undefined });
    try {
      const young = new Respondent(serving.url);
      await young.get('/s/token-young-abcdefghijklmnopqrstu');
      expect(await walk(young)).toEqual(['werk', 'school', 'eind']);

      const older = new Respondent(serving.url);
      await older.get('/s/token-older-abcdefghijklmnopqrstu');
      const first = await older.open('/q');
      expect(first.html).not.toContain('Gaat u naar school?');
      // The page routed away is out of order for them, also when typed in by hand.
      expect((await older.get('/q/school')).status).toBe(404);
      expect(await walk(older)).toEqual(['werk', 'eind']);

      // A missing register value: the comparison is false, as in `spiegel report`.
      const unknown = new Respondent(serving.url);
      await unknown.get('/s/token-unknown-abcdefghijklmnopqr');
      expect(await walk(unknown)).toEqual(['werk', 'eind']);

      const answers = new Map((await store.exportRows()).map((row) => [row.response.participantId, row.response.answers]));
      expect(answers.get('young')).toEqual({ werk: 1, school: 1, eind: 1 });
      expect(answers.get('older')).toEqual({ werk: 1, eind: 1 });
      expect(answers.get('unknown')).toEqual({ werk: 1, eind: 1 });
    } finally {
      await serving.close();
      await store.close();
    }
  }, 60_000);
});
