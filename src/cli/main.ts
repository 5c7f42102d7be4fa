import { SpiegelError } from '../errors.js';
import { type CommandIO, processIO } from './command.js';
import { commands } from './commands.js';

const usage = (): string =>
  [
    'spiegel — survey-based monitoring: sample, weight, estimate, tabulate, report',
    '',
    'Usage: spiegel <command> [options]   (spiegel <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`),
    '',
  ].join('\n');

/** Entry point of the `spiegel` program; resolves to the exit status. */
export async function main(argv: string[], io: CommandIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    io.err(`spiegel: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help.endsWith('\n') ? command.help : command.help + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof SpiegelError) {
      io.err(`spiegel ${name}: ${err.message}\n`);
      return err.code === 'USAGE' ? 2 : 1;
    }
    throw err;
  }
}
