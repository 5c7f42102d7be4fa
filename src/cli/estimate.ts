/**
 * `spiegel estimate --data FILE --request REQUEST.json`: runs an estimate request (issue 3 §6)
 * and prints one JSON document.
 */
import { readDataset } from '../data/io.js';
import { SpiegelError, UsageError } from '../errors.js';
import { runEstimateRequest } from '../estimate/request.js';
import { parseCommandArgs, readJsonFile } from './args.js';
import type { Command } from './command.js';

export const estimateCommand: Command = {
  name: 'estimate',
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
    const { values } = parseCommandArgs(
      args,
      { data: { type: 'string' }, request: { type: 'string' }, compact: { type: 'boolean' } },
      { allowPositionals: false },
    );
    const { data, request, compact = false } = values;
    if (data === undefined || request === undefined) throw new UsageError('needs --data FILE and --request REQUEST.json');
    const json = await readJsonFile(request);
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
