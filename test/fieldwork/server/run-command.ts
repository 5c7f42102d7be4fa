/** Runs `spiegel field serve|try` or `spiegel code serve` in a process of its own (argv: serve|try|code-serve, then its arguments). */
import { codeServe } from '../../../src/cli/code-serve.js';
import { processIO } from '../../../src/cli/command.js';
import { fieldServe } from '../../../src/cli/field-serve.js';
import { fieldTry } from '../../../src/cli/field-try.js';

const [which, ...args] = process.argv.slice(2);
const command = which === 'serve' ? fieldServe : which === 'code-serve' ? { run: codeServe } : fieldTry;
command.run(args, processIO).then(
  (code) => process.exit(code),
  (e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  },
);
