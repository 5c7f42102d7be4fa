/**
 * Tokens and login codes. The check-character claims are verified exhaustively over random
 * codes: every single substitution and every swap of two different characters must fail the check.
 */
import { describe, expect, it } from 'vitest';
import {
  LOGIN_CODE_ALPHABET,
  checkCharacter,
  formatLoginCode,
  isWellFormedLoginCode,
  loginCodeHash,
  newLoginCode,
  newToken,
  normaliseLoginCode,
  tokenHash,
} from '../../../src/fieldwork/store/credentials.js';

describe('link tokens', () => {
  it('are 144 random bits as 24 URL-safe characters, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const t = newToken();
      expect(t).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(Buffer.from(t, 'base64url').length).toBe(18);
      seen.add(t);
    }
    expect(seen.size).toBe(2000);
  });

  it('are stored as SHA-256', () => {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    expect(tokenHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('login codes', () => {
  it('use 23 characters without look-alikes', () => {
    expect(LOGIN_CODE_ALPHABET).toHaveLength(23);
    expect(new Set(LOGIN_CODE_ALPHABET).size).toBe(23);
    for (const lookAlike of '0O Q 1 I L 2 Z 5 S 8 B G'.replace(/ /g, '')) expect(LOGIN_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('are 9 characters in groups of three, with a valid check character', () => {
    for (let i = 0; i < 500; i++) {
      const c = newLoginCode();
      expect(c).toMatch(new RegExp(`^[${LOGIN_CODE_ALPHABET}]{3}-[${LOGIN_CODE_ALPHABET}]{3}-[${LOGIN_CODE_ALPHABET}]{3}$`));
      expect(isWellFormedLoginCode(c)).toBe(true);
      expect(isWellFormedLoginCode(c.toLowerCase().replace(/-/g, ' '))).toBe(true);
    }
  });

  it('have the check character worked out by hand', () => {
    // Values: "4" = 1, "3" = 0. Data 4 3 3 3 3 3 3 3 → Σ i·v_i = 1·1 = 1; the check c at weight 9
    // needs 9c ≡ -1 ≡ 22 (mod 23): 9·5 = 45 = 23 + 22, so c = 5, the 6th character, "A".
    expect(checkCharacter('43333333')).toBe('A');
    expect(isWellFormedLoginCode('433-333-33A')).toBe(true);
  });

  it('catch every single wrong character and every swap of two different characters', () => {
    for (let n = 0; n < 200; n++) {
      const code = normaliseLoginCode(newLoginCode());
      for (let i = 0; i < code.length; i++) {
        for (const ch of LOGIN_CODE_ALPHABET) {
          if (ch === code[i]) continue;
          expect(isWellFormedLoginCode(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
        }
        for (let j = i + 1; j < code.length; j++) {
          if (code[i] === code[j]) continue;
          const swapped = code.split('');
          [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
          expect(isWellFormedLoginCode(swapped.join(''))).toBe(false);
        }
      }
    }
  });

  it('refuse other lengths and characters outside the alphabet', () => {
    expect(isWellFormedLoginCode('')).toBe(false);
    expect(isWellFormedLoginCode('433-333-33')).toBe(false);
    expect(isWellFormedLoginCode('433-333-33A4')).toBe(false);
    expect(isWellFormedLoginCode('O33-333-33A')).toBe(false);
    expect(formatLoginCode('43333333a')).toBe('433-333-33A');
  });

  it('are stored as HMAC-SHA-256 of the normalised code under the store secret', () => {
    const key = Buffer.alloc(32, 7);
    expect(loginCodeHash('433-333-33a', key)).toBe(loginCodeHash('43333333A', key));
    expect(loginCodeHash('43333333A', key)).not.toBe(loginCodeHash('43333333A', Buffer.alloc(32, 8)));
  });
});
