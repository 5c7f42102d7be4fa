import { type ErrorLocation, SpiegelError } from '../errors.js';

/** A sample that cannot be drawn as asked: a stratum asked for more units than it has, duplicate keys. */
export class SamplingError extends SpiegelError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SAMPLING', message, location);
    this.name = 'SamplingError';
  }
}
