/**
 * `spiegel estimate --data FILE --request REQUEST.json`: runs an estimate request (issue 3 §6)
 * and prints one JSON document.
 */
import { readFile } from 'node:fs/promises';
import { readDataset } from '../data/io.js';
import { FileFormatError, SpiegelError, UsageError } from '../errors.js';
import { runEstimateRequest } from '../estimate/request.js';
import type { Command } from './command.js';

export const estimateCommand: Command = {
  name: 'estimate',
  summary: 'design-based estimates, SEs, CIs and tests (equal to R survey) as JSON',
  help: [
    'Usage: spiegel estimate --data FILE --request REQUEST.json [--compact]',
    '',
    'Runs the estimates and tests of REQUEST.json on the data (CSV with codebook, .sav) and prints',
    'one JSON document: {"estimates": [...], "tests": [...]}.',
    '',
    'Example request:',
    '  {"design": {"ids": ["dnum"], "weights": "pw", "fpc": ["fpc"]},',
    '   "estimates": [{"id": "e1", "statistic": "mean", "variable": "api00", "by": ["stype"]}]}',
  ].join('\n'),
  async run(args, io) {
    let data: string | undefined;
    let request: string | undefined;
    let compact = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--data') data = args[++i];
      else if (a === '--request') request = args[++i];
      else if (a === '--compact') compact = true;
      else throw new UsageError(`unknown option "${a}" (see spiegel estimate --help)`);
    }
    if (data === undefined || request === undefined) throw new UsageError('needs --data FILE and --request REQUEST.json');
    let text: string;
    try {
      text = await readFile(request, 'utf8');
    } catch (err) {
      throw new SpiegelError('IO', `cannot read the request: ${(err as Error).message}`, { file: request });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new FileFormatError(`not valid JSON: ${(err as Error).message}`, { file: request });
    }
    const dataset = await readDataset(data);
    let answer;
    try {
      answer = runEstimateRequest(dataset, json);
    } catch (err) {
      if (err instanceof SpiegelError && err.location.file === undefined) {
        throw new SpiegelError(err.code, err.message, { file: request });
      }
      throw err;
    }
    io.out(JSON.stringify(answer, null, compact ? undefined : 2) + '\n');
    return 0;
  },
};
