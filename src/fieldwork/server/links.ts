/**
 * The open (anonymous) link of a study: derived from the store's `cookie` secret, so every
 * instance knows it, nobody can guess it (128 bits), and the test link stays apart from it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface OpenLinks {
  readonly live: string;
  readonly test: string;
}

export function openLinks(secret: Buffer, studyId: string, wave: number): OpenLinks {
  const derive = (purpose: string): string =>
    createHmac('sha256', secret).update(`${purpose}\0${studyId}\0${wave}`).digest().subarray(0, 16).toString('base64url');
  return { live: derive('open-link'), test: derive('open-test-link') };
}

/** Which open link `candidate` is, compared in constant time. */
export function matchOpenLink(links: OpenLinks, candidate: string): 'live' | 'test' | undefined {
  const c = Buffer.from(candidate);
  const eq = (s: string): boolean => {
    const b = Buffer.from(s);
    return b.length === c.length && timingSafeEqual(b, c);
  };
  if (eq(links.live)) return 'live';
  if (eq(links.test)) return 'test';
  return undefined;
}
