/**
 * `spiegel describe FILE`: the dictionary of a data file (variables, labels, value labels, missing
 * values, formats, valid counts), as a table on the terminal or as JSON for scripts.
 */
import { basename } from 'node:path';
import { UsageError } from '../errors.js';
import { type VariableDescription, describeVariables } from '../data/codebook.js';
import { readDataset } from '../data/io.js';
import { type DataWarning, warningText } from '../data/warnings.js';
import type { Command, CommandIO } from './command.js';
import { parseCommandArgs } from './args.js';

const help = `Usage: spiegel describe FILE [options]

Prints the dictionary of a .csv (with codebook), .sav or .zsav file: for every variable its
name, type, measurement level, format, number of valid values, label, value labels and
user-missing values.

Options:
  --json             print {"rows": n, "variables": [...]} for scripts
  --codebook FILE    codebook of a CSV file (default: <name>.codebook.yaml|json beside it)
  --encoding NAME    character encoding (utf-8, windows-1252, ...)
  --separator CHAR   CSV field separator (default: detected from the header line)
  --decimal CHAR     CSV decimal mark "." or "," (default: detected per column)

Example:
  spiegel describe examples/data/clients-2021.csv
`;

export interface InputOptions {
  codebook?: string;
  encoding?: string;
  separator?: string;
  decimal?: '.' | ',';
}

/** Reading options shared by describe and convert, checked. */
export function inputOptions(values: Record<string, string | boolean | undefined>): InputOptions {
  const out: InputOptions = {};
  if (typeof values.codebook === 'string') out.codebook = values.codebook;
  if (typeof values.encoding === 'string') out.encoding = values.encoding;
  if (typeof values.separator === 'string') out.separator = values.separator === '\\t' || values.separator === 'tab' ? '\t' : values.separator;
  if (typeof values.decimal === 'string') {
    if (values.decimal !== '.' && values.decimal !== ',') throw new UsageError('--decimal must be "." or ","');
    out.decimal = values.decimal;
  }
  return out;
}

export const inputArgOptions = {
  codebook: { type: 'string' },
  encoding: { type: 'string' },
  separator: { type: 'string' },
  decimal: { type: 'string' },
} as const;

export const describe: Command = {
  name: 'describe',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, { ...inputArgOptions, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError(`describe needs exactly one FILE\n\n${help}`);
    const file = positionals[0];
    const onWarning = (w: DataWarning): void => io.err(`spiegel describe: warning: ${warningText(w)}\n`);
    const data = await readDataset(file, { ...inputOptions(values), onWarning });
    const variables = describeVariables(data);
    if (values.json === true) {
      io.out(JSON.stringify({ rows: data.nrow, variables }, null, 2) + '\n');
    } else {
      io.out(renderDictionary(basename(file), data.nrow, variables));
    }
    return 0;
  },
};

/** The dictionary as a plain-text table, then value labels and missing values per variable. */
export function renderDictionary(file: string, rows: number, vars: readonly VariableDescription[]): string {
  const head = ['variable', 'type', 'measure', 'format', 'valid', 'label'];
  const body = vars.map((v) => [v.name, v.type, v.measure ?? '', v.format, String(v.valid), clip(v.label ?? '', 60)]);
  const widths = head.map((h, j) => Math.max(h.length, ...body.map((r) => r[j].length)));
  const line = (cells: string[]): string =>
    cells.map((c, j) => (j === 4 ? c.padStart(widths[j]) : j === cells.length - 1 ? c : c.padEnd(widths[j]))).join('  ').trimEnd();
  const out = [`${file}: ${rows} rows, ${vars.length} variables`, '', line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)];
  const details: string[] = [];
  for (const v of vars) {
    const labels = Object.entries(v.valueLabels);
    const miss = [...v.missing.values.map(String), ...(v.missing.range ? [`${v.missing.range[0]} thru ${v.missing.range[1]}`] : [])];
    if (labels.length === 0 && miss.length === 0) continue;
    details.push(`${v.name}:`);
    for (const [code, label] of labels) details.push(`  ${code.padStart(4)} = ${clip(label, 70)}`);
    if (miss.length > 0) details.push(`  user-missing: ${miss.join(', ')}`);
  }
  if (details.length > 0) out.push('', 'Value labels and missing values', '', ...details);
  return out.join('\n') + '\n';
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
