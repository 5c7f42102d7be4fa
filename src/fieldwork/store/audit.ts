/**
 * The audit log: logins, exports and every view of contact data, by whom and when. Entries that
 * name or point to a person (`personal`) are removed by `spiegel field purge`; the others stay as
 * the record of who did what with the data.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { FieldDatabase } from './schema.js';

export interface AuditEntry {
  /** Account name, or `cli:<os user>` for a command-line run, or absent for the respondent side. */
  readonly username?: string;
  /** What happened, e.g. `login`, `login-failed`, `export`, `letters`, `mail-send`, `contacts-view`. */
  readonly action: string;
  /** Free text for the reader of the log: counts, file names; never answers. */
  readonly detail: string;
  /** The entry names or points to a sampled person (purged with the contact data). */
  readonly personal?: boolean;
}

export interface AuditRecord extends Required<Omit<AuditEntry, 'username'>> {
  readonly id: string;
  readonly at: string;
  readonly username?: string;
}

export async function recordAudit(db: Kysely<FieldDatabase> | Transaction<FieldDatabase>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('field_audit')
    .values({
      id: randomBytes(12).toString('base64url'),
      at: new Date().toISOString(),
      username: entry.username ?? null,
      action: entry.action,
      detail: entry.detail,
      personal: entry.personal === true ? 1 : 0,
    })
    .execute();
}

/** The log, newest first. */
export async function auditLog(db: Kysely<FieldDatabase>, limit = 1000): Promise<AuditRecord[]> {
  const rows = await db.selectFrom('field_audit').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, at: r.at, ...(r.username !== null ? { username: r.username } : {}), action: r.action, detail: r.detail, personal: r.personal === 1 }));
}

/** `cli:<user>` for entries written by a command-line run. */
export function cliUser(): string {
  return `cli:${process.env.USER ?? process.env.USERNAME ?? 'unknown'}`;
}
