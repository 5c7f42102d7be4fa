/**
 * The SQLite writer thread (started by sqlite-writer.ts): its own connection to the store file,
 * on which it commits the batches it is sent, one at a time (group-commit.ts). The fsync of
 * each commit blocks this thread only, so the server's thread keeps reading and answering.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Kysely, SqliteDialect } from 'kysely';
import { commitBatch, failureOf } from './group-commit.js';
import type { FieldDatabase } from './schema.js';
import { openSqliteDatabase } from './sqlite-connection.js';
import { withStatementCache } from './sqlite-statements.js';
import type { ToWriter, FromWriter } from './sqlite-writer-messages.js';

const port = parentPort!;
const { file } = workerData as { file: string };
const send = (m: FromWriter): void => port.postMessage(m);

try {
  const database = await openSqliteDatabase(file, false);
  const db = new Kysely<FieldDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  // Messages are handled one after another: a batch is sent only when the previous one is done.
  port.on('message', (m: ToWriter) => {
    if (m.type === 'batch') {
      commitBatch(db, m.ops).then(
        (outcomes) => send({ type: 'done', batch: m.batch, outcomes }),
        (e: unknown) => send({ type: 'done', batch: m.batch, outcomes: m.ops.map(() => ({ ok: false, error: failureOf(e) })) }),
      );
    } else {
      void db.destroy().finally(() => {
        send({ type: 'closed' });
        port.close();
      });
    }
  });
  send({ type: 'ready' });
} catch (e) {
  send({ type: 'failed', error: failureOf(e) });
  port.close();
}
