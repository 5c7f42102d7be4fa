/** Errors of the fieldwork store, in words a researcher can act on. */
import { type ErrorLocation, SpiegelError } from '../../errors.js';

export class FieldStoreError extends SpiegelError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('IO', message, location);
    this.name = 'FieldStoreError';
  }
}
