/**
 * Files we write read back identically in PSPP and R haven (issue 12, item 5): runs
 * tools/fixtures/sav/check-written.ts, which writes every fixture and a synthetic dataset with
 * writeSav and compares what PSPP and haven report with what we meant. Needs `pspp` and `Rscript`
 * with haven (CI installs the Debian packages pspp, r-base-core and r-cran-haven); skipped with
 * the reason printed when they are missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function missingTool(): string | null {
  const pspp = spawnSync('pspp', ['--version'], { encoding: 'utf8' });
  if (pspp.error !== undefined || pspp.status !== 0) return 'pspp is not installed (Debian package pspp)';
  const r = spawnSync('Rscript', ['-e', 'library(haven)'], { encoding: 'utf8' });
  if (r.error !== undefined) return 'Rscript is not installed (Debian package r-base-core)';
  if (r.status !== 0) return 'R package haven is not installed (Debian package r-cran-haven)';
  return null;
}

const reason = missingTool();
if (reason !== null) console.log(`skipping the PSPP/haven read-back check of written .sav files: ${reason}`);

describe.skipIf(reason !== null)('.sav files we write, read by PSPP and haven', () => {
  it('report the same names, labels, value labels, missing values, measures, formats and data', () => {
    let out = '';
    try {
      out = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['tools/fixtures/sav/check-written.ts'], {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      throw new Error(`check-written.ts found differences:\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
    }
    expect(out).toContain('all files read back identically');
    expect(out).not.toMatch(/^FAIL/m);
    expect(out).toMatch(/pspp-label-blanks\.sav read by spiegel/);
    expect(out).toMatch(/haven-zero-case-size\.sav read by spiegel/);
  }, 300_000);
});
