/**
 * Interview notes and transcripts as documents to code: .txt and .md (UTF-8, optional YAML
 * front matter with the attributes), .docx (text through mammoth; attributes given by the
 * caller, e.g. from an attributes CSV). Text is stored NFC-normalised with "\n" line ends, so
 * code point offsets mean the same thing on every machine.
 *
 *   ---
 *   organisatie: Gemeente Zwolle
 *   rol: inkomensconsulent
 *   regio: Oost
 *   datum: 2021-10-04
 *   ---
 *   I: Hoe verloopt het eerste gesprek? ...
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FileFormatError, SpiegelError } from '../../errors.js';
import { slug } from '../slug.js';

export interface InterviewDocument {
  /** Stable id: the same file imported again gets the same id, so its codings stay. */
  readonly id: string;
  readonly title: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly text: string;
  /** SHA-256 of `text`: tells a re-import whether anything changed. */
  readonly textHash: string;
  readonly sourceFile: string;
}

export interface ImportOptions {
  readonly id?: string;
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Transcripts larger than this are refused (a 3-hour interview is about 0.2 MB of text). */
export const MAX_INTERVIEW_BYTES = 20 * 1024 * 1024;

export async function readInterview(path: string, options: ImportOptions = {}): Promise<InterviewDocument> {
  const size = statSync(path).size;
  if (size > MAX_INTERVIEW_BYTES) throw new FileFormatError(`the file is ${Math.round(size / 1048576)} MB; interview files are limited to ${MAX_INTERVIEW_BYTES / 1048576} MB`, { file: path });
  const bytes = readFileSync(path);
  const ext = extname(path).toLowerCase();
  let body: string;
  let attributes: Record<string, string> = {};
  if (ext === '.docx') {
    body = await docxText(bytes, path);
  } else if (ext === '.txt' || ext === '.md') {
    const text = decodeUtf8(bytes, path);
    ({ body, attributes } = splitFrontMatter(text, path));
  } else {
    throw new SpiegelError('INVALID_INPUT', `interviews are read from .txt, .md or .docx files, not "${ext || 'no extension'}"`, { file: path });
  }
  const text = body.replace(/\r\n?/g, '\n').normalize('NFC').replace(/^\n+/, '');
  const allAttributes = { ...attributes, ...(options.attributes ?? {}) };
  const id = options.id ?? allAttributes.id ?? slug(basename(path, extname(path)), 'interview');
  delete allAttributes.id;
  return {
    id,
    title: allAttributes.titel ?? allAttributes.title ?? basename(path),
    attributes: allAttributes,
    text,
    textHash: createHash('sha256').update(text, 'utf8').digest('hex'),
    sourceFile: path,
  };
}

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.replace(/^\uFEFF/, '');
  } catch {
    throw new FileFormatError('the file is not UTF-8 text; save it as UTF-8 (in Word: "Platte tekst", encoding Unicode UTF-8)', { file });
  }
}

function splitFrontMatter(text: string, file: string): { body: string; attributes: Record<string, string> } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return { body: text, attributes: {} };
  let raw: unknown;
  try {
    raw = parseYaml(m[1], { maxAliasCount: 10 });
  } catch (e) {
    throw new FileFormatError(`the attributes between the "---" lines are not valid YAML: ${(e as Error).message.split('\n')[0]}`, { file, line: 2 });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new FileFormatError('the attributes between the "---" lines must be "name: value" lines', { file, line: 2 });
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || typeof v === 'object') throw new FileFormatError(`attribute "${k}" must be a single value`, { file, field: k });
    attributes[k] = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  }
  return { body: text.slice(m[0].length), attributes };
}

async function docxText(bytes: Buffer, file: string): Promise<string> {
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw new FileFormatError('this is not a Word .docx file (a .docx is a zip archive; an old .doc or a renamed file will not do: save it as .docx or .txt)', { file, offset: 0 });
  }
  const mammoth = await import('mammoth');
  try {
    const result = await mammoth.extractRawText({ buffer: bytes });
    return result.value;
  } catch (e) {
    throw new FileFormatError(`the Word file cannot be read: ${(e as Error).message.split('\n')[0]}`, { file });
  }
}

