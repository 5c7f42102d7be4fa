import { spawnSync } from 'node:child_process';

/** True when R can be run, so a benchmark can time R survey/haven on the same data in the same run. */
export function hasRscript(): boolean {
  return spawnSync('Rscript', ['--version'], { stdio: 'ignore' }).status === 0;
}
