/**
 * Weight trimming with redistribution, as R survey `trimWeights` (survey 4.1): weights below `lower`
 * or above `upper` are set to the bound, and the total trimmed off (or added) is spread equally over
 * the units that were inside the bounds, so the weight total is unchanged. With `strict`, this is
 * repeated until no weight lies outside the bounds (the redistribution can push weights over).
 */
export interface TrimResult {
  readonly weights: Float64Array;
  /** Number of trimming passes that changed something. */
  readonly passes: number;
  /** Units at a bound after the first pass. */
  readonly trimmed: number;
}

export function trimWeights(w0: Float64Array, lower: number, upper: number, strict: boolean): TrimResult {
  let w = Float64Array.from(w0);
  let passes = 0;
  let trimmed = 0;
  for (;;) {
    let outsideCount = 0;
    let trimmings = 0;
    const outside = new Uint8Array(w.length);
    for (let i = 0; i < w.length; i++) {
      if (w[i] < lower || w[i] > upper) {
        outside[i] = 1;
        outsideCount++;
      }
    }
    if (outsideCount === 0) break;
    const next = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) {
      const v = Math.max(lower, Math.min(w[i], upper));
      trimmings += w[i] - v;
      next[i] = v;
    }
    const inside = w.length - outsideCount;
    const share = trimmings / inside;
    for (let i = 0; i < w.length; i++) if (outside[i] === 0) next[i] += share;
    if (passes === 0) trimmed = outsideCount;
    passes++;
    w = next;
    if (!strict || inside === 0) break;
    if (passes > 10 * w.length + 100) break;
  }
  return { weights: w, passes, trimmed };
}
