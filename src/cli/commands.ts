import type { Command } from './command.js';

/**
 * One line per subcommand of `spiegel`, in the order `spiegel --help` lists them. A command's
 * module (and what it imports) is loaded only when that command runs, so `spiegel --help` and
 * light commands do not pay for the report renderers.
 */
export interface CommandEntry {
  /** Subcommand name as typed: `spiegel <name>`. */
  readonly name: string;
  /** One line for `spiegel --help`. */
  readonly summary: string;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'describe', summary: 'print the dictionary of a .csv/.sav file (--json for scripts)', load: async () => (await import('./describe.js')).describe },
  { name: 'convert', summary: 'convert between .csv (+ codebook), .sav and .json', load: async () => (await import('./convert.js')).convert },
  { name: 'sample', summary: 'draw a sample from a register; response rates (AAPOR RR1, RR2)', load: async () => (await import('./sample.js')).sampleCommand },
  { name: 'weight', summary: 'weight data to population margins (poststratify, rake, calibrate, trim)', load: async () => (await import('./weight.js')).weightCommand },
  { name: 'estimate', summary: 'design-based estimates, SEs, CIs and tests (equal to R survey) as JSON', load: async () => (await import('./estimate.js')).estimateCommand },
  { name: 'report', summary: 'run a study and write report.html, tables.xlsx, report.docx and report.pdf', load: async () => (await import('./report.js')).reportCommand },
  { name: 'field', summary: 'fieldwork: create the response store, import a sample, export the answers', load: async () => (await import('./field.js')).fieldCommand },
  { name: 'code', summary: 'coding of open answers and interviews: agreement, REFI-QDA export/import', load: async () => (await import('./code.js')).codeCommand },
];
