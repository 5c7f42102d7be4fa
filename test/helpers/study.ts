/** Shared by the tests that run a study and expect it to fail on its data or spec. */
import { runStudy } from '../../src/study/index.js';
import { SpiegelError } from '../../src/errors.js';

/** The typed error runStudy fails with; any other outcome fails the test. */
export async function failure(path: string): Promise<SpiegelError> {
  try {
    await runStudy(path);
  } catch (e) {
    if (e instanceof SpiegelError) return e;
    throw e;
  }
  throw new Error('expected runStudy to fail');
}

/** Change one cell of a CSV text: data row (1-based) and column name. */
export function setCell(csv: string, row: number, column: string, value: string): string {
  const lines = csv.split('\n');
  const cols = lines[0].split(',');
  const cells = lines[row].split(',');
  cells[cols.indexOf(column)] = value;
  lines[row] = cells.join(',');
  return lines.join('\n');
}
