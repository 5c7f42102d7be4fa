/**
 * The coding screens a study gets on the researcher's side (spiegel field serve and spiegel code
 * serve): its coded open questions and its back-codings with a moves file, with the answers read
 * from the wave's data file; undefined (with a note why) when there is nothing to show yet.
 */
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { readDataset } from '../data/io.js';
import { codingRoutes } from '../coding/server/routes.js';
import { moveQuestions } from '../coding/workspace/moves.js';
import { codingDataFile, codingQuestions } from '../coding/workspace/questions.js';
import type { LoadedSpec } from '../spec/load.js';
import type { CommandIO } from './command.js';

/** Whether the spec has anything to code or move. */
export function hasCodingWork(loaded: LoadedSpec): boolean {
  return (loaded.spec.derived ?? []).some((d) => d.type === 'coded' || (d.type === 'backcode' && d.moves !== undefined && d.unit !== undefined));
}

export async function codingScreens(loaded: LoadedSpec, io: CommandIO): Promise<((app: FastifyInstance) => void) | undefined> {
  if (!hasCodingWork(loaded)) return undefined;
  const dataFile = codingDataFile(loaded);
  if (!existsSync(dataFile)) {
    io.err(`Note: no coding screens yet: the answers to code are read from ${dataFile}, which does not exist (write it with "spiegel field export").\n`);
    return undefined;
  }
  const data = await readDataset(dataFile);
  const questions = await codingQuestions(loaded, { data });
  const moves = await moveQuestions(loaded, { data });
  return (app) => codingRoutes(app, { questions, moves });
}
