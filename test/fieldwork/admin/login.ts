/**
 * For tests of admin screens: a field server on a real store (SQLite in a temporary folder, or
 * a given location) with the fake questionnaire and a settable clock, and accounts logged in
 * without the login form (`adminCookie`), so a screen's test needs no password round trip.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../../src/fieldwork/admin/password.js';
import type { Role } from '../../../src/fieldwork/admin/roles.js';
import { createFieldServer, type FieldServerOptions } from '../../../src/fieldwork/server/app.js';
import { buildSchedule } from '../../../src/fieldwork/server/schedule.js';
import { addUser, createSession, type StoredUser } from '../../../src/fieldwork/store/accounts.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldDatabase } from '../../../src/fieldwork/store/schema.js';
import type { FieldStore, StoreLocation } from '../../../src/fieldwork/store/types.js';
import { fakeParts } from '../server/fakes.js';

export interface AdminServer {
  readonly app: FastifyInstance;
  readonly store: FieldStore;
  readonly db: Kysely<FieldDatabase>;
  /** The server's clock; move it with `clock.ms += …`. */
  readonly clock: { ms: number };
  close(): Promise<void>;
}

/** A server (not listening: use `app.inject`) over a fresh store with the fake questionnaire. */
export async function adminServer(options: { location?: StoreLocation; server?: Partial<FieldServerOptions> } = {}): Promise<AdminServer> {
  const dir = options.location === undefined ? mkdtempSync(join(tmpdir(), 'spiegel-admin-')) : undefined;
  const location = options.location ?? { engine: 'sqlite' as const, file: join(dir!, 'admin.field.sqlite') };
  const store = await createFieldStore(location, { studyId: 'fake', wave: 2021, structureHash: 'fake-hash', structure: '{}', anonymous: false });
  const clock = { ms: Date.now() };
  const app = await createFieldServer({
    store,
    parts: fakeParts(),
    mode: 'personal',
    schedule: buildSchedule(undefined),
    secret: randomBytes(32),
    studyId: 'fake',
    log: () => undefined,
    logError: (t) => process.stderr.write(`${t}\n`),
    now: () => clock.ms,
    ...options.server,
  });
  return {
    app,
    store,
    db: store.db,
    clock,
    async close() {
      await app.close();
      await store.close();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Fast scrypt parameters for accounts made only to be logged in by `adminCookie`. */
const cheap = { N: 2 ** 10, r: 8, p: 1 };

/**
 * An account of this role (made unless `user` is given) and a complete session for it that
 * starts at `now`; returns the Cookie header value to send with `app.inject`.
 */
export async function adminCookie(
  db: Kysely<FieldDatabase>,
  role: Role,
  options: { username?: string; user?: StoredUser; now?: number } = {},
): Promise<{ cookie: string; user: StoredUser }> {
  const user = options.user ?? (await addUser(db, { username: options.username ?? `${role}-${randomBytes(3).toString('hex')}`, role, passwordHash: await hashPassword(randomBytes(12).toString('base64url'), cheap) }));
  const id = randomBytes(32).toString('base64url');
  const now = options.now ?? Date.now();
  await createSession(db, {
    idHash: createHash('sha256').update(id).digest('hex'),
    userId: user.id,
    createdAt: new Date(now).toISOString(),
    seenAt: new Date(now).toISOString(),
    expiresAt: new Date(now + 12 * 3600_000).toISOString(),
    secondFactor: true,
  });
  return { cookie: `spiegel_admin=${id}`, user };
}

export interface InjectResult {
  readonly status: number;
  readonly location?: string;
  readonly body: string;
  readonly headers: Record<string, unknown>;
}

/** A browser over `app.inject`: a cookie jar (cleared cookies removed), GET and form POST. */
export class AdminBrowser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  get(url: string): Promise<InjectResult> {
    return this.send('GET', url);
  }

  post(url: string, fields: Record<string, string>): Promise<InjectResult> {
    return this.send('POST', url, new URLSearchParams(fields).toString());
  }

  /** The CSRF token of the first form on a page. */
  static csrf(body: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m === null) throw new Error('no CSRF field on the page');
    return m[1];
  }

  /** Logs in through the forms (password, then the code when `code` gives one). */
  async login(username: string, password: string, code?: () => string): Promise<InjectResult> {
    const page = await this.get('/admin/login');
    let r = await this.post('/admin/login', { _csrf: AdminBrowser.csrf(page.body), username, password });
    if (r.location?.startsWith('/admin/login/code') === true && code !== undefined) {
      const form = await this.get(r.location);
      r = await this.post('/admin/login/code', { _csrf: AdminBrowser.csrf(form.body), code: code() });
    }
    return r;
  }

  private async send(method: 'GET' | 'POST', url: string, payload?: string): Promise<InjectResult> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      headers: { ...(cookie === '' ? {} : { cookie }), ...(payload === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
      ...(payload === undefined ? {} : { payload }),
    });
    const set = res.headers['set-cookie'];
    for (const c of set === undefined ? [] : Array.isArray(set) ? set : [set]) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const cleared = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (cleared) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    const location = res.headers.location;
    return { status: res.statusCode, body: res.body, headers: res.headers, ...(typeof location === 'string' ? { location } : {}) };
  }
}
