/**
 * Bad input for `spiegel field letters`: each refusal names the spec line and field or the
 * participant and column, and writes nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { run } from '../store/setup.js';
import { editFieldwork, LETTERS, lettersStudy, storeFile } from './setup.js';

describe('spiegel field letters refuses bad input and writes nothing', () => {
  it('an unknown placeholder, with the spec line and field', async () => {
    const s = await lettersStudy('spiegel-letters-check-');
    editFieldwork(s.spec, { letters: { ...LETTERS, address: ['{{naam}}', '{{straat}}'] } });
    const out = join(s.dir, 'brieven.pdf');
    const r = await run(['field', 'letters', s.spec, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/study\.yaml:\d+(:\d+)?, field "fieldwork\.letters\.address\[1\]": unknown placeholder \{\{straat\}\}: a letter may use the contact columns \(fieldwork\.contactColumns: naam, adres, postcode, woonplaats\)/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a reminder the spec has no text for, and a spec without letters', async () => {
    const s = await lettersStudy('spiegel-letters-check-');
    const out = join(s.dir, 'brieven.pdf');
    const r = await run(['field', 'letters', s.spec, '--out', out, '--reminder', '2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/field "fieldwork\.letters\.reminders": --reminder 2 asks for reminder letter 2, but fieldwork\.letters\.reminders has only 1/);
    editFieldwork(s.spec, { letters: undefined });
    const none = await run(['field', 'letters', s.spec, '--out', out]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/field "fieldwork": the spec has no fieldwork\.letters/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('a participant without a column the address needs, named with the column', async () => {
    const base = await lettersStudy('spiegel-letters-check-');
    const sample = join(base.dir, 'sample-gap.csv');
    const lines = readFileSync(base.sample, 'utf8').split('\n');
    const head = lines[0]!.split(',');
    const cells = lines[3]!.split(',');
    const id = cells[head.indexOf('id')]!;
    cells[head.indexOf('adres')] = '';
    lines[3] = cells.join(',');
    writeFileSync(sample, lines.join('\n'));
    const s = await lettersStudy('spiegel-letters-check-', {}, sample);
    const out = join(s.dir, 'brieven.docx');
    const r = await run(['field', 'letters', s.spec, '--out', out, '--posted', '2021-06-15']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`participant "${id}" has no value for column "adres", which the address needs`);
    expect(r.stderr).toMatch(/field "fieldwork\.letters\.address\[1\]"/);
    expect(existsSync(out)).toBe(false);
    const store = await openFieldStore({ engine: 'sqlite', file: storeFile(s) });
    try {
      expect(await store.db.selectFrom('field_mail').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('a store whose contact data was purged (no credentials)', async () => {
    const s = await lettersStudy('spiegel-letters-check-');
    const store = await openFieldStore({ engine: 'sqlite', file: storeFile(s) });
    try {
      // What spiegel field purge leaves: participants without link or login code in clear.
      await store.db.updateTable('field_contacts').set({ token: null, login_code: null }).execute();
    } finally {
      await store.close();
    }
    const out = join(s.dir, 'brieven.pdf');
    const r = await run(['field', 'letters', s.spec, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no link or login code in the store: its contact data was purged/);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('usage: no output named, a wrong extension, a bad date, a base URL missing everywhere', async () => {
    const s = await lettersStudy('spiegel-letters-check-', { baseUrl: undefined });
    expect((await run(['field', 'letters', s.spec])).stderr).toMatch(/name the letters file with --out/);
    expect((await run(['field', 'letters', s.spec, '--out', join(s.dir, 'b.txt')])).stderr).toMatch(/--out must end in \.pdf or \.docx/);
    expect((await run(['field', 'letters', s.spec, '--posted', '2021-02-30'])).stderr).toMatch(/--posted must be a date such as 2021-06-15, not "2021-02-30"/);
    expect((await run(['field', 'letters', s.spec, '--out', join(s.dir, 'b.pdf')])).stderr).toMatch(/set fieldwork\.baseUrl in the spec or give --base-url/);
    expect((await run(['field', 'letters', s.spec, '--test', '--posted', '2021-06-15'])).stderr).toMatch(/proofs made with --test are not posted/);
  }, 60_000);
});
