/**
 * One topic of the interviews for the report: its coded fragments (the topic's code and every
 * code below it in the codebook), the number of interviews that mention it, overall and per
 * value of an attribute, and the one fragment a quote selection names. Fragments are placed in
 * the current text of their interview first (reanchor), so a quote is never taken from a text
 * that has since changed.
 */
import type { Codebook, CodeSpec } from '../codebook.js';
import { flattenCodes } from '../codebook.js';
import type { InterviewDocument } from './import.js';
import { reanchor, type Fragment } from './spans.js';
import type { FragmentCoding } from './topics.js';

export interface TopicFragment extends Fragment {
  readonly document: InterviewDocument;
}

export interface GroupCount {
  readonly group: string;
  readonly interviews: number;
  readonly of: number;
}

export interface TopicMentions {
  readonly code: CodeSpec;
  /** Distinct fragments in document order, then text order (a fragment coded by two coders once). */
  readonly fragments: readonly TopicFragment[];
  readonly interviews: number;
  readonly of: number;
  /** Per value of the attribute (sorted), including groups that do not mention the topic. */
  readonly byGroup: readonly GroupCount[] | null;
}

/** A coding that cannot be used: names the interview and what is wrong, for the caller to place in a file. */
export class MentionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MentionError';
  }
}

/** The code `id` and its sub-codes. */
function codesUnder(codebook: Codebook, id: string): { code: CodeSpec; ids: Set<string> } | null {
  const found = flattenCodes(codebook).find((f) => f.code.id === id);
  if (found === undefined) return null;
  const ids = new Set<string>();
  const add = (c: CodeSpec): void => {
    ids.add(c.id);
    c.children?.forEach(add);
  };
  add(found.code);
  return { code: found.code, ids };
}

export const UNKNOWN_GROUP = '(onbekend)';

export function topicMentions(codebook: Codebook, documents: readonly InterviewDocument[], codings: readonly FragmentCoding[], topic: string, groupBy?: string): TopicMentions {
  const under = codesUnder(codebook, topic);
  if (under === null) throw new MentionError(`topic "${topic}" is not a code of codebook "${codebook.codebook}"`);
  const docs = new Map(documents.map((d, i) => [d.id, { d, i }]));
  const seen = new Set<string>();
  const fragments: (TopicFragment & { order: number })[] = [];
  for (const c of codings) {
    if (!under.ids.has(c.code)) continue;
    const doc = docs.get(c.document);
    if (doc === undefined) throw new MentionError(`a fragment of topic "${c.code}" is coded in interview "${c.document}", which is not among the interviews`);
    const placed = reanchor(c, doc.d.text);
    if (placed.kind === 'lost') throw new MentionError(`interview "${c.document}", fragment ${c.start}–${c.end} ("${c.text.slice(0, 40)}"): ${placed.reason}; code it again`);
    const f = placed.fragment;
    const key = `${c.document}:${f.start}:${f.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    fragments.push({ ...f, document: doc.d, order: doc.i });
  }
  fragments.sort((a, b) => a.order - b.order || a.start - b.start);
  const mentioning = new Set(fragments.map((f) => f.document.id));
  let byGroup: GroupCount[] | null = null;
  if (groupBy !== undefined) {
    const groups = new Map<string, { interviews: number; of: number }>();
    for (const d of documents) {
      const g = d.attributes[groupBy] ?? UNKNOWN_GROUP;
      const x = groups.get(g) ?? { interviews: 0, of: 0 };
      x.of++;
      if (mentioning.has(d.id)) x.interviews++;
      groups.set(g, x);
    }
    byGroup = [...groups].sort(([a], [b]) => a.localeCompare(b, 'nl', { numeric: true })).map(([group, x]) => ({ group, ...x }));
  }
  return { code: under.code, fragments: fragments.map(({ order: _, ...f }) => f), interviews: mentioning.size, of: documents.length, byGroup };
}

/** The one fragment of the topic in `interview` that contains `words` (whitespace and case folded). */
export function selectFragment(mentions: TopicMentions, interview: string, words: string): TopicFragment {
  const fold = (s: string): string => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('nl');
  const inInterview = mentions.fragments.filter((f) => f.document.id === interview);
  if (inInterview.length === 0) throw new MentionError(`interview "${interview}" has no fragment coded with topic "${mentions.code.id}"`);
  const hits = inInterview.filter((f) => fold(f.text).includes(fold(words)));
  if (hits.length === 0) throw new MentionError(`no fragment of topic "${mentions.code.id}" in interview "${interview}" contains "${words}"`);
  if (hits.length > 1) throw new MentionError(`${hits.length} fragments of topic "${mentions.code.id}" in interview "${interview}" contain "${words}"; give more of the words`);
  return hits[0];
}
