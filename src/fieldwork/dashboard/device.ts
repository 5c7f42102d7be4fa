/**
 * The kind of device a respondent started on, from the User-Agent of the first request: enough
 * for the dashboard's devices figure (do phones break off more?), nothing that identifies.
 *
 * Rules, in order (the same tokens browsers have sent for a decade):
 *   iPad, Tablet, Kindle, Silk, PlayBook        → tablet
 *   iPhone, iPod, Windows Phone, BlackBerry     → phone
 *   Android with "Mobile"                       → phone   (Android phones send it, tablets do not)
 *   Android without "Mobile"                    → tablet
 *   Mobi (Opera Mini, Firefox OS, …)            → phone
 *   anything else                               → desktop
 * An iPad on iPadOS 13 or later asks for desktop pages and sends a Macintosh User-Agent: it
 * counts as desktop, since nothing in the request tells them apart. No User-Agent: unknown.
 */
import type { Device } from '../store/types.js';

export function classifyDevice(userAgent: string | undefined): Device | undefined {
  const ua = (userAgent ?? '').trim();
  if (ua === '') return undefined;
  if (/iPad|Tablet|Kindle|Silk\/|PlayBook/i.test(ua)) return 'tablet';
  if (/iPhone|iPod|Windows Phone|BlackBerry|BB10/i.test(ua)) return 'phone';
  if (/Android/i.test(ua)) return /Mobile/i.test(ua) ? 'phone' : 'tablet';
  if (/Mobi/i.test(ua)) return 'phone';
  return 'desktop';
}
