/**
 * Scale out: two server instances, each with its own connection pool to one PostgreSQL store
 * and no state of their own, serve one respondent whose requests alternate between them (a
 * load balancer without sticky sessions). The session cookie and the CSRF secret made by one
 * instance work on the other, and the login-attempt limit is shared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveField, type Serving } from '../../../src/fieldwork/server/serve.js';
import { checkCharacter } from '../../../src/fieldwork/store/credentials.js';
import { createFieldStore, openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldStore } from '../../../src/fieldwork/store/types.js';
import { parseSpec } from '../../../src/spec/load.js';
import { createTestDatabase, pgEnabled } from '../pg.js';
import { formOf, Respondent } from './client.js';
import { fakeParts, longSpecYaml } from './fakes.js';

const enabled = pgEnabled('scale-out test');

describe.skipIf(!enabled)('two instances on one PostgreSQL store', () => {
  let db: { url: string; drop: () => Promise<void> };
  const stores: FieldStore[] = [];
  const servers: Serving[] = [];
  const code = `ACDEFHJK${checkCharacter('ACDEFHJK')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    const location = { engine: 'postgres', url: db.url } as const;
    const setup = await createFieldStore(location, { studyId: 'long', wave: 2021, structureHash: 'fake-hash', structure: '{}', anonymous: false });
    await setup.addParticipants([{ id: 'u1', token: 'token-of-u1-abcdefghijklmnop', loginCode: code, test: false, register: {}, contact: {} }]);
    await setup.close();
    const spec = parseSpec(longSpecYaml(6), 'long.yaml').spec;
    for (let i = 0; i < 2; i++) {
      const store = await openFieldStore(location);
      stores.push(store);
      servers.push(await serveField({ store, parts: fakeParts(spec), spec, port: 0, host: '127.0.0.1', log: () => undefined }));
    }
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const s of stores) await s.close();
    await db?.drop();
  });

  it('serves one respondent whose pages alternate between the instances', async () => {
    const r = new Respondent(servers[0]!.url);
    let turn = 0;
    const on = (): Respondent => {
      r.base = servers[turn++ % 2]!.url;
      return r;
    };
    expect((await on().get('/s/token-of-u1-abcdefghijklmnop')).location).toBe('/q');
    let path = '/q';
    const seen: string[] = [];
    for (let step = 0; step < 40; step++) {
      const res = await on().get(path);
      if (res.location !== undefined) {
        path = res.location;
        continue;
      }
      if (res.html.includes('<h1 id="kind">thanks</h1>')) break;
      const intro = /id="action" href="([^"]+)"/.exec(res.html);
      if (intro !== null) {
        path = intro[1]!;
        continue;
      }
      expect(res.status).toBe(200);
      const form = formOf(res.html);
      const variable = Object.keys(form.fields).find((k) => !k.startsWith('_'))!;
      seen.push(variable);
      const post = await on().post(form.action!, { ...form.fields, [variable]: '2' }); // the other instance
      expect(post.status).toBe(303);
      path = post.location!;
    }
    expect(seen).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    const p = await stores[0]!.participantByToken('token-of-u1-abcdefghijklmnop');
    const stored = await stores[1]!.response(p!.responseId!);
    expect(stored!.status).toBe('complete');
    expect(stored!.answers).toEqual({ v1: 2, v2: 2, v3: 2, v4: 2, v5: 2, v6: 2 });
  });

  it('shares the login-attempt limit between the instances', async () => {
    const counts: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = new Respondent(servers[i % 2]!.url);
      const form = formOf((await r.get('/login')).html);
      counts.push((await r.post('/login', { ...form.fields, code: 'XXX-XXX-XXX' })).status);
    }
    // The default limit is 10 attempts per code in 15 minutes, counted over both instances.
    expect(counts.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(counts.slice(10)).toEqual([429, 429]);
  });
});
