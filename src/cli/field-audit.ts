/** `spiegel field audit STUDY.yaml [--limit N] [--database URL]`: the store's audit log, newest first. */
import { UsageError } from '../errors.js';
import { auditLog } from '../fieldwork/store/audit.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';

const help = `Usage: spiegel field audit STUDY.yaml [--limit N] [--database URL]

Prints the audit log of the study's store, newest first: logins (and failed ones), logouts,
account changes, exports, mailings and every view of contact data, with who and when. Entries
marked [personal] point to a sampled person and are removed by "spiegel field purge".

  --limit N        the latest N entries (default: all)
  --database URL   the store's PostgreSQL database (default: SQLite beside the spec)

Example:
  spiegel field audit study.yaml --limit 50
`;

export const fieldAudit: Command = {
  name: 'field audit',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values: v, positionals } = parseCommandArgs(args, { limit: { type: 'string' }, database: { type: 'string' } }, { help });
    const limit = v.limit === undefined ? Number.MAX_SAFE_INTEGER : Number(v.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a whole number of at least 1, not "${v.limit}"`);
    const study = fieldStudy(specArgument(positionals, help), undefined, v.database, false);
    const store = await openStudyStore(study);
    try {
      const log = await auditLog(store.db, limit);
      if (log.length === 0) io.out('The audit log is empty.\n');
      for (const e of log) {
        // One entry per line: line breaks in a detail would let one entry pass for two.
        const detail = e.detail.replace(/[\r\n\t]+/g, ' ');
        io.out(`${e.at}  ${(e.username ?? '-').padEnd(20)} ${e.action.padEnd(16)} ${detail}${e.personal ? '  [personal]' : ''}\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
};
