/**
 * The contract every `spiegel` subcommand fulfils: one file per command in src/cli/,
 * registered (with its one-line summary) in src/cli/commands.ts.
 */
export interface Command {
  /** Subcommand name as typed: `spiegel <name>`. */
  readonly name: string;
  /** Full help text for `spiegel <name> --help`: usage line, options, an example. */
  readonly help: string;
  /** Runs the command with the arguments after the subcommand name; resolves to the exit status. */
  run(args: string[], io: CommandIO): Promise<number>;
}

/** Where a command writes; tests pass their own to capture output. */
export interface CommandIO {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  readonly interactive: boolean;
}

export const processIO: CommandIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  interactive: Boolean(process.stderr.isTTY),
};
