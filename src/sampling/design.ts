/**
 * The sampling design (issue 4, "JSON contracts"), validated with strict zod schemas through the
 * one validation path (src/validation): unknown fields are errors with a "did you mean", and every
 * problem is listed with file, line and field.
 */
import { z } from 'zod';
import { validateSource, valueSource, type SourceDocument } from '../validation/index.js';

const fixedAllocation = z.strictObject({
  type: z.literal('fixed'),
  /** Sample size per stratum (by stratum value), or "all" for a take-all stratum. */
  n: z.record(z.string(), z.union([z.number().int().nonnegative(), z.literal('all')])),
});
const computedAllocation = z.strictObject({
  type: z.enum(['proportional', 'neyman']),
  /** Total sample size (defaults to the design's n). */
  n: z.number().int().positive().optional(),
  /** Smallest sample per stratum (a stratum smaller than this is taken whole). */
  minimum: z.number().int().nonnegative().optional(),
  /** Neyman: the variable whose standard deviation per stratum sets the allocation. */
  variable: z.string().min(1).optional(),
});

export const samplingDesignSchema = z
  .strictObject({
    method: z.enum(['srs', 'systematic', 'stratified', 'pps']),
    n: z.number().int().positive().optional(),
    /** Unique key of the frame's units. */
    key: z.string().min(1),
    strata: z.string().min(1).optional(),
    allocation: z.union([fixedAllocation, computedAllocation]).optional(),
    /** PPS: the size measure. */
    size: z.string().min(1).optional(),
    /** Systematic / PPS: order of the frame before selection (implicit stratification). */
    sort: z.array(z.string().min(1)).optional(),
    /** Units in earlier samples are not eligible. */
    exclude: z.array(z.strictObject({ file: z.string().min(1), key: z.string().min(1) })).optional(),
  })
  .superRefine((d, ctx) => {
    const need = (cond: boolean, path: (string | number)[], message: string): void => {
      if (!cond) ctx.addIssue({ code: 'custom', path, message });
    };
    if (d.method === 'stratified') need(d.strata !== undefined, ['strata'], 'stratified sampling needs "strata"');
    if (d.strata !== undefined) {
      need(d.allocation !== undefined, ['allocation'], 'sampling within strata needs an "allocation"');
      if (d.allocation !== undefined && d.allocation.type !== 'fixed') {
        need(d.allocation.n !== undefined || d.n !== undefined, ['allocation', 'n'], 'give the total sample size "n"');
        if (d.allocation.type === 'neyman') need(d.allocation.variable !== undefined, ['allocation', 'variable'], 'neyman allocation needs "variable"');
      }
    } else {
      need(d.n !== undefined, ['n'], `${d.method} sampling needs "n"`);
      need(d.allocation === undefined, ['allocation'], 'an allocation needs "strata"');
    }
    if (d.method === 'pps') need(d.size !== undefined, ['size'], 'pps sampling needs a size variable "size"');
  });

export type SamplingDesign = z.infer<typeof samplingDesignSchema>;

/** Validates a sampling design document (file or inline); every problem is raised at once. */
export function validateSamplingDesign(source: SourceDocument): SamplingDesign {
  return validateSource(samplingDesignSchema, source);
}

export function parseSamplingDesign(json: unknown, source?: string): SamplingDesign {
  return validateSamplingDesign(valueSource(json, source));
}
