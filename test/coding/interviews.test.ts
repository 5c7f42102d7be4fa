import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import type { Codebook } from '../../src/coding/codebook.js';
import { deidentify, reidentify } from '../../src/coding/interviews/deidentify.js';
import { readInterview } from '../../src/coding/interviews/import.js';
import { codePointLength, reanchor, sliceCodePoints, utf16Index } from '../../src/coding/interviews/spans.js';
import { topicReport, type FragmentCoding } from '../../src/coding/interviews/topics.js';
import { FileFormatError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-interviews-'));
const write = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('importing interviews', () => {
  it('reads a .md transcript with its attributes in front matter; the id is stable', async () => {
    const file = write('Zwolle 2021-10-04.md', '\uFEFF---\norganisatie: Gemeente Zwolle\nrol: inkomensconsulent\ngrootte: groot\ndatum: 2021-10-04\n---\r\nI: Hoe gaat het?\r\nR: Goed.\r\n');
    const doc = await readInterview(file);
    expect(doc.id).toBe('zwolle-2021-10-04');
    expect(doc.attributes).toEqual({ organisatie: 'Gemeente Zwolle', rol: 'inkomensconsulent', grootte: 'groot', datum: '2021-10-04' });
    expect(doc.text).toBe('I: Hoe gaat het?\nR: Goed.\n');
    expect((await readInterview(file)).textHash).toBe(doc.textHash);
  });

  it('reads a Word .docx (made here with the docx package, read back through mammoth)', async () => {
    const d = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('Interview met een klantmanager.')] }), new Paragraph('Ze noemt de werkdruk 🙂 hoog.')] }] });
    const file = write('km-03.docx', await Packer.toBuffer(d));
    const doc = await readInterview(file, { attributes: { rol: 'klantmanager' } });
    expect(doc.id).toBe('km-03');
    expect(doc.text).toContain('Interview met een klantmanager.');
    expect(doc.text).toContain('Ze noemt de werkdruk 🙂 hoog.');
    expect(doc.attributes).toEqual({ rol: 'klantmanager' });
  });

  it('refuses a file that is not what its name says, naming the file', async () => {
    await expect(readInterview(write('fake.docx', 'Dit is platte tekst'))).rejects.toThrow(/fake\.docx.*not a Word \.docx file/s);
    await expect(readInterview(write('broken.docx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)])))).rejects.toBeInstanceOf(FileFormatError);
    await expect(readInterview(write('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9])))).rejects.toThrow(/latin1\.txt.*not UTF-8/s);
    await expect(readInterview(write('notes.pdf', 'x'))).rejects.toThrow(/notes\.pdf.*\.txt, \.md or \.docx/s);
    await expect(readInterview(write('bad-front.md', '---\n- a\n- b\n---\ntekst'))).rejects.toThrow(/bad-front\.md:2/);
  });
});

describe('fragments in code points', () => {
  const text = 'Werk 🙂 is belangrijk. Geld ook.';
  it('counts an emoji as one character, as REFI-QDA does', () => {
    expect(codePointLength('🙂')).toBe(1);
    expect(utf16Index(text, 7)).toBe(8);
    expect(sliceCodePoints(text, 7, 21)).toBe('is belangrijk.');
  });

  it('keeps, moves or loses a coding when the document is imported again', () => {
    const f = { start: 22, end: 31, text: 'Geld ook.' };
    expect(sliceCodePoints(text, f.start, f.end)).toBe(f.text);
    expect(reanchor(f, text).kind).toBe('same');
    const moved = reanchor(f, `Inleiding. ${text}`);
    expect(moved).toEqual({ kind: 'moved', fragment: { start: 33, end: 42, text: 'Geld ook.' } });
    expect(reanchor(f, 'Alles anders.').kind).toBe('lost');
    expect(reanchor(f, 'Geld ook. En nog eens: Geld ook.').kind).toBe('lost');
  });
});

describe('de-identification', () => {
  it('replaces listed names and places and found contact details, logged and reversible', () => {
    const original = 'Mevrouw Jansen uit Kampen (06-12345678, a.jansen@kampen.nl, 8261 AB) zei: "Jansen is mijn naam."';
    const result = deidentify(original, [
      { text: 'Jansen', replacement: '[naam]' },
      { text: 'Kampen', replacement: '[gemeente]' },
    ]);
    expect(result.text).toBe('Mevrouw [naam] uit [gemeente] ([telefoon], [e-mail], [postcode]) zei: "[naam] is mijn naam."');
    expect(result.redactions.map((r) => r.rule)).toEqual(['term', 'term', 'phone', 'email', 'postcode', 'term']);
    expect(result.redactions[0]).toMatchObject({ start: 8, end: 14, original: 'Jansen' });
    expect(reidentify(result)).toBe(original);
  });

  it('reverses correctly even when the text already held a marker', () => {
    const original = 'Zie [naam] hierboven; Piet zegt het ook.';
    const result = deidentify(original, [{ text: 'Piet', replacement: '[naam]' }]);
    expect(reidentify(result)).toBe(original);
  });
});

describe('topic report', () => {
  const codebook: Codebook = {
    codebook: 'topics',
    title: 'Topiclijst',
    for: 'interviews',
    version: 1,
    codes: [
      { id: 'werkdruk', label: 'Werkdruk', children: [{ id: 'caseload', label: 'Caseload' }] },
      { id: 'samenwerking', label: 'Samenwerking met UWV' },
    ],
  };
  const doc = (id: string, grootte: string) => ({ id, title: id, attributes: { grootte }, text: 'x'.repeat(100), textHash: '', sourceFile: `${id}.md` });
  const documents = [doc('a', 'groot'), doc('b', 'klein'), doc('c', 'klein'), doc('d', 'groot')];
  const codings: FragmentCoding[] = [
    { document: 'b', start: 10, end: 20, text: 'b10', code: 'werkdruk', coder: 'ans' },
    { document: 'b', start: 10, end: 20, text: 'b10', code: 'werkdruk', coder: 'bram' }, // same fragment, second coder
    { document: 'a', start: 50, end: 60, text: 'a50', code: 'werkdruk', coder: 'ans' },
    { document: 'a', start: 5, end: 8, text: 'a5', code: 'werkdruk', coder: 'ans' },
    { document: 'c', start: 0, end: 4, text: 'c0', code: 'samenwerking', coder: 'ans' },
  ];
  it('lists fragments per topic and counts the interviews that mention it, per group', () => {
    const report = topicReport(codebook, documents, codings, 'grootte');
    const werkdruk = report[0];
    expect(werkdruk.fragments.map((f) => f.text)).toEqual(['a5', 'a50', 'b10']);
    expect(werkdruk.interviews).toBe(2);
    // Hand count: groot = {a, d}: a mentions it → 1 of 2; klein = {b, c}: b → 1 of 2.
    expect(Object.fromEntries(werkdruk.byGroup)).toEqual({ groot: { mentioning: 1, of: 2 }, klein: { mentioning: 1, of: 2 } });
    expect(report.map((t) => [t.code, t.depth, t.interviews])).toEqual([
      ['werkdruk', 0, 2],
      ['caseload', 1, 0],
      ['samenwerking', 0, 1],
    ]);
  });
});
