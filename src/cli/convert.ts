/**
 * `spiegel convert IN OUT`: between .csv (+ codebook), .sav/.zsav and .json. The output (and the
 * codebook beside a CSV) appears only when complete; on bad input nothing is written.
 */
import { UsageError } from '../errors.js';
import { readDataset, writeDataset, type WriteDatasetOptions } from '../data/io.js';
import { type DataWarning, warningText } from '../data/warnings.js';
import { prepareOutputs } from '../files/index.js';
import { dataInputs, dataOutputs } from './outputs.js';
import type { Command, CommandIO } from './command.js';
import { parseCommandArgs } from './args.js';
import { inputArgOptions, inputOptions } from './describe.js';

const help = `Usage: spiegel convert IN OUT [options]

Converts a data file; the extensions say the formats: .csv (with codebook), .sav, .zsav
(read only) and .json (written only: an array of rows keyed by variable name, codes as codes).
A CSV output gets its codebook beside it (<name>.codebook.yaml) holding the whole dictionary.
The folder of OUT is created when missing. Nothing is written when IN has an error, and
nothing is written onto IN or its codebook (also not through a link): see docs/output-files.md.

Input options:
  --codebook FILE        codebook of a CSV input (default: <name>.codebook.yaml|json beside it)
  --encoding NAME        character encoding of the input (utf-8, windows-1252, ...)
  --separator CHAR       CSV input separator (default: detected)
  --decimal CHAR         CSV input decimal mark "." or "," (default: detected per column)
Output options:
  --out-separator CHAR   CSV output separator (default "," or ";" with a decimal comma)
  --out-decimal CHAR     CSV output decimal mark (default ".")
  --out-codebook FILE    where to write the codebook of a CSV output (.yaml or .json)
  --compression KIND     .sav output: bytecode (default) or none
  --dictionary           .json output: {"rows", "variables", "data"} instead of only rows

Example:
  spiegel convert examples/data/clients-2021.csv out/clients-2021.sav
`;

export const convert: Command = {
  name: 'convert',
  help,
  async run(args: string[], io: CommandIO): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      ...inputArgOptions,
      'out-separator': { type: 'string' },
      'out-decimal': { type: 'string' },
      'out-codebook': { type: 'string' },
      compression: { type: 'string' },
      dictionary: { type: 'boolean' },
    });
    if (positionals.length !== 2) throw new UsageError(`convert needs IN and OUT\n\n${help}`);
    const [input, output] = positionals;
    const out: WriteDatasetOptions = {};
    const sep = values['out-separator'];
    if (typeof sep === 'string') out.separator = sep === '\\t' || sep === 'tab' ? '\t' : sep;
    const dec = values['out-decimal'];
    if (dec !== undefined) {
      if (dec !== '.' && dec !== ',') throw new UsageError('--out-decimal must be "." or ","');
      out.decimal = dec;
    }
    if (typeof values['out-codebook'] === 'string') out.codebook = values['out-codebook'];
    const comp = values.compression;
    if (comp !== undefined) {
      if (comp !== 'bytecode' && comp !== 'none') throw new UsageError('--compression must be bytecode or none');
      out.compression = comp;
    }
    if (values.dictionary === true) out.dictionary = true;
    const readOptions = inputOptions(values);
    // The output rule, before anything is read or written: never onto the input or its codebook.
    await prepareOutputs(
      dataInputs(input, 'the input', typeof readOptions.codebook === 'string' ? readOptions.codebook : undefined),
      dataOutputs(output, 'the output', out.codebook === false ? undefined : out.codebook),
    );
    const onWarning = (w: DataWarning): void => io.err(`spiegel convert: warning: ${warningText(w)}\n`);
    const data = await readDataset(input, { ...readOptions, onWarning });
    await writeDataset(data, output, out);
    io.err(`spiegel convert: wrote ${output} (${data.nrow} rows, ${data.ncol} variables)\n`);
    return 0;
  },
};
