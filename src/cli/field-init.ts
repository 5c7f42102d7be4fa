/** `spiegel field init STUDY.yaml --wave YEAR [--database URL]`: creates the response store of a wave. */
import { structureHash, structureJson } from '../fieldwork/questionnaire/hash.js';
import { createFieldStore, describeStoreLocation } from '../fieldwork/store/index.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, specArgument } from './field-common.js';

const help = `Usage: spiegel field init STUDY.yaml --wave YEAR [--database URL]

Creates the store that keeps the wave's participants and answers: a SQLite file beside the spec
(STUDY.field.sqlite), or the PostgreSQL database of --database URL (or SPIEGEL_DATABASE_URL),
which must be empty. The store records the questionnaire's structure: later, a spec whose
questions, codes or routing changed is refused (wording may change). It also makes the secrets
that sign session cookies and protect login codes.

  --wave YEAR        the wave to field (default: fieldwork.wave of the spec)
  --database URL     postgres://user:password@host/database (default: SQLite beside the spec)

Example:
  spiegel field init study.yaml --wave 2021
`;

export const fieldInit: Command = {
  name: 'field init',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { wave: { type: 'string' }, database: { type: 'string' } }, { help });
    const study = fieldStudy(specArgument(positionals, help), values.wave, values.database, true);
    const spec = study.loaded.spec;
    const store = await createFieldStore(study.location, {
      studyId: spec.study.id,
      wave: study.wave,
      structureHash: structureHash(spec, study.wave),
      structure: structureJson(spec, study.wave),
      anonymous: study.fieldwork?.anonymous ?? false,
    });
    await store.close();
    const where = describeStoreLocation(study.location);
    io.out(
      `Created the field store of study "${spec.study.id}", wave ${study.wave}: ${where}` +
        `${study.location.engine === 'sqlite' ? ' (SQLite; keep this file private: it will hold answers)' : ' (PostgreSQL)'}\n` +
        `${study.fieldwork?.anonymous === true ? 'Anonymous study: completed responses keep no link to their participant.\n' : ''}` +
        `Next: spiegel field import ${study.loaded.file} --sample SAMPLE.csv --letters LETTERS.csv\n`,
    );
    return 0;
  },
};
