/**
 * Pseudonyms for participant ids at the purge. A sample's unit id may be a personal number (a
 * BSN, a client number); after the purge the store keeps a pseudonym instead, the same one in
 * participants, responses and the mail log, so the links between them (and the dispositions
 * and response rates built on them) stay.
 *
 * The pseudonym is HMAC-SHA-256 of the id under a key of 32 random bytes made for this purge and
 * never stored: nobody, the research team included, can recompute it from a list of numbers
 * (an unkeyed hash of a 9-digit number is undone by trying all 10^9). 128 bits of it are kept.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'anon-';

/** True for an id that a purge already replaced. */
export function isPseudonym(id: string): boolean {
  return /^anon-[0-9a-f]{32}$/.test(id);
}

/** A function from ids to pseudonyms, under a fresh key that dies with the function. */
export function pseudonymiser(): (id: string) => string {
  const key = randomBytes(32);
  return (id) => PREFIX + createHmac('sha256', key).update(id, 'utf8').digest('hex').slice(0, 32);
}

/** A random value in the shape of a credential hash (64 hex characters): matches no token or code. */
export function randomHash(): string {
  return randomBytes(32).toString('hex');
}
