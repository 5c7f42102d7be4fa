#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
const cliModule = await import('../dist/cli/main.js');

// `cli` installs the clean-up on signals and the one error path; an older dist has only `main`.
const run = cliModule.cli ?? (async (argv) => { process.exitCode = await cliModule.main(argv); });
run(process.argv.slice(2)).catch((err) => {
  // Unreachable by design (cli has the one error path); kept so nothing ever prints a raw stack.
  process.stderr.write(`spiegel: ${String(err instanceof Error ? err.message : err).replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?')}\n`);
  process.exitCode = 1;
});
