import { existsSync, statSync } from 'node:fs';
import { SpiegelError } from '../errors.js';
import { escapeTerminal, removeTempsOnSignals } from '../files/index.js';
import { escapeTerminalKeepProgress } from '../files/terminal.js';
import { type CommandIO, processIO } from './command.js';
import { commands } from './commands.js';
import { failureOf, failureText } from './failure.js';

const usage = (): string =>
  [
    'spiegel — survey-based monitoring: sample, weight, estimate, tabulate, report',
    '',
    'Usage: spiegel <command> [options]   (spiegel <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
    'Every command accepts --debug: show the stack trace of an error.',
    '',
  ].join('\n');

/**
 * Terminal output never carries control characters from data, labels or file names: everything
 * a command prints passes through here (the progress bar keeps its own line-clearing sequence).
 */
function escapingIO(io: CommandIO): CommandIO {
  return { out: (t) => io.out(escapeTerminal(t)), err: (t) => io.err(escapeTerminalKeepProgress(t)), interactive: io.interactive };
}

/** The existing files named on the command line, for messages about errors that name none. */
function namedFiles(args: readonly string[]): string[] {
  return args.filter((a) => {
    if (a.startsWith('-')) return false;
    try {
      return existsSync(a) && statSync(a).isFile();
    } catch {
      return false;
    }
  });
}

/** Entry point of the `spiegel` program; resolves to the exit status and never rejects. */
export async function main(argv: string[], rawIO: CommandIO = processIO): Promise<number> {
  const io = escapingIO(rawIO);
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv.filter((a) => a !== '--debug');
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    io.err(`spiegel: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const command = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(command.help.endsWith('\n') ? command.help : command.help + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (err) {
    const typed = failureOf(err, namedFiles(rest));
    io.err(failureText(name, err, typed, debug));
    return typed instanceof SpiegelError && typed.code === 'USAGE' ? 2 : 1;
  }
}

/**
 * The program as bin/spiegel.js runs it: temporary files are removed on SIGINT/SIGTERM (exit
 * 130/143), and an error outside the command's promise still ends in the one error path.
 */
export async function cli(argv: string[]): Promise<void> {
  removeTempsOnSignals();
  const name = argv.find((a) => a !== '--debug') ?? '';
  process.on('uncaughtException', (err) => {
    processIO.err(escapeTerminal(failureText(name, err, failureOf(err, namedFiles(argv.slice(1))), argv.includes('--debug'))));
    process.exit(1);
  });
  process.exitCode = await main(argv);
}
