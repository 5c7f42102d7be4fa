import { afterEach, describe, expect, it } from 'vitest';
import { openLinks } from '../../../src/fieldwork/server/links.js';
import { checkCharacter, formatLoginCode } from '../../../src/fieldwork/store/credentials.js';
import { buildSchedule } from '../../../src/fieldwork/server/schedule.js';
import { FakeStore, fakeParts } from './fakes.js';
import { formOf, Respondent } from './client.js';
import { type Running, startFake } from './harness.js';

let running: Running[] = [];
afterEach(async () => {
  await Promise.all(running.map((r) => r.close()));
  running = [];
});

async function start(...a: Parameters<typeof startFake>): Promise<Running> {
  const r = await startFake(...a);
  running.push(r);
  return r;
}

const CODE = `ACDEFHJK${checkCharacter('ACDEFHJK')}`;

function storeWithOne(now?: () => number): FakeStore {
  const s = new FakeStore(now);
  s.addParticipant('p1', 'tok-secret-0123456789abcdef', CODE);
  return s;
}

/** Opens a page and submits it with the given fields (hidden fields taken from the page). */
async function answer(r: Respondent, path: string, fields: Record<string, string>) {
  const page = await r.get(path);
  expect(page.status, `GET ${path}`).toBe(200);
  const form = formOf(page.html);
  return r.post(form.action!, { ...form.fields, ...fields });
}

describe('personal link and session', () => {
  it('moves the token into a signed HttpOnly SameSite=Lax cookie and out of the URL', async () => {
    const srv = await start({}, storeWithOne());
    const r = new Respondent(srv.base);
    const first = await r.get('/s/tok-secret-0123456789abcdef');
    expect(first.status).toBe(303);
    expect(first.location).toBe('/q');
    const setCookie = first.headers.getSetCookie().find((c) => c.startsWith('spiegel_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    expect(setCookie).not.toContain('tok-secret');
    const intro = await r.get('/q');
    expect(intro.html).toContain('<h1 id="kind">intro</h1>');
    expect(intro.headers.get('cache-control')).toBe('no-store');
  });

  it('sets Secure cookies behind a trusted TLS proxy, not for an untrusted header', async () => {
    const trusted = await start({ trustProxy: true }, storeWithOne());
    const res = await fetch(`${trusted.base}/s/tok-secret-0123456789abcdef`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('spiegel_session='))).toMatch(/Secure/);
    const untrusted = await start({}, storeWithOne());
    const res2 = await fetch(`${untrusted.base}/s/tok-secret-0123456789abcdef`, { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });
    expect(res2.headers.getSetCookie().find((c) => c.startsWith('spiegel_session='))).not.toMatch(/Secure/);
  });

  it('answers a wrong token, a forged cookie and no session with the friendly invalid page', async () => {
    const srv = await start({}, storeWithOne());
    const r = new Respondent(srv.base);
    const wrong = await r.get('/s/not-a-token');
    expect(wrong.status).toBe(404);
    expect(wrong.html).toContain('<h1 id="kind">invalid</h1>');
    expect(wrong.html).toContain('Gebruik de link of de code uit uw brief');
    expect((await r.get('/q')).status).toBe(401);
    r.cookies.set('spiegel_session', 'eyJyIjoiYSIsImkiOjF9.forgedsignature');
    const forged = await r.get('/q');
    expect(forged.status).toBe(401);
    expect(forged.html).toContain('invalid');
  });

  it('ends a session after sessionHours', async () => {
    let now = Date.UTC(2021, 5, 20, 10);
    const srv = await start({ now: () => now, sessionHours: 2 }, storeWithOne(() => now));
    const r = new Respondent(srv.base);
    await r.get('/s/tok-secret-0123456789abcdef');
    expect((await r.get('/q')).status).toBe(200);
    now += 3 * 3600_000;
    expect((await r.get('/q')).status).toBe(401);
  });
});

describe('answering, routing, resume', () => {
  it('walks the routing with POST-redirect-GET and completes', async () => {
    const srv = await start({}, storeWithOne());
    const r = new Respondent(srv.base);
    await r.get('/s/tok-secret-0123456789abcdef');
    const intro = formOf((await r.get('/q')).html);
    expect(intro.fields).toEqual({});
    const p1 = await answer(r, '/q/werk', { werk: '2' });
    expect(p1.status).toBe(303);
    expect(p1.location).toBe('/q/zoek'); // uren is routed away (werk == 1 only)
    const p2 = await answer(r, '/q/zoek', { zoek: '1' });
    expect(p2.location).toBe('/q/opm');
    const lastForm = formOf((await r.get('/q/opm')).html).fields;
    const p3 = await answer(r, '/q/opm', { opm: '' });
    expect(p3.location).toBe('/q/done');
    expect((await r.get('/q/done')).html).toContain('thanks');
    const state = [...srv.store.responses.values()][0]!;
    expect(state.status).toBe('complete');
    expect(state.answers).toEqual({ werk: 2, zoek: 1 });
    expect(state.skipped).toEqual(['opm']);
    // After completion, nothing more is stored, whatever is posted.
    const after = await r.post('/q/werk', { ...lastForm, werk: '1', _revision: String(state.revision) });
    expect(after.html).toContain('thanks');
    expect([...srv.store.responses.values()][0]!.answers).toEqual({ werk: 2, zoek: 1 });
  });

  it('resumes at the first unanswered page with the same link on another device; back keeps answers', async () => {
    const srv = await start({}, storeWithOne());
    const phone = new Respondent(srv.base);
    await phone.get('/s/tok-secret-0123456789abcdef');
    await answer(phone, '/q/werk', { werk: '1' });
    await answer(phone, '/q/uren', { uren: '32' });
    const laptop = new Respondent(srv.base);
    const at = await laptop.open('/s/tok-secret-0123456789abcdef');
    expect(at.path).toBe('/q/opm');
    expect(at.html).toContain('2/3');
    expect(at.html).toContain('href="/q/uren"');
    const back = await laptop.get('/q/uren');
    expect(formOf(back.html).fields.uren).toBe('32');
  });

  it('changes nothing on an identical resubmission (double click), even from the older revision', async () => {
    const srv = await start({}, storeWithOne());
    const r = new Respondent(srv.base);
    await r.get('/s/tok-secret-0123456789abcdef');
    const form = formOf((await r.get('/q/werk')).html);
    const one = await r.post('/q/werk', { ...form.fields, werk: '1' });
    const rev = [...srv.store.responses.values()][0]!.revision;
    const submits = srv.store.submits;
    const two = await r.post('/q/werk', { ...form.fields, werk: '1' });
    expect(two.status).toBe(303);
    expect(two.location).toBe(one.location);
    expect(srv.store.submits).toBe(submits);
    expect([...srv.store.responses.values()][0]!.revision).toBe(rev);
  });

  it('shows the "changed elsewhere" page for a stale tab and keeps what was stored', async () => {
    const srv = await start({}, storeWithOne());
    const tabA = new Respondent(srv.base);
    await tabA.get('/s/tok-secret-0123456789abcdef');
    const tabB = new Respondent(srv.base);
    for (const [k, v] of tabA.cookies) tabB.cookies.set(k, v);
    const formA = formOf((await tabA.get('/q/werk')).html);
    await answer(tabB, '/q/werk', { werk: '1' });
    const stale = await tabA.post('/q/werk', { ...formA.fields, werk: '2' });
    expect(stale.status).toBe(409);
    expect(stale.html).toContain('stale');
    expect([...srv.store.responses.values()][0]!.answers).toEqual({ werk: 1 });
  });

  it('removes answers the routing no longer asks when an earlier answer changes', async () => {
    const srv = await start({}, storeWithOne());
    const r = new Respondent(srv.base);
    await r.get('/s/tok-secret-0123456789abcdef');
    await answer(r, '/q/werk', { werk: '1' });
    await answer(r, '/q/uren', { uren: '20' });
    const edit = await answer(r, '/q/werk', { werk: '2' });
    expect(edit.location).toBe('/q/zoek');
    expect([...srv.store.responses.values()][0]!.answers).toEqual({ werk: 2 });
    expect((await r.get('/q/uren')).status).toBe(404); // no longer asked
  });

  it('shows validation errors on the page and stores nothing', async () => {
    const srv = await start({}, storeWithOne());
    const r = new Respondent(srv.base);
    await r.get('/s/tok-secret-0123456789abcdef');
    const bad = await answer(r, '/q/werk', { werk: '7' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('data-variable="werk"');
    expect(formOf(bad.html).fields.werk).toBe('7');
    expect(srv.store.submits).toBe(0);
  });
});

describe('hostile requests change nothing', () => {
  async function started(): Promise<{ srv: Running; r: Respondent; fields: Record<string, string> }> {
    const srv = await start({ bodyLimit: 4096 }, storeWithOne());
    const r = new Respondent(srv.base);
    await r.get('/s/tok-secret-0123456789abcdef');
    return { srv, r, fields: formOf((await r.get('/q/werk')).html).fields };
  }

  it('refuses a form without or with a forged CSRF token', async () => {
    const { srv, r, fields } = await started();
    const none = await r.post('/q/werk', { _revision: fields._revision!, werk: '1' });
    expect(none.status).toBe(403);
    expect(none.html).toContain('Dit formulier kunnen wij niet verwerken');
    const forged = await r.post('/q/werk', { ...fields, _csrf: 'x'.repeat(40), werk: '1' });
    expect(forged.status).toBe(403);
    const stranger = new Respondent(srv.base);
    const crossSite = await stranger.post('/q/werk', { ...fields, werk: '1' });
    expect(crossSite.status).toBe(403);
    expect(srv.store.submits).toBe(0);
  });

  it('refuses a page out of order, an unknown page, an oversized body and a JSON body', async () => {
    const { srv, r, fields } = await started();
    expect((await r.post('/q/opm', { ...fields, opm: 'x' })).status).toBe(400);
    expect((await r.post('/q/nope', { ...fields })).status).toBe(400);
    expect((await r.get('/q/opm')).status).toBe(404);
    const big = await r.post('/q/werk', { ...fields, werk: '1', opm: 'x'.repeat(10_000) });
    expect(big.status).toBe(413);
    expect(big.html).toContain('Uw antwoord is te lang');
    const json = await r.send('/q/werk', { method: 'POST', body: JSON.stringify({ ...fields, werk: 1 }), headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(415);
    expect(json.html).toContain('<h1 id="kind">invalid</h1>');
    expect(srv.store.submits).toBe(0);
  });

  it('shows the error page without a stack trace when the store fails, and logs no answers', async () => {
    const store = storeWithOne();
    store.submitPage = async () => {
      throw new Error('disk on fire at /var/lib/secret: werk=1');
    };
    const srv = await start({}, store);
    const r = new Respondent(srv.base);
    await r.get('/s/tok-secret-0123456789abcdef');
    const fail = await answer(r, '/q/werk', { werk: '1' });
    expect(fail.status).toBe(500);
    expect(fail.html).toContain('<h1 id="kind">error</h1>');
    expect(fail.html).not.toMatch(/disk on fire|at .*\.ts|Error/);
    expect(srv.errors.join('\n')).not.toContain('werk=1');
    expect(srv.errors.join('\n')).toContain('field server error: Error');
    const logged = JSON.stringify(srv.logs);
    expect(logged).not.toContain('tok-secret');
    expect(logged).toContain('"route":"/s/:token"');
    expect(logged).toContain('"route":"/q/:page"');
  });

  it('falls back to a plain sentence when even the error page cannot be rendered', async () => {
    const store = storeWithOne();
    store.participantByToken = async () => {
      throw new Error('connection refused 10.0.0.5');
    };
    const parts = fakeParts();
    const srv = await start({ parts: { ...parts, renderSystemPage: (c) => (c.kind === 'error' ? (() => { throw new Error('template'); })() : parts.renderSystemPage(c)) } }, store);
    const res = await new Respondent(srv.base).get('/s/anything');
    expect(res.status).toBe(500);
    expect(res.html).toBe('Er ging iets mis. Probeer het later opnieuw. / Something went wrong. Please try again later.');
  });

  it('sends a CSP without unsafe-inline and serves the stylesheet from a fixed path', async () => {
    const srv = await start({}, storeWithOne());
    const res = await fetch(`${srv.base}/login`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const css = await fetch(`${srv.base}/static/fake.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(css.headers.get('cache-control')).toContain('immutable');
  });
});

describe('login code', () => {
  it('logs in with the code, refuses an unknown one, and limits attempts per code and per IP', async () => {
    const srv = await start({ limits: { loginPerCode: 2, loginPerIp: 5 } }, storeWithOne());
    const r = new Respondent(srv.base);
    const login = async (code: string) => {
      const form = formOf((await r.get('/login')).html);
      return r.post('/login', { ...form.fields, code });
    };
    const wrong = await login('ZZZZ9999');
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('Deze code kennen wij niet');
    expect(formOf(wrong.html).fields.code).toBe('ZZZZ9999');
    const ok = await login(formatLoginCode(CODE).toLowerCase());
    expect(ok.status).toBe(303);
    expect((await r.open('/q')).html).toContain('intro');
    expect((await login('ZZZZ9999')).status).toBe(400);
    const limited = await login('ZZZZ9999'); // third try of this code
    expect(limited.status).toBe(429);
    expect(limited.html).toContain('te vaak geprobeerd');
    // Per IP: the fifth attempt passes, the sixth is refused even with the right code.
    expect((await login(CODE)).status).toBe(303);
    const blocked = await login(CODE);
    expect(blocked.status).toBe(429);
    expect(srv.store.attempts.get('login-ip:127.0.0.1')!.length).toBe(6);
  });

  it('shares the attempt count between two instances on one store', async () => {
    const store = storeWithOne();
    const a = await start({ limits: { loginPerCode: 2 } }, store);
    const b = await start({ limits: { loginPerCode: 2 }, secret: a.secret }, store);
    for (const srv of [a, b, a]) {
      const r = new Respondent(srv.base);
      const form = formOf((await r.get('/login')).html);
      const res = await r.post('/login', { ...form.fields, code: 'QQQQ7777' });
      if (srv === a && store.attempts.get('login-code:QQQQ7777')!.length === 3) expect(res.status).toBe(429);
      else expect(res.status).toBe(400);
    }
  });
});

describe('open link', () => {
  it('starts one fresh response per visit, keeps test visits apart, refuses other links', async () => {
    const srv = await start({ mode: 'open' });
    const links = openLinks(srv.secret, 'fake', 2021);
    const one = new Respondent(srv.base);
    expect((await one.get(`/o/${links.live}`)).location).toBe('/q');
    await answer(one, '/q/werk', { werk: '1' });
    await one.get(`/o/${links.live}`);
    const tester = new Respondent(srv.base);
    await tester.get(`/o/${links.test}`);
    const all = [...srv.store.responses.values()];
    expect(all).toHaveLength(3);
    expect(all.map((x) => x.test)).toEqual([false, false, true]);
    expect((await one.get('/o/guessed-link')).status).toBe(404);
    expect((await one.get('/s/tok')).status).toBe(404); // no personal links in open mode
  });

  it('limits new responses per IP', async () => {
    const srv = await start({ mode: 'open', limits: { openPerIp: 2 } });
    const links = openLinks(srv.secret, 'fake', 2021);
    const r = new Respondent(srv.base);
    expect((await r.get(`/o/${links.live}`)).status).toBe(303);
    expect((await r.get(`/o/${links.live}`)).status).toBe(303);
    expect((await r.get(`/o/${links.live}`)).status).toBe(429);
    expect(srv.store.responses.size).toBe(2);
  });
});

describe('open and close moments', () => {
  const fieldwork = { opens: '2021-06-15T09:00', closes: '2021-08-15', timezone: 'Europe/Amsterdam', graceHours: 48 };

  it('is closed before opening, admits those who started during the grace period, then closes for all', async () => {
    let now = Date.UTC(2021, 5, 15, 6, 59); // 08:59 in Amsterdam (UTC+2)
    const store = storeWithOne(() => now);
    store.addParticipant('p2', 'tok-two-0123456789abcdef', 'EFGH2345');
    store.addParticipant('t1', 'tok-test-0123456789abcdef', 'TEST2345', true);
    const srv = await start({ now: () => now, schedule: buildSchedule(fieldwork), sessionHours: 72 }, store);
    const r = new Respondent(srv.base);
    expect((await r.get('/s/tok-secret-0123456789abcdef')).html).toContain('closed');
    expect((await new Respondent(srv.base).get('/s/tok-test-0123456789abcdef')).status).toBe(303); // test links work any time
    now = Date.UTC(2021, 5, 15, 7, 0);
    await r.get('/s/tok-secret-0123456789abcdef');
    await answer(r, '/q/werk', { werk: '1' });
    now = Date.UTC(2021, 7, 15, 23, 0); // 2021-08-16 01:00 local: closed, in grace
    const late = new Respondent(srv.base);
    expect((await late.get('/s/tok-two-0123456789abcdef')).html).toContain('closed');
    expect((await r.get('/s/tok-secret-0123456789abcdef')).status).toBe(303); // the session expired; the link still works
    expect((await answer(r, '/q/uren', { uren: '8' })).status).toBe(303);
    now = Date.UTC(2021, 7, 17, 21, 0); // 2021-08-17 23:00 local: still in grace, same session
    expect((await r.get('/q/opm')).status).toBe(200);
    now = Date.UTC(2021, 7, 17, 22, 0); // 2021-08-18 00:00 local: grace over
    expect((await r.get('/q/opm')).html).toContain('closed');
    expect((await r.get('/s/tok-secret-0123456789abcdef')).html).toContain('closed');
  });
});

describe('server start', () => {
  it('emits no deprecation warning (Fastify FSTDEP023 came at every start)', async () => {
    const warnings: string[] = [];
    const listen = (w: Error & { code?: string }): void => void warnings.push(`${w.code ?? w.name}: ${w.message}`);
    process.on('warning', listen);
    try {
      await start({}, storeWithOne());
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', listen);
    }
    expect(warnings.filter((w) => /FSTDEP|deprecat/i.test(w))).toEqual([]);
  });
});
