/**
 * Time-based one-time passwords for the optional second factor: HOTP (RFC 4226: HMAC-SHA1 of
 * the 8-byte big-endian counter, dynamic truncation, modulo 10^digits) over the time step of
 * RFC 6238 (T = floor(unix seconds / 30)), 6 digits, accepted one step before and after the
 * current one for clock drift. The secret is 20 random bytes, shown once in base32 (RFC 4648)
 * inside an otpauth:// URI that authenticator apps read.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one. */
export const TOTP_DRIFT_STEPS = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (case, spaces and padding ignored); throws on any other character. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    const v = BASE32.indexOf(c);
    if (v < 0) throw new Error(`not a base32 character: "${c}"`);
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 §5.3: HOTP(K, C) = Truncate(HMAC-SHA-1(K, C)) mod 10^digits, zero-padded. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 §4.2: the time step of a moment. */
export function timeStep(ms: number, stepSeconds = TOTP_STEP_SECONDS): number {
  return Math.floor(ms / 1000 / stepSeconds);
}

export function totp(key: Buffer, ms: number, digits = TOTP_DIGITS): string {
  return hotp(key, timeStep(ms), digits);
}

/**
 * The time step whose code this is (within the drift window), or undefined. The caller refuses
 * a step already used (RFC 6238 §5.2: a code is accepted once).
 */
export function matchTotp(secretBase32: string, code: string, ms: number): number | undefined {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return undefined;
  const key = base32Decode(secretBase32);
  const now = timeStep(ms);
  let found: number | undefined;
  // Every candidate is computed and compared, so the time does not tell which step matched.
  for (let d = -TOTP_DRIFT_STEPS; d <= TOTP_DRIFT_STEPS; d++) {
    if (timingSafeEqual(Buffer.from(hotp(key, now + d)), Buffer.from(typed)) && found === undefined) found = now + d;
  }
  return found;
}

/** A new secret: 160 bits, as RFC 4226 §4 recommends, in base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The URI authenticator apps read (as text or as a QR code). */
export function otpauthUri(secretBase32: string, account: string, issuer: string): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  return `otpauth://totp/${label}?secret=${secretBase32}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_SECONDS}`;
}
