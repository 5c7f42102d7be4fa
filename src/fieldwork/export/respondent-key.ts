/**
 * A stable key per respondent in the export, for work that must survive a re-export (codings of
 * open answers made during fieldwork): the export's `id` numbers respondents in order, so a later
 * break-off crossing the partial threshold shifts it. The key is an HMAC of the response's id
 * under a secret of the store, with its own label: it says nothing about contact data, is not the
 * response id (nor a credential), and cannot be computed without the store.
 */
import { createHmac } from 'node:crypto';

/** Name of the key column in the export (a string variable). */
export const RESPONDENT_KEY = 'respondent_key';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** 16 characters of a 32-letter alphabet: 80 bits, far beyond any chance of two respondents sharing a key. */
export function respondentKeyer(secret: Buffer): (responseId: string) => string {
  return (responseId) => {
    const mac = createHmac('sha256', secret).update(`spiegel respondent key\u0000${responseId}`, 'utf8').digest();
    let out = '';
    for (let i = 0; i < 16; i++) out += ALPHABET[mac[i] & 31];
    return out;
  };
}
