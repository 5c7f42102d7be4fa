import type { Command } from './command.js';

/** Every subcommand of `spiegel`, in the order `spiegel --help` lists them. */
export const commands: readonly Command[] = [];
