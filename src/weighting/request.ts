/**
 * The weighting request (issue 4, "JSON contracts"), validated with strict zod schemas through
 * the one validation path (src/validation): an unknown field is an error with a "did you mean",
 * and every problem is listed with file, line and field, e.g. `margins[1].population[3].N`.
 */
import { z } from 'zod';
import { ValidationError, validateSource, valueSource, type SourceDocument } from '../validation/index.js';

const categoryValue = z.union([z.string(), z.number()]);

const populationEntry = z
  .object({ N: z.number().finite().nonnegative() })
  .catchall(categoryValue);

const margin = z.strictObject({
  /** Variables crossed in this margin, e.g. ["ageclass", "sex"]. */
  variables: z.array(z.string().min(1)).min(1),
  /** One entry per cell: the category of each variable (value label or code) and the population count N. */
  population: z.array(populationEntry).min(1),
});

const total = z.strictObject({ variable: z.string().min(1), total: z.number().finite() });

const trim = z.strictObject({
  lower: z.number().optional(),
  upper: z.number().optional(),
  /** Repeat trimming until no weight is outside the bounds (R trimWeights strict = TRUE). */
  strict: z.boolean().optional(),
  /** Bounds are multiples of the mean weight instead of absolute weights. */
  relative: z.boolean().optional(),
});

const nonresponse = z.strictObject({
  /** Variable that is 1 (or true) for respondents and 0 for non-respondents. */
  respondent: z.string().min(1),
  /** Weighting classes; the adjustment is made within each crossed class. Empty: one class. */
  classes: z.array(z.string().min(1)).default([]),
});

export const weightingMethods = ['poststratify', 'rake', 'linear', 'logit', 'trim', 'nonresponse'] as const;
export type WeightingMethod = (typeof weightingMethods)[number];

export const weightingRequestSchema = z
  .strictObject({
    method: z.enum(weightingMethods),
    /** Variable holding the base (design) weights; without it the weights start at 1. */
    baseWeight: z.string().min(1).optional(),
    margins: z.array(margin).default([]),
    totals: z.array(total).default([]),
    /** Bounds on the g-weights (final / base weight), as R calibrate's `bounds`. */
    bounds: z.tuple([z.number(), z.number()]).optional(),
    trim: trim.optional(),
    nonresponse: nonresponse.optional(),
    /** Stopping tolerance: largest relative difference between achieved and target margin totals. */
    epsilon: z.number().positive().optional(),
    maxIterations: z.number().int().positive().optional(),
    /** Name of the output weight variable. */
    weight: z.string().min(1).optional(),
    /**
     * The margins' N are shares (or percentages): scale each margin to the sample (sum of the
     * base weights) or to a population of the given size. Without it, margins that add up to 1
     * (or to 100 with more than 100 rows) are refused.
     */
    shares: z.union([z.literal('sample'), z.strictObject({ population: z.number().finite().positive() })]).optional(),
  })
  .superRefine((r, ctx) => {
    const need = (cond: boolean, path: (string | number)[], message: string): void => {
      if (!cond) ctx.addIssue({ code: 'custom', path, message });
    };
    r.margins.forEach((m, i) => {
      const vars = new Set(m.variables);
      need(vars.size === m.variables.length, ['margins', i, 'variables'], 'a variable is named twice');
      m.population.forEach((p, j) => {
        for (const v of m.variables) {
          need(p[v] !== undefined, ['margins', i, 'population', j, v], `missing the category of "${v}"`);
        }
        for (const k of Object.keys(p)) {
          if (k !== 'N') need(vars.has(k), ['margins', i, 'population', j, k], `"${k}" is not one of this margin's variables`);
        }
      });
    });
    switch (r.method) {
      case 'poststratify':
        need(r.margins.length === 1, ['margins'], 'poststratify needs exactly one margin (list several variables in it to cross them)');
        need(r.totals.length === 0, ['totals'], 'poststratify does not take numeric totals; use "linear" calibration');
        break;
      case 'rake':
        need(r.margins.length >= 1, ['margins'], 'rake needs at least one margin');
        need(r.totals.length === 0, ['totals'], 'rake does not take numeric totals; use "linear" or "logit" calibration');
        break;
      case 'linear':
      case 'logit':
        need(r.margins.length + r.totals.length >= 1, ['margins'], `${r.method} calibration needs margins or totals`);
        if (r.bounds !== undefined) need(r.bounds[0] <= 1 && r.bounds[1] >= 1, ['bounds'], 'bounds must satisfy lower ≤ 1 ≤ upper');
        if (r.method === 'logit') {
          need(
            r.bounds !== undefined && Number.isFinite(r.bounds[0]) && Number.isFinite(r.bounds[1]) && r.bounds[0] < 1 && r.bounds[1] > 1,
            ['bounds'],
            'logit calibration needs finite bounds [lower, upper] with lower < 1 < upper',
          );
        }
        break;
      case 'trim':
        need(r.trim !== undefined, ['trim'], 'method "trim" needs a "trim" block with lower and/or upper');
        break;
      case 'nonresponse':
        need(r.nonresponse !== undefined, ['nonresponse'], 'method "nonresponse" needs a "nonresponse" block with "respondent"');
        break;
    }
    if (r.trim !== undefined) {
      const lo = r.trim.lower ?? -Infinity;
      const hi = r.trim.upper ?? Infinity;
      need(lo < hi, ['trim'], 'trim.lower must be below trim.upper');
      need(r.trim.lower !== undefined || r.trim.upper !== undefined, ['trim'], 'trim needs lower and/or upper');
    }
  });

export type WeightingRequest = z.infer<typeof weightingRequestSchema>;
export type WeightingMargin = WeightingRequest['margins'][number];

/** Validates a weighting request document (file or inline); every problem is raised at once. */
export function validateWeightingRequest(source: SourceDocument): WeightingRequest {
  return validateSource(weightingRequestSchema, source);
}

/** Validates a weighting request value; problems name the field (and the file, if given). */
export function parseWeightingRequest(json: unknown, source?: string): WeightingRequest {
  return validateWeightingRequest(valueSource(json, source));
}

/**
 * The name of the output weight variable (`weight`, default "weight"). A name the data already
 * has is refused: writing the weight would silently replace that column (even a margin variable).
 */
export function outputWeightName(request: WeightingRequest, data: { has(name: string): boolean }, source: SourceDocument): string {
  const name = request.weight ?? 'weight';
  if (!data.has(name)) return name;
  const loc = source.locate(request.weight === undefined ? [] : ['weight']);
  const how = request.weight === undefined ? 'give the new weight another name with "weight" in the request' : 'choose a name the data does not have';
  throw new ValidationError([
    { file: loc.file ?? source.file, line: loc.line, column: loc.column, field: 'weight', message: `the data already has a variable "${name}", which the weight would replace; ${how}` },
  ]);
}
