/**
 * Stable GUIDs for REFI-QDA files: a name-based UUID (RFC 9562 §5.5, version 5: SHA-1 of a
 * namespace UUID and a name), so exporting the same codebook twice gives the same GUIDs and a
 * file sent to ATLAS.ti and back can be matched code by code.
 */
import { createHash } from 'node:crypto';

/** Namespace of spiegel's GUIDs (a random UUID fixed once for this program). */
const SPIEGEL_NAMESPACE = '6f1c2a4e-9b3d-4c57-8e21-5d0a7b9c3e14';

export function nameGuid(name: string): string {
  const ns = Buffer.from(SPIEGEL_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50; // version 5
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = b.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** GUID of a code: stable for the pair (codebook id, code id). */
export function codeGuid(codebook: string, code: string): string {
  return nameGuid(`code:${codebook}/${code}`);
}

export const GUID_PATTERN = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$|^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/;
