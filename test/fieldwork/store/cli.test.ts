/**
 * `spiegel field init` and `spiegel field import`: the store beside the spec, participants from
 * the output of `spiegel sample`, the letters file, and bad input that stores nothing.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isWellFormedLoginCode } from '../../../src/fieldwork/store/credentials.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { parseLetters, run, studyFolder } from './setup.js';

describe('spiegel field init', () => {
  it('creates the store beside the spec and refuses to create it twice', async () => {
    const s = await studyFolder('spiegel-field-init-');
    const r = await run(['field', 'init', s.spec, '--wave', '2021']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const file = join(s.dir, 'study.field.sqlite');
    expect(r.stdout).toContain(`wave 2021: ${file}`);
    const store = await openFieldStore({ engine: 'sqlite', file });
    expect(await store.meta()).toMatchObject({ studyId: 'veldwerk', wave: 2021, anonymous: false });
    await store.close();
    const again = await run(['field', 'init', s.spec, '--wave', '2021']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a spiegel field store/);
  });

  it('refuses a wave that is not in the spec, naming the spec field', async () => {
    const s = await studyFolder('spiegel-field-init-');
    const r = await run(['field', 'init', s.spec, '--wave', '2019']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--wave 2019 differs from the wave this spec fields \(fieldwork.wave: 2021\)/);
    writeFileSync(s.spec, readFileSync(s.spec, 'utf8').replace('  wave: 2021\n', ''));
    const r2 = await run(['field', 'init', s.spec, '--wave', '2019']);
    expect(r2.stderr).toMatch(/study\.yaml:\d+(:\d+)?, field "waves": wave 2019 is not in the spec \(its waves: 2021\)/);
    expect(existsSync(join(s.dir, 'study.field.sqlite'))).toBe(false);
  });

  it('says what subcommands there are', async () => {
    const r = await run(['field', 'serf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown field subcommand "serf"[\s\S]*init[\s\S]*import[\s\S]*export/);
  });
});

describe('spiegel field import', () => {
  it('gives every sampled unit a link and a login code, keeps contact data apart and stores only hashes', async () => {
    const s = await studyFolder('spiegel-field-import-');
    expect((await run(['field', 'init', s.spec])).code).toBe(0);
    const letters = join(s.dir, 'letters.csv');
    const r = await run(['field', 'import', s.spec, '--sample', s.sample, '--test', '3', '--letters', letters, '--base-url', 'https://enquete.example.nl/']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Imported 20 participant\(s\) and 3 test link\(s\)/);
    expect(r.stdout).toMatch(/CONTACT DATA/);
    expect(statSync(letters).mode & 0o777).toBe(0o600);
    const rows = parseLetters(readFileSync(letters, 'utf8'));
    expect(rows).toHaveLength(23);
    expect(Object.keys(rows[0])).toEqual(['id', 'naam', 'adres', 'postcode', 'woonplaats', 'test', 'link', 'login_url', 'login_code']);
    const people = rows.filter((x) => x.test === '');
    expect(people).toHaveLength(20);
    expect(rows.filter((x) => x.test === 'test').map((x) => x.id)).toEqual(['test-1', 'test-2', 'test-3']);
    for (const x of rows) {
      expect(x.link).toMatch(/^https:\/\/enquete\.example\.nl\/s\/[A-Za-z0-9_-]{24}$/);
      expect(x.login_url).toBe('https://enquete.example.nl/login');
      expect(isWellFormedLoginCode(x.login_code)).toBe(true);
    }
    expect(people[0].naam).toMatch(/^Persoon \d+$/);

    const file = join(s.dir, 'study.field.sqlite');
    const store = await openFieldStore({ engine: 'sqlite', file });
    try {
      const p = await store.participantByToken(people[0].link.split('/s/')[1]);
      expect(p).toEqual({ id: people[0].id, test: false, status: 'invited' });
      expect((await store.participantByLoginCode(rows[21].login_code))?.test).toBe(true);
      expect(await store.participantCount()).toEqual({ sampled: 20, test: 3 });
    } finally {
      await store.close();
    }
    // Neither a token nor a login code is in the database file; contact data only in its own table;
    // columns that are neither register nor contact columns (bsn, regio) are not stored at all.
    const db = new Database(file, { readonly: true });
    const dump = JSON.stringify([
      db.prepare('select * from field_participants').all(),
      db.prepare('select * from field_meta').all(),
    ]);
    const contacts = JSON.stringify(db.prepare('select * from field_contacts').all());
    db.close();
    for (const x of rows) {
      expect(dump).not.toContain(x.link.split('/s/')[1]);
      expect(dump).not.toContain(x.login_code.replace(/-/g, ''));
    }
    expect(dump).not.toContain('Persoon');
    expect(dump).not.toContain('1000000');
    expect(contacts).toContain(people[0].naam);
    expect(contacts).not.toContain('1000000');
  });

  it('refuses a sample without a declared column, with duplicate ids, or imported twice, storing nothing', async () => {
    const s = await studyFolder('spiegel-field-import-');
    expect((await run(['field', 'init', s.spec])).code).toBe(0);
    const letters = join(s.dir, 'letters.csv');
    const sample = readFileSync(s.sample, 'utf8');

    const noWeight = join(s.dir, 'no-weight.csv');
    const lines = sample.trim().split('\n');
    const cut = lines[0].split(/[;,]/).indexOf('design_weight');
    const sep = lines[0].includes(';') ? ';' : ',';
    writeFileSync(noWeight, lines.map((l) => l.split(sep).filter((_, i) => i !== cut).join(sep)).join('\n') + '\n');
    const r1 = await run(['field', 'import', s.spec, '--sample', noWeight, '--letters', letters]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/no-weight\.csv: the sample has no column "design_weight" \(named in fieldwork\.registerColumns\[1\] of the spec\)/);

    const dup = join(s.dir, 'dup.csv');
    writeFileSync(dup, [...lines, lines[3]].join('\n') + '\n');
    const r2 = await run(['field', 'import', s.spec, '--sample', dup, '--letters', letters]);
    expect(r2.code).toBe(1);
    const dupId = lines[3].split(sep)[0];
    expect(r2.stderr).toMatch(new RegExp(`dup\\.csv:${lines.length + 1}, field "id": unit id "${dupId}" occurs twice \\(also on line 4\\)`));
    expect(existsSync(letters)).toBe(false);

    expect((await run(['field', 'import', s.spec, '--sample', s.sample, '--letters', letters])).code).toBe(0);
    const first = readFileSync(letters, 'utf8');
    const r3 = await run(['field', 'import', s.spec, '--sample', s.sample, '--letters', letters]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/participant "r\d+" is already in the store \(was this sample imported before\?\)/);
    // The letters file of the first import is untouched.
    expect(readFileSync(letters, 'utf8')).toBe(first);
    const store = await openFieldStore({ engine: 'sqlite', file: join(s.dir, 'study.field.sqlite') });
    expect(await store.participantCount()).toEqual({ sampled: 20, test: 0 });
    await store.close();
  });

  it('never writes the letters over the sample, and refuses a store of another study or a changed questionnaire', async () => {
    const s = await studyFolder('spiegel-field-import-');
    expect((await run(['field', 'init', s.spec])).code).toBe(0);
    const before = readdirSync(s.dir).sort();
    const r = await run(['field', 'import', s.spec, '--sample', s.sample, '--letters', s.sample]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the letters file \(--letters\) is the same file as the sample/);
    expect(readdirSync(s.dir).sort()).toEqual(before);

    const text = readFileSync(s.spec, 'utf8');
    writeFileSync(s.spec, text.replace("      - { code: 8, label: Weet ik niet, special: dontKnow }\n", ''));
    const r2 = await run(['field', 'import', s.spec, '--sample', s.sample, '--letters', join(s.dir, 'l.csv')]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/study\.yaml, field "questions": the questionnaire changed[\s\S]*question "reden": answer code 8 was removed/);

    writeFileSync(s.spec, text.replace('id: veldwerk', 'id: andere_studie'));
    const r3 = await run(['field', 'import', s.spec, '--sample', s.sample, '--letters', join(s.dir, 'l.csv')]);
    expect(r3.stderr).toMatch(/the store belongs to study "veldwerk", not to "andere_studie"/);
    expect(existsSync(join(s.dir, 'l.csv'))).toBe(false);
  });
});
