/**
 * `spiegel field export`: scripted respondents answer through the store (as the server would
 * submit their pages), the wave is exported to .sav and .csv, `spiegel report` runs on the
 * export without edits, and R haven reads the .sav with its labels and user-missing codes.
 *
 * Expected rows are written out by hand from each script and the export rules: routed away →
 * system-missing, asked and left empty (or no answer in a complete response) → -1, not reached by
 * a partial response → -2, text variables empty for both.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '../../../src/data/io.js';
import type { Dataset } from '../../../src/data/dataset.js';
import { structureHash } from '../../../src/fieldwork/questionnaire/hash.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldStore } from '../../../src/fieldwork/store/types.js';
import type { Answers, ResponseStatus } from '../../../src/fieldwork/types.js';
import { loadSpec } from '../../../src/spec/load.js';
import { parseLetters, run, studyFolder, type StudyFolder } from './setup.js';

const XSS = '<script>alert(1)</script> & "quotes"';

interface Script {
  /** Pages as submitted, in order: the cumulative answers and skipped variables after each. */
  readonly pages: readonly { answers: Answers; skipped?: readonly string[] }[];
  readonly status: ResponseStatus;
}

const s1: Script = {
  status: 'complete',
  pages: [
    { answers: { werk: 1 } },
    { answers: { werk: 1, kanaal: [1, 3] } },
    { answers: { werk: 1, kanaal: [1, 3], st_werk: 2, st_hulp: 9 } },
    { answers: { werk: 1, kanaal: [1, 3], st_werk: 2, st_hulp: 9, cijfer: 7 } },
    { answers: { werk: 1, kanaal: [1, 3], st_werk: 2, st_hulp: 9, cijfer: 7, uren: 32 } },
    { answers: { werk: 1, kanaal: [1, 3], st_werk: 2, st_hulp: 9, cijfer: 7, uren: 32, tijd_zorg: 20, tijd_werk: 80 } },
    { answers: { werk: 1, kanaal: [1, 3], st_werk: 2, st_hulp: 9, cijfer: 7, uren: 32, tijd_zorg: 20, tijd_werk: 80, reden: 3, reden_anders: 'Via de krant' } },
    { answers: { werk: 1, kanaal: [1, 3], st_werk: 2, st_hulp: 9, cijfer: 7, uren: 32, tijd_zorg: 20, tijd_werk: 80, reden: 3, reden_anders: 'Via de krant', opm: XSS } },
  ],
};
// Skips several questions; ticks only "Gesprekken" of hulp (the other options are not chosen).
const s2: Script = {
  status: 'complete',
  pages: [
    { answers: { werk: 2 } },
    { answers: { werk: 2, hulp_1: 1 } },
    { answers: { werk: 2, hulp_1: 1, kanaal: [2] } },
    { answers: { werk: 2, hulp_1: 1, kanaal: [2], st_werk: 1 }, skipped: ['st_hulp'] },
    { answers: { werk: 2, hulp_1: 1, kanaal: [2], st_werk: 1 }, skipped: ['st_hulp', 'cijfer'] },
    { answers: { werk: 2, hulp_1: 1, kanaal: [2], st_werk: 1 }, skipped: ['st_hulp', 'cijfer', 'tijd_zorg', 'tijd_werk'] },
    { answers: { werk: 2, hulp_1: 1, kanaal: [2], st_werk: 1, reden: 1 }, skipped: ['st_hulp', 'cijfer', 'tijd_zorg', 'tijd_werk'] },
    { answers: { werk: 2, hulp_1: 1, kanaal: [2], st_werk: 1, reden: 1 }, skipped: ['st_hulp', 'cijfer', 'tijd_zorg', 'tijd_werk', 'opm'] },
  ],
};
// Stops after 5 of the 8 pages routed to (werk == 2: uren not asked): 5/8 ≥ 0.5, exported as partial.
const s3: Script = {
  status: 'started',
  pages: [
    { answers: { werk: 2 } },
    { answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0 } },
    { answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0, kanaal: [1] } },
    { answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0, kanaal: [1], st_werk: 4, st_hulp: 5 } },
    { answers: { werk: 2, hulp_1: 0, hulp_2: 1, hulp_3: 0, kanaal: [1], st_werk: 4, st_hulp: 5, cijfer: 3 } },
  ],
};
// Stops after 1 of 8 pages: below the threshold, left out.
const s4: Script = { status: 'started', pages: [{ answers: { werk: 1 } }] };
// A complete response whose store still holds an answer the routing no longer asks (uren with werk == 2).
const s5: Script = {
  status: 'complete',
  pages: [
    { answers: { werk: 2, uren: 10, hulp_3: 1, kanaal: [3], st_werk: 3, st_hulp: 3, cijfer: 10, tijd_zorg: 0, tijd_werk: 0, reden: 8, opm: 'Niets' } },
  ],
};
// A test link, complete: never exported.
const sTest: Script = { status: 'complete', pages: [{ answers: { werk: 1, kanaal: [1], st_werk: 1, st_hulp: 1, cijfer: 1, uren: 1, tijd_zorg: 1, tijd_werk: 1, reden: 1, opm: 'TESTANTWOORD' } }] };

type Cell = number | string | null;
/** Expected export rows (s1, s2, s3, s5), by hand: null = system-missing. */
const expected: Record<string, Cell[]> = {
  werk: [1, 2, 2, 2],
  hulp_1: [null, 1, 0, 0],
  hulp_2: [null, 0, 1, 0],
  hulp_3: [null, 0, 0, 1],
  kanaal: ['1;3', '2', '1', '3'],
  st_werk: [2, 1, 4, 3],
  st_hulp: [9, -1, 5, 3],
  cijfer: [7, -1, 3, 10],
  uren: [32, null, null, null],
  tijd_zorg: [20, -1, -2, 0],
  tijd_werk: [80, -1, -2, 0],
  reden: [3, 1, -2, 8],
  reden_anders: ['Via de krant', '', '', ''],
  opm: [XSS, '', '', 'Niets'],
  disposition: [1.1, 1.1, 1.2, 1.1],
};

async function answer(store: FieldStore, participantId: string, script: Script, hash: string): Promise<void> {
  const r = await store.startResponse({ participantId, structureHash: hash });
  let revision = r.revision;
  for (const [i, p] of script.pages.entries()) {
    const last = i === script.pages.length - 1;
    const result = await store.submitPage({
      responseId: r.id,
      expectedRevision: revision,
      pageId: `p${i}`,
      answers: p.answers,
      skipped: p.skipped ?? [],
      pageIndex: i + 1,
      status: last ? script.status : 'started',
    });
    if (result.kind !== 'saved') throw new Error(`page ${i} not saved: ${result.kind}`);
    revision = result.revision;
  }
  // Distinct start times keep the export's row order (oldest first) the script order.
  await new Promise((res) => setTimeout(res, 5));
}

function cells(data: Dataset, name: string): Cell[] {
  const col = data.column(name);
  if (col.type === 'string') return [...col.values];
  return Array.from(col.values as Float64Array, (v) => (Number.isNaN(v) ? null : v));
}

let s: StudyFolder;
let people: Record<string, string>[];

beforeAll(async () => {
  s = await studyFolder('spiegel-field-export-');
  expect((await run(['field', 'init', s.spec])).code).toBe(0);
  const letters = join(s.dir, 'letters.csv');
  expect((await run(['field', 'import', s.spec, '--sample', s.sample, '--test', '1', '--letters', letters])).code).toBe(0);
  people = parseLetters(readFileSync(letters, 'utf8'));
  const hash = structureHash(loadSpec(s.spec).spec, 2021);
  const store = await openFieldStore({ engine: 'sqlite', file: join(s.dir, 'study.field.sqlite') });
  try {
    const token = (row: Record<string, string>): string => row.link.split('/s/')[1];
    const ids: string[] = [];
    for (const [i, script] of [s1, s2, s3, s4, s5].entries()) {
      const p = (await store.participantByToken(token(people[i])))!;
      ids.push(p.id);
      await answer(store, p.id, script, hash);
    }
    // Someone opened the link and left at once: started, nothing answered.
    await store.startResponse({ participantId: (await store.participantByToken(token(people[5])))!.id, structureHash: hash });
    const t = (await store.participantByToken(token(people.find((x) => x.test === 'test')!)))!;
    expect(t.test).toBe(true);
    await answer(store, t.id, sTest, hash);
  } finally {
    await store.close();
  }
});

describe('spiegel field export', () => {
  it('writes one row per respondent with routing, skip and not-reached codes, and no identities', async () => {
    const r = await run(['field', 'export', s.spec, '--wave', '2021']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sav = join(s.dir, 'respondenten-2021.sav');
    expect(r.stdout).toContain(`Wrote 4 respondent(s) of wave 2021 to ${sav}: 3 complete, 1 partial; 2 break-off(s) below the partial threshold left out.`);
    const data = await readDataset(sav);
    expect(data.nrow).toBe(4);
    for (const [name, want] of Object.entries(expected)) expect([name, cells(data, name)]).toEqual([name, want]);
    expect(cells(data, 'id')).toEqual([1, 2, 3, 4]);
    // Register columns from the sample, of the respondents' own units.
    const sample = await readDataset(s.sample);
    const sampleIds = sample.strings('id');
    for (const [k, person] of [0, 1, 2, 4].entries()) {
      const row = sampleIds.indexOf(people[person].id);
      expect(data.strings('stratum')[k]).toBe(sample.strings('stratum')[row]);
      expect(cells(data, 'design_weight')[k]).toBe(cells(sample, 'design_weight')[row]);
      expect(cells(data, 'geslacht')[k]).toBe(cells(sample, 'geslacht')[row]);
    }
    // Labels and declared user-missing codes.
    const st = data.column('st_hulp');
    if (st.type === 'string') throw new Error('st_hulp should be numeric');
    expect(st.missing.values).toEqual([-1, -2]);
    expect(st.valueLabels.get(9)).toBe('N.v.t.');
    expect(st.valueLabels.get(-1)).toBe('Gevraagd, niet beantwoord');
    expect(st.valueLabels.get(-2)).toBe('Niet bereikt (eerder gestopt)');
    expect(data.column('werk').label).toBe('Heeft u op dit moment betaald werk?');
    // No contact data, unit ids, tokens, codes or test answers anywhere in the file.
    expect(data.columns.map((c) => c.name)).not.toContain('naam');
    const bytes = readFileSync(sav).toString('latin1');
    for (const p of people) {
      if (p.naam !== '') expect(bytes).not.toContain(p.naam);
      expect(bytes).not.toContain(p.link.split('/s/')[1]);
      expect(bytes).not.toContain(p.login_code);
    }
    expect(bytes).not.toContain('TESTANTWOORD');
    expect(bytes).not.toContain('Dorpsstraat');
  });

  it('writes the same as CSV with a codebook that spiegel reads back', async () => {
    const out = join(s.dir, 'export.csv');
    const r = await run(['field', 'export', s.spec, '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(join(s.dir, 'export.codebook.yaml'))).toBe(true);
    const data = await readDataset(out);
    for (const [name, want] of Object.entries(expected)) expect([name, cells(data, name)]).toEqual([name, want]);
    const codebook = readFileSync(join(s.dir, 'export.codebook.yaml'), 'utf8');
    expect(codebook).not.toMatch(/Persoon|Dorpsstraat/);
  });

  it('is accepted by spiegel report as the wave\'s data without edits', async () => {
    expect((await run(['field', 'export', s.spec])).code).toBe(0);
    const out = join(s.dir, 'report');
    const r = await run(['report', s.spec, '--out', out, '--formats', 'html']);
    expect([r.code, r.stderr]).toEqual([0, expect.not.stringMatching(/error/i)]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('Heeft u betaald werk?');
    // The open answer with markup never reaches the report unescaped.
    expect(html).not.toContain('<script>alert(1)</script>');
  });

  const hasR = spawnSync('Rscript', ['--version']).status === 0;
  if (!hasR) console.warn('field export R haven check skipped: no Rscript');
  it.runIf(hasR)('is read by R haven with labels and user-missing codes', () => {
    const sav = join(s.dir, 'respondenten-2021.sav');
    const script = `
      suppressMessages(library(haven))
      d <- read_sav(${JSON.stringify(sav)}, user_na = TRUE)
      cat("nrow", nrow(d), "\\n")
      cat("na_values", attr(d$st_hulp, "na_values"), "\\n")
      cat("st_hulp", as.numeric(d$st_hulp), "\\n")
      cat("missing_st_hulp", is.na(d$st_hulp), "\\n")
      cat("tijd_zorg", as.numeric(d$tijd_zorg), "\\n")
      cat("uren", as.numeric(d$uren), "\\n")
      lab <- attr(d$werk, "labels"); cat("werk_labels", paste(names(lab), lab, sep = "=", collapse = "|"), "\\n")
      cat("opm1", d$opm[1], "\\n")
      cat("kanaal", d$kanaal, "\\n")
      cat("has_naam", "naam" %in% names(d), "\\n")
    `;
    const out = execFileSync('Rscript', ['-e', script], { encoding: 'utf8' });
    const line = (k: string): string => out.split('\n').find((l) => l.startsWith(`${k} `))!.slice(k.length + 1).trim();
    expect(line('nrow')).toBe('4');
    expect(line('na_values')).toBe('-1 -2');
    expect(line('st_hulp')).toBe('9 -1 5 3');
    expect(line('missing_st_hulp')).toBe('FALSE TRUE FALSE FALSE');
    expect(line('tijd_zorg')).toBe('20 -1 -2 0');
    expect(line('uren')).toBe('32 NA NA NA');
    expect(line('werk_labels')).toContain('Ja=1|Nee=2');
    expect(line('opm1')).toBe(XSS);
    expect(line('kanaal')).toBe('1;3 2 1 3');
    expect(line('has_naam')).toBe('FALSE');
  });
});
