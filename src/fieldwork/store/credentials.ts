/**
 * Link tokens and login codes of participants.
 *
 * Token: 18 random bytes (144 bits, crypto.randomBytes), base64url: 24 characters that need no
 * escaping in a URL. Stored only as its SHA-256 (a 144-bit random value needs no slow hash).
 *
 * Login code (typed from a letter): 8 random characters plus 1 check character, printed in three
 * groups of three (`K7M-4XR-9TC`), from 23 characters without look-alikes:
 *
 *   3 4 6 7 9 A C D E F H J K M N P R T U V W X Y
 *
 * left out: 0, O and Q (round shapes), 1, I and L, 2 and Z, 5 and S, 8 and B, G (like 6). 23 is
 * prime, so the check character can be a weighted sum modulo 23 (the ISBN-10 scheme, mod 11,
 * carried over to a prime alphabet size): with values v1..v9 (v9 the check), Σ i·vi ≡ 0 (mod 23). Because 23 is prime and the weights
 * 1..9 are distinct and non-zero modulo 23, every single wrong character and every swap of two
 * characters (adjacent or not) changes the sum and is caught. 23^8 ≈ 7.8·10^10 codes: with
 * 4,000 participants, one guess hits a code with probability 5·10^-8, and the server limits
 * guesses (countLoginAttempt). Stored as HMAC-SHA-256 under the store's `login-code` secret, so a
 * copy of the database alone does not allow trying all codes offline.
 */
import { createHash, createHmac, randomBytes, randomInt } from 'node:crypto';

/** 23 characters, none of which is easily mistaken for another on paper or screen. */
export const LOGIN_CODE_ALPHABET = '34679ACDEFHJKMNPRTUVWXY';
const BASE = LOGIN_CODE_ALPHABET.length; // 23, prime
const DATA_LENGTH = 8;

export function newToken(): string {
  return randomBytes(18).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new login code, formatted in groups of three: `K7M-4XR-9TC`. */
export function newLoginCode(): string {
  let data = '';
  for (let i = 0; i < DATA_LENGTH; i++) data += LOGIN_CODE_ALPHABET[randomInt(BASE)];
  return formatLoginCode(data + checkCharacter(data));
}

/** The check character of `data` (alphabet characters): Σ i·v_i over data and check ≡ 0 mod 23. */
export function checkCharacter(data: string): string {
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += (i + 1) * valueOf(data[i]);
  const weight = data.length + 1;
  // Solve weight·c ≡ -sum (mod 23) with the inverse of weight (23 is prime: Fermat).
  const c = (((BASE - (sum % BASE)) % BASE) * modPow(weight, BASE - 2, BASE)) % BASE;
  return LOGIN_CODE_ALPHABET[c];
}

/** Upper case without spaces, dashes and dots: what the respondent typed, as stored. */
export function normaliseLoginCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s\-.]/g, '');
}

/** True when `typed` (after normalising) has the right length, alphabet and check character. */
export function isWellFormedLoginCode(typed: string): boolean {
  const code = normaliseLoginCode(typed);
  if (code.length !== DATA_LENGTH + 1) return false;
  let sum = 0;
  for (let i = 0; i < code.length; i++) {
    const v = LOGIN_CODE_ALPHABET.indexOf(code[i]);
    if (v < 0) return false;
    sum += (i + 1) * v;
  }
  return sum % BASE === 0;
}

export function formatLoginCode(code: string): string {
  const c = normaliseLoginCode(code);
  return c.match(/.{1,3}/g)?.join('-') ?? c;
}

/** HMAC-SHA-256 of the normalised code under the store's `login-code` secret. */
export function loginCodeHash(code: string, secret: Buffer): string {
  return createHmac('sha256', secret).update(normaliseLoginCode(code), 'utf8').digest('hex');
}

function valueOf(ch: string): number {
  const v = LOGIN_CODE_ALPHABET.indexOf(ch);
  if (v < 0) throw new RangeError(`"${ch}" is not a login-code character`);
  return v;
}

function modPow(b: number, e: number, m: number): number {
  let r = 1;
  let x = b % m;
  while (e > 0) {
    if (e & 1) r = (r * x) % m;
    x = (x * x) % m;
    e >>= 1;
  }
  return r;
}
