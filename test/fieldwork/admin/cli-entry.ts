/** `spiegel …` in a process of its own from the sources (for stdin): node --import tsx cli-entry.ts ARGS. */
import { cli } from '../../../src/cli/main.js';

await cli(process.argv.slice(2));
