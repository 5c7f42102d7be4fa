/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line,
 * e.g. `npm run bench -- sav estimate`). Each bench module exports `run(): Promise<void>` and
 * prints its own lines: rows per second, and the ratio against R when Rscript is installed.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.bench\.ts$/, '')))
  .sort();

for (const file of files) {
  console.log(`\n== ${file.replace(/\.bench\.ts$/, '')} ==`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
  await mod.run();
}
