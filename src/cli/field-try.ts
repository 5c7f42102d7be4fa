/**
 * `spiegel field try STUDY.yaml [--port N]`: the questionnaire on a throw-away store with a few
 * test links, to see and fill it in locally in one command. Nothing is kept after Ctrl+C.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { structureHash, structureJson } from '../fieldwork/questionnaire/hash.js';
import { questionnaireParts } from '../fieldwork/server/questionnaire.js';
import { serveField } from '../fieldwork/server/serve.js';
import { formatLoginCode, newLoginCode, newToken } from '../fieldwork/store/credentials.js';
import { createFieldStore } from '../fieldwork/store/open.js';
import { UsageError } from '../errors.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldableSpec, listenArgs, serveUntilStopped } from './field-serve.js';

const help = `Usage: spiegel field try STUDY.yaml [--port N] [--host H] [--links N]

Serves the study's questionnaire on a temporary store with N test links (default 3), printed
with their login codes, so you can fill it in as a respondent would. Test answers are never
exported or counted; the temporary store is removed when you stop with Ctrl+C.

Example:
  spiegel field try examples/participatiewet-2021/study.yaml
`;

export const fieldTry: Command = {
  name: 'field try',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' }, links: { type: 'string' } }, { help });
    if (positionals.length !== 1) throw new UsageError(`name the study spec (STUDY.yaml)\n\n${help}`);
    const n = values.links === undefined ? 3 : Number(values.links);
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`--links must be a number from 1 to 100\n\n${help}`);
    const loaded = fieldableSpec(positionals[0]!);
    const spec = loaded.spec;
    const parts = questionnaireParts(spec);
    const wave = parts.questionnaire.wave;
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-field-try-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const store = await createFieldStore({ engine: 'sqlite', file: join(dir, 'try.field.sqlite') }, {
      studyId: spec.study.id,
      wave,
      structureHash: structureHash(spec, wave),
      structure: structureJson(spec, wave),
      anonymous: spec.fieldwork?.anonymous ?? false,
    });
    const links = Array.from({ length: n }, (_, i) => ({ id: `test-${i + 1}`, token: newToken(), loginCode: newLoginCode(), test: true, register: {}, contact: {} }));
    await store.addParticipants(links);
    const serving = await serveField({ store, parts, spec, ...listenArgs(values, 8080), log: () => undefined });
    io.out(`Trying "${spec.study.title}" (wave ${wave}) at ${serving.url} on a temporary store.\n`);
    if (serving.links !== undefined) io.out(`Open test link: ${serving.url}/o/${serving.links.test}\n`);
    else for (const l of links) io.out(`Test link: ${serving.url}/s/${l.token}   code: ${formatLoginCode(l.loginCode)} (at ${serving.url}/login)\n`);
    io.out('Stop with Ctrl+C (the temporary store is removed).\n');
    return serveUntilStopped(serving, store, io);
  },
};
