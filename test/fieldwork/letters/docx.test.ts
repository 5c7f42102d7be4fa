/**
 * `spiegel field letters --out letters.docx`: one section per letter, the address in a frame
 * anchored to the page at the envelope's window (twips: 1 mm = 1440/25.4), the QR code as a
 * PNG per letter, each participant's name, link and code once in their own letter, and a name
 * with markup or a formula kept as text.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { mailingList, type MailingEntry } from '../../../src/fieldwork/store/contacts.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { run } from '../store/setup.js';
import { lettersStudy, storeFile, WINDOW, type LettersStudy } from './setup.js';

const twips = (mm: number): number => Math.round((mm * 1440) / 25.4);

describe('spiegel field letters --out letters.docx', () => {
  let s: LettersStudy;
  let out: string;
  let list: MailingEntry[];
  let xml: string;
  let zip: JSZip;

  beforeAll(async () => {
    const base = await lettersStudy('spiegel-letters-docx-');
    const sample = join(base.dir, 'sample-hostile.csv');
    const lines = readFileSync(base.sample, 'utf8').split('\n');
    const naam = lines[0]!.split(',').indexOf('naam');
    const cells = lines[1]!.split(',');
    cells[naam] = '"<script>alert(1)</script> =HYPERLINK(""http://evil.example"",""klik"")"';
    lines[1] = cells.join(',');
    writeFileSync(sample, lines.join('\n'));
    s = await lettersStudy('spiegel-letters-docx-', {}, sample);
    out = join(s.dir, 'brieven.docx');
    const r = await run(['field', 'letters', s.spec, '--out', out, '--date', '2021-06-14']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const store = await openFieldStore({ engine: 'sqlite', file: storeFile(s) });
    try {
      list = await mailingList(store.db);
    } finally {
      await store.close();
    }
    zip = await JSZip.loadAsync(readFileSync(out));
    xml = await zip.file('word/document.xml')!.async('string');
  }, 60_000);

  it('has one section and one QR image per letter, readable by the owner only', () => {
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(xml.match(/<w:sectPr\b/g)).toHaveLength(20);
    expect(Object.keys(zip.files).filter((f) => /^word\/media\/.*\.png$/.test(f))).toHaveLength(20);
  });

  it('frames the address at the window, anchored to the page', () => {
    const frames = [...xml.matchAll(/<w:framePr\b([^>]*)\/>/g)].map((m) => m[1]!).filter((a) => a.includes(`w:x="${twips(WINDOW.left + 4)}"`));
    // return address + three address lines, in every letter
    expect(frames).toHaveLength(20 * 4);
    for (const f of frames) {
      expect(f).toContain(`w:y="${twips(WINDOW.top + 3)}"`);
      expect(f).toContain(`w:w="${twips(WINDOW.width - 8)}"`);
      expect(f).toContain(`w:h="${twips(WINDOW.height - 6)}"`);
      expect(f).toMatch(/w:hAnchor="page"/);
      expect(f).toMatch(/w:vAnchor="page"/);
    }
  });

  it('puts each name, link and code once in its own letter, in order, with the date in Dutch', async () => {
    const text = (await mammoth.extractRawText({ path: out })).value;
    const letters = text.split('Retouradres').slice(1);
    expect(letters).toHaveLength(20);
    list.forEach((e, i) => {
      const letter = letters[i]!;
      expect(letter.split(e.contact.naam!).length - 1).toBe(1);
      expect(letter.split(`${s.baseUrl}/s/${e.token}`).length - 1).toBe(1);
      expect(letter.split(e.loginCode!).length - 1).toBe(1);
      expect(letter).toContain('14 juni 2021');
      expect(letter).toContain('15 augustus 2021');
    });
    expect(text).toContain('<script>alert(1)</script> =HYPERLINK("http://evil.example","klik")');
    // Escaped in the XML: the name is character data, not markup or a field.
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toMatch(/<script/);
    expect(xml).not.toMatch(/w:instrText|w:fldSimple/);
  });
});
