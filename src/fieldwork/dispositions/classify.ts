/**
 * The one rule that gives a sampled unit its fieldwork status from what the store knows of it.
 * When several things are true at once, the first line that holds wins:
 *
 *   1. complete       its response was completed (a later opt-out does not undo an answered questionnaire)
 *   2. partial        it broke off at or above the export's partial threshold (the export keeps it,
 *                     so the response counts match the analysis file)
 *   3. ineligible     the researcher found it outside the target population
 *   4. refused        it opted out
 *   5. started        it opened the questionnaire and broke off below the threshold
 *   6. undeliverable  marked undeliverable, or every message to it bounced (none was sent or posted)
 *   7. invited        it was sent or posted an invitation (or invited_at is set)
 *   8. not-invited    nothing was sent yet
 */
import type { FieldStatus } from './aapor.js';

export interface UnitFacts {
  /** The participant record's progress. */
  readonly progress: 'invited' | 'started' | 'complete';
  /** How the export treats its response, when it has one linked. */
  readonly response?: 'complete' | 'partial' | 'left-out';
  readonly outcome?: 'refused' | 'undeliverable' | 'ineligible';
  /** invited_at set, or a message sent, posted or handed over in doubt. */
  readonly invited: boolean;
  /** Some message bounced and none was sent, posted or in doubt. */
  readonly allBounced: boolean;
}

export function fieldStatusOf(u: UnitFacts): FieldStatus {
  if (u.progress === 'complete' || u.response === 'complete') return 'complete';
  if (u.response === 'partial') return 'partial';
  if (u.outcome === 'ineligible') return 'ineligible';
  if (u.outcome === 'refused') return 'refused';
  if (u.progress === 'started' || u.response === 'left-out') return 'started';
  if (u.outcome === 'undeliverable' || u.allBounced) return 'undeliverable';
  return u.invited ? 'invited' : 'not-invited';
}
