import { type ErrorLocation, SpiegelError } from '../errors.js';

/**
 * A weighting request that cannot be carried out on this data: a margin category the data does
 * not have, an empty cell, margins whose totals disagree, a weight that is zero or negative.
 * The message names the margin (as `margins[i]`), the category and, where it applies, the row.
 */
export class WeightingError extends SpiegelError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('WEIGHTING', message, location);
    this.name = 'WeightingError';
  }
}

