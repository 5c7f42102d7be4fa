/**
 * The committed synthetic microdata of the worked example are exactly what the seeded
 * generator writes: re-running it into a temporary folder gives the same bytes. The generator
 * itself verifies, from the respondent-level rows, that every weighted figure rounds to the
 * number printed in report 1A (it throws otherwise), so this also re-checks that.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DATA = 'examples/participatiewet-2021/data';
const FILES = ['respondenten-2021.csv', 'respondenten-2021.codebook.yaml'];

describe('generator of the participatiewet-2021 example', () => {
  const out = mkdtempSync(join(tmpdir(), 'spiegel-example-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('reproduces the committed data byte for byte (seeded, no Math.random)', async () => {
    process.env.SPIEGEL_EXAMPLE_OUT = out;
    try {
      await import('../../tools/examples/participatiewet-2021/generate.js');
    } finally {
      delete process.env.SPIEGEL_EXAMPLE_OUT;
    }
    for (const f of FILES) {
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(DATA, f), 'utf8'));
    }
    const rows = readFileSync(join(DATA, FILES[0]), 'utf8').trim().split('\n');
    expect(rows.length - 1).toBe(702);
  }, 120_000);
});
