/**
 * `spiegel field export STUDY.yaml --wave YEAR --out FILE.sav|FILE.csv`: the wave's responses as
 * the analysis file `spiegel report` reads as the wave's data.
 */
import { dirname, resolve } from 'node:path';
import { writeDataset } from '../data/io.js';
import { UsageError } from '../errors.js';
import { prepareOutputs } from '../files/index.js';
import { respondentKeyer } from '../fieldwork/export/respondent-key.js';
import { exportDataset } from '../fieldwork/export/dataset.js';
import { cliUser, recordAudit } from '../fieldwork/store/audit.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';
import { dataOutputs } from './outputs.js';

const help = `Usage: spiegel field export STUDY.yaml --wave YEAR [--out FILE.sav|FILE.csv] [--database URL]

Writes the wave's responses as its analysis file: one row per respondent, value labels from the
spec, the register columns of the sample (fieldwork.registerColumns), a disposition column
(AAPOR 1.1 complete, 1.2 partial) and never contact data, participant ids or test responses.
A question the routing did not ask is system-missing (empty); a question asked but not answered
and one a partial response did not reach get two declared user-missing codes (-1 and -2, unless
those are answer codes). Break-offs are exported as partial responses when they answered at
least fieldwork.partialThreshold of the pages they were routed to. A .csv gets its codebook
beside it (FILE.codebook.yaml). "spiegel report" reads the file as the wave's data.

  --wave YEAR        the wave (default: fieldwork.wave of the spec)
  --out FILE         .sav or .csv (default: the wave's "data" file in the spec)
  --database URL     the store's PostgreSQL database (default: SQLite beside the spec)

Example:
  spiegel field export study.yaml --wave 2021 --out data/respondenten-2021.sav
`;

export const fieldExport: Command = {
  name: 'field export',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values: v, positionals } = parseCommandArgs(args, { wave: { type: 'string' }, out: { type: 'string' }, database: { type: 'string' } }, { help });
    const specFile = specArgument(positionals, help);
    const study = fieldStudy(specFile, v.wave, v.database, true);
    const waveSpec = study.loaded.spec.waves.find((w) => w.year === study.wave);
    const out = v.out ?? (typeof waveSpec?.data === 'string' ? resolve(dirname(specFile), waveSpec.data) : undefined);
    if (out === undefined) throw new UsageError(`name the output file with --out FILE.sav or FILE.csv (wave ${study.wave} has no single "data" file in the spec)\n\n${help}`);
    if (!/\.(sav|csv)$/i.test(out)) throw new UsageError(`--out must end in .sav or .csv, not "${out}"`);
    await prepareOutputs([{ path: specFile, role: 'the study spec' }], dataOutputs(out, 'the export (--out)'));

    const store = await openStudyStore(study);
    let rows;
    let respondentKey;
    try {
      rows = await store.exportRows();
      respondentKey = respondentKeyer(await store.secret('cookie'));
      // Exports of the answers are audited (who, when, where to); the file itself holds no identities.
      await recordAudit(store.db, { username: cliUser(), action: 'export', detail: `answers of wave ${study.wave} to ${out}` });
    } finally {
      await store.close();
    }
    const fw = study.fieldwork;
    const result = exportDataset(study.loaded.spec, rows, {
      wave: study.wave,
      partialThreshold: fw?.partialThreshold ?? 0.5,
      registerColumns: fw?.registerColumns ?? [],
      respondentKey,
    });
    await writeDataset(result.data, out);
    io.out(
      `Wrote ${result.data.nrow} respondent(s) of wave ${study.wave} to ${out}: ${result.complete} complete, ${result.partial} partial` +
        `${result.leftOut > 0 ? `; ${result.leftOut} break-off(s) below the partial threshold left out` : ''}.\n` +
        `User-missing codes: ${result.missingCodes.skipped} = asked, not answered; ${result.missingCodes.notReached} = not reached.\n`,
    );
    if (result.emptyBackground.length > 0) {
      io.err(`Note: background variable(s) ${result.emptyBackground.join(', ')} are not register columns of the sample (fieldwork.registerColumns) and are exported empty.\n`);
    }
    return 0;
  },
};
