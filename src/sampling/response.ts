/**
 * Response accounting (issue 4 §2) with the AAPOR Standard Definitions (9th ed., 2016):
 *
 *   RR1 = I / ((I + P) + (R + NC + O) + (UH + UO))      complete interviews only
 *   RR2 = (I + P) / ((I + P) + (R + NC + O) + (UH + UO)) partial interviews count as response
 *   COOP1 = I / ((I + P) + R + O)                        cooperation rate 1: completes among the
 *   COOP2 = (I + P) / ((I + P) + R + O)                  eligible units contacted (cooperation 2:
 *                                                        with partials)
 *   REF1 = R / ((I + P) + (R + NC + O) + (UH + UO))      refusal rate 1
 *   CON1 = ((I + P) + R + O) / ((I + P) + R + O + NC + (UH + UO))   contact rate 1
 *
 * (AAPOR, Standard Definitions: Final Dispositions of Case Codes and Outcome Rates for Surveys,
 * 9th ed. 2016, pp. 61–64; unchanged in the 10th ed. 2023, section "Outcome rates". Rates 1 count
 * every unit of unknown eligibility as eligible: no estimate e is needed. A rate whose
 * denominator is 0 is NaN.)
 *
 * Disposition codes: the letters I (complete), P (partial), R (refusal, break-off),
 * NC (non-contact), O (other non-response), UH / UO (unknown eligibility), NE (not eligible,
 * left out of every rate); or AAPOR's numeric final codes: 1.1 → I, 1.2 → P, 2.1x → R,
 * 2.2x → NC, 2.3x and other 2.x → O, 3.1x → UH, other 3.x → UO, 4.x → NE.
 * Respondents are I and P.
 */
import { SamplingError } from './errors.js';

export type Disposition = 'I' | 'P' | 'R' | 'NC' | 'O' | 'UH' | 'UO' | 'NE';
export const DISPOSITIONS: readonly Disposition[] = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'];

export function parseDisposition(value: string | number, row: number): Disposition {
  const t = String(value).trim().toUpperCase();
  if ((DISPOSITIONS as readonly string[]).includes(t)) return t as Disposition;
  const m = /^([1-4])\.(\d)(\d*)$/.exec(t) ?? /^([1-4])$/.exec(t);
  if (m !== null) {
    const major = m[1];
    const minor = m[2] ?? '';
    if (major === '1') return minor === '2' ? 'P' : 'I';
    if (major === '2') return minor === '1' ? 'R' : minor === '2' ? 'NC' : 'O';
    if (major === '3') return minor === '1' ? 'UH' : 'UO';
    return 'NE';
  }
  throw new SamplingError(
    `row ${row + 1}: disposition "${String(value)}" is not an AAPOR code (use I, P, R, NC, O, UH, UO, NE or a numeric final code such as 1.1 or 2.11)`,
    { field: 'disposition' },
  );
}

export interface ResponseRates {
  readonly stratum: string;
  readonly counts: Readonly<Record<Disposition, number>>;
  /** Gross sample (all cases, including not eligible). */
  readonly gross: number;
  /** Respondents (I + P). */
  readonly net: number;
  readonly rr1: number;
  readonly rr2: number;
  readonly coop1: number;
  readonly coop2: number;
  readonly ref1: number;
  readonly con1: number;
}

function rates(stratum: string, counts: Record<Disposition, number>): ResponseRates {
  const den = counts.I + counts.P + counts.R + counts.NC + counts.O + counts.UH + counts.UO;
  let gross = 0;
  for (const d of DISPOSITIONS) gross += counts[d];
  const ratio = (num: number, d: number): number => (d > 0 ? num / d : NaN);
  const interviews = counts.I + counts.P;
  const contacted = interviews + counts.R + counts.O;
  return {
    stratum,
    counts,
    gross,
    net: interviews,
    rr1: ratio(counts.I, den),
    rr2: ratio(interviews, den),
    coop1: ratio(counts.I, contacted),
    coop2: ratio(interviews, contacted),
    ref1: ratio(counts.R, den),
    con1: ratio(contacted, contacted + counts.NC + counts.UH + counts.UO),
  };
}

const zero = (): Record<Disposition, number> => ({ I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 });

/** Rates overall (first entry, stratum "total") and per stratum in order of appearance. */
export function responseRates(dispositions: readonly Disposition[], strata?: readonly string[]): ResponseRates[] {
  const all = zero();
  const per = new Map<string, Record<Disposition, number>>();
  dispositions.forEach((d, i) => {
    all[d]++;
    if (strata !== undefined) {
      let c = per.get(strata[i]);
      if (c === undefined) per.set(strata[i], (c = zero()));
      c[d]++;
    }
  });
  return [rates('total', all), ...[...per].map(([s, c]) => rates(s, c))];
}

export interface Comparison {
  readonly variable: string;
  readonly rows: readonly { category: string; population: number; populationShare: number; respondents: number; respondentShare: number }[];
}

/** Respondents against the population on a frame variable: counts and shares per category. */
export function compareWithPopulation(variable: string, population: ReadonlyMap<string, number>, respondents: readonly string[]): Comparison {
  const resp = new Map<string, number>();
  for (const r of respondents) resp.set(r, (resp.get(r) ?? 0) + 1);
  const cats = [...new Set([...population.keys(), ...resp.keys()])];
  const N = [...population.values()].reduce((a, b) => a + b, 0);
  const n = respondents.length;
  return {
    variable,
    rows: cats.map((c) => ({
      category: c,
      population: population.get(c) ?? 0,
      populationShare: N > 0 ? (population.get(c) ?? 0) / N : NaN,
      respondents: resp.get(c) ?? 0,
      respondentShare: n > 0 ? (resp.get(c) ?? 0) / n : NaN,
    })),
  };
}
