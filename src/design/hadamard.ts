/**
 * Hadamard matrices for BRR / Fay replicates, chosen exactly as R survey 4.1 `hadamard(n)` chooses
 * them (survey:::hadamard, survey:::paley, survey:::hadamard.doubler), so that replicate weights
 * and SEs equal R's for any number of strata.
 *
 * Entries are 0/1 (1 for +1), as R survey stores them. R's rule for n strata (a matrix of order
 * at least n + 1 is needed; rows 2..n+1 are used):
 * 1. If one of R's stored matrices (orders 4, 16, 28, 36) has order m + 4, with m = n − n mod 4,
 *    that one; for n < 4 the order-4 matrix.
 * 2. Otherwise every stored order is doubled until it exceeds n; the smallest result (first on
 *    ties) is the target. When it is more than 4 above n, a Paley-type matrix of order
 *    ≤ the target is tried (Paley 1933, quadratic residues modulo a prime p ≡ 3 mod 4, order
 *    p + 1, possibly doubled); if Paley has none, the stored matrix doubled (Sylvester:
 *    [[H, H], [H, 1 − H]]).
 *
 * The stored matrices cannot be derived from a rule, so they are data: src/design/hadamard-stored.json,
 * written from survey:::hadamard.list by tools/r/hadamard-fixtures.R.
 */

import stored from './hadamard-stored.json' with { type: 'json' };

/** A Hadamard matrix as rows of 0/1 (1 for +1). */
export type HadamardMatrix = readonly Uint8Array[];

/** Largest prime R's paley() knows (its table holds every prime ≡ 3 mod 4 up to this). */
const LARGEST_PALEY_PRIME = 7919;

const storedSizes: readonly number[] = stored.sizes;
const storedMatrices: readonly HadamardMatrix[] = stored.matrices.map((m) => m.map((row) => Uint8Array.from(row)));

const cache = new Map<number, HadamardMatrix>();

/** R survey's `hadamard(n)`: the matrix whose rows 2..n+1 give BRR replicates for n strata. */
export function hadamard(n: number): HadamardMatrix {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`hadamard: the number of strata must be a whole number ≥ 0, got ${n}`);
  let H = cache.get(n);
  if (H === undefined) {
    H = chooseHadamard(n);
    cache.set(n, H);
  }
  return H;
}

function chooseHadamard(n: number): HadamardMatrix {
  const m = n - (n % 4);
  const precooked = storedSizes.findIndex((s) => m < s && m + 4 >= s);
  if (precooked >= 0) return storedMatrices[precooked];
  if (storedSizes.every((s) => m < s)) return storedMatrices[0];
  // Each stored order doubled until it exceeds n (R: sizes × 2^max(0, ⌈log2((n + 1) / sizes)⌉)).
  const doublings = storedSizes.map((s) => Math.max(0, Math.ceil(Math.log2((n + 1) / s))));
  const sizes = storedSizes.map((s, i) => s * 2 ** doublings[i]);
  let best = 0;
  for (let i = 1; i < sizes.length; i++) if (sizes[i] - n < sizes[best] - n) best = i;
  if (sizes[best] - n > 4) {
    const P = paley(n, sizes[best]);
    if (P !== null) return P;
  }
  let H = storedMatrices[best];
  for (let k = 0; k < doublings[best]; k++) H = doubled(H);
  return H;
}

/** R survey's `paley(n, nmax)`: a Paley-type matrix of order > n, or null when it finds none. */
function paley(n: number, nmax: number): HadamardMatrix | null {
  const nceil = n + 4 - (n % 4);
  let nn = nceil;
  // Order ≡ 0 mod 8: try p + 1 with the factors of 2 removed, then double back up.
  if ((n % 4) + 4 === n % 8) {
    while (nn % 8 === 0) nn /= 2;
    if (isPaleyPrime(nn - 1)) {
      let H = paleyOfPrime(nn - 1);
      while (nn < nceil) {
        H = doubled(H);
        nn *= 2;
      }
      return H;
    }
  }
  if (n > LARGEST_PALEY_PRIME) return null;
  let p = n;
  while (!isPaleyPrime(p)) p++;
  if (p + 1 > nceil + 4 && nceil + 4 < nmax) return paley(nceil + 3, 2 * (nceil + 3));
  if (p > nmax) return null;
  return paleyOfPrime(p);
}

/** Is p in R paley()'s table: a prime ≡ 3 mod 4, at most 7919. */
function isPaleyPrime(p: number): boolean {
  if (p < 3 || p > LARGEST_PALEY_PRIME || p % 4 !== 3) return false;
  for (let d = 3; d * d <= p; d += 2) if (p % d === 0) return false;
  return true;
}

/**
 * Paley construction of order p + 1 for a prime p ≡ 3 mod 4, in R's layout: first row and column
 * 1; entry (i, j) of the rest (i, j = 0..p−1) is 0 when (i + j) mod p is 0 or a quadratic
 * residue mod p, else 1.
 */
function paleyOfPrime(p: number): HadamardMatrix {
  const residue = new Uint8Array(p);
  residue[0] = 1;
  for (let i = 1; i <= (p - 1) / 2; i++) residue[(i * i) % p] = 1;
  const rows: Uint8Array[] = [Uint8Array.from({ length: p + 1 }, () => 1)];
  for (let i = 0; i < p; i++) {
    const row = new Uint8Array(p + 1);
    row[0] = 1;
    for (let j = 0; j < p; j++) row[j + 1] = residue[(i + j) % p] === 1 ? 0 : 1;
    rows.push(row);
  }
  return rows;
}

/** Sylvester doubling as R's hadamard.doubler: [[H, H], [H, 1 − H]]. */
function doubled(H: HadamardMatrix): HadamardMatrix {
  const k = H.length;
  const rows: Uint8Array[] = [];
  for (let i = 0; i < 2 * k; i++) {
    const src = H[i % k];
    const row = new Uint8Array(2 * k);
    row.set(src, 0);
    for (let j = 0; j < k; j++) row[k + j] = i < k ? src[j] : 1 - src[j];
    rows.push(row);
  }
  return rows;
}
