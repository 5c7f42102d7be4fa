/**
 * `spiegel field letters --out letters.pdf`: one letter per sampled participant, read back
 * from the PDF with poppler: each letter's name, link and code on its own page, the closing
 * date in Dutch, the first address line inside the envelope's window (measured in the PDF),
 * the QR code decoding to the personal link, names with markup or a formula kept as text.
 */
import { readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../../src/fieldwork/store/audit.js';
import { mailingList, type MailingEntry } from '../../../src/fieldwork/store/contacts.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { run } from '../store/setup.js';
import { editFieldwork, lettersStudy, storeFile, WINDOW, type LettersStudy } from './setup.js';
import { pageCountOf, pageText, qrOnPage, skipPdf, wordBoxes } from './tools.js';

const count = (text: string, part: string): number => text.split(part).length - 1;

async function sampled(s: LettersStudy): Promise<MailingEntry[]> {
  const store = await openFieldStore({ engine: 'sqlite', file: storeFile(s) });
  try {
    return await mailingList(store.db);
  } finally {
    await store.close();
  }
}

describe.skipIf(skipPdf)('spiegel field letters --out letters.pdf', () => {
  let s: LettersStudy;
  let pdf: string;
  let list: MailingEntry[];
  let stdout: string;

  beforeAll(async () => {
    s = await lettersStudy('spiegel-letters-pdf-');
    pdf = join(s.dir, 'brieven.pdf');
    const r = await run(['field', 'letters', s.spec, '--out', pdf, '--date', '2021-06-14']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    stdout = r.stdout;
    list = await sampled(s);
  }, 120_000);

  it('writes one page per sampled participant (no test links), readable by the owner only', () => {
    expect(list).toHaveLength(20);
    expect(stdout).toMatch(/Wrote 20 invitation letter\(s\) to .*brieven\.pdf, 20 page\(s\)/);
    expect(stdout).toMatch(/CONTACT DATA/);
    expect(pageCountOf(pdf)).toBe(20);
    expect(statSync(pdf).mode & 0o777).toBe(0o600);
  });

  it('puts each participant\'s name, link and code once on their own letter, and no one else\'s', () => {
    for (let page = 1; page <= 20; page++) {
      const text = pageText(pdf, page);
      const mine = list.filter((e) => text.includes(e.loginCode!));
      expect(mine).toHaveLength(1);
      const e = mine[0]!;
      const link = `${s.baseUrl}/s/${e.token}`;
      expect(count(text, e.loginCode!)).toBe(1);
      expect(count(text, link)).toBe(1);
      expect(count(text, `${s.baseUrl}/login`)).toBe(1);
      expect(count(text, e.contact.naam!)).toBe(1);
      expect(text).toContain(e.contact.adres!);
      expect(text).toContain('15 augustus 2021');
      expect(text).toContain('14 juni 2021');
      expect(text).toContain('Retouradres Inspectie SZW');
      for (const other of list) if (other !== e) expect(text).not.toContain(other.token!);
    }
  });

  it('places the address block inside the window of the envelope (measured in the PDF)', () => {
    const words = wordBoxes(pdf, 1);
    const e = list.find((x) => pageText(pdf, 1).includes(x.loginCode!))!;
    const [first, number] = e.contact.naam!.split(' ');
    const i = words.findIndex((w, k) => w.text === first && words[k + 1]?.text === number);
    expect(i).toBeGreaterThanOrEqual(0);
    const start = words[i]!;
    // The first address line starts inside the window rectangle (20, 50) – (105, 90) mm.
    expect(start.left).toBeGreaterThan(WINDOW.left);
    expect(start.left).toBeLessThan(WINDOW.left + 10);
    expect(start.top).toBeGreaterThan(WINDOW.top);
    expect(start.bottom).toBeLessThan(WINDOW.top + WINDOW.height);
    // The whole address (down to the town) stays in the window.
    const town = words.find((w) => w.text === 'Utrecht')!;
    expect(town.bottom).toBeLessThan(WINDOW.top + WINDOW.height);
    expect(town.right).toBeLessThan(WINDOW.left + WINDOW.width);
    expect(town.top).toBeGreaterThan(start.top);
  });

  it('prints a QR code that decodes to the personal link', () => {
    for (const page of [1, 7, 20]) {
      const e = list.find((x) => pageText(pdf, page).includes(x.loginCode!))!;
      expect(qrOnPage(pdf, page)).toBe(`${s.baseUrl}/s/${e.token}`);
    }
  }, 60_000);

  it('records the read of contact data in the audit log, naming no one', async () => {
    const store = await openFieldStore({ engine: 'sqlite', file: storeFile(s) });
    try {
      const entry = (await auditLog(store.db)).find((a) => a.action === 'letters');
      expect(entry).toMatchObject({ detail: `20 letters (invitation) to ${pdf}`, personal: false });
      expect(entry?.username).toMatch(/^cli:/);
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(skipPdf)('letters with hostile names, proofs and duplex', () => {
  it('keeps a name with markup or a spreadsheet formula as text', async () => {
    const base = await lettersStudy('spiegel-letters-inject-');
    const sample = join(base.dir, 'sample-hostile.csv');
    const lines = readFileSync(base.sample, 'utf8').split('\n');
    const head = lines[0]!.split(',');
    const naam = head.indexOf('naam');
    const put = (row: number, value: string): void => {
      const cells = lines[row]!.split(',');
      cells[naam] = `"${value.replace(/"/g, '""')}"`;
      lines[row] = cells.join(',');
    };
    put(1, '<script>alert(1)</script>');
    put(2, '=HYPERLINK("http://evil.example","klik")');
    writeFileSync(sample, lines.join('\n'));
    const s = await lettersStudy('spiegel-letters-inject-', {}, sample);
    const pdf = join(s.dir, 'brieven.pdf');
    const ids = (await sampled(s)).filter((e) => e.contact.naam!.startsWith('<') || e.contact.naam!.startsWith('=')).map((e) => e.participantId);
    expect(ids).toHaveLength(2);
    const r = await run(['field', 'letters', s.spec, '--out', pdf, '--only', ids.join(',')]);
    expect(r.stderr).toBe('');
    const text = pageText(pdf, 1) + pageText(pdf, 2);
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('=HYPERLINK("http://evil.example","klik")');
    expect(pageCountOf(pdf)).toBe(2);
  }, 120_000);

  it('makes proofs for the test links only, and pads odd letters to whole sheets with --duplex', async () => {
    const s = await lettersStudy('spiegel-letters-duplex-');
    const proofs = join(s.dir, 'proef.pdf');
    const r = await run(['field', 'letters', s.spec, '--out', proofs, '--test']);
    expect(r.stdout).toMatch(/Wrote 2 invitation letter\(s\)/);
    expect(pageCountOf(proofs)).toBe(2);
    const duplex = join(s.dir, 'duplex.pdf');
    expect((await run(['field', 'letters', s.spec, '--out', duplex, '--test', '--duplex'])).code).toBe(0);
    expect(pageCountOf(duplex)).toBe(4);
    expect(pageText(duplex, 2).trim()).toBe('');
    expect(pageText(duplex, 3)).toContain('Retouradres');
    // A letter of two pages needs no blank page.
    editFieldwork(s.spec, { letters: { ...JSON.parse(JSON.stringify((await import('./setup.js')).LETTERS)), invitation: Array.from({ length: 35 }, (_, i) => `Alinea ${i + 1} van een lange brief.`).join('\n\n') } });
    const long = join(s.dir, 'lang.pdf');
    expect((await run(['field', 'letters', s.spec, '--out', long, '--test', '--duplex'])).code).toBe(0);
    expect(pageCountOf(long)).toBe(4);
    expect(pageText(long, 2)).toContain('Alinea 35');
    expect(pageText(long, 3)).toContain('Retouradres');
    expect(existsSync(join(s.dir, 'brieven.pdf'))).toBe(false);
  }, 180_000);
});
