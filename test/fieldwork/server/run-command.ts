/** Runs `spiegel field serve|try` in a process of its own (argv: serve|try, then its arguments). */
import { processIO } from '../../../src/cli/command.js';
import { fieldServe } from '../../../src/cli/field-serve.js';
import { fieldTry } from '../../../src/cli/field-try.js';

const [which, ...args] = process.argv.slice(2);
const command = which === 'serve' ? fieldServe : fieldTry;
command.run(args, processIO).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  },
);
