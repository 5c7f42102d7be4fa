/**
 * The study spec: one YAML file that describes a monitoring survey from questionnaire to
 * report. Validated with zod; `loadSpec` (load.ts) maps every zod issue back to the file and
 * line of the offending field. The annotated reference example is
 * test/fixtures/spec/minimal-study.yaml.
 *
 * Objects are strict: an unknown key is an error (a typo such as `askedif` must not be
 * silently ignored, the failure the Python `svy` changelog records for `bounded=`).
 */
import { z } from 'zod';
import { FieldworkSpec } from './fieldwork.js';
import { AnswerListBlockSpec, InterviewsSpec, TopicBlockSpec } from './interviews.js';
import { BackgroundVariable, Category, Code, CodeList, Collapse, CollapseGroup, DerivedVariable, Identifier, Item, Question } from './questionnaire-schema.js';

export { BackgroundVariable, Category, CollapseGroup, DerivedVariable, Identifier, Item, Question, QuestionType, SpecialAnswer } from './questionnaire-schema.js';

/** Published aggregate of one row of a trend table in an earlier wave. */
const PublishedCell = z.union([
  z.number(),
  z.literal('notAsked'),
  z.strictObject({ value: z.number(), n: z.number().int().positive().optional() }),
]);

/** A design effect (variance ratio to a simple random sample of the same n): positive and finite. */
const DesignEffect = z.number().positive().finite();

export const PublishedTable = z.strictObject({
  /** Base of the table in that wave (unweighted N), used for the SE of a wave difference. */
  n: z.number().int().positive().optional(),
  /** Design effect of this table's figures in that wave (overrides the wave's `designEffect`). */
  designEffect: DesignEffect.optional(),
  /** Row key (item variable, or category code for distribution trends) → percentage 0–100 or mean. */
  rows: z.record(z.string(), PublishedCell),
});

/** Published aggregates of one wave: table id → figures. */
export const PublishedTables = z.record(z.string(), PublishedTable);

export const WeightingRef = z.union([
  z.literal('none'),
  z.strictObject({
    /** A weighting request file (JSON/YAML) relative to the spec, or an inline request. */
    request: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
    /** Use a weight variable already in the data instead of (or as base for) weighting. */
    variable: Identifier.optional(),
  }),
]);

export const DesignSpec = z.strictObject({
  strata: Identifier.optional(),
  cluster: Identifier.optional(),
  /** Population size per stratum (variable) for the finite population correction. */
  fpc: Identifier.optional(),
});

export const Wave = z.strictObject({
  year: z.number().int(),
  label: z.string().optional(),
  fieldwork: z.union([z.string(), z.strictObject({ from: z.string(), to: z.string() })]).optional(),
  sample: z.number().int().nonnegative().optional(),
  response: z.number().int().nonnegative().optional(),
  /**
   * Microdata file (csv or sav) relative to the spec; or several files of parallel
   * questionnaires (report 3: Wajong, WGA, WW), stacked, with `stackVariable` recording the
   * `code` of the file each row came from (declare it under `background` with its labels).
   */
  data: z.union([z.string().min(1), z.array(z.strictObject({ file: z.string().min(1), code: z.number().finite() })).min(1)]).optional(),
  /** Variable that records which of the stacked `data` files a row came from. */
  stackVariable: Identifier.optional(),
  /**
   * Published aggregates of this wave, per table id (for waves without microdata): inline, or
   * the name of a YAML/JSON file (relative to the spec) holding the same mapping. The loader
   * reads the file before validation (load.ts), so the validated spec always holds the mapping.
   */
  published: PublishedTables.optional(),
  /**
   * Design effect of the published figures (variance relative to a simple random sample of the
   * same n), as the earlier report states it; default 1. Microdata waves get their SE from the design.
   */
  designEffect: DesignEffect.optional(),
  weighting: WeightingRef.optional(),
  design: DesignSpec.optional(),
});

export const SubgroupSpec = z.strictObject({
  id: Identifier,
  label: z.string().min(1),
  variable: Identifier,
  groups: z
    .array(z.strictObject({ label: z.string().min(1), codes: CodeList, id: Identifier.optional() }))
    .min(2),
  /** Show a "Totaal" column before the groups. */
  total: z.boolean().optional(),
  /** Label of the compared groups in significance notes ("kleine en grote gemeenten"). */
  contrastLabel: z.string().optional(),
});

export const TableKindName = z.enum([
  'frequency', // T1 SC
  'multipleResponse', // T2 MR
  'itemShare', // T3 IS
  'likert5', // T4 LK5
  'likert5Nvt', // T5 LK5N
  'likert3', // T6 LK3
  'likert4', // T7 LK4
  'likertReversed', // T8 LKR6
  'itemGrid', // T9 OG
  'yesNoGrid', // T10 YN
  'ranking', // T11 RK
  'trend', // T12 TR
  'subQuestions', // T13 QC
  'crossTab', // T14 XS
  'multipleResponseBy', // T15 XM
  'itemGridBy', // T16 SG
  'itemShareBy', // T17 XI
  'rating', // T18 RT
  'ratingMeanBy', // T19 RM
  'buckets', // T20 BK
  'averageShare', // T21 AV
  'themes', // T22 OA
  'populationSampleResponse', // T23 PSR
  'itemGridWithN', // T24 SN
  'funnel', // T25 FN
  'profile', // T26 BG
  'countPercent', // T27 CP
  'overview', // T28 OV
]);

export const RoundingMode = z.enum(['whole', 'largestRemainder']);

export const NRounding = z.union([
  z.literal('exact'),
  z.literal('tens'),
  /** Round to tens from `from` upward (default 100), exact below. */
  z.strictObject({ tensFrom: z.number().int().positive() }),
]);

export const Significance = z.strictObject({
  /** 'raoScott' (svychisq) for distributions, 'ttest' for means and single shares. */
  test: z.enum(['raoScott', 'ttest']).optional(),
  level: z.number().gt(0).lt(1).optional(),
  /** Groups (subgroup group ids or labels) to compare; default: all groups. */
  compare: z.array(z.string()).optional(),
  /** Benjamini–Hochberg over the tests of the table. */
  bh: z.boolean().optional(),
  /** Marker printed after significant numbers; default "*". */
  mark: z.string().optional(),
  note: z.string().optional(),
});

/** One row of a trend, funnel, item-share or average table, when rows are given explicitly. */
export const RowSpec = z.strictObject({
  /** Key used by published aggregates and text references; default: the variable. */
  key: z.string().optional(),
  label: z.string().min(1),
  variable: Identifier.optional(),
  question: Identifier.optional(),
  /** Codes counted as "target" (share of those answering these codes). */
  codes: z.array(Code).optional(),
  /** Statistic of the row: share of `codes`, mean, share ≤ `max`. */
  stat: z.enum(['share', 'mean', 'shareAtMost']).optional(),
  max: z.number().optional(),
  /** Decimals of a mean row (default 1; report 3 prints "Gemiddeld 93" with 0). */
  decimals: z.number().int().min(0).max(3).optional(),
});

export const TableOptions = z.strictObject({
  collapse: Collapse.optional(),
  /** Drop "N.v.t." answers from the base (percentages re-based). */
  excludeNotApplicable: z.boolean().optional(),
  /** Keep "Weet ik niet" as a column/row (default true); false re-bases without it. */
  showDontKnow: z.boolean().optional(),
  /** Waves (years) of a trend table, oldest first. */
  waves: z.array(z.number().int()).optional(),
  /** Subgroup id to split by. */
  by: Identifier.optional(),
  /**
   * Show the "Totaal" column of a split table (overrides the subgroup's `total`): report 6
   * prints Totaal + groups in Tabel 2 but only the groups in its ".a" tables.
   */
  byTotal: z.boolean().optional(),
  /** Codes counted as the target answer (item share tables; default: first category). */
  target: z.array(Code).optional(),
  significance: Significance.optional(),
  rounding: RoundingMode.optional(),
  nRounding: NRounding.optional(),
  /** Disclosure control: unweighted base below this is suppressed (default 10). */
  minBase: z.number().int().nonnegative().optional(),
  /** Cells with an unweighted base from minBase up to below this get the flag lowBase (read with care). */
  lowBase: z.number().int().nonnegative().optional(),
  /**
   * The confidence interval of a share (XLSX Details, tables.json): `logit` (default; R's
   * svyciprop "xlogit") or `wilson` (Wilson's score interval with the effective sample size).
   */
  interval: z.enum(['logit', 'wilson']).optional(),
  /** Add a "Totaal 100%" row / total column. */
  total: z.boolean().optional(),
  /** Label of the total row as printed ("Totaal" in report 2's theme table, default "Eindtotaal" there). */
  totalLabel: z.string().min(1).optional(),
  /** Split grids: outer header the subgroup (report 6, default) or the answer scale (report 3). */
  outer: z.enum(['subgroup', 'scale']).optional(),
  /** Reverse the answer scale (disagree first), as report 4 prints. */
  reverse: z.boolean().optional(),
  /** Sort rows by descending estimate (themes, multiple response). */
  sort: z.boolean().optional(),
  /** Print the mean (and share ≤ 5) rows under a rating table. */
  mean: z.boolean().optional(),
  /** Test the latest wave against the previous one in a trend table (default true). */
  waveTest: z.boolean().optional(),
  /** Rating threshold for "Aandeel onvoldoendes" (default 5). */
  insufficientMax: z.number().optional(),
  /** Print the table's base "(N=…)" in its title (default true); Tabel 19b of report 1A prints none. */
  showN: z.boolean().optional(),
  /**
   * How the base is printed after the title, with {N} for the table's N: "(Meerdere antwoorden
   * mogelijk; N={N})". Default "(N={N})". The N is always computed (src/tables/title-n.ts).
   */
  nLabel: z.string().min(1).optional(),
  /**
   * Split grids (itemGridBy): "(N=…)" once in the subgroup's spanning header ("group", default,
   * as report 6 prints it) or under every answer column ("columns").
   */
  nPlacement: z.enum(['group', 'columns']).optional(),
  /**
   * The chart under the table, overriding the rule per kind (docs/study-spec.md, "Charts");
   * "none" leaves it out. In `defaults` it switches every table of the report.
   */
  chart: z.enum(['stackedBar', 'stackedColumns', 'bar', 'line', 'dots', 'none']).optional(),
});

export const TableSpec = z.strictObject({
  id: Identifier,
  number: z.union([z.string(), z.number()]).transform(String),
  kind: TableKindName,
  /**
   * The title as printed. {N} puts the table's N inside it, {N:question} the N of one question
   * (Tozo Tabel 19: "Kent u …? (N={N:kent})/Heeft u …? (N={N:aangevraagd})"); a title with
   * such a placeholder gets no "(N=…)" after it.
   */
  title: z.string().min(1),
  /**
   * Footnote marker printed right after the title, e.g. "1)"; the footnote itself goes in
   * `notes` (starting with the same marker, as the seed prints it under the table).
   */
  footnoteMark: z.string().min(1).optional(),
  /** Question wording printed with the table; default: the question's wording for report 4 style. */
  question: z.string().optional(),
  /** Question id(s) the table is built from. */
  questions: z.union([Identifier, z.array(Identifier).min(1)]).optional(),
  /**
   * Only these items of the table's grid or multiple-response question(s), by variable, in this
   * order (a table that shows some statements of a grid).
   */
  items: z.array(Identifier).min(1).optional(),
  /** Explicit rows (trend, funnel, item share over questions, average share, profile). */
  rows: z.array(RowSpec).optional(),
  /** Restrict to respondents where this holds (in addition to routing). */
  filter: z.string().optional(),
  options: TableOptions.optional(),
  /** Header of the row-label column (e.g. "Overkoepelende thema’s"). */
  stubHead: z.string().optional(),
  /** Column headers as printed, replacing the computed ones in order (e.g. "Aantal suggesties"). */
  columnLabels: z.array(z.string()).optional(),
  /**
   * Row labels as printed, replacing the computed labels of the data rows in order (report 2,
   * Tabel 11: "Proportie klantmanagers dat dit aangeeft"). Total, mean and N rows keep theirs.
   */
  rowLabels: z.array(z.string()).optional(),
  notes: z.array(z.string()).optional(),
  /**
   * Population/sample/response computed from the sampling frame (report 6, Tabel 1): one row per
   * population unit, with the stratum, 0/1 columns for "drawn" and "responded", and optional
   * sums (inhabitants, in thousands). Rows = the categories of `by`, plus a total row.
   * With `store` (true: the study's fieldwork store; or a SQLite store file), sample and response
   * come from the store (response = complete and partial, as the export counts them) and `by` is
   * a register column; the population from `file` (rows per stratum) or from the design
   * weights in register column `weight` (docs/fieldwork-dispositions.md).
   */
  frame: z
    .strictObject({
      file: z.string().min(1).optional(),
      store: z.union([z.literal(true), z.string().min(1)]).optional(),
      by: Identifier,
      sampled: Identifier.optional(),
      responded: Identifier.optional(),
      weight: Identifier.optional(),
      /** Header of the count columns (default "Aantal"). */
      countLabel: z.string().min(1).optional(),
      sums: z.array(z.strictObject({ variable: Identifier, label: z.string().min(1), divide: z.number().positive().optional() })).optional(),
    })
    .superRefine((f, ctx) => {
      const need = (ok: boolean, path: string, message: string): void => void (ok || ctx.addIssue({ code: 'custom', path: [path], message }));
      if (f.store === undefined) {
        need(f.file !== undefined, 'file', 'the sampling frame file is required (or read the fieldwork store with store: true)');
        need(f.sampled !== undefined, 'sampled', 'name the 0/1 "drawn" column of the frame');
        need(f.responded !== undefined, 'responded', 'name the 0/1 "responded" column of the frame');
        need(f.weight === undefined, 'weight', 'weight is for a frame read from the fieldwork store (store: true)');
      } else {
        need(f.sampled === undefined, 'sampled', 'with store, the sample is the store\'s participants: leave out sampled');
        need(f.responded === undefined, 'responded', 'with store, the response is the store\'s complete and partial responses: leave out responded');
        need(f.sums === undefined, 'sums', 'sums need every unit\'s values: not available with store');
        need((f.file === undefined) !== (f.weight === undefined), f.file === undefined ? 'weight' : 'file', 'with store, give the population either as a frame file (file) or as a register column of design weights (weight)');
      }
    })
    .optional(),
  /**
   * Static content for population/sample/response and overview tables. The first column is the
   * stub head; a column given as { label, group } sits under a spanning header (report 6, Tabel 1:
   * "# gemeenten" under "Populatie").
   */
  content: z
    .strictObject({
      columns: z.array(z.union([z.string(), z.strictObject({ label: z.string(), group: z.string().min(1).optional() })])),
      rows: z.array(z.strictObject({ label: z.string(), cells: z.array(z.union([z.number(), z.string()])) })),
    })
    .optional(),
});

export const TextRefBlock = z.strictObject({ text: z.string().min(1) });
export const TableRefBlock = z.strictObject({ table: Identifier });

export const SectionSpec = z.strictObject({
  heading: z.string().min(1),
  /** Text, a table, an interview topic with quotes, a list of "Anders" answers (interviews.ts). */
  content: z.array(z.union([TextRefBlock, TableRefBlock, TopicBlockSpec, AnswerListBlockSpec])),
});

export const StudySpec = z.strictObject({
  study: z.strictObject({
    id: Identifier,
    title: z.string().min(1),
    subtitle: z.string().optional(),
    /** Version of the spec format; this program reads version 1. */
    specVersion: z.literal(1),
    locale: z.enum(['nl-NL', 'en-GB']).default('nl-NL'),
  }),
  waves: z.array(Wave).min(1),
  scales: z.record(z.string(), z.array(Category).min(1)).optional(),
  collapses: z.record(z.string(), z.array(CollapseGroup).min(1)).optional(),
  questions: z.array(Question).min(1),
  background: z.array(BackgroundVariable).optional(),
  derived: z.array(DerivedVariable).optional(),
  /** Default weighting for every microdata wave (a wave may override). */
  weighting: WeightingRef.optional(),
  subgroups: z.array(SubgroupSpec).optional(),
  /** Defaults for every table's options. */
  defaults: TableOptions.optional(),
  tables: z.array(TableSpec).min(1),
  sections: z.array(SectionSpec).optional(),
  /** Interviews coded into topics, for the topic blocks of `sections` (interviews.ts). */
  interviews: InterviewsSpec.optional(),
  /** The web questionnaire and its fieldwork (fieldwork.ts); ignored by `spiegel report`. */
  fieldwork: FieldworkSpec.optional(),
});

export type StudySpec = z.infer<typeof StudySpec>;
export type QuestionSpec = z.infer<typeof Question>;
export type CategorySpec = z.infer<typeof Category>;
export type ItemSpec = z.infer<typeof Item>;
export type BackgroundSpec = z.infer<typeof BackgroundVariable>;
export type DerivedSpec = z.infer<typeof DerivedVariable>;
export type WaveSpec = z.infer<typeof Wave>;
export type TableSpec = z.infer<typeof TableSpec>;
export type TableOptionsSpec = z.infer<typeof TableOptions>;
export type SubgroupSpec = z.infer<typeof SubgroupSpec>;
export type SectionSpec = z.infer<typeof SectionSpec>;
export type RowSpec = z.infer<typeof RowSpec>;
export type CollapseGroupSpec = z.infer<typeof CollapseGroup>;
export type PublishedTableSpec = z.infer<typeof PublishedTable>;
export type SignificanceSpec = z.infer<typeof Significance>;
export type NRoundingSpec = z.infer<typeof NRounding>;
export type TableKindName = z.infer<typeof TableKindName>;
