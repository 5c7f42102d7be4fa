/**
 * REFI-QDA codebook exchange (`.qdc`, namespace urn:QDA-XML:codebook:1.0; REFI-QDA standard
 * 1.5, "Codebook.xsd"): `<CodeBook><Codes><Code guid name isCodable [color]><Description/>
 * <Code …/>*</Code>+</Codes></CodeBook>`. ATLAS.ti, MAXQDA, NVivo and QualCoder read and write it.
 *
 * The format has no field for our code ids or examples: a code's GUID is derived from the
 * codebook and code id (guid.ts), examples follow the description under a "Voorbeelden:" line,
 * and on import into an existing codebook codes are matched by GUID so ids survive a round
 * trip through another program; codes new to us get an id made from their name.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { FileFormatError } from '../../errors.js';
import type { Codebook, CodeSpec } from '../codebook.js';
import { flattenCodes } from '../codebook.js';
import { slug } from '../slug.js';
import { codeGuid, GUID_PATTERN } from './guid.js';

export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
const EXAMPLES_HEADING = 'Voorbeelden:';

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''); // not allowed in XML 1.0
}

function descriptionOf(code: CodeSpec): string | undefined {
  const parts: string[] = [];
  if (code.description) parts.push(code.description);
  if (code.examples && code.examples.length > 0) parts.push([EXAMPLES_HEADING, ...code.examples.map((e) => `• ${e}`)].join('\n'));
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

/** The `<Code>` elements of a codebook, indented for people who open the file. */
export function codeElements(codebook: Codebook, indent: string): string {
  const lines: string[] = [];
  const write = (codes: readonly CodeSpec[], pad: string): void => {
    for (const code of codes) {
      const attrs = `guid="${codeGuid(codebook.codebook, code.id)}" name="${escapeXml(code.label)}" isCodable="${code.codable === false ? 'false' : 'true'}"`;
      const description = descriptionOf(code);
      if (description === undefined && !code.children) {
        lines.push(`${pad}<Code ${attrs}/>`);
        continue;
      }
      lines.push(`${pad}<Code ${attrs}>`);
      if (description !== undefined) lines.push(`${pad}  <Description>${escapeXml(description)}</Description>`);
      if (code.children) write(code.children, `${pad}  `);
      lines.push(`${pad}</Code>`);
    }
  };
  write(codebook.codes, indent);
  return lines.join('\n');
}

/** A codebook as a REFI-QDA `.qdc` document. */
export function writeQdc(codebook: Codebook, origin = 'spiegel'): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${CODEBOOK_NAMESPACE}" origin="${escapeXml(origin)}">`,
    '  <Codes>',
    codeElements(codebook, '    '),
    '  </Codes>',
    '</CodeBook>',
    '',
  ].join('\n');
}

export interface ImportedCode {
  guid: string;
  name: string;
  codable: boolean;
  description?: string;
  children: ImportedCode[];
}

export interface QdcImportOptions {
  /** Codebook to merge into: codes whose GUID matches keep their id; it also gives id, title, for, version. */
  readonly into?: Codebook;
  /** For a new codebook: its id, title and the question it codes. */
  readonly codebook?: string;
  readonly title?: string;
  readonly for?: string;
}

/** Read a `.qdc` file's text into a codebook. Throws FileFormatError naming the file and line. */
export function readQdc(xml: string, file: string, options: QdcImportOptions = {}): Codebook {
  return toCodebook(parseCodes(xml, file), options);
}

/** Codes read from a REFI-QDA file as a codebook (see the module comment on ids). */
export function toCodebook(roots: readonly ImportedCode[], options: QdcImportOptions = {}): Codebook {
  const known = new Map<string, CodeSpec>();
  if (options.into) for (const f of flattenCodes(options.into)) known.set(codeGuid(options.into.codebook, f.code.id), f.code);
  const used = new Set<string>([...known.values()].map((c) => c.id));
  const existingOf = (c: ImportedCode): CodeSpec | undefined => known.get(c.guid.toUpperCase().replace(/[{}]/g, ''));
  const idFor = (c: ImportedCode): string => {
    const existing = existingOf(c);
    if (existing !== undefined) return existing.id;
    const base = slug(c.name, 'code');
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
    used.add(id);
    return id;
  };
  const convert = (c: ImportedCode): CodeSpec => {
    const { description, examples } = splitDescription(c.description);
    // Keyword rules have no place in the format: a known code keeps its own.
    const keywords = existingOf(c)?.keywords;
    return {
      id: idFor(c),
      label: c.name,
      ...(description !== undefined ? { description } : {}),
      ...(examples.length > 0 ? { examples } : {}),
      ...(c.codable ? {} : { codable: false }),
      ...(keywords !== undefined ? { keywords } : {}),
      ...(c.children.length > 0 ? { children: c.children.map(convert) } : {}),
    };
  };
  const codebookId = options.into?.codebook ?? options.codebook ?? 'codebook';
  return {
    codebook: codebookId,
    title: options.into?.title ?? options.title ?? codebookId,
    for: options.into?.for ?? options.for ?? 'interviews',
    version: options.into ? options.into.version + 1 : 1,
    codes: roots.map(convert),
  };
}

function splitDescription(text: string | undefined): { description?: string; examples: string[] } {
  if (text === undefined || text.trim() === '') return { examples: [] };
  const at = text.lastIndexOf(EXAMPLES_HEADING);
  if (at === -1 || (at > 0 && !text.slice(0, at).endsWith('\n\n'))) return { description: text, examples: [] };
  const lines = text.slice(at + EXAMPLES_HEADING.length).split('\n').filter((l) => l.trim() !== '');
  if (!lines.every((l) => l.startsWith('• '))) return { description: text, examples: [] };
  const description = text.slice(0, at).replace(/\n\n$/, '');
  return { ...(description !== '' ? { description } : {}), examples: lines.map((l) => l.slice(2)) };
}


/** Parse the `<Codes>` tree of a CodeBook document (also used inside a .qdpx project). */
export function parseCodes(xml: string, file: string, rootName = 'CodeBook', namespace = CODEBOOK_NAMESPACE): ImportedCode[] {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const roots: ImportedCode[] = [];
  const stack: ImportedCode[] = [];
  const path: string[] = [];
  let text: string | null = null;
  let failure: FileFormatError | null = null;
  const fail = (message: string): void => {
    if (failure === null) failure = new FileFormatError(`${message}`, { file, line: parser.line });
  };
  parser.on('error', (e) => {
    fail(`not a well-formed XML file: ${e.message.replace(/^\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (failure) return;
    if (path.length === 0) {
      if (tag.local !== rootName || tag.uri !== namespace) fail(`not a REFI-QDA ${rootName === 'CodeBook' ? 'codebook' : 'project'}: the root element is <${tag.name}> in namespace "${tag.uri}", expected <${rootName}> in "${namespace}"`);
    }
    path.push(tag.local);
    if (tag.local === 'Code' && path.includes('Codes')) {
      const attr = (n: string): string | undefined => tag.attributes[n]?.value;
      const guid = attr('guid');
      const name = attr('name');
      const codable = attr('isCodable');
      if (guid === undefined || !GUID_PATTERN.test(guid)) return fail(`<Code> without a valid guid attribute`);
      if (name === undefined || name.trim() === '') return fail(`<Code guid="${guid}"> has no name`);
      if (codable !== 'true' && codable !== 'false' && codable !== '1' && codable !== '0') return fail(`<Code name="${name}"> needs isCodable="true" or "false"`);
      const code: ImportedCode = { guid, name, codable: codable === 'true' || codable === '1', children: [] };
      (stack.length > 0 ? stack[stack.length - 1].children : roots).push(code);
      stack.push(code);
    }
    if (tag.local === 'Description') text = '';
  });
  parser.on('text', (t) => {
    if (text !== null) text += t;
  });
  parser.on('closetag', (tag) => {
    if (failure) return;
    path.pop();
    if (tag.local === 'Description' && text !== null) {
      const owner = stack[stack.length - 1];
      if (owner !== undefined && path[path.length - 1] === 'Code') owner.description = text;
      text = null;
    }
    if (tag.local === 'Code' && stack.length > 0) stack.pop();
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    fail(`not a well-formed XML file: ${(e as Error).message}`);
  }
  if (failure) throw failure;
  if (roots.length === 0) throw new FileFormatError('the codebook holds no <Code> elements', { file });
  return roots;
}
