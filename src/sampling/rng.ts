/**
 * The random number generator of every sample: xoshiro128** 1.1 (Blackman & Vigna, "Scrambled
 * linear pseudorandom number generators", ACM TOMS 2021; reference code at prng.di.unimi.it),
 * with its 128-bit state filled from the seed by SplitMix32 (the 32-bit SplitMix step: add the
 * golden-ratio constant 0x9e3779b9, then the MurmurHash3 fmix32 finaliser), as the authors advise
 * to seed from a different generator. Only 32-bit integer arithmetic is used, so the same seed
 * gives the same stream on every machine and JavaScript engine. Math.random is never used.
 *
 * A uniform number in [0, 1) takes 53 bits from two outputs: (a >>> 5) · 2^26 + (b >>> 6), / 2^53.
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
    // Fold the seed's high bits (up to 2^53) into the SplitMix32 start value.
    let x = (seed >>> 0) ^ Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x85ebca6b);
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator in a given state (for checking against the reference implementation). */
  static fromState(s0: number, s1: number, s2: number, s3: number): Xoshiro128 {
    const g = new Xoshiro128(0);
    g.s0 = s0 | 0;
    g.s1 = s1 | 0;
    g.s2 = s2 | 0;
    g.s3 = s3 | 0;
    return g;
  }

  /** Next 32-bit output as an unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** Uniform integer in [0, n), n ≤ 2^32, by rejection (no modulo bias). */
  below(n: number): number {
    if (n <= 0 || n > 4294967296) throw new RangeError(`below(${n})`);
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const r = this.nextUint32();
      if (r < limit) return r % n;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
