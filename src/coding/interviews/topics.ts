/**
 * What the interviews say per topic: the code report (every coded fragment of a topic, across
 * interviews) and the number of interviews that mention it, overall and per attribute group —
 * the "vaak genoemd" counts of reports 2, 3, 4 and 6.
 */
import type { Codebook } from '../codebook.js';
import { flattenCodes } from '../codebook.js';
import type { InterviewDocument } from './import.js';
import type { Fragment } from './spans.js';

export interface FragmentCoding extends Fragment {
  readonly document: string;
  readonly code: string;
  readonly coder: string;
}

export interface TopicFragment extends Fragment {
  readonly document: string;
  readonly title: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface TopicSummary {
  readonly code: string;
  readonly label: string;
  readonly depth: number;
  /** Fragments in document order, then text order; a fragment coded by two coders once. */
  readonly fragments: readonly TopicFragment[];
  /** Interviews with at least one fragment of this topic. */
  readonly interviews: number;
  /** Per value of the grouping attribute: interviews mentioning the topic / interviews in the group. */
  readonly byGroup: ReadonlyMap<string, { readonly mentioning: number; readonly of: number }>;
}

export function topicReport(codebook: Codebook, documents: readonly InterviewDocument[], codings: readonly FragmentCoding[], groupBy?: string): TopicSummary[] {
  const docs = new Map(documents.map((d) => [d.id, d]));
  for (const c of codings) if (!docs.has(c.document)) throw new RangeError(`a coding refers to interview "${c.document}", which is not imported`);
  const groupOf = (d: InterviewDocument): string => (groupBy === undefined ? '' : (d.attributes[groupBy] ?? '(onbekend)'));
  const groupSizes = new Map<string, number>();
  for (const d of documents) groupSizes.set(groupOf(d), (groupSizes.get(groupOf(d)) ?? 0) + 1);
  const order = new Map(documents.map((d, i) => [d.id, i]));
  return flattenCodes(codebook).map(({ code, depth }) => {
    const seen = new Set<string>();
    const fragments: TopicFragment[] = [];
    for (const c of codings) {
      if (c.code !== code.id) continue;
      const key = `${c.document}:${c.start}:${c.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const d = docs.get(c.document)!;
      fragments.push({ document: d.id, title: d.title, attributes: d.attributes, start: c.start, end: c.end, text: c.text });
    }
    fragments.sort((a, b) => order.get(a.document)! - order.get(b.document)! || a.start - b.start);
    const mentioning = new Set(fragments.map((f) => f.document));
    const byGroup = new Map<string, { mentioning: number; of: number }>();
    if (groupBy !== undefined) {
      for (const [g, of] of [...groupSizes].sort(([a], [b]) => a.localeCompare(b, 'nl'))) byGroup.set(g, { mentioning: 0, of });
      for (const id of mentioning) byGroup.get(groupOf(docs.get(id)!))!.mentioning++;
    }
    return { code: code.id, label: code.label, depth, fragments, interviews: mentioning.size, byGroup };
  });
}
