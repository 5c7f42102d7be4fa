/**
 * Counts per fieldwork status and AAPOR code, the AAPOR outcome rates (computed by the response
 * accounting of src/sampling/response.ts), and completes against the targets: overall and per
 * stratum (a register column).
 */
import { InvalidInputError } from '../../errors.js';
import { type Disposition, type ResponseRates, responseRates } from '../../sampling/response.js';
import { AAPOR_CODES, FIELD_STATUSES, type FieldStatus } from './aapor.js';
import type { UnitDisposition } from './read.js';

export interface StratumStatus {
  /** The register value, or "total". */
  readonly stratum: string;
  readonly statuses: Readonly<Record<FieldStatus, number>>;
  /** Counts per disposition letter and the rates RR1, RR2, COOP1, COOP2, REF1, CON1. */
  readonly rates: ResponseRates;
  /** Completes wanted (fieldwork.targets.completes), when a target is set for this stratum. */
  readonly target?: number;
}

export interface StatusSummary {
  /** The register column of the strata, if any. */
  readonly column?: string;
  readonly total: StratumStatus;
  readonly strata: readonly StratumStatus[];
}

const noStatuses = (): Record<FieldStatus, number> => Object.fromEntries(FIELD_STATUSES.map((s) => [s, 0])) as Record<FieldStatus, number>;

/**
 * @param column register column of the strata (`--by`, or fieldwork.targets.column)
 * @param targets completes wanted per value of that column
 * @param field where the column was named, for the error message
 */
export function summariseDispositions(
  units: readonly UnitDisposition[],
  column?: string,
  targets?: Readonly<Record<string, number>>,
  field = '--by',
): StatusSummary {
  if (column !== undefined && units.length > 0 && !units.some((u) => column in u.register)) {
    const have = [...new Set(units.flatMap((u) => Object.keys(u.register)))];
    throw new InvalidInputError(
      `the sample in the store has no register column "${column}" to count by (its register columns: ${have.join(', ') || 'none'}; set fieldwork.registerColumns before "spiegel field import")`,
      { field },
    );
  }
  const strataOf = column === undefined ? undefined : units.map((u) => u.register[column] ?? '');
  const letters: Disposition[] = units.map((u) => u.aapor.letter);
  const [totalRates, ...perRates] = responseRates(letters, strataOf);
  const rateOf = new Map(perRates.map((r) => [r.stratum, r]));

  const statuses = new Map<string, Record<FieldStatus, number>>();
  const all = noStatuses();
  units.forEach((u, i) => {
    all[u.status]++;
    if (strataOf === undefined) return;
    let s = statuses.get(strataOf[i]);
    if (s === undefined) statuses.set(strataOf[i], (s = noStatuses()));
    s[u.status]++;
  });
  const names = [...new Set([...statuses.keys(), ...(column !== undefined ? Object.keys(targets ?? {}) : [])])].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  const targetOf = (s: string): { target?: number } => (targets !== undefined && s in targets ? { target: targets[s] } : {});
  const strata = names.map((s) => ({
    stratum: s,
    statuses: statuses.get(s) ?? noStatuses(),
    rates: rateOf.get(s) ?? responseRates([])[0],
    ...targetOf(s),
  }));
  const targetTotal = targets === undefined || column === undefined ? undefined : Object.values(targets).reduce((a, b) => a + b, 0);
  return {
    ...(column !== undefined ? { column } : {}),
    total: { stratum: 'total', statuses: all, rates: totalRates, ...(targetTotal !== undefined ? { target: targetTotal } : {}) },
    strata,
  };
}

/** Counts per AAPOR code (in code order) of one summary line. */
export function countsByCode(s: StratumStatus): { code: string; name: string; letter: Disposition; count: number }[] {
  return FIELD_STATUSES.map((st) => ({ ...AAPOR_CODES[st], count: s.statuses[st] })).sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}
