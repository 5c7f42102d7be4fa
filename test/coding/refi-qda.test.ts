import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { flattenCodes } from '../../src/coding/codebook.js';
import { loadCodebook, parseCodebook } from '../../src/coding/load-codebook.js';
import { codeGuid } from '../../src/coding/refi-qda/guid.js';
import { readQdc, writeQdc } from '../../src/coding/refi-qda/qdc.js';
import { FileFormatError } from '../../src/errors.js';
import { SpecError } from '../../src/spec/load.js';

const fixture = fileURLToPath(new URL('../fixtures/coding/suggesties.codebook.yaml', import.meta.url));
const xsd = fileURLToPath(new URL('../fixtures/refi-qda/Codebook.xsd', import.meta.url));
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
if (!hasXmllint) console.log('refi-qda test: xmllint not installed (Debian libxml2-utils); schema validation skipped');

describe('codebooks', () => {
  it('loads a hierarchical codebook', () => {
    const cb = loadCodebook(fixture);
    expect(flattenCodes(cb).map((f) => `${'  '.repeat(f.depth)}${f.code.id}`)).toEqual(['contact', '  contact.vast', '  contact.snel', 'geld', 'regels', 'overig', '  overig.anders']);
  });

  it('lists every problem with file, line and field', () => {
    const text = ['codebook: x', 'title: T', 'for: q1', 'version: 1', 'codes:', '  - { id: a, label: A }', '  - { id: a, label: B, colour: red }', '  - { id: 9b, label: C }'].join('\n');
    try {
      parseCodebook(text, 'x.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      const issues = (e as SpecError).issues.map((i) => `${i.line} ${i.field}`);
      expect(issues).toContain('7 codes[1]');
      expect(issues).toContain('8 codes[2].id');
    }
    // Duplicate ids are found after the schema passes.
    expect(() => parseCodebook(['codebook: x', 'title: T', 'for: q1', 'version: 1', 'codes:', '  - { id: a, label: A, children: [{ id: a, label: B }] }'].join('\n'), 'x.yaml')).toThrow(/x\.yaml:6.*also defined at codes\[0\]\.id/s);
  });
});

describe('REFI-QDA codebook (.qdc)', () => {
  const codebook = loadCodebook(fixture);

  it.skipIf(!hasXmllint)('writes a file that validates against the standard Codebook.xsd', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-qdc-'));
    const file = join(dir, 'suggesties.qdc');
    writeFileSync(file, writeQdc(codebook));
    const out = execFileSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
  });

  it.skipIf(!hasXmllint)('the schema check is real: a file without isCodable fails it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-qdc-'));
    const file = join(dir, 'bad.qdc');
    writeFileSync(file, writeQdc(codebook).replace(' isCodable="true"', ''));
    expect(spawnSync('xmllint', ['--noout', '--schema', xsd, file]).status).not.toBe(0);
  });

  it('round trip: export then import into the same codebook gives it back, with the next version', () => {
    const back = readQdc(writeQdc(codebook), 'suggesties.qdc', { into: codebook });
    expect(back).toEqual({ ...codebook, version: codebook.version + 1 });
  });

  it('imports a file from another program: ids from names, GUIDs matched when known', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti Win 23.4.0">
  <Codes>
    <Code guid="${codeGuid('suggesties', 'geld')}" name="Meer geld" isCodable="true"/>
    <Code guid="1FF58B12-6F6F-4B0C-8BE5-BBDC91F55294" name="Wachttijd &amp; procedures" isCodable="true" color="#46AA00">
      <Description>Lang wachten op een besluit</Description>
      <Code guid="{2FF58B12-6F6F-4B0C-8BE5-BBDC91F55294}" name="Wachttijd" isCodable="true"/>
    </Code>
  </Codes>
</CodeBook>`;
    const merged = readQdc(xml, 'atlas.qdc', { into: codebook });
    expect(merged.codes.map((c) => [c.id, c.label])).toEqual([
      ['geld', 'Meer geld'],
      ['wachttijd-procedures', 'Wachttijd & procedures'],
    ]);
    expect(merged.codes[1].children?.[0].id).toBe('wachttijd');
    expect(merged.codes[1].description).toBe('Lang wachten op een besluit');
  });

  it('keeps hostile text as text', () => {
    const xml = writeQdc(codebook);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
    expect(readQdc(xml, 'x.qdc', { into: codebook }).codes[2].description).toBe('<script>alert(1)</script> is text, not markup');
  });

  it('refuses what is not a REFI-QDA codebook, naming the file and line', () => {
    expect(() => readQdc('<Project xmlns="urn:QDA-XML:project:1.0"/>', 'p.qdc')).toThrow(FileFormatError);
    expect(() => readQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="x" isCodable="true"/></Codes></CodeBook>', 'p.qdc')).toThrow(/p\.qdc.*guid/);
    expect(() => readQdc('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code', 'broken.qdc')).toThrow(/broken\.qdc:2.*well-formed/);
    expect(() => readQdc('PK\u0003\u0004 binary', 'zip.qdc')).toThrow(/zip\.qdc/);
  });
});

describe('REFI-QDA project (.qdpx)', async () => {
  const { projectXml, readQdpx, writeQdpx } = await import('../../src/coding/refi-qda/qdpx.js');
  type QdaProject = import('../../src/coding/refi-qda/qdpx.js').QdaProject;
  const JSZip = (await import('jszip')).default;
  const projectXsd = fileURLToPath(new URL('../fixtures/refi-qda/Project.xsd', import.meta.url));
  const codebook = loadCodebook(fixture);
  const project: QdaProject = {
    name: 'Inkomensconsulenten 2021 <interviews>',
    codebook,
    documents: [
      { id: 'zwolle', title: 'Interview Zwolle', text: 'Werk 🙂 is belangrijk. "Bel me terug" & meer.', attributes: { grootte: 'groot', regio: 'Oost' } },
      { id: 'a17', title: 'Antwoord 17', text: 'Een vaste klantmanager graag', attributes: { grootte: 'klein' } },
    ],
    codings: [
      { document: 'zwolle', start: 22, end: 36, text: '"Bel me terug"', code: 'contact.snel', coder: 'ans' },
      { document: 'zwolle', start: 22, end: 36, text: '"Bel me terug"', code: 'contact', coder: 'bram' },
      { document: 'a17', start: 4, end: 28, text: 'vaste klantmanager graag', code: 'contact.vast', coder: 'ans' },
    ],
  };

  it.skipIf(!hasXmllint)('writes a project.qde that validates against the standard Project.xsd', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-qdpx-'));
    const file = join(dir, 'project.qde');
    writeFileSync(file, projectXml(project));
    const r = spawnSync('xmllint', ['--noout', '--schema', projectXsd, file], { encoding: 'utf8' });
    expect(r.stderr).toContain('validates');
    expect(r.status).toBe(0);
  });

  it('round trip: write the archive, read it back, identical (codes matched by GUID)', async () => {
    const bytes = await writeQdpx(project);
    const back = await readQdpx(bytes, 'p.qdpx', { into: codebook });
    expect(back.name).toBe(project.name);
    expect(back.documents).toEqual(project.documents);
    expect(back.codings).toEqual(project.codings);
    expect(back.codebook.codes).toEqual(codebook.codes);
    // The same project gives the same bytes (stable GUIDs, fixed zip dates), also a second later.
    await new Promise((r) => setTimeout(r, 2100));
    expect((await writeQdpx(project)).equals(bytes)).toBe(true);
  });

  it('refuses broken projects with the file named', async () => {
    await expect(readQdpx(Buffer.from('not a zip'), 'x.qdpx')).rejects.toThrow(/x\.qdpx.*zip/s);
    const zip = new JSZip();
    zip.file('readme.txt', 'hi');
    await expect(readQdpx(await zip.generateAsync({ type: 'nodebuffer' }), 'y.qdpx')).rejects.toThrow(/y\.qdpx.*no project\.qde/s);
    const bad = new JSZip();
    bad.file('project.qde', projectXml(project).replace('startPosition="4" endPosition="28"', 'startPosition="4" endPosition="999"'));
    await expect(readQdpx(await bad.generateAsync({ type: 'nodebuffer' }), 'z.qdpx', { into: codebook })).rejects.toThrow(/z\.qdpx.*(not in the archive|outside)/s);
    expect(() => projectXml({ ...project, codings: [{ ...project.codings[0], code: 'nope' }] })).toThrow(/code "nope"/);
  });
});
