/**
 * `spiegel sample --frame FILE --design DESIGN.json --seed N --out SAMPLE.csv`: draws a sample
 * from a register and writes the selected records with stratum, inclusion_probability and
 * design_weight; prints population / gross sample per stratum.
 *
 * `spiegel sample --sample SAMPLE.csv --disposition VAR [--strata VAR] [--frame FILE --compare a,b]`:
 * response accounting: AAPOR RR1 and RR2 overall and per stratum, and respondents against the
 * population (the frame) on frame variables.
 */
import { dirname, resolve } from 'node:path';
import { readDataset } from '../data/io.js';
import { UsageError } from '../errors.js';
import {
  compareWithPopulation,
  type ResponseComparison as Comparison,
  type StratumSummary,
  drawSample,
  formatComparison,
  formatSampleSummary,
  openFrame,
  parseDisposition,
  validateSamplingDesign,
  responseRates,
  writeSample,
} from '../sampling/index.js';
import { cellText } from '../sampling/frame.js';
import { labelOf } from '../data/column.js';
import { prepareOutputs } from '../files/index.js';
import { readSource } from '../validation/index.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { dataInputs, dataOutputs } from './outputs.js';

const help = `Usage: spiegel sample --frame FILE --design DESIGN.json --seed N --out SAMPLE.csv [--json]
       spiegel sample --sample SAMPLE.csv --disposition VAR [--strata VAR] [--frame FILE [--frame-strata VAR] [--compare VARS]] [--json]

Draws a sample from a register (CSV and .sav frames are read streaming, in two passes).
The output holds the frame's variables of every selected unit plus stratum,
inclusion_probability and design_weight. The same frame, design and seed give the same sample
on every machine (generator: xoshiro128**).

Design: {"method": "srs" | "systematic" | "stratified" | "pps", "n": 4000, "key": "id",
  "strata": "sizeclass", "allocation": {"type": "fixed", "n": {"klein": 26, "groot": "all"}}
  | {"type": "proportional" | "neyman", "n": 130, "minimum": 2, "variable": "x"},
  "size": "inhabitants", "sort": ["region"], "exclude": [{"file": "earlier.csv", "key": "id"}]}
Files in "exclude" are relative to the design file. A frame that already has
inclusion_probability (a sub-selection from a sample) gets the product of both probabilities.

Response accounting: VAR holds AAPOR dispositions (I, P, R, NC, O, UH, UO, NE or codes such as
1.1, 2.11); prints RR1 and RR2 overall and per stratum (default strata variable "stratum"),
with --frame a table per stratum of population, gross sample and net response (the frame's
strata variable: --frame-strata, default the same name as --strata), and with --compare the
respondents (I, P) against the frame per category of those frame variables.

Example:
  spiegel sample --frame register.csv --design design.json --seed 20211101 --out sample.csv
`;

export const sampleCommand: Command = {
  name: 'sample',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const parsed = parseCommandArgs(
      args,
      {
        frame: { type: 'string' },
        design: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        json: { type: 'boolean' },
        encoding: { type: 'string' },
        sample: { type: 'string' },
        disposition: { type: 'string' },
        strata: { type: 'string' },
        compare: { type: 'string' },
        'frame-strata': { type: 'string' },
      },
      { allowPositionals: false, help },
    );
    const v = parsed.values;
    if (v.disposition !== undefined) return response(v, io);
    if (v.frame === undefined || v.design === undefined || v.seed === undefined || v.out === undefined) {
      throw new UsageError(`sample needs --frame, --design, --seed and --out\n\n${help}`);
    }
    if (!/^\d+$/.test(v.seed) || !Number.isSafeInteger(Number(v.seed))) throw new UsageError(`--seed must be a whole number ≥ 0 (got "${v.seed}")`);
    const design = validateSamplingDesign(readSource(v.design));
    const excluded = (design.exclude ?? []).map((ex) => resolve(dirname(v.design!), ex.file));
    await prepareOutputs(
      [
        ...dataInputs(v.frame, 'the frame (--frame)'),
        { path: v.design, role: 'the design (--design)' },
        ...excluded.flatMap((path, k) => dataInputs(path, `the excluded sample exclude[${k}]`)),
      ],
      dataOutputs(v.out, 'the sample (--out)'),
    );
    const excludeKeys = new Set<string>();
    for (const [k, ex] of (design.exclude ?? []).entries()) {
      const path = resolve(dirname(v.design), ex.file);
      const earlier = await readDataset(path);
      const col = earlier.column(ex.key, `exclude[${k}].key`);
      for (let i = 0; i < earlier.nrow; i++) {
        const raw = col.values[earlier.physical(i)];
        excludeKeys.add(cellText(typeof raw === 'number' ? (Number.isNaN(raw) ? '' : String(raw)) : raw));
      }
    }
    const frame = await openFrame(v.frame, v.encoding);
    const drawn = await drawSample(frame, design, { seed: Number(v.seed), excludeKeys });
    await writeSample(frame, drawn, v.out);
    if (v.json === true) io.out(JSON.stringify({ seed: Number(v.seed), frameRows: drawn.frameRows, sample: drawn.rows.length, strata: drawn.summary }, null, 2) + '\n');
    else io.out(formatSampleSummary(drawn.summary));
    io.err(`spiegel sample: wrote ${v.out} (${drawn.rows.length} of ${drawn.frameRows} units, seed ${v.seed})\n`);
    return 0;
  },
};

async function response(v: Record<string, string | boolean | undefined>, io: CommandIO): Promise<number> {
  if (typeof v.sample !== 'string') throw new UsageError('response accounting needs --sample');
  const data = await readDataset(v.sample);
  const dispName = v.disposition as string;
  const disp = data.column(dispName, '--disposition');
  const text = (name: string, i: number): string => {
    const c = data.column(name);
    const raw = c.values[data.physical(i)];
    return c.type === 'string' ? (raw as string) : labelOf(c, raw as number);
  };
  const dispositions = Array.from({ length: data.nrow }, (_, i) => parseDisposition(text(disp.name, i), i));
  const strataName = typeof v.strata === 'string' ? v.strata : data.has('stratum') ? 'stratum' : undefined;
  const strata = strataName === undefined ? undefined : Array.from({ length: data.nrow }, (_, i) => text(strataName, i));
  const rates = responseRates(dispositions, strata);
  const comparisons: Comparison[] = [];
  if (typeof v.compare === 'string') {
    if (typeof v.frame !== 'string') throw new UsageError('--compare needs --frame (the population)');
    const vars = v.compare.split(',').map((s) => s.trim()).filter((s) => s !== '');
    const frame = await openFrame(v.frame, typeof v.encoding === 'string' ? v.encoding : undefined);
    const header = await frame.header();
    const cols = vars.map((name) => {
      const j = header.indexOf(name);
      if (j < 0) throw new UsageError(`--compare: "${name}" is not a variable of the frame`);
      return j;
    });
    const pops = vars.map(() => new Map<string, number>());
    await frame.scan((cell) => cols.forEach((j, k) => {
      const t = cellText(cell(j));
      pops[k].set(t, (pops[k].get(t) ?? 0) + 1);
    }));
    vars.forEach((name, k) => {
      const resp: string[] = [];
      for (let i = 0; i < data.nrow; i++) if (dispositions[i] === 'I' || dispositions[i] === 'P') resp.push(cellText(text(name, i)));
      comparisons.push(compareWithPopulation(name, pops[k], resp));
    });
  }
  // Population per stratum from the frame: Tabel 1 of report 6 (population, gross sample, net response).
  let table: StratumSummary[] | null = null;
  if (typeof v.frame === 'string' && strata !== undefined) {
    const frameStrata = typeof v['frame-strata'] === 'string' ? v['frame-strata'] : strataName;
    const frame = await openFrame(v.frame, typeof v.encoding === 'string' ? v.encoding : undefined);
    const header = await frame.header();
    const j = header.indexOf(frameStrata as string);
    if (j < 0) throw new UsageError(`the frame has no variable "${frameStrata}"; name the frame's strata variable with --frame-strata`);
    const pop = new Map<string, number>();
    await frame.scan((cell) => {
      const t = cellText(cell(j));
      pop.set(t, (pop.get(t) ?? 0) + 1);
    });
    table = rates.slice(1).map((r) => ({ stratum: r.stratum, frame: pop.get(r.stratum) ?? 0, excluded: 0, population: pop.get(r.stratum) ?? 0, sample: r.gross, certainty: 0 }));
  }
  if (v.json === true) io.out(JSON.stringify({ rates, comparisons, strata: table }, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2) + '\n');
  else {
    const lines = ['Response (AAPOR)', `${'stratum'.padEnd(14)} ${'gross'.padStart(7)} ${'net'.padStart(7)} ${'RR1'.padStart(7)} ${'RR2'.padStart(7)}`];
    for (const r of rates) {
      lines.push(
        `${r.stratum.padEnd(14)} ${String(r.gross).padStart(7)} ${String(r.net).padStart(7)} ${(r.rr1 * 100).toFixed(1).padStart(6)}% ${(r.rr2 * 100).toFixed(1).padStart(6)}%`,
      );
    }
    io.out(lines.join('\n') + '\n');
    if (table !== null) io.out('\n' + formatSampleSummary(table, rates));
    for (const c of comparisons) io.out('\n' + formatComparison(c));
  }
  return 0;
}
