/**
 * `spiegel field serve STUDY.yaml [--database URL] [--port N] [--host H] [--trust-proxy]`: the
 * web questionnaire of a study on its store. Several processes may serve one PostgreSQL store.
 */
import { retentionWarning } from '../fieldwork/purge/index.js';
import { assertFieldable } from '../fieldwork/questionnaire/fieldable.js';
import { questionnaireParts } from '../fieldwork/server/questionnaire.js';
import { serveField, type Serving } from '../fieldwork/server/serve.js';
import { openFieldStore } from '../fieldwork/store/open.js';
import { storeLocation } from '../fieldwork/store/location.js';
import type { FieldStore } from '../fieldwork/store/types.js';
import { UsageError } from '../errors.js';
import { type LoadedSpec, loadSpec } from '../spec/load.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { codingScreens } from './code-screens.js';

const help = `Usage: spiegel field serve STUDY.yaml [--database URL] [--port N] [--host H] [--trust-proxy]

Serves the study's web questionnaire from its store (made by "spiegel field init" and
"spiegel field import"). Respondents open the link from their letter (/s/<token>) or type
their code at /login; in open mode (fieldwork.mode: open) everyone uses the study's open link,
printed at start. Every answer is stored before the next page is sent. The server keeps no
state of its own: with PostgreSQL, run several behind a load balancer.

  --database URL   postgres://user:password@host/database (default: SPIEGEL_DATABASE_URL, else
                   the SQLite file beside the spec)
  --port N         port to listen on (default 8080; 0 picks a free one)
  --host H         address to listen on (default 127.0.0.1; 0.0.0.0 for all)
  --trust-proxy    behind a TLS proxy: trust its X-Forwarded-For/-Proto (Secure cookies)

The researcher's side is on the same server under /admin (log in with an account made by
"spiegel field user add"): the dashboard, the audit log and, when the spec has coded open
questions (derived variables of type "coded") and the wave's data file exists, the coding
screens at /admin/code ("spiegel code pull" writes the codings into the spec's codings files).

Logs: one JSON line per request on stderr (method, route pattern, status, time): no links,
codes or answers.

Example:
  spiegel field serve study.yaml --port 8080
`;

export interface ServeArgs {
  readonly port: number;
  readonly host: string;
}

export function listenArgs(values: { port?: string | undefined; host?: string | undefined }, fallbackPort: number): ServeArgs {
  const port = values.port === undefined ? fallbackPort : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (0–65535), not "${values.port}"\n\n${help}`);
  return { port, host: values.host ?? '127.0.0.1' };
}

/** Loads the spec and stops at anything that cannot be fielded (file, line and field named). */
export function fieldableSpec(file: string): LoadedSpec {
  const loaded = loadSpec(file);
  assertFieldable(loaded, file);
  return loaded;
}

/** Serves until SIGINT/SIGTERM, then closes the server and the store. */
export async function serveUntilStopped(serving: Serving, store: FieldStore, io: CommandIO): Promise<number> {
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  io.err('Stopping: no new requests; answers already acknowledged are stored.\n');
  await serving.close();
  await store.close();
  return 0;
}

export const fieldServe: Command = {
  name: 'field serve',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(
      args,
      { database: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'trust-proxy': { type: 'boolean' } },
      { help },
    );
    if (positionals.length !== 1) throw new UsageError(`name the study spec (STUDY.yaml)\n\n${help}`);
    const file = positionals[0]!;
    const listen = listenArgs(values, 8080);
    const loaded = fieldableSpec(file);
    const store = await openFieldStore(storeLocation(file, values.database));
    const coding = await codingScreens(loaded, io, store);
    const retention = await retentionWarning(store.db, loaded.spec.fieldwork);
    if (retention !== undefined) io.err(`${retention}\n`);
    let serving: Serving;
    try {
      serving = await serveField({
        store,
        parts: questionnaireParts(loaded.spec, (await store.meta()).wave),
        spec: loaded.spec,
        ...listen,
        trustProxy: values['trust-proxy'] === true,
        ...(coding === undefined ? {} : { extraRoutes: [coding] }),
      });
    } catch (e) {
      await store.close();
      throw e;
    }
    io.out(`Serving "${loaded.spec.study.title}" at ${serving.url}\n`);
    if (serving.links !== undefined) {
      io.out(`Open link:      ${serving.url}/o/${serving.links.live}\nOpen test link: ${serving.url}/o/${serving.links.test}  (answers kept apart)\n`);
    } else io.out(`Respondents: their link (${serving.url}/s/…) or their code at ${serving.url}/login\n`);
    io.out(`Researcher's side: ${serving.url}/admin (accounts: spiegel field user add)${coding === undefined ? '' : `; coding at ${serving.url}/admin/code`}\n`);
    io.out('Stop with Ctrl+C.\n');
    return serveUntilStopped(serving, store, io);
  },
};
