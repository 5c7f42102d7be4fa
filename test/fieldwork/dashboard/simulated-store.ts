/**
 * A store of a few hundred simulated responses for looking at the dashboard in a browser: 620
 * sampled in five regions (one of only 6 people, to show small-cell suppression), about 300
 * starting over four weeks with peaks after the invitation and the reminder, three in four
 * completing, break-offs spread over the pages, phones, tablets and computers. Written through
 * the store API with the clock set per step, from a seeded generator (the same store each run).
 */
import { vi } from 'vitest';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import type { Device, FieldStore, NewParticipant } from '../../../src/fieldwork/store/types.js';
import { seeded } from '../server/simulate.js';

export const REGIONS: Readonly<Record<string, number>> = { Noord: 180, Oost: 160, Zuid: 150, West: 124, Eilanden: 6 };
export const TARGETS: Readonly<Record<string, number>> = { Noord: 80, Oost: 70, Zuid: 60, West: 50, Eilanden: 3 };

export async function fillSimulated(store: FieldStore, pages: number, firstDay = Date.parse('2021-06-15T07:00:00Z')): Promise<void> {
  const rng = seeded(2021);
  const people: NewParticipant[] = [];
  for (const [region, n] of Object.entries(REGIONS)) {
    for (let i = 1; i <= n; i++) {
      people.push({ id: `${region}-${i}`, token: newToken(), loginCode: newLoginCode(), test: false, register: { regio: region }, contact: {} });
    }
  }
  await store.addParticipants(people);
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (const p of people) {
      if (rng.next() > (p.register.regio === 'Eilanden' ? 0.6 : 0.49)) continue;
      // Most start in the first days after the invitation, a second wave after the reminder on day 14.
      const day = rng.next() < 0.7 ? Math.floor(-Math.log(1 - rng.next()) * 3) : 14 + Math.floor(-Math.log(1 - rng.next()) * 2.5);
      const started = firstDay + Math.min(day, 27) * 86_400_000 + Math.floor(rng.next() * 14 * 3_600_000);
      const u = rng.next();
      const device: Device | undefined = u < 0.55 ? 'phone' : u < 0.64 ? 'tablet' : u < 0.98 ? 'desktop' : undefined;
      vi.setSystemTime(started);
      const r = await store.startResponse({ participantId: p.id, structureHash: 'sim', ...(device === undefined ? {} : { device }) });
      if (rng.next() < 0.76) {
        const minutes = 6 + 30 * rng.next() * rng.next() + (rng.next() < 0.05 ? 600 * rng.next() : 0);
        vi.setSystemTime(started + minutes * 60_000);
        await store.submitPage({ responseId: r.id, expectedRevision: r.revision, pageId: 'x', answers: { a: 1 }, skipped: [], pageIndex: pages, status: 'complete' });
      } else {
        // Break-offs mostly early; a few on the long grids further on.
        const page = Math.min(pages - 1, Math.floor(pages * rng.next() * rng.next()));
        if (page > 0) {
          vi.setSystemTime(started + 5 * 60_000);
          await store.submitPage({ responseId: r.id, expectedRevision: r.revision, pageId: 'x', answers: { a: 2 }, skipped: [], pageIndex: page, status: 'started' });
        }
      }
    }
  } finally {
    vi.useRealTimers();
  }
}
