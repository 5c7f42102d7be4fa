/**
 * REFI-QDA project exchange (`.qdpx`: a zip with `project.qde`, namespace
 * urn:QDA-XML:project:1.0, and the texts under `sources/`; REFI-QDA standard 1.5,
 * "Project.xsd"). What spiegel puts in it: the coders as Users, the codebook, the attributes
 * as Variables, every interview or open answer as a TextSource with its text in
 * `sources/<guid>.txt`, and every coded fragment as a PlainTextSelection (offsets in code
 * points) with one Coding per code and coder.
 *
 * Our document ids travel as the value of a variable `id`, so a project sent to MAXQDA and back
 * keeps them; code ids travel by GUID as in qdc.ts.
 */
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { FileFormatError } from '../../errors.js';
import type { Codebook } from '../codebook.js';
import { flattenCodes } from '../codebook.js';
import { codePointLength, sliceCodePoints } from '../interviews/spans.js';
import type { FragmentCoding } from '../interviews/topics.js';
import { slug } from '../slug.js';
import { codeGuid, nameGuid } from './guid.js';
import { codeElements, escapeXml, parseCodes, toCodebook, type QdcImportOptions } from './qdc.js';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
const ID_VARIABLE = 'id';

export interface QdaDocument {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface QdaProject {
  readonly name: string;
  readonly codebook: Codebook;
  readonly documents: readonly QdaDocument[];
  readonly codings: readonly FragmentCoding[];
}

const docGuid = (id: string): string => nameGuid(`doc:${id}`);
const userGuid = (coder: string): string => nameGuid(`user:${coder}`);
const variableGuid = (name: string): string => nameGuid(`var:${name}`);

/** The project.qde document of a project. */
export function projectXml(project: QdaProject, origin = 'spiegel'): string {
  const coders = [...new Set(project.codings.map((c) => c.coder))].sort();
  const variables = [ID_VARIABLE, ...new Set(project.documents.flatMap((d) => Object.keys(d.attributes)).filter((k) => k !== ID_VARIABLE))];
  const codes = new Set(flattenCodes(project.codebook).map((f) => f.code.id));
  const docs = new Map(project.documents.map((d) => [d.id, d]));
  for (const c of project.codings) {
    if (!codes.has(c.code)) throw new RangeError(`a coding uses code "${c.code}", which is not in codebook "${project.codebook.codebook}"`);
    const d = docs.get(c.document);
    if (d === undefined) throw new RangeError(`a coding refers to document "${c.document}", which is not in the project`);
    if (sliceCodePoints(d.text, c.start, Math.min(c.end, codePointLength(d.text))) !== c.text) {
      throw new RangeError(`a coding of "${c.document}" at ${c.start}-${c.end} does not match the document's text there`);
    }
  }
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project xmlns="${PROJECT_NAMESPACE}" name="${escapeXml(project.name)}" origin="${escapeXml(origin)}">`,
  ];
  if (coders.length > 0) {
    out.push('  <Users>');
    for (const c of coders) out.push(`    <User guid="${userGuid(c)}" name="${escapeXml(c)}"/>`);
    out.push('  </Users>');
  }
  out.push('  <CodeBook>', '    <Codes>', codeElements(project.codebook, '      '), '    </Codes>', '  </CodeBook>');
  out.push('  <Variables>');
  for (const v of variables) out.push(`    <Variable guid="${variableGuid(v)}" name="${escapeXml(v)}" typeOfVariable="Text"/>`);
  out.push('  </Variables>');
  if (project.documents.length > 0) {
    out.push('  <Sources>');
    for (const d of project.documents) {
      const guid = docGuid(d.id);
      out.push(`    <TextSource guid="${guid}" name="${escapeXml(d.title)}" plainTextPath="internal://${guid}.txt">`);
      const selections = new Map<string, FragmentCoding[]>();
      for (const c of project.codings) {
        if (c.document !== d.id) continue;
        const key = `${c.start}:${c.end}`;
        selections.set(key, [...(selections.get(key) ?? []), c]);
      }
      for (const [key, codings] of [...selections].sort(([a], [b]) => Number(a.split(':')[0]) - Number(b.split(':')[0]) || Number(a.split(':')[1]) - Number(b.split(':')[1]))) {
        const { start, end } = codings[0];
        out.push(`      <PlainTextSelection guid="${nameGuid(`sel:${d.id}:${key}`)}" startPosition="${start}" endPosition="${end}">`);
        for (const c of codings) {
          out.push(`        <Coding guid="${nameGuid(`coding:${d.id}:${key}:${c.code}:${c.coder}`)}" creatingUser="${userGuid(c.coder)}">`);
          out.push(`          <CodeRef targetGUID="${codeGuid(project.codebook.codebook, c.code)}"/>`);
          out.push('        </Coding>');
        }
        out.push('      </PlainTextSelection>');
      }
      for (const [name, value] of [[ID_VARIABLE, d.id] as const, ...Object.entries(d.attributes).filter(([k]) => k !== ID_VARIABLE)]) {
        out.push(`      <VariableValue><VariableRef targetGUID="${variableGuid(name)}"/><TextValue>${escapeXml(value)}</TextValue></VariableValue>`);
      }
      out.push('    </TextSource>');
    }
    out.push('  </Sources>');
  }
  out.push('</Project>', '');
  return out.join('\n');
}

/** A project as a `.qdpx` archive. */
export async function writeQdpx(project: QdaProject, origin = 'spiegel'): Promise<Buffer> {
  // A fixed date on every entry keeps the archive byte-identical for the same project.
  const date = new Date('2020-01-01T00:00:00Z');
  const zip = new JSZip();
  zip.file('project.qde', projectXml(project, origin), { date });
  for (const d of project.documents) zip.file(`sources/${docGuid(d.id)}.txt`, d.text, { date, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

interface RawSource {
  guid: string;
  name: string;
  plainTextPath?: string;
  content?: string;
  selections: { start: number; end: number; codings: { codeGuid: string; userGuid?: string }[] }[];
  values: { variableGuid: string; value: string }[];
}

/** Read a `.qdpx` archive. Codes are matched to `options.into` by GUID as in readQdc. */
export async function readQdpx(bytes: Buffer, file: string, options: QdcImportOptions = {}): Promise<QdaProject> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new FileFormatError(`not a REFI-QDA project (.qdpx is a zip archive): ${(e as Error).message}`, { file });
  }
  const qde = zip.file('project.qde');
  if (qde === null) throw new FileFormatError('the archive has no project.qde, so it is not a REFI-QDA project', { file });
  const xml = await qde.async('string');
  const where = `${file}!project.qde`;
  const roots = parseCodes(xml, where, 'Project', PROJECT_NAMESPACE);
  const codebook = toCodebook(roots, options);
  const guidToCode = new Map<string, string>();
  const walk = (raw: typeof roots, ids: readonly { id: string; children?: readonly unknown[] }[]): void =>
    raw.forEach((r, i) => {
      guidToCode.set(normalGuid(r.guid), ids[i].id);
      walk(r.children, (ids[i].children ?? []) as { id: string }[]);
    });
  walk(roots, codebook.codes);
  const { name, users, variables, sources } = parseProject(xml, where);
  const documents: QdaDocument[] = [];
  const codings: FragmentCoding[] = [];
  for (const s of sources) {
    let text = s.content;
    if (text === undefined && s.plainTextPath !== undefined) {
      const path = s.plainTextPath.startsWith('internal://') ? `sources/${s.plainTextPath.slice('internal://'.length)}` : s.plainTextPath;
      const entry = zip.file(path);
      if (entry === null) throw new FileFormatError(`source "${s.name}" points to ${s.plainTextPath}, which is not in the archive`, { file });
      text = await entry.async('string');
    }
    if (text === undefined) throw new FileFormatError(`source "${s.name}" has neither PlainTextContent nor plainTextPath`, { file });
    const attributes: Record<string, string> = {};
    let id: string | undefined;
    for (const v of s.values) {
      const varName = variables.get(normalGuid(v.variableGuid));
      if (varName === undefined) continue;
      if (varName === ID_VARIABLE) id = v.value;
      else attributes[varName] = v.value;
    }
    const docId = id ?? slug(s.name, 'document');
    documents.push({ id: docId, title: s.name, text, attributes });
    const chars = [...text];
    for (const sel of s.selections) {
      if (sel.start < 0 || sel.end > chars.length || sel.start > sel.end) throw new FileFormatError(`a selection of source "${s.name}" runs from ${sel.start} to ${sel.end}, outside its ${chars.length} characters`, { file });
      for (const c of sel.codings) {
        const code = guidToCode.get(normalGuid(c.codeGuid));
        if (code === undefined) throw new FileFormatError(`a coding in source "${s.name}" refers to code ${c.codeGuid}, which is not in the codebook`, { file });
        const coder = c.userGuid !== undefined ? (users.get(normalGuid(c.userGuid)) ?? c.userGuid) : 'unknown';
        codings.push({ document: docId, start: sel.start, end: sel.end, text: chars.slice(sel.start, sel.end).join(''), code, coder });
      }
    }
  }
  return { name, codebook, documents, codings };
}

/** The elements of a VariableValue that hold its value (all read as text). */
const VALUE_ELEMENTS = new Set(['TextValue', 'IntegerValue', 'FloatValue', 'BooleanValue', 'DateValue', 'DateTimeValue']);

function normalGuid(g: string): string {
  return g.replace(/[{}]/g, '').toUpperCase();
}

function parseProject(xml: string, file: string): { name: string; users: Map<string, string>; variables: Map<string, string>; sources: RawSource[] } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let name = '';
  const users = new Map<string, string>();
  const variables = new Map<string, string>();
  const sources: RawSource[] = [];
  let source: RawSource | null = null;
  let selection: RawSource['selections'][number] | null = null;
  let coding: RawSource['selections'][number]['codings'][number] | null = null;
  let value: { variableGuid: string; value: string } | null = null;
  let text: string | null = null;
  const stack: string[] = [];
  let failure: FileFormatError | null = null;
  const fail = (m: string): void => {
    if (failure === null) failure = new FileFormatError(m, { file, line: parser.line });
  };
  parser.on('error', (e) => fail(`not well-formed XML: ${e.message.replace(/^\d+:\d+: /, '')}`));
  parser.on('opentag', (tag: SaxesTagNS) => {
    const a = (n: string): string | undefined => tag.attributes[n]?.value;
    const parent = stack[stack.length - 1];
    stack.push(tag.local);
    switch (tag.local) {
      case 'Project':
        name = a('name') ?? '';
        break;
      case 'User':
        if (a('guid')) users.set(normalGuid(a('guid')!), a('name') ?? a('id') ?? a('guid')!);
        break;
      case 'Variable':
        if (a('guid') && a('name')) variables.set(normalGuid(a('guid')!), a('name')!);
        break;
      case 'TextSource':
        if (parent === 'Sources') {
          source = { guid: a('guid') ?? '', name: a('name') ?? 'document', plainTextPath: a('plainTextPath'), selections: [], values: [] };
          sources.push(source);
        }
        break;
      case 'PlainTextSelection': {
        const start = Number(a('startPosition'));
        const end = Number(a('endPosition'));
        if (!Number.isInteger(start) || !Number.isInteger(end)) fail('<PlainTextSelection> needs whole-number startPosition and endPosition');
        if (source) source.selections.push((selection = { start, end, codings: [] }));
        break;
      }
      case 'Coding':
        if (selection) selection.codings.push((coding = { codeGuid: '', userGuid: a('creatingUser') }));
        break;
      case 'CodeRef':
        if (coding) coding.codeGuid = a('targetGUID') ?? '';
        break;
      case 'VariableValue':
        if (source && parent === 'TextSource') value = { variableGuid: '', value: '' };
        break;
      case 'VariableRef':
        if (value) value.variableGuid = a('targetGUID') ?? '';
        break;
      default:
        if (tag.local === 'PlainTextContent' || VALUE_ELEMENTS.has(tag.local)) text = '';
    }
  });
  parser.on('text', (t) => {
    if (text !== null) text += t;
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (VALUE_ELEMENTS.has(tag.local)) {
      if (value && text !== null) value.value = text;
      text = null;
    }
    switch (tag.local) {
      case 'PlainTextContent':
        if (source && text !== null) source.content = text;
        text = null;
        break;
      case 'VariableValue':
        if (value && source) source.values.push(value);
        value = null;
        break;
      case 'Coding':
        coding = null;
        break;
      case 'PlainTextSelection':
        selection = null;
        break;
      case 'TextSource':
        if (stack[stack.length - 1] === 'Sources') source = null;
        break;
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    fail(`not well-formed XML: ${(e as Error).message}`);
  }
  if (failure) throw failure;
  return { name, users, variables, sources };
}
