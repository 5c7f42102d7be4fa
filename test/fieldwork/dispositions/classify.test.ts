/**
 * The precedence of src/fieldwork/dispositions/classify.ts, one case per line of its table, and
 * the AAPOR letters each status counts as in the rates.
 */
import { describe, expect, it } from 'vitest';
import { AAPOR_CODES, FIELD_STATUSES } from '../../../src/fieldwork/dispositions/aapor.js';
import { fieldStatusOf, type UnitFacts } from '../../../src/fieldwork/dispositions/classify.js';

const base: UnitFacts = { progress: 'invited', invited: true, allBounced: false };

describe('fieldwork status of a unit', () => {
  it('takes the first rule that holds', () => {
    const cases: [Partial<UnitFacts>, string][] = [
      // an anonymous study's completed response is unlinked: only the participant's progress says so
      [{ progress: 'complete' }, 'complete'],
      [{ progress: 'complete', outcome: 'refused' }, 'complete'],
      [{ progress: 'started', response: 'complete' }, 'complete'],
      [{ progress: 'started', response: 'partial', outcome: 'ineligible' }, 'partial'],
      [{ progress: 'started', response: 'partial', outcome: 'refused' }, 'partial'],
      [{ progress: 'started', response: 'left-out', outcome: 'ineligible' }, 'ineligible'],
      [{ outcome: 'ineligible', allBounced: true }, 'ineligible'],
      [{ progress: 'started', response: 'left-out', outcome: 'refused' }, 'refused'],
      [{ progress: 'started', response: 'left-out', outcome: 'undeliverable' }, 'started'],
      [{ progress: 'started' }, 'started'],
      [{ outcome: 'undeliverable' }, 'undeliverable'],
      [{ invited: false, allBounced: true }, 'undeliverable'],
      [{}, 'invited'],
      [{ invited: false }, 'not-invited'],
    ];
    expect(cases.map(([facts]) => fieldStatusOf({ ...base, ...facts }))).toEqual(cases.map(([, want]) => want));
  });

  it('maps every status to one AAPOR code and its rate letter', () => {
    expect(FIELD_STATUSES.map((s) => `${s} ${AAPOR_CODES[s].code} ${AAPOR_CODES[s].letter}`)).toEqual([
      'not-invited 3.11 UH',
      'invited 3.19 UH',
      'started 2.12 R',
      'partial 1.2 P',
      'complete 1.1 I',
      'refused 2.11 R',
      'undeliverable 3.30 UO',
      'ineligible 4.10 NE',
    ]);
  });
});
