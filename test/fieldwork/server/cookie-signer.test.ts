import { Signer } from '@fastify/cookie';
import { describe, expect, it } from 'vitest';
import { rememberingSigner } from '../../../src/fieldwork/server/cookie-signer.js';

describe('rememberingSigner', () => {
  it('answers as the plain HMAC signer does, also for a cookie it has seen before or a tampered copy', () => {
    const plain = new Signer('c2VjcmV0', 'sha256');
    const signer = rememberingSigner('c2VjcmV0', 2);
    const good = signer.sign('eyJyIjoiYSJ9');
    expect(good).toBe(plain.sign('eyJyIjoiYSJ9'));
    const tampered = `${good.slice(0, -1)}${good.endsWith('A') ? 'B' : 'A'}`;
    const other = new Signer('another secret', 'sha256').sign('eyJyIjoiYSJ9');
    // Twice each (the second answer comes from memory), and more cookies than it keeps.
    for (let round = 0; round < 2; round++) {
      for (const cookie of [good, tampered, other, 'no-dot', good]) expect(signer.unsign(cookie)).toEqual(plain.unsign(cookie));
    }
    expect(signer.unsign(good)).toEqual({ valid: true, renew: false, value: 'eyJyIjoiYSJ9' });
    expect(signer.unsign(tampered).valid).toBe(false);
  });
});
