/**
 * `spiegel code pull STUDY.yaml`: the codings made in the browser, from the study's store into
 * the codings files the spec names (`derived: … type: coded … codings: FILE`), one row per
 * answer, coder and code — so `spiegel report` counts the themes of what was coded.
 */
import { UsageError } from '../errors.js';
import { prepareOutputs, writeContentAtomic } from '../files/index.js';
import { codingRows } from '../coding/workspace/filter.js';
import { codingQuestions } from '../coding/workspace/questions.js';
import { writeCodingsCsv } from '../coding/codings-csv.js';
import { writeMovesCsv } from '../coding/moves-csv.js';
import { mergedMoves, moveQuestions, movesInFile } from '../coding/workspace/moves.js';
import { pulledRows } from '../coding/workspace/interviews.js';
import { cliUser, codingsOf, movesOf, openFieldStore, recordAudit, spansOf, storeLocation } from '../fieldwork/store/index.js';
import { studyInterviews } from './code-screens.js';
import { loadSpec } from '../spec/load.js';
import { parseCommandArgs } from './args.js';
import type { CommandIO } from './command.js';

export const codePullHelp = `Usage: spiegel code pull STUDY.yaml [--database URL]

Writes the codings made on the coding screens (stored in the study's store) into the codings
file of every coded question of the spec (derived variables of type "coded": their "codings"
file), one row per answer, coder and code. Every coder's coding is written, and the resolved
("final") ones; the report counts the final coding of each answer.

The "Anders, namelijk" answers moved on the screens go into the moves file of their back-coding
(derived variables of type "backcode" with "moves"): moves already in the file stay, a move made
on the screens replaces the file's move of that answer, and an answer moved back leaves it.

  --database URL   the store's PostgreSQL database (default: SPIEGEL_DATABASE_URL, else the
                   SQLite file beside the spec)
`;

export async function codePull(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { database: { type: 'string' } }, { help: codePullHelp });
  if (positionals.length !== 1) throw new UsageError(`name the study spec (STUDY.yaml)\n\n${codePullHelp}`);
  const specFile = positionals[0]!;
  const loaded = loadSpec(specFile);
  const questions = await codingQuestions(loaded);
  const backcodes = await moveQuestions(loaded);
  const interviews = await studyInterviews(loaded, io);
  if (questions.length === 0 && backcodes.length === 0 && interviews === undefined) throw new UsageError(`${specFile} has no coded questions (derived variables of type "coded") and no back-codings with a moves file`);
  await prepareOutputs(
    [{ path: specFile, role: 'the study spec' }],
    [...questions.map((q) => ({ path: q.codingsFile, role: `the codings of "${q.id}"` })), ...backcodes.map((b) => ({ path: b.movesFile, role: `the moves of "${b.id}"` })), ...(interviews === undefined ? [] : [{ path: interviews.codingsFile, role: 'the interview codings' }])],
  );
  const store = await openFieldStore(storeLocation(specFile, values.database));
  try {
    for (const q of questions) {
      const stored = await codingsOf(store.db, q.id);
      await writeContentAtomic(q.codingsFile, writeCodingsCsv(codingRows(stored)));
      const units = new Set(stored.map((c) => c.unit)).size;
      io.out(`${q.codingsFile}: ${stored.length} coding(s) of ${units} of ${q.answers.length} answer(s) to "${q.label}"\n`);
    }
    for (const b of backcodes) {
      const stored = await movesOf(store.db, b.id);
      const moves = mergedMoves(movesInFile(b), stored);
      await writeContentAtomic(b.movesFile, writeMovesCsv(moves));
      io.out(`${b.movesFile}: ${moves.length} of ${b.answers.length} "${b.movable.map((c) => c.label).join('/')}" answer(s) moved (${stored.length} changed on the coding screens)\n`);
    }
    if (interviews !== undefined) {
      const stored = await spansOf(store.db, interviews.id);
      const rows = await pulledRows(interviews, stored);
      await writeContentAtomic(interviews.codingsFile, writeCodingsCsv(rows));
      io.out(`${interviews.codingsFile}: ${rows.filter((r) => r.start !== undefined).length} fragment coding(s) in ${interviews.documents.length} interview(s) (${stored.length} fragment(s) changed on the coding screens)\n`);
    }
    await recordAudit(store.db, { username: cliUser(), action: 'coding-pull', detail: `codings of ${[...questions.map((q) => q.id), ...backcodes.map((b) => b.id)].join(', ')} written to their files` });
  } finally {
    await store.close();
  }
  return 0;
}
