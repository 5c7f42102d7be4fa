/**
 * The median as R's `median(x)` computes it: the middle value of the sorted values for odd n,
 * the mean of the two middle values for even n (R's `median.default`: `mean(sort(x, partial =
 * half + 0:1)[half + 0:1])`); undefined for no values.
 */
export function median(values: readonly number[]): number | undefined {
  const n = values.length;
  if (n === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(n / 2);
  return n % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}
