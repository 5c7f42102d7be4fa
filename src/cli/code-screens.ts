/**
 * The coding screens a study gets on the researcher's side (spiegel field serve and spiegel code
 * serve): its coded open questions and its back-codings with a moves file, with the answers read
 * from the wave's data file; undefined (with a note why) when there is nothing to show yet.
 * During fieldwork (a store at hand) and when every coded question and back-coding is keyed by
 * the export's stable `respondent_key`, the answers come live from the store instead.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { readDataset } from '../data/io.js';
import { codingRoutes } from '../coding/server/routes.js';
import { moveQuestions } from '../coding/workspace/moves.js';
import { codingDataFile, codingQuestions } from '../coding/workspace/questions.js';
import { interviewSet, type InterviewSet } from '../coding/workspace/interviews.js';
import { codingWorkFromStore, liveCodingWork } from '../coding/workspace/live.js';
import { readInterviews } from '../study/interview-topics.js';
import { RESPONDENT_KEY } from '../fieldwork/export/respondent-key.js';
import type { FieldStore } from '../fieldwork/store/types.js';
import type { LoadedSpec } from '../spec/load.js';
import type { CommandIO } from './command.js';

/** Whether the spec has anything to code or move. */
export function hasCodingWork(loaded: LoadedSpec): boolean {
  return loaded.spec.interviews !== undefined || (loaded.spec.derived ?? []).some((d) => d.type === 'coded' || (d.type === 'backcode' && d.moves !== undefined && d.unit !== undefined));
}

/** The spec's interviews (`interviews:`) to code on the screens; undefined without them. */
export async function studyInterviews(loaded: LoadedSpec, io: CommandIO): Promise<InterviewSet | undefined> {
  const spec = loaded.spec.interviews;
  if (spec === undefined) return undefined;
  const codingsFile = resolve(dirname(loaded.file), spec.codings);
  if (!existsSync(codingsFile)) {
    io.err(`Note: no interview screens: the codings file ${codingsFile} does not exist (start it with the line unit,coder,code,start,end,text).\n`);
    return undefined;
  }
  const read = await readInterviews(loaded);
  return read === null ? undefined : interviewSet(read.codebook, read.documents, codingsFile);
}

/** Whether every coded question and back-coding names the export's stable key as its unit (so codings survive re-exports). */
export function keyedByRespondentKey(loaded: LoadedSpec): boolean {
  const units = (loaded.spec.derived ?? []).flatMap((d) => (d.type === 'coded' || (d.type === 'backcode' && d.moves !== undefined) ? [d.unit] : []));
  return units.length > 0 && units.every((u) => u === RESPONDENT_KEY);
}

export async function codingScreens(loaded: LoadedSpec, io: CommandIO, store?: FieldStore): Promise<((app: FastifyInstance) => void) | undefined> {
  if (!hasCodingWork(loaded)) return undefined;
  const interviews = await studyInterviews(loaded, io);
  const withInterviews = interviews === undefined ? {} : { interviews };
  const interviewsOnly = interviews === undefined ? undefined : (app: FastifyInstance) => codingRoutes(app, { questions: [], ...withInterviews });
  if (!(loaded.spec.derived ?? []).some((d) => d.type === 'coded' || (d.type === 'backcode' && d.moves !== undefined && d.unit !== undefined))) return interviewsOnly;
  if (store !== undefined && keyedByRespondentKey(loaded)) {
    const live = liveCodingWork(loaded, store);
    const first = (await live()) ?? (await codingWorkFromStore(loaded, store));
    io.err(`Coding screens: the answers are read live from the store (keyed by ${RESPONDENT_KEY}).\n`);
    return (app) => codingRoutes(app, { questions: first.questions, moves: first.moves, live, ...withInterviews });
  }
  const dataFile = codingDataFile(loaded);
  if (!existsSync(dataFile)) {
    io.err(`Note: no coding screens for open answers yet: the answers to code are read from ${dataFile}, which does not exist (write it with "spiegel field export").\n`);
    return interviewsOnly;
  }
  const data = await readDataset(dataFile);
  const questions = await codingQuestions(loaded, { data });
  const moves = await moveQuestions(loaded, { data });
  return (app) => codingRoutes(app, { questions, moves, ...withInterviews });
}
