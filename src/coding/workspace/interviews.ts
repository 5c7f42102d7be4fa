/**
 * Interviews to code in the browser: the documents (src/coding/interviews/import.ts), the topic
 * codebook and the fragment codings file (unit = interview id, start/end in code points, text),
 * which `spiegel code pull` writes. Fragments coded on the screens are in the store; the file
 * may hold fragments made elsewhere (REFI-QDA import, the command line): a stored fragment of the
 * same interview, place and coder replaces the file's.
 */
import { existsSync } from 'node:fs';
import { flattenCodes, type Codebook, type FlatCode } from '../codebook.js';
import { readCodingsCsv, type CodingRow } from '../codings-csv.js';
import type { InterviewDocument } from '../interviews/import.js';
import type { FragmentCoding } from '../interviews/topics.js';

export interface InterviewSet {
  /** Id of the topic codebook: the key of fragments in the store. */
  readonly id: string;
  readonly codebook: Codebook;
  /** Topics a coder can choose (headings that only group left out). */
  readonly codes: readonly FlatCode[];
  readonly documents: readonly InterviewDocument[];
  /** The fragment codings file (resolved). */
  readonly codingsFile: string;
}

export function interviewSet(codebook: Codebook, documents: readonly InterviewDocument[], codingsFile: string): InterviewSet {
  return { id: codebook.codebook, codebook, codes: flattenCodes(codebook).filter((f) => f.code.codable !== false), documents, codingsFile };
}

/** A fragment with its topics by one coder, from the store (with revision) or the file (revision 0). */
export interface CurrentFragment {
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly coder: string;
  readonly text: string;
  readonly codes: readonly string[];
  readonly revision: number;
  readonly source: 'store' | 'file';
}

const keyOf = (f: { document: string; start: number; end: number; coder: string }): string => `${f.document}\u0000${f.start}\u0000${f.end}\u0000${f.coder}`;

/** Fragment rows of the codings file (rows with start and end), grouped per fragment and coder. */
export async function fragmentsInFile(set: InterviewSet): Promise<CurrentFragment[]> {
  if (!existsSync(set.codingsFile)) return [];
  const rows = (await readCodingsCsv(set.codingsFile)).filter((r) => r.start !== undefined && r.end !== undefined);
  const out = new Map<string, { document: string; start: number; end: number; coder: string; text: string; codes: string[]; revision: number; source: 'file' }>();
  for (const r of rows) {
    const f = { document: r.unit, start: r.start!, end: r.end!, coder: r.coder };
    const k = keyOf(f);
    const cur = out.get(k) ?? out.set(k, { ...f, text: r.text ?? '', codes: [], revision: 0, source: 'file' }).get(k)!;
    if (r.code !== '') cur.codes.push(r.code);
  }
  return [...out.values()];
}

/** The current fragments: the file's, with the store's over them (a fragment without topics left means removed). */
export function currentFragments(file: readonly CurrentFragment[], stored: readonly Omit<CurrentFragment, 'source'>[]): CurrentFragment[] {
  const byKey = new Map(file.map((f) => [keyOf(f), f]));
  for (const s of stored) byKey.set(keyOf(s), { ...s, source: 'store' });
  return [...byKey.values()].filter((f) => f.codes.length > 0).sort((a, b) => (a.document < b.document ? -1 : a.document > b.document ? 1 : a.start - b.start || a.end - b.end || (a.coder < b.coder ? -1 : 1)));
}

/** As fragment codings for the code report (src/coding/interviews/topics.ts). */
export function asFragmentCodings(fragments: readonly CurrentFragment[]): FragmentCoding[] {
  return fragments.flatMap((f) => f.codes.map((code) => ({ document: f.document, start: f.start, end: f.end, text: f.text, code, coder: f.coder })));
}

/** The codings file after a pull: its whole-answer rows as they were, and every current fragment (one row per topic). */
export async function pulledRows(set: InterviewSet, stored: readonly Omit<CurrentFragment, 'source'>[]): Promise<CodingRow[]> {
  const whole = existsSync(set.codingsFile) ? (await readCodingsCsv(set.codingsFile)).filter((r) => r.start === undefined) : [];
  const fragments = currentFragments(await fragmentsInFile(set), stored);
  return [...whole, ...fragments.flatMap((f) => [...f.codes].sort().map((code) => ({ unit: f.document, coder: f.coder, code, start: f.start, end: f.end, text: f.text })))];
}
