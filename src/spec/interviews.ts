/**
 * Interviews in the study spec, and the report blocks that come from coding (issue 11 item 6):
 * a topic of the interviews with the researcher's summary, the number of interviews behind it
 * and selected quotes; and the list of "Anders, namelijk" answers of a question.
 *
 *   interviews:
 *     documents: [interviews/regio-01.md, interviews/regio-02.docx]   # or a folder: interviews/
 *     codebook: coding/onderwerpen.codebook.yaml   # the topic list (spiegel code)
 *     codings: coding/interviews.codings.csv       # fragments: unit = interview id, start,end,text
 *     attributes: interviews/attributes.csv        # id,rol,regio,…: for .docx (no front matter)
 *     attribution: '{rol}, regio {regio}'          # printed after a quote ("— klantmanager, regio Noord")
 *     identifying:                                 # replaced in every quote (and "Anders" answer)
 *       - { text: Jansen, replacement: '[naam]' }
 *       - { attribute: organisatie, replacement: '[organisatie]' }   # every interview's value
 *
 *   sections:
 *     - heading: Samenwerking
 *       content:
 *         - topic: samenwerking                     # a code of the interview codebook
 *           summary: Regio’s noemen vooral de korte lijnen …   # or summaryFile: teksten/samenwerking.md
 *           by: regio                               # also count per value of this attribute
 *           quotes:
 *             - { interview: regio-03, fragment: We hebben korte lijnen }   # words of a coded fragment
 *         - otherAnswers: verankering               # the "Anders, namelijk" texts of a question
 *           notMoved: true                          # leave out the answers moved by its back-coding
 */
import { z } from 'zod';
import { Identifier } from './questionnaire-schema.js';

const IdentifyingTerm = z.union([
  z.strictObject({ text: z.string().min(1), replacement: z.string().min(1) }),
  /** Each interview's value of the attribute is replaced in every quote. */
  z.strictObject({ attribute: z.string().min(1), replacement: z.string().min(1) }),
]);

export const InterviewsSpec = z.strictObject({
  /** Interview files (.txt, .md with front matter, .docx) or folders of them, relative to the spec. */
  documents: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** The codebook of topics (YAML, as `spiegel code` reads it). */
  codebook: z.string().min(1),
  /** Fragment codings: unit,coder,code,start,end,text with unit = the interview's id. */
  codings: z.string().min(1),
  /**
   * Attributes of the interviews from a CSV file (`id` and one column per attribute), for files
   * without front matter such as .docx; relative to the spec.
   */
  attributes: z.string().min(1).optional(),
  /** Template of the attribution after a quote: attribute names in braces. */
  attribution: z.string().min(1).optional(),
  identifying: z.array(IdentifyingTerm).optional(),
});

export const QuoteRef = z.strictObject({
  /** The interview's id (front matter `id`, else its file name without extension). */
  interview: z.string().min(1),
  /** Words that occur in exactly one coded fragment of the topic in that interview. */
  fragment: z.string().min(1),
});

export const TopicBlockSpec = z
  .strictObject({
    /** A code of the interviews' codebook; its sub-codes count with it. */
    topic: z.string().min(1),
    /** Heading of the block; default the code's label. */
    title: z.string().min(1).optional(),
    summary: z.string().min(1).optional(),
    /** A text file (relative to the spec) with the summary, paragraphs separated by blank lines. */
    summaryFile: z.string().min(1).optional(),
    /** Count the interviews per value of this attribute too ("Noord: 3 van de 5"). */
    by: z.string().min(1).optional(),
    quotes: z.array(QuoteRef).optional(),
  })
  .refine((b) => b.summary === undefined || b.summaryFile === undefined, { message: 'give the summary inline (summary) or in a file (summaryFile), not both', path: ['summaryFile'] });

export const AnswerListBlockSpec = z.strictObject({
  /** A question with an "Anders, namelijk" category (`textVariable`). */
  otherAnswers: Identifier,
  /** Heading of the list; default "Antwoorden bij ‘Anders’" and the question. */
  title: z.string().min(1).optional(),
  /** Leave out the answers the question's back-coding moved into an existing category. */
  notMoved: z.boolean().optional(),
});

export type InterviewsSpec = z.infer<typeof InterviewsSpec>;
export type TopicBlockSpec = z.infer<typeof TopicBlockSpec>;
export type AnswerListBlockSpec = z.infer<typeof AnswerListBlockSpec>;
