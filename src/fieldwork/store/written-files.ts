/**
 * Files a command wrote or read that hold personal data (letters PDF/DOCX/CSV, the imported
 * sample): recorded in the store so `spiegel field purge` can list them for the user to remove.
 * The store cannot delete them itself: they may have been copied, moved or be on another machine.
 *
 * Kept in field_meta (no schema change): key `written-file:` + a hash of the absolute path,
 * value JSON { path, kind, at }. Writing the same path again updates its kind and time.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Kysely, Transaction } from 'kysely';
import type { FieldDatabase } from './schema.js';

/** What the file holds; free text for the list, e.g. `letters-pdf`, `letters-csv`, `sample`. */
export type WrittenFileKind = string;

export interface WrittenFile {
  /** Absolute path as seen by the command that wrote it. */
  readonly path: string;
  readonly kind: WrittenFileKind;
  /** ISO 8601 time of the last write. */
  readonly at: string;
}

const PREFIX = 'written-file:';

/** field_meta keys are at most 64 characters: the prefix plus 40 hex characters of SHA-256. */
function keyOf(path: string): string {
  return PREFIX + createHash('sha256').update(path, 'utf8').digest('hex').slice(0, 40);
}

/**
 * Records that a command wrote (or imported) `path` holding personal data of kind `kind`.
 * Call it in the command's own transaction when it has one, so the record and the write agree.
 */
export async function recordWrittenFile(
  db: Kysely<FieldDatabase> | Transaction<FieldDatabase>,
  path: string,
  kind: WrittenFileKind,
  at: string = new Date().toISOString(),
): Promise<void> {
  const absolute = resolve(path);
  const key = keyOf(absolute);
  const value = JSON.stringify({ path: absolute, kind, at });
  await db
    .insertInto('field_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** Every recorded file, oldest write first. */
export async function writtenFiles(db: Kysely<FieldDatabase> | Transaction<FieldDatabase>): Promise<WrittenFile[]> {
  const rows = await db.selectFrom('field_meta').select('value').where('key', 'like', `${PREFIX}%`).execute();
  const files: WrittenFile[] = [];
  for (const r of rows) {
    try {
      const v = JSON.parse(r.value) as Partial<WrittenFile>;
      if (typeof v.path === 'string' && typeof v.kind === 'string' && typeof v.at === 'string') files.push({ path: v.path, kind: v.kind, at: v.at });
    } catch {
      // A damaged entry is skipped: the list is advice for the user, not a record the store relies on.
    }
  }
  return files.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.path < b.path ? -1 : 1));
}
