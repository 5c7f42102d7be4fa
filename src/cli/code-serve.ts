/**
 * `spiegel code serve STUDY.yaml`: the coding screens on their own, for a study whose answers come
 * from a file (a .sav or CSV of an earlier survey) rather than from fieldwork. It makes the study's
 * store when there is none (it keeps the accounts, the audit log and the codings) and serves the
 * researcher's side exactly as `spiegel field serve` does.
 */
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { codingWave } from '../coding/workspace/questions.js';
import { structureHash, structureJson } from '../fieldwork/questionnaire/hash.js';
import { createFieldStore, describeStoreLocation, storeLocation } from '../fieldwork/store/index.js';
import { loadSpec } from '../spec/load.js';
import { parseCommandArgs } from './args.js';
import type { CommandIO } from './command.js';
import { hasCodingWork } from './code-screens.js';
import { fieldServe } from './field-serve.js';

export const codeServeHelp = `Usage: spiegel code serve STUDY.yaml [--database URL] [--port N] [--host H] [--trust-proxy]

Serves the coding screens (/admin/code) for the coded open questions of the spec (derived
variables of type "coded") and its "Anders, namelijk" answers to move (back-codings with a moves
file), with the answers read from the data file of the study's last wave.
When the study has no store yet (it was not fielded with spiegel), one is made beside the spec (or
in --database): it keeps the coders' accounts, the audit log and the codings. Then:

  spiegel field user add STUDY.yaml --name ans --role coder     (one account per coder)
  spiegel code pull STUDY.yaml                                  (codings into the spec's files)

Options as for spiegel field serve (default port 8080).
`;

export async function codeServe(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { database: { type: 'string' }, port: { type: 'string' }, host: { type: 'string' }, 'trust-proxy': { type: 'boolean' } },
    { help: codeServeHelp },
  );
  if (positionals.length !== 1) throw new UsageError(`name the study spec (STUDY.yaml)\n\n${codeServeHelp}`);
  const specFile = positionals[0]!;
  const loaded = loadSpec(specFile);
  if (!hasCodingWork(loaded)) throw new UsageError(`${specFile} has no coded questions (derived variables of type "coded") and no back-codings with a moves file: there is nothing to code`);
  const location = storeLocation(specFile, values.database);
  if (location.engine === 'sqlite' && !existsSync(location.file)) {
    // The wave whose data file holds the answers.
    const { year: wave, file: dataFile } = codingWave(loaded);
    const store = await createFieldStore(location, {
      studyId: loaded.spec.study.id,
      wave,
      structureHash: structureHash(loaded.spec, wave),
      structure: structureJson(loaded.spec, wave),
      anonymous: loaded.spec.fieldwork?.anonymous ?? false,
    });
    await store.close();
    io.out(`Made the study's store for the coding screens: ${describeStoreLocation(location)} (answers from ${dataFile}).\n`);
  }
  return fieldServe.run(args, io);
}
