/**
 * The questionnaire part of the study spec: identifiers, categories and scales, questions and
 * their items, background variables and derived variables. schema.ts builds the whole study
 * spec (waves, tables, sections) on these and re-exports them.
 */
import { z } from 'zod';

/** Identifier of a question, variable, table, subgroup or wave: starts with a letter. */
export const Identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'must start with a letter and contain only letters, digits, "_" and "."');

export const Code = z.number().finite();

/** Special answers that tables keep, drop or show per table ("Weet ik niet", "N.v.t."). */
export const SpecialAnswer = z.enum(['dontKnow', 'notApplicable', 'refused', 'other']);

export const Category = z.strictObject({
  code: Code,
  label: z.string().min(1),
  /** Marks "Weet ik niet" (dontKnow), "N.v.t." (notApplicable), "Anders, namelijk" (other). */
  special: SpecialAnswer.optional(),
  /** Variable holding the "Anders, namelijk" text for this category. */
  textVariable: Identifier.optional(),
});

/** Categories inline, or the name of a shared scale under `scales:`. */
export const Categories = z.union([z.array(Category).min(1), Identifier]);

/** An item of a grid, a multiple-response option or one indicator of a battery. */
export const Item = z.strictObject({
  /** Data variable holding this item (a 0/1 variable for multiple response as 0/1 set). */
  variable: Identifier.optional(),
  /** Code of the option in a checkbox-list multiple response variable. */
  code: Code.optional(),
  label: z.string().min(1),
  /** Routing of this item only (in addition to the question's `askedIf`). */
  askedIf: z.string().min(1).optional(),
  /** Multiple response: an option that excludes the others ("Geen van deze", "Weet ik niet"). */
  exclusive: z.boolean().optional(),
});

/**
 * `numbers`: a battery of number fields under one wording, one variable per item (report 2,
 * Tabel 3-4: "Welk deel (in procenten) van uw caseload …" with one percentage per segment).
 */
export const QuestionType = z.enum(['single', 'multiple', 'grid', 'rating', 'number', 'numbers', 'open']);

export const Question = z.strictObject({
  id: Identifier,
  wording: z.string().min(1),
  type: QuestionType,
  /** Data variable (single, rating, number, open; or checkbox-list multiple). Default: the id. */
  variable: Identifier.optional(),
  categories: Categories.optional(),
  /**
   * Multiple response storage: `dichotomies` = one 0/1 variable per option (items[].variable);
   * `list` = one text variable with the chosen codes separated by ";", "," or spaces.
   */
  encoding: z.enum(['dichotomies', 'list']).optional(),
  /** Grid statements or multiple-response options. */
  items: z.array(Item).min(1).optional(),
  /** Rating range; default 1..10. */
  range: z.tuple([z.number(), z.number()]).optional(),
  /** Routing: who was asked, an expression over earlier answers (see expression.ts). */
  askedIf: z.string().min(1).optional(),
  /** Waves in which this question was asked (default: all). */
  waves: z.array(z.number().int()).optional(),
});

export const CodeList = z.union([Code, z.array(Code).min(1)]);

export const CollapseGroup = z.strictObject({
  label: z.string().min(1),
  codes: z.array(Code).min(1),
  /** New code of the group; default: position 1, 2, … */
  code: Code.optional(),
  special: SpecialAnswer.optional(),
});

export const Collapse = z.union([z.array(CollapseGroup).min(1), Identifier]);

/** A variable in the data that is not a question: register or background variables (age, sex, size class), themes. */
export const BackgroundVariable = z.strictObject({
  id: Identifier,
  label: z.string().min(1),
  type: z.enum(['single', 'number', 'open', 'multiple']).optional(),
  categories: Categories.optional(),
  /** Options of a set of 0/1 variables (coded open-answer themes). */
  items: z.array(Item).min(1).optional(),
});

export const DerivedVariable = z.discriminatedUnion('type', [
  z.strictObject({
    id: Identifier,
    type: z.literal('recode'),
    from: Identifier,
    /** Old code (as YAML key) → new code. Codes not listed become missing unless `else` is set. */
    map: z.record(z.string(), Code),
    else: z.union([Code, z.literal('copy'), z.literal('missing')]).optional(),
    categories: Categories,
    label: z.string().optional(),
  }),
  z.strictObject({
    id: Identifier,
    type: z.literal('collapse'),
    from: Identifier,
    groups: Collapse,
    label: z.string().optional(),
  }),
  z.strictObject({
    id: Identifier,
    type: z.literal('buckets'),
    from: Identifier,
    /** Buckets in order; a value falls in the first bucket whose bounds hold it. */
    buckets: z
      .array(
        z.strictObject({
          label: z.string().min(1),
          code: Code.optional(),
          /** Inclusive lower bound; default -Infinity. */
          min: z.number().optional(),
          /** Upper bound, inclusive unless `below` is used. */
          max: z.number().optional(),
          /** Exclusive upper bound. */
          below: z.number().optional(),
        }),
      )
      .min(1),
    label: z.string().optional(),
  }),
  z.strictObject({
    id: Identifier,
    type: z.literal('count'),
    /** A multiple-response question: counts the options chosen. */
    of: Identifier,
    label: z.string().optional(),
  }),
  z.strictObject({
    id: Identifier,
    /**
     * Back-coding of "Anders, namelijk" answers into existing categories after reading the
     * texts (report 4, footnote 4: five regions moved from the rest category to "In het regionaal
     * portefeuillehoudersoverleg"). A copy of `from` in which an answer with one of `codes`
     * (default: the categories of `from` marked special: other) moves to the `code` of the first
     * rule whose `when` holds (an expression, e.g. `regio in [4, 9]` or `overleg_anders == "…"`).
     */
    type: z.literal('backcode'),
    from: Identifier,
    rules: z.array(z.strictObject({ code: Code, when: z.string().min(1) })).min(1).optional(),
    /**
     * Moves made while coding (`spiegel code`): a CSV file (relative to the spec) with the columns
     * unit,to,text,by,at — the respondent's `unit` value, the category the answer moved to, the
     * original text, who moved it and when. Applied before `rules`; needs `unit`.
     */
    moves: z.string().min(1).optional(),
    /** Variable that identifies respondents in `moves` (and codings files). */
    unit: Identifier.optional(),
    codes: z.array(Code).min(1).optional(),
    label: z.string().optional(),
  }),
  z.strictObject({
    id: Identifier,
    /**
     * Themes of coded open answers (report 1A, Tabel 36): one 0/1 variable per theme, 1 when the
     * answer's final coding (src/coding/final.ts) holds one of the theme's codes or a code below
     * them in the codebook; missing for respondents without an answer and for answers not yet
     * coded (the themes table says how many).
     */
    type: z.literal('coded'),
    /** The open question (its text variable) whose answers were coded. */
    from: Identifier,
    /** Variable that identifies respondents; its values are the `unit` column of the codings file. */
    unit: Identifier,
    /** Codebook file (YAML) and codings file (CSV, unit,coder,code,…), relative to the spec. */
    codebook: z.string().min(1),
    codings: z.string().min(1),
    themes: z
      .array(z.strictObject({ variable: Identifier, label: z.string().min(1), codes: z.array(z.string().min(1)).min(1) }))
      .min(1),
    label: z.string().optional(),
  }),
  z.strictObject({
    id: Identifier,
    type: z.literal('expression'),
    /** 1 where the condition holds, 0 where not, missing where it cannot be evaluated. */
    condition: z.string().min(1),
    categories: Categories.optional(),
    label: z.string().optional(),
  }),
]);

