/**
 * `spiegel field status STUDY.yaml [--by COLUMN] [--csv FILE] [--json]`: the fieldwork status of
 * every sampled unit, its AAPOR final disposition, and the AAPOR outcome rates, overall and per
 * stratum, with completes against the targets.
 */
import { resolve } from 'node:path';
import { prepareOutputs, writeContentAtomic } from '../files/index.js';
import { readDispositions } from '../fieldwork/dispositions/read.js';
import { statusCsv, statusJson, statusText } from '../fieldwork/dispositions/format.js';
import { summariseDispositions } from '../fieldwork/dispositions/summary.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { retentionWarning } from '../fieldwork/purge/index.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';

const help = `Usage: spiegel field status STUDY.yaml [--by COLUMN] [--csv FILE] [--json] [--database URL]

Shows where fieldwork stands: every sampled unit (test links left out) as not yet invited,
invited, started (break-off), partial, complete, refused (opt-out), undeliverable or ineligible;
the AAPOR final disposition code of each status; and the AAPOR outcome rates RR1, RR2, COOP1,
COOP2, REF1 and CON1 — overall and per stratum, with completes against fieldwork.targets.
A break-off is partial when it answered fieldwork.partialThreshold of its pages, as in the export.
The rules and the code table: docs/fieldwork-dispositions.md.

  --by COLUMN        register column of the strata (default: fieldwork.targets.column)
  --csv FILE         also write the figures as CSV: one line per stratum, total first
  --json             print JSON instead of the table
  --database URL     the store's PostgreSQL database (default: SQLite beside the spec)

Example:
  spiegel field status study.yaml --by stratum --csv status.csv
`;

export const fieldStatus: Command = {
  name: 'field status',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values: v, positionals } = parseCommandArgs(
      args,
      { by: { type: 'string' }, csv: { type: 'string' }, json: { type: 'boolean' }, database: { type: 'string' } },
      { help },
    );
    const specFile = specArgument(positionals, help);
    const study = fieldStudy(specFile, undefined, v.database, false);
    const csv = v.csv === undefined ? undefined : resolve(v.csv);
    if (csv !== undefined) await prepareOutputs([{ path: specFile, role: 'the study spec' }], [{ path: csv, role: 'the figures (--csv)' }]);

    const store = await openStudyStore(study);
    let units;
    let wave;
    try {
      wave = (await store.meta()).wave;
      units = await readDispositions(store, study.loaded.spec, { wave, partialThreshold: study.fieldwork?.partialThreshold ?? 0.5 });
      const warning = await retentionWarning(store.db, study.fieldwork);
      if (warning !== undefined) io.err(`${warning}\n`);
    } finally {
      await store.close();
    }
    const targets = study.fieldwork?.targets;
    const column = v.by ?? targets?.column;
    const summary = summariseDispositions(
      units,
      column,
      targets !== undefined && column === targets.column ? targets.completes : undefined,
      v.by !== undefined ? '--by' : 'fieldwork.targets.column',
    );
    if (csv !== undefined) await writeContentAtomic(csv, statusCsv(summary));
    io.out(v.json === true ? statusJson(summary, wave) : statusText(summary, wave));
    if (csv !== undefined && v.json !== true) io.out(`Wrote the figures to ${csv}.\n`);
    return 0;
  },
};
