/**
 * Researcher accounts and their sessions (field_users, field_sessions). The store keeps what it
 * is given: password hashes are made and checked in src/fieldwork/admin/password.ts, roles are
 * checked in src/fieldwork/admin/roles.ts, and a session is stored only as the SHA-256 of its id.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { FieldStoreError } from './errors.js';
import type { FieldDatabase } from './schema.js';

export interface StoredUser {
  readonly id: string;
  readonly username: string;
  readonly role: string;
  /** `scrypt$N$r$p$salt$hash` (src/fieldwork/admin/password.ts). */
  readonly passwordHash: string;
  /** Base32 TOTP secret, when the account has a second factor. */
  readonly totpSecret?: string;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface NewUser {
  readonly username: string;
  readonly role: string;
  readonly passwordHash: string;
  readonly totpSecret?: string;
}

type UserRow = FieldDatabase['field_users'];

function userOf(r: UserRow): StoredUser {
  return {
    id: r.id,
    username: r.username,
    role: r.role,
    passwordHash: r.password_hash,
    ...(r.totp_secret !== null ? { totpSecret: r.totp_secret } : {}),
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  };
}

/** Adds an account; refuses a name already taken (also by a disabled account). */
export async function addUser(db: Kysely<FieldDatabase>, user: NewUser, at: string = new Date().toISOString()): Promise<StoredUser> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('field_users').select('id').where('username', '=', user.username).executeTakeFirst();
    if (taken !== undefined) throw new FieldStoreError(`an account named "${user.username}" already exists in this store`);
    const row: UserRow = {
      id: randomBytes(12).toString('base64url'),
      username: user.username,
      role: user.role,
      password_hash: user.passwordHash,
      totp_secret: user.totpSecret ?? null,
      disabled: 0,
      created_at: at,
    };
    await trx.insertInto('field_users').values(row).execute();
    return userOf(row);
  });
}

export async function userByName(db: Kysely<FieldDatabase>, username: string): Promise<StoredUser | undefined> {
  const r = await db.selectFrom('field_users').selectAll().where('username', '=', username).executeTakeFirst();
  return r === undefined ? undefined : userOf(r);
}

export async function userById(db: Kysely<FieldDatabase>, id: string): Promise<StoredUser | undefined> {
  const r = await db.selectFrom('field_users').selectAll().where('id', '=', id).executeTakeFirst();
  return r === undefined ? undefined : userOf(r);
}

/** Every account, by name. */
export async function listUsers(db: Kysely<FieldDatabase>): Promise<StoredUser[]> {
  const rows = await db.selectFrom('field_users').selectAll().orderBy('username').execute();
  return rows.map(userOf);
}

async function updateUser(db: Kysely<FieldDatabase>, username: string, set: Partial<UserRow>): Promise<StoredUser> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('field_users').selectAll().where('username', '=', username).executeTakeFirst();
    if (row === undefined) throw new FieldStoreError(`no account named "${username}" in this store`);
    await trx.updateTable('field_users').set(set).where('id', '=', row.id).execute();
    // A changed password or a disabled account ends every session of that account.
    await trx.deleteFrom('field_sessions').where('user_id', '=', row.id).execute();
    return userOf({ ...row, ...set });
  });
}

/** Disables an account and ends its sessions (the account stays, so the audit log keeps its name). */
export async function disableUser(db: Kysely<FieldDatabase>, username: string): Promise<StoredUser> {
  return updateUser(db, username, { disabled: 1 });
}

/** Sets a new password hash and ends the account's sessions. */
export async function setPasswordHash(db: Kysely<FieldDatabase>, username: string, passwordHash: string): Promise<StoredUser> {
  return updateUser(db, username, { password_hash: passwordHash });
}

export interface StoredSession {
  /** SHA-256 (hex) of the session id in the cookie; the id itself is never stored. */
  readonly idHash: string;
  readonly userId: string;
  readonly createdAt: string;
  readonly seenAt: string;
  readonly expiresAt: string;
  /** The password was given and, when the account has TOTP, the code too. */
  readonly secondFactor: boolean;
}

export async function createSession(db: Kysely<FieldDatabase>, s: StoredSession): Promise<void> {
  await db
    .insertInto('field_sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, created_at: s.createdAt, seen_at: s.seenAt, expires_at: s.expiresAt, second_factor: s.secondFactor ? 1 : 0 })
    .execute();
}

/** A session with its account, if both exist. */
export async function sessionByHash(db: Kysely<FieldDatabase>, idHash: string): Promise<{ session: StoredSession; user: StoredUser } | undefined> {
  const r = await db
    .selectFrom('field_sessions as s')
    .innerJoin('field_users as u', 'u.id', 's.user_id')
    .select(['s.id_hash', 's.user_id', 's.created_at as s_created', 's.seen_at', 's.expires_at', 's.second_factor'])
    .select(['u.id', 'u.username', 'u.role', 'u.password_hash', 'u.totp_secret', 'u.disabled', 'u.created_at'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (r === undefined) return undefined;
  return {
    session: { idHash: r.id_hash, userId: r.user_id, createdAt: r.s_created, seenAt: r.seen_at, expiresAt: r.expires_at, secondFactor: r.second_factor === 1 },
    user: userOf(r),
  };
}

export async function touchSession(db: Kysely<FieldDatabase>, idHash: string, seenAt: string): Promise<void> {
  await db.updateTable('field_sessions').set({ seen_at: seenAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<FieldDatabase>, idHash: string): Promise<void> {
  await db.deleteFrom('field_sessions').where('id_hash', '=', idHash).execute();
}

/** Removes sessions past their absolute end (kept small; expired ones are refused anyway). */
export async function deleteExpiredSessions(db: Kysely<FieldDatabase>, now: string): Promise<void> {
  await db.deleteFrom('field_sessions').where('expires_at', '<', now).execute();
}

/**
 * Attempts recorded under a key within the window, without recording one (to refuse before
 * checking a password; failures are recorded with the store's countLoginAttempt, same clock).
 */
export async function recentAttempts(db: Kysely<FieldDatabase>, key: string, windowSeconds: number): Promise<number> {
  const row = await db
    .selectFrom('field_login_attempts')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('key', '=', key)
    .where('at', '>', Date.now() - windowSeconds * 1000)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
