/**
 * Password hashes and one-time codes against published values: HOTP from RFC 4226 appendix D,
 * TOTP (SHA-1) from RFC 6238 appendix B, base32 from RFC 4648 §10.
 */
import { describe, expect, it } from 'vitest';
import { checkPasswordRules, hashPassword, verifyPassword } from '../../../src/fieldwork/admin/password.js';
import { base32Decode, base32Encode, hotp, matchTotp, newTotpSecret, otpauthUri, timeStep, totp } from '../../../src/fieldwork/admin/totp.js';

describe('scrypt passwords', () => {
  it('verifies the right password and refuses a wrong one, with N=2^15, r=8, p=1 and a salt per hash', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', h)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', h)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', h)).toBe(false);
    const again = await hashPassword('correct horse battery staple');
    expect(again).not.toBe(h);
    expect(await verifyPassword('correct horse battery staple', again)).toBe(true);
  });

  it('refuses hashes that are not ours or have absurd parameters, without trying them', async () => {
    const h = await hashPassword('correct horse battery staple');
    const parts = h.split('$');
    expect(await verifyPassword('correct horse battery staple', ['bcrypt', ...parts.slice(1)].join('$'))).toBe(false);
    expect(await verifyPassword('correct horse battery staple', [parts[0], String(2 ** 30), ...parts.slice(2)].join('$'))).toBe(false);
    expect(await verifyPassword('correct horse battery staple', [parts[0], '1000', ...parts.slice(2)].join('$'))).toBe(false);
    expect(await verifyPassword('correct horse battery staple', 'scrypt$32768$8$1$abc')).toBe(false);
  });

  it('matches RFC 7914 §12 test vector 3 (scrypt N=16384, r=8, p=1) through the stored format', async () => {
    // P = "pleaseletmein", S = "SodiumChloride", dkLen 64 in the RFC: the first 32 bytes are our key.
    const key = Buffer.from('7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2', 'hex');
    const stored = `scrypt$16384$8$1$${Buffer.from('SodiumChloride').toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('pleaseletmein', stored)).toBe(true);
    expect(await verifyPassword('pleaseletmeout', stored)).toBe(false);
  });

  it('asks for at least 12 characters', () => {
    expect(() => checkPasswordRules('elevenchars')).toThrow(/at least 12 characters/);
    expect(() => checkPasswordRules('twelve chars')).not.toThrow();
  });
});

describe('HOTP and TOTP', () => {
  const rfcKey = Buffer.from('12345678901234567890', 'ascii');

  it('gives the HOTP values of RFC 4226 appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, c) => hotp(rfcKey, c))).toEqual(expected);
  });

  it('gives the SHA-1 TOTP values of RFC 6238 appendix B (8 digits)', () => {
    const table: [number, string, string][] = [
      [59, '0000000000000001', '94287082'],
      [1111111109, '00000000023523EC', '07081804'],
      [1111111111, '00000000023523ED', '14050471'],
      [1234567890, '000000000273EF07', '89005924'],
      [2000000000, '0000000003F940AA', '69279037'],
      [20000000000, '0000000027BC86AA', '65353130'],
    ];
    for (const [seconds, step, code] of table) {
      expect(timeStep(seconds * 1000)).toBe(parseInt(step, 16));
      expect(totp(rfcKey, seconds * 1000, 8)).toBe(code);
    }
  });

  it('accepts a code one step early or late and names the step it belongs to, nothing further', () => {
    const secret = base32Encode(rfcKey);
    const t = 1111111111_000;
    const step = timeStep(t);
    const six = (s: number): string => hotp(rfcKey, s);
    expect(matchTotp(secret, six(step), t)).toBe(step);
    expect(matchTotp(secret, six(step - 1), t)).toBe(step - 1);
    expect(matchTotp(secret, six(step + 1), t)).toBe(step + 1);
    expect(matchTotp(secret, six(step - 2), t)).toBeUndefined();
    expect(matchTotp(secret, six(step + 2), t)).toBeUndefined();
    expect(matchTotp(secret, `${six(step).slice(0, 3)} ${six(step).slice(3)}`, t)).toBe(step);
    expect(matchTotp(secret, 'abcdef', t)).toBeUndefined();
    expect(matchTotp(secret, '', t)).toBeUndefined();
  });

  it('encodes base32 as RFC 4648 §10 does (without padding) and back', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, coded] of vectors) {
      expect(base32Encode(Buffer.from(plain))).toBe(coded);
      expect(base32Decode(coded).toString()).toBe(plain);
    }
    expect(base32Encode(rfcKey)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'anna', 'spiegel teststudie')).toBe(
      'otpauth://totp/spiegel%20teststudie:anna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=spiegel%20teststudie&algorithm=SHA1&digits=6&period=30',
    );
  });
});
