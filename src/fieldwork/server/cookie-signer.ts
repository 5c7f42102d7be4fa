/**
 * The cookie signer (HMAC-SHA256, @fastify/cookie's Signer) with the cookies it has already
 * checked remembered. A respondent sends the same signed session and CSRF-secret cookies with
 * every page, and each was checked anew: two to three HMACs per request, a visible share of
 * the server's CPU per page in the profile under load (bench/field.bench.ts).
 *
 * The memory maps an exact signed string to its outcome under this server's one secret, so it
 * answers as the HMAC would; it holds at most `kept` cookies, the oldest forgotten first.
 */
import { Signer, type UnsignResult } from '@fastify/cookie';

const KEPT = 10_000;

/** What @fastify/cookie accepts as its `secret`: a signer. */
export interface CookieSigner {
  sign(value: string): string;
  unsign(signed: string): UnsignResult;
}

export function rememberingSigner(secret: string, kept = KEPT): CookieSigner {
  const signer = new Signer(secret, 'sha256');
  const checked = new Map<string, UnsignResult>();
  return {
    sign: (value: string) => signer.sign(value),
    unsign: (signed: string) => {
      const known = checked.get(signed);
      if (known !== undefined) return known;
      const result = signer.unsign(signed);
      if (checked.size >= kept) checked.delete(checked.keys().next().value!);
      checked.set(signed, result);
      return result;
    },
  };
}
