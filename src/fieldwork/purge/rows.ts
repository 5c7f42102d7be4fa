/**
 * The purge's one transaction: everything that names or reaches a sampled person goes, the
 * answers and the fieldwork record stay.
 *
 * Deleted: field_contacts (names, addresses, e-mail, the link tokens and login codes in clear),
 * the mail log's recipient and detail (an address, a bounce message naming it), audit entries
 * marked personal, every login attempt (keys hold IP addresses). Replaced: each participant's
 * token and login-code hash by a random value (the unique constraints hold, no link or code
 * works any more) and its id by a pseudonym (./pseudonyms.ts) in participants, responses and
 * the mail log. Kept: status, outcome, invitation time, register values (strata, weights) and
 * every response, so the export and the response rates are what they were.
 */
import type { Kysely, Transaction } from 'kysely';
import { recordAudit } from '../store/audit.js';
import type { FieldDatabase } from '../store/schema.js';
import { isPseudonym, pseudonymiser, randomHash } from './pseudonyms.js';

export interface PurgeCounts {
  /** Contact rows (names, addresses, e-mail, credentials in clear). */
  readonly contacts: number;
  /** Participants whose credential hashes were (or would be) replaced. */
  readonly participants: number;
  /** Participant ids replaced by a pseudonym. */
  readonly pseudonymised: number;
  /** Mail-log rows whose recipient or detail was removed. */
  readonly mailRows: number;
  readonly personalAuditEntries: number;
  readonly loginAttempts: number;
}

type Db = Kysely<FieldDatabase> | Transaction<FieldDatabase>;

const count = async (db: Db, q: (db: Db) => Promise<{ n: number | string | bigint } | undefined>): Promise<number> => Number((await q(db))?.n ?? 0);

/** What a purge would remove now (for --dry-run and the confirmation question). */
export async function purgePreview(db: Db): Promise<PurgeCounts> {
  const ids = await db.selectFrom('field_participants').select('id').execute();
  return {
    contacts: await count(db, (d) => d.selectFrom('field_contacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()),
    participants: ids.length,
    pseudonymised: ids.filter((r) => !isPseudonym(r.id)).length,
    mailRows: await count(db, (d) =>
      d
        .selectFrom('field_mail')
        .select((eb) => eb.fn.countAll().as('n'))
        .where((eb) => eb.or([eb('recipient', 'is not', null), eb('detail', 'is not', null)]))
        .executeTakeFirst(),
    ),
    personalAuditEntries: await count(db, (d) => d.selectFrom('field_audit').select((eb) => eb.fn.countAll().as('n')).where('personal', '=', 1).executeTakeFirst()),
    loginAttempts: await count(db, (d) => d.selectFrom('field_login_attempts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()),
  };
}

export const PURGED_AT_KEY = 'purged_at';

export interface PurgeRowsOptions {
  readonly at?: string;
  /** Engine-specific work inside the same transaction, after the rows are purged. */
  readonly beforeCommit?: (trx: Transaction<FieldDatabase>) => Promise<void>;
}

/** Removes the personal data in one transaction (all or nothing); records the purge in meta and audit log. */
export async function purgeRows(db: Kysely<FieldDatabase>, username: string, options: PurgeRowsOptions = {}): Promise<PurgeCounts> {
  const at = options.at ?? new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const contacts = Number((await trx.deleteFrom('field_contacts').executeTakeFirst()).numDeletedRows);
    const mailRows = Number(
      (
        await trx
          .updateTable('field_mail')
          .set({ recipient: null, detail: null })
          .where((eb) => eb.or([eb('recipient', 'is not', null), eb('detail', 'is not', null)]))
          .executeTakeFirst()
      ).numUpdatedRows,
    );
    const personalAuditEntries = Number((await trx.deleteFrom('field_audit').where('personal', '=', 1).executeTakeFirst()).numDeletedRows);
    const loginAttempts = Number((await trx.deleteFrom('field_login_attempts').executeTakeFirst()).numDeletedRows);
    const { participants, pseudonymised } = await replaceParticipants(trx);

    const counts: PurgeCounts = { contacts, participants, pseudonymised, mailRows, personalAuditEntries, loginAttempts };
    await trx
      .insertInto('field_meta')
      .values({ key: PURGED_AT_KEY, value: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: at }))
      .execute();
    await recordAudit(trx, { username, action: 'purge', detail: describeCounts(counts), personal: false });
    await options.beforeCommit?.(trx);
    return counts;
  });
}

/**
 * New credential hashes for everyone; a pseudonym for every id not yet replaced. A primary key
 * that others reference cannot be updated in place under the foreign keys of both engines, so
 * each participant is copied under its new id, its response and mail rows are moved over, and
 * the old row is deleted.
 */
async function replaceParticipants(trx: Transaction<FieldDatabase>): Promise<{ participants: number; pseudonymised: number }> {
  const rows = await trx.selectFrom('field_participants').selectAll().orderBy('id').execute();
  const pseudonym = pseudonymiser();
  let pseudonymised = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    const moving = chunk.filter((r) => !isPseudonym(r.id));
    const staying = chunk.filter((r) => isPseudonym(r.id));
    for (const r of staying) {
      await trx.updateTable('field_participants').set({ token_hash: randomHash(), code_hash: randomHash() }).where('id', '=', r.id).execute();
    }
    if (moving.length === 0) continue;
    const renamed = moving.map((r) => ({ old: r.id, row: { ...r, id: pseudonym(r.id), token_hash: randomHash(), code_hash: randomHash() } }));
    await trx.insertInto('field_participants').values(renamed.map((x) => x.row)).execute();
    for (const x of renamed) {
      await trx.updateTable('field_responses').set({ participant_id: x.row.id }).where('participant_id', '=', x.old).execute();
      await trx.updateTable('field_mail').set({ participant_id: x.row.id }).where('participant_id', '=', x.old).execute();
    }
    await trx.deleteFrom('field_participants').where('id', 'in', moving.map((r) => r.id)).execute();
    pseudonymised += moving.length;
  }
  return { participants: rows.length, pseudonymised };
}

/** One line for the audit log and the command's report: counts only, nothing personal. */
export function describeCounts(c: PurgeCounts): string {
  return (
    `contact data of ${c.contacts} participant(s), recipients of ${c.mailRows} mail-log row(s), ${c.personalAuditEntries} personal audit entr${c.personalAuditEntries === 1 ? 'y' : 'ies'}, ` +
    `${c.loginAttempts} login attempt(s); credentials of ${c.participants} participant(s) made unusable, ${c.pseudonymised} id(s) replaced by pseudonyms`
  );
}
