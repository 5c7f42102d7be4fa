/**
 * `spiegel field import` now that the store keeps the credentials for the letters: `--letters`
 * is optional, and its links take `fieldwork.baseUrl` when `--base-url` is not given.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mailingList } from '../../../src/fieldwork/store/contacts.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { parseLetters, run, studyFolder } from '../store/setup.js';
import { editFieldwork } from './setup.js';

describe('spiegel field import without --letters, and baseUrl from the spec', () => {
  it('stores links and codes for the letters without writing a file', async () => {
    const s = await studyFolder('spiegel-letters-import-');
    expect((await run(['field', 'init', s.spec])).code).toBe(0);
    const r = await run(['field', 'import', s.spec, '--sample', s.sample]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Imported 20 participant\(s\)/);
    expect(r.stdout).toMatch(/kept in the store for the letters \(spiegel field letters\)/);
    expect(r.stdout).not.toMatch(/CONTACT DATA/);
    const store = await openFieldStore({ engine: 'sqlite', file: join(s.dir, 'study.field.sqlite') });
    try {
      const list = await mailingList(store.db);
      expect(list).toHaveLength(20);
      for (const e of list) {
        expect(e.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
        expect(e.loginCode).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
      }
    } finally {
      await store.close();
    }
    expect(existsSync(join(s.dir, 'letters.csv'))).toBe(false);
  });

  it('writes the links of --letters with fieldwork.baseUrl, and --base-url still wins', async () => {
    const s = await studyFolder('spiegel-letters-import-');
    editFieldwork(s.spec, { baseUrl: 'https://vragen.example.org/' });
    expect((await run(['field', 'init', s.spec])).code).toBe(0);
    const letters = join(s.dir, 'letters.csv');
    expect((await run(['field', 'import', s.spec, '--test', '2', '--letters', letters])).code).toBe(0);
    for (const row of parseLetters(readFileSync(letters, 'utf8'))) {
      expect(row.link).toMatch(/^https:\/\/vragen\.example\.org\/s\/[A-Za-z0-9_-]{24}$/);
      expect(row.login_url).toBe('https://vragen.example.org/login');
    }
    const other = join(s.dir, 'letters-2.csv');
    expect((await run(['field', 'import', s.spec, '--test', '1', '--letters', other, '--base-url', 'https://elders.example.nl'])).code).toBe(0);
    expect(parseLetters(readFileSync(other, 'utf8'))[0]!.link).toMatch(/^https:\/\/elders\.example\.nl\/s\//);
  });
});
