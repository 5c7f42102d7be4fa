/**
 * Agreement per code of a codebook, from the codings of several coders.
 *
 * Each code is scored per answer (or fragment) and coder as present (1) or absent (0); a coder
 * who did not code an answer is missing for it. Per code: Cohen's κ when there are exactly two
 * coders, Krippendorff's α (nominal) for any number; overall, α pooled over all (answer, code)
 * pairs, each pair a unit. Every figure comes with the number of units behind it.
 */
import { cohensKappa, krippendorffAlpha, type AlphaResult, type CodeValue, type KappaResult } from './agreement.js';

/** What one coder decided for one answer: the codes given (possibly none). */
export interface CoderCoding {
  readonly unit: string;
  readonly coder: string;
  readonly codes: readonly string[];
}

export interface CodeAgreement {
  readonly code: string;
  /** Only with exactly two coders. */
  readonly kappa?: KappaResult;
  readonly alpha: AlphaResult;
  /** Answers in which at least one coder used the code. */
  readonly used: number;
}

export interface AgreementReport {
  readonly coders: readonly string[];
  /** Answers coded by at least two coders. */
  readonly doubleCoded: number;
  readonly perCode: readonly CodeAgreement[];
  /** α over all (answer, code) pairs. */
  readonly pooled: AlphaResult;
}

/**
 * Agreement of the coders in `codings` on the codes in `codes` (the codebook's codes; a code
 * nobody used still gets a row, with α undefined when no coder ever used it).
 */
export function codeAgreement(codings: readonly CoderCoding[], codes: readonly string[]): AgreementReport {
  const coders = [...new Set(codings.map((c) => c.coder))].sort();
  const units = [...new Set(codings.map((c) => c.unit))].sort();
  const coderIndex = new Map(coders.map((c, i) => [c, i]));
  const unitIndex = new Map(units.map((u, i) => [u, i]));
  // given[coder][unit]: the set of codes, or undefined when that coder did not code the unit.
  const given: (Set<string> | undefined)[][] = coders.map(() => Array.from({ length: units.length }, (): Set<string> | undefined => undefined));
  for (const c of codings) {
    const row = given[coderIndex.get(c.coder)!];
    const u = unitIndex.get(c.unit)!;
    if (row[u] !== undefined) throw new RangeError(`coder "${c.coder}" has two codings of answer "${c.unit}"`);
    row[u] = new Set(c.codes);
  }
  const presence = (code: string): CodeValue[][] => given.map((row) => row.map((s) => (s === undefined ? null : s.has(code) ? 1 : 0)));
  const perCode = codes.map((code): CodeAgreement => {
    const data = presence(code);
    const used = units.filter((_, u) => data.some((row) => row[u] === 1)).length;
    return {
      code,
      ...(coders.length === 2 ? { kappa: cohensKappa(data[0], data[1]) } : {}),
      alpha: krippendorffAlpha(data, 'nominal'),
      used,
    };
  });
  // Pooled: every (answer, code) pair is a unit; concatenate the per-code columns per coder.
  const pooledData = coders.map(() => [] as CodeValue[]);
  for (const code of codes) {
    const data = presence(code);
    data.forEach((row, i) => {
      for (const v of row) pooledData[i].push(v);
    });
  }
  const doubleCoded = units.filter((_, u) => given.filter((row) => row[u] !== undefined).length >= 2).length;
  return { coders, doubleCoded, perCode, pooled: krippendorffAlpha(pooledData, 'nominal') };
}
