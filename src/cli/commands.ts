import type { Command } from './command.js';
import { codeCommand } from './code.js';
import { convert } from './convert.js';
import { describe } from './describe.js';
import { estimateCommand } from './estimate.js';
import { reportCommand } from './report.js';
import { sampleCommand } from './sample.js';
import { weightCommand } from './weight.js';

/** Every subcommand of `spiegel`, in the order `spiegel --help` lists them. */
export const commands: readonly Command[] = [describe, convert, sampleCommand, weightCommand, estimateCommand, reportCommand, codeCommand];
