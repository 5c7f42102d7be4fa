/**
 * Seeded randomness for the example-data generators (never Math.random, so every machine makes
 * the same files). mulberry32 is Tommy Ettinger's 32-bit generator: small, fast and good enough
 * for synthetic survey answers; sampling itself uses xoshiro128** (src/sampling).
 */

/** mulberry32: a seeded generator of uniform numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Index drawn with the given (unnormalised) probabilities. */
export function pick(rand: () => number, probs: readonly number[]): number {
  const total = probs.reduce((a, b) => a + b, 0);
  let u = rand() * total;
  for (let i = 0; i < probs.length; i++) {
    u -= probs[i];
    if (u < 0) return i;
  }
  return probs.length - 1;
}

/** Shuffled copy (Fisher–Yates). */
export function shuffle<T>(rand: () => number, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
