/**
 * For group-commit-sigkill.test.ts: submits pages for the responses WRITER_IDS (comma-separated)
 * of the SQLite store WRITER_FILE through the group-committing writer, every response's next
 * page as soon as the previous one is acknowledged, and prints `ACK <response id> <revision>`
 * for each acknowledgement, and `STATS <batches> <writes>` now and then.
 */
import { SqliteWriter } from '../../../src/fieldwork/store/sqlite-writer.js';

const writer = new SqliteWriter(process.env.WRITER_FILE!);
const ids = process.env.WRITER_IDS!.split(',');
const pages = 200;
let acks = 0;

await Promise.all(
  ids.map(async (id) => {
    for (let rev = 0; rev < pages; rev++) {
      const answers = Object.fromEntries(Array.from({ length: rev + 1 }, (_, k) => [`q${k + 1}`, (k % 5) + 1]));
      const r = await writer.write({ kind: 'submit', submission: { responseId: id, expectedRevision: rev, pageId: `p${rev}`, answers, skipped: [], pageIndex: rev + 1, status: 'started' }, anonymous: false, at: new Date().toISOString() });
      if (r.kind !== 'saved') throw new Error(`page ${rev} of ${id}: ${r.kind}`);
      // Written synchronously (stdout is a pipe: synchronous on Linux) before the next page.
      process.stdout.write(`ACK ${id} ${r.revision}\n`);
      if (++acks % 50 === 0) process.stdout.write(`STATS ${writer.stats.batches} ${writer.stats.writes}\n`);
    }
  }),
);
await writer.close();
process.stdout.write('DONE\n');
