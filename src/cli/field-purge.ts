/**
 * `spiegel field purge STUDY.yaml [--yes] [--dry-run] [--force]`: removes the contact data of a
 * wave after fieldwork and keeps the answers (src/fieldwork/purge).
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { InvalidInputError, UsageError } from '../errors.js';
import { describeCounts, fieldworkEnd, purgePreview, purgeStore, type Compaction, type PurgeCounts } from '../fieldwork/purge/index.js';
import { cliUser, describeStoreLocation } from '../fieldwork/store/index.js';
import { writtenFiles, type WrittenFile } from '../fieldwork/store/written-files.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';

const help = `Usage: spiegel field purge STUDY.yaml [--dry-run] [--yes] [--force] [--database URL]

Removes the contact data of the wave's sampled people from the store once fieldwork is over,
and keeps the answers: names, addresses, e-mail addresses, links and login codes, the mail log's
recipients, the audit log's personal entries and the login attempts are deleted; participant
ids (which may be personal numbers) are replaced by pseudonyms nobody can recompute. Kept: each
participant's status and outcome, the register values and every response, so "spiegel field
export" and the response rates give what they gave before. The database is then compacted so
the old values are not left in free space (SQLite: secure_delete, VACUUM, WAL truncated;
PostgreSQL: VACUUM FULL). Files with personal data the commands wrote (letters, the imported
sample) are listed for you to delete. See docs/fieldwork-privacy.md for what may remain elsewhere.

  --dry-run          say what would be removed and change nothing
  --yes              do not ask for confirmation (needed when not run in a terminal)
  --force            purge although fieldwork is not over (fieldwork.closes + graceHours)
  --wave YEAR        the wave (default: fieldwork.wave of the spec)
  --database URL     the store's PostgreSQL database (default: SQLite beside the spec)

Example:
  spiegel field purge study.yaml --dry-run
  spiegel field purge study.yaml --yes
`;

export const fieldPurge: Command = {
  name: 'field purge',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values: v, positionals } = parseCommandArgs(
      args,
      { 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, force: { type: 'boolean' }, wave: { type: 'string' }, database: { type: 'string' } },
      { help },
    );
    const specFile = specArgument(positionals, help);
    const study = fieldStudy(specFile, v.wave, v.database, false);
    const end = fieldworkEnd(study.fieldwork, Date.now());
    const store = await openStudyStore(study, { structure: false });
    let preview: PurgeCounts;
    let files: WrittenFile[];
    try {
      preview = await purgePreview(store.db);
      files = await writtenFiles(store.db);
    } catch (e) {
      await store.close();
      throw e;
    }
    const where = describeStoreLocation(study.location);
    io.out(`The purge of ${where} removes: ${describeCounts(preview)}.\nIt keeps the answers, statuses, outcomes and register values.\n`);

    if (v['dry-run'] === true) {
      await store.close();
      if (!end.over) io.out(`Note: ${end.reason}; the purge would be refused without --force.\n`);
      io.out('Dry run: nothing was changed.\n');
      io.out(listFiles(files));
      return 0;
    }
    if (!end.over && v.force !== true) {
      await store.close();
      throw new InvalidInputError(`${end.reason}. Purge once it is over, or with --force if the contact data must go now (respondents still answering could then no longer log in).`, study.loaded.locate(['fieldwork', 'closes']));
    }
    if (v.yes !== true && !(await confirmed(io))) {
      await store.close();
      io.err('Not purged: nothing was changed.\n');
      return 1;
    }

    const outcome = await purgeStore(store, study.location, cliUser());
    io.out(`Purged: ${describeCounts(outcome.counts)}.\n${describeCompaction(outcome.compaction)}`);
    io.out(listFiles(files));
    if (outcome.compaction.engine === 'sqlite' && outcome.compaction.walBusy) {
      io.err(
        `The write-ahead log ${study.location.engine === 'sqlite' ? `${study.location.file}-wal ` : ''}could not be truncated: another process (a running "spiegel field serve"?) has the store open. ` +
          'It may still hold old values: stop that process and run "spiegel field purge" again.\n',
      );
      return 1;
    }
    if (outcome.compaction.engine === 'postgres' && outcome.compaction.blockedBy.length > 0) {
      io.err(
        `Transactions older than the purge were still open after waiting a minute, so VACUUM FULL had to keep old row versions for them: ${outcome.compaction.blockedBy.join('; ')}. ` +
          'Once they have ended, run "spiegel field purge" again to remove those versions.\n',
      );
      return 1;
    }
    return 0;
  },
};


async function confirmed(io: CommandIO): Promise<boolean> {
  if (!io.interactive || !process.stdin.isTTY) {
    throw new UsageError('the purge removes contact data for good: confirm with --yes (or run it in a terminal to be asked)');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question('This cannot be undone. Type "purge" to go on: ');
    return answer.trim().toLowerCase() === 'purge';
  } finally {
    rl.close();
  }
}

function describeCompaction(c: Compaction): string {
  if (c.engine === 'sqlite') {
    return `SQLite: deleted values overwritten (secure_delete), the file rebuilt (VACUUM, ${c.freePages} free page(s) left)${c.walBusy ? '' : ' and the write-ahead log truncated'}.\n`;
  }
  return (
    `PostgreSQL: ${c.tables.join(', ')} rewritten (VACUUM FULL, ANALYZE)` +
    `${c.statistics ? '; old planner statistics removed (pg_statistic rewritten)' : '; pg_statistic NOT rewritten (needs a superuser): ask the database administrator to run VACUUM FULL pg_catalog.pg_statistic'}` +
    `${c.checkpoint ? '; CHECKPOINT done' : ''}.\n` +
    'The write-ahead log segments, WAL archives, replicas and backups made before now may still hold the old values (docs/fieldwork-privacy.md).\n'
  );
}

function listFiles(files: readonly WrittenFile[]): string {
  if (files.length === 0) return 'No files with personal data were recorded as written by spiegel for this store.\n';
  const lines = files.map((f) => `  ${f.path}  (${f.kind}, ${f.at.slice(0, 10)})${existsSync(f.path) ? '' : '  [no longer there]'}`);
  return `Files with personal data that spiegel wrote or read for this wave; delete them (and their copies) yourself:\n${lines.join('\n')}\n`;
}
