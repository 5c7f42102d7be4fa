/**
 * `spiegel weight --data FILE --request WEIGHT.yaml --out OUT`: weights a dataset to the population
 * (post-stratification, raking, linear/logit calibration, trimming, nonresponse adjustment) and
 * writes it with the weight column added. Prints the weighting report (or JSON with --json).
 * Nothing is written when the request does not fit the data or the weighting does not converge.
 */
import { numericColumn } from '../data/column.js';
import type { Dataset } from '../data/dataset.js';
import { readDataset, writeDataset } from '../data/io.js';
import { UsageError } from '../errors.js';
import {
  applyWeighting,
  applyWeightingToReplicates,
  formatDiagnostics,
  outputWeightName,
  validateWeightingRequest,
  WeightingError,
} from '../weighting/index.js';
import { prepareOutputs } from '../files/index.js';
import { readSource } from '../validation/index.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { dataInputs, dataOutputs } from './outputs.js';

const help = `Usage: spiegel weight --data FILE --request WEIGHT.yaml --out OUT [options]

Weights the data to population margins or totals and writes it with a weight variable added
(named by the request's "weight", default "weight"; a name the data already has is refused).
The folder of OUT is created when missing; OUT may not be the data, its codebook or the request.
The request is YAML or JSON, as in the study spec; an unknown field is an error.

Methods ("method" in the request): poststratify, rake, linear, logit, trim, nonresponse.
Start weights: the request's "baseWeight" variable; without it the variable design_weight when
the data has one (as written by spiegel sample), else 1.

Raking stops when every margin is within "epsilon" (relative, default 1e-10) of its target,
or after "maxIterations" sweeps (default 100); calibration stops as R's grake when every
|misfit| / (1 + |total|) < epsilon (default 1e-7, at most 50 iterations). "trim" may follow any
method; "bounds" limit g = final / base weight as in R calibrate.

Options:
  --json                 print the diagnostics as JSON instead of a table
  --replicates PREFIX    also recalibrate every replicate weight variable whose name starts
                         with PREFIX (as R calibrate/rake/postStratify on a replicate design)
  --force                write the output even when raking/calibration did not converge

Example request (rake to age and sex):
  {"method": "rake", "baseWeight": "design_weight",
   "margins": [{"variables": ["ageclass"], "population": [{"ageclass": "15-26", "N": 1200}, ...]},
               {"variables": ["sex"], "population": [{"sex": "man", "N": 2100}, ...]}]}

Example:
  spiegel weight --data responses.csv --request weight.json --out weighted.csv
`;


export const weightCommand: Command = {
  name: 'weight',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      {
        data: { type: 'string' },
        request: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        replicates: { type: 'string' },
        force: { type: 'boolean' },
      },
      { allowPositionals: false, help },
    );
    const v = parsed.values;
    if (v.data === undefined || v.request === undefined || v.out === undefined) {
      throw new UsageError(`weight needs --data, --request and --out\n\n${help}`);
    }
    // The output rule first: never onto the data, its codebook or the request; the folder is created.
    await prepareOutputs(
      [...dataInputs(v.data, 'the data (--data)'), { path: v.request, role: 'the request (--request)' }],
      dataOutputs(v.out, 'the output (--out)'),
    );
    const requestSource = readSource(v.request);
    const request = validateWeightingRequest(requestSource);
    const data = await readDataset(v.data);
    const weightName = outputWeightName(request, data, requestSource);
    // Start from the sample's design weights when the request names no base weight.
    const fromDesign = request.baseWeight === undefined && data.has('design_weight');
    const options = fromDesign ? { baseWeights: data.validNumbers('design_weight', 'design_weight') } : {};
    if (fromDesign) io.err('spiegel weight: starting from the design weights in "design_weight"\n');
    const result = applyWeighting(data, request, options);
    const d = result.diagnostics;
    io.out(v.json === true ? JSON.stringify(d, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x), 2) + '\n' : formatDiagnostics(d));
    if (!d.converged && v.force !== true) {
      throw new WeightingError(`${d.warnings[0] ?? 'weighting did not converge'}; nothing written (use --force to write anyway)`, { file: v.data });
    }
    let out: Dataset = data.withColumn(numericColumn(weightName, result.weights, { label: `Weight (${d.method})` }));
    if (v.replicates !== undefined) {
      const prefix = v.replicates;
      const names = data.names().filter((n) => n.startsWith(prefix));
      if (names.length === 0) throw new UsageError(`no variable name starts with "${prefix}" (--replicates)`);
      const rep = applyWeightingToReplicates(data, request, names.map((n) => data.validNumbers(n)), options);
      if (!rep.converged && v.force !== true) throw new WeightingError('weighting of a replicate did not converge; nothing written (use --force)');
      names.forEach((n, k) => (out = out.withColumn(numericColumn(n, rep.replicates[k], { label: `Replicate weight after ${d.method}` }))));
    }
    await writeDataset(out, v.out);
    io.err(`spiegel weight: wrote ${v.out} (${out.nrow} rows; weight "${weightName}")\n`);
    return 0;
  },
};
