/**
 * `spiegel field import STUDY.yaml --sample SAMPLE.csv [--letters LETTERS.csv]`: a link and a
 * login code per sampled unit (and `--test N` test links); the store keeps them beside the
 * contact data (for `spiegel field letters` and the e-mails) until `spiegel field purge`, and
 * `--letters` also writes them to a file for a mail merge of one's own.
 */
import { readDataset } from '../data/io.js';
import { InvalidInputError, UsageError } from '../errors.js';
import { prepareOutputs, writeFileAtomic } from '../files/index.js';
import { lettersCsv } from '../fieldwork/import/letters.js';
import { participantsFromSample, testParticipants } from '../fieldwork/import/participants.js';
import type { NewParticipant } from '../fieldwork/store/index.js';
import { recordWrittenFile } from '../fieldwork/store/written-files.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';
import { dataInputs } from './outputs.js';

const help = `Usage: spiegel field import STUDY.yaml [--sample SAMPLE.csv] [--test N] [--letters LETTERS.csv] [options]

Creates a participant for every unit of a sample drawn with "spiegel sample": a personal link
(144 random bits) and a short login code for letters (9 characters without look-alikes, the
last a check character, e.g. K7M-4XR-9TC). The store checks logins against hashes of both and
keeps the link and code themselves only beside the contact data, for the letters and e-mails
(spiegel field letters), until spiegel field purge. The sample's columns named in
fieldwork.registerColumns go with the answers into the export; those in
fieldwork.contactColumns are kept in a separate table; other columns are not stored.

LETTERS.csv (optional) gets one line per participant: id, the contact columns, link, login address and
code, for a mail merge. It is CONTACT DATA joined to login credentials: whoever has it can answer
in a participant's name. Keep it as safe as the register, and delete it once the letters are out.

  --sample FILE      the output of spiegel sample (.csv with optional codebook, or .sav)
  --id COLUMN        the unit id column of the sample (default: id)
  --test N           also create N test links (their answers never reach an export or a count)
  --letters FILE     also write links and codes to this file (for a mail merge of your own)
  --base-url URL     address of the questionnaire in that file (default: fieldwork.baseUrl,
                     else http://localhost:8080)
  --database URL     the store's PostgreSQL database (default: SQLite beside the spec)

Example:
  spiegel field import study.yaml --sample sample.csv
  spiegel field import study.yaml --sample sample.csv --letters letters.csv --base-url https://enquete.example.nl
`;

export const fieldImport: Command = {
  name: 'field import',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values: v, positionals } = parseCommandArgs(
      args,
      {
        sample: { type: 'string' },
        id: { type: 'string' },
        test: { type: 'string' },
        letters: { type: 'string' },
        'base-url': { type: 'string' },
        database: { type: 'string' },
        wave: { type: 'string' },
      },
      { help },
    );
    const specFile = specArgument(positionals, help);
    if (v.sample === undefined && v.test === undefined) throw new UsageError(`import needs --sample FILE, --test N or both\n\n${help}`);
    const testCount = v.test === undefined ? 0 : Number(v.test);
    if (!Number.isInteger(testCount) || testCount < 0 || testCount > 10000) throw new UsageError(`--test must be a whole number from 0 to 10000, not "${v.test}"`);
    if (v['base-url'] !== undefined && !/^https?:\/\/[^\s/]+/.test(v['base-url'])) throw new UsageError(`--base-url must be an http(s) address such as https://enquete.example.nl, not "${v['base-url']}"`);

    const study = fieldStudy(specFile, v.wave, v.database, false);
    const baseUrl = v['base-url'] ?? study.fieldwork?.baseUrl ?? 'http://localhost:8080';
    if (study.fieldwork?.mode === 'open') {
      throw new InvalidInputError('this study uses an open link (fieldwork.mode: open): there are no personal links to import; "spiegel field serve" prints the open link and its test link', study.loaded.locate(['fieldwork', 'mode']));
    }
    const inputs = [{ path: specFile, role: 'the study spec' }, ...(v.sample === undefined ? [] : dataInputs(v.sample, 'the sample (--sample)'))];
    await prepareOutputs(inputs, v.letters === undefined ? [] : [{ path: v.letters, role: 'the letters file (--letters)' }]);

    let sampled: NewParticipant[] = [];
    let contactColumns: readonly string[] = study.fieldwork?.contactColumns ?? [];
    if (v.sample !== undefined) {
      const imported = participantsFromSample(await readDataset(v.sample), v.sample, study.fieldwork, v.id ?? 'id');
      sampled = [...imported.participants];
      contactColumns = imported.contactColumns;
    }
    const store = await openStudyStore(study);
    try {
      const before = await store.participantCount();
      const all = [...sampled, ...testParticipants(testCount, before.test + 1)];
      const lettersFile = v.letters;
      if (lettersFile === undefined) await store.addParticipants(all);
      else {
        const letters = lettersCsv(all, { baseUrl, contactColumns });
        // The store commits inside the atomic write: if it refuses, no letters file appears; if
        // the file cannot be written, the transaction has not run.
        await writeFileAtomic(lettersFile, async (fh) => {
          await fh.chmod(0o600);
          await fh.writeFile(letters, 'utf8');
          await store.addParticipants(all);
        });
      }
      // Listed by `spiegel field purge` for the user to delete.
      if (lettersFile !== undefined) await recordWrittenFile(store.db, lettersFile, 'letters-csv');
      if (v.sample !== undefined) await recordWrittenFile(store.db, v.sample, 'sample');
      io.out(
        `Imported ${sampled.length} participant(s)${testCount > 0 ? ` and ${testCount} test link(s)` : ''} into the store of wave ${(await store.meta()).wave}` +
          ` (now ${before.sampled + sampled.length} sampled, ${before.test + testCount} test).\n` +
          (lettersFile === undefined
            ? 'Links and login codes are kept in the store for the letters (spiegel field letters) until spiegel field purge.\n'
            : `Links and login codes: ${lettersFile}\n` +
              `  This file is CONTACT DATA with login credentials: keep it safe and delete it once the letters are sent.\n`),
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};
