import { readFile } from 'node:fs/promises';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { InvalidInputError, UsageError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options, P extends boolean> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: P; strict: true }>>;

/**
 * node:util parseArgs with strict checking, its errors turned into usage errors (exit status 2)
 * that end with the command's help, so a mistyped option shows what the command accepts.
 */
export function parseCommandArgs<O extends Options, P extends boolean = true>(
  args: string[],
  options: O,
  settings: { allowPositionals?: P; help?: string } = {},
): Parsed<O, P> {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: (settings.allowPositionals ?? true) as P, strict: true });
  } catch (err) {
    throw new UsageError(settings.help === undefined ? (err as Error).message : `${(err as Error).message}\n\n${settings.help}`);
  }
}

/**
 * `--seed -1`: node's parser takes "-1" for an option and calls the argument ambiguous. A value
 * that looks like a negative number after an option that takes a value is that option's value,
 * so the command's own check can say what the option accepts.
 */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (a === '--') return [...out, ...args.slice(i)];
    if (a.startsWith('--') && !a.includes('=') && options[a.slice(2)]?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** A JSON request or design file; errors name the file and, for a syntax error, the line. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InvalidInputError(`cannot read the file: ${(e as Error).message}`, { file: path });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m === null ? undefined : text.slice(0, Number(m[1])).split('\n').length;
    throw new InvalidInputError(`not valid JSON: ${(e as Error).message}`, line === undefined ? { file: path } : { file: path, line });
  }
}
