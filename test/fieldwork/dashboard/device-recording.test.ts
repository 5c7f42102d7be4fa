/**
 * The respondent server records the kind of device a response was started on (from the
 * User-Agent of the first request), on a real store: the dashboard's devices figure reads it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFieldServer } from '../../../src/fieldwork/server/app.js';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { buildSchedule } from '../../../src/fieldwork/server/schedule.js';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import { loadSpec } from '../../../src/spec/load.js';

const tmp = mkdtempSync(join(tmpdir(), 'spiegel-device-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

describe('device of a started response', () => {
  it('is classified from the User-Agent when a personal link is opened, and kept on a second visit', async () => {
    const spec = loadSpec('test/fixtures/fieldwork/study.yaml').spec;
    const parts = questionnaireParts(spec, 2021);
    const store = await createFieldStore({ engine: 'sqlite', file: join(tmp, 'd.sqlite') }, {
      studyId: 'veldwerk', wave: 2021, structureHash: parts.questionnaire.structureHash, structure: '{}', anonymous: false,
    });
    const tokens = [newToken(), newToken(), newToken()];
    await store.addParticipants(tokens.map((token, i) => ({ id: `p${i}`, token, loginCode: newLoginCode(), test: false, register: {}, contact: {} })));
    const app = await createFieldServer({ store, parts, mode: 'personal', schedule: buildSchedule(undefined), secret: randomBytes(32), studyId: 'veldwerk', log: () => undefined });
    try {
      const open = async (token: string, ua?: string): Promise<number> =>
        (await app.inject({ method: 'GET', url: `/s/${token}`, headers: { 'user-agent': ua ?? '' } })).statusCode;
      expect(await open(tokens[0], IPHONE)).toBe(303);
      expect(await open(tokens[1], WINDOWS)).toBe(303);
      expect(await open(tokens[2])).toBe(303); // no User-Agent (inject would send its own otherwise)
      // the same person later on a computer: the response keeps the device it was started on
      expect(await open(tokens[0], WINDOWS)).toBe(303);
      const rows = await store.db.selectFrom('field_responses').select(['participant_id', 'device']).orderBy('participant_id').execute();
      expect(rows).toEqual([
        { participant_id: 'p0', device: 'phone' },
        { participant_id: 'p1', device: 'desktop' },
        { participant_id: 'p2', device: null },
      ]);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
