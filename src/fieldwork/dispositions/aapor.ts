/**
 * The fieldwork status of a sampled unit and its AAPOR final disposition code (The American
 * Association for Public Opinion Research, Standard Definitions: Final Dispositions of Case Codes
 * and Outcome Rates for Surveys, 9th ed. 2016 and 10th ed. 2023; the tables for mail and for
 * Internet surveys of specifically named persons, which is what a register sample invited by
 * letter and e-mail is). The reasoning behind each line is in docs/fieldwork-dispositions.md.
 *
 *   status          code   AAPOR                                                   rate letter
 *   complete        1.1    Complete                                                I
 *   partial         1.2    Partial (the export's partial threshold)                P
 *   refused         2.11   Refusal (the opt-out link: an explicit refusal)         R
 *   started         2.12   Break-off, too incomplete to count as partial            R
 *   undeliverable   3.30   Invitation returned undelivered (eligibility unknown)    UO
 *   invited         3.19   Nothing ever returned (eligibility unknown)              UH
 *   not-invited     3.11   Not mailed / no invitation sent (eligibility unknown)    UH
 *   ineligible      4.10   Not eligible: screened out of the target population      NE
 */
import type { Disposition } from '../../sampling/response.js';

export type FieldStatus = 'not-invited' | 'invited' | 'started' | 'partial' | 'complete' | 'refused' | 'undeliverable' | 'ineligible';

/** In the order the status report lists them. */
export const FIELD_STATUSES: readonly FieldStatus[] = ['not-invited', 'invited', 'started', 'partial', 'complete', 'refused', 'undeliverable', 'ineligible'];

export interface AaporCode {
  /** AAPOR final disposition code. */
  readonly code: string;
  /** The code's name in the Standard Definitions. */
  readonly name: string;
  /** Its letter in the outcome-rate formulas (src/sampling/response.ts). */
  readonly letter: Disposition;
}

export const AAPOR_CODES: Readonly<Record<FieldStatus, AaporCode>> = {
  complete: { code: '1.1', name: 'Complete', letter: 'I' },
  partial: { code: '1.2', name: 'Partial', letter: 'P' },
  refused: { code: '2.11', name: 'Refusal', letter: 'R' },
  started: { code: '2.12', name: 'Break-off', letter: 'R' },
  undeliverable: { code: '3.30', name: 'Invitation returned undelivered', letter: 'UO' },
  invited: { code: '3.19', name: 'Nothing ever returned', letter: 'UH' },
  'not-invited': { code: '3.11', name: 'No invitation sent', letter: 'UH' },
  ineligible: { code: '4.10', name: 'Not eligible (screened out)', letter: 'NE' },
};
